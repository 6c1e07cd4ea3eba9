//! The programmes of the seed documents, shipped as data and loadable by id
//! (domain.md §8). Each preset file holds the programme and, beside it, the
//! sources of its figures and which of them are published or illustrative.

use serde_json::Value;

use crate::error::LoadError;
use crate::programme::Programme;

const PRESETS: &[(&str, &str)] = &[
    (
        "hauts-de-france",
        include_str!("../../presets/hauts-de-france.json"),
    ),
    (
        "collex-persee",
        include_str!("../../presets/collex-persee.json"),
    ),
    (
        "pole-associe",
        include_str!("../../presets/pole-associe.json"),
    ),
];

/// The ids of the shipped presets.
#[must_use]
pub(crate) fn ids() -> Vec<&'static str> {
    PRESETS.iter().map(|(id, _)| *id).collect()
}

/// The whole preset file of an id (programme, sources, figure notes).
///
/// # Errors
/// [`LoadError::UnknownPreset`]; [`LoadError::InvalidJson`] if a shipped file is damaged.
pub(crate) fn preset_file(id: &str) -> Result<Value, LoadError> {
    let text = PRESETS
        .iter()
        .find(|(p, _)| *p == id)
        .map(|(_, t)| *t)
        .ok_or_else(|| LoadError::UnknownPreset(id.to_string()))?;
    crate::format::json::parse(text).map_err(|e| LoadError::InvalidJson(e.detail))
}

impl Programme {
    /// The ids of the shipped presets.
    #[must_use]
    pub fn preset_ids() -> Vec<&'static str> {
        ids()
    }

    /// A shipped programme by id: `hauts-de-france`, `collex-persee`, `pole-associe`.
    ///
    /// # Errors
    /// [`LoadError::UnknownPreset`] for another id.
    pub fn preset(id: &str) -> Result<Programme, LoadError> {
        let file = preset_file(id)?;
        let programme = file.get("programme").unwrap_or(&Value::Null);
        Ok(Programme::from_value(programme)?)
    }

    /// A programme from a vector-style reference: `"preset:<id>"` or a full object.
    ///
    /// # Errors
    /// [`LoadError`].
    pub fn from_reference(v: &Value) -> Result<Programme, LoadError> {
        match v {
            Value::String(s) => match s.strip_prefix("preset:") {
                Some(id) => Programme::preset(id),
                None => Err(LoadError::UnknownPreset(s.clone())),
            },
            other => Ok(Programme::from_value(other)?),
        }
    }
}

#[cfg(test)]
#[path = "presets_tests.rs"]
mod tests;
