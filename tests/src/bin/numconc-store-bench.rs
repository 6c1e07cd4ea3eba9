//! Benchmark of the durable store (numconc-store) beside the saved JSON
//! file: commands per second with `synchronous=FULL` and NORMAL, then a
//! synthetic national campaign with a log of lifecycle events — JSON save
//! and load + replay, store import, open without and with a snapshot,
//! snapshot time and file sizes. Prints figures; it asserts nothing.
//!
//! `cargo run --release -p numconc-vectors --bin numconc-store-bench -- 1000000 200000`
//! (documents, events of the big log; defaults 1 000 000 and 200 000). The
//! store files go to a temporary directory (`TMPDIR`), removed at the end.

use std::path::{Path, PathBuf};
use std::time::Instant;

use numconc::{Campaign, CampaignData, Command, Date, Programme};
use numconc_store::{Options, Store, Synchronous};
use numconc_vectors::bench::{lifecycle_commands, peak_mb, rate};
use numconc_vectors::synthetic::{national_campaign_json, national_programme};

fn fail(what: &str) -> ! {
    eprintln!("{what}");
    std::process::exit(1)
}

fn mb(path: &Path) -> String {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    format!("{:.1} MB", (size(path) + size(&wal)) as f64 / 1e6)
}

fn campaign(programme: &Programme, docs: usize) -> Campaign {
    let text = national_campaign_json(2026, (docs / 100).clamp(10, 10_000), docs);
    let data = CampaignData::from_json(&text).unwrap_or_else(|e| fail(&e.message_en()));
    Campaign::new(programme.clone(), data).unwrap_or_else(|e| fail(&e.message_en()))
}

/// Commands per second through a store, each on disk before the next.
fn store_rate(dir: &Path, programme: &Programme, sync: Synchronous, n: usize) -> String {
    let start = campaign(programme, 10_000);
    let as_of = Date::from_ymd_opt(2026, 4, 1).unwrap_or_default();
    let commands: Vec<Command> = lifecycle_commands(&start, as_of)
        .into_iter()
        .take(n)
        .collect();
    let path = dir.join(format!("rate-{sync:?}.numconc"));
    let options = Options {
        synchronous: sync,
        ..Options::default()
    };
    let mut store = Store::import_json(&path, &start.save_json(), options)
        .unwrap_or_else(|e| fail(&e.message_en()));
    let count = commands.len();
    let t = Instant::now();
    for c in commands {
        store.execute(c).unwrap_or_else(|e| fail(&e.message_en()));
    }
    let secs = t.elapsed().as_secs_f64();
    let _ = store.close();
    format!(
        "{} ({count} commands in {secs:.2} s, {:.2} ms each)",
        rate(count, secs),
        secs * 1e3 / count.max(1) as f64
    )
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let docs = args.next().flatten().unwrap_or(1_000_000);
    let events = args.next().flatten().unwrap_or(200_000);
    let Ok(programme) = Programme::from_value(&national_programme()) else {
        fail("the synthetic programme is invalid")
    };
    let dir = std::env::temp_dir().join(format!("numconc-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&e.to_string()));
    println!("numconc-store benchmark — synthetic national campaign, seed 2026");

    println!("\ncommands through a store (10 000 documents, one transaction each)");
    let t = Instant::now();
    let mut memory = campaign(&programme, 10_000);
    let as_of = Date::from_ymd_opt(2026, 4, 1).unwrap_or_default();
    let commands = lifecycle_commands(&memory, as_of);
    let n = commands.len().min(20_000);
    let _ = t;
    let t = Instant::now();
    for c in commands.into_iter().take(n) {
        let _ = memory.execute(c);
    }
    println!(
        "  in memory only        {}",
        rate(n, t.elapsed().as_secs_f64())
    );
    drop(memory);
    println!(
        "  synchronous=FULL      {}",
        store_rate(&dir, &programme, Synchronous::Full, 2_000)
    );
    println!(
        "  synchronous=NORMAL    {}",
        store_rate(&dir, &programme, Synchronous::Normal, 20_000)
    );

    println!("\n{docs} documents, a log of up to {events} lifecycle events");
    let mut big = campaign(&programme, docs);
    let commands = lifecycle_commands(&big, as_of);
    let mut rest = commands.into_iter();
    for c in rest.by_ref().take(events) {
        let _ = big.execute(c);
    }
    let logged = big.events().len();
    println!("  ({logged} events in the log)");
    let t = Instant::now();
    let saved = big.save_json();
    let save = t.elapsed().as_secs_f64();
    println!(
        "  JSON save             {save:8.2} s   ({:.1} MB)",
        saved.len() as f64 / 1e6
    );
    let t = Instant::now();
    let loaded = Campaign::load_json(&saved).unwrap_or_else(|e| fail(&e.message_en()));
    let load = t.elapsed().as_secs_f64();
    println!("  JSON load + replay    {load:8.2} s");
    drop(loaded);
    let path = dir.join("national.numconc");
    let t = Instant::now();
    let store = Store::import_json(&path, &saved, Options::default())
        .unwrap_or_else(|e| fail(&e.message_en()));
    let import = t.elapsed().as_secs_f64();
    drop(saved);
    let _ = store.close();
    println!("  store import          {import:8.2} s   ({})", mb(&path));
    let t = Instant::now();
    let mut store = Store::open(&path).unwrap_or_else(|e| fail(&e.message_en()));
    let open_replay = t.elapsed().as_secs_f64();
    let same = store.campaign() == &big;
    println!(
        "  open, full replay     {open_replay:8.2} s   ({})",
        if same {
            "same state"
        } else {
            "DIFFERENT STATE"
        }
    );
    let t = Instant::now();
    let covered = store.snapshot().unwrap_or_else(|e| fail(&e.message_en()));
    let snap = t.elapsed().as_secs_f64();
    let _ = store.close();
    println!(
        "  snapshot              {snap:8.2} s   (after {covered} events; file {})",
        mb(&path)
    );
    let t = Instant::now();
    let mut store = Store::open(&path).unwrap_or_else(|e| fail(&e.message_en()));
    let open_snap = t.elapsed().as_secs_f64();
    let same = store.campaign() == &big;
    println!(
        "  open from snapshot    {open_snap:8.2} s   ({})",
        if same {
            "same state"
        } else {
            "DIFFERENT STATE"
        }
    );
    // The first command after opening also builds the campaign's lazy
    // indexes (documents by id…): timed apart from the rate.
    let mut next = rest.take(2_001);
    let t = Instant::now();
    let mut refused = usize::from(next.next().is_some_and(|c| store.execute(c).is_err()));
    let first = t.elapsed().as_secs_f64();
    let next: Vec<Command> = next.collect();
    let count = next.len();
    let t = Instant::now();
    for c in next {
        if store.execute(c).is_err() {
            refused += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "  commands, FULL        {}   ({count} on the big store after a first one of {:.0} ms, {refused} refused)",
        rate(count, secs),
        first * 1e3
    );
    let _ = store.close();
    println!("  peak memory           {}", peak_mb());
    let _ = std::fs::remove_dir_all(&dir);
}
