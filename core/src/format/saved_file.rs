//! Saving and loading a campaign as one JSON document:
//! `{"schema_version": 1, "programme": …, "campaign": …, "events": […]}`.
//! Loading replays and validates the log; save → load → save is
//! byte-identical.

use serde::de::{DeserializeSeed, Deserializer, Error as _, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::campaign_data::CampaignData;
use crate::error::{IssueCode, LoadError, ValidationError};
use crate::lifecycle::command::Command;
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
        let mut w = crate::format::writer::JsonText::continuing(out);
        for (i, c) in self.events().iter().enumerate() {
            w.raw(if i == 0 { "\n" } else { ",\n" });
            c.write_json(&mut w);
        }
        w.raw("\n]}\n");
        w.finish()
    }

    /// Loads a saved campaign from the bytes of a file: UTF-8 (a leading
    /// byte-order mark is skipped), then as [`Campaign::load_json`].
    ///
    /// # Errors
    /// [`LoadError::InvalidJson`] when the bytes are not UTF-8, else as
    /// [`Campaign::load_json`].
    pub fn load_json_bytes(bytes: &[u8]) -> Result<Campaign, LoadError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            LoadError::InvalidJson(format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ))
        })?;
        Campaign::load_json(text)
    }

    /// Loads a saved campaign and replays its log.
    ///
    /// # Errors
    /// [`LoadError`]: invalid or truncated JSON, a missing, unknown or future
    /// schema version, an invalid programme or campaign, or an event refused
    /// on replay (named by its number, from 1).
    pub fn load_json(text: &str) -> Result<Campaign, LoadError> {
        use crate::format::json::{parse_at, raw_entries, JsonProblem};
        let invalid_json = |p: JsonProblem| match p.code {
            IssueCode::InvalidJson => LoadError::InvalidJson(p.detail),
            _ => LoadError::Invalid(p.into_error()),
        };
        let top = raw_entries(text)
            .map_err(invalid_json)?
            .ok_or_else(|| LoadError::InvalidJson("a saved campaign is a JSON object".into()))?;
        let get = |k: &str| top.iter().find(|(key, _)| key == k).map(|(_, v)| *v);
        let version = get("schema_version").ok_or(LoadError::MissingSchemaVersion)?;
        match parse_at(version.get(), 1) {
            Ok(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => {}
            Ok(Value::Number(n)) => return Err(LoadError::UnsupportedSchemaVersion(n.to_string())),
            _ => return Err(LoadError::MissingSchemaVersion),
        }
        if let Some((key, _)) = top.iter().find(|(k, _)| {
            !["schema_version", "programme", "campaign", "events"].contains(&k.as_str())
        }) {
            return Err(ValidationError::single(IssueCode::UnknownField, key.as_str(), "").into());
        }
        let field = |k: &str| -> Result<&RawValue, LoadError> {
            get(k).ok_or_else(|| ValidationError::single(IssueCode::MissingField, k, "").into())
        };
        let programme_value = parse_at(field("programme")?.get(), 1).map_err(|p| match p.code {
            IssueCode::InvalidJson => LoadError::InvalidJson(p.detail),
            _ => LoadError::Invalid(ValidationError {
                issues: vec![p.at("programme")],
            }),
        })?;
        let programme = Programme::from_value(&programme_value)?;
        // Read list element by list element: no JSON tree of the whole campaign.
        let data = CampaignData::from_json_at(field("campaign")?.get(), 1)?;
        let mut campaign = Campaign::new(programme, data)?;
        // The log is replayed as it is parsed, one event at a time.
        let mut refused = None;
        let events = field("events")?.get();
        let mut de = serde_json::Deserializer::from_str(events);
        let replayed = Replay {
            campaign: &mut campaign,
            refused: &mut refused,
        }
        .deserialize(&mut de)
        .and_then(|()| de.end());
        if let Some(error) = refused {
            return Err(error);
        }
        replayed.map_err(|e| LoadError::InvalidJson(e.to_string()))?;
        Ok(campaign)
    }
}

/// Replays the event log while it is parsed (a JSON array of commands),
/// keeping the first refused event in `refused`. Each event is read by the
/// fast reader, or, when it does not take it, strictly into a tree and by
/// the tree reader (duplicate keys, depth and every issue at its path).
struct Replay<'c> {
    campaign: &'c mut Campaign,
    refused: &'c mut Option<LoadError>,
}

impl<'de> DeserializeSeed<'de> for Replay<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Replay<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of commands")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            index += 1;
            let read = Command::from_json(raw.get());
            // Read from JSON, the command follows the format's rules already.
            let done = read
                .map_err(|e| LoadError::InvalidEvent {
                    index,
                    error: e.into(),
                })
                .and_then(|command| {
                    self.campaign
                        .execute_valid(command)
                        .map_err(|error| LoadError::InvalidEvent { index, error })
                });
            if let Err(e) = done {
                *self.refused = Some(e);
                return Err(A::Error::custom("refused event"));
            }
        }
        Ok(())
    }
}
