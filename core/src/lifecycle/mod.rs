//! The document lifecycle from proposal to return (domain.md §7): the live
//! campaign, its commands, the state of each document, the custody report
//! and the event log.

pub mod campaign;
pub mod command;
pub mod custody;
pub mod event_log;
pub mod publication_index;
pub mod snapshot;
pub mod state;

pub use campaign::Campaign;
