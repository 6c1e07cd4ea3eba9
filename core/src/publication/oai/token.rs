//! Resumption tokens: the position of the last record given and every
//! argument of the request that started the list, so that a token is
//! answered the same way on every call, and a token that another request
//! could not have given is `badResumptionToken`.

use crate::publication::oai::names::{pct_decode, pct_encode};
use crate::publication::oai::request::Verb;
use crate::Date;

/// What a token holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The verb of the list (`ListIdentifiers` or `ListRecords`).
    pub verb: Verb,
    /// `metadataPrefix`.
    pub prefix: String,
    /// `set`, as requested.
    pub set: Option<String>,
    /// `from`.
    pub from: Option<Date>,
    /// `until`.
    pub until: Option<Date>,
    /// The campaign of the last record given (by id).
    pub campaign: String,
    /// Its datestamp.
    pub date: Date,
    /// Its position in the campaign.
    pub pos: usize,
    /// Records given so far (the next page's `cursor`).
    pub given: u64,
}

const VERSION: &str = "1";

fn opt(s: Option<&str>) -> String {
    s.map_or_else(String::new, |s| format!("={}", pct_encode(s)))
}

fn read_opt(s: &str) -> Option<Option<String>> {
    if s.is_empty() {
        Some(None)
    } else {
        pct_decode(s.strip_prefix('=')?, false).map(Some)
    }
}

fn read_date(s: &str) -> Option<Date> {
    (s.len() == 10)
        .then(|| Date::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
}

impl Token {
    /// The token as sent: `!`-separated fields, each percent-encoded.
    #[must_use]
    pub fn encode(&self) -> String {
        let from = self.from.map(|d| d.to_string());
        let until = self.until.map(|d| d.to_string());
        format!(
            "{VERSION}!{}!{}!{}!{}!{}!{}!{}!{}!{}",
            self.verb.as_str(),
            pct_encode(&self.prefix),
            opt(self.set.as_deref()),
            opt(from.as_deref()),
            opt(until.as_deref()),
            pct_encode(&self.campaign),
            self.date,
            self.pos,
            self.given
        )
    }

    /// Reads a token; `None` when it is not one this repository gives for
    /// `verb`.
    #[must_use]
    pub fn decode(s: &str, verb: Verb) -> Option<Token> {
        let f: Vec<&str> = s.split('!').collect();
        let [v, tverb, prefix, set, from, until, campaign, date, pos, given] = f.as_slice() else {
            return None;
        };
        if *v != VERSION || *tverb != verb.as_str() {
            return None;
        }
        let read_day = |s: &str| -> Option<Option<Date>> {
            match read_opt(s)? {
                None => Some(None),
                Some(d) => read_date(&d).map(Some),
            }
        };
        let number = |s: &str| -> Option<u64> {
            (!s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit())
                && (s == "0" || !s.starts_with('0')))
            .then(|| s.parse().ok())
            .flatten()
        };
        let token = Token {
            verb,
            prefix: pct_decode(prefix, false)?,
            set: read_opt(set)?,
            from: read_day(from)?,
            until: read_day(until)?,
            campaign: pct_decode(campaign, false)?,
            date: read_date(date)?,
            pos: usize::try_from(number(pos)?).ok()?,
            given: number(given)?,
        };
        // Only the token this repository wrote is one.
        (token.encode() == s).then_some(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let t = Token {
            verb: Verb::ListRecords,
            prefix: "oai_dc".into(),
            set: Some("institution:FR-1~20!".into()),
            from: Date::from_ymd_opt(2026, 1, 2),
            until: None,
            campaign: "hdf 2026!".into(),
            date: Date::from_ymd_opt(2026, 5, 6).unwrap_or_default(),
            pos: 42,
            given: 100,
        };
        let s = t.encode();
        assert_eq!(Token::decode(&s, Verb::ListRecords), Some(t));
        assert_eq!(Token::decode(&s, Verb::ListIdentifiers), None);
        assert_eq!(
            Token::decode(&s.replace("!42!", "!042!"), Verb::ListRecords),
            None
        );
        assert_eq!(Token::decode("junk", Verb::ListRecords), None);
        assert_eq!(Token::decode(&format!("{s}!"), Verb::ListRecords), None);
    }
}
