//! The names the repository gives: item identifiers
//! (`oai:<repository-id>:<campaign>/<document>`) and set specs
//! (`institution:<id>`, `campaign:<id>`, `target:<name>`), with the
//! encodings that keep any identifier of the data valid in them and
//! readable back.

use std::fmt::Write as _;

/// Percent-encodes every byte but the URI unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`): the result fits an OAI identifier, and `/`,
/// `:` and `!` in it are always separators.
#[must_use]
pub fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` sequences (and `+` as a space when `plus` is set, as in a
/// query string); `None` for a broken sequence or bytes that are not UTF-8.
#[must_use]
pub fn pct_decode(s: &str, plus: bool) -> Option<String> {
    pct_decode_with(s, b'%', plus)
}

fn pct_decode_with(s: &str, escape: u8, plus: bool) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == escape {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push(hi * 16 + lo);
            i += 3;
        } else {
            out.push(if plus && b == b'+' { b' ' } else { b });
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a byte may stand as it is in a set spec (OAI-PMH `setSpecType`
/// without the `:` that separates levels), `~` excepted: it escapes.
fn set_spec_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'!' | b'*' | b'\'' | b'(' | b')')
}

/// One level of a set spec: any text, each byte outside the set-spec
/// alphabet (and `~`) written `~XX`, so that the spec is valid and unique.
#[must_use]
pub fn set_level_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if set_spec_byte(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "~{b:02X}");
        }
    }
    out
}

/// Reads a level written by [`set_level_encode`].
#[must_use]
pub fn set_level_decode(s: &str) -> Option<String> {
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| set_spec_byte(b) || b == b'~' || b.is_ascii_hexdigit())
    {
        return None;
    }
    let decoded = pct_decode_with(s, b'~', false)?;
    // Only the canonical form names a set.
    (set_level_encode(&decoded) == s).then_some(decoded)
}

/// The set a request names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetSpec {
    /// `institution`, `campaign` or `target`: a set of every record.
    Top(&'static str),
    /// `institution:<id>`: the documents that institution holds.
    Institution(String),
    /// `campaign:<id>`: the documents of that campaign.
    Campaign(String),
    /// `target:<name>`: the documents published on that target.
    Target(String),
}

/// The three top-level sets, with their names.
pub const TOP_SETS: [(&str, &str); 3] = [
    ("campaign", "Campagnes / Campaigns"),
    ("institution", "Établissements / Institutions"),
    ("target", "Diffusion / Publication targets"),
];

impl SetSpec {
    /// Reads a set spec; `None` when it names no set this repository can
    /// have.
    #[must_use]
    pub fn parse(s: &str) -> Option<SetSpec> {
        if let Some((top, _)) = TOP_SETS.iter().find(|(t, _)| *t == s) {
            return Some(SetSpec::Top(top));
        }
        let (top, rest) = s.split_once(':')?;
        let value = set_level_decode(rest)?;
        match top {
            "institution" => Some(SetSpec::Institution(value)),
            "campaign" => Some(SetSpec::Campaign(value)),
            "target" => Some(SetSpec::Target(value)),
            _ => None,
        }
    }

    /// The spec as written in a response.
    #[must_use]
    pub fn spec(&self) -> String {
        match self {
            SetSpec::Top(t) => (*t).to_string(),
            SetSpec::Institution(v) => format!("institution:{}", set_level_encode(v)),
            SetSpec::Campaign(v) => format!("campaign:{}", set_level_encode(v)),
            SetSpec::Target(v) => format!("target:{}", set_level_encode(v)),
        }
    }
}

/// The local part of an item identifier: `<campaign>/<document>`, each
/// percent-encoded.
#[must_use]
pub fn local_identifier(campaign: &str, doc: &str) -> String {
    format!("{}/{}", pct_encode(campaign), pct_encode(doc))
}

/// Reads a local identifier back into (campaign, document).
#[must_use]
pub fn parse_local_identifier(local: &str) -> Option<(String, String)> {
    let (c, d) = local.split_once('/')?;
    if d.contains('/') {
        return None;
    }
    let (c, d) = (pct_decode(c, false)?, pct_decode(d, false)?);
    // Only the canonical form names an item.
    (local_identifier(&c, &d) == local).then_some((c, d))
}

/// Whether `id` follows the `oai-identifier` scheme's repository
/// identifier: a domain name (`[a-zA-Z][a-zA-Z0-9-]*` labels, two or more).
#[must_use]
pub fn is_domain_name(id: &str) -> bool {
    let mut labels = 0;
    for label in id.split('.') {
        let mut bytes = label.bytes();
        match bytes.next() {
            Some(b) if b.is_ascii_alphabetic() => {}
            _ => return false,
        }
        if !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        labels += 1;
    }
    labels >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip() {
        for (c, d) in [("hdf-2026", "D1"), ("a/b", "é x%~"), ("", "?&=#")] {
            let local = local_identifier(c, d);
            assert!(!local[..local.find('/').unwrap_or(0)].contains('/'));
            assert_eq!(
                parse_local_identifier(&local),
                Some((c.to_string(), d.to_string()))
            );
        }
        assert_eq!(parse_local_identifier("a/b/c"), None);
        assert_eq!(parse_local_identifier("a%2f/b"), None, "not canonical");
        assert_eq!(parse_local_identifier("a%zz/b"), None);
    }

    #[test]
    fn set_specs_round_trip() {
        for v in ["FR-801216101", "a b:c~d", "Bibliothèque"] {
            let s = SetSpec::Institution(v.to_string());
            assert_eq!(SetSpec::parse(&s.spec()), Some(s.clone()));
            assert!(s.spec()[12..].bytes().all(|b| b != b':' && b != b' '));
        }
        assert_eq!(SetSpec::parse("campaign"), Some(SetSpec::Top("campaign")));
        assert_eq!(SetSpec::parse("shelf:x"), None);
        assert_eq!(SetSpec::parse("campaign:"), None);
        assert_eq!(SetSpec::parse("campaign:a~2"), None);
        assert_eq!(pct_decode("a+b%20c%C3%A9", true).as_deref(), Some("a b cé"));
        assert_eq!(pct_decode("%FF", true), None);
        assert!(is_domain_name("numconc.example.org") && !is_domain_name("127.0.0.1"));
        assert!(!is_domain_name("localhost"));
    }
}
