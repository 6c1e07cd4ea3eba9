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

// The files follow the glossary of domain.md: the codes and limits at the
// bottom, then the values, the programme (rulebook), the campaign's data
// and agreements, the rules (eligibility, cost, funding, budget), the
// lifecycle (campaign, commands, state, custody, event log), publication
// (Dublin Core records, the OAI-PMH repository), the formats at
// the edge (JSON, the saved file) and the spreadsheet import.
pub mod codes;
pub mod error;
pub mod limits;
pub mod values;

pub mod campaign_data;
pub mod convention;
pub mod programme;

pub mod lifecycle;
pub mod publication;
pub mod rules;

mod format;
pub mod import;
pub mod lang;

pub use campaign_data::{CampaignData, Document, Institution, SharedCost};
pub use codes::{Kind as CodeKind, Reason, Warning};
pub use convention::{Amendment, Convention, Termination};
pub use error::{BudgetError, CommandError, Issue, IssueCode, LoadError, ValidationError};
pub use format::serde_read::ReadError;
pub use import::{
    import_proposals, import_spreadsheet, ImportError, ImportReport, SheetChoice, SourceFormat,
};
pub use lang::Lang;
pub use lifecycle::command::{Action, Command, Returns};
pub use lifecycle::state::{Admin, Custody, Digital, DocumentState, Preparation, Shipment};
pub use lifecycle::Campaign;
pub use programme::Programme;
pub use rules::budget::{Budget, BudgetLine, BudgetMode};
pub use rules::eligibility::Eligibility;
pub use rules::funding::FundingWarning;
pub use values::money::{Money, Rate, UnitPrice};
pub use values::vocabulary::{
    ConventionKind, Format, Grade, InstitutionKind, Rights, Size, Theme, Typology,
};
pub use values::{
    ConventionId, Count, DocList, DocumentId, Id, InstitutionId, ShipmentId, Text, ValueError,
    Views, Year,
};

/// The README's Rust snippet, compiled by `cargo test --doc` as written.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The crate's own README (what crates.io shows), its example run as a test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;

/// The version of this library (the workspace version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A calendar day (no time, no zone).
pub type Date = chrono::NaiveDate;
