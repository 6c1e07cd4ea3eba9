//! Deterministic, seeded generators of programmes and campaigns: a
//! synthetic national campaign for benchmarks, and random small ones for
//! property tests. Everything goes through the public JSON format.

use std::fmt::Write as _;

use serde_json::{json, Value};

/// SplitMix64: small, fast and reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    #[must_use]
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let n = u64::try_from(items.len()).unwrap_or(1);
        &items[usize::try_from(self.below(n)).unwrap_or(0)]
    }

    /// A permutation of `items`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.below(u64::try_from(i + 1).unwrap_or(1))).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

/// The five-funder programme of the synthetic national campaign.
#[must_use]
pub fn national_programme() -> Value {
    json!({
        "id": "national", "name": "Programme national (synthétique)", "currency": "EUR",
        "eligibility": {"membership_required": true, "coordinator_convention_required": true,
                        "typologies": ["press", "journals", "printed_books", "manuscripts", "archives", "maps_plans", "postcards", "photographs"],
                        "themes_any_of": ["regional_interest", "rare_precious"], "max_views_per_document": 20000,
                        "proposal_deadline": "2026-03-31"},
        "prices": {"per_view": [{"typology": "press", "format": "A2", "price": "0.45"}, {"typology": "press", "price": "0.40"},
                                {"typology": "manuscripts", "price": "0.5500"}, {"typology": "maps_plans", "format": "A0", "price": "0.74"},
                                {"typology": "postcards", "price": "0.12"}],
                   "default_per_view": "0.35", "ocr_per_view": "0.05", "fragile_surcharge_rate": "0.20", "per_document_fee": "5.00"},
        "funders": [
            {"id": "bnf", "name": "BnF", "public": true, "envelope": "40000000.00",
             "rates": [{"when": {"typologies": ["press"], "date_before": 1952, "targets_any": ["gallica"], "rights": ["public_domain"]}, "rate": "0.35"},
                       {"when": {"targets_any": ["gallica"], "rights": ["public_domain", "cleared"]}, "rate": "0.50"}]},
            {"id": "drac", "name": "DRAC", "public": true, "per_institution_max": "20000.00",
             "rates": [{"when": {"typologies": ["press"], "date_before": 1952}, "rate": "0.35"},
                       {"when": {}, "rate": "0.50", "by_size": {"small": "0.60"}}]},
            {"id": "region", "name": "Région", "public": true, "per_institution_min": "500.00", "envelope": "15000000.00",
             "rates": [{"when": {"sizes": ["small", "medium"]}, "rate": "0.20"}]},
            {"id": "ar2l", "name": "AR2L", "public": false, "lines": ["shared"], "envelope": "900000.00",
             "rates": [{"when": {}, "rate": "1"}]},
            {"id": "mecene", "name": "Mécène", "public": false, "lines": ["document", "shared"],
             "rates": [{"when": {"labels_any": ["mecenat"]}, "rate": "0.10"}]}
        ],
        "max_public_rate": "0.80", "min_partner_rate": "0.10", "shared_cost_key": "views",
        "termination_notice_months": 1,
        "qc": {"sample_rate": "0.05", "min_sample": 20, "max_major": 0, "max_minor_rate": "0.02", "max_rounds": 3},
        "max_days_at_provider": 90
    })
}

const KINDS: &[&str] = &[
    "municipal_library",
    "intercommunal_library",
    "departmental_library",
    "university_library",
    "research_library",
    "private_library",
    "departmental_archives",
    "municipal_archives",
    "writers_house",
    "museum",
    "learned_society",
];
const SIZES: &[&str] = &["small", "medium", "large"];
const TYPOLOGIES: &[&str] = &[
    "press",
    "journals",
    "printed_books",
    "theses",
    "manuscripts",
    "archives",
    "maps_plans",
    "postcards",
    "photographs",
];
const FORMATS: &[&str] = &["A4", "A3", "A2", "A1", "A0", "oversize"];
const DATES: &[&str] = &[
    "1871",
    "18XX",
    "185X",
    "1650/1700",
    "1898-05",
    "1790~",
    "1950/1955",
    "1962",
    "1914-08-03",
];

/// The id of institution `i` of the national campaign (an ISIL).
#[must_use]
pub fn institution_id(i: usize) -> String {
    format!("FR-{:09}", 100_000_000 + i)
}

/// The id of document `i` of the national campaign.
#[must_use]
pub fn document_id(i: usize) -> String {
    format!("D{i:07}")
}

/// A synthetic national campaign as JSON text: `institutions` institutions,
/// each with a coordinator and a national-library agreement, and
/// `documents` proposals spread over them; most are eligible.
#[must_use]
pub fn national_campaign_json(seed: u64, institutions: usize, documents: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(400 * documents + 300 * institutions + 1024);
    out.push_str(r#"{"id":"national-2026","programme":"national","year":2026,"ends_on":"2027-06-30","institutions":["#);
    for i in 0..institutions {
        let sep = if i == 0 { "" } else { "," };
        let kind = rng.pick(KINDS);
        let size = rng.pick(SIZES);
        let years = if rng.chance(97) {
            "[2025,2026]"
        } else {
            "[2025]"
        };
        let _ = write!(
            out,
            r#"{sep}{{"id":"{}","name":"Établissement {i}","kind":"{kind}","size":"{size}","membership_years":{years}}}"#,
            institution_id(i)
        );
    }
    out.push_str(r#"],"conventions":["#);
    for i in 0..institutions {
        let sep = if i == 0 { "" } else { "," };
        let end = if rng.chance(95) {
            "2027-12-31"
        } else {
            "2026-12-31"
        };
        let id = institution_id(i);
        let _ = write!(
            out,
            r#"{sep}{{"id":"C{i}","institution":"{id}","kind":"coordinator","signed_on":"2025-01-15","starts_on":"2025-01-15","ends_on":"{end}","amendments":[]}},{{"id":"N{i}","institution":"{id}","kind":"national_library","signed_on":"2025-03-01","starts_on":"2025-03-01","ends_on":"2028-12-31","amendments":[]}}"#
        );
    }
    out.push_str(r#"],"documents":["#);
    for d in 0..documents {
        let sep = if d == 0 { "" } else { "," };
        let inst = institution_id(
            usize::try_from(rng.below(u64::try_from(institutions.max(1)).unwrap_or(1)))
                .unwrap_or(0),
        );
        let typology = rng.pick(TYPOLOGIES);
        let format = rng.pick(FORMATS);
        let views = 1 + rng.below(4000);
        let date = rng.pick(DATES);
        let rights = if rng.chance(90) {
            "public_domain"
        } else if rng.chance(50) {
            "cleared"
        } else {
            "protected"
        };
        let targets = if rng.chance(60) {
            r#"["gallica","armarium"]"#
        } else {
            r#"["armarium"]"#
        };
        let labels = if rng.chance(10) {
            r#"["mecenat"]"#
        } else {
            "[]"
        };
        let fragile = rng.chance(20);
        let ocr = rng.chance(50);
        let day = 1 + rng.below(28);
        let _ = write!(
            out,
            r#"{sep}{{"id":"{}","institution":"{inst}","title":"Document {d}","author":"Auteur {d}","date":"{date}","typology":"{typology}","format":"{format}","views":{views},"themes":["regional_interest"],"rights":"{rights}","targets":{targets},"fragile":{fragile},"ocr":{ocr},"insured_value":"{}.00","existing_digitization":null,"proposed_on":"2026-02-{day:02}","shelfmark":"Res. {d}","labels":{labels}}}"#,
            document_id(d),
            100 * (1 + rng.below(50))
        );
    }
    out.push_str(r#"],"shared_costs":[{"label":"transport","amount":"250000.00"},{"label":"coordination","amount":"120000.50"}]}"#);
    out
}

fn rate(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "0".into(),
        1 => "1".into(),
        2 => "0.5".into(),
        _ => format!("0.{:04}", rng.below(10_000)),
    }
}

fn money(rng: &mut Rng, max_cents: u64) -> String {
    let c = rng.below(max_cents + 1);
    format!("{}.{:02}", c / 100, c % 100)
}

fn when(rng: &mut Rng) -> Value {
    let mut w = serde_json::Map::new();
    if rng.chance(25) {
        w.insert(
            "typologies".into(),
            json!([rng.pick(TYPOLOGIES), rng.pick(TYPOLOGIES)]),
        );
    }
    if rng.chance(25) {
        w.insert(
            "targets_any".into(),
            json!([rng.pick(&["gallica", "armarium", "portail"])]),
        );
    }
    if rng.chance(15) {
        w.insert(
            "rights".into(),
            json!([rng.pick(&["public_domain", "cleared"])]),
        );
    }
    if rng.chance(15) {
        w.insert("date_before".into(), json!(1800 + rng.below(200)));
    }
    if rng.chance(20) {
        w.insert("sizes".into(), json!([rng.pick(SIZES)]));
    }
    if rng.chance(10) {
        w.insert(
            "institution_kinds".into(),
            json!([rng.pick(KINDS), rng.pick(KINDS)]),
        );
    }
    if rng.chance(10) {
        w.insert("labels_any".into(), json!(["mecenat"]));
    }
    if rng.chance(3) {
        w.insert("typologies".into(), json!([]));
    }
    Value::Object(w)
}

/// A random valid programme with up to 5 funders and every cap in play.
#[must_use]
pub fn random_programme(rng: &mut Rng) -> Value {
    let mut funders = Vec::new();
    for f in 0..rng.below(6) {
        let mut rates = Vec::new();
        for _ in 0..rng.below(4) {
            let mut r = json!({"when": when(rng), "rate": rate(rng)});
            if rng.chance(30) {
                r["by_size"] = json!({*rng.pick(SIZES): rate(rng)});
            }
            rates.push(r);
        }
        let mut funder = json!({"id": format!("f{f}"), "name": format!("Financeur {f}"), "public": rng.chance(50), "rates": rates});
        let lines = match rng.below(4) {
            0 => json!(["shared"]),
            1 => json!(["document", "shared"]),
            _ => json!(["document"]),
        };
        funder["lines"] = lines;
        if rng.chance(30) {
            funder["envelope"] = json!(money(rng, 200_000));
        }
        if rng.chance(30) {
            funder["per_institution_max"] = json!(money(rng, 100_000));
        }
        if rng.chance(30) {
            funder["per_institution_min"] = json!(money(rng, 50_000));
        }
        funders.push(funder);
    }
    let mut p = json!({
        "id": "random", "name": "Programme aléatoire", "currency": "EUR",
        "eligibility": {"membership_required": rng.chance(30), "coordinator_convention_required": rng.chance(30)},
        "prices": {"per_view": [{"typology": "press", "format": "A2", "price": "0.45"}, {"typology": "press", "price": "0.4"},
                                {"typology": "manuscripts", "price": format!("0.{:04}", rng.below(10_000))}],
                   "default_per_view": format!("0.{:04}", rng.below(10_000)), "ocr_per_view": "0.0125",
                   "fragile_surcharge_rate": rate(rng), "per_document_fee": money(rng, 1_000)},
        "funders": funders,
        "shared_cost_key": *rng.pick(&["views", "cost", "equal"]),
        "termination_notice_months": rng.below(4),
        "qc": {"sample_rate": "0.05", "min_sample": 20, "max_major": 0, "max_minor_rate": "0.02", "max_rounds": 3},
        "max_days_at_provider": 90
    });
    if rng.chance(50) {
        p["max_public_rate"] = json!(rate(rng));
    }
    if rng.chance(50) {
        p["min_partner_rate"] = json!(rate(rng));
    }
    p
}

/// A random valid campaign of programme `random` with up to `max_institutions`
/// institutions and `max_documents` documents.
#[must_use]
pub fn random_campaign(rng: &mut Rng, max_institutions: u64, max_documents: u64) -> Value {
    let n_inst = 1 + rng.below(max_institutions);
    let institutions: Vec<Value> = (0..n_inst)
        .map(|i| {
            let mut inst = json!({"id": format!("I{i}"), "name": format!("Inst {i}"), "kind": *rng.pick(KINDS),
                                  "size": *rng.pick(SIZES), "membership_years": if rng.chance(70) { json!([2026]) } else { json!([]) }});
            if rng.chance(20) {
                inst["siren"] = json!("215901869");
            }
            inst
        })
        .collect();
    let mut conventions = Vec::new();
    for i in 0..n_inst {
        for (k, kind) in ["coordinator", "national_library"].iter().enumerate() {
            if rng.chance(60) {
                let mut c = json!({"id": format!("C{i}-{k}"), "institution": format!("I{i}"), "kind": kind,
                                   "signed_on": "2025-01-01", "starts_on": "2025-01-01",
                                   "ends_on": *rng.pick(&["2026-06-30", "2027-12-31"])});
                if rng.chance(20) {
                    c["amendments"] = json!([{"signed_on": "2026-01-10", "ends_on": "2028-01-31"}]);
                }
                if rng.chance(10) {
                    c["termination"] = json!({"notice_received_on": "2026-05-31"});
                }
                conventions.push(c);
            }
        }
    }
    let n_docs = rng.below(max_documents + 1);
    let documents: Vec<Value> = (0..n_docs)
        .map(|d| {
            let mut doc = json!({
                "id": format!("D{d}"), "institution": format!("I{}", rng.below(n_inst)),
                "title": "Titre", "author": "Auteur", "date": *rng.pick(DATES),
                "typology": *rng.pick(TYPOLOGIES), "format": *rng.pick(FORMATS),
                "views": if rng.chance(5) { 0 } else { 1 + rng.below(3000) },
                "themes": ["regional_interest"], "rights": *rng.pick(&["public_domain", "cleared", "protected"]),
                "targets": if rng.chance(50) { json!(["gallica"]) } else { json!(["armarium", "portail"]) },
                "fragile": rng.chance(30), "ocr": rng.chance(50), "insured_value": money(rng, 500_000),
                "existing_digitization": null, "proposed_on": "2026-02-10",
                "labels": if rng.chance(20) { json!(["mecenat"]) } else { json!([]) }
            });
            if rng.chance(5) {
                doc["title"] = Value::Null;
            }
            doc
        })
        .collect();
    let shared: Vec<Value> = (0..rng.below(3))
        .map(|s| json!({"label": format!("coût {s}"), "amount": money(rng, 300_000)}))
        .collect();
    json!({"id": "c", "programme": "random", "year": 2026, "ends_on": "2027-06-30",
           "institutions": institutions, "conventions": conventions, "documents": documents, "shared_costs": shared})
}
