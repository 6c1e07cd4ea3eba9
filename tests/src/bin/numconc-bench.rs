//! Benchmark of a synthetic national campaign: load, eligibility, the
//! estimate budget, the lifecycle (live commands), save, and load + replay.
//! Prints figures; it asserts nothing about time.
//!
//! `cargo run --release -p numconc-vectors --bin numconc-bench -- 10000 100000 1000000`
//!
//! Beside numconc's figures it prints the floor: the same campaign text
//! parsed by a plain typed serde program (derived `Deserialize`, no
//! validation), so that the ratio of load + validate to it is read in one
//! run; and the peak memory of the process (VmHWM) after each size.

use std::time::Instant;

use numconc::{BudgetMode, Campaign, CampaignData, Programme};
use numconc_vectors::bench::{lifecycle_commands, peak_mb, rate};
use numconc_vectors::synthetic::{national_campaign_json, national_programme};

/// The floor: the campaign parsed by plain derived serde types, every
/// field of a document read, nothing validated.
mod floor {
    #![allow(dead_code)]
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Campaign<'a> {
        #[serde(borrow)]
        pub id: std::borrow::Cow<'a, str>,
        pub year: i32,
        pub ends_on: String,
        pub institutions: Vec<serde_json::Value>,
        pub conventions: Vec<serde_json::Value>,
        #[serde(borrow)]
        pub documents: Vec<Document<'a>>,
        pub shared_costs: Vec<serde_json::Value>,
        pub programme: String,
    }

    #[derive(Deserialize)]
    pub struct Document<'a> {
        pub id: String,
        pub institution: String,
        pub title: Option<String>,
        pub author: Option<String>,
        #[serde(borrow)]
        pub date: Option<std::borrow::Cow<'a, str>>,
        pub typology: String,
        pub format: Option<String>,
        pub views: Option<u64>,
        pub themes: Vec<String>,
        pub rights: String,
        pub targets: Vec<String>,
        pub fragile: bool,
        pub ocr: bool,
        pub insured_value: String,
        pub existing_digitization: Option<String>,
        pub proposed_on: String,
        pub shelfmark: Option<String>,
        pub labels: Vec<String>,
    }
}

/// The peak resident memory of this process so far (Linux `VmHWM`), in MB.
fn day(y: i32, m: u32, d: u32) -> numconc::Date {
    numconc::Date::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    let lifecycle_max: usize = std::env::var("NUMCONC_BENCH_LIFECYCLE_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let Ok(programme) = Programme::from_value(&national_programme()) else {
        eprintln!("the synthetic programme is invalid");
        std::process::exit(1);
    };
    println!("numconc benchmark — synthetic national campaign, 5 funders, seed 2026, one core");
    for &docs in &sizes {
        let institutions = (docs / 100).clamp(10, 10_000);
        let t = Instant::now();
        let text = national_campaign_json(2026, institutions, docs);
        let gen = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let data = match CampaignData::from_json(&text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}", e.message_en());
                std::process::exit(1);
            }
        };
        let load = t.elapsed().as_secs_f64();
        let Ok(mut campaign) = Campaign::new(programme.clone(), data) else {
            std::process::exit(1)
        };
        let as_of = day(2026, 4, 1);
        let mut elig = f64::INFINITY;
        let mut eligible = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let all = campaign.eligibility_all(as_of);
            elig = elig.min(t.elapsed().as_secs_f64());
            eligible = all.iter().filter(|(_, e)| e.eligible()).count();
        }
        // Best of three: the first run also pays for the pages it touches.
        let mut est = f64::INFINITY;
        let mut budget = None;
        for _ in 0..3 {
            drop(budget.take());
            let t = Instant::now();
            let result = campaign.budget(BudgetMode::Estimate { as_of });
            est = est.min(t.elapsed().as_secs_f64());
            match result {
                Ok(b) => budget = Some(b),
                Err(e) => {
                    eprintln!("{}", e.message_en());
                    std::process::exit(1);
                }
            }
        }
        let Some(budget) = budget else {
            std::process::exit(1)
        };
        println!(
            "\n{docs} documents, {institutions} institutions ({} MB of JSON, generated in {gen:.2} s)",
            text.len() / 1_000_000
        );
        let t = Instant::now();
        let parsed = serde_json::from_str::<floor::Campaign<'_>>(&text).map(|c| c.documents.len());
        let floor_time = t.elapsed().as_secs_f64();
        println!(
            "  load + validate      {load:8.3} s   {}   ({:.2} × the typed-serde floor, {floor_time:.3} s{})",
            rate(docs, load),
            load / floor_time.max(1e-9),
            if parsed.ok() == Some(docs) { "" } else { ", FLOOR FAILED" }
        );
        println!(
            "  eligibility (all)    {elig:8.3} s   {}   ({eligible} eligible)",
            rate(docs, elig)
        );
        println!(
            "  estimate budget      {est:8.3} s   {}   ({} lines, total {} EUR, {} warnings)",
            rate(docs, est),
            budget.lines.len(),
            budget.total,
            budget.warnings.len()
        );
        if docs > lifecycle_max {
            continue;
        }
        // The lifecycle of every eligible document, in shipments of 100.
        let commands = lifecycle_commands(&campaign, as_of);
        let n = commands.len();
        let t = Instant::now();
        let mut refused = 0;
        for cmd in commands {
            if campaign.execute(cmd).is_err() {
                refused += 1;
            }
        }
        let live = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let budget_json = budget.to_json();
        let render_budget = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let elig_json = campaign.eligibility_table(as_of).to_json(campaign.data());
        let render_elig = t.elapsed().as_secs_f64();
        println!(
            "  JSON: budget {render_budget:.3} s ({} MB), eligibility table + JSON {render_elig:.3} s ({} MB)",
            budget_json.len() / 1_000_000,
            elig_json.len() / 1_000_000
        );
        drop((budget_json, elig_json));
        let t = Instant::now();
        let actual = campaign.budget(BudgetMode::Actual);
        let act = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let saved = campaign.save_json();
        let save = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let reloaded = Campaign::load_json(&saved);
        let replay = t.elapsed().as_secs_f64();
        let events = campaign.events().len();
        println!(
            "  commands (live)      {live:8.3} s   {}   ({n} commands, {refused} refused)",
            rate(n, live)
        );
        println!(
            "  actual budget        {act:8.3} s   {}   ({})",
            rate(docs, act),
            if actual.is_ok() { "ok" } else { "error" }
        );
        println!(
            "  save                 {save:8.3} s   {}   ({} MB)",
            rate(events, save),
            saved.len() / 1_000_000
        );
        println!(
            "  load + replay        {replay:8.3} s   {} events/s   ({events} events, {})",
            rate(events, replay),
            match &reloaded {
                Ok(r) if r == &campaign => "same state",
                Ok(_) => "DIFFERENT STATE",
                Err(_) => "LOAD FAILED",
            }
        );
        println!("  peak memory so far   {}", peak_mb());
    }
}
