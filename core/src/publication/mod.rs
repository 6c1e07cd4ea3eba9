//! Publication (mise en ligne): what was digitised, given out to the
//! readers' side — the Dublin Core record of each published document and
//! an OAI-PMH 2.0 repository that Gallica, l'Armarium or a departmental
//! digital library harvests (seeds 001 and 004: "moissonnage OAI").

pub mod dublin_core;
pub mod oai;
pub mod xml;

pub use dublin_core::DublinCore;
pub use oai::{respond, Options, Repository};
