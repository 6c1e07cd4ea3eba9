//! Agreements (conventions) with their amendments and termination, and
//! when they are in force (domain.md §4, §9.7).

use chrono::Months;
use serde_json::Value;

use crate::error::{Issue, IssueCode};
use crate::format::json::{p_date, p_id, p_list, p_vocab, Fields, Issues, Out, Path};
use crate::values::vocabulary::ConventionKind;
use crate::Date;

/// An agreement between an institution and a partner of the programme.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{CampaignData, Date};
/// let data = CampaignData::from_json(r#"{"id": "c", "programme": "p", "year": 2026,
///   "ends_on": "2027-06-30",
///   "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
///                     "size": "medium", "membership_years": [2026]}],
///   "conventions": [{"id": "C1", "institution": "FR-801216101", "kind": "coordinator",
///                    "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2026-12-31",
///                    "amendments": [{"signed_on": "2026-05-02", "ends_on": "2028-12-31"}],
///                    "termination": {"notice_received_on": "2026-09-10"}}]}"#)?;
/// let c = data.convention("C1").ok_or("C1")?;
/// let day = |y, m, d| Date::from_ymd_opt(y, m, d).ok_or("day");
/// // The amendment extends it; the notice (one month here) ends it first.
/// assert!(c.in_force(day(2026, 10, 9)?, 1));
/// assert!(!c.in_force(day(2026, 10, 10)?, 1));
/// assert_eq!(c.last_day_in_force(day(2026, 6, 1)?, 1), day(2026, 10, 9)?);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Convention {
    /// Identifier.
    pub id: String,
    /// The institution that signed it.
    pub institution: String,
    /// With whom.
    pub kind: ConventionKind,
    /// Signature day.
    pub signed_on: Date,
    /// First day in force.
    pub starts_on: Date,
    /// Last day in force unless amended (no tacit renewal).
    pub ends_on: Date,
    /// Amendments (avenants).
    pub amendments: Vec<Amendment>,
    /// Termination notice, if one was received.
    pub termination: Option<Termination>,
}

/// An amendment (avenant): may move the end of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    /// Signature day: it counts from that day on.
    pub signed_on: Date,
    /// The new last day, if it changes it.
    pub ends_on: Option<Date>,
}

/// A termination notice (résiliation by registered letter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Termination {
    /// The day the notice was received.
    pub notice_received_on: Date,
}

/// `date` + `months` calendar months, a day past the end of the target
/// month clamping to its last day (2026-01-31 + 1 month = 2026-02-28).
#[must_use]
pub fn add_months(date: Date, months: u32) -> Date {
    date.checked_add_months(Months::new(months))
        .unwrap_or(Date::MAX)
}

impl Convention {
    /// The last day of the agreement as known on `day`: the `ends_on` of the
    /// latest-signed amendment signed on or before `day` that has one (on a
    /// tie, the later `ends_on`), else the convention's own.
    #[must_use]
    pub fn end_on(&self, day: Date) -> Date {
        self.amendments
            .iter()
            .filter(|a| a.signed_on <= day)
            .filter_map(|a| a.ends_on.map(|e| (a.signed_on, e)))
            .max()
            .map_or(self.ends_on, |(_, e)| e)
    }

    /// The first day no longer in force because of the termination notice.
    #[must_use]
    pub fn terminates_on(&self, notice_months: u32) -> Option<Date> {
        self.termination
            .as_ref()
            .map(|t| add_months(t.notice_received_on, notice_months))
    }

    /// Whether the agreement is in force on `day`.
    #[must_use]
    pub fn in_force(&self, day: Date, notice_months: u32) -> bool {
        self.starts_on <= day
            && day <= self.end_on(day)
            && self.terminates_on(notice_months).is_none_or(|t| day < t)
    }

    /// The last day in force, as known on `day` (assuming it is in force then).
    #[must_use]
    pub fn last_day_in_force(&self, day: Date, notice_months: u32) -> Date {
        let end = self.end_on(day);
        match self.terminates_on(notice_months).and_then(|t| t.pred_opt()) {
            Some(t) => end.min(t),
            None => end,
        }
    }

    pub(crate) fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Convention> {
        let f = Fields::new(
            v,
            path,
            &[
                "id",
                "institution",
                "kind",
                "signed_on",
                "starts_on",
                "ends_on",
                "amendments",
                "termination",
            ],
            issues,
        )?;
        let before = issues.len();
        let id = f.req("id", issues, p_id);
        let institution = f.req("institution", issues, p_id);
        let kind = f.req("kind", issues, p_vocab(ConventionKind::parse));
        let signed_on = f.req("signed_on", issues, p_date);
        let starts_on = f.req("starts_on", issues, p_date);
        let ends_on = f.req("ends_on", issues, p_date);
        if let (Some(s), Some(e)) = (starts_on, ends_on) {
            if e < s {
                issues.push(Issue::new(
                    IssueCode::Inconsistent,
                    f.path_of("ends_on"),
                    "ends before it starts",
                ));
            }
        }
        let amendments = f.opt("amendments", issues, p_list(Amendment::read));
        let termination = f.opt("termination", issues, Termination::read);
        if issues.len() != before {
            return None;
        }
        Some(Convention {
            id: id?,
            institution: institution?,
            kind: kind?,
            signed_on: signed_on?,
            starts_on: starts_on?,
            ends_on: ends_on?,
            amendments: amendments.unwrap_or_default(),
            termination,
        })
    }

    /// The convention as a v1 JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put("id", self.id.as_str())
            .put("institution", self.institution.as_str())
            .put("kind", self.kind.as_str())
            .put("signed_on", self.signed_on.to_string())
            .put("starts_on", self.starts_on.to_string())
            .put("ends_on", self.ends_on.to_string())
            .put(
                "amendments",
                self.amendments
                    .iter()
                    .map(Amendment::to_value)
                    .collect::<Vec<_>>(),
            )
            .put_opt(
                "termination",
                self.termination.as_ref().map(|t| {
                    Out::new()
                        .put("notice_received_on", t.notice_received_on.to_string())
                        .build()
                }),
            )
            .build()
    }
}

impl Amendment {
    pub(crate) fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Amendment> {
        let f = Fields::new(v, path, &["signed_on", "ends_on"], issues)?;
        let signed_on = f.req("signed_on", issues, p_date);
        let ends_on = f.opt("ends_on", issues, p_date);
        Some(Amendment {
            signed_on: signed_on?,
            ends_on,
        })
    }

    /// The amendment as a v1 JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put("signed_on", self.signed_on.to_string())
            .put_opt("ends_on", self.ends_on.map(|d| d.to_string()))
            .build()
    }
}

impl Termination {
    fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Termination> {
        let f = Fields::new(v, path, &["notice_received_on"], issues)?;
        Some(Termination {
            notice_received_on: f.req("notice_received_on", issues, p_date)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::format::json::parse_day(s).unwrap_or(Date::MIN)
    }

    fn conv() -> Convention {
        Convention {
            id: "C1".into(),
            institution: "I".into(),
            kind: ConventionKind::Coordinator,
            signed_on: d("2024-12-01"),
            starts_on: d("2025-01-01"),
            ends_on: d("2025-12-31"),
            amendments: vec![],
            termination: None,
        }
    }

    #[test]
    fn month_clamping() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2028-01-31"), 1), d("2028-02-29"));
        assert_eq!(add_months(d("2026-03-31"), 1), d("2026-04-30"));
        assert_eq!(add_months(d("2026-12-15"), 3), d("2027-03-15"));
        assert_eq!(add_months(d("2026-02-28"), 0), d("2026-02-28"));
    }

    #[test]
    fn no_tacit_renewal() {
        let c = conv();
        assert!(!c.in_force(d("2024-12-31"), 1));
        assert!(c.in_force(d("2025-01-01"), 1));
        assert!(c.in_force(d("2025-12-31"), 1));
        assert!(!c.in_force(d("2026-01-01"), 1));
    }

    #[test]
    fn amendments_count_from_signature() {
        let mut c = conv();
        c.amendments.push(Amendment {
            signed_on: d("2025-11-20"),
            ends_on: Some(d("2027-12-31")),
        });
        c.amendments.push(Amendment {
            signed_on: d("2026-01-15"),
            ends_on: Some(d("2026-06-30")),
        });
        c.amendments.push(Amendment {
            signed_on: d("2026-03-01"),
            ends_on: None,
        });
        assert_eq!(c.end_on(d("2025-11-19")), d("2025-12-31"));
        assert_eq!(c.end_on(d("2025-11-20")), d("2027-12-31"));
        assert_eq!(c.end_on(d("2026-01-15")), d("2026-06-30"));
        assert!(c.in_force(d("2026-06-30"), 1));
        assert!(!c.in_force(d("2026-07-01"), 1));
        // A tie on signature day: the later end wins.
        c.amendments.push(Amendment {
            signed_on: d("2026-01-15"),
            ends_on: Some(d("2026-09-30")),
        });
        assert_eq!(c.end_on(d("2026-02-01")), d("2026-09-30"));
    }

    #[test]
    fn termination_notice() {
        let mut c = conv();
        c.ends_on = d("2027-12-31");
        c.termination = Some(Termination {
            notice_received_on: d("2026-01-31"),
        });
        assert!(c.in_force(d("2026-02-27"), 1));
        assert!(!c.in_force(d("2026-02-28"), 1));
        assert_eq!(c.last_day_in_force(d("2026-02-01"), 1), d("2026-02-27"));
        c.termination = Some(Termination {
            notice_received_on: d("2024-02-29"),
        });
        assert_eq!(c.terminates_on(12), Some(d("2025-02-28")));
    }
}
