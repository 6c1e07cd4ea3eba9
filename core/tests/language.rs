//! One language at a time: every code's French text has no English words
//! and its English text no French words; so do the labels of the tables the
//! core writes for people (the dossier workbook, the programme in words).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use numconc::codes::ALL;
use numconc::lang::{labels, Lang};
use numconc::programme::describe::{funder_rules, institution_kind};
use numconc::values::vocabulary::{Format, InstitutionKind, LineKind, Typology};
use numconc::Programme;

/// Words that only English uses (not the v1 field names, such as `views`,
/// which are data paths in both languages).
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "is",
    "not",
    "missing",
    "invalid",
    "too",
    "per",
    "document is",
    "and",
    "at",
    "with",
    "without",
    "no",
    "agreement",
    "cannot",
    "read",
    "unknown",
    "file",
];
/// Words that only French uses.
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "est", "une", "un", "pas", "aucun", "aucune", "non", "vues",
    "avec", "sans", "fichier", "inconnu", "inconnue", "invalide", "absent", "absente", "déjà",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn one_language(text: &str, lang: Lang) {
    let foreign = match lang {
        Lang::Fr => ENGLISH,
        Lang::En => FRENCH,
    };
    for w in words(text) {
        assert!(
            !foreign.contains(&w.as_str()),
            "{lang:?} text with a foreign word {w:?}: {text}"
        );
    }
    if lang == Lang::En {
        assert!(
            !text.contains(['é', 'è', 'à', 'ê', 'ç', '«']),
            "French letters in English: {text}"
        );
    }
}

#[test]
fn every_code_speaks_one_language_in_each_text() {
    for e in ALL {
        one_language(e.fr, Lang::Fr);
        one_language(e.en, Lang::En);
    }
}

#[test]
fn every_label_speaks_one_language() {
    for lang in Lang::ALL {
        for t in Typology::ALL {
            one_language(labels::typology(*t, lang), lang);
        }
        for f in Format::ALL {
            one_language(labels::format(*f, lang), lang);
        }
        for k in LineKind::ALL {
            one_language(labels::line_kind(*k, lang), lang);
        }
        for k in InstitutionKind::ALL {
            one_language(institution_kind(*k, lang), lang);
        }
        for id in ["hauts-de-france", "collex-persee", "pole-associe"] {
            let p = Programme::preset(id).unwrap();
            for f in &p.funders {
                for rule in funder_rules(f, lang) {
                    // Funder names and targets are data, not language.
                    let rule = rule.replace(&f.name, "");
                    one_language(&rule.replace("gallica", "").replace("armarium", ""), lang);
                }
            }
        }
    }
}

/// The messages of issues found in input data keep to one language too:
/// their details are values and limits, not English phrases (a `return`
/// with one grade for two documents, a campaign of the wrong shape).
#[test]
fn issue_messages_speak_one_language() {
    use numconc::{Campaign, CampaignData};
    let programme = Programme::preset("hauts-de-france").unwrap();
    let data = CampaignData::from_json(
        r#"{"id": "c", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
            "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
                              "size": "medium", "membership_years": [2026]}],
            "documents": [{"id": "D1", "institution": "FR-801216101", "typology": "press",
                           "rights": "public_domain", "proposed_on": "2026-02-10"},
                          {"id": "D2", "institution": "FR-801216101", "typology": "press",
                           "rights": "public_domain", "proposed_on": "2026-02-10"}]}"#,
    )
    .unwrap();
    let mut c = Campaign::new(programme, data).unwrap();
    let mut errors = Vec::new();
    for cmd in [
        r#"{"type": "return", "docs": ["D1", "D2"], "grades": ["good"], "date": "2026-08-12"}"#,
        r#"{"type": "ship", "shipment": "S1", "provider": "P", "docs": [], "date": "2026-05-01"}"#,
        r#"{"type": "teleport", "date": "2026-05-01"}"#,
        r#"{"type": "deliver", "doc": "D1", "views": 0, "date": "2026-05-01"}"#,
        r#"{"type": "deliver", "doc": "D1", "views": -3, "date": "2026-05-01"}"#,
    ] {
        errors.push(c.execute_json(cmd).unwrap_err());
    }
    for e in &errors {
        let (fr, en) = (e.message_fr(), e.message_en());
        // Quoted values are data: leave them out.
        let strip = |t: &str| {
            let mut out = String::new();
            let mut quoted = false;
            for ch in t.chars() {
                match ch {
                    '«' | '»' | '"' => quoted = !quoted && ch != '»',
                    _ if !quoted => out.push(ch),
                    _ => {}
                }
            }
            out
        };
        one_language(&strip(&fr), Lang::Fr);
        one_language(&strip(&en), Lang::En);
    }
    assert!(
        errors[0].message_fr().contains("1 ≠ 2"),
        "{}",
        errors[0].message_fr()
    );
}

#[test]
fn every_command_and_state_has_a_label_in_each_language() {
    use numconc::lifecycle::command::COMMAND_TYPES;
    for lang in Lang::ALL {
        for t in COMMAND_TYPES {
            let l = labels::command(t, lang).unwrap_or_else(|| panic!("no label for {t}"));
            one_language(l, lang);
        }
        for (col, values) in [
            (
                "admin",
                &["proposed", "selected", "rejected", "withdrawn"][..],
            ),
            (
                "preparation",
                &["none", "condition_checked", "prepared"][..],
            ),
            ("custody", &["holder", "provider"][..]),
            (
                "digital",
                &["none", "delivered", "qc_failed", "qc_passed"][..],
            ),
            ("return_grade", &["good", "fair", "poor", "unfit"][..]),
        ] {
            one_language(labels::column(col, lang).unwrap(), lang);
            for v in values {
                one_language(labels::value(col, v, lang).unwrap(), lang);
            }
        }
    }
    assert_eq!(
        labels::value("admin", "selected", Lang::Fr),
        Some("sélectionné")
    );
    assert_eq!(
        labels::value("custody", "provider", Lang::Fr),
        Some("chez le prestataire")
    );
    assert_eq!(
        labels::value("digital", "qc_passed", Lang::Fr),
        Some("contrôle réussi")
    );
}
