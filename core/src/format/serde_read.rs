//! Reading the core's objects from any serde [`Deserializer`] — a Python
//! object walked by the bindings, a YAML or TOML document, … — with the same
//! rules as the JSON text readers: a key named twice is `DUPLICATE_KEY`,
//! nesting deeper than [`crate::limits::MAX_DEPTH`] levels is `TOO_DEEP`,
//! every other problem is reported at its field path.
//!
//! A source is given as a function that opens a new deserializer over the
//! same value (`|| MyDeserializer::new(&value)`): the typed fast readers
//! take the value straight into the domain's types, and only when they
//! refuse it is the value opened a second time and read by the
//! issue-collecting reader, which names every problem at once.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer};
use serde_json::Value;

use crate::campaign_data::CampaignData;
use crate::error::ValidationError;
use crate::format::json::{Failure, JsonProblem, Strict};
use crate::lifecycle::command::Command;
use crate::programme::Programme;

/// Why a value given through serde was not read.
#[derive(Debug)]
pub enum ReadError<E> {
    /// The source's own error (for a Python object: a `float` where money
    /// is expected, a key that is not a string, …), as the source gave it.
    Source(E),
    /// The value is not valid data: every issue at its field path.
    Invalid(ValidationError),
}

impl<E: fmt::Display> fmt::Display for ReadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Source(e) => e.fmt(f),
            ReadError::Invalid(v) => v.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ReadError<E> {}

impl<E> From<ValidationError> for ReadError<E> {
    fn from(v: ValidationError) -> Self {
        ReadError::Invalid(v)
    }
}

/// The value of a source, read strictly into the tree of the
/// issue-collecting reader, `depth` levels below the root of the object the
/// core receives.
pub(crate) fn strict_tree<'de, D: Deserializer<'de>>(
    d: D,
    depth: usize,
) -> Result<Value, ReadError<D::Error>> {
    let failure = RefCell::new(Failure::default());
    let seed = Strict::new(depth, &failure);
    seed.deserialize(d).map_err(|e| {
        match JsonProblem::from_failure(failure.into_inner()) {
            // The strict reader refused the value (a duplicate key, too deep).
            Some(problem) => ReadError::Invalid(problem.into_error()),
            // The source failed by itself.
            None => ReadError::Source(e),
        }
    })
}

impl Command {
    /// Reads a command object (`{"type": …, "date": …, …fields}`) from a
    /// serde source, with the rules of [`Command::from_value`].
    ///
    /// # Errors
    /// [`ReadError::Source`] when the source fails, [`ReadError::Invalid`]
    /// with every issue of the command.
    pub fn from_serde<'de, D: Deserializer<'de>>(
        source: impl Fn() -> D,
    ) -> Result<Command, ReadError<D::Error>> {
        if let Some(c) = crate::format::fast_command::read_command_from(source()) {
            return Ok(c);
        }
        let v = strict_tree(source(), 0)?;
        Ok(Command::from_value(&v)?)
    }
}

impl Programme {
    /// Reads a programme from a serde source, with the rules of
    /// [`Programme::from_value`].
    ///
    /// # Errors
    /// [`ReadError::Source`] when the source fails, [`ReadError::Invalid`]
    /// with every issue of the programme.
    pub fn from_serde<'de, D: Deserializer<'de>>(
        source: impl Fn() -> D,
    ) -> Result<Programme, ReadError<D::Error>> {
        let v = strict_tree(source(), 0)?;
        Ok(Programme::from_value(&v)?)
    }
}

impl CampaignData {
    /// Reads a campaign's data (the v1 `Campaign` object) from a serde
    /// source, with the rules of [`CampaignData::from_value`].
    ///
    /// # Errors
    /// [`ReadError::Source`] when the source fails, [`ReadError::Invalid`]
    /// with every issue of the campaign.
    pub fn from_serde<'de, D: Deserializer<'de>>(
        source: impl Fn() -> D,
    ) -> Result<CampaignData, ReadError<D::Error>> {
        if let Some(read) = CampaignData::read_serde_fast(source()) {
            return Ok(read?);
        }
        let v = strict_tree(source(), 0)?;
        Ok(CampaignData::from_value(&v)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IssueCode;

    /// A source over JSON text (serde_json's deserializer works by `&mut`).
    struct Text<'a>(&'a str);

    impl<'de> Deserializer<'de> for Text<'de> {
        type Error = serde_json::Error;

        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            let mut de = serde_json::Deserializer::from_str(self.0);
            de.disable_recursion_limit();
            let out = de.deserialize_any(v)?;
            de.end()?;
            Ok(out)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    fn from_text(text: &str) -> Result<Command, ReadError<serde_json::Error>> {
        Command::from_serde(|| Text(text))
    }

    fn first_code<T>(r: &Result<T, ReadError<serde_json::Error>>) -> Option<(IssueCode, &str)> {
        match r {
            Err(ReadError::Invalid(v)) => v.issues.first().map(|i| (i.code, i.path.as_str())),
            _ => None,
        }
    }

    #[test]
    fn a_command_reads_as_from_its_text() {
        let texts = [
            r#"{"type":"select","doc":"D1","date":"2026-05-02"}"#,
            r#"{"type":"register_institution","date":"2026-05-02","institution":{"id":"FR-1","name":"B","kind":"library","size":"small","membership_years":[2025]}}"#,
            r#"{"type":"select","doc":"","date":"2026-05-02"}"#,
        ];
        for text in texts {
            let by_serde = from_text(text).map_err(|e| e.to_string());
            let by_text = crate::format::json::parse(text)
                .map_err(|p| p.into_error().to_string())
                .and_then(|v| Command::from_value(&v).map_err(|e| e.to_string()));
            assert_eq!(by_serde, by_text, "{text}");
        }
    }

    #[test]
    fn the_strict_rules_hold_for_any_source() {
        let dup = from_text(r#"{"type":"select","doc":"D1","doc":"D2","date":"2026-05-02"}"#);
        assert_eq!(first_code(&dup), Some((IssueCode::DuplicateKey, "doc")));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let text = format!(r#"{{"type":"select","doc":{deep},"date":"2026-05-02"}}"#);
        let deep = strict_tree(Text(&text), 0);
        assert_eq!(first_code(&deep).map(|c| c.0), Some(IssueCode::TooDeep));
        let bad = from_text("{");
        assert!(matches!(bad, Err(ReadError::Source(_))), "{bad:?}");
    }

    #[test]
    fn a_campaign_reads_as_from_its_text() {
        let inst = r#"{"id": "FR-801216101", "name": "BM", "kind": "municipal_library", "size": "medium", "membership_years": [2026]}"#;
        let doc = |id: &str, institution: &str, views: &str| {
            format!(
                r#"{{"id": "{id}", "institution": "{institution}", "typology": "press", "views": {views}, "rights": "public_domain", "proposed_on": "2026-02-10"}}"#
            )
        };
        let campaign = |docs: &[String], extra: &str| {
            format!(
                r#"{{"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30", "institutions": [{inst}], "documents": [{}]{extra}}}"#,
                docs.join(",")
            )
        };
        let texts = [
            // Every document valid: the fast reader.
            campaign(
                &[
                    doc("D1", "FR-801216101", "10"),
                    doc("D2", "FR-801216101", "null"),
                ],
                "",
            ),
            // Valid documents, but one of an unknown institution, one twice.
            campaign(
                &[
                    doc("D1", "FR-000000000", "10"),
                    doc("D1", "FR-801216101", "1"),
                ],
                "",
            ),
            // A document the fast reader refuses: the tree reader names it.
            campaign(
                &[
                    doc("D1", "FR-801216101", "-1"),
                    doc("D2", "FR-801216101", "\"x\""),
                ],
                "",
            ),
            // A key named twice, an unknown member, no documents at all.
            campaign(&[], r#", "year": 2027"#),
            campaign(&[], r#", "extra": 1"#),
            r#"{"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30"}"#.to_string(),
        ];
        for text in &texts {
            let by_serde = CampaignData::from_serde(|| Text(text)).map_err(|e| e.to_string());
            let by_text = CampaignData::from_json(text).map_err(|e| e.to_string());
            assert_eq!(by_serde, by_text, "{text}");
        }
        assert!(CampaignData::from_serde(|| Text(&texts[0])).is_ok());
    }
}
