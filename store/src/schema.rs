//! The store's tables, and reading and writing them.
//!
//! ```sql
//! CREATE TABLE schema_version (version INTEGER NOT NULL);
//! CREATE TABLE programme (json TEXT NOT NULL, checksum INTEGER NOT NULL);
//! CREATE TABLE initial_data (json TEXT NOT NULL, checksum INTEGER NOT NULL);
//! CREATE TABLE events (seq INTEGER PRIMARY KEY, date TEXT NOT NULL,
//!     type TEXT NOT NULL, command TEXT NOT NULL, checksum INTEGER NOT NULL);
//! CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, state TEXT NOT NULL,
//!     checksum INTEGER NOT NULL);
//! ```
//!
//! Every text carries the CRC-32 of its bytes (for events and snapshots,
//! of the sequence number then the text): SQLite checks its own pages'
//! structure, not the bytes of the values, and a snapshot is trusted
//! without a replay. `PRAGMA application_id` marks the file as a numconc
//! store.

use numconc::codes::StoreCode;
use numconc::{Campaign, CampaignData, Command, Programme};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{sqlite, StoreError};

/// The schema version this library writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// `PRAGMA application_id`: "NUMC".
const APPLICATION_ID: i32 = 0x4E55_4D43;

const TABLES: &str = "
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE programme (json TEXT NOT NULL, checksum INTEGER NOT NULL);
CREATE TABLE initial_data (json TEXT NOT NULL, checksum INTEGER NOT NULL);
CREATE TABLE events (seq INTEGER PRIMARY KEY, date TEXT NOT NULL,
    type TEXT NOT NULL, command TEXT NOT NULL, checksum INTEGER NOT NULL);
CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, state TEXT NOT NULL,
    checksum INTEGER NOT NULL);
";

fn checksum(seq: Option<i64>, text: &str) -> i64 {
    let mut h = crc32fast::Hasher::new();
    if let Some(seq) = seq {
        h.update(&seq.to_le_bytes());
    }
    h.update(text.as_bytes());
    i64::from(h.finalize())
}

fn seq_number(seq: usize) -> Result<i64, StoreError> {
    i64::try_from(seq).map_err(|_| StoreError::file(StoreCode::Io, "sequence number too large"))
}

/// An error while reading a store: a lock or an I/O error stays what it
/// is; anything else (no such table, a wrong type, a missing row) means
/// the file is not a store of this schema.
pub(crate) fn reading(e: &rusqlite::Error) -> StoreError {
    let err = sqlite(e);
    match err.store_code() {
        Some(StoreCode::Locked | StoreCode::Full | StoreCode::Corrupt) => err,
        _ if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::SystemIoFailure)
        ) =>
        {
            err
        }
        _ => StoreError::corrupt(e.to_string()),
    }
}

fn programme_text(p: &Programme) -> String {
    // The bytes `save_json` writes for the programme.
    serde_json::to_string(&p.to_value()).unwrap_or_default()
}

/// Writes the tables of a new store and the campaign's start and log, in
/// one transaction.
pub(crate) fn create(conn: &mut Connection, campaign: &Campaign) -> Result<(), StoreError> {
    let tx = conn.transaction().map_err(|e| sqlite(&e))?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(|e| sqlite(&e))?;
    tx.execute_batch(TABLES).map_err(|e| sqlite(&e))?;
    tx.execute(
        "INSERT INTO schema_version (version) VALUES (?1)",
        [SCHEMA_VERSION],
    )
    .map_err(|e| sqlite(&e))?;
    let programme = programme_text(campaign.programme());
    tx.execute(
        "INSERT INTO programme (json, checksum) VALUES (?1, ?2)",
        params![programme, checksum(None, &programme)],
    )
    .map_err(|e| sqlite(&e))?;
    let mut data = String::new();
    campaign.initial_data().write_json(&mut data);
    tx.execute(
        "INSERT INTO initial_data (json, checksum) VALUES (?1, ?2)",
        params![data, checksum(None, &data)],
    )
    .map_err(|e| sqlite(&e))?;
    drop(data);
    for (i, command) in campaign.events().iter().enumerate() {
        append(&tx, i + 1, command)?;
    }
    tx.commit().map_err(|e| sqlite(&e))
}

/// Appends one event (autocommit: one transaction).
pub(crate) fn append(conn: &Connection, seq: usize, command: &Command) -> Result<(), StoreError> {
    let seq = seq_number(seq)?;
    let text = command.to_json();
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO events (seq, date, type, command, checksum) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(|e| sqlite(&e))?;
    insert
        .execute(params![
            seq,
            command.date.to_string(),
            command.action.type_name(),
            text,
            checksum(Some(seq), &text),
        ])
        .map_err(|e| sqlite(&e))?;
    Ok(())
}

/// Appends events numbered from `first`, in one transaction.
pub(crate) fn append_all(
    conn: &Connection,
    first: usize,
    commands: &[Command],
) -> Result<(), StoreError> {
    let tx = conn.unchecked_transaction().map_err(|e| sqlite(&e))?;
    for (i, command) in commands.iter().enumerate() {
        append(&tx, first + i, command)?;
    }
    tx.commit().map_err(|e| sqlite(&e))
}

/// Writes a snapshot after `seq` events and drops the older ones.
pub(crate) fn snapshot(conn: &mut Connection, seq: usize, state: &str) -> Result<(), StoreError> {
    let seq = seq_number(seq)?;
    let tx = conn.transaction().map_err(|e| sqlite(&e))?;
    tx.execute(
        "INSERT OR IGNORE INTO snapshots (seq, state, checksum) VALUES (?1, ?2, ?3)",
        params![seq, state, checksum(Some(seq), state)],
    )
    .map_err(|e| sqlite(&e))?;
    tx.execute("DELETE FROM snapshots WHERE seq < ?1", [seq])
        .map_err(|e| sqlite(&e))?;
    tx.commit().map_err(|e| sqlite(&e))
}

fn checked_text(conn: &Connection, table: &str) -> Result<String, StoreError> {
    let (text, sum): (String, i64) = conn
        .query_row(&format!("SELECT json, checksum FROM {table}"), [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|e| reading(&e))?;
    if checksum(None, &text) != sum {
        return Err(StoreError::corrupt(format!("{table}: checksum mismatch")));
    }
    Ok(text)
}

/// Reads a store: the campaign from its last snapshot and the later
/// events, or from the start and every event.
pub(crate) fn load(conn: &Connection) -> Result<Campaign, StoreError> {
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| reading(&e))?;
    if id != APPLICATION_ID {
        return Err(StoreError::corrupt("not a numconc store (application_id)"));
    }
    let version: i64 = conn
        .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
        .map_err(|e| reading(&e))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::file(
            StoreCode::SchemaNewer,
            format!("schema {version}, this library reads {SCHEMA_VERSION}"),
        ));
    }
    if version != SCHEMA_VERSION {
        return Err(StoreError::corrupt(format!("schema version {version}")));
    }
    let programme = Programme::from_json(&checked_text(conn, "programme")?)
        .map_err(|e| StoreError::corrupt(format!("programme: {}", e.message_en())))?;
    let initial = CampaignData::from_json(&checked_text(conn, "initial_data")?)
        .map_err(|e| StoreError::corrupt(format!("initial data: {}", e.message_en())))?;
    let snap: Option<(i64, String, i64)> = conn
        .query_row(
            "SELECT seq, state, checksum FROM snapshots ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(|e| reading(&e))?;
    let mut log = read_events(conn)?;
    let (mut campaign, rest, covered) = match snap {
        Some((seq, state, sum)) => {
            if checksum(Some(seq), &state) != sum {
                return Err(StoreError::corrupt(format!(
                    "snapshot {seq}: checksum mismatch"
                )));
            }
            let covered = usize::try_from(seq)
                .ok()
                .filter(|&n| n <= log.len())
                .ok_or_else(|| {
                    StoreError::corrupt(format!(
                        "snapshot after {seq} events, log of {}",
                        log.len()
                    ))
                })?;
            let rest = log.split_off(covered);
            let campaign = Campaign::restore(programme, initial, &state, log)
                .map_err(|e| StoreError::corrupt(format!("snapshot {seq}: {}", e.message_en())))?;
            (campaign, rest, covered)
        }
        None => (
            Campaign::new(programme, initial).map_err(|e| StoreError::corrupt(e.message_en()))?,
            log,
            0,
        ),
    };
    for (i, command) in rest.into_iter().enumerate() {
        campaign.execute(command).map_err(|e| {
            StoreError::corrupt(format!(
                "event {} refused on replay: {}: {}",
                covered + i + 1,
                e.code(),
                e.message_en()
            ))
        })?;
    }
    Ok(campaign)
}

fn read_events(conn: &Connection) -> Result<Vec<Command>, StoreError> {
    let mut select = conn
        .prepare("SELECT seq, date, type, command, checksum FROM events ORDER BY seq")
        .map_err(|e| reading(&e))?;
    let mut rows = select.query([]).map_err(|e| reading(&e))?;
    let mut log = Vec::new();
    while let Some(row) = rows.next().map_err(|e| reading(&e))? {
        let read = |i| -> Result<String, StoreError> { row.get(i).map_err(|e| reading(&e)) };
        let seq: i64 = row.get(0).map_err(|e| reading(&e))?;
        let sum: i64 = row.get(4).map_err(|e| reading(&e))?;
        let (date, kind, text) = (read(1)?, read(2)?, read(3)?);
        let expected = seq_number(log.len() + 1)?;
        if seq != expected {
            return Err(StoreError::corrupt(format!(
                "event {expected} missing (found {seq})"
            )));
        }
        if checksum(Some(seq), &text) != sum {
            return Err(StoreError::corrupt(format!(
                "event {seq}: checksum mismatch"
            )));
        }
        let command = Command::from_json(&text)
            .map_err(|e| StoreError::corrupt(format!("event {seq}: {}", e.message_en())))?;
        if command.date.to_string() != date || command.action.type_name() != kind {
            return Err(StoreError::corrupt(format!(
                "event {seq}: date or type column differs from the command"
            )));
        }
        log.push(command);
    }
    Ok(log)
}
