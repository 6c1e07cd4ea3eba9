//! Each published figure of the presets (domain.md §8) has a test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super as presets;
use crate::values::money::Rate;
use crate::values::vocabulary::{InstitutionKind, LineKind, Theme, Typology};
use crate::{Money, Programme};

fn rate(s: &str) -> Rate {
    Rate::parse(s).unwrap()
}

#[test]
fn every_preset_loads_and_marks_its_figures() {
    assert_eq!(
        presets::ids(),
        vec!["hauts-de-france", "collex-persee", "pole-associe"]
    );
    for id in presets::ids() {
        let p = Programme::preset(id).unwrap();
        assert_eq!(p.id, id);
        let file = presets::preset_file(id).unwrap();
        assert!(
            file["figures"]["published"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
            "{id}"
        );
        assert!(
            file["figures"]["illustrative"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
            "{id}"
        );
        assert!(!file["sources"].as_array().unwrap().is_empty());
        // Round trip through the v1 format.
        assert_eq!(Programme::from_value(&p.to_value()).unwrap(), p);
    }
    assert_eq!(
        Programme::preset("nowhere").unwrap_err().code(),
        "UNKNOWN_PRESET"
    );
}

#[test]
fn hauts_de_france_published_figures() {
    let p = Programme::preset("hauts-de-france").unwrap();
    let e = &p.eligibility;
    assert!(e.membership_required && e.coordinator_convention_required);
    assert_eq!(
        e.institution_kinds.len(),
        InstitutionKind::ALL.len(),
        "libraries of all statuses, archives, writers' houses, museums, learned societies"
    );
    let mut t = e.typologies.clone();
    t.sort();
    let mut expected = vec![
        Typology::Press,
        Typology::Postcards,
        Typology::MapsPlans,
        Typology::Archives,
        Typology::Manuscripts,
        Typology::Photographs,
        Typology::PrintedBooks,
    ];
    expected.sort();
    assert_eq!(t, expected);
    assert_eq!(
        e.themes_any_of,
        vec![Theme::RegionalInterest, Theme::RarePrecious]
    );
    let ids: Vec<&str> = p.funders.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, vec!["bnf", "drac", "ar2l"]);
    let bnf = &p.funders[0];
    assert!(bnf.public);
    assert_eq!(bnf.rates[0].rate, rate("0.35"));
    assert_eq!(bnf.rates[0].when.date_before, Some(1952));
    assert_eq!(bnf.rates[0].when.typologies, Some(vec![Typology::Press]));
    assert_eq!(
        bnf.rates[0].when.targets_any,
        Some(vec!["gallica".to_string()])
    );
    assert_eq!(bnf.rates[1].rate, rate("0.50"));
    let drac = &p.funders[1];
    assert!(drac.public);
    assert_eq!(drac.rates[0].rate, rate("0.35"));
    assert_eq!(drac.rates[0].when.date_before, Some(1952));
    assert_eq!(drac.rates[1].rate, rate("0.50"));
    let ar2l = &p.funders[2];
    assert_eq!(ar2l.lines, vec![LineKind::Shared]);
    assert_eq!(ar2l.rates[0].rate, Rate::ONE);
    assert_eq!(p.max_public_rate, Some(rate("0.80")));
    // Prices within the published range 0.12–0.74 € per view.
    let low = crate::UnitPrice::parse("0.12").unwrap();
    let high = crate::UnitPrice::parse("0.74").unwrap();
    for entry in &p.prices.per_view {
        assert!(entry.price >= low && entry.price <= high, "{entry:?}");
    }
    assert!(p.prices.default_per_view >= low && p.prices.default_per_view <= high);
}

#[test]
fn collex_persee_published_figures() {
    let p = Programme::preset("collex-persee").unwrap();
    let mut kinds = p.eligibility.institution_kinds.clone();
    kinds.sort();
    assert_eq!(
        kinds,
        vec![
            InstitutionKind::UniversityLibrary,
            InstitutionKind::ResearchLibrary
        ]
    );
    let mut t = p.eligibility.typologies.clone();
    t.sort();
    let mut expected = vec![
        Typology::Journals,
        Typology::Theses,
        Typology::PrintedBooks,
        Typology::Archives,
    ];
    expected.sort();
    assert_eq!(t, expected);
    let f = &p.funders[0];
    assert_eq!(f.rates[0].rate, rate("0.60"));
    assert_eq!(f.per_institution_min, Some(Money::parse("50000").unwrap()));
    assert_eq!(f.per_institution_max, Some(Money::parse("100000").unwrap()));
}

#[test]
fn pole_associe_published_figures() {
    let p = Programme::preset("pole-associe").unwrap();
    assert_eq!(p.funders[0].id, "bnf");
    assert_eq!(p.funders[0].rates[0].rate, rate("0.50"));
    assert_eq!(p.max_public_rate, Some(rate("0.80")));
}
