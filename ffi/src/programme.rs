//! Programmes: the rulebook of a campaign, a shipped preset or JSON.

use std::ffi::c_char;

use numconc::Programme;

use crate::boundary::{
    arg_ref, arg_str, boundary, free_handle, give_handle, write_string, OptOut, Out,
};
use crate::numconc_status;

/// A programme (the rulebook: eligibility, prices, funders, QC rules).
///
/// Ownership: made by `numconc_programme_preset` or
/// `numconc_programme_from_json`, owned by the caller, freed with
/// `numconc_programme_free`. `numconc_campaign_new` copies what it needs:
/// the programme may be freed right after.
///
/// Thread safety: immutable. Any number of threads may use one programme
/// at the same time; it must not be freed while a call uses it.
#[allow(non_camel_case_types)]
pub struct numconc_programme {
    pub(crate) programme: Programme,
}

/// A shipped programme by id: `"hauts-de-france"`, `"collex-persee"`,
/// `"pole-associe"` (`id` is `id_len` bytes of UTF-8, not NUL-terminated).
///
/// On success `*out` is a new programme to free with
/// `numconc_programme_free`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_UTF8`, `NUMCONC_UNKNOWN_PRESET`.
#[no_mangle]
pub extern "C" fn numconc_programme_preset(
    id: *const c_char,
    id_len: usize,
    out: *mut *mut numconc_programme,
) -> numconc_status {
    boundary(|| {
        let id = arg_str(id, id_len, "id")?;
        let out = Out::new(out, "out")?;
        let programme = Programme::preset(id)?;
        out.write(give_handle(numconc_programme { programme }));
        Ok(())
    })
}

/// A programme from a v1 Programme JSON object (`json_len` bytes of UTF-8).
///
/// On success `*out` is a new programme to free with
/// `numconc_programme_free`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_UTF8`, `NUMCONC_INVALID_VALUE` (not JSON, or every
/// problem of the object: see `numconc_last_error_issue_*`).
#[no_mangle]
pub extern "C" fn numconc_programme_from_json(
    json: *const c_char,
    json_len: usize,
    out: *mut *mut numconc_programme,
) -> numconc_status {
    boundary(|| {
        let json = arg_str(json, json_len, "json")?;
        let out = Out::new(out, "out")?;
        let programme = Programme::from_json(json)?;
        out.write(give_handle(numconc_programme { programme }));
        Ok(())
    })
}

/// The programme as a v1 JSON object.
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_programme_to_json(
    programme: *const numconc_programme,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let p = arg_ref(programme, "programme")?;
        let out = Out::new(out, "out")?;
        let text = serde_json::to_string(&p.programme.to_value())
            .map_err(|e| crate::status::Error::internal(&e.to_string()))?;
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// Frees a programme. NULL is a no-op.
#[no_mangle]
pub extern "C" fn numconc_programme_free(programme: *mut numconc_programme) {
    crate::boundary::boundary_or((), || free_handle(programme));
}
