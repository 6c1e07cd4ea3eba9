//! The formats at the edge: strict reading and writing of v1 JSON, and the
//! saved file (programme, initial data, event log).

pub(crate) mod fast_command;
pub(crate) mod json;
pub(crate) mod saved_file;
pub mod serde_read;
pub(crate) mod writer;
