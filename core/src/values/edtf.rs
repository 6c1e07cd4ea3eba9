//! Document dates: the EDTF subset of domain.md §3 and §9.4.
//!
//! `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, each optionally followed by `?`, `~` or
//! `%`; unspecified digits in a year-only date (`18XX`, `185X`); intervals
//! `A/B` of two such dates. The *latest year* a date can denote drives the
//! `date_before` funding rule.

use std::fmt;

use crate::Date;

/// A valid document date, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocDate {
    text: String,
    latest_year: i32,
}

/// One side of a date: its earliest and latest possible days.
#[derive(Debug, Clone, Copy)]
struct Span {
    earliest: (i32, u32, u32),
    latest: (i32, u32, u32),
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        Date::from_ymd_opt(year + 1, 1, 1)
    } else {
        Date::from_ymd_opt(year, month + 1, 1)
    };
    match (Date::from_ymd_opt(year, month, 1), next) {
        (Some(a), Some(b)) => u32::try_from((b - a).num_days()).unwrap_or(31),
        _ => 31,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_single(s: &str) -> Option<Span> {
    let s = s.strip_suffix(['?', '~', '%']).unwrap_or(s);
    let parts: Vec<&str> = s.split('-').collect();
    let year_text = *parts.first()?;
    if year_text.len() != 4 || !year_text.is_ascii() {
        return None;
    }
    if parts.len() == 1 {
        // Year only, with up to two trailing unspecified digits.
        let (known, unknown) = match year_text.find('X') {
            Some(i) => year_text.split_at(i),
            None => (year_text, ""),
        };
        if !all_digits(known) || unknown.len() > 2 || !unknown.bytes().all(|b| b == b'X') {
            return None;
        }
        let low: i32 = format!("{known}{}", "0".repeat(unknown.len()))
            .parse()
            .ok()?;
        let high: i32 = format!("{known}{}", "9".repeat(unknown.len()))
            .parse()
            .ok()?;
        return Some(Span {
            earliest: (low, 1, 1),
            latest: (high, 12, 31),
        });
    }
    if !all_digits(year_text) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let month_text = parts[1];
    if month_text.len() != 2 || !all_digits(month_text) {
        return None;
    }
    let month: u32 = month_text.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    match parts.len() {
        2 => Some(Span {
            earliest: (year, month, 1),
            latest: (year, month, days_in_month(year, month)),
        }),
        3 => {
            let day_text = parts[2];
            if day_text.len() != 2 || !all_digits(day_text) {
                return None;
            }
            let day: u32 = day_text.parse().ok()?;
            Date::from_ymd_opt(year, month, day)?;
            Some(Span {
                earliest: (year, month, day),
                latest: (year, month, day),
            })
        }
        _ => None,
    }
}

impl DocDate {
    /// Parses a document date; `None` when it is outside the subset.
    #[must_use]
    pub fn parse(text: &str) -> Option<DocDate> {
        let latest_year = match text.split_once('/') {
            None => parse_single(text)?.latest.0,
            Some((a, b)) => {
                let start = parse_single(a)?;
                let end = parse_single(b)?;
                if start.earliest > end.latest {
                    return None;
                }
                end.latest.0
            }
        };
        Some(DocDate {
            text: text.to_string(),
            latest_year,
        })
    }

    /// The latest year the date can denote (`18XX` → 1899, `1850/1860` → 1860).
    #[must_use]
    pub fn latest_year(&self) -> i32 {
        self.latest_year
    }

    /// The date as written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest(s: &str) -> Option<i32> {
        DocDate::parse(s).map(|d| d.latest_year())
    }

    #[test]
    fn latest_year_rule() {
        assert_eq!(latest("1871"), Some(1871));
        assert_eq!(latest("18XX"), Some(1899));
        assert_eq!(latest("185X"), Some(1859));
        assert_eq!(latest("18XX?"), Some(1899));
        assert_eq!(latest("1850/1860"), Some(1860));
        assert_eq!(latest("1898-05"), Some(1898));
        assert_eq!(latest("1790~"), Some(1790));
        assert_eq!(latest("1890?"), Some(1890));
        assert_eq!(latest("1700%"), Some(1700));
        assert_eq!(latest("1880-02-29?/1890-12"), Some(1890));
        assert_eq!(latest("1950/1955"), Some(1955));
    }

    #[test]
    fn invalid_dates() {
        for bad in [
            "",
            "1871-13",
            "1871-02-29",
            "1900-02-29",
            "vers 1870",
            "1870s",
            "187",
            "18710",
            "1X71",
            "1XXX",
            "18X5",
            "18XX-05",
            "1860/1850",
            "1850/",
            "/1850",
            "../1850",
            "1850/..",
            "1871??",
            "?1871",
            "1871-2-03",
            "1871-02-3",
            "1871-00",
            "1871-01-00",
            "1871-04-31",
            "1850/1860/1870",
            " 1871",
            "１８７１",
            "1871-02-28T00",
            "-1871",
        ] {
            assert!(DocDate::parse(bad).is_none(), "{bad} should be invalid");
        }
    }

    #[test]
    fn leap_days() {
        assert!(DocDate::parse("1880-02-29").is_some());
        assert!(DocDate::parse("2000-02-29").is_some());
        assert!(DocDate::parse("1871-02-29").is_none());
        assert!(DocDate::parse("1850-06/1850").is_some());
        assert!(DocDate::parse("18XX/1850").is_some());
    }
}
