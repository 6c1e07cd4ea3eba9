//! # numconc — concerted digitisation programmes for written heritage
//!
//! A pure domain library: eligibility of institutions and documents, exact
//! costs and cost-sharing between funders, and the document lifecycle from
//! proposal to return, with an event log that replays to the same state.
//!
//! No I/O, no clock, no global state: today's date is always a parameter.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use numconc::{Campaign, Programme};
//! let programme = Programme::preset("hauts-de-france")?;
//! let campaign_json = r#"{"id": "hdf-2026", "programme": "hauts-de-france", "year": 2026,
//!   "ends_on": "2027-06-30", "institutions": [], "conventions": [], "documents": [],
//!   "shared_costs": []}"#;
//! let campaign = Campaign::from_json(programme, campaign_json)?;
//! assert_eq!(campaign.documents().count(), 0);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

pub mod budget;
pub mod campaign;
pub mod codes;
pub mod command;
pub mod convention;
pub mod cost;
pub mod custody;
pub mod edtf;
pub mod eligibility;
pub mod error;
pub mod event_log;
pub mod funding;
pub mod identifiers;
pub mod import;

mod json;
pub mod lifecycle;
pub mod limits;
pub mod money;
pub mod persistence;
pub mod presets;
pub mod programme;
pub mod state;
pub mod values;
pub mod vocabulary;

pub use budget::{Budget, BudgetLine, BudgetMode};
pub use campaign::{CampaignData, Document, Institution, SharedCost};
pub use command::Command;
pub use convention::{Amendment, Convention, Termination};
pub use eligibility::{Eligibility, Reason, Warning};
pub use error::{BudgetError, CommandError, Issue, IssueCode, LoadError, ValidationError};
pub use lifecycle::Campaign;
pub use money::{Money, Rate, UnitPrice};
pub use programme::Programme;

/// The version of this library (the workspace version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A calendar day (no time, no zone).
pub type Date = chrono::NaiveDate;
