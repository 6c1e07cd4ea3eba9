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

// The data is the core's (its tests build the same campaign from it).
#[path = "../../../core/examples/campagne/data.rs"]
mod data;

use numconc::{Budget, BudgetMode, Campaign, CampaignData, Date, Lang, Programme};
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
    header.extend(b.funder_names.iter().map(String::as_str));
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
                Lang::Fr.amount(l.cost),
            ];
            r.extend(l.funders.iter().map(|m| Lang::Fr.amount(*m)));
            r.push(Lang::Fr.amount(l.partner));
            r
        })
        .collect();
    let mut total = vec![
        "TOTAL".to_string(),
        String::new(),
        String::new(),
        Lang::Fr.amount(b.total),
    ];
    total.extend(b.funder_totals.iter().map(|m| Lang::Fr.amount(*m)));
    total.push(Lang::Fr.amount(b.partner_total));
    rows.push(total);
    table(&header, &rows);
    for w in &b.warnings {
        println!(
            "  ⚠ {} : {} / {}",
            numconc::codes::BudgetWarningCode::FunderMinimumNotMet.text_fr(),
            w.funder,
            w.institution
        );
    }
}

#[allow(clippy::too_many_lines)]
fn main() -> Result<(), Box<dyn Error>> {
    let programme = Programme::preset("hauts-de-france")?;
    let campaign = data::campaign();
    let data = CampaignData::from_value(&campaign).map_err(|e| e.message_fr())?;
    let dir = tempfile::tempdir()?;
    let store_path = dir.path().join("hdf-2026.numconc");
    let mut c = OnDisk(Store::create(&store_path, programme, data).map_err(|e| e.message_fr())?);
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

    println!();
    for line in p.describe(Lang::Fr).lines() {
        println!("  {line}");
    }

    let as_of = day("2026-04-01")?;
    title("1. Éligibilité au 1er avril 2026");
    let rows: Vec<Vec<String>> = c
        .eligibility_all(as_of)
        .into_iter()
        .map(|(id, e)| {
            let d = c.data().document(id);
            // Each reason with what is wrong (missing fields, agreements…).
            let x = c.explain(id, as_of);
            let mut motifs: Vec<String> = x
                .iter()
                .flat_map(|x| x.reasons.iter().map(|r| r.message_fr()))
                .collect();
            motifs.extend(x.iter().flat_map(|x| {
                x.warnings
                    .iter()
                    .map(|w| format!("(alerte) {}", w.message_fr()))
            }));
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
    let estimate = c.budget(BudgetMode::Estimate { as_of })?;
    budget_table(&c, &estimate);
    // The grant dossier workbook (DRAC, BnF): subtotals and total as SUM
    // formulas, amounts as numbers in a currency format.
    let xlsx = estimate.to_xlsx(Lang::Fr)?;
    let path = std::env::temp_dir().join("campagne-dossier-budget.xlsx");
    std::fs::write(&path, &xlsx)?;
    println!(
        "  Dossier de subvention : {} ({} octets ; feuilles Budget, Financeurs, Établissements)",
        path.display(),
        xlsx.len()
    );

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
    let size = std::fs::metadata(&store_path)?.len();
    let reopened = Store::open(&store_path).map_err(|e| e.message_fr())?;
    let same = *reopened.campaign() == before && reopened.export_json() == saved;
    println!(
        "  {} : {} événements relus, {size} octets ; réouverture (rejeu du journal) : {}",
        store_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?"),
        reopened.events_since(0).len(),
        if same { "état identique" } else { "ÉCART" }
    );
    let mut store = reopened;
    let covered = store.snapshot().map_err(|e| e.message_fr())?;
    store.close().map_err(|e| e.message_fr())?;
    let from_snapshot = Store::open(&store_path).map_err(|e| e.message_fr())?;
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
