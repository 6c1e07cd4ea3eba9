//! The fast reader of a document (a proposal) from JSON text: serde straight
//! into a [`Document`], with borrowed strings and no JSON tree. It accepts
//! exactly the valid documents; on anything else (a problem of any kind) it
//! gives up, and the caller reads the element with the tree reader, which
//! reports every problem at its path. A property test holds the two readers
//! to the same answers.

use std::borrow::Cow;

use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};

use super::Document;
use crate::format::json::parse_day;
use crate::limits::MAX_COUNT;
use crate::values::edtf::DocDate;
use crate::values::money::Money;
use crate::values::vocabulary::{Format, Rights, Theme, Typology};
use crate::values::{check_id, check_text};

/// Reads one document from its JSON text; `None` when the text is not a
/// valid document (then read it with the tree reader for the issues).
pub(crate) fn read_document(text: &str) -> Option<Document> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = DocumentSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(doc)
}

struct DocumentSeed;

impl<'de> DeserializeSeed<'de> for DocumentSeed {
    type Value = Document;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Document, D::Error> {
        d.deserialize_map(self)
    }
}

/// An identifier, by the rule of [`crate::values`] (one rule, two readers).
fn id(s: Cow<'_, str>) -> Option<String> {
    check_id(&s).ok().map(|()| s.into_owned())
}

/// A text, by the rule of [`crate::values`].
fn text(s: Cow<'_, str>) -> Option<String> {
    check_text(&s).ok().map(|()| s.into_owned())
}

/// A field's value, or the error that sends the element to the tree reader.
fn check<T, E: serde::de::Error>(v: Option<T>) -> Result<T, E> {
    v.ok_or_else(|| E::custom("not a valid document"))
}

/// A list of strings, each made into a value by `make`.
struct List<F>(F);

impl<'de, T, F: Fn(Cow<'de, str>) -> Option<T>> DeserializeSeed<'de> for List<F> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T, F: Fn(Cow<'de, str>) -> Option<T>> Visitor<'de> for List<F> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of strings")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element::<Cow<'de, str>>()? {
            out.push(check((self.0)(s))?);
        }
        Ok(out)
    }
}

/// An optional value: `null` is `None`.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d).map(Some)
    }
}

/// A string made into a value by `make`.
struct Str<F>(F);

impl<'de, T, F: FnOnce(Cow<'de, str>) -> Option<T>> DeserializeSeed<'de> for Str<F> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        check((self.0)(s))
    }
}

use super::DOCUMENT_FIELDS as FIELDS;

impl<'de> Visitor<'de> for DocumentSeed {
    type Value = Document;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a document")
    }

    #[allow(clippy::too_many_lines)]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut seen = 0_u32;
        let (mut id_, mut institution, mut typology, mut rights, mut proposed_on) =
            (None, None, None, None, None);
        let mut doc = Document {
            id: String::new(),
            institution: String::new(),
            title: None,
            author: None,
            date: None,
            typology: Typology::Press,
            format: None,
            views: None,
            themes: Vec::new(),
            rights: Rights::PublicDomain,
            targets: Vec::new(),
            fragile: false,
            ocr: false,
            insured_value: Money::ZERO,
            existing_digitization: None,
            proposed_on: crate::Date::MIN,
            shelfmark: None,
            labels: Vec::new(),
        };
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let Some(k) = FIELDS.iter().position(|f| *f == key) else {
                return Err(A::Error::custom("unknown field"));
            };
            if seen & (1 << k) != 0 {
                return Err(A::Error::custom("duplicate key"));
            }
            seen |= 1 << k;
            match FIELDS[k] {
                "id" => id_ = Some(map.next_value_seed(Str(id))?),
                "institution" => institution = Some(map.next_value_seed(Str(id))?),
                "title" => doc.title = map.next_value_seed(Nullable(Str(text)))?,
                "author" => doc.author = map.next_value_seed(Nullable(Str(text)))?,
                "date" => {
                    doc.date =
                        map.next_value_seed(Nullable(Str(|s: Cow<'_, str>| DocDate::parse(&s))))?;
                }
                "typology" => {
                    typology =
                        Some(map.next_value_seed(Str(|s: Cow<'_, str>| Typology::parse(&s)))?);
                }
                "format" => {
                    doc.format =
                        map.next_value_seed(Nullable(Str(|s: Cow<'_, str>| Format::parse(&s))))?;
                }
                "views" => {
                    let views: Option<u64> = map.next_value()?;
                    if views.is_some_and(|v| v > MAX_COUNT) {
                        return Err(A::Error::custom("views out of range"));
                    }
                    doc.views = views;
                }
                "themes" => {
                    doc.themes = map
                        .next_value_seed(Nullable(List(|s: Cow<'_, str>| Theme::parse(&s))))?
                        .unwrap_or_default();
                }
                "rights" => {
                    rights = Some(map.next_value_seed(Str(|s: Cow<'_, str>| Rights::parse(&s)))?);
                }
                "targets" => {
                    doc.targets = map.next_value_seed(Nullable(List(id)))?.unwrap_or_default();
                }
                "fragile" => doc.fragile = map.next_value::<Option<bool>>()?.unwrap_or(false),
                "ocr" => doc.ocr = map.next_value::<Option<bool>>()?.unwrap_or(false),
                "insured_value" => {
                    doc.insured_value = map
                        .next_value_seed(Nullable(Str(|s: Cow<'_, str>| Money::parse(&s).ok())))?
                        .unwrap_or(Money::ZERO);
                }
                "existing_digitization" => {
                    doc.existing_digitization = map.next_value_seed(Nullable(Str(text)))?;
                }
                "proposed_on" => {
                    proposed_on = Some(map.next_value_seed(Str(|s: Cow<'_, str>| parse_day(&s)))?);
                }
                "shelfmark" => doc.shelfmark = map.next_value_seed(Nullable(Str(text)))?,
                "labels" => {
                    doc.labels = map
                        .next_value_seed(Nullable(List(text)))?
                        .unwrap_or_default();
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    return Err(A::Error::custom("unknown field"));
                }
            }
        }
        doc.id = check(id_)?;
        doc.institution = check(institution)?;
        doc.typology = check(typology)?;
        doc.rights = check(rights)?;
        doc.proposed_on = check(proposed_on)?;
        Ok(doc)
    }
}

/// A campaign object from a serde source: its documents read by
/// [`DocumentSeed`] (all of them valid, or the reader gives up), its other
/// members read strictly into small trees for the issue-collecting reader
/// (with `"documents": []` standing for the documents read apart).
pub(crate) struct CampaignSeed;

impl<'de> Visitor<'de> for CampaignSeed {
    type Value = (
        serde_json::Map<String, serde_json::Value>,
        Option<Vec<Document>>,
    );

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a campaign")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let failure = std::cell::RefCell::new(crate::format::json::Failure::default());
        let mut object = serde_json::Map::new();
        let mut documents = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if object.contains_key(key.as_ref()) {
                return Err(A::Error::custom("duplicate key"));
            }
            if key == "documents" {
                documents = Some(map.next_value_seed(Documents)?);
                object.insert(key.into_owned(), serde_json::Value::Array(Vec::new()));
            } else {
                let v = map.next_value_seed(crate::format::json::Strict::new(1, &failure))?;
                object.insert(key.into_owned(), v);
            }
        }
        Ok((object, documents))
    }
}

/// The list of documents of a campaign, every one valid.
struct Documents;

impl<'de> DeserializeSeed<'de> for Documents {
    type Value = Vec<Document>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Document>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Documents {
    type Value = Vec<Document>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of documents")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Vec<Document>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(doc) = seq.next_element_seed(DocumentSeed)? {
            out.push(doc);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json::{parse, ROOT};

    /// What the tree reader gives: the document when it is valid.
    fn by_tree(text: &str) -> Option<Document> {
        let v = parse(text).ok()?;
        let mut issues = Vec::new();
        let d = Document::read(&v, &ROOT, &mut issues);
        d.filter(|_| issues.is_empty())
    }

    #[test]
    fn the_fast_reader_accepts_exactly_what_the_tree_reader_accepts() {
        let base = r#""institution": "I1", "typology": "press", "rights": "public_domain", "proposed_on": "2026-02-10""#;
        let cases = [
            format!(r#"{{"id": "D1", {base}}}"#),
            format!(r#"{{"\u0069d": "D1", {base}}}"#),
            format!(r#"{{"id": "D1", "id": "D2", {base}}}"#),
            format!(r#"{{"id": "D1", "\u0069d": "D2", {base}}}"#),
            format!(r#"{{"id": " ", {base}}}"#),
            format!(r#"{{"id": "{}", {base}}}"#, "D".repeat(256)),
            format!(r#"{{"id": "{}", {base}}}"#, "D".repeat(257)),
            format!(r#"{{"id": "D1", "title": "{}", {base}}}"#, "é".repeat(10_000)),
            format!(r#"{{"id": "D1", "title": "{}", {base}}}"#, "é".repeat(10_001)),
            format!(r#"{{"id": "D1", "title": null, "author": "", "date": null, "format": null, "views": null, {base}}}"#),
            format!(r#"{{"id": "D1", "title": 3, {base}}}"#),
            format!(r#"{{"id": "D1", "views": 1000000000, {base}}}"#),
            format!(r#"{{"id": "D1", "views": 1000000001, {base}}}"#),
            format!(r#"{{"id": "D1", "views": -1, {base}}}"#),
            format!(r#"{{"id": "D1", "views": 1.0, {base}}}"#),
            format!(r#"{{"id": "D1", "views": 1e3, {base}}}"#),
            format!(r#"{{"id": "D1", "views": "12", {base}}}"#),
            format!(r#"{{"id": "D1", "date": "18XX?", "format": "A2", {base}}}"#),
            format!(r#"{{"id": "D1", "date": "18X", {base}}}"#),
            format!(r#"{{"id": "D1", "themes": ["rare_precious", "rare_precious"], {base}}}"#),
            format!(r#"{{"id": "D1", "themes": [["rare_precious"]], {base}}}"#),
            format!(r#"{{"id": "D1", "themes": null, "targets": null, "labels": null, {base}}}"#),
            format!(r#"{{"id": "D1", "targets": [""], {base}}}"#),
            format!(r#"{{"id": "D1", "labels": [""], "targets": ["gallica"], {base}}}"#),
            format!(r#"{{"id": "D1", "fragile": null, "ocr": 1, {base}}}"#),
            format!(r#"{{"id": "D1", "fragile": true, "ocr": false, {base}}}"#),
            format!(r#"{{"id": "D1", "insured_value": "12.345", {base}}}"#),
            format!(r#"{{"id": "D1", "insured_value": "1000000000000.00", {base}}}"#),
            format!(r#"{{"id": "D1", "insured_value": 12, {base}}}"#),
            format!(r#"{{"id": "D1", "existing_digitization": "non", "shelfmark": null, {base}}}"#),
            format!(r#"{{"id": "D1", "extra": 1, {base}}}"#),
            r#"{"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain"}"#.to_string(),
            r#"{"id": "D1", "institution": "I1", "typology": "presse", "rights": "public_domain", "proposed_on": "2026-02-10"}"#.to_string(),
            r#"{"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain", "proposed_on": "0000-02-10"}"#.to_string(),
            r#"[1]"#.to_string(),
            r#"{"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain", "proposed_on": "2026-02-10"} x"#.to_string(),
        ];
        let mut accepted = 0;
        for text in &cases {
            let fast = read_document(text);
            assert_eq!(fast, by_tree(text), "{text:.120}");
            accepted += usize::from(fast.is_some());
        }
        assert!(accepted > 10 && accepted < cases.len() - 10, "{accepted}");
    }
}
