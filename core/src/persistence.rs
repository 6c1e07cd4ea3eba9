//! Saving and loading a campaign as one JSON document:
//! `{"schema_version": 1, "programme": …, "campaign": …, "events": […]}`.
//! Loading replays and validates the log; save → load → save is
//! byte-identical.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::campaign::CampaignData;
use crate::command::Command;
use crate::error::{IssueCode, LoadError, ValidationError};
use crate::lifecycle::Campaign;
use crate::programme::Programme;

/// The schema version this library writes and reads.
pub const SCHEMA_VERSION: u64 = 1;

fn to_text(v: &Value) -> String {
    // Serialising a Value to a String cannot fail (keys are strings).
    serde_json::to_string(v).unwrap_or_default()
}

impl Campaign {
    /// Saves the campaign: programme, initial data and event log.
    #[must_use]
    pub fn save_json(&self) -> String {
        let mut out = String::with_capacity(
            1024 + self.events().len() * 96 + self.initial_data().documents().len() * 384,
        );
        out.push_str("{\"schema_version\":1,\n\"programme\":");
        out.push_str(&to_text(&self.programme().to_value()));
        out.push_str(",\n\"campaign\":");
        self.initial_data().write_json(&mut out);
        out.push_str(",\n\"events\":[");
        for (i, c) in self.events().iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&to_text(&c.to_value()));
        }
        out.push_str("\n]}\n");
        out
    }

    /// Loads a saved campaign and replays its log.
    ///
    /// # Errors
    /// [`LoadError`]: invalid or truncated JSON, a missing, unknown or future
    /// schema version, an invalid programme or campaign, or an event refused
    /// on replay (named by its number, from 1).
    pub fn load_json(text: &str) -> Result<Campaign, LoadError> {
        // Owned keys: a key may be written with escapes (`"\u0069d"`).
        let top: BTreeMap<String, &RawValue> =
            serde_json::from_str(text).map_err(|e| LoadError::InvalidJson(e.to_string()))?;
        let version = top
            .get("schema_version")
            .ok_or(LoadError::MissingSchemaVersion)?;
        match serde_json::from_str::<Value>(version.get()) {
            Ok(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => {}
            Ok(Value::Number(n)) => return Err(LoadError::UnsupportedSchemaVersion(n.to_string())),
            _ => return Err(LoadError::MissingSchemaVersion),
        }
        if let Some(key) = top
            .keys()
            .find(|k| !["schema_version", "programme", "campaign", "events"].contains(&k.as_str()))
        {
            return Err(ValidationError::single(IssueCode::UnknownField, key.as_str(), "").into());
        }
        let field = |k: &str| -> Result<&RawValue, LoadError> {
            top.get(k)
                .copied()
                .ok_or_else(|| ValidationError::single(IssueCode::MissingField, k, "").into())
        };
        let parse = |raw: &RawValue| -> Result<Value, LoadError> {
            serde_json::from_str(raw.get()).map_err(|e| LoadError::InvalidJson(e.to_string()))
        };
        let programme = Programme::from_value(&parse(field("programme")?)?)?;
        // Read list element by list element: no JSON tree of the whole campaign.
        let data = CampaignData::from_json(field("campaign")?.get())?;
        let events: Vec<&RawValue> = serde_json::from_str(field("events")?.get())
            .map_err(|e| LoadError::InvalidJson(e.to_string()))?;
        let mut campaign = Campaign::new(programme, data)?;
        for (i, raw) in events.into_iter().enumerate() {
            let index = i + 1;
            let value = parse(raw)?;
            let command = Command::from_value(&value).map_err(|e| LoadError::InvalidEvent {
                index,
                error: e.into(),
            })?;
            campaign
                .execute(command)
                .map_err(|error| LoadError::InvalidEvent { index, error })?;
        }
        Ok(campaign)
    }
}
