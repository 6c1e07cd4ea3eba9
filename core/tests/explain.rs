//! Reasons that say what is wrong: each reason and warning of a document
//! with its detail, in both languages, on the worked campaign; the codes are
//! exactly the eligibility's.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../examples/campagne/data.rs"]
mod data;

use numconc::rules::explain::Detail;
use numconc::{Campaign, CampaignData, Date, Programme, Reason, Warning};
use serde_json::{json, Value};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn campaign_with(edit: impl FnOnce(&mut Value)) -> Campaign {
    let mut v = data::campaign();
    edit(&mut v);
    let programme = Programme::preset("hauts-de-france").unwrap();
    Campaign::new(programme, CampaignData::from_value(&v).unwrap()).unwrap()
}

#[test]
fn the_codes_are_the_eligibility_s_for_every_document_and_day() {
    let c = campaign_with(|_| {});
    for d in [
        day(2026, 1, 1),
        day(2026, 3, 1),
        day(2026, 4, 1),
        day(2027, 1, 1),
    ] {
        for (id, e) in c.eligibility_all(d) {
            let x = c.explain(id, d).unwrap();
            let reasons: Vec<Reason> = x.reasons.iter().map(|r| r.code).collect();
            let warnings: Vec<Warning> = x.warnings.iter().map(|w| w.code).collect();
            assert_eq!(reasons, e.reasons, "{id} {d}");
            assert_eq!(warnings, e.warnings, "{id} {d}");
            for r in &x.reasons {
                assert!(r.message_fr().starts_with(r.code.text_fr()));
                assert!(r.message_en().starts_with(r.code.text_en()));
            }
        }
    }
    assert!(c.explain("NOPE", day(2026, 4, 1)).is_none());
}

#[test]
fn information_incomplete_names_the_missing_fields_in_both_languages() {
    // AD02-03 (L'Argus soissonnais) has no author; take its format away too.
    let c = campaign_with(|v| {
        v["documents"][7]["format"] = Value::Null;
    });
    let x = c.explain("AD02-03", day(2026, 4, 1)).unwrap();
    let r = x
        .reasons
        .iter()
        .find(|r| r.code == Reason::InformationIncomplete)
        .unwrap();
    assert_eq!(r.detail, Detail::MissingFields(vec!["author", "format"]));
    assert!(
        r.message_fr()
            .ends_with(" : champs manquants : auteur, format"),
        "{}",
        r.message_fr()
    );
    assert!(
        r.message_en().ends_with(": missing fields: author, format"),
        "{}",
        r.message_en()
    );
}

#[test]
fn conventions_limits_and_deadlines_are_named() {
    // Before its amendment, the AD02 coordinator agreement ends on
    // 2026-12-31, before the campaign (2027-06-30): the warning names it.
    let c = campaign_with(|_| {});
    let x = c.explain("AD02-01", day(2026, 3, 1)).unwrap();
    let w = &x.warnings[0];
    assert_eq!(w.code, Warning::ConventionEndsBeforeCampaign);
    assert!(w.message_fr().contains("AR2L-AD02"), "{}", w.message_fr());
    assert!(w.message_fr().contains("2026-12-31"));
    assert!(
        w.message_en().contains("coordinator agreement AR2L-AD02"),
        "{}",
        w.message_en()
    );
    // Before SAP's agreement starts: the reason names the agreement and its days.
    let x = c.explain("SAP-03", day(2026, 1, 2)).unwrap();
    let r = x
        .reasons
        .iter()
        .find(|r| r.code == Reason::CoordinatorConventionMissing)
        .unwrap();
    assert!(
        r.message_fr().contains("AR2L-SAP") && r.message_fr().contains("du 2026-01-05"),
        "{}",
        r.message_fr()
    );
    // Views above the maximum, a proposal after the deadline.
    let c = campaign_with(|v| {
        v["documents"][0]["views"] = json!(0);
        v["documents"][1]["proposed_on"] = json!("2026-12-01");
    });
    let programme = c.programme().clone();
    let x = c.explain("AMI-01", day(2026, 4, 1)).unwrap();
    let r = x
        .reasons
        .iter()
        .find(|r| r.code == Reason::ViewsOutOfRange)
        .unwrap();
    assert_eq!(
        r.detail,
        Detail::Views {
            views: 0,
            max: programme.eligibility.max_views_per_document
        }
    );
    assert!(r.message_en().contains("0 views"));
    if let Some(deadline) = programme.eligibility.proposal_deadline {
        let x = c.explain("AMI-02", day(2026, 4, 1)).unwrap();
        let r = x
            .reasons
            .iter()
            .find(|r| r.code == Reason::ProposalLate)
            .unwrap();
        assert!(
            r.message_fr()
                .contains(&format!("date limite le {deadline}")),
            "{}",
            r.message_fr()
        );
        assert!(r.message_en().contains(&format!("deadline {deadline}")));
    }
}

#[test]
fn the_explanation_as_json() {
    let c = campaign_with(|_| {});
    let v = c.explain("AD02-03", day(2026, 4, 1)).unwrap().to_value();
    assert_eq!(v["eligible"], json!(false));
    let r = &v["reasons"][0];
    assert_eq!(r["code"], json!("INFORMATION_INCOMPLETE"));
    assert_eq!(
        r["detail"],
        json!({"kind": "missing_fields", "fields": ["author"]})
    );
    assert!(r["message_fr"].as_str().unwrap().contains("auteur"));
}
