//! Writing JSON text directly from typed values: the same bytes as
//! `serde_json::to_string` of the equivalent `Value` (keys in the order the
//! caller gives, strings escaped by serde_json itself), without a tree.

use serde::Serialize;

/// JSON text being written.
#[derive(Debug, Default)]
pub(crate) struct JsonText {
    out: Vec<u8>,
}

impl JsonText {
    pub fn with_capacity(n: usize) -> JsonText {
        JsonText {
            out: Vec::with_capacity(n),
        }
    }

    /// Raw punctuation or a number already formatted.
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.out.extend_from_slice(s.as_bytes());
        self
    }

    /// A JSON string, escaped exactly as serde_json escapes it.
    pub fn string(&mut self, s: &str) -> &mut Self {
        let mut ser = serde_json::Serializer::new(&mut self.out);
        // Serialising a str into memory cannot fail.
        let _ = s.serialize(&mut ser);
        self
    }

    /// `"key":` (the key escaped).
    pub fn key(&mut self, k: &str) -> &mut Self {
        self.string(k).raw(":")
    }

    /// Something that displays as JSON text already (an amount in a string,
    /// a number): written through `Display`, quoted when `quoted`.
    pub fn display(&mut self, v: impl std::fmt::Display, quoted: bool) -> &mut Self {
        use std::io::Write as _;
        if quoted {
            self.out.push(b'"');
        }
        let _ = write!(self.out, "{v}");
        if quoted {
            self.out.push(b'"');
        }
        self
    }

    /// Continues `text` (its bytes are taken, not copied).
    pub fn continuing(text: String) -> JsonText {
        JsonText {
            out: text.into_bytes(),
        }
    }

    /// A string or `null`.
    pub fn opt_string(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.string(s),
            None => self.raw("null"),
        }
    }

    /// A list of strings.
    pub fn strings<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> &mut Self {
        self.raw("[");
        for (i, s) in items.into_iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.string(s);
        }
        self.raw("]")
    }

    /// An object whose members are written by `fields` in the order of
    /// their keys (as serde_json's map sorts them): each member a key and a
    /// function that writes its value.
    pub fn object(&mut self, mut fields: Vec<(&str, Member<'_>)>) -> &mut Self {
        fields.sort_unstable_by(|a, b| a.0.cmp(b.0));
        self.raw("{");
        for (i, (key, value)) in fields.into_iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.key(key);
            match value {
                Member::Str(s) => self.string(s),
                Member::Strs(items) => self.strings(items.iter().copied()),
                Member::Count(n) => self.display(n, false),
                Member::Int(n) => self.display(n, false),
                Member::Bool(b) => self.raw(if b { "true" } else { "false" }),
            };
        }
        self.raw("}")
    }

    pub fn finish(self) -> String {
        // Only UTF-8 text and ASCII punctuation were written.
        String::from_utf8(self.out).unwrap_or_default()
    }
}

/// The value of one member of an object written by [`JsonText::object`].
pub(crate) enum Member<'a> {
    Str(&'a str),
    Strs(Vec<&'a str>),
    Count(u64),
    Int(i64),
    Bool(bool),
}
