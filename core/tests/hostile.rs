//! Hostile and careless input (issue: spec v1.1 and hostile input): every
//! case gives a typed error with a stable code, or the spec's answer —
//! never a panic, a wrapped amount, a silent overwrite or a stuck campaign.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use numconc::{BudgetMode, Campaign, CampaignData, Programme};
use serde_json::{json, Value};

fn day(s: &str) -> numconc::Date {
    numconc::Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn programme() -> Programme {
    Programme::from_value(&json!({
        "id": "p", "name": "p", "currency": "EUR",
        "prices": {"per_view": [{"typology": "press", "price": "0.40"},
                                {"typology": "press", "format": "A2", "price": "0.45"}],
                   "default_per_view": "0.35"},
        "funders": [{"id": "f", "name": "f", "rates": [{"when": {}, "rate": "0.5"}]}],
        "shared_cost_key": "views", "termination_notice_months": 1,
        "qc": {"sample_rate": "0.05", "min_sample": 20, "max_major": 0, "max_minor_rate": "0.02", "max_rounds": 2},
        "max_days_at_provider": 90
    }))
    .unwrap()
}

fn document(id: &str, views: Value) -> Value {
    json!({"id": id, "institution": "I1", "title": "t", "author": "a", "date": "1871",
           "typology": "press", "format": "A2", "views": views, "themes": ["regional_interest"],
           "rights": "public_domain", "targets": ["armarium"], "proposed_on": "2026-02-10"})
}

fn campaign_value() -> Value {
    json!({"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30",
           "institutions": [{"id": "I1", "name": "BM", "kind": "museum", "size": "small"}],
           "documents": [document("D1", json!(1000)), document("D2", json!(10))],
           "shared_costs": [{"label": "transport", "amount": "100.00"}]})
}

fn campaign() -> Campaign {
    Campaign::new(
        programme(),
        CampaignData::from_value(&campaign_value()).unwrap(),
    )
    .unwrap()
}

/// The issue codes and paths of an `INVALID_VALUE` command error.
fn command_issues(c: &mut Campaign, command: &str) -> Vec<(String, String)> {
    match c.execute_json(command) {
        Err(numconc::CommandError::InvalidValue(v)) => v
            .issues
            .iter()
            .map(|i| (i.code.code().to_string(), i.path.clone()))
            .collect(),
        other => panic!("expected INVALID_VALUE, got {other:?}"),
    }
}

fn pair(code: &str, path: &str) -> Vec<(String, String)> {
    vec![(code.to_string(), path.to_string())]
}

#[test]
fn views_past_the_limit_are_refused_so_no_budget_can_wrap() {
    // 2^64 − 1 views made a shared-cost split wrap to −8 446 744 073 709.55.
    let mut v = campaign_value();
    v["documents"][0]["views"] = json!(u64::MAX);
    let e = CampaignData::from_value(&v).unwrap_err();
    assert_eq!(e.issues[0].code.code(), "OUT_OF_RANGE");
    assert_eq!(e.issues[0].path, "documents[0].views");
    v["documents"][0]["views"] = json!(1_000_000_000_u64);
    let data = CampaignData::from_value(&v).unwrap();
    let c = Campaign::new(programme(), data).unwrap();
    let b = c
        .budget(BudgetMode::Estimate {
            as_of: day("2026-04-01"),
        })
        .unwrap();
    assert!(b.lines.iter().all(|l| l.cost.cents() >= 0
        && l.partner.cents() >= 0
        && l.funders.iter().all(|f| f.cents() >= 0)));
    assert_eq!(b.total.to_string(), "450000104.50");
    // deliver is held to the same limit.
    let mut c = campaign();
    assert_eq!(
        command_issues(
            &mut c,
            &format!(
                r#"{{"type": "deliver", "doc": "D1", "views": {}, "date": "2026-05-01"}}"#,
                u64::MAX
            )
        ),
        pair("OUT_OF_RANGE", "views")
    );
}

#[test]
fn duplicate_keys_are_refused_at_every_level() {
    let mut c = campaign();
    // The command type given twice: `reject` used to win.
    assert_eq!(
        command_issues(
            &mut c,
            r#"{"type": "select", "type": "reject", "doc": "D1", "reason": "x", "date": "2026-04-15"}"#
        ),
        pair("DUPLICATE_KEY", "type")
    );
    assert_eq!(c.events().len(), 0);
    // In an object carried by a command.
    let cmd = r#"{"type": "propose", "date": "2026-04-15", "document": {"id": "D9", "id": "D10",
        "institution": "I1", "typology": "press", "rights": "public_domain", "proposed_on": "2026-02-10"}}"#;
    assert_eq!(
        command_issues(&mut c, cmd),
        pair("DUPLICATE_KEY", "document.id")
    );
    // The campaign year given twice.
    let text =
        r#"{"id": "c", "programme": "p", "year": 2026, "year": 2025, "ends_on": "2027-06-30"}"#;
    let e = CampaignData::from_json(text).unwrap_err();
    assert_eq!(e.issues[0].code.code(), "DUPLICATE_KEY");
    assert_eq!(e.issues[0].path, "year");
    // Inside a list element of the campaign.
    let text = r#"{"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30",
        "institutions": [{"id": "I1", "name": "BM", "kind": "museum", "kind": "museum", "size": "small"}]}"#;
    let e = CampaignData::from_json(text).unwrap_err();
    assert_eq!(e.issues[0].path, "institutions[0].kind");
    // In a programme.
    let text = r#"{"id": "p", "id": "q"}"#;
    let e = Programme::from_json(text).unwrap_err();
    assert_eq!(e.issues[0].code.code(), "DUPLICATE_KEY");
    // A saved file with a second "events": [] loaded with none of its events.
    let mut c = campaign();
    c.execute_json(r#"{"type": "select", "doc": "D1", "date": "2026-04-15"}"#)
        .unwrap();
    let saved = c.save_json();
    let doubled = saved.replacen("\n\"events\":[", "\n\"events\":[],\n\"events\":[", 1);
    assert_ne!(doubled, saved);
    let e = Campaign::load_json(&doubled).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
    assert!(e.to_string().contains("events"), "{e}");
    assert!(
        e.to_string().contains("DUPLICATE_KEY") || e.message_en().contains("twice"),
        "{e}"
    );
    // A duplicate inside one event names the event.
    let bad_event = saved.replacen(
        r#""type":"select""#,
        r#""type":"select","type":"select""#,
        1,
    );
    let e = Campaign::load_json(&bad_event).unwrap_err();
    assert_eq!(e.code(), "INVALID_EVENT");
    assert!(
        matches!(e, numconc::LoadError::InvalidEvent { index: 1, .. }),
        "{e:?}"
    );
}

#[test]
fn nesting_deeper_than_128_is_refused_without_a_crash() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let mut c = campaign();
    let cmd = format!(r#"{{"type": "select", "doc": {deep}, "date": "2026-04-15"}}"#);
    assert_eq!(command_issues(&mut c, &cmd)[0].0, "TOO_DEEP");
    let e = Programme::from_json(&format!(r#"{{"id": {deep}}}"#)).unwrap_err();
    assert_eq!(e.issues[0].code.code(), "TOO_DEEP");
    let text = format!(
        r#"{{"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30", "documents": [{deep}]}}"#
    );
    let e = CampaignData::from_json(&text).unwrap_err();
    assert_eq!(e.issues[0].code.code(), "TOO_DEEP");
    assert!(
        e.issues[0].path.starts_with("documents[0]"),
        "{}",
        e.issues[0].path
    );
    let saved =
        campaign()
            .save_json()
            .replacen("\n\"events\":[", &format!("\n\"events\":[{deep}"), 1);
    let e = Campaign::load_json(&saved).unwrap_err();
    assert_eq!(e.code(), "INVALID_EVENT", "{e}");
}

#[test]
fn a_mistyped_year_cannot_lock_the_campaign() {
    let mut c = campaign();
    assert_eq!(c.date_window(), (day("2025-01-01"), day("2028-06-30")));
    for date in ["9999-12-31", "2024-12-31", "2028-07-01"] {
        let cmd = format!(r#"{{"type": "select", "doc": "D1", "date": "{date}"}}"#);
        assert_eq!(
            command_issues(&mut c, &cmd),
            pair("OUT_OF_RANGE", "date"),
            "{date}"
        );
    }
    for date in ["2025-01-01", "2028-06-30"] {
        let cmd = format!(
            r#"{{"type": "record_membership", "institution": "I1", "year": 2026, "date": "{date}"}}"#
        );
        c.execute_json(&cmd).unwrap();
    }
    // Typed commands are held to the window too.
    let typed = numconc::Command::new(
        day("2030-01-01"),
        numconc::lifecycle::command::Action::Select {
            doc: numconc::values::DocumentId::new("D1").unwrap(),
        },
    );
    assert_eq!(c.execute(typed).unwrap_err().code(), "INVALID_VALUE");
}

#[test]
fn a_document_that_never_passes_is_withdrawn_and_the_campaign_closes() {
    let mut c = campaign();
    for cmd in [
        r#"{"type": "select", "doc": "D1", "date": "2026-04-01"}"#,
        r#"{"type": "record_condition", "doc": "D1", "grade": "good", "date": "2026-04-02"}"#,
        r#"{"type": "prepare", "doc": "D1", "issues": 3, "date": "2026-04-03"}"#,
        r#"{"type": "ship", "shipment": "S1", "provider": "P", "docs": ["D1"], "date": "2026-04-04"}"#,
        r#"{"type": "deliver", "doc": "D1", "views": 1000, "date": "2026-05-01"}"#,
        r#"{"type": "qc", "doc": "D1", "sample": 50, "major": 3, "minor": 0, "date": "2026-05-02"}"#,
    ] {
        c.execute_json(cmd).unwrap();
    }
    // At the provider: not yet.
    let withdraw =
        r#"{"type": "withdraw", "doc": "D1", "reason": "illisible", "date": "2026-05-03"}"#;
    assert_eq!(
        c.execute_json(withdraw).unwrap_err().code(),
        "INVALID_TRANSITION"
    );
    c.execute_json(r#"{"type": "return", "docs": ["D1"], "grades": ["good"], "early": true, "date": "2026-05-03"}"#)
        .unwrap();
    c.execute_json(withdraw).unwrap();
    c.execute_json(r#"{"type": "close_campaign", "date": "2026-05-04"}"#)
        .unwrap();
    // Its delivered views still count in the actual budget.
    let b = c.budget(BudgetMode::Actual).unwrap();
    assert_eq!(b.lines.len(), 2);
    assert_eq!(b.lines[0].document.as_deref(), Some("D1"));
    // A document that passed QC cannot be withdrawn.
    let mut c = campaign();
    for cmd in [
        r#"{"type": "select", "doc": "D2", "date": "2026-04-01"}"#,
        r#"{"type": "record_condition", "doc": "D2", "grade": "good", "date": "2026-04-02"}"#,
        r#"{"type": "prepare", "doc": "D2", "issues": 3, "date": "2026-04-03"}"#,
        r#"{"type": "ship", "shipment": "S1", "provider": "P", "docs": ["D2"], "date": "2026-04-04"}"#,
        r#"{"type": "deliver", "doc": "D2", "views": 10, "date": "2026-05-01"}"#,
        r#"{"type": "qc", "doc": "D2", "sample": 10, "major": 0, "minor": 0, "date": "2026-05-02"}"#,
        r#"{"type": "return", "docs": ["D2"], "grades": ["good"], "date": "2026-05-03"}"#,
    ] {
        c.execute_json(cmd).unwrap();
    }
    let withdraw = r#"{"type": "withdraw", "doc": "D2", "reason": "x", "date": "2026-05-04"}"#;
    assert_eq!(
        c.execute_json(withdraw).unwrap_err().code(),
        "INVALID_TRANSITION"
    );
}

#[test]
fn price_levels_whatever_the_order_of_the_grid() {
    // Every order of the grid gives the exact entry for (press, A2), the
    // typology entry for (press, A3) and for a press document without format.
    let entries = [
        json!({"typology": "press", "price": "0.40"}),
        json!({"typology": "press", "format": "A2", "price": "0.45"}),
        json!({"typology": "press", "format": "A2", "price": "0.99"}),
        json!({"typology": "press", "format": "A4", "price": "0.77"}),
    ];
    let orders = [
        [0, 1, 2, 3],
        [1, 0, 2, 3],
        [3, 0, 1, 2],
        [0, 3, 1, 2],
        [3, 1, 2, 0],
    ];
    for order in orders {
        let mut p = programme().to_value();
        p["prices"]["per_view"] = Value::Array(order.iter().map(|&i| entries[i].clone()).collect());
        let programme = Programme::from_value(&p).unwrap();
        let mut v = campaign_value();
        v["documents"][1]["format"] = json!("A3");
        v["shared_costs"] = json!([]);
        let c = Campaign::new(programme, CampaignData::from_value(&v).unwrap()).unwrap();
        let b = c
            .budget(BudgetMode::Estimate {
                as_of: day("2026-04-01"),
            })
            .unwrap();
        let costs: Vec<String> = b.lines.iter().map(|l| l.cost.to_string()).collect();
        // 1000 × 0.45 and 10 × 0.40 (the first A2 entry when two exist: 0.45 comes before 0.99 in every order).
        assert_eq!(costs, ["450.00", "4.00"], "order {order:?}");
    }
}

#[test]
fn shared_cost_labels_are_checked_in_linear_time() {
    // 80 000 labels (3 MB) took 14 s with a quadratic check.
    let n = 80_000;
    let mut shared: Vec<Value> = (0..n)
        .map(|i| json!({"label": format!("coût {i}"), "amount": "1.00"}))
        .collect();
    shared.push(json!({"label": "coût 17", "amount": "1.00"}));
    let mut v = campaign_value();
    v["shared_costs"] = Value::Array(shared);
    let e = CampaignData::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].code.code(), "DUPLICATE_ID");
    assert_eq!(e.issues[0].path, format!("shared_costs[{n}].label"));
}

#[test]
fn sizes_are_checked_and_messages_quote_at_most_80_characters() {
    let huge = "D".repeat(5_000_000);
    let mut c = campaign();
    let cmd = format!(r#"{{"type": "select", "doc": "{huge}", "date": "2026-04-15"}}"#);
    let e = c.execute_json(&cmd).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
    assert!(e.message_en().len() < 400, "{} bytes", e.message_en().len());
    assert!(e.message_en().contains("TOO_LONG") || e.message_en().contains("too long"));
    // An id of 256 characters is accepted, 257 is not; other texts up to 10 000.
    let mut v = campaign_value();
    v["documents"][0]["id"] = json!("D".repeat(256));
    v["documents"][0]["title"] = json!("T".repeat(10_000));
    assert!(CampaignData::from_value(&v).is_ok());
    v["documents"][0]["id"] = json!("D".repeat(257));
    v["documents"][0]["title"] = json!("T".repeat(10_001));
    let e = CampaignData::from_value(&v).unwrap_err();
    let got: Vec<_> = e
        .issues
        .iter()
        .map(|i| (i.code.code(), i.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("TOO_LONG", "documents[0].id"),
            ("TOO_LONG", "documents[0].title")
        ]
    );
    assert!(e.issues.iter().all(|i| i.detail.chars().count() < 120));
    // A huge bad value in a vocabulary field is quoted, not copied.
    let mut v = campaign_value();
    v["documents"][0]["typology"] = json!("x".repeat(1_000_000));
    let e = CampaignData::from_value(&v).unwrap_err();
    assert!(e.message_en().len() < 400);
    // An unknown field with a huge name.
    let mut v = campaign_value();
    v["documents"][0]["k".repeat(1_000_000)] = json!(1);
    let e = CampaignData::from_value(&v).unwrap_err();
    assert!(e.message_en().len() < 700, "{}", e.message_en().len());
}

#[test]
fn money_counts_and_years_past_their_limits() {
    let mut v = campaign_value();
    v["shared_costs"][0]["amount"] = json!("1000000000000.00");
    assert!(CampaignData::from_value(&v).is_ok());
    v["shared_costs"][0]["amount"] = json!("1000000000000.01");
    assert_eq!(
        CampaignData::from_value(&v).unwrap_err().issues[0]
            .code
            .code(),
        "INVALID_MONEY"
    );
    let mut p = programme().to_value();
    p["prices"]["default_per_view"] = json!("10000.0001");
    assert!(Programme::from_value(&p).is_err());
    let mut p = programme().to_value();
    p["qc"]["max_rounds"] = json!(1_000_000_001_u64);
    assert!(Programme::from_value(&p).is_err());
    // Year 0, and days of year 0.
    for (key, value) in [
        ("year", json!(0)),
        ("year", json!(10_000)),
        ("ends_on", json!("0000-06-30")),
    ] {
        let mut v = campaign_value();
        v[key] = value;
        assert!(CampaignData::from_value(&v).is_err(), "{key}");
    }
    let mut c = campaign();
    let cmd =
        r#"{"type": "record_membership", "institution": "I1", "year": 0, "date": "2026-04-15"}"#;
    assert_eq!(command_issues(&mut c, cmd), pair("OUT_OF_RANGE", "year"));
    let cmd = r#"{"type": "qc", "doc": "D1", "sample": 1000000001, "major": 0, "minor": 0, "date": "2026-04-15"}"#;
    assert_eq!(command_issues(&mut c, cmd), pair("OUT_OF_RANGE", "sample"));
}

#[test]
fn a_byte_order_mark_before_json_is_skipped() {
    let bom = "\u{feff}";
    assert!(Programme::from_json(&format!("{bom}{}", programme().to_value())).is_ok());
    assert!(CampaignData::from_json(&format!("{bom}{}", campaign_value())).is_ok());
    let mut c = campaign();
    c.execute_json(&format!(
        r#"{bom}{{"type": "select", "doc": "D1", "date": "2026-04-15"}}"#
    ))
    .unwrap();
    let saved = c.save_json();
    let loaded = Campaign::load_json(&format!("{bom}{saved}")).unwrap();
    assert_eq!(loaded.save_json(), saved);
    let loaded = Campaign::load_json_bytes(format!("{bom}{saved}").as_bytes()).unwrap();
    assert_eq!(loaded, c);
    // Not UTF-8: a load error with its code.
    let e = Campaign::load_json_bytes(b"{\"schema_version\": 1, \xff}").unwrap_err();
    assert_eq!(e.code(), "INVALID_JSON");
}

#[test]
fn replay_is_all_or_nothing() {
    let mut source = campaign();
    source
        .execute_json(r#"{"type": "select", "doc": "D1", "date": "2026-04-15"}"#)
        .unwrap();
    source
        .execute_json(r#"{"type": "select", "doc": "D2", "date": "2026-04-16"}"#)
        .unwrap();
    let mut events = source.events().to_vec();
    // A third event that is refused (D1 is no longer a proposal).
    events.push(events[0].clone());
    let mut c = campaign();
    let before = c.save_json();
    let e = c.replay(&events).unwrap_err();
    assert!(
        matches!(e, numconc::LoadError::InvalidEvent { index: 3, .. }),
        "{e:?}"
    );
    assert_eq!(c.save_json(), before);
    assert!(c.events().is_empty());
    c.replay(&events[..2]).unwrap();
    assert_eq!(c, source);
}

/// A campaign saved by the version before the typed core (the worked
/// campaign of `cargo run --example campagne`, saved at commit bb53baf)
/// loads and saves again to the very same bytes.
#[test]
fn a_file_saved_before_the_typed_core_re_saves_byte_identically() {
    let saved = include_str!("fixtures/campagne-saved-before-typed-core.json");
    let c = Campaign::load_json(saved).unwrap();
    assert!(c.events().len() > 40, "{}", c.events().len());
    assert!(c.is_closed());
    assert_eq!(c.save_json(), saved);
    assert_eq!(Campaign::load_json_bytes(saved.as_bytes()).unwrap(), c);
}

/// The budget's JSON is written directly: the same bytes as the tree, for
/// ids that need escaping too.
#[test]
fn budget_json_is_the_text_of_the_tree_whatever_the_ids() {
    let mut v = campaign_value();
    v["institutions"][0]["id"] = json!("I \"1\" \\ é\u{1}");
    v["documents"][0]["institution"] = v["institutions"][0]["id"].clone();
    v["documents"][1]["institution"] = v["institutions"][0]["id"].clone();
    v["documents"][1]["id"] = json!("D\n2 ☃");
    v["shared_costs"] = json!([{"label": "trans\tport", "amount": "10.00"}]);
    let c = Campaign::new(programme(), CampaignData::from_value(&v).unwrap()).unwrap();
    let b = c
        .budget(BudgetMode::Estimate {
            as_of: day("2026-04-01"),
        })
        .unwrap();
    assert_eq!(b.lines.len(), 3);
    assert_eq!(b.to_json(), serde_json::to_string(&b.to_value()).unwrap());
}
