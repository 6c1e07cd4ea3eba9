//! Reading an OAI-PMH request: the query string (or form body) decoded as
//! `application/x-www-form-urlencoded`, the verb and its arguments checked
//! against the protocol (section 3.1 of OAI-PMH 2.0).

use std::collections::BTreeMap;

use crate::publication::oai::names::pct_decode;
use crate::publication::oai::{Code, OaiError};

/// The six verbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `Identify`.
    Identify,
    /// `ListMetadataFormats`.
    ListMetadataFormats,
    /// `ListSets`.
    ListSets,
    /// `ListIdentifiers`.
    ListIdentifiers,
    /// `ListRecords`.
    ListRecords,
    /// `GetRecord`.
    GetRecord,
}

impl Verb {
    /// Every verb.
    pub const ALL: [Verb; 6] = [
        Verb::Identify,
        Verb::ListMetadataFormats,
        Verb::ListSets,
        Verb::ListIdentifiers,
        Verb::ListRecords,
        Verb::GetRecord,
    ];

    /// The verb as the protocol writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Identify => "Identify",
            Verb::ListMetadataFormats => "ListMetadataFormats",
            Verb::ListSets => "ListSets",
            Verb::ListIdentifiers => "ListIdentifiers",
            Verb::ListRecords => "ListRecords",
            Verb::GetRecord => "GetRecord",
        }
    }

    /// (required, optional, exclusive) arguments.
    fn arguments(
        self,
    ) -> (
        &'static [&'static str],
        &'static [&'static str],
        Option<&'static str>,
    ) {
        match self {
            Verb::Identify => (&[], &[], None),
            Verb::ListMetadataFormats => (&[], &["identifier"], None),
            Verb::ListSets => (&[], &[], Some("resumptionToken")),
            Verb::ListIdentifiers | Verb::ListRecords => (
                &["metadataPrefix"],
                &["from", "until", "set"],
                Some("resumptionToken"),
            ),
            Verb::GetRecord => (&["identifier", "metadataPrefix"], &[], None),
        }
    }
}

/// A request whose verb and arguments follow the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The verb.
    pub verb: Verb,
    /// The arguments other than `verb`, by name.
    pub args: BTreeMap<&'static str, String>,
}

impl Request {
    /// An argument.
    #[must_use]
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.get(name).map(String::as_str)
    }
}

fn bad_argument(detail: String) -> OaiError {
    OaiError::new(Code::BadArgument, detail)
}

/// Reads a query string (without the `?`). A missing, repeated or unknown
/// verb is `badVerb`; an argument that is not allowed, repeated, missing,
/// empty or not decodable is `badArgument` (every one is reported).
///
/// # Errors
/// The protocol errors, never empty.
pub fn parse(query: &str) -> Result<Request, Vec<OaiError>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut errors = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        match (pct_decode(k, true), pct_decode(v, true)) {
            (Some(k), Some(v)) => pairs.push((k, v)),
            _ => errors.push(bad_argument(format!(
                "{}: not a percent-encoded UTF-8 argument",
                crate::limits::quote(part)
            ))),
        }
    }
    let verbs: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "verb")
        .map(|(_, v)| v.as_str())
        .collect();
    let verb = match verbs.as_slice() {
        [] => {
            return Err(vec![OaiError::new(
                Code::BadVerb,
                "the verb argument is missing".into(),
            )])
        }
        [one] => match Verb::ALL.iter().find(|v| v.as_str() == *one) {
            Some(v) => *v,
            None => {
                return Err(vec![OaiError::new(
                    Code::BadVerb,
                    format!("{} is not an OAI-PMH verb", crate::limits::quote(one)),
                )])
            }
        },
        _ => {
            return Err(vec![OaiError::new(
                Code::BadVerb,
                "the verb argument is repeated".into(),
            )])
        }
    };
    let (required, optional, exclusive) = verb.arguments();
    let mut args: BTreeMap<&'static str, String> = BTreeMap::new();
    for (k, v) in pairs.into_iter().filter(|(k, _)| k != "verb") {
        let known = required
            .iter()
            .chain(optional)
            .chain(exclusive.iter())
            .find(|name| **name == k);
        let Some(name) = known else {
            errors.push(bad_argument(format!(
                "{} is not an argument of {}",
                crate::limits::quote(&k),
                verb.as_str()
            )));
            continue;
        };
        if v.is_empty() {
            errors.push(bad_argument(format!("the argument {name} is empty")));
        } else if args.contains_key(name) {
            errors.push(bad_argument(format!("the argument {name} is repeated")));
        } else {
            args.insert(name, v);
        }
    }
    let resuming = exclusive.is_some_and(|x| args.contains_key(x));
    if resuming {
        if args.len() > 1 {
            errors.push(bad_argument(
                "resumptionToken is an exclusive argument: no other argument may come with it"
                    .into(),
            ));
        }
    } else {
        for name in required {
            if !args.contains_key(name) {
                errors.push(bad_argument(format!(
                    "{} needs the argument {name}",
                    verb.as_str()
                )));
            }
        }
    }
    if errors.is_empty() {
        Ok(Request { verb, args })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(q: &str) -> Vec<&'static str> {
        match parse(q) {
            Ok(_) => vec![],
            Err(e) => e.iter().map(|e| e.code.as_str()).collect(),
        }
    }

    #[test]
    fn verbs_and_arguments() {
        assert_eq!(codes("verb=Identify"), Vec::<&str>::new());
        assert_eq!(codes(""), ["badVerb"]);
        assert_eq!(codes("verb=Identify&verb=Identify"), ["badVerb"]);
        assert_eq!(codes("verb=Fly"), ["badVerb"]);
        assert_eq!(codes("verb=Identify&x=1"), ["badArgument"]);
        assert_eq!(codes("verb=ListRecords"), ["badArgument"]);
        assert_eq!(
            codes("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"),
            ["badArgument"]
        );
        assert_eq!(
            codes("verb=ListRecords&resumptionToken=x&set=a"),
            ["badArgument"]
        );
        assert_eq!(
            codes("verb=ListRecords&metadataPrefix="),
            ["badArgument", "badArgument"]
        );
        assert_eq!(
            codes("verb=GetRecord&identifier=%zz&metadataPrefix=oai_dc"),
            ["badArgument", "badArgument"]
        );
        let r = parse("verb=GetRecord&identifier=oai%3Ax%3Aa%2Fb+c&metadataPrefix=oai_dc");
        assert_eq!(
            r.ok()
                .and_then(|r| r.arg("identifier").map(str::to_string))
                .as_deref(),
            Some("oai:x:a/b c")
        );
    }
}
