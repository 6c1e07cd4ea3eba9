//! The fast reader of an event (a command) from JSON text: serde into a few
//! borrowed values, then the command built with the same constructors as the
//! tree reader. It accepts only what the tree reader accepts, and gives up
//! on everything else (objects, nulls, anything unusual), which the caller
//! then reads with the tree reader for its answer and its issues.

use std::borrow::Cow;

use serde::de::{Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

use crate::format::json::parse_day;
use crate::lifecycle::command::{fields_of, Action, Command, COMMAND_TYPES};

/// One value of a command's member.
enum Val<'a> {
    Str(Cow<'a, str>),
    Count(u64),
    Bool(bool),
    List(Vec<Cow<'a, str>>),
}

struct ValVisitor;

impl<'de> Visitor<'de> for ValVisitor {
    type Value = Val<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a plain value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Val<'de>, E> {
        Ok(Val::Str(Cow::Owned(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Val<'de>, E> {
        Ok(Val::Count(v))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Val<'de>, E> {
        Ok(Val::Bool(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Val<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element::<Cow<'de, str>>()? {
            out.push(s);
        }
        Ok(Val::List(out))
    }
}

impl<'de> serde::Deserialize<'de> for Val<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValVisitor)
    }
}

struct Members;

impl<'de> Visitor<'de> for Members {
    type Value = Vec<(Cow<'de, str>, Val<'de>)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a command")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(Cow<'de, str>, Val<'de>)> = Vec::with_capacity(8);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if out.iter().any(|(k, _)| *k == key) {
                return Err(A::Error::custom("duplicate key"));
            }
            let v = map.next_value::<Val<'de>>()?;
            out.push((key, v));
        }
        Ok(out)
    }
}

/// Reads one command from its JSON text; `None` when the fast reader does
/// not take it (then read it with the tree reader).
pub(crate) fn read_command(text: &str) -> Option<Command> {
    let mut de = serde_json::Deserializer::from_str(text);
    let members = de.deserialize_map(Members).ok()?;
    de.end().ok()?;
    from_members(&members)
}

/// Reads one command from any serde source; `None` when the fast reader
/// does not take it.
pub(crate) fn read_command_from<'de, D: Deserializer<'de>>(d: D) -> Option<Command> {
    from_members(&d.deserialize_map(Members).ok()?)
}

fn from_members(members: &[(Cow<'_, str>, Val<'_>)]) -> Option<Command> {
    let get = |k: &str| members.iter().find(|(key, _)| key == k).map(|(_, v)| v);
    let s = |k: &str| match get(k) {
        Some(Val::Str(s)) => Some(s.as_ref()),
        _ => None,
    };
    let n = |k: &str| match get(k) {
        Some(Val::Count(n)) => Some(*n),
        _ => None,
    };
    let list = |k: &str| match get(k) {
        Some(Val::List(l)) => Some(l.iter().map(AsRef::as_ref).collect::<Vec<&str>>()),
        _ => None,
    };
    let kind = s("type")?;
    if !COMMAND_TYPES.contains(&kind) {
        return None;
    }
    if matches!(
        kind,
        "register_institution" | "register_convention" | "propose" | "amend_convention"
    ) {
        return None; // a command carrying an object
    }
    let fields = fields_of(kind);
    let known = |k: &str| ["type", "date", "actor", "note"].contains(&k) || fields.contains(&k);
    if !members.iter().all(|(k, _)| known(k)) {
        return None;
    }
    let date = parse_day(s("date")?)?;
    let action = match kind {
        "select" => Action::select(s("doc")?),
        "preserve" => Action::preserve(s("doc")?),
        "reject" => Action::reject_or_withdraw(s("doc")?, s("reason")?, false),
        "withdraw" => Action::reject_or_withdraw(s("doc")?, s("reason")?, true),
        "record_condition" => Action::record_condition(s("doc")?, s("grade")?),
        "prepare" => match get("issues") {
            None => Action::prepare(s("doc")?, None),
            Some(_) => Action::prepare(s("doc")?, Some(n("issues")?)),
        },
        "ship" => Action::ship(s("shipment")?, s("provider")?, &list("docs")?),
        "deliver" => Action::deliver(s("doc")?, n("views")?),
        "qc" => Action::qc(s("doc")?, n("sample")?, n("major")?, n("minor")?),
        "return" => {
            let early = match get("early") {
                None => false,
                Some(Val::Bool(b)) => *b,
                Some(_) => return None,
            };
            Action::return_docs(&list("docs")?, &list("grades")?, early)
        }
        "publish" => Action::publish(s("doc")?, s("target")?, s("identifier")?),
        "notify_termination" => Action::notify_termination(s("convention")?),
        "record_membership" => {
            Action::record_membership(s("institution")?, i64::try_from(n("year")?).ok()?)
        }
        "close_campaign" => Ok(Action::CloseCampaign),
        _ => return None,
    };
    let optional = |k: &str| match get(k) {
        None => Some(None),
        Some(Val::Str(v)) => Some(Some(v.as_ref())),
        Some(_) => None,
    };
    Command::build(date, optional("actor")?, optional("note")?, action).ok()
}

// The public reader lives beside the fast reader it tries first (the
// lifecycle does not import the formats' readers: no import circle).
impl Command {
    /// Reads a command from its JSON text, as a saved file's log holds it:
    /// the fast reader first, the strict tree reader for what it does not
    /// take (and for every problem at its path).
    ///
    /// # Errors
    /// [`crate::ValidationError`] as [`Command::from_value`], or `INVALID_JSON`.
    pub fn from_json(text: &str) -> Result<Command, crate::error::ValidationError> {
        match read_command(text) {
            Some(command) => Ok(command),
            None => crate::format::json::parse_at(text, 2)
                .map_err(crate::format::json::JsonProblem::into_error)
                .and_then(|v| Command::from_value(&v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json::parse;

    fn by_tree(text: &str) -> Option<Command> {
        parse(text).ok().and_then(|v| Command::from_value(&v).ok())
    }

    #[test]
    fn the_fast_reader_takes_only_what_the_tree_reader_takes() {
        let cases = [
            r#"{"type":"select","date":"2026-05-02","doc":"D1"}"#,
            r#"{"doc":"D1","date":"2026-05-02","type":"select"}"#,
            r#"{"type":"select","date":"2026-05-02","doc":"D1","actor":"régie","note":""}"#,
            r#"{"type":"select","date":"2026-05-02","doc":"D1","actor":null}"#,
            r#"{"type":"select","date":"2026-05-02","doc":"D1","doc":"D2"}"#,
            r#"{"type":"select","date":"2026-05-02","d\u006fc":"D1"}"#,
            r#"{"type":"select","date":"2026-05-02","doc":" "}"#,
            r#"{"type":"select","date":"2026-05-02","doc":"D1","views":3}"#,
            r#"{"type":"select","date":"2026-02-30","doc":"D1"}"#,
            r#"{"type":"selec","date":"2026-05-02","doc":"D1"}"#,
            r#"{"type":"deliver","date":"2026-05-02","doc":"D1","views":0}"#,
            r#"{"type":"deliver","date":"2026-05-02","doc":"D1","views":1000000000}"#,
            r#"{"type":"deliver","date":"2026-05-02","doc":"D1","views":1000000001}"#,
            r#"{"type":"deliver","date":"2026-05-02","doc":"D1","views":-1}"#,
            r#"{"type":"deliver","date":"2026-05-02","doc":"D1","views":12.0}"#,
            r#"{"type":"qc","date":"2026-05-02","doc":"D1","sample":20,"major":0,"minor":1}"#,
            r#"{"type":"qc","date":"2026-05-02","doc":"D1","sample":20,"major":0}"#,
            r#"{"type":"prepare","date":"2026-05-02","doc":"D1"}"#,
            r#"{"type":"prepare","date":"2026-05-02","doc":"D1","issues":null}"#,
            r#"{"type":"prepare","date":"2026-05-02","doc":"D1","issues":3}"#,
            r#"{"type":"ship","date":"2026-05-02","shipment":"S1","provider":"P","docs":["D1","D2"]}"#,
            r#"{"type":"ship","date":"2026-05-02","shipment":"S1","provider":"P","docs":["D1","D1"]}"#,
            r#"{"type":"ship","date":"2026-05-02","shipment":"S1","provider":"P","docs":[]}"#,
            r#"{"type":"ship","date":"2026-05-02","shipment":"S1","provider":"P","docs":[["D1"]]}"#,
            r#"{"type":"return","date":"2026-05-02","docs":["D1"],"grades":["good"]}"#,
            r#"{"type":"return","date":"2026-05-02","docs":["D1"],"grades":["good"],"early":true}"#,
            r#"{"type":"return","date":"2026-05-02","docs":["D1"],"grades":["good"],"early":null}"#,
            r#"{"type":"return","date":"2026-05-02","docs":["D1"],"grades":["good","fair"]}"#,
            r#"{"type":"return","date":"2026-05-02","docs":["D1"],"grades":["gut"]}"#,
            r#"{"type":"record_condition","date":"2026-05-02","doc":"D1","grade":"unfit"}"#,
            r#"{"type":"reject","date":"2026-05-02","doc":"D1","reason":"x"}"#,
            r#"{"type":"withdraw","date":"2026-05-02","doc":"D1"}"#,
            r#"{"type":"publish","date":"2026-05-02","doc":"D1","target":"gallica","identifier":"ark:/12148/x"}"#,
            r#"{"type":"preserve","date":"2026-05-02","doc":"D1"}"#,
            r#"{"type":"notify_termination","date":"2026-05-02","convention":"C1"}"#,
            r#"{"type":"record_membership","date":"2026-05-02","institution":"I1","year":2026}"#,
            r#"{"type":"record_membership","date":"2026-05-02","institution":"I1","year":0}"#,
            r#"{"type":"close_campaign","date":"2026-05-02"}"#,
            r#"{"type":"close_campaign","date":"2026-05-02","doc":"D1"}"#,
            r#"{"type":"propose","date":"2026-05-02","document":{"id":"D9"}}"#,
            r#"{"type":"select","date":"2026-05-02","doc":"D1"} x"#,
            r#"[1]"#,
        ];
        let mut taken = 0;
        for text in cases {
            let fast = read_command(text);
            if let Some(c) = &fast {
                assert_eq!(Some(c), by_tree(text).as_ref(), "{text}");
                taken += 1;
            }
        }
        // Every plain valid command is taken by the fast reader.
        for text in cases {
            let tree = by_tree(text);
            let carries_object = text.contains("\"document\"") || text.contains("null");
            if tree.is_some() && !carries_object {
                assert!(read_command(text).is_some(), "{text}");
            }
        }
        assert!(taken > 15, "{taken}");
    }
}
