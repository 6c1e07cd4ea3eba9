//! Benchmark of the OAI-PMH repository: a campaign of 100 000 published
//! documents harvested whole with `ListRecords` through resumption tokens
//! (pages of 100), then the first and the last page alone. Prints records
//! per second; asserts nothing.
//!
//! `cargo run --release -p numconc --example oai_bench [documents]`

use std::error::Error;
use std::time::Instant;

use chrono::DateTime;
use numconc::publication::oai::{Options, Repository};
use numconc::{Action, Campaign, Command, Date, Programme};
use serde_json::json;

fn main() -> Result<(), Box<dyn Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let built = Instant::now();
    let campaign = published_campaign(n)?;
    println!(
        "campaign of {n} published documents built in {:.1} s ({} events)",
        built.elapsed().as_secs_f64(),
        campaign.events().len()
    );
    let cs = [&campaign];
    let repo = Repository::new(
        &cs,
        "https://bibliotheques.example.org/oai",
        Options {
            page_size: 100,
            ..Options::default()
        },
    )?;
    let now = DateTime::from_timestamp(1_790_000_000, 0).ok_or("time")?;
    for (label, first) in [
        (
            "ListRecords, whole harvest",
            "verb=ListRecords&metadataPrefix=oai_dc",
        ),
        (
            "ListRecords, set institution:FR-801216101 (a third)",
            "verb=ListRecords&metadataPrefix=oai_dc&set=institution:FR-801216101",
        ),
    ] {
        harvest(&repo, label, first, now);
    }
    Ok(())
}

/// Follows the tokens from `first` to the end; prints records/s and the
/// time of the first and the last page alone.
fn harvest(repo: &Repository<'_>, label: &str, first: &str, now: DateTime<chrono::Utc>) {
    let started = Instant::now();
    let mut query = first.to_string();
    let (mut records, mut pages, mut bytes) = (0_usize, 0_usize, 0_usize);
    let mut last_page = query.clone();
    loop {
        let xml = repo.respond(&query, now);
        records += xml.matches("<record>").count();
        pages += 1;
        bytes += xml.len();
        let token = xml
            .split("<resumptionToken")
            .nth(1)
            .and_then(|t| t.split_once('>'))
            .and_then(|(_, rest)| rest.split_once("</resumptionToken>"))
            .map(|(t, _)| t.to_string());
        match token {
            Some(t) if !t.is_empty() => {
                last_page = format!("verb=ListRecords&resumptionToken={}", encode(&t));
                query.clone_from(&last_page);
            }
            _ => break,
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{label}: {records} records in {pages} pages, {:.1} MB, {secs:.2} s: {:.0} records/s",
        bytes as f64 / 1e6,
        records as f64 / secs
    );
    for (name, q) in [("first", first), ("last", last_page.as_str())] {
        let runs = 200;
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(repo.respond(q, now));
        }
        println!(
            "  one page ({name}): {:.3} ms",
            t.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
        );
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A campaign whose `n` documents all went from proposal to publication.
fn published_campaign(n: usize) -> Result<Campaign, Box<dyn Error>> {
    let programme = Programme::from_value(&json!({
        "id": "bench", "name": "Banc d'essai", "currency": "EUR",
        "eligibility": {"membership_required": false, "coordinator_convention_required": false},
        "prices": {"default_per_view": "0.35", "ocr_per_view": "0.05", "fragile_surcharge_rate": "0.20", "per_document_fee": "5"},
        "funders": [{"id": "drac", "name": "DRAC", "public": true, "rates": [{"rate": "0.5"}]}],
        "shared_cost_key": "views", "termination_notice_months": 1,
        "qc": {"sample_rate": "0.10", "min_sample": 3, "max_major": 0, "max_minor_rate": "0.05", "max_rounds": 2},
        "max_days_at_provider": 3650
    }))?;
    let documents: Vec<_> = (0..n)
        .map(|i| {
            json!({"id": format!("D{i:06}"), "institution": if i % 3 == 0 { "FR-801216101" } else { "AD02" },
                   "title": format!("Document n° {i} : « Le Progrès de la Somme » & <suppléments>"),
                   "author": "Collectif", "date": "1871", "typology": "press", "format": "A2", "views": 40,
                   "themes": ["regional_interest"], "rights": "public_domain", "targets": ["armarium"],
                   "insured_value": "100.00", "proposed_on": "2026-01-05", "shelfmark": format!("Res. {i}")})
        })
        .collect();
    let data = json!({
        "id": "bench-2026", "programme": "bench", "year": 2026, "ends_on": "2026-12-31",
        "institutions": [
            {"id": "FR-801216101", "name": "BM d'Amiens", "kind": "municipal_library", "size": "large", "membership_years": [2026]},
            {"id": "AD02", "name": "Archives départementales de l'Aisne", "kind": "departmental_archives", "size": "large", "membership_years": [2026]}
        ],
        "conventions": [], "documents": documents, "shared_costs": []
    });
    let mut c = Campaign::from_json(programme, &data.to_string())?;
    let day = |m: u32, d: u32| Date::from_ymd_opt(2026, m, d).ok_or("day");
    let ids: Vec<String> = (0..n).map(|i| format!("D{i:06}")).collect();
    let mut run = |date: Date, action| -> Result<(), Box<dyn Error>> {
        c.execute(Command::build(date, None, None, action)?)?;
        Ok(())
    };
    for id in &ids {
        run(day(2, 1)?, Action::select(id))?;
    }
    for id in &ids {
        run(day(2, 2)?, Action::record_condition(id, "good"))?;
    }
    for id in &ids {
        run(day(2, 3)?, Action::prepare(id, Some(12)))?;
    }
    for (k, chunk) in ids.chunks(1000).enumerate() {
        let docs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        run(day(2, 4)?, Action::ship(&format!("S{k}"), "SIM", &docs))?;
    }
    for id in &ids {
        run(day(3, 1)?, Action::deliver(id, 40))?;
    }
    for id in &ids {
        run(day(3, 2)?, Action::qc(id, 4, 0, 0))?;
    }
    // Publication over the days of September: many datestamps.
    for (i, id) in ids.iter().enumerate() {
        let d = u32::try_from(i * 30 / n.max(1)).unwrap_or(0) + 1;
        run(
            day(9, d)?,
            Action::publish(id, "armarium", &format!("armarium:{}", id.to_lowercase())),
        )?;
    }
    Ok(c)
}
