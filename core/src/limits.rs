//! The limits of the v1.1 format (domain.md §9.1). Past any of them a value
//! is a validation error; they also bound what an error message quotes.

/// JSON (and Python values) may nest at most this many levels: `[]` is 1.
pub const MAX_DEPTH: usize = 128;
/// The longest identifier, in characters.
pub const MAX_ID_CHARS: usize = 256;
/// The longest other text, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The largest count (views, `sample`, `major`, `minor`, `issues`,
/// `min_sample`, `max_views_per_document`, `max_rounds`,
/// `max_days_at_provider`, `termination_notice_months`).
pub const MAX_COUNT: u64 = 1_000_000_000;
/// The largest amount of money given as input, in cents (1 000 000 000 000.00).
pub const MAX_MONEY_CENTS: i64 = 100_000_000_000_000;
/// The largest unit price, in ten-thousandths (10 000).
pub const MAX_UNIT_PRICE: i64 = 100_000_000;
/// The smallest and largest year (`year`, `membership_years`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;
/// How many characters of a bad value an error message quotes.
pub const MAX_DETAIL_CHARS: usize = 80;
/// How long the detail of a `NOT_IN_VOCABULARY` issue may be: the quoted
/// value (at most [`MAX_DETAIL_CHARS`] characters of it) and every accepted
/// value of the vocabulary.
pub const MAX_VOCABULARY_DETAIL_CHARS: usize = 400;
/// How many characters of a field path an error message quotes.
pub const MAX_PATH_CHARS: usize = 300;

/// `s` cut to at most `max` characters, with `…` when cut.
pub(crate) fn clip(mut s: String, max: usize) -> String {
    if s.len() <= max {
        return s;
    }
    if let Some((at, _)) = s.char_indices().nth(max) {
        s.truncate(at);
        s.push('…');
    }
    s
}

/// A value quoted for a message: at most [`MAX_DETAIL_CHARS`] characters
/// of it, never the whole of a huge value.
#[must_use]
pub fn quote(s: &str) -> String {
    match s.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((at, _)) => format!("{:?}…", &s[..at]),
        None => format!("{s:?}"),
    }
}

/// Whether `s` has more than `max` characters (without counting them all).
pub(crate) fn longer_than(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().nth(max).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_and_length() {
        assert_eq!(clip("abc".into(), 3), "abc");
        assert_eq!(clip("abcd".into(), 3), "abc…");
        assert_eq!(clip("ééééé".into(), 3), "ééé…");
        assert_eq!(clip("ééé".into(), 3), "ééé");
        assert!(!longer_than("ééé", 3));
        assert!(longer_than("éééé", 3));
        assert!(!longer_than(&"x".repeat(256), MAX_ID_CHARS));
        assert!(longer_than(&"x".repeat(257), MAX_ID_CHARS));
    }
}
