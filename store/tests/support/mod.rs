//! Helpers shared by the store's tests: a small campaign, an endless
//! deterministic stream of valid commands, a seeded generator.
#![allow(dead_code, clippy::panic)]

use numconc::{CampaignData, Programme};

/// A seeded xorshift generator (no dependency, same numbers everywhere).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

pub const CAMPAIGN: &str = r#"{"id": "hdf-2026", "programme": "hauts-de-france", "year": 2026,
  "ends_on": "2027-06-30",
  "institutions": [{"id": "FR-801216101", "name": "BM d'Amiens", "kind": "municipal_library",
                    "size": "medium", "membership_years": [2026]}],
  "conventions": [{"id": "C1", "institution": "FR-801216101", "kind": "coordinator",
                   "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2027-12-31"}],
  "documents": [{"id": "D0", "institution": "FR-801216101", "title": "Le Progrès de la Somme",
                 "author": "Collectif", "date": "1871", "typology": "press", "format": "A2",
                 "views": 1200, "themes": ["regional_interest"], "rights": "public_domain",
                 "ocr": true, "targets": ["armarium"], "proposed_on": "2026-02-10"}],
  "shared_costs": []}"#;

pub fn programme() -> Programme {
    match Programme::preset("hauts-de-france") {
        Ok(p) => p,
        Err(e) => panic!("preset: {e}"),
    }
}

pub fn data() -> CampaignData {
    match CampaignData::from_json(CAMPAIGN) {
        Ok(d) => d,
        Err(e) => panic!("campaign: {e}"),
    }
}

/// The `i`-th command (from 1) of an endless valid stream: proposals of
/// new documents, their rejection, membership records, with dates that
/// never go back.
pub fn command(i: usize) -> String {
    let day = 1 + (i / 1000).min(27);
    let date = format!("2026-03-{day:02}");
    match i % 3 {
        1 => format!(
            r#"{{"type": "propose", "date": "{date}", "document": {{"id": "D{i}", "institution": "FR-801216101", "title": "Registre n° {i} — « épreuve »", "typology": "archives", "rights": "public_domain", "views": {views}, "proposed_on": "2026-02-10"}}}}"#,
            views = 1 + i % 997
        ),
        2 => format!(
            r#"{{"type": "reject", "doc": "D{}", "reason": "hors programme ({i})", "date": "{date}"}}"#,
            i - 1
        ),
        _ => format!(
            r#"{{"type": "record_membership", "institution": "FR-801216101", "year": 2026, "date": "{date}", "actor": "régie"}}"#
        ),
    }
}

/// The stored text of the `i`-th command (as the log writes it).
pub fn command_text(i: usize) -> String {
    match numconc::Command::from_json(&command(i)) {
        Ok(c) => c.to_json(),
        Err(e) => panic!("command {i}: {e}"),
    }
}
