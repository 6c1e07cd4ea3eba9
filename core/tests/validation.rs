//! One test per validation code, each with the field path it names, and
//! the command error codes of domain.md §7 that the vectors do not reach.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use numconc::{Campaign, CampaignData, Programme};
use serde_json::{json, Value};

fn campaign_issues(v: &Value) -> Vec<(String, String)> {
    CampaignData::from_value(v)
        .err()
        .map(|e| {
            e.issues
                .iter()
                .map(|i| (i.code.code().to_string(), i.path.clone()))
                .collect()
        })
        .unwrap_or_default()
}

fn base() -> Value {
    json!({"id": "c", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
           "institutions": [{"id": "I1", "name": "BM", "kind": "museum", "size": "small"}],
           "documents": [{"id": "D1", "institution": "I1", "typology": "press", "rights": "public_domain", "proposed_on": "2026-01-01"}]})
}

fn with(path: &str, value: Value) -> Vec<(String, String)> {
    let mut v = base();
    let (parent, key) = path.rsplit_once('/').unwrap();
    v.pointer_mut(parent).unwrap()[key] = value;
    campaign_issues(&v)
}

fn one(code: &str, path: &str) -> Vec<(String, String)> {
    vec![(code.to_string(), path.to_string())]
}

#[test]
fn each_validation_code_with_its_path() {
    assert!(campaign_issues(&base()).is_empty());
    assert_eq!(
        CampaignData::from_json("{").unwrap_err().issues[0]
            .code
            .code(),
        "INVALID_JSON"
    );
    let mut v = base();
    v["documents"][0].as_object_mut().unwrap().remove("rights");
    assert_eq!(
        campaign_issues(&v),
        one("MISSING_FIELD", "documents[0].rights")
    );
    let mut v = base();
    v["documents"][0]["color"] = json!(true);
    assert_eq!(
        campaign_issues(&v),
        one("UNKNOWN_FIELD", "documents[0].color")
    );
    assert_eq!(
        with("/documents/0/views", json!("12")),
        one("WRONG_TYPE", "documents[0].views")
    );
    assert_eq!(
        with("/documents/0/insured_value", json!(3000)),
        one("WRONG_TYPE", "documents[0].insured_value")
    );
    assert_eq!(
        with("/documents/0/insured_value", json!("12.345")),
        one("INVALID_MONEY", "documents[0].insured_value")
    );
    assert_eq!(
        with("/documents/0/proposed_on", json!("2026-02-30")),
        one("INVALID_DATE", "documents[0].proposed_on")
    );
    assert_eq!(
        with("/documents/0/date", json!("vers 1870")),
        one("INVALID_EDTF", "documents[0].date")
    );
    assert_eq!(
        with("/documents/0/typology", json!("comics")),
        one("NOT_IN_VOCABULARY", "documents[0].typology")
    );
    assert_eq!(
        with("/institutions/0/id", json!("")),
        one("EMPTY_VALUE", "institutions[0].id")
    );
    assert_eq!(
        with("/institutions/0/id", json!("FR-12345")),
        one("INVALID_ISIL", "institutions[0].id")
    );
    let mut v = base();
    v["institutions"][0]["siren"] = json!("215901868");
    assert_eq!(
        campaign_issues(&v),
        one("INVALID_SIREN", "institutions[0].siren")
    );
    assert_eq!(
        with("/documents/0/views", json!(-1)),
        one("OUT_OF_RANGE", "documents[0].views")
    );
    assert_eq!(
        with("/documents/0/institution", json!("I9")),
        one("UNKNOWN_INSTITUTION", "documents[0].institution")
    );
    let mut v = base();
    let d = v["documents"][0].clone();
    v["documents"].as_array_mut().unwrap().push(d);
    assert_eq!(campaign_issues(&v), one("DUPLICATE_ID", "documents[1].id"));
    let mut v = base();
    v["conventions"] = json!([{"id": "C", "institution": "I1", "kind": "coordinator", "signed_on": "2025-01-01",
                               "starts_on": "2026-01-01", "ends_on": "2025-12-31"}]);
    assert_eq!(
        campaign_issues(&v),
        one("INCONSISTENT", "conventions[0].ends_on")
    );
}

#[test]
fn every_problem_is_reported() {
    let mut v = base();
    v["documents"][0]["views"] = json!(1.5);
    v["documents"][0]["format"] = json!("B5");
    v["documents"][0]["fragile"] = json!("no");
    v["institutions"][0]["kind"] = json!("bookshop");
    let issues = campaign_issues(&v);
    assert_eq!(issues.len(), 4, "{issues:?}");
}

#[test]
fn programme_rates_and_reserved_ids() {
    let mut p = Programme::preset("hauts-de-france").unwrap().to_value();
    p["max_public_rate"] = json!("1.2");
    p["funders"][0]["id"] = json!("partner");
    p["funders"][1]["rates"][0]["rate"] = json!(0.35);
    p["funders"][2]["lines"] = json!([]);
    let err = Programme::from_value(&p).unwrap_err();
    let got: Vec<(&str, &str)> = err
        .issues
        .iter()
        .map(|i| (i.code.code(), i.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("INCONSISTENT", "funders[0].id"),
            ("WRONG_TYPE", "funders[1].rates[0].rate"),
            ("INCONSISTENT", "funders[2].lines"),
            ("INVALID_RATE", "max_public_rate"),
        ]
    );
    // Messages in both languages name the path.
    assert!(
        err.message_fr().contains("funders[0].id") && err.message_en().contains("max_public_rate")
    );
}

#[test]
fn command_errors_beyond_the_vectors() {
    let programme = Programme::from_value(&json!({
        "id": "p", "name": "p", "currency": "EUR", "prices": {"default_per_view": "0.35"}, "funders": [],
        "shared_cost_key": "views", "termination_notice_months": 1,
        "qc": {"sample_rate": "0.05", "min_sample": 2, "max_major": 0, "max_minor_rate": "0.02", "max_rounds": 1},
        "max_days_at_provider": 90
    }))
    .unwrap();
    let data = CampaignData::from_value(&json!({
        "id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30",
        "institutions": [{"id": "I", "name": "I", "kind": "museum", "size": "small"}],
        "documents": [{"id": "D", "institution": "I", "title": "t", "author": "a", "date": "1871", "format": "A4", "views": 10,
                       "typology": "printed_books", "rights": "protected", "targets": [], "proposed_on": "2026-01-01"},
                      {"id": "E", "institution": "I", "title": "t", "author": "a", "date": "1871", "format": "A4", "views": 10,
                       "typology": "printed_books", "rights": "public_domain", "targets": ["portail"], "proposed_on": "2026-01-01"}]
    }))
    .unwrap();
    let mut c = Campaign::new(programme, data).unwrap();
    let mut run = |cmd: Value| c.execute_value(&cmd).err().map(|e| e.code());
    assert_eq!(
        run(json!({"type": "select", "doc": "E", "date": "2026-02-01"})),
        None
    );
    assert_eq!(
        run(
            json!({"type": "record_condition", "doc": "E", "grade": "unfit", "date": "2026-02-01"})
        ),
        None
    );
    assert_eq!(
        run(json!({"type": "prepare", "doc": "E", "date": "2026-02-01"})),
        Some("DOCUMENT_UNFIT")
    );
    assert_eq!(
        run(json!({"type": "select", "doc": "D", "date": "2026-02-01"})),
        None
    );
    assert_eq!(
        run(json!({"type": "record_condition", "doc": "D", "grade": "good", "date": "2026-02-01"})),
        None
    );
    assert_eq!(
        run(json!({"type": "prepare", "doc": "D", "date": "2026-02-01"})),
        None
    );
    assert_eq!(
        run(
            json!({"type": "ship", "shipment": "S", "provider": "P", "docs": ["D"], "date": "2026-02-02"})
        ),
        None
    );
    assert_eq!(
        run(
            json!({"type": "ship", "shipment": "S", "provider": "P", "docs": ["E"], "date": "2026-02-02"})
        ),
        Some("DUPLICATE_ID")
    );
    assert_eq!(
        run(json!({"type": "deliver", "doc": "D", "views": 10, "date": "2026-02-03"})),
        None
    );
    assert_eq!(
        run(
            json!({"type": "qc", "doc": "D", "sample": 2, "major": 1, "minor": 0, "date": "2026-02-03"})
        ),
        None
    );
    assert_eq!(
        run(json!({"type": "deliver", "doc": "D", "views": 10, "date": "2026-02-04"})),
        Some("TOO_MANY_ROUNDS")
    );
    assert_eq!(
        run(
            json!({"type": "publish", "doc": "D", "target": "portail", "identifier": "x", "date": "2026-02-04"})
        ),
        Some("QC_NOT_PASSED")
    );
    assert_eq!(
        run(json!({"type": "preserve", "doc": "D", "date": "2026-02-04"})),
        Some("QC_NOT_PASSED")
    );
    assert_eq!(
        run(json!({"type": "close_campaign", "date": "2026-02-04"})),
        Some("DOCUMENTS_AT_PROVIDER")
    );
    assert_eq!(
        run(
            json!({"type": "return", "docs": ["D"], "grades": ["good"], "early": true, "date": "2026-02-05"})
        ),
        None
    );
    assert_eq!(
        run(json!({"type": "close_campaign", "date": "2026-02-05"})),
        Some("DOCUMENTS_PENDING")
    );
    assert_eq!(
        run(json!({"type": "withdraw", "doc": "E", "reason": "r", "date": "2026-02-05"})),
        None
    );
    assert_eq!(
        run(
            json!({"type": "record_membership", "institution": "I", "year": 2026, "date": "2026-02-05"})
        ),
        None
    );
    assert_eq!(
        run(
            json!({"type": "record_membership", "institution": "I", "year": 2026, "date": "2026-02-05"})
        ),
        None
    );
    assert_eq!(
        run(json!({"type": "select", "doc": "D", "date": "2026-02-01"})),
        Some("DATE_OUT_OF_ORDER")
    );
    assert_eq!(
        run(json!({"type": "select", "doc": "D", "date": "2026-02-31"})),
        Some("INVALID_VALUE")
    );
    assert_eq!(
        run(json!({"type": "select", "date": "2026-02-06"})),
        Some("INVALID_VALUE")
    );
    assert_eq!(
        c.data().institution("I").unwrap().membership_years,
        vec![2026]
    );
    assert_eq!(
        c.clone().execute_json("not json").unwrap_err().code(),
        "INVALID_VALUE"
    );
}

/// A value outside a vocabulary is reported with every accepted value, in
/// the reader of the format, for an unknown command type and in the
/// constructors from plain values (issue 14).
#[test]
fn a_vocabulary_error_names_the_accepted_values() {
    let mut v = base();
    v["institutions"][0]["kind"] = json!("libary");
    let e = CampaignData::from_value(&v).unwrap_err();
    let issue = &e.issues[0];
    assert_eq!(issue.code.code(), "NOT_IN_VOCABULARY");
    assert_eq!(
        issue.detail,
        "\"libary\" ∉ {municipal_library, intercommunal_library, \
         departmental_library, university_library, research_library, private_library, \
         departmental_archives, municipal_archives, writers_house, museum, learned_society}"
    );
    assert!(issue
        .message_fr()
        .contains("valeur hors vocabulaire (\"libary\" ∉ {municipal_library, "));
    assert!(issue
        .message_en()
        .contains("value not in the vocabulary (\"libary\" ∉ {municipal_library, "));

    let e =
        numconc::Command::from_value(&json!({"type": "fly", "date": "2026-05-02"})).unwrap_err();
    assert!(
        e.issues[0]
            .detail
            .starts_with("\"fly\" ∉ {register_institution, ")
            && e.issues[0].detail.ends_with(", preserve, close_campaign}"),
        "{}",
        e.issues[0].detail
    );
    let e = numconc::Action::record_condition("D1", "excellent").unwrap_err();
    assert_eq!(
        (e.issues[0].path.as_str(), e.issues[0].detail.as_str()),
        ("grade", "\"excellent\" ∉ {good, fair, poor, unfit}")
    );
}
