//! Durable campaign stores: a campaign kept in an SQLite file, every
//! accepted command on disk before the call returns.

use std::ffi::c_char;
use std::time::Duration;

use ::numconc_store::{Held, Options, Store, Synchronous};
use numconc::CampaignData;

use crate::boundary::{arg_ref, arg_str, boundary, give_handle, take_handle, OptOut, Out};
use crate::campaign::numconc_campaign;
use crate::numconc_status;
use crate::programme::numconc_programme;
use crate::status::Error;

/// A campaign kept in an SQLite store file (crate `numconc-store`): the
/// programme, the initial data, one row per accepted command, snapshots.
///
/// Ownership: made by `numconc_store_create`, `numconc_store_import_json`
/// or `numconc_store_open`, owned by the caller, closed and freed with
/// `numconc_store_close`. Its campaign is borrowed with
/// `numconc_store_campaign` and is valid until the store is closed.
///
/// Durability: every command run on the store's campaign (the typed calls
/// and `numconc_campaign_execute_json`) is checked, written in one
/// transaction, and only then applied: when the call returns `NUMCONC_OK`
/// the command is on disk (`synchronous=FULL`, the default). A refused
/// command writes nothing; a failed write (`NUMCONC_STORE_FULL`,
/// `NUMCONC_STORE_IO`) leaves the campaign and the file as they were.
///
/// Locking: the store holds its file's lock from open to close; a second
/// store on the same file, in this process or another, gets
/// `NUMCONC_STORE_LOCKED`.
///
/// Thread safety: as a campaign: calls are serialized by a lock inside the
/// handle; it must not be closed while another call uses it or its
/// campaign.
#[allow(non_camel_case_types)]
pub struct numconc_store {
    campaign: numconc_campaign,
}

/// How hard a store's commits wait for the disk (`numconc_store_options`).
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_synchronous {
    /// `synchronous=FULL` (the default): an acknowledged command survives a
    /// crash of the process and a power cut.
    NUMCONC_SYNCHRONOUS_FULL = 0,
    /// `synchronous=NORMAL`: survives a crash of the process; the last
    /// commits before a power cut may be lost (never the file). Faster.
    NUMCONC_SYNCHRONOUS_NORMAL = 1,
}

/// Options of a store connection; pass NULL for the defaults (FULL, no
/// waiting for a lock).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_store_options {
    /// A `numconc_synchronous` value.
    pub synchronous: u32,
    /// How long opening waits for a store held elsewhere before
    /// `NUMCONC_STORE_LOCKED`, in milliseconds (0: at once).
    pub busy_timeout_ms: u32,
}

fn options(p: *const numconc_store_options) -> Result<Options, Error> {
    if p.is_null() {
        return Ok(Options::default());
    }
    let o = arg_ref(p, "options")?;
    let synchronous = if o.synchronous == numconc_synchronous::NUMCONC_SYNCHRONOUS_FULL as u32 {
        Synchronous::Full
    } else if o.synchronous == numconc_synchronous::NUMCONC_SYNCHRONOUS_NORMAL as u32 {
        Synchronous::Normal
    } else {
        return Err(Error::invalid_argument(
            "options",
            "synchronous is not a numconc_synchronous",
        ));
    };
    Ok(Options {
        synchronous,
        busy_timeout: Duration::from_millis(u64::from(o.busy_timeout_ms)),
    })
}

fn give(store: Store) -> *mut numconc_store {
    give_handle(numconc_store {
        campaign: numconc_campaign::new(Held::Stored(store)),
    })
}

/// Creates a store file at `path` (`path_len` bytes of UTF-8) for a
/// campaign starting from a programme and a v1 Campaign JSON object. The
/// programme is copied. `options` may be NULL.
///
/// On success `*out` is a new store to close with `numconc_store_close`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_INVALID_ARGUMENT` (options), `NUMCONC_INVALID_VALUE` (the
/// data), `NUMCONC_STORE_EXISTS` (a file is there: nothing is overwritten),
/// `NUMCONC_STORE_IO`, `NUMCONC_STORE_FULL`.
#[no_mangle]
pub extern "C" fn numconc_store_create(
    path: *const c_char,
    path_len: usize,
    programme: *const numconc_programme,
    json: *const c_char,
    json_len: usize,
    options: *const numconc_store_options,
    out: *mut *mut numconc_store,
) -> numconc_status {
    boundary(|| {
        let path = arg_str(path, path_len, "path")?;
        let programme = arg_ref(programme, "programme")?;
        let json = arg_str(json, json_len, "json")?;
        let options = self::options(options)?;
        let out = Out::new(out, "out")?;
        let data = CampaignData::from_json(json)?;
        let store = Store::create_with(path, programme.programme.clone(), data, options)?;
        out.write(give(store));
        Ok(())
    })
}

/// Creates a store file at `path` from a saved campaign (the JSON of
/// `numconc_campaign_save_json`: programme, initial data, every event).
/// `options` may be NULL.
///
/// On success `*out` is a new store to close with `numconc_store_close`.
/// Errors: as `numconc_campaign_load_json` and `numconc_store_create`.
#[no_mangle]
pub extern "C" fn numconc_store_import_json(
    path: *const c_char,
    path_len: usize,
    json: *const c_char,
    json_len: usize,
    options: *const numconc_store_options,
    out: *mut *mut numconc_store,
) -> numconc_status {
    boundary(|| {
        let path = arg_str(path, path_len, "path")?;
        let json = arg_str(json, json_len, "json")?;
        let options = self::options(options)?;
        let out = Out::new(out, "out")?;
        let store = Store::import_json(path, json, options)?;
        out.write(give(store));
        Ok(())
    })
}

/// Opens a store file: the campaign is restored from its last snapshot and
/// the later events replayed. `options` may be NULL.
///
/// On success `*out` is a new store to close with `numconc_store_close`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_INVALID_ARGUMENT`, `NUMCONC_STORE_NOT_FOUND`,
/// `NUMCONC_STORE_LOCKED` (another store holds the file),
/// `NUMCONC_STORE_SCHEMA_NEWER`, `NUMCONC_STORE_CORRUPT` (not a store, a
/// damaged file, an event refused on replay), `NUMCONC_STORE_IO`.
#[no_mangle]
pub extern "C" fn numconc_store_open(
    path: *const c_char,
    path_len: usize,
    options: *const numconc_store_options,
    out: *mut *mut numconc_store,
) -> numconc_status {
    boundary(|| {
        let path = arg_str(path, path_len, "path")?;
        let options = self::options(options)?;
        let out = Out::new(out, "out")?;
        let store = Store::open_with(path, options)?;
        out.write(give(store));
        Ok(())
    })
}

/// Borrows the store's campaign: every query works on it, and every
/// command run on it (typed calls, `numconc_campaign_execute_json`) is on
/// disk when the call returns `NUMCONC_OK`.
///
/// On success `*out` is the campaign, owned by the store: valid until
/// `numconc_store_close`; never free it.
#[no_mangle]
pub extern "C" fn numconc_store_campaign(
    store: *mut numconc_store,
    out: *mut *mut numconc_campaign,
) -> numconc_status {
    boundary(|| {
        let store = arg_ref(store, "store")?;
        let out = Out::new(out, "out")?;
        // Every call on a campaign goes through the lock inside it: a
        // pointer derived from a shared reference is enough.
        out.write(std::ptr::from_ref(&store.campaign).cast_mut());
        Ok(())
    })
}

/// Writes a snapshot of the state after the events so far (and drops
/// older ones), so that opening does not replay them; `*out_seq` (if not
/// NULL) is the number of events it covers.
///
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_POISONED`,
/// `NUMCONC_STORE_FULL`, `NUMCONC_STORE_IO`, `NUMCONC_STORE_FAILED`.
#[no_mangle]
pub extern "C" fn numconc_store_snapshot(
    store: *mut numconc_store,
    out_seq: *mut u64,
) -> numconc_status {
    boundary(|| {
        let store = arg_ref(store, "store")?;
        let mut held = store.campaign.lock()?;
        let Some(s) = held.store_mut() else {
            return Err(Error::internal("a store without its file"));
        };
        let seq = s.snapshot()?;
        drop(held);
        OptOut::new(out_seq).write(u64::try_from(seq).unwrap_or(u64::MAX));
        Ok(())
    })
}

/// Closes a store (its campaign too) and frees it: the write-ahead log is
/// folded into the file and the lock released. Every acknowledged command
/// is on disk whatever this returns. NULL is a no-op (`NUMCONC_OK`).
///
/// Errors: `NUMCONC_STORE_IO` when SQLite could not close cleanly (the
/// handle is freed all the same).
#[no_mangle]
pub extern "C" fn numconc_store_close(store: *mut numconc_store) -> numconc_status {
    boundary(|| {
        let Some(store) = take_handle(store) else {
            return Ok(());
        };
        match store.campaign.into_held() {
            Held::Stored(s) => s.close()?,
            Held::Memory(_) => {}
        }
        Ok(())
    })
}
