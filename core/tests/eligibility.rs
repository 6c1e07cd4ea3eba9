//! One test per eligibility reason (domain.md §5): a document that is
//! eligible on the hauts-de-france rules (with a view cap and a deadline
//! added, museums left out), then one change that gives exactly that reason; all reasons at
//! once, in spec order; and the warning.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use numconc::{Campaign, CampaignData, Date, Programme};
use serde_json::{json, Value};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn programme() -> Programme {
    let mut p = Programme::preset("hauts-de-france").unwrap().to_value();
    p["eligibility"]["max_views_per_document"] = json!(5000);
    p["eligibility"]["proposal_deadline"] = json!("2026-03-31");
    // Every kind of the vocabulary is eligible in the preset: leave museums out.
    let kinds = p["eligibility"]["institution_kinds"]
        .as_array_mut()
        .unwrap();
    kinds.retain(|k| k != "museum");
    Programme::from_value(&p).unwrap()
}

fn base() -> Value {
    json!({"id": "c", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
        "institutions": [{"id": "FR-591786101", "name": "BM", "kind": "municipal_library",
                          "size": "small", "membership_years": [2026]}],
        "conventions": [
            {"id": "C1", "institution": "FR-591786101", "kind": "coordinator",
             "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2028-12-31"},
            {"id": "C2", "institution": "FR-591786101", "kind": "national_library",
             "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2028-12-31"}],
        "documents": [{"id": "D1", "institution": "FR-591786101", "title": "Journal d'Amiens",
            "author": "anonyme", "date": "1871", "typology": "press", "format": "A2",
            "views": 1200, "themes": ["regional_interest"], "rights": "public_domain",
            "targets": ["gallica"], "proposed_on": "2026-02-10"}]})
}

fn check(v: &Value) -> numconc::Eligibility {
    let data = CampaignData::from_value(v).unwrap();
    let c = Campaign::new(programme(), data).unwrap();
    c.eligibility("D1", day("2026-04-01")).unwrap()
}

fn codes(v: &Value) -> Vec<&'static str> {
    check(v).reasons.iter().map(|r| r.code()).collect()
}

fn changed(pointer: &str, value: Value) -> Value {
    let mut v = base();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    v.pointer_mut(parent).unwrap()[key] = value;
    v
}

#[test]
fn the_base_document_is_eligible() {
    let e = check(&base());
    assert!(e.eligible() && e.reasons.is_empty() && e.warnings.is_empty());
}

#[test]
fn each_reason_alone() {
    let cases = [
        (
            changed("/institutions/0/kind", json!("museum")),
            "INSTITUTION_KIND_NOT_ELIGIBLE",
        ),
        (
            changed("/institutions/0/membership_years", json!([2025])),
            "MEMBERSHIP_MISSING",
        ),
        (
            changed("/conventions/0/ends_on", json!("2026-03-31")),
            "COORDINATOR_CONVENTION_MISSING",
        ),
        (
            changed("/conventions/1/kind", json!("departmental")),
            "NATIONAL_LIBRARY_CONVENTION_MISSING",
        ),
        (
            changed("/documents/0/typology", json!("theses")),
            "TYPOLOGY_NOT_ELIGIBLE",
        ),
        (
            changed("/documents/0/themes", json!([])),
            "THEME_NOT_ELIGIBLE",
        ),
        (
            changed("/documents/0/rights", json!("protected")),
            "RIGHTS_NOT_CLEARED",
        ),
        (
            changed("/documents/0/author", Value::Null),
            "INFORMATION_INCOMPLETE",
        ),
        (
            changed("/documents/0/views", json!(0)),
            "VIEWS_OUT_OF_RANGE",
        ),
        (
            changed("/documents/0/views", json!(5001)),
            "VIEWS_OUT_OF_RANGE",
        ),
        (
            changed(
                "/documents/0/existing_digitization",
                json!("https://gallica.bnf.fr/ark:/12148/bpt6k1"),
            ),
            "ALREADY_DIGITIZED",
        ),
        (
            changed("/documents/0/proposed_on", json!("2026-04-01")),
            "PROPOSAL_LATE",
        ),
    ];
    for (v, code) in cases {
        let e = check(&v);
        let got: Vec<&str> = e.reasons.iter().map(|r| r.code()).collect();
        assert_eq!(got, vec![code], "case {code}");
        assert!(!e.eligible());
        let r = e.reasons[0];
        assert!(!r.message_fr().is_empty() && !r.message_en().is_empty());
        assert_ne!(r.message_fr(), r.message_en(), "{code}: two languages");
    }
}

#[test]
fn the_limits_are_inclusive() {
    assert!(codes(&changed("/documents/0/views", json!(5000))).is_empty());
    assert!(codes(&changed("/documents/0/proposed_on", json!("2026-03-31"))).is_empty());
    // Without gallica, no national-library convention is needed.
    let mut v = changed("/documents/0/targets", json!(["armarium"]));
    v["conventions"][1]["kind"] = json!("departmental");
    assert!(codes(&v).is_empty());
}

#[test]
fn every_reason_at_once_in_spec_order() {
    let mut v = base();
    v["institutions"][0]["kind"] = json!("museum");
    v["institutions"][0]["membership_years"] = json!([]);
    v["conventions"] = json!([]);
    let d = &mut v["documents"][0];
    d["typology"] = json!("theses");
    d["themes"] = json!([]);
    d["rights"] = json!("protected");
    d["title"] = Value::Null;
    d["views"] = json!(0);
    d["existing_digitization"] = json!("ailleurs");
    d["proposed_on"] = json!("2026-04-02");
    assert_eq!(
        codes(&v),
        vec![
            "INSTITUTION_KIND_NOT_ELIGIBLE",
            "MEMBERSHIP_MISSING",
            "COORDINATOR_CONVENTION_MISSING",
            "NATIONAL_LIBRARY_CONVENTION_MISSING",
            "TYPOLOGY_NOT_ELIGIBLE",
            "THEME_NOT_ELIGIBLE",
            "RIGHTS_NOT_CLEARED",
            "INFORMATION_INCOMPLETE",
            "VIEWS_OUT_OF_RANGE",
            "ALREADY_DIGITIZED",
            "PROPOSAL_LATE",
        ]
    );
}

#[test]
fn a_convention_that_lapses_before_the_campaign_ends_is_a_warning() {
    let e = check(&changed("/conventions/0/ends_on", json!("2026-12-31")));
    assert!(e.eligible());
    let w: Vec<&str> = e.warnings.iter().map(|w| w.code()).collect();
    assert_eq!(w, vec!["CONVENTION_ENDS_BEFORE_CAMPAIGN"]);
    assert!(!e.warnings[0].message_fr().is_empty() && !e.warnings[0].message_en().is_empty());
}
