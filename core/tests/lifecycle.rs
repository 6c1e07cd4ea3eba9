//! The lifecycle as a state machine: random command sequences on a small
//! campaign. After every refused command the saved state is byte-identical;
//! after every step the custody invariant holds and no document vanished;
//! replaying the log gives the live state; save → load round-trips.
//! Truncating a saved campaign anywhere gives a typed error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use std::collections::HashMap;

use numconc::lifecycle::command::Action;
use numconc::{Campaign, CampaignData, Programme};
use proptest::prelude::*;
use serde_json::{json, Value};

fn programme() -> Programme {
    Programme::from_value(&json!({
        "id": "sm", "name": "state machine", "currency": "EUR",
        "eligibility": {"membership_required": true, "coordinator_convention_required": true,
                        "themes_any_of": ["regional_interest"]},
        "prices": {"default_per_view": "0.35", "ocr_per_view": "0.05", "fragile_surcharge_rate": "0.20", "per_document_fee": "5"},
        "funders": [{"id": "drac", "name": "DRAC", "public": true, "rates": [{"rate": "0.5"}]},
                    {"id": "ar2l", "name": "AR2L", "lines": ["shared"], "envelope": "100", "rates": [{"rate": "1"}]}],
        "max_public_rate": "0.8", "shared_cost_key": "views", "termination_notice_months": 1,
        "qc": {"sample_rate": "0.10", "min_sample": 3, "max_major": 0, "max_minor_rate": "0.05", "max_rounds": 2},
        "max_days_at_provider": 30
    }))
    .unwrap()
}

fn doc(id: &str, inst: &str, typology: &str, rights: &str, targets: Value) -> Value {
    json!({"id": id, "institution": inst, "title": "Titre", "author": "Auteur", "date": "1871", "typology": typology,
           "format": "A4", "views": 40, "themes": ["regional_interest"], "rights": rights, "targets": targets,
           "insured_value": "100.00", "proposed_on": "2026-01-05"})
}

fn campaign() -> CampaignData {
    CampaignData::from_value(&json!({
        "id": "c", "programme": "sm", "year": 2026, "ends_on": "2026-12-31",
        "institutions": [
            {"id": "I1", "name": "BM", "kind": "municipal_library", "size": "small", "membership_years": [2026]},
            {"id": "I2", "name": "AD", "kind": "departmental_archives", "size": "large", "membership_years": [2026]}
        ],
        "conventions": [
            {"id": "C1", "institution": "I1", "kind": "coordinator", "signed_on": "2025-01-01", "starts_on": "2025-01-01", "ends_on": "2026-12-31"},
            {"id": "N1", "institution": "I1", "kind": "national_library", "signed_on": "2025-01-01", "starts_on": "2025-01-01", "ends_on": "2026-12-31"},
            {"id": "C2", "institution": "I2", "kind": "coordinator", "signed_on": "2025-01-01", "starts_on": "2025-01-01", "ends_on": "2026-03-31"}
        ],
        "documents": [
            doc("D1", "I1", "press", "public_domain", json!(["gallica", "armarium"])),
            doc("D2", "I1", "manuscripts", "public_domain", json!(["armarium"])),
            doc("D3", "I2", "archives", "cleared", json!(["gallica"])),
            doc("D4", "I2", "maps_plans", "protected", json!([])),
            doc("D5", "I1", "photographs", "public_domain", json!(["gallica"]))
        ],
        "shared_costs": [{"label": "transport", "amount": "300.00"}]
    }))
    .unwrap()
}

const DOCS: &[&str] = &["D1", "D2", "D5", "D3", "D2", "D6", "DX"];
const GRADES: &[&str] = &["good", "fair", "poor", "unfit"];
const ARKS: &[&str] = &[
    "ark:/12148/bpt6k205233j",
    "ark:/12148/bpt6k205233k",
    "ark:/12148/cb119016075",
];

#[derive(Debug, Clone)]
struct Spec {
    kind: u8,
    doc: usize,
    doc2: usize,
    days: i64,
    a: u64,
    b: u64,
    flag: bool,
}

fn arb_spec() -> impl Strategy<Value = Spec> {
    (
        0u8..40,
        0usize..6,
        0usize..7,
        -1i64..6,
        0u64..60,
        0u64..4,
        any::<bool>(),
    )
        .prop_map(|(kind, doc, doc2, days, a, b, flag)| Spec {
            kind,
            doc,
            doc2,
            days,
            a,
            b,
            flag,
        })
}

/// Picks among the documents in a given situation (so that sequences reach
/// deep states), falling back to the spec's document.
fn pick<'a>(
    c: &'a Campaign,
    s: &Spec,
    pred: impl Fn(&numconc::lifecycle::state::DocumentState) -> bool,
) -> &'a str {
    let candidates: Vec<&str> = c
        .documents()
        .filter(|(_, st)| pred(st))
        .map(|(d, _)| d.id.as_str())
        .collect();
    if candidates.is_empty() || s.b == 3 {
        DOCS[s.doc]
    } else {
        candidates[s.doc % candidates.len()]
    }
}

fn command(c: &Campaign, s: &Spec, date: numconc::Date, n: usize) -> Value {
    use numconc::lifecycle::state::Digital;
    let d = match s.kind {
        18..=28 => pick(c, s, |st| st.at_provider()),
        29..=31 => pick(c, s, |st| st.digital == Digital::QcPassed),
        _ => DOCS[s.doc],
    };
    let d2 = DOCS[s.doc2];
    let date = date.to_string();
    let grade = if s.a == 0 {
        "unfit"
    } else {
        GRADES[(s.b as usize) % 3]
    };
    let rare = s.a % 8 == 0;
    match s.kind {
        32..=37 | 39 if !rare => {
            json!({"type": "ship", "shipment": format!("S{n}"), "provider": "SIM", "docs": [d], "date": date})
        }
        0..=5 => json!({"type": "select", "doc": d, "date": date}),
        6..=9 => json!({"type": "record_condition", "doc": d, "grade": grade, "date": date}),
        10..=13 => json!({"type": "prepare", "doc": d, "issues": s.a % 3, "date": date}),
        14..=16 => {
            json!({"type": "ship", "shipment": format!("S{}", s.a % 6), "provider": "SIM", "docs": [d, d2], "date": date})
        }
        17 => {
            json!({"type": "ship", "shipment": format!("S{n}"), "provider": "Abbeville", "docs": [d], "date": date})
        }
        18..=21 => {
            json!({"type": "deliver", "doc": d, "views": if s.flag { s.a } else { s.a + 40 }, "date": date})
        }
        22..=25 => {
            json!({"type": "qc", "doc": d, "sample": if s.flag { s.a } else { 100 }, "major": u64::from(s.b == 3), "minor": s.b % 3, "date": date})
        }
        26..=27 => {
            json!({"type": "return", "docs": [d], "grades": [grade], "early": s.flag && s.b == 0, "date": date})
        }
        28 => json!({"type": "return", "docs": [d, d2], "grades": ["good", "fair"], "date": date}),
        29..=30 => {
            json!({"type": "publish", "doc": d, "target": if s.flag { "gallica" } else { "armarium" },
                     "identifier": ARKS[(s.b as usize) % 3], "date": date})
        }
        31 => json!({"type": "preserve", "doc": d, "date": date}),
        32 => json!({"type": "withdraw", "doc": d, "reason": "r", "date": date}),
        33 => json!({"type": "reject", "doc": d, "reason": "r", "date": date}),
        34 => {
            json!({"type": "propose", "document": doc(&format!("D{}", 6 + s.a % 2), "I1", "postcards", "public_domain", json!(["armarium"])), "date": date})
        }
        35 => {
            json!({"type": "notify_termination", "convention": if s.flag { "C1" } else { "C2" }, "date": date})
        }
        36 => {
            json!({"type": "amend_convention", "convention": "C2", "amendment": {"signed_on": date, "ends_on": "2026-12-31"}, "date": date})
        }
        37 => {
            json!({"type": "record_membership", "institution": if s.flag { "I1" } else { "IX" }, "year": 2026, "date": date})
        }
        38 => json!({"type": "select", "doc": d, "date": "2026-01-01"}),
        _ if s.flag => json!({"type": "close_campaign", "date": date}),
        _ => json!({"type": "qc", "doc": d, "sample": 100, "major": 0, "minor": 0, "date": date}),
    }
}

/// Who is at a provider according to the log alone.
fn at_provider_from_log(c: &Campaign) -> HashMap<String, bool> {
    let mut out = HashMap::new();
    for e in c.events() {
        match &e.action {
            Action::Ship { docs, .. } => docs.iter().for_each(|d| {
                out.insert(d.to_string(), true);
            }),
            Action::Return(r) => r.docs().iter().for_each(|d| {
                out.insert(d.to_string(), false);
            }),
            _ => {}
        }
    }
    out
}

fn check_round_trips(c: &Campaign) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        &c.replayed().unwrap(),
        c,
        "replaying the log gives the live state"
    );
    let saved = c.save_json();
    let loaded = Campaign::load_json(&saved).unwrap();
    prop_assert_eq!(&loaded, c);
    prop_assert_eq!(
        loaded.save_json(),
        saved,
        "save → load → save is byte-identical"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn random_command_sequences(specs in prop::collection::vec(arb_spec(), 1..100)) {
        let mut c = Campaign::new(programme(), campaign()).unwrap();
        let mut date = numconc::Date::from_ymd_opt(2026, 2, 1).unwrap();
        let mut ids: Vec<String> = c.documents().map(|(d, _)| d.id.clone()).collect();
        let mut accepted = 0;
        for (n, s) in specs.iter().enumerate() {
            let when = date + chrono::Duration::days(s.days);
            let cmd = command(&c, s, when, n);
            let before_text = c.save_json();
            let before = c.clone();
            match c.execute_value(&cmd) {
                Ok(()) => {
                    accepted += 1;
                    date = date.max(when);
                }
                Err(e) => {
                    prop_assert_eq!(c.save_json(), before_text, "refused {} changed the saved state", e.code());
                    prop_assert_eq!(&c, &before);
                }
            }
            // Custody: at a provider ⇔ shipped and not returned.
            let log = at_provider_from_log(&c);
            for (d, state) in c.documents() {
                prop_assert_eq!(state.at_provider(), log.get(&d.id).copied().unwrap_or(false), "custody of {}", d.id);
            }
            let report: Vec<String> = c.custody_report(when).into_iter().map(|e| e.doc).collect();
            let mut expected: Vec<String> = log.iter().filter(|(_, v)| **v).map(|(k, _)| k.clone()).collect();
            expected.sort();
            prop_assert_eq!(report, expected);
            // The publication index (the OAI-PMH order) is the scan of the
            // states, and each datestamp the day of the last publish.
            check_publication_index(&c)?;
            // No document vanishes.
            let now: Vec<String> = c.documents().map(|(d, _)| d.id.clone()).collect();
            prop_assert!(ids.iter().all(|id| now.contains(id)));
            ids = now;
            prop_assert_eq!(c.events().len(), accepted);
            if n % 10 == 9 {
                check_round_trips(&c)?;
            }
        }
        check_round_trips(&c)?;
    }
}

fn check_publication_index(c: &Campaign) -> Result<(), TestCaseError> {
    use std::collections::BTreeSet;
    let mut last: HashMap<String, numconc::Date> = HashMap::new();
    for e in c.events() {
        if let Action::Publish { doc, .. } = &e.action {
            last.insert(doc.to_string(), e.date);
        }
    }
    let index = c.publications();
    let mut all = BTreeSet::new();
    for (pos, (d, s)) in c.documents().enumerate() {
        prop_assert_eq!(
            s.published_on,
            last.get(&d.id).copied(),
            "datestamp of {}",
            d.id
        );
        let Some(day) = s.published_on else { continue };
        all.insert((day, pos));
        prop_assert!(index
            .of_institution(&d.institution)
            .is_some_and(|i| i.contains(&(day, pos))));
        for t in s.published.keys() {
            prop_assert!(index.of_target(t).is_some_and(|i| i.contains(&(day, pos))));
        }
    }
    prop_assert_eq!(index.all(), &all);
    let by_inst: usize = c
        .data()
        .institutions()
        .iter()
        .filter_map(|i| index.of_institution(&i.id))
        .map(BTreeSet::len)
        .sum();
    prop_assert_eq!(by_inst, all.len());
    let by_target: usize = c.documents().map(|(_, s)| s.published.len()).sum();
    let indexed: usize = ["gallica", "armarium"]
        .iter()
        .filter_map(|t| index.of_target(t))
        .map(BTreeSet::len)
        .sum();
    prop_assert_eq!(indexed, by_target);
    Ok(())
}

#[test]
fn truncated_saves_give_typed_errors() {
    let mut c = Campaign::new(programme(), campaign()).unwrap();
    for cmd in [
        json!({"type": "select", "doc": "D2", "date": "2026-02-01"}),
        json!({"type": "record_condition", "doc": "D2", "grade": "good", "date": "2026-02-02"}),
        json!({"type": "prepare", "doc": "D2", "date": "2026-02-03"}),
        json!({"type": "ship", "shipment": "S1", "provider": "SIM", "docs": ["D2"], "date": "2026-02-04"}),
        json!({"type": "deliver", "doc": "D2", "views": 41, "date": "2026-02-10"}),
    ] {
        c.execute_value(&cmd).unwrap();
    }
    let saved = c.save_json();
    assert!(Campaign::load_json(&saved).is_ok());
    let mut codes = std::collections::BTreeSet::new();
    for cut in 0..saved.len() {
        if !saved.is_char_boundary(cut) {
            continue;
        }
        let prefix = &saved[..cut];
        if prefix.trim_end() == saved.trim_end() {
            continue;
        }
        let err = Campaign::load_json(prefix).expect_err("a truncated save must not load");
        codes.insert(err.code());
    }
    assert!(codes.contains("INVALID_JSON"));
}

#[test]
fn load_refuses_bad_versions_and_names_the_bad_event() {
    let mut c = Campaign::new(programme(), campaign()).unwrap();
    c.execute_value(&json!({"type": "select", "doc": "D2", "date": "2026-02-01"}))
        .unwrap();
    c.execute_value(&json!({"type": "reject", "doc": "D1", "reason": "r", "date": "2026-02-01"}))
        .unwrap();
    let saved = c.save_json();
    let future = saved.replacen("\"schema_version\":1", "\"schema_version\":2", 1);
    assert_eq!(
        Campaign::load_json(&future).unwrap_err().code(),
        "UNSUPPORTED_SCHEMA_VERSION"
    );
    let none = saved.replacen("\"schema_version\":1,", "", 1);
    assert_eq!(
        Campaign::load_json(&none).unwrap_err().code(),
        "MISSING_SCHEMA_VERSION"
    );
    // The second event made invalid: rejecting an already selected document.
    let bad = saved.replacen("\"doc\":\"D1\"", "\"doc\":\"D2\"", 1);
    match Campaign::load_json(&bad).unwrap_err() {
        numconc::LoadError::InvalidEvent { index, error } => {
            assert_eq!(index, 2);
            assert_eq!(error.code(), "INVALID_TRANSITION");
        }
        other => panic!("unexpected {other:?}"),
    }
    // Keys written with JSON escapes are the same keys, at every level.
    let escaped = saved
        .replacen("\"schema_version\"", "\"schema_\\u0076ersion\"", 1)
        .replacen("\"documents\"", "\"docum\\u0065nts\"", 1);
    assert_ne!(escaped, saved);
    assert_eq!(Campaign::load_json(&escaped).unwrap().save_json(), saved);
    let unknown_type = saved.replacen("\"type\":\"reject\"", "\"type\":\"burn\"", 1);
    assert!(matches!(
        Campaign::load_json(&unknown_type).unwrap_err(),
        numconc::LoadError::InvalidEvent { index: 2, .. }
    ));
}

/// The generator reaches the whole lifecycle: every command type is accepted
/// in some sequence (so the properties above are not vacuous).
#[test]
fn random_sequences_reach_every_stage() {
    let mut rng = support::synthetic::Rng::new(11);
    let mut accepted: std::collections::BTreeMap<&'static str, usize> =
        std::collections::BTreeMap::new();
    for _ in 0..300 {
        let mut c = Campaign::new(programme(), campaign()).unwrap();
        let mut date = numconc::Date::from_ymd_opt(2026, 2, 1).unwrap();
        for n in 0..100 {
            let s = Spec {
                kind: u8::try_from(rng.below(40)).unwrap(),
                doc: usize::try_from(rng.below(6)).unwrap(),
                doc2: usize::try_from(rng.below(7)).unwrap(),
                days: i64::try_from(rng.below(7)).unwrap() - 1,
                a: rng.below(60),
                b: rng.below(4),
                flag: rng.chance(50),
            };
            let when = date + chrono::Duration::days(s.days);
            let cmd = command(&c, &s, when, n);
            if c.execute_value(&cmd).is_ok() {
                date = date.max(when);
                *accepted
                    .entry(c.events().last().unwrap().action.type_name())
                    .or_default() += 1;
            }
        }
    }
    eprintln!("{accepted:?}");
    for kind in [
        "select",
        "ship",
        "deliver",
        "qc",
        "return",
        "publish",
        "preserve",
        "withdraw",
        "close_campaign",
    ] {
        assert!(
            accepted.get(kind).copied().unwrap_or(0) > 0,
            "{kind} never accepted"
        );
    }
}
