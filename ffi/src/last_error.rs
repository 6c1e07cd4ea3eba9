//! The last error of each thread, kept in C-readable form, and the calls
//! that read it.

use std::cell::RefCell;
use std::ffi::c_char;

use crate::panic_hook::boundary_or;
use crate::status::{Error, Lang, Texts};
use crate::text::CText;

/// The last error of a thread, kept in C-readable form.
struct LastError {
    code: CText,
    en: CText,
    fr: CText,
    reasons: Vec<Texts>,
    issues: Vec<(Texts, CText)>,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

pub(crate) fn clear_last_error() {
    let _ = LAST_ERROR.try_with(|l| l.replace(None));
}

pub(crate) fn set_last_error(e: Error) {
    let e = e.0;
    let last = LastError {
        code: CText::new(&e.code),
        en: CText::new(&e.en),
        fr: CText::new(&e.fr),
        reasons: e.reasons.iter().map(|r| Texts::of_reason(*r)).collect(),
        issues: e
            .issues
            .iter()
            .map(|i| {
                (
                    Texts::new(i.code.code(), &i.message_en(), &i.message_fr()),
                    CText::new(&i.path),
                )
            })
            .collect(),
    };
    let _ = LAST_ERROR.try_with(|l| l.replace(Some(last)));
}

/// Reads the last error; `None` when there is none.
fn with_last<T>(f: impl FnOnce(&LastError) -> Option<T>) -> Option<T> {
    LAST_ERROR
        .try_with(|l| l.borrow().as_ref().and_then(f))
        .ok()
        .flatten()
}

fn last_ptr(f: impl FnOnce(&LastError) -> Option<*const c_char>) -> *const c_char {
    boundary_or(std::ptr::null(), || {
        with_last(f).unwrap_or(std::ptr::null())
    })
}

/// The stable string code of this thread's last error (`"NOT_AT_PROVIDER"`,
/// `"INVALID_VALUE"`, `"NULL_ARGUMENT"`, `"PANIC"`…), or NULL when the last
/// call that returns a `numconc_status` succeeded.
///
/// Lifetime: the text belongs to the library and stays valid until the
/// next call, on the same thread, of a function that returns a
/// `numconc_status` returns. Never free it. Each thread has its own last
/// error.
#[no_mangle]
pub extern "C" fn numconc_last_error_code() -> *const c_char {
    last_ptr(|l| Some(l.code.ptr()))
}

/// The message of this thread's last error in `lang` (a `numconc_lang`),
/// or NULL when there is none or `lang` is not a `numconc_lang`.
///
/// Lifetime: as `numconc_last_error_code`.
#[no_mangle]
pub extern "C" fn numconc_last_error_message(lang: u32) -> *const c_char {
    last_ptr(|l| {
        Lang::from_c(lang).map(|lang| match lang {
            Lang::En => l.en.ptr(),
            Lang::Fr => l.fr.ptr(),
        })
    })
}

/// How many eligibility reasons the last error carries (a
/// `NUMCONC_NOT_ELIGIBLE` refusal of `select`); 0 otherwise.
#[no_mangle]
pub extern "C" fn numconc_last_error_reason_count() -> usize {
    boundary_or(0, || with_last(|l| Some(l.reasons.len())).unwrap_or(0))
}

/// The stable code of reason `index` of the last error
/// (`"MEMBERSHIP_MISSING"`…), in the spec's order; NULL when out of range.
///
/// Lifetime: as `numconc_last_error_code`.
#[no_mangle]
pub extern "C" fn numconc_last_error_reason_code(index: usize) -> *const c_char {
    last_ptr(|l| l.reasons.get(index).map(|r| r.code.ptr()))
}

/// The message of reason `index` of the last error in `lang`; NULL when
/// out of range or `lang` is not a `numconc_lang`.
///
/// Lifetime: as `numconc_last_error_code`.
#[no_mangle]
pub extern "C" fn numconc_last_error_reason_message(index: usize, lang: u32) -> *const c_char {
    last_ptr(|l| {
        let lang = Lang::from_c(lang)?;
        l.reasons.get(index).map(|r| r.message(lang).ptr())
    })
}

/// How many data issues the last error carries (an `NUMCONC_INVALID_VALUE`
/// error: one per problem found in the data); 0 otherwise.
#[no_mangle]
pub extern "C" fn numconc_last_error_issue_count() -> usize {
    boundary_or(0, || with_last(|l| Some(l.issues.len())).unwrap_or(0))
}

/// The stable code of issue `index` of the last error (`"INVALID_EDTF"`,
/// `"UNKNOWN_FIELD"`…); NULL when out of range.
///
/// Lifetime: as `numconc_last_error_code`.
#[no_mangle]
pub extern "C" fn numconc_last_error_issue_code(index: usize) -> *const c_char {
    last_ptr(|l| l.issues.get(index).map(|i| i.0.code.ptr()))
}

/// The field path of issue `index` of the last error
/// (`"documents[3].date"`; empty for the whole text); NULL when out of range.
///
/// Lifetime: as `numconc_last_error_code`.
#[no_mangle]
pub extern "C" fn numconc_last_error_issue_path(index: usize) -> *const c_char {
    last_ptr(|l| l.issues.get(index).map(|i| i.1.ptr()))
}

/// The message of issue `index` of the last error in `lang`; NULL when out
/// of range or `lang` is not a `numconc_lang`.
///
/// Lifetime: as `numconc_last_error_code`.
#[no_mangle]
pub extern "C" fn numconc_last_error_issue_message(index: usize, lang: u32) -> *const c_char {
    last_ptr(|l| {
        let lang = Lang::from_c(lang)?;
        l.issues.get(index).map(|i| i.0.message(lang).ptr())
    })
}
