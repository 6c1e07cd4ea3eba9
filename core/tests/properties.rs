//! Property tests of the core: loading never panics, valid objects
//! round-trip, eligibility and budgets do not depend on input order, and
//! the funding invariants of domain.md §6 hold on random programmes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use numconc::{BudgetMode, Campaign, CampaignData, Command, Programme};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::synthetic::{random_campaign, random_programme, Rng};

fn day(s: &str) -> numconc::Date {
    numconc::Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Random JSON values, with keys and strings from the v1 vocabulary so that
/// they reach deep into the readers.
fn arb_json() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "id",
        "name",
        "kind",
        "size",
        "views",
        "date",
        "typology",
        "rights",
        "press",
        "A2",
        "1871",
        "18XX",
        "0.35",
        "12.345",
        "2026-02-30",
        "2026-03-01",
        "FR-591786101",
        "gallica",
        "type",
        "ship",
        "docs",
        "institution",
        "documents",
        "institutions",
        "funders",
        "rates",
        "when",
        "rate",
        "programme",
        "",
        "-1",
        "1e3",
        "ark:/12148/bpt6k205233j",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        words.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((words.clone(), inner), 0..8).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

/// Replaces one value somewhere in `v` (chosen by `path`) with `with`.
fn mutate(v: &mut Value, path: &[usize], with: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *v = with;
        return;
    };
    match v {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(first % map.len()).cloned().unwrap();
            mutate(map.get_mut(&key).unwrap(), rest, with);
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            mutate(&mut items[first % n], rest, with);
        }
        _ => *v = with,
    }
}

fn setup(seed: u64, max_inst: u64, max_docs: u64) -> (Programme, Value, Rng) {
    let mut rng = Rng::new(seed);
    let programme = Programme::from_value(&random_programme(&mut rng)).unwrap();
    let campaign = random_campaign(&mut rng, max_inst, max_docs);
    (programme, campaign, rng)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    /// Any text: each reader gives a value or a typed error; what loads
    /// round-trips; a refused command leaves the campaign as it was and an
    /// accepted one is in its log. The command part always runs.
    #[test]
    fn loading_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(p) = Programme::from_json(&text) {
            prop_assert_eq!(Programme::from_value(&p.to_value()).ok(), Some(p));
        }
        if let Ok(d) = CampaignData::from_json(&text) {
            prop_assert_eq!(CampaignData::from_value(&d.to_value()).ok(), Some(d));
        }
        match Campaign::load_json(&text) {
            Ok(c) => prop_assert_eq!(Campaign::load_json(&c.save_json()).map(|x| x.save_json()).ok(), Some(c.save_json())),
            Err(e) => prop_assert!(["INVALID_JSON", "MISSING_SCHEMA_VERSION", "UNSUPPORTED_SCHEMA_VERSION", "INVALID_VALUE", "INVALID_EVENT", "UNKNOWN_PRESET"].contains(&e.code())),
        }
        let p = Programme::preset("hauts-de-france").unwrap();
        let mut c = Campaign::from_json(p, r#"{"id":"c","programme":"hauts-de-france","year":2026,"ends_on":"2027-06-30"}"#).unwrap();
        let before = c.save_json();
        match c.execute_json(&text) {
            Ok(()) => prop_assert_eq!(c.events().len(), 1),
            Err(_) => prop_assert_eq!(c.save_json(), before),
        }
    }

    #[test]
    fn loading_never_panics_on_json(v in arb_json()) {
        let _ = Programme::from_value(&v);
        let text = v.to_string();
        let tree: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(CampaignData::from_json(&text), CampaignData::from_value(&tree));
        let _ = Command::from_value(&v);
        let _ = Campaign::load_json(&v.to_string());
        let _ = numconc::Document::from_value(&v);
        let _ = numconc::Institution::from_value(&v);
    }

    #[test]
    fn mutated_valid_data_never_panics_and_round_trips(seed in any::<u64>(), path in prop::collection::vec(any::<usize>(), 0..5), with in arb_json()) {
        let (programme, mut campaign, _) = setup(seed, 4, 8);
        let mut p = programme.to_value();
        mutate(&mut campaign, &path, with.clone());
        mutate(&mut p, &path, with);
        // The text reader (list element by list element) and the tree reader
        // agree on every input: the same data, or the same issues.
        let text = campaign.to_string();
        let tree: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&CampaignData::from_json(&text), &CampaignData::from_value(&tree));
        let from_tree = CampaignData::from_value(&campaign);
        if let Ok(data) = from_tree {
            prop_assert_eq!(CampaignData::from_value(&data.to_value()).ok(), Some(data));
        }
        if let Ok(prog) = Programme::from_value(&p) {
            prop_assert_eq!(Programme::from_value(&prog.to_value()).ok(), Some(prog));
        }
    }

    #[test]
    fn valid_objects_round_trip(seed in any::<u64>()) {
        let (programme, campaign, _) = setup(seed, 6, 20);
        let data = CampaignData::from_value(&campaign).unwrap();
        let again = CampaignData::from_value(&data.to_value()).unwrap();
        prop_assert_eq!(&again, &data);
        prop_assert_eq!(again.to_value(), data.to_value());
        let mut written = String::new();
        data.write_json(&mut written);
        prop_assert_eq!(written, serde_json::to_string(&data.to_value()).unwrap());
        let p2 = Programme::from_value(&programme.to_value()).unwrap();
        prop_assert_eq!(&p2, &programme);
        for d in data.documents() {
            let back = numconc::Document::from_value(&d.to_value()).ok();
            prop_assert_eq!(back.as_ref(), Some(d));
        }
    }

    #[test]
    fn eligibility_does_not_depend_on_order(seed in any::<u64>()) {
        let (programme, campaign, mut rng) = setup(seed, 6, 25);
        let mut shuffled = campaign.clone();
        for key in ["institutions", "conventions", "documents"] {
            if let Some(items) = shuffled[key].as_array_mut() {
                rng.shuffle(items);
            }
        }
        let a = Campaign::new(programme.clone(), CampaignData::from_value(&campaign).unwrap()).unwrap();
        let b = Campaign::new(programme, CampaignData::from_value(&shuffled).unwrap()).unwrap();
        for d in ["2026-01-05", "2026-04-01", "2026-06-30", "2026-07-01", "2027-01-01"] {
            prop_assert_eq!(a.eligibility_all(day(d)), b.eligibility_all(day(d)));
        }
    }
}

/// Checks every funding invariant of domain.md §6 on a budget.
fn check_invariants(programme: &Programme, budget: &numconc::Budget) -> Result<(), TestCaseError> {
    // In i128: at the limits of §9.1, cost × rate does not fit in 64 bits.
    let c = |m: numconc::Money| i128::from(m.cents());
    let nf = programme.funders.len();
    let mut per_funder = vec![0_i128; nf];
    let mut per_funder_inst: std::collections::HashMap<(usize, &str), i128> =
        std::collections::HashMap::new();
    let max_public = programme
        .max_public_rate
        .map(|r| i128::from(r.ten_thousandths()));
    let min_partner = programme
        .min_partner_rate
        .map_or(0, |r| i128::from(r.ten_thousandths()));
    for line in &budget.lines {
        let cost = c(line.cost);
        let given: i128 = line.funders.iter().map(|m| c(*m)).sum();
        prop_assert_eq!(given + c(line.partner), cost, "shares add up to the cost");
        prop_assert!(c(line.partner) >= 0 && line.funders.iter().all(|m| m.cents() >= 0));
        prop_assert!(
            c(line.partner) * 10_000 >= cost * min_partner,
            "partner at least min_partner_rate"
        );
        let mut public = 0;
        for (f, funder) in programme.funders.iter().enumerate() {
            let g = c(line.funders[f]);
            let kind_ok = funder.lines.contains(&line.kind);
            prop_assert!(kind_ok || g == 0, "a funder gives only to its line kinds");
            let best = funder
                .rates
                .iter()
                .flat_map(|r| {
                    [
                        Some(r.rate),
                        r.by_size.small,
                        r.by_size.medium,
                        r.by_size.large,
                    ]
                })
                .flatten()
                .map(|r| i128::from(r.ten_thousandths()))
                .max()
                .unwrap_or(0);
            prop_assert!(g * 10_000 <= cost * best, "no funder above its rate");
            if funder.public {
                public += g;
            }
            per_funder[f] += g;
            *per_funder_inst
                .entry((f, line.institution.as_str()))
                .or_default() += g;
        }
        if let Some(mp) = max_public {
            prop_assert!(
                public * 10_000 <= cost * mp,
                "public funders within max_public_rate"
            );
        }
    }
    for (f, funder) in programme.funders.iter().enumerate() {
        prop_assert_eq!(per_funder[f], c(budget.funder_totals[f]));
        if let Some(env) = funder.envelope {
            prop_assert!(per_funder[f] <= c(env), "envelope");
        }
        for ((ff, _), &sum) in &per_funder_inst {
            if *ff != f {
                continue;
            }
            if let Some(max) = funder.per_institution_max {
                prop_assert!(sum <= c(max), "per_institution_max");
            }
            if let Some(min) = funder.per_institution_min {
                prop_assert!(sum == 0 || sum >= c(min), "per_institution_min");
            }
        }
    }
    let total: i128 = budget.lines.iter().map(|l| c(l.cost)).sum();
    prop_assert_eq!(total, c(budget.total));
    let partner: i128 = budget.lines.iter().map(|l| c(l.partner)).sum();
    prop_assert_eq!(partner, c(budget.partner_total));
    Ok(())
}

/// A value at, just under, or far under a limit of domain.md §9.1.
fn near_limit(rng: &mut Rng, limit: &str, under: &str, small: &str) -> String {
    (*rng.pick(&[limit, under, small])).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// Views, prices, fees, shared costs and envelopes at the limits of
    /// §9.1: every budget either keeps every invariant or is refused with
    /// `AMOUNT_OVERFLOW` — never a wrapped, negative or unbalanced amount.
    #[test]
    fn funding_invariants_hold_at_the_limits(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let mut p = random_programme(&mut rng);
        p["prices"]["default_per_view"] = json!(near_limit(&mut rng, "10000", "9999.9999", "0.0001"));
        p["prices"]["ocr_per_view"] = json!(near_limit(&mut rng, "10000", "0.0001", "0"));
        p["prices"]["per_document_fee"] = json!(near_limit(&mut rng, "1000000000000", "999999999999.99", "0.01"));
        if let Some(entries) = p["prices"]["per_view"].as_array_mut() {
            for e in entries {
                e["price"] = json!(near_limit(&mut rng, "10000", "9999.9999", "0.0001"));
            }
        }
        if let Some(funders) = p["funders"].as_array_mut() {
            for f in funders {
                for key in ["envelope", "per_institution_max", "per_institution_min"] {
                    if f.get(key).is_some() {
                        f[key] = json!(near_limit(&mut rng, "1000000000000.00", "999999999999.99", "0.01"));
                    }
                }
            }
        }
        let programme = Programme::from_value(&p).unwrap();
        let mut campaign = random_campaign(&mut rng, 4, 10);
        if let Some(docs) = campaign["documents"].as_array_mut() {
            for d in docs {
                d["views"] = json!(*rng.pick(&[1_000_000_000_u64, 999_999_999, 1, 0]));
            }
        }
        if let Some(shared) = campaign["shared_costs"].as_array_mut() {
            for s in shared {
                s["amount"] = json!(near_limit(&mut rng, "1000000000000.00", "999999999999.99", "0.01"));
            }
        }
        let c = Campaign::new(programme.clone(), CampaignData::from_value(&campaign).unwrap()).unwrap();
        match c.budget(BudgetMode::Estimate { as_of: day("2026-04-01") }) {
            Ok(budget) => {
                check_invariants(&programme, &budget)?;
                prop_assert_eq!(budget.to_json(), serde_json::to_string(&budget.to_value()).unwrap());
                for s in c.data().shared_costs() {
                    let parts: i128 = budget.lines.iter().filter(|l| l.label.as_deref() == Some(&s.label)).map(|l| i128::from(l.cost.cents())).sum();
                    prop_assert!(parts == i128::from(s.amount.cents()) || budget.lines.is_empty());
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "AMOUNT_OVERFLOW"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

    #[test]
    fn funding_invariants_hold(seed in any::<u64>()) {
        let (programme, campaign, _) = setup(seed, 5, 12);
        let c = Campaign::new(programme.clone(), CampaignData::from_value(&campaign).unwrap()).unwrap();
        let budget = c.budget(BudgetMode::Estimate { as_of: day("2026-04-01") }).unwrap();
        check_invariants(&programme, &budget)?;
        // Written directly, the JSON is the very text of the tree.
        prop_assert_eq!(budget.to_json(), serde_json::to_string(&budget.to_value()).unwrap());
        let day = day("2026-04-01");
        let tree: serde_json::Map<String, Value> = c
            .eligibility_all(day)
            .into_iter()
            .map(|(id, e)| (id.to_string(), e.to_value()))
            .collect();
        prop_assert_eq!(c.eligibility_table(day).to_json(c.data()), serde_json::to_string(&tree).unwrap());
        for (id, e) in c.eligibility_all(day) {
            prop_assert_eq!(Some(e), c.eligibility(id, day));
        }
        // Shared costs are split exactly.
        for s in c.data().shared_costs() {
            let parts: i64 = budget.lines.iter().filter(|l| l.label.as_deref() == Some(&s.label)).map(|l| l.cost.cents()).sum();
            prop_assert!(parts == s.amount.cents() || budget.lines.is_empty());
        }
    }

    #[test]
    fn budget_does_not_depend_on_order(seed in any::<u64>()) {
        let (programme, campaign, mut rng) = setup(seed, 5, 12);
        let mut shuffled = campaign.clone();
        for key in ["institutions", "conventions", "documents"] {
            if let Some(items) = shuffled[key].as_array_mut() {
                rng.shuffle(items);
            }
        }
        let as_of = BudgetMode::Estimate { as_of: day("2026-04-01") };
        let a = Campaign::new(programme.clone(), CampaignData::from_value(&campaign).unwrap()).unwrap();
        let b = Campaign::new(programme.clone(), CampaignData::from_value(&shuffled).unwrap()).unwrap();
        prop_assert_eq!(a.budget(as_of).unwrap(), b.budget(as_of).unwrap());
        // The order of shared costs is the order of shared lines (a tie-breaker):
        // each shared cost is still split the same way.
        if let Some(items) = shuffled["shared_costs"].as_array_mut() {
            rng.shuffle(items);
        }
        let c = Campaign::new(programme.clone(), CampaignData::from_value(&shuffled).unwrap()).unwrap();
        let (ba, bc) = (a.budget(as_of).unwrap(), c.budget(as_of).unwrap());
        let key = |l: &numconc::BudgetLine| (l.institution.clone(), l.document.clone(), l.label.clone(), l.cost);
        let mut ka: Vec<_> = ba.lines.iter().map(key).collect();
        let mut kc: Vec<_> = bc.lines.iter().map(key).collect();
        ka.sort();
        kc.sort();
        prop_assert_eq!(ka, kc);
        check_invariants(&programme, &bc)?;
    }
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    // Past the limits of §9.1, prices and views are refused outright.
    let over = json!({
        "id": "p", "name": "p", "currency": "EUR",
        "prices": {"default_per_view": "10000.0001"},
        "funders": [{"id": "f", "name": "f", "rates": [{"rate": "1"}]}],
        "shared_cost_key": "views", "termination_notice_months": 1,
        "qc": {"sample_rate": "0.05", "min_sample": 20, "max_major": 0, "max_minor_rate": "0.02", "max_rounds": 3},
        "max_days_at_provider": 90
    });
    assert!(Programme::from_value(&over).is_err());
    // At the limits, a cost can still exceed what a line may hold.
    let programme = Programme::from_value(&json!({
        "id": "p", "name": "p", "currency": "EUR",
        "prices": {"default_per_view": "10000", "fragile_surcharge_rate": "1"},
        "funders": [{"id": "f", "name": "f", "rates": [{"rate": "1"}]}],
        "shared_cost_key": "views", "termination_notice_months": 1,
        "qc": {"sample_rate": "0.05", "min_sample": 20, "max_major": 0, "max_minor_rate": "0.02", "max_rounds": 3},
        "max_days_at_provider": 90
    }))
    .unwrap();
    let doc = |id: &str, inst: &str| {
        json!({"id": id, "institution": inst, "title": "t", "author": "a", "date": "1871", "format": "A4",
               "typology": "press", "rights": "public_domain", "proposed_on": "2026-01-01",
               "views": 1_000_000_000_u64, "fragile": true})
    };
    let mut messages = Vec::new();
    // Two documents overflow: the error names the first in canonical order
    // (institution id, then document id), whatever the order of the input.
    for docs in [
        vec![doc("D2", "I-B"), doc("D9", "I-A"), doc("D1", "I-B")],
        vec![doc("D1", "I-B"), doc("D9", "I-A"), doc("D2", "I-B")],
        vec![doc("D9", "I-A"), doc("D2", "I-B"), doc("D1", "I-B")],
    ] {
        let data = CampaignData::from_value(&json!({
            "id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30",
            "institutions": [{"id": "I-B", "name": "B", "kind": "museum", "size": "small"},
                             {"id": "I-A", "name": "A", "kind": "museum", "size": "small"}],
            "documents": docs
        }))
        .unwrap();
        let c = Campaign::new(programme.clone(), data).unwrap();
        let err = c
            .budget(BudgetMode::Estimate {
                as_of: day("2026-04-01"),
            })
            .unwrap_err();
        assert_eq!(err.code(), "AMOUNT_OVERFLOW");
        messages.push(err.to_string());
    }
    assert!(messages[0].contains("D9"), "{}", messages[0]);
    assert!(messages.iter().all(|m| *m == messages[0]), "{messages:?}");
}

#[test]
fn csv_parses_back_to_the_same_amounts() {
    let mut rng = Rng::new(42);
    for _ in 0..50 {
        let programme = Programme::from_value(&random_programme(&mut rng)).unwrap();
        let campaign = random_campaign(&mut rng, 5, 15);
        let c = Campaign::new(programme, CampaignData::from_value(&campaign).unwrap()).unwrap();
        let budget = c
            .budget(BudgetMode::Estimate {
                as_of: day("2026-04-01"),
            })
            .unwrap();
        let text = budget.to_csv().unwrap();
        assert!(text.starts_with('\u{feff}'));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), budget.lines.len() + 1);
        let cents = |s: &str| numconc::Money::parse(&s.replace(',', ".")).unwrap();
        let nf = budget.funder_ids.len();
        for (row, line) in rows.iter().zip(&budget.lines) {
            assert_eq!(&row[0], line.institution);
            assert_eq!(&row[3], line.title.as_deref().unwrap_or_default());
            assert_eq!(&row[4], line.shelfmark.as_deref().unwrap_or_default());
            assert_eq!(cents(&row[7]), line.cost);
            for f in 0..nf {
                assert_eq!(cents(&row[8 + f]), line.funders[f]);
            }
            assert_eq!(cents(&row[8 + nf]), line.partner);
        }
        let total = rows.last().unwrap();
        assert_eq!(&total[0], "TOTAL");
        assert_eq!(cents(&total[7]), budget.total);
        assert_eq!(cents(&total[8 + nf]), budget.partner_total);
    }
}
