//! The rules of the programme: eligibility of documents on a day, the cost
//! of a document, the funding allocation between funders, and budgets.

pub mod budget;
pub mod cost;
pub mod dossier;
pub mod eligibility;
pub mod explain;
pub mod funding;
