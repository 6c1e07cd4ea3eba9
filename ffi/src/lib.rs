//! # libnumconc — the C ABI of numconc
//!
//! A thin layer: it converts C arguments, calls the `numconc` core and
//! converts the answers back. No rule of the domain lives here.
//!
//! The header `include/numconc.h` is generated from this crate by cbindgen
//! (`cd ffi && cbindgen -o ../include/numconc.h`); a test fails when the
//! committed header differs from what cbindgen generates now.
//!
//! Conventions, stated once in the header's preamble: opaque handles; every
//! fallible call returns a `numconc_status` and writes its out-parameters
//! only on success; every pointer is checked for NULL; strings are
//! pointer + length and checked for UTF-8; every body runs inside a panic
//! boundary; each returned object or string has exactly one free function,
//! and freeing NULL does nothing.
//!
//! The exported functions are `extern "C"` and not `unsafe fn`: C callers
//! cannot see the difference, and it keeps every dereference of a caller's
//! pointer in the few small helpers of `boundary.rs`, each with its SAFETY
//! comment. Rust code should use the `numconc` crate, not this one.

// The C ABI cannot be written without `unsafe`: the workspace denies it,
// this crate allows it, and every `unsafe` block is a small helper in
// `boundary.rs` with a SAFETY comment stating the contract it relies on.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_char;

mod boundary;
pub mod budget;
pub mod campaign;
pub mod custody;
pub mod eligibility;
pub mod import;
mod last_error;
pub mod oai;
mod panic_hook;
pub mod programme;
pub mod status;
pub mod store;
mod text;

pub use status::numconc_status;

use boundary::{boundary_or, free_string};
use status::Error;

/// Major version of the library this header belongs to.
pub const NUMCONC_VERSION_MAJOR: u32 = 0;
/// Minor version of the library this header belongs to.
pub const NUMCONC_VERSION_MINOR: u32 = 1;
/// Patch version of the library this header belongs to.
pub const NUMCONC_VERSION_PATCH: u32 = 0;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The version of the library at run time, `"MAJOR.MINOR.PATCH"`; compare
/// with the `NUMCONC_VERSION_*` macros of the header it was compiled with.
///
/// The text is static: never free it.
#[no_mangle]
pub extern "C" fn numconc_version() -> *const c_char {
    boundary_or(std::ptr::null(), || VERSION.as_ptr().cast())
}

/// The language of a message: pass one of these where a function takes
/// `uint32_t lang`.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_lang {
    /// English.
    NUMCONC_LANG_EN = 0,
    /// French.
    NUMCONC_LANG_FR = 1,
}

/// A calendar day. Used by value; `month` is 1–12, `day` 1–31. A value
/// that is not a calendar day is `NUMCONC_INVALID_ARGUMENT`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct numconc_date {
    /// Year (2026).
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl numconc_date {
    pub(crate) fn to_core(self, name: &'static str) -> Result<numconc::Date, Error> {
        numconc::Date::from_ymd_opt(self.year, self.month, self.day)
            .ok_or_else(|| Error::invalid_argument(name, "not a calendar day"))
    }

    pub(crate) fn from_core(d: numconc::Date) -> numconc_date {
        use chrono::Datelike;
        numconc_date {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        }
    }
}

/// Frees a string returned by this library (`char **out` parameters:
/// JSON and CSV exports). NULL is a no-op.
///
/// Ownership: every `char *` this library writes to an out-parameter is
/// the caller's, to be freed exactly once with this function (never with
/// `free`). Such a string is NUL-terminated UTF-8; its length, given when
/// the call takes `size_t *out_len`, counts every byte before the final NUL.
#[no_mangle]
pub extern "C" fn numconc_string_free(s: *mut c_char) {
    boundary_or((), || free_string(s));
}

/// Frees a byte buffer returned by this library (`uint8_t **out`
/// parameters: the dossier workbook). NULL is a no-op.
///
/// Ownership: every buffer this library writes to a `uint8_t **out`
/// parameter is the caller's, to be freed exactly once with this function
/// (never with `free`); its length is written to the matching `size_t *`.
#[no_mangle]
pub extern "C" fn numconc_bytes_free(bytes: *mut u8) {
    boundary_or((), || free_string(bytes.cast()));
}

/// FOR TESTS ONLY: built only with the cargo feature `test-hooks` (the C
/// tests enable it), absent from the released library and from
/// `include/numconc.h` (the tests declare it in `tests/c/test_hooks.h`).
///
/// Panics on purpose inside the library while holding the lock of
/// `campaign`, so that tests can check the panic boundary: it returns
/// `NUMCONC_PANIC`, and every later call on the same campaign returns
/// `NUMCONC_POISONED` (the handle must then be freed; freeing it is safe).
/// Returns `NUMCONC_NULL_ARGUMENT` for NULL and `NUMCONC_POISONED` for a
/// campaign already poisoned.
#[cfg(any(test, feature = "test-hooks"))]
#[no_mangle]
pub extern "C" fn numconc_test_panic(
    campaign: *const campaign::numconc_campaign,
) -> numconc_status {
    boundary::boundary(|| {
        let campaign = boundary::arg_ref(campaign, "campaign")?;
        let _guard = campaign.lock()?;
        deliberate_panic()
    })
}

#[cfg(any(test, feature = "test-hooks"))]
#[allow(clippy::panic)]
fn deliberate_panic() -> Result<(), Error> {
    panic!("numconc_test_panic: a deliberate panic for tests") // ok: test hook, caught by the boundary
}

#[cfg(test)]
mod tests;
