//! The store's contract: create, open, execute (a refused command writes
//! nothing), snapshots, export and import byte for byte, events since a
//! sequence number, the lock, the schema version, the plain rows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;

use numconc::codes::StoreCode;
use numconc::{Action, Campaign, Command, Date};
use numconc_store::{Options, Store, StoreError, Synchronous};
use rusqlite::Connection;
use support::{command, command_text, data, programme};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("campagne.numconc");
    (dir, path)
}

fn store_code(r: Result<impl std::fmt::Debug, StoreError>) -> StoreCode {
    match r {
        Err(e) => e
            .store_code()
            .unwrap_or_else(|| panic!("not a store error: {e:?}")),
        Ok(v) => panic!("expected a store error, got {v:?}"),
    }
}

fn rows(path: &std::path::Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn commands_survive_reopening_and_export_is_save_json() {
    let (_dir, path) = fresh();
    let mut store = Store::create(&path, programme(), data()).unwrap();
    let mut memory = Campaign::new(programme(), data()).unwrap();
    for i in 1..=30 {
        store.execute_json(&command(i)).unwrap();
        memory.execute_json(&command(i)).unwrap();
    }
    assert_eq!(store.campaign(), &memory);
    assert_eq!(store.export_json(), memory.save_json());
    store.close().unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.campaign(), &memory);
    assert_eq!(store.export_json(), memory.save_json());
    assert_eq!(store.events_since(28).len(), 2);
    assert_eq!(store.events_since(28)[0].to_json(), command_text(29));
    assert!(store.events_since(30).is_empty() && store.events_since(99).is_empty());
}

#[test]
fn a_refused_command_writes_nothing() {
    let (_dir, path) = fresh();
    let mut store = Store::create(&path, programme(), data()).unwrap();
    store.execute_json(&command(1)).unwrap();
    let before = store.export_json();
    let day = Date::from_ymd_opt(2026, 5, 1).unwrap();
    let refused = store.execute(Command::build(day, None, None, Action::deliver("D0", 3)).unwrap());
    assert_eq!(refused.unwrap_err().code(), "NOT_AT_PROVIDER");
    let refused = store.execute_json(r#"{"type": "select", "doc": "D0"}"#);
    assert_eq!(refused.unwrap_err().code(), "INVALID_VALUE");
    let refused = store.execute_json(r#"{"type": "select", "doc": "D0", "date": "2026-01-01"}"#);
    assert_eq!(refused.unwrap_err().code(), "DATE_OUT_OF_ORDER");
    assert_eq!(store.export_json(), before);
    store.close().unwrap();
    assert_eq!(rows(&path), 1);
    assert_eq!(Store::open(&path).unwrap().export_json(), before);
}

#[test]
fn opening_from_a_snapshot_equals_a_full_replay() {
    let (_dir, path) = fresh();
    let mut store = Store::create(&path, programme(), data()).unwrap();
    for i in 1..=20 {
        store.execute_json(&command(i)).unwrap();
    }
    assert_eq!(store.snapshot().unwrap(), 20);
    for i in 21..=25 {
        store.execute_json(&command(i)).unwrap();
    }
    let expected = store.campaign().clone();
    store.close().unwrap();
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.campaign(), &expected);
    assert_eq!(reopened.campaign(), &expected.replayed().unwrap());
    assert_eq!(reopened.export_json(), expected.save_json());
    // One snapshot kept, the latest.
    let mut reopened = reopened;
    reopened.snapshot().unwrap();
    reopened.close().unwrap();
    let conn = Connection::open(&path).unwrap();
    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM snapshots")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(seqs, vec![25]);
}

#[test]
fn a_snapshot_of_the_worked_states_restores_every_part() {
    // A campaign through the whole lifecycle, snapshotted at every step.
    let (_dir, path) = fresh();
    let mut store = Store::create(&path, programme(), data()).unwrap();
    let steps = [
        r#"{"type": "select", "doc": "D0", "date": "2026-04-15"}"#,
        r#"{"type": "record_condition", "doc": "D0", "grade": "fair", "date": "2026-04-16"}"#,
        r#"{"type": "prepare", "doc": "D0", "issues": 12, "date": "2026-04-17"}"#,
        r#"{"type": "ship", "shipment": "S1", "provider": "Numérisation SA", "docs": ["D0"], "date": "2026-04-18"}"#,
        r#"{"type": "deliver", "doc": "D0", "views": 1184, "date": "2026-05-02"}"#,
        r#"{"type": "qc", "doc": "D0", "sample": 60, "major": 0, "minor": 0, "date": "2026-05-03"}"#,
        r#"{"type": "return", "docs": ["D0"], "grades": ["poor"], "date": "2026-05-10"}"#,
        r#"{"type": "publish", "doc": "D0", "target": "armarium", "identifier": "armarium:d0", "date": "2026-05-11"}"#,
        r#"{"type": "preserve", "doc": "D0", "date": "2026-05-12"}"#,
        r#"{"type": "register_institution", "institution": {"id": "AD02", "name": "AD de l'Aisne", "kind": "departmental_archives", "size": "medium"}, "date": "2026-05-12"}"#,
        r#"{"type": "notify_termination", "convention": "C1", "date": "2026-05-13"}"#,
        r#"{"type": "close_campaign", "date": "2026-06-01"}"#,
    ];
    for step in steps {
        let r = store.execute_json(step);
        assert!(r.is_ok(), "{step}: {r:?}");
        store.snapshot().unwrap();
        let expected = store.campaign().clone();
        store.close().unwrap();
        store = Store::open(&path).unwrap();
        assert_eq!(store.campaign(), &expected, "after {step}");
    }
    assert!(store.campaign().is_closed());
    assert_eq!(store.campaign().state("D0").unwrap().incidents.len(), 1);
}

#[test]
fn import_gives_the_saved_bytes_back() {
    let mut memory = Campaign::new(programme(), data()).unwrap();
    for i in 1..=10 {
        memory.execute_json(&command(i)).unwrap();
    }
    let saved = memory.save_json();
    let (_dir, path) = fresh();
    let store = Store::import_json(&path, &saved, Options::default()).unwrap();
    assert_eq!(store.export_json(), saved);
    store.close().unwrap();
    assert_eq!(Store::open(&path).unwrap().export_json(), saved);
    assert_eq!(rows(&path), 10);
    // A bad saved file creates nothing.
    let (_dir2, other) = fresh();
    let bad = Store::import_json(&other, &saved[..saved.len() / 2], Options::default());
    assert_eq!(bad.unwrap_err().code(), "INVALID_JSON");
    assert!(!other.exists());
}

#[test]
fn a_second_connection_is_told_the_store_is_locked() {
    let (_dir, path) = fresh();
    let store = Store::create(&path, programme(), data()).unwrap();
    assert_eq!(store_code(Store::open(&path)), StoreCode::Locked);
    let waited = Store::open_with(
        &path,
        Options {
            busy_timeout: std::time::Duration::from_millis(50),
            ..Options::default()
        },
    );
    assert_eq!(store_code(waited), StoreCode::Locked);
    store.close().unwrap();
    Store::open(&path).unwrap();
}

#[test]
fn missing_existing_newer_and_foreign_files_are_typed_errors() {
    let (dir, path) = fresh();
    assert_eq!(store_code(Store::open(&path)), StoreCode::NotFound);
    Store::create(&path, programme(), data())
        .unwrap()
        .close()
        .unwrap();
    assert_eq!(
        store_code(Store::create(&path, programme(), data())),
        StoreCode::Exists
    );
    let conn = Connection::open(&path).unwrap();
    conn.execute("UPDATE schema_version SET version = 2", [])
        .unwrap();
    drop(conn);
    assert_eq!(store_code(Store::open(&path)), StoreCode::SchemaNewer);
    // Another SQLite database, an empty file, a text file.
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert_eq!(store_code(Store::open(&other)), StoreCode::Corrupt);
    let empty = dir.path().join("empty");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(store_code(Store::open(&empty)), StoreCode::Corrupt);
    let text = dir.path().join("text");
    std::fs::write(&text, "{\"schema_version\": 1}\n".repeat(300)).unwrap();
    assert_eq!(store_code(Store::open(&text)), StoreCode::Corrupt);
    // A directory is no store either (SQLite cannot open it as one).
    let code = store_code(Store::open(dir.path()));
    assert!(
        matches!(code, StoreCode::Io | StoreCode::Corrupt),
        "{code:?}"
    );
    // A campaign of another programme is refused at creation.
    let mut p = programme();
    p.id = "autre".into();
    let refused = Store::create(dir.path().join("x"), p, data());
    assert_eq!(refused.unwrap_err().code(), "INVALID_VALUE");
    assert!(!dir.path().join("x").exists());
}

#[test]
fn the_events_table_reads_as_plain_rows() {
    let (_dir, path) = fresh();
    let mut store = Store::create_with(
        &path,
        programme(),
        data(),
        Options {
            synchronous: Synchronous::Normal,
            ..Options::default()
        },
    )
    .unwrap();
    for i in 1..=3 {
        store.execute_json(&command(i)).unwrap();
    }
    store.close().unwrap();
    let conn = Connection::open(&path).unwrap();
    let events: Vec<(i64, String, String, String)> = conn
        .prepare("SELECT seq, date, type, command FROM events ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(
        (events[1].0, events[1].1.as_str(), events[1].2.as_str()),
        (2, "2026-03-01", "reject")
    );
    assert_eq!(events[0].3, command_text(1));
    let version: i64 = conn
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, numconc_store::SCHEMA_VERSION);
}

#[test]
fn held_in_memory_or_in_a_store_gives_the_same_answers() {
    use numconc_store::Held;
    let (_dir, path) = fresh();
    let mut memory = Held::Memory(Campaign::new(programme(), data()).unwrap());
    let mut stored = Held::Stored(Store::create(&path, programme(), data()).unwrap());
    let select = |doc: &str| {
        let day = Date::from_ymd_opt(2026, 4, 15).unwrap();
        let doc = doc.to_string();
        move || Command::build(day, None, None, Action::select(&doc))
    };
    for held in [&mut memory, &mut stored] {
        held.execute_json(&command(1)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&command(2)).unwrap();
        held.execute_value(&v).unwrap();
        held.execute_with(select("D0")).unwrap();
        assert_eq!(
            held.execute_with(select("D9")).unwrap_err().code(),
            "UNKNOWN_DOCUMENT"
        );
    }
    assert_eq!(memory.campaign(), stored.campaign());
    assert!(memory.store().is_none());
    let Held::Stored(store) = stored else {
        unreachable!()
    };
    store.close().unwrap();
    assert_eq!(Store::open(&path).unwrap().campaign(), memory.campaign());
}

#[test]
fn a_store_closed_in_place_answers_queries_and_refuses_commands() {
    let (_dir, path) = fresh();
    let mut store = Store::create(&path, programme(), data()).unwrap();
    store.execute_json(&command(1)).unwrap();
    store.close_in_place().unwrap();
    store.close_in_place().unwrap();
    assert!(store.is_closed());
    assert_eq!(store.campaign().events().len(), 1);
    assert_eq!(
        store_code(store.execute_json(&command(2))),
        StoreCode::Closed
    );
    assert_eq!(store_code(store.snapshot()), StoreCode::Closed);
    // The lock is released: the file opens again, as it was.
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.campaign(), store.campaign());
}

#[test]
fn replay_on_a_store_is_all_or_nothing_and_durable() {
    let (_dir, path) = fresh();
    let mut store = Store::create(&path, programme(), data()).unwrap();
    let good: Vec<Command> = (1..=5)
        .map(|i| Command::from_json(&command(i)).unwrap())
        .collect();
    let mut bad = good.clone();
    bad.push(Command::from_json(&command(2)).unwrap()); // rejects D1 again: refused
    assert_eq!(store.replay(&bad).unwrap_err().code(), "INVALID_EVENT");
    assert!(store.campaign().events().is_empty());
    store.replay(&good).unwrap();
    assert_eq!(store.campaign().events().len(), 5);
    store.close().unwrap();
    assert_eq!(rows(&path), 5);
    assert_eq!(Store::open(&path).unwrap().campaign().events().len(), 5);
}
