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

    pub fn finish(self) -> String {
        // Only UTF-8 text and ASCII punctuation were written.
        String::from_utf8(self.out).unwrap_or_default()
    }
}
