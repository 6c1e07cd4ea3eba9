//! Writing XML 1.0 with `quick-xml`: elements and attributes whose text is
//! first made fit for XML.
//!
//! Text the data can hold that XML 1.0 cannot carry — the C0 control
//! characters other than tab, line feed and carriage return, and the
//! non-characters U+FFFE and U+FFFF — is replaced by U+FFFD REPLACEMENT
//! CHARACTER: the record stays well formed and the reader sees that a
//! character was there. Everything else survives a parser unchanged:
//! `&`, `<`, `>`, quotes are escaped, a carriage return is written as
//! `&#xD;` (a parser would turn a raw one into a line feed), and in
//! attribute values tab and line feed are written as references too (a
//! parser would turn them into spaces).

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;

/// Whether XML 1.0 allows `c` in a document (production `Char`).
#[must_use]
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text with every character XML 1.0 forbids replaced by U+FFFD.
#[must_use]
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    if s.chars().all(xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if xml_char(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// Escapes `s` for element content (`attribute: false`) or a
/// double-quoted attribute value, after [`xml_safe`].
#[must_use]
pub fn escape(s: &str, attribute: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        !xml_char(c)
            || matches!(c, '&' | '<' | '>' | '"' | '\'' | '\r')
            || (attribute && matches!(c, '\t' | '\n'))
    };
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#xD;"),
            '\t' if attribute => out.push_str("&#x9;"),
            '\n' if attribute => out.push_str("&#xA;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// An XML document being written into memory.
pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    /// A document with its declaration (`<?xml version="1.0" encoding="UTF-8"?>`).
    pub(crate) fn document() -> Xml {
        let mut x = Xml::fragment();
        x.put(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        x.put(Event::Text(BytesText::from_escaped("\n")));
        x
    }

    /// A fragment, with no declaration.
    pub(crate) fn fragment() -> Xml {
        Xml {
            w: Writer::new(Vec::with_capacity(1024)),
        }
    }

    fn put(&mut self, e: Event<'_>) {
        // Writing into a Vec<u8> cannot fail: there is no error to report.
        let _ = self.w.write_event(e);
    }

    fn tag<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute(Attribute {
                key: QName(key.as_bytes()),
                value: Cow::Owned(escape(value, true).into_owned().into_bytes()),
            });
        }
        start
    }

    /// Opens an element.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.put(Event::Start(Xml::tag(name, attrs)));
    }

    /// Closes an element.
    pub(crate) fn close(&mut self, name: &str) {
        self.put(Event::End(BytesEnd::new(name)));
    }

    /// An element holding text (an empty element when the text is empty).
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        if text.is_empty() {
            self.put(Event::Empty(Xml::tag(name, attrs)));
        } else {
            self.open(name, attrs);
            self.put(Event::Text(BytesText::from_escaped(escape(text, false))));
            self.close(name);
        }
    }

    /// Text as it is, already escaped (a fragment written by this module).
    pub(crate) fn raw(&mut self, escaped: &str) {
        self.put(Event::Text(BytesText::from_escaped(escaped)));
    }

    /// A line feed between elements.
    pub(crate) fn push_newline(&mut self) {
        self.raw("\n");
    }

    /// The text written.
    pub(crate) fn finish(self) -> String {
        // Every byte written came from a `str`: this never replaces anything.
        String::from_utf8(self.w.into_inner())
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_become_replacement_characters() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFE}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(
            escape("x\u{0}<&>\"'\r\n\t", false),
            "x\u{FFFD}&lt;&amp;&gt;&quot;&apos;&#xD;\n\t"
        );
        assert_eq!(escape("\t\n", true), "&#x9;&#xA;");
        assert!(matches!(escape("Œuvres 😀 ﬁn", false), Cow::Borrowed(_)));
    }

    #[test]
    fn elements_and_attributes() {
        let mut x = Xml::fragment();
        x.open("a", &[("k", "1 < \"2\"\n")]);
        x.leaf("b", &[], "é & \u{7}");
        x.leaf("c", &[], "");
        x.close("a");
        assert_eq!(
            x.finish(),
            "<a k=\"1 &lt; &quot;2&quot;&#xA;\"><b>é &amp; \u{FFFD}</b><c/></a>"
        );
    }
}
