//! Eligibility of one document or of all, on a day, as a result handle.

use std::ffi::c_char;

use numconc::Eligibility;
use serde_json::{Map, Value};

use crate::boundary::{
    arg_ref, arg_str, boundary, boundary_or, free_handle, give_handle, write_string, CText, OptOut,
    Out,
};
use crate::campaign::numconc_campaign;
use crate::status::{Error, Lang, Texts};
use crate::{numconc_date, numconc_status};

struct Entry {
    doc: CText,
    id: String,
    eligibility: Eligibility,
    reasons: Vec<Texts>,
    warnings: Vec<Texts>,
}

impl Entry {
    fn new(id: &str, eligibility: Eligibility) -> Entry {
        Entry {
            doc: CText::new(id),
            id: id.to_string(),
            reasons: eligibility
                .reasons
                .iter()
                .map(|r| Texts::of_reason(*r))
                .collect(),
            warnings: eligibility
                .warnings
                .iter()
                .map(|w| Texts::new(w.code(), w.message_en(), w.message_fr()))
                .collect(),
            eligibility,
        }
    }
}

/// The eligibility of documents on a day: one entry per document (one for
/// `numconc_campaign_eligibility`, every document by id for
/// `numconc_campaign_eligibility_all`).
///
/// Ownership: owned by the caller, freed with `numconc_eligibility_free`.
/// It is a copy: it stays valid after the campaign changes or is freed.
/// Every text it hands out (document ids, codes, messages) belongs to it
/// and stays valid until it is freed.
///
/// Thread safety: immutable; any number of threads may read it at once.
#[allow(non_camel_case_types)]
pub struct numconc_eligibility {
    entries: Vec<Entry>,
}

impl numconc_eligibility {
    fn entry(&self, index: usize) -> Result<&Entry, Error> {
        self.entries
            .get(index)
            .ok_or_else(|| Error::index("index", index, self.entries.len()))
    }
}

/// One entry of a `numconc_eligibility`. The texts belong to the result
/// handle (valid until `numconc_eligibility_free`; never free them).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_eligibility_entry {
    /// The document id, NUL-terminated.
    pub doc: *const c_char,
    /// Its length in bytes.
    pub doc_len: usize,
    /// Whether the document is eligible (no reason).
    pub eligible: bool,
    /// How many reasons make it not eligible (in the spec's order).
    pub reason_count: usize,
    /// How many warnings (which do not block).
    pub warning_count: usize,
}

/// A reason (or warning): its stable code and its message in the language
/// asked. Both texts are NUL-terminated and belong to the handle they come
/// from (never free them).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_reason {
    /// Stable code (`"MEMBERSHIP_MISSING"`, `"CONVENTION_ENDS_BEFORE_CAMPAIGN"`…).
    pub code: *const c_char,
    /// Message in the language asked.
    pub message: *const c_char,
}

/// The eligibility of document `doc` on `as_of`.
///
/// On success `*out` is a new result with one entry, to free with
/// `numconc_eligibility_free`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_UTF8`, `NUMCONC_INVALID_ARGUMENT` (date),
/// `NUMCONC_POISONED`, `NUMCONC_UNKNOWN_DOCUMENT`.
#[no_mangle]
pub extern "C" fn numconc_campaign_eligibility(
    campaign: *const numconc_campaign,
    as_of: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    out: *mut *mut numconc_eligibility,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let doc = arg_str(doc, doc_len, "doc")?;
        let out = Out::new(out, "out")?;
        let day = as_of.to_core("as_of")?;
        let e = campaign
            .lock()?
            .eligibility(doc, day)
            .ok_or_else(|| Error::unknown_document(doc))?;
        out.write(give_handle(numconc_eligibility {
            entries: vec![Entry::new(doc, e)],
        }));
        Ok(())
    })
}

/// The eligibility of document `doc` on `as_of` with what is wrong, as
/// JSON: `{"eligible", "reasons", "warnings"}`, each reason and warning
/// `{"code", "message_fr", "message_en", "detail"}` (the missing fields of
/// `INFORMATION_INCOMPLETE`, the agreements behind the convention reasons
/// and the warning, the limit of `VIEWS_OUT_OF_RANGE`, the deadline of
/// `PROPOSAL_LATE`).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_INVALID_ARGUMENT` (date), `NUMCONC_POISONED`,
/// `NUMCONC_UNKNOWN_DOCUMENT`.
#[no_mangle]
pub extern "C" fn numconc_campaign_explain_json(
    campaign: *const numconc_campaign,
    as_of: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let doc = arg_str(doc, doc_len, "doc")?;
        let out = Out::new(out, "out")?;
        let day = as_of.to_core("as_of")?;
        let x = campaign
            .lock()?
            .explain(doc, day)
            .ok_or_else(|| Error::unknown_document(doc))?;
        write_string(out, OptOut::new(out_len), &x.to_value().to_string());
        Ok(())
    })
}

/// The eligibility of every document on `as_of`, ordered by document id.
///
/// On success `*out` is a new result to free with
/// `numconc_eligibility_free`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_ARGUMENT` (date), `NUMCONC_POISONED`.
#[no_mangle]
pub extern "C" fn numconc_campaign_eligibility_all(
    campaign: *const numconc_campaign,
    as_of: numconc_date,
    out: *mut *mut numconc_eligibility,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let day = as_of.to_core("as_of")?;
        let entries = campaign
            .lock()?
            .eligibility_all(day)
            .into_iter()
            .map(|(id, e)| Entry::new(id, e))
            .collect();
        out.write(give_handle(numconc_eligibility { entries }));
        Ok(())
    })
}

/// The number of entries (documents), in `*out`.
#[no_mangle]
pub extern "C" fn numconc_eligibility_count(
    eligibility: *const numconc_eligibility,
    out: *mut usize,
) -> numconc_status {
    boundary(|| {
        let e = arg_ref(eligibility, "eligibility")?;
        Out::new(out, "out")?.write(e.entries.len());
        Ok(())
    })
}

/// Entry `index` (0 ≤ index < count), in `*out`. Errors:
/// `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (index).
#[no_mangle]
pub extern "C" fn numconc_eligibility_get_entry(
    eligibility: *const numconc_eligibility,
    index: usize,
    out: *mut numconc_eligibility_entry,
) -> numconc_status {
    boundary(|| {
        let e = arg_ref(eligibility, "eligibility")?;
        let out = Out::new(out, "out")?;
        let entry = e.entry(index)?;
        out.write(numconc_eligibility_entry {
            doc: entry.doc.ptr(),
            doc_len: entry.doc.len(),
            eligible: entry.eligibility.eligible(),
            reason_count: entry.reasons.len(),
            warning_count: entry.warnings.len(),
        });
        Ok(())
    })
}

fn reason_of(
    eligibility: *const numconc_eligibility,
    index: usize,
    item: usize,
    lang: u32,
    out: *mut numconc_reason,
    pick: fn(&Entry) -> &[Texts],
) -> numconc_status {
    boundary(|| {
        let e = arg_ref(eligibility, "eligibility")?;
        let out = Out::new(out, "out")?;
        let lang = Lang::arg(lang)?;
        let list = pick(e.entry(index)?);
        let t = list
            .get(item)
            .ok_or_else(|| Error::index("item", item, list.len()))?;
        out.write(numconc_reason {
            code: t.code.ptr(),
            message: t.message(lang).ptr(),
        });
        Ok(())
    })
}

/// Reason `reason` (0 ≤ reason < reason_count) of entry `index`, with its
/// message in `lang` (a `numconc_lang`), in `*out`. Errors:
/// `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (index, reason, lang).
#[no_mangle]
pub extern "C" fn numconc_eligibility_get_reason(
    eligibility: *const numconc_eligibility,
    index: usize,
    reason: usize,
    lang: u32,
    out: *mut numconc_reason,
) -> numconc_status {
    reason_of(eligibility, index, reason, lang, out, |e| &e.reasons)
}

/// Warning `warning` (0 ≤ warning < warning_count) of entry `index`, with
/// its message in `lang`, in `*out`. Errors as `numconc_eligibility_get_reason`.
#[no_mangle]
pub extern "C" fn numconc_eligibility_get_warning(
    eligibility: *const numconc_eligibility,
    index: usize,
    warning: usize,
    lang: u32,
    out: *mut numconc_reason,
) -> numconc_status {
    reason_of(eligibility, index, warning, lang, out, |e| &e.warnings)
}

/// The result as a JSON object keyed by document id, each
/// `{"eligible", "reasons", "warnings"}` (the conformance vectors' shape).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_eligibility_to_json(
    eligibility: *const numconc_eligibility,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let e = arg_ref(eligibility, "eligibility")?;
        let out = Out::new(out, "out")?;
        let map: Map<String, Value> = e
            .entries
            .iter()
            .map(|x| (x.id.clone(), x.eligibility.to_value()))
            .collect();
        let text = serde_json::to_string(&Value::Object(map))
            .map_err(|err| Error::internal(&err.to_string()))?;
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// Frees an eligibility result. NULL is a no-op.
#[no_mangle]
pub extern "C" fn numconc_eligibility_free(eligibility: *mut numconc_eligibility) {
    boundary_or((), || free_handle(eligibility));
}
