//! # numconc-store — a durable campaign store on SQLite
//!
//! One SQLite file holds a campaign: its programme, its initial data, its
//! event log (one row per accepted command) and optional snapshots for fast
//! opening. [`Store::execute`] checks a command on the campaign in memory,
//! writes it in one transaction, and only then applies it: a command is
//! acknowledged only when it is on disk, a refused command writes nothing,
//! and a failed write leaves the campaign in memory as it was.
//!
//! The core (`numconc`) stays pure; this crate is its I/O.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use numconc::{Action, CampaignData, Command, Date, Programme};
//! use numconc_store::Store;
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("hdf-2026.numconc");
//! let programme = Programme::preset("hauts-de-france")?;
//! let data = CampaignData::from_json(r#"{"id": "hdf-2026", "programme": "hauts-de-france",
//!   "year": 2026, "ends_on": "2027-06-30", "institutions": [], "conventions": [],
//!   "documents": [], "shared_costs": []}"#)?;
//! let mut store = Store::create(&path, programme, data)?;
//! let day = Date::from_ymd_opt(2026, 4, 15).ok_or("day")?;
//! let refused = store.execute(Command::build(day, None, None, Action::select("D1"))?);
//! assert_eq!(refused.unwrap_err().code(), "UNKNOWN_DOCUMENT"); // nothing written
//! let saved = store.export_json();
//! store.close()?;
//! let store = Store::open(&path)?;
//! assert_eq!(store.export_json(), saved);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod error;
mod held;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use numconc::codes::StoreCode;
use numconc::{Campaign, CampaignData, Command, CommandError, Programme, ValidationError};
use rusqlite::{Connection, OpenFlags};

pub use error::StoreError;
pub use held::Held;
pub use schema::SCHEMA_VERSION;

/// How hard a commit waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// `synchronous=FULL` (the default): every commit is flushed to the
    /// disk before the call returns; an acknowledged command survives a
    /// crash of the process and a power cut.
    #[default]
    Full,
    /// `synchronous=NORMAL`: in WAL mode a commit survives a crash of the
    /// process, but the last commits before a power cut or an operating
    /// system crash may be lost (never a corrupt file). Faster: choose it
    /// where commands can be typed again, not where they are the only trace.
    Normal,
}

/// Options of a store connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// How hard a commit waits for the disk.
    pub synchronous: Synchronous,
    /// How long `open` waits for a store held by another connection before
    /// giving `STORE_LOCKED` (zero, the default: at once).
    pub busy_timeout: Duration,
}

/// A campaign kept in an SQLite file, every accepted command on disk.
///
/// A store holds its file's lock from `open` (or `create`) to `close`: a
/// second connection, in this process or another, gets `STORE_LOCKED`.
/// A store is `Send` but not `Sync`: one thread at a time (wrap it in a
/// mutex to share it).
#[derive(Debug)]
pub struct Store {
    /// `None` once closed in place: queries answer, commands do not.
    conn: Option<Connection>,
    campaign: Campaign,
    path: PathBuf,
    /// An earlier write failed in a way that leaves the file's content in
    /// doubt: no command until the store is reopened.
    failed: bool,
}

impl Store {
    /// Creates a store file at `path` for a campaign starting from its
    /// programme and initial data, with default [`Options`].
    ///
    /// # Errors
    /// `STORE_EXISTS` when a file is there, `INVALID_VALUE` when the data
    /// names another programme, `STORE_IO`/`STORE_FULL` on the disk.
    pub fn create(
        path: impl AsRef<Path>,
        programme: Programme,
        data: CampaignData,
    ) -> Result<Store, StoreError> {
        Store::create_with(path, programme, data, Options::default())
    }

    /// [`Store::create`] with options.
    ///
    /// # Errors
    /// As [`Store::create`].
    pub fn create_with(
        path: impl AsRef<Path>,
        programme: Programme,
        data: CampaignData,
        options: Options,
    ) -> Result<Store, StoreError> {
        let campaign = Campaign::new(programme, data)?;
        Store::create_from(path.as_ref(), campaign, options)
    }

    /// Creates a store from a saved campaign (the JSON of
    /// `Campaign::save_json`): its programme, initial data and every event.
    ///
    /// # Errors
    /// The load error of the saved file (`INVALID_JSON`, `INVALID_EVENT`…),
    /// or as [`Store::create`].
    pub fn import_json(
        path: impl AsRef<Path>,
        saved: &str,
        options: Options,
    ) -> Result<Store, StoreError> {
        let campaign = Campaign::load_json(saved)?;
        Store::create_from(path.as_ref(), campaign, options)
    }

    fn create_from(path: &Path, campaign: Campaign, options: Options) -> Result<Store, StoreError> {
        // Claim the name first: never open (and overwrite) a file or a
        // planted link that is already there.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::file(
                    StoreCode::Exists,
                    path.display().to_string(),
                ))
            }
            Err(e) => return Err(StoreError::file(StoreCode::Io, e.to_string())),
        }
        let made = (|| {
            let mut conn = connect(path, options)?;
            schema::create(&mut conn, &campaign)?;
            sync_parent(path)?;
            Ok(conn)
        })();
        match made {
            Ok(conn) => Ok(Store {
                conn: Some(conn),
                campaign,
                path: path.to_path_buf(),
                failed: false,
            }),
            Err(e) => {
                // Nothing acknowledged: the half-made file is ours to remove.
                let _ = std::fs::remove_file(path);
                Err(e)
            }
        }
    }

    /// Opens a store with default [`Options`]: the campaign is restored
    /// from the last snapshot and the later events are replayed.
    ///
    /// # Errors
    /// `STORE_NOT_FOUND`, `STORE_LOCKED` (another connection holds it),
    /// `STORE_SCHEMA_NEWER`, `STORE_CORRUPT` (not a store, a damaged
    /// page, a checksum that does not match, an event refused on replay).
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Store::open_with(path, Options::default())
    }

    /// [`Store::open`] with options.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_with(path: impl AsRef<Path>, options: Options) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError::file(
                StoreCode::NotFound,
                path.display().to_string(),
            ));
        }
        let conn = connect(path, options)?;
        let campaign = schema::load(&conn)?;
        Ok(Store {
            conn: Some(conn),
            campaign,
            path: path.to_path_buf(),
            failed: false,
        })
    }

    /// The campaign, as every acknowledged command left it.
    #[must_use]
    pub fn campaign(&self) -> &Campaign {
        &self.campaign
    }

    /// The store's file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs a command: checked on the campaign, written in one transaction,
    /// then applied. When this returns `Ok` the command is on disk.
    ///
    /// # Errors
    /// The command's own error (nothing written), or a store error
    /// (`STORE_FULL`, `STORE_IO`, `STORE_FAILED`): the campaign in memory
    /// and the file are then as they were.
    pub fn execute(&mut self, command: Command) -> Result<(), StoreError> {
        self.run(|| Ok(command))
    }

    /// Runs a command given as JSON text (`{"type": …, "date": …}`).
    ///
    /// # Errors
    /// As [`Store::execute`].
    pub fn execute_json(&mut self, command: &str) -> Result<(), StoreError> {
        self.run(|| Command::from_json(command).map_err(CommandError::from))
    }

    /// Runs a command given as a JSON object (`{"type": …, "date": …}`).
    ///
    /// # Errors
    /// As [`Store::execute`].
    pub fn execute_value(&mut self, command: &serde_json::Value) -> Result<(), StoreError> {
        self.run(|| Command::from_value(command).map_err(CommandError::from))
    }

    /// Runs a command built by `build` (the bindings' typed calls): a
    /// closed campaign refuses it before it is built.
    ///
    /// # Errors
    /// As [`Store::execute`].
    pub fn execute_with(
        &mut self,
        build: impl FnOnce() -> Result<Command, ValidationError>,
    ) -> Result<(), StoreError> {
        self.run(|| build().map_err(CommandError::from))
    }

    fn run(
        &mut self,
        build: impl FnOnce() -> Result<Command, CommandError>,
    ) -> Result<(), StoreError> {
        self.connection()?;
        let Some(conn) = self.conn.as_ref() else {
            return Err(closed());
        };
        let seq = self.campaign.events().len() + 1;
        let failed = &mut self.failed;
        self.campaign.execute_recorded(build, |command| {
            schema::append(conn, seq, command).inspect_err(|e| {
                // A full disk is refused cleanly by SQLite (the transaction
                // rolled back); any other failure leaves the file's state in
                // doubt until it is read again.
                if e.store_code() != Some(StoreCode::Full) {
                    *failed = true;
                }
            })
        })
    }

    /// Replays commands, all or nothing (see `Campaign::replay`): they are
    /// checked on a copy of the campaign, written in one transaction, and
    /// only then does the copy become the campaign.
    ///
    /// # Errors
    /// `INVALID_EVENT` naming the first refused command (nothing written),
    /// or a store error as [`Store::execute`].
    pub fn replay(&mut self, commands: &[Command]) -> Result<(), StoreError> {
        self.connection()?;
        let mut work = self.campaign.clone();
        work.replay(commands)?;
        let first = self.campaign.events().len() + 1;
        let Some(conn) = self.conn.as_ref() else {
            return Err(closed());
        };
        if let Err(e) = schema::append_all(conn, first, work.events_since(first - 1)) {
            if e.store_code() != Some(StoreCode::Full) {
                self.failed = true;
            }
            return Err(e);
        }
        self.campaign = work;
        Ok(())
    }

    /// The events after the first `seq` (see `Campaign::events_since`).
    #[must_use]
    pub fn events_since(&self, seq: usize) -> &[Command] {
        self.campaign.events_since(seq)
    }

    /// Writes a snapshot of the state after the events so far (and drops
    /// older ones), so that `open` does not replay them; returns the number
    /// of events it covers. A snapshot at that point already there is kept.
    ///
    /// # Errors
    /// `STORE_FULL`, `STORE_IO`, `STORE_FAILED`: the store is then as it was.
    pub fn snapshot(&mut self) -> Result<usize, StoreError> {
        self.connection()?;
        let seq = self.campaign.events().len();
        let state = self.campaign.snapshot_json();
        let Some(conn) = self.conn.as_mut() else {
            return Err(closed());
        };
        schema::snapshot(conn, seq, &state)?;
        Ok(seq)
    }

    /// The connection, for a command: refused once closed or failed.
    fn connection(&self) -> Result<&Connection, StoreError> {
        if self.failed {
            return Err(StoreError::file(
                StoreCode::Failed,
                self.path.display().to_string(),
            ));
        }
        self.conn.as_ref().ok_or_else(closed)
    }

    /// Whether the store was closed in place.
    #[must_use]
    pub fn is_closed(&self) -> bool {
        self.conn.is_none()
    }

    /// Closes the file and keeps the campaign for queries: commands are
    /// then refused with `STORE_CLOSED` (for a binding's context manager).
    /// Closing twice does nothing.
    ///
    /// # Errors
    /// As [`Store::close`].
    pub fn close_in_place(&mut self) -> Result<(), StoreError> {
        match self.conn.take() {
            Some(conn) => conn.close().map_err(|(_, e)| error::sqlite(&e)),
            None => Ok(()),
        }
    }

    /// The campaign in the saved-file format: exactly the bytes
    /// `Campaign::save_json` gives for the same campaign.
    #[must_use]
    pub fn export_json(&self) -> String {
        self.campaign.save_json()
    }

    /// Closes the store: the write-ahead log is folded into the file and
    /// the lock released.
    ///
    /// # Errors
    /// `STORE_IO` when SQLite cannot close cleanly (every acknowledged
    /// command is on disk already).
    pub fn close(mut self) -> Result<(), StoreError> {
        self.close_in_place()
    }
}

fn closed() -> StoreError {
    StoreError::file(StoreCode::Closed, "the store was closed")
}

/// Opens a connection in WAL mode with the store's lock held.
fn connect(path: &Path, options: Options) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| error::sqlite(&e))?;
    conn.busy_timeout(options.busy_timeout)
        .map_err(|e| error::sqlite(&e))?;
    // Exclusive locking mode before the first access: the lock is taken at
    // the first read and kept until the connection closes, and the WAL
    // index lives in this process's memory (no -shm file to share).
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .map_err(|e| error::sqlite(&e))?;
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .map_err(|e| schema::reading(&e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::file(
            StoreCode::Io,
            format!("journal_mode {mode}, WAL refused"),
        ));
    }
    let sync = match options.synchronous {
        Synchronous::Full => "FULL",
        Synchronous::Normal => "NORMAL",
    };
    conn.pragma_update(None, "synchronous", sync)
        .map_err(|e| error::sqlite(&e))?;
    // Take the lock now, not at the first command: a second opener is
    // told at once.
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(|e| error::sqlite(&e))?;
    Ok(conn)
}

/// Flushes the directory entry of a new file.
fn sync_parent(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::file(StoreCode::Io, e.to_string()))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
