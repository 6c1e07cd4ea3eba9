//! The published documents of a campaign in the order of its OAI-PMH
//! repository — by (day of the latest publication, position) — whole, per
//! holding institution and per publication target: a page of a harvest,
//! selective or not, is a range of one of these sets, never a scan.

use std::collections::{BTreeMap, BTreeSet};

use crate::Date;

/// (datestamp, document position) pairs, in order.
pub type Publications = BTreeSet<(Date, usize)>;

/// The publication index of a campaign (a pure function of its log).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationIndex {
    all: Publications,
    by_institution: BTreeMap<String, Publications>,
    by_target: BTreeMap<String, Publications>,
}

impl PublicationIndex {
    /// Every published document.
    #[must_use]
    pub fn all(&self) -> &Publications {
        &self.all
    }

    /// The published documents an institution holds (by institution id).
    #[must_use]
    pub fn of_institution(&self, institution: &str) -> Option<&Publications> {
        self.by_institution.get(institution)
    }

    /// The documents published on a target.
    #[must_use]
    pub fn of_target(&self, target: &str) -> Option<&Publications> {
        self.by_target.get(target)
    }

    /// The document at `pos`, held by `institution` and published on
    /// `targets` (its targets after the command), was published on `date`;
    /// `before` was its previous datestamp and `before_targets` its targets
    /// then.
    pub(crate) fn publish<'a>(
        &mut self,
        pos: usize,
        institution: &str,
        before: Option<(Date, impl Iterator<Item = &'a String>)>,
        date: Date,
        targets: impl Iterator<Item = &'a String>,
    ) {
        if let Some((old, old_targets)) = before {
            self.all.remove(&(old, pos));
            if let Some(s) = self.by_institution.get_mut(institution) {
                s.remove(&(old, pos));
            }
            for t in old_targets {
                if let Some(s) = self.by_target.get_mut(t) {
                    s.remove(&(old, pos));
                }
            }
        }
        self.all.insert((date, pos));
        self.by_institution
            .entry(institution.to_string())
            .or_default()
            .insert((date, pos));
        for t in targets {
            self.by_target
                .entry(t.clone())
                .or_default()
                .insert((date, pos));
        }
    }
}
