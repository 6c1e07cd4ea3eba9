//! A complete worked campaign on the `hauts-de-france` preset: eligibility
//! with reasons, the estimate budget, selection, condition reports, one
//! shipment, deliveries, a QC failure and rework, a return with a degraded
//! condition, publication on Gallica, the actual budget, the custody report
//! and closing — printed as a coordinator would read it. The campaign
//! lives in a store file (a temporary directory): every command is on disk
//! when it is acknowledged, and reopening the file gives the same state.
//!
//! `cargo run --example campagne`

use std::error::Error;
use std::ops::Deref;

use numconc::{Budget, BudgetMode, Campaign, CampaignData, Date, Programme};
use numconc_store::Store;
use serde_json::{json, Value};

/// The campaign of a store: read like a campaign, changed through the store.
struct OnDisk(Store);

impl Deref for OnDisk {
    type Target = Campaign;
    fn deref(&self) -> &Campaign {
        self.0.campaign()
    }
}

fn day(s: &str) -> Result<Date, Box<dyn Error>> {
    Ok(Date::parse_from_str(s, "%Y-%m-%d")?)
}

fn title(t: &str) {
    println!("\n{t}\n{}", "═".repeat(t.chars().count()));
}

/// Prints an aligned table; numeric-looking columns are right-aligned.
fn table(header: &[&str], rows: &[Vec<String>]) {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let right: Vec<bool> = (0..n)
        .map(|i| {
            !rows.is_empty()
                && rows.iter().all(|r| {
                    r[i].is_empty()
                        || r[i]
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == '.' || c == ' ')
                })
        })
        .collect();
    let line = |cells: Vec<String>| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i].saturating_sub(c.chars().count());
                if right[i] {
                    format!("{}{c}", " ".repeat(pad))
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect();
        println!("  {}", parts.join("  ").trim_end());
    };
    line(header.iter().map(|h| (*h).to_string()).collect());
    println!(
        "  {}",
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for r in rows {
        line(r.clone());
    }
}

fn run(c: &mut OnDisk, cmd: Value) -> Result<(), Box<dyn Error>> {
    let label = format!(
        "{} {}",
        cmd["type"].as_str().unwrap_or("?"),
        cmd.get("doc")
            .or_else(|| cmd.get("docs"))
            .map(ToString::to_string)
            .unwrap_or_default()
    );
    match c.0.execute_json(&cmd.to_string()) {
        Ok(()) => {
            println!("  ✓ {label}");
            Ok(())
        }
        Err(e) => Err(format!("{label}: {} — {}", e.code(), e.message_fr()).into()),
    }
}

fn refused(c: &mut OnDisk, cmd: Value) {
    if let Err(e) = c.0.execute_json(&cmd.to_string()) {
        println!(
            "  ✗ {} refusé : {} — {}",
            cmd["type"].as_str().unwrap_or("?"),
            e.code(),
            e.message_fr()
        );
    }
}

fn budget_table(c: &Campaign, b: &Budget) {
    let mut header = vec!["Établissement", "Ligne", "Vues", "Coût €"];
    header.extend(b.funder_ids.iter().map(String::as_str));
    header.push("Part étab. €");
    let mut rows: Vec<Vec<String>> = b
        .lines
        .iter()
        .map(|l| {
            let name = c
                .data()
                .institution(&l.institution)
                .map_or(l.institution.clone(), |i| i.name.clone());
            let mut r = vec![
                name,
                l.document
                    .clone()
                    .or_else(|| l.label.clone().map(|s| format!("(mutualisé) {s}")))
                    .unwrap_or_default(),
                l.views.map(|v| v.to_string()).unwrap_or_default(),
                l.cost.to_string(),
            ];
            r.extend(l.funders.iter().map(ToString::to_string));
            r.push(l.partner.to_string());
            r
        })
        .collect();
    let mut total = vec![
        "TOTAL".to_string(),
        String::new(),
        String::new(),
        b.total.to_string(),
    ];
    total.extend(b.funder_totals.iter().map(ToString::to_string));
    total.push(b.partner_total.to_string());
    rows.push(total);
    table(&header, &rows);
    for w in &b.warnings {
        println!(
            "  ⚠ FUNDER_MINIMUM_NOT_MET : {} / {}",
            w.funder, w.institution
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn doc(
    id: &str,
    inst: &str,
    title: &str,
    author: Option<&str>,
    date: &str,
    typology: &str,
    format: &str,
    views: u64,
    extra: Value,
) -> Value {
    let mut d = json!({
        "id": id, "institution": inst, "title": title, "author": author, "date": date, "typology": typology,
        "format": format, "views": views, "themes": ["regional_interest"], "rights": "public_domain",
        "targets": ["gallica", "armarium"], "fragile": false, "ocr": true, "insured_value": "1500.00",
        "existing_digitization": null, "proposed_on": "2026-02-15", "shelfmark": format!("Res. {id}"), "labels": []
    });
    if let (Value::Object(d), Value::Object(e)) = (&mut d, extra) {
        d.extend(e);
    }
    d
}

#[allow(clippy::too_many_lines)]
fn main() -> Result<(), Box<dyn Error>> {
    let programme = Programme::preset("hauts-de-france")?;
    let campaign = json!({
        "id": "hdf-2026", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
        "institutions": [
            {"id": "FR-801216101", "name": "Bibliothèques d'Amiens Métropole", "kind": "municipal_library", "size": "large", "membership_years": [2025, 2026], "siren": "248000531"},
            {"id": "AD02", "name": "Archives départementales de l'Aisne", "kind": "departmental_archives", "size": "medium", "membership_years": [2026], "siren": "220200026"},
            {"id": "SAP", "name": "Société des antiquaires de Picardie", "kind": "learned_society", "size": "small", "membership_years": [2026]},
            {"id": "FR-800216101", "name": "Maison de Jules Verne", "kind": "writers_house", "size": "small", "membership_years": [2025]}
        ],
        "conventions": [
            {"id": "AR2L-AMI", "institution": "FR-801216101", "kind": "coordinator", "signed_on": "2024-12-10", "starts_on": "2025-01-01", "ends_on": "2027-12-31"},
            {"id": "BNF-AMI", "institution": "FR-801216101", "kind": "national_library", "signed_on": "2023-06-01", "starts_on": "2023-06-01", "ends_on": "2028-05-31"},
            {"id": "AR2L-AD02", "institution": "AD02", "kind": "coordinator", "signed_on": "2025-11-02", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
             "amendments": [{"signed_on": "2026-03-20", "ends_on": "2027-12-31"}]},
            {"id": "BNF-AD02", "institution": "AD02", "kind": "national_library", "signed_on": "2025-02-01", "starts_on": "2025-02-01", "ends_on": "2027-12-31"},
            {"id": "AR2L-SAP", "institution": "SAP", "kind": "coordinator", "signed_on": "2026-01-05", "starts_on": "2026-01-05", "ends_on": "2027-12-31"},
            {"id": "AR2L-MJV", "institution": "FR-800216101", "kind": "coordinator", "signed_on": "2025-01-01", "starts_on": "2025-01-01", "ends_on": "2027-12-31"}
        ],
        "documents": [
            doc("AMI-01", "FR-801216101", "Le Progrès de la Somme (1871-1872)", Some("Anonyme"), "1871/1872", "press", "A2", 1180, json!({"insured_value": "3000.00"})),
            doc("AMI-02", "FR-801216101", "Cartulaire de l'abbaye de Corbie", Some("anonyme"), "12XX", "manuscripts", "A3", 412, json!({"fragile": true, "ocr": false, "insured_value": "25000.00", "themes": ["rare_precious"]})),
            doc("AMI-03", "FR-801216101", "Amiens, vues de la ville", Some("Lévy et fils"), "1905~", "postcards", "A4", 500, json!({"targets": ["armarium"], "ocr": false})),
            doc("AMI-04", "FR-801216101", "Plan de la ville d'Amiens", Some("J.-B. Devermont"), "1790?", "maps_plans", "A0", 4, json!({"fragile": true, "ocr": false, "insured_value": "12000.00"})),
            doc("AMI-05", "FR-801216101", "Fonds photographique Leullier", Some("Louis Leullier"), "1919", "photographs", "A4", 320, json!({"rights": "protected", "targets": ["armarium"]})),
            doc("AD02-01", "AD02", "Registre des délibérations de Laon", Some("Commune de Laon"), "1789/1795", "archives", "A3", 640, json!({"fragile": true})),
            doc("AD02-02", "AD02", "Correspondance de Condorcet", Some("Nicolas de Condorcet"), "1780", "manuscripts", "A4", 96, json!({"themes": ["regional_interest", "rare_precious"]})),
            doc("AD02-03", "AD02", "L'Argus soissonnais", None, "1890/1914", "press", "A2", 12400, json!({})),
            doc("SAP-01", "SAP", "Bulletin de la Société des antiquaires de Picardie", Some("Société des antiquaires de Picardie"), "1836/1900", "journals", "A4", 960, json!({"targets": ["armarium"]})),
            doc("SAP-02", "SAP", "Mémoires de la Société (tome I)", Some("Société des antiquaires de Picardie"), "1838", "printed_books", "A4", 388, json!({"targets": ["armarium"], "existing_digitization": "Gallica, 2009"})),
            doc("SAP-03", "SAP", "Histoire de la ville d'Amiens", Some("Hyacinthe Dusevel"), "1832", "printed_books", "A4", 300, json!({"targets": ["armarium"]})),
            doc("MJV-01", "FR-800216101", "Lettres à Pierre-Jules Hetzel", Some("Jules Verne"), "1863/1886", "manuscripts", "A4", 210, json!({"targets": ["armarium"]})),
            doc("MJV-02", "FR-800216101", "Le Journal d'Amiens, chroniques", Some("Jules Verne"), "1875", "press", "A3", 150, json!({"targets": ["armarium"], "proposed_on": "2026-04-20"}))
        ],
        "shared_costs": [{"label": "transport", "amount": "1800.00"}, {"label": "coordination", "amount": "950.00"}]
    });
    let data = CampaignData::from_value(&campaign).map_err(|e| e.message_fr())?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("hdf-2026.numconc");
    let mut c = OnDisk(Store::create(&path, programme, data).map_err(|e| e.message_fr())?);
    let p = c.programme().clone();
    println!("numconc {} — {}", numconc::VERSION, p.name);
    println!(
        "Campagne {} (année {}, jusqu'au {}) : {} établissements, {} propositions",
        c.data().id,
        c.data().year,
        c.data().ends_on,
        c.data().institutions().len(),
        c.data().documents().len()
    );
    let financeurs: Vec<String> = p.funders.iter().map(|f| f.name.clone()).collect();
    println!(
        "Financeurs : {} ; part publique plafonnée à {} %",
        financeurs.join(", "),
        p.max_public_rate
            .map_or("—".into(), |r| (r.ten_thousandths() / 100).to_string())
    );

    let as_of = day("2026-04-01")?;
    title("1. Éligibilité au 1er avril 2026");
    let rows: Vec<Vec<String>> = c
        .eligibility_all(as_of)
        .into_iter()
        .map(|(id, e)| {
            let d = c.data().document(id);
            let mut motifs: Vec<String> = e
                .reasons
                .iter()
                .map(|r| r.message_fr().to_string())
                .collect();
            motifs.extend(
                e.warnings
                    .iter()
                    .map(|w| format!("(alerte) {}", w.message_fr())),
            );
            vec![
                id.to_string(),
                d.and_then(|d| d.title.clone())
                    .unwrap_or_default()
                    .chars()
                    .take(38)
                    .collect(),
                if e.eligible() {
                    "oui".into()
                } else {
                    "non".into()
                },
                motifs.join(" ; "),
            ]
        })
        .collect();
    table(&["Document", "Titre", "Éligible", "Motifs"], &rows);

    title("2. Budget prévisionnel (au 1er avril 2026)");
    budget_table(&c, &c.budget(BudgetMode::Estimate { as_of })?);

    title("3. Sélection");
    for id in [
        "AMI-01", "AMI-02", "AMI-03", "AMI-04", "AD02-01", "AD02-02", "SAP-03",
    ] {
        run(
            &mut c,
            json!({"type": "select", "doc": id, "date": "2026-04-15", "actor": "AR2L"}),
        )?;
    }
    refused(
        &mut c,
        json!({"type": "select", "doc": "AD02-03", "date": "2026-04-15"}),
    );
    refused(
        &mut c,
        json!({"type": "select", "doc": "SAP-01", "date": "2026-04-15"}),
    );
    run(
        &mut c,
        json!({"type": "reject", "doc": "SAP-02", "reason": "déjà numérisé (Gallica, 2009)", "date": "2026-04-15"}),
    )?;
    run(
        &mut c,
        json!({"type": "withdraw", "doc": "MJV-01", "reason": "prêté pour une exposition", "date": "2026-04-18"}),
    )?;

    title("4. Constats d'état et préparation");
    for (id, grade) in [
        ("AMI-01", "good"),
        ("AMI-02", "fair"),
        ("AMI-03", "good"),
        ("AMI-04", "fair"),
        ("AD02-01", "good"),
        ("AD02-02", "good"),
        ("SAP-03", "good"),
    ] {
        run(
            &mut c,
            json!({"type": "record_condition", "doc": id, "grade": grade, "date": "2026-04-22"}),
        )?;
    }
    refused(
        &mut c,
        json!({"type": "prepare", "doc": "AMI-01", "date": "2026-04-23"}),
    );
    run(
        &mut c,
        json!({"type": "prepare", "doc": "AMI-01", "issues": 104, "date": "2026-04-23", "note": "bulletinage : 104 numéros"}),
    )?;
    for id in ["AMI-02", "AMI-03", "AMI-04", "AD02-01", "AD02-02", "SAP-03"] {
        run(
            &mut c,
            json!({"type": "prepare", "doc": id, "date": "2026-04-24"}),
        )?;
    }

    title("5. Envoi chez le prestataire");
    let docs = [
        "AMI-01", "AMI-02", "AMI-03", "AMI-04", "AD02-01", "AD02-02", "SAP-03",
    ];
    run(
        &mut c,
        json!({"type": "ship", "shipment": "ENV-2026-01", "provider": "SIM (Neuilly-sur-Marne)", "docs": docs, "date": "2026-05-04"}),
    )?;
    for s in c.shipment_statuses() {
        println!(
            "  Bordereau {} → {} le {} : {} documents, valeur d'assurance {} €",
            s.shipment.id,
            s.shipment.provider,
            s.shipment.date,
            s.shipment.docs.len(),
            s.shipment.insured_total
        );
    }

    title("6. Livraisons et contrôle qualité");
    let views = [
        ("AMI-01", 1184),
        ("AMI-02", 412),
        ("AMI-03", 500),
        ("AMI-04", 4),
        ("AD02-01", 652),
        ("AD02-02", 96),
        ("SAP-03", 302),
    ];
    for (id, v) in views {
        run(
            &mut c,
            json!({"type": "deliver", "doc": id, "views": v, "date": "2026-06-01"}),
        )?;
    }
    for (id, v) in views {
        let sample = p.qc.required_sample(v);
        let (major, minor) = if id == "AD02-01" { (2, 1) } else { (0, 0) };
        run(
            &mut c,
            json!({"type": "qc", "doc": id, "sample": sample, "major": major, "minor": minor, "date": "2026-06-08"}),
        )?;
    }
    let st = c
        .state("AD02-01")
        .map(|s| s.digital.as_str())
        .unwrap_or_default();
    println!("  AD02-01 : contrôle qualité {st} (2 défauts majeurs) → reprise demandée");
    run(
        &mut c,
        json!({"type": "deliver", "doc": "AD02-01", "views": 654, "date": "2026-06-20", "note": "reprise"}),
    )?;
    run(
        &mut c,
        json!({"type": "qc", "doc": "AD02-01", "sample": 33, "major": 0, "minor": 0, "date": "2026-06-24"}),
    )?;

    title("7. Suivi des documents chez le prestataire (au 10 août 2026)");
    let rows: Vec<Vec<String>> = c
        .custody_report(day("2026-08-10")?)
        .iter()
        .map(|e| {
            vec![
                e.doc.clone(),
                e.shipment.clone(),
                e.provider.clone(),
                e.since.to_string(),
                e.days_out.to_string(),
                if e.overdue {
                    "EN RETARD".into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    table(
        &[
            "Document",
            "Envoi",
            "Prestataire",
            "Depuis",
            "Jours",
            "Alerte",
        ],
        &rows,
    );

    title("8. Retour des documents");
    run(
        &mut c,
        json!({"type": "return", "docs": docs, "grades": ["good", "poor", "good", "fair", "good", "good", "good"], "date": "2026-08-12"}),
    )?;
    for (d, s) in c.documents() {
        for i in &s.incidents {
            println!(
                "  ⚠ {} : état dégradé au retour ({} → {}) le {}",
                d.id, i.departure_grade, i.return_grade, i.date
            );
        }
    }

    title("9. Mise en ligne et préservation");
    refused(
        &mut c,
        json!({"type": "publish", "doc": "AMI-01", "target": "gallica", "identifier": "ark:/12148/bpt6k205233k", "date": "2026-09-01"}),
    );
    run(
        &mut c,
        json!({"type": "publish", "doc": "AMI-01", "target": "gallica", "identifier": "ark:/12148/bpt6k205233j", "date": "2026-09-01"}),
    )?;
    run(
        &mut c,
        json!({"type": "publish", "doc": "AMI-02", "target": "gallica", "identifier": "ark:/12148/btv1b9065658s", "date": "2026-09-01"}),
    )?;
    run(
        &mut c,
        json!({"type": "publish", "doc": "AD02-02", "target": "gallica", "identifier": "ark:/12148/cb119016075", "date": "2026-09-01"}),
    )?;
    for id in ["AMI-01", "AMI-03", "AMI-04", "AD02-01", "SAP-03"] {
        run(
            &mut c,
            json!({"type": "publish", "doc": id, "target": "armarium", "identifier": format!("armarium:{}", id.to_lowercase()), "date": "2026-09-02"}),
        )?;
    }
    for id in ["AMI-01", "AMI-02", "AD02-02"] {
        run(
            &mut c,
            json!({"type": "preserve", "doc": id, "date": "2026-09-15"}),
        )?;
    }

    title("10. Bilan (budget réalisé, vues livrées)");
    budget_table(&c, &c.budget(BudgetMode::Actual)?);

    title("11. Entonnoir");
    let f = c.funnel();
    table(
        &[
            "Proposés",
            "Sélectionnés",
            "Chez prestataire",
            "Livrés",
            "Validés",
            "Rendus",
            "En ligne",
        ],
        &[f.stages().iter().map(|(_, n)| n.to_string()).collect()],
    );

    title("12. Clôture");
    run(
        &mut c,
        json!({"type": "close_campaign", "date": "2026-10-01"}),
    )?;
    refused(
        &mut c,
        json!({"type": "preserve", "doc": "AMI-03", "date": "2026-10-02"}),
    );
    let saved = c.save_json();
    let reloaded = Campaign::load_json(&saved)?;
    println!(
        "  Journal : {} événements ; sauvegarde de {} octets ; rechargement et rejeu : {}",
        c.events().len(),
        saved.len(),
        if reloaded == *c && reloaded.save_json() == saved {
            "état identique"
        } else {
            "ÉCART"
        }
    );

    title("13. Reprise depuis le fichier de campagne");
    let before: Campaign = (*c).clone();
    let OnDisk(store) = c;
    store.close().map_err(|e| e.message_fr())?;
    let size = std::fs::metadata(&path)?.len();
    let reopened = Store::open(&path).map_err(|e| e.message_fr())?;
    let same = *reopened.campaign() == before && reopened.export_json() == saved;
    println!(
        "  {} : {} événements relus, {size} octets ; réouverture (rejeu du journal) : {}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
        reopened.events_since(0).len(),
        if same { "état identique" } else { "ÉCART" }
    );
    let mut store = reopened;
    let covered = store.snapshot().map_err(|e| e.message_fr())?;
    store.close().map_err(|e| e.message_fr())?;
    let from_snapshot = Store::open(&path).map_err(|e| e.message_fr())?;
    let same_snapshot = *from_snapshot.campaign() == before;
    println!(
        "  Instantané après {covered} événements ; réouverture depuis l'instantané : {}",
        if same_snapshot {
            "état identique"
        } else {
            "ÉCART"
        }
    );
    if !(same && same_snapshot) {
        return Err("l'état relu diffère de l'état en mémoire".into());
    }
    Ok(())
}
