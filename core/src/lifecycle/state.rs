//! The state of a document in its independent parts (domain.md §7):
//! admin, preparation, custody, digital, publication, condition, incidents.

use std::collections::BTreeMap;

use crate::values::money::Money;
use crate::values::vocabulary::Grade;
use crate::Date;

/// Administrative state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Admin {
    /// Proposed, not decided.
    Proposed,
    /// Selected for the campaign.
    Selected,
    /// Rejected.
    Rejected,
    /// Withdrawn by its institution.
    Withdrawn,
}

impl Admin {
    /// The v1 name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Admin::Proposed => "proposed",
            Admin::Selected => "selected",
            Admin::Rejected => "rejected",
            Admin::Withdrawn => "withdrawn",
        }
    }
}

/// Preparation state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preparation {
    /// Nothing yet.
    None,
    /// Condition report recorded.
    ConditionChecked,
    /// Prepared (and collated for serials).
    Prepared,
}

impl Preparation {
    /// The v1 name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Preparation::None => "none",
            Preparation::ConditionChecked => "condition_checked",
            Preparation::Prepared => "prepared",
        }
    }
}

/// Where the physical document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Custody {
    /// At its institution.
    Holder,
    /// At a provider.
    Provider {
        /// The shipment (its position in the campaign's shipments).
        shipment: usize,
        /// Since when.
        since: Date,
    },
}

/// State of the images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Digital {
    /// Nothing delivered.
    None,
    /// Delivered, waiting for QC.
    Delivered,
    /// QC failed: rework expected.
    QcFailed,
    /// QC passed.
    QcPassed,
}

impl Digital {
    /// The v1 name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Digital::None => "none",
            Digital::Delivered => "delivered",
            Digital::QcFailed => "qc_failed",
            Digital::QcPassed => "qc_passed",
        }
    }
}

/// An incident: the document came back in a worse condition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Incident {
    /// The day of the return.
    pub date: Date,
    /// Grade at departure.
    pub departure_grade: Grade,
    /// Grade on return.
    pub return_grade: Grade,
}

impl Incident {
    /// The stable code.
    pub const CODE: &'static str = "CONDITION_DEGRADED";
}

/// The full state of one document.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{Admin, Campaign, Custody, Programme};
/// let mut campaign = Campaign::from_json(Programme::preset("hauts-de-france")?, CAMPAIGN)?;
/// for command in [
///     r#"{"type": "select", "doc": "D1", "date": "2026-04-15"}"#,
///     r#"{"type": "record_condition", "doc": "D1", "grade": "good", "date": "2026-04-20"}"#,
///     r#"{"type": "prepare", "doc": "D1", "issues": 52, "date": "2026-04-21"}"#,
///     r#"{"type": "ship", "shipment": "S1", "provider": "SIM", "docs": ["D1"], "date": "2026-05-02"}"#,
/// ] {
///     campaign.execute_json(command)?;
/// }
/// let s = campaign.state("D1").ok_or("D1")?;
/// assert_eq!(s.admin, Admin::Selected);
/// assert!(matches!(s.custody, Custody::Provider { .. }));
/// # Ok(())
/// # }
/// # const CAMPAIGN: &str = r#"{"id": "hdf-2026", "programme": "hauts-de-france", "year": 2026,
/// #   "ends_on": "2027-06-30",
/// #   "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
/// #                     "size": "medium", "membership_years": [2026]}],
/// #   "conventions": [{"id": "C1", "institution": "FR-801216101", "kind": "coordinator",
/// #                    "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2027-12-31"}],
/// #   "documents": [{"id": "D1", "institution": "FR-801216101", "title": "Le Progrès de la Somme",
/// #                  "author": "Collectif", "date": "1871", "typology": "press", "format": "A2",
/// #                  "views": 1200, "themes": ["regional_interest"], "rights": "public_domain",
/// #                  "ocr": true, "proposed_on": "2026-02-10"},
/// #                 {"id": "D2", "institution": "FR-801216101", "typology": "press",
/// #                  "rights": "protected", "proposed_on": "2026-04-02"}]}"#;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentState {
    /// Administrative state.
    pub admin: Admin,
    /// Preparation.
    pub preparation: Preparation,
    /// Custody.
    pub custody: Custody,
    /// Images.
    pub digital: Digital,
    /// Deliveries so far.
    pub round: u32,
    /// Views of the latest delivery.
    pub views: Option<u64>,
    /// Published targets and their identifiers.
    pub published: BTreeMap<String, String>,
    /// The day of the latest `publish` command (a first publication, a new
    /// target or a replaced identifier): the datestamp of the document's
    /// OAI-PMH record.
    pub published_on: Option<Date>,
    /// Preserved (SPAR).
    pub preserved: bool,
    /// Grade of the condition report before departure.
    pub departure_grade: Option<Grade>,
    /// Grade on the latest return.
    pub return_grade: Option<Grade>,
    /// Incidents.
    pub incidents: Vec<Incident>,
    /// Times shipped.
    pub shipments: u32,
    /// Issues collated at preparation (serials).
    pub issues: Option<u64>,
}

impl Default for DocumentState {
    fn default() -> Self {
        DocumentState {
            admin: Admin::Proposed,
            preparation: Preparation::None,
            custody: Custody::Holder,
            digital: Digital::None,
            round: 0,
            views: None,
            published: BTreeMap::new(),
            published_on: None,
            preserved: false,
            departure_grade: None,
            return_grade: None,
            incidents: Vec::new(),
            shipments: 0,
            issues: None,
        }
    }
}

impl DocumentState {
    /// Whether the document is at a provider.
    #[must_use]
    pub fn at_provider(&self) -> bool {
        matches!(self.custody, Custody::Provider { .. })
    }
}

/// A shipment to a provider, with its manifest (bordereau d'envoi).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    /// Identifier.
    pub id: String,
    /// The provider.
    pub provider: String,
    /// Day of departure.
    pub date: Date,
    /// The documents, as listed.
    pub docs: Vec<String>,
    /// Sum of their insured values.
    pub insured_total: Money,
}
