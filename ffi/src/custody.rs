//! The custody report: every document at a provider on a day.

use std::ffi::c_char;

use numconc::lifecycle::custody::CustodyEntry;
use serde_json::Value;

use crate::boundary::{
    arg_ref, boundary, boundary_or, free_handle, give_handle, write_string, CText, OptOut, Out,
};
use crate::campaign::numconc_campaign;
use crate::status::Error;
use crate::{numconc_date, numconc_status};

struct Entry {
    entry: CustodyEntry,
    doc: CText,
    shipment: CText,
    provider: CText,
}

/// The custody report on a day: every document at a provider, by document
/// id, with its shipment, provider, since-date, days out and whether it is
/// overdue.
///
/// Ownership: owned by the caller, freed with
/// `numconc_custody_report_free`. It is a copy: it stays valid after the
/// campaign changes or is freed. Its texts belong to it.
///
/// Thread safety: immutable; any number of threads may read it at once.
#[allow(non_camel_case_types)]
pub struct numconc_custody_report {
    entries: Vec<Entry>,
}

/// One document at a provider. Texts belong to the report.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_custody_entry {
    /// Document id, NUL-terminated.
    pub doc: *const c_char,
    /// Its length in bytes.
    pub doc_len: usize,
    /// Shipment id, NUL-terminated.
    pub shipment: *const c_char,
    /// Its length in bytes.
    pub shipment_len: usize,
    /// Provider, NUL-terminated.
    pub provider: *const c_char,
    /// Its length in bytes.
    pub provider_len: usize,
    /// At the provider since this day.
    pub since: numconc_date,
    /// Days out on the report day.
    pub days_out: i64,
    /// More than the programme's `max_days_at_provider` days out.
    pub overdue: bool,
}

/// The custody report on `as_of`.
///
/// On success `*out` is a new report to free with
/// `numconc_custody_report_free`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_ARGUMENT` (date), `NUMCONC_POISONED`.
#[no_mangle]
pub extern "C" fn numconc_campaign_custody_report(
    campaign: *const numconc_campaign,
    as_of: numconc_date,
    out: *mut *mut numconc_custody_report,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let day = as_of.to_core("as_of")?;
        let entries = campaign
            .lock()?
            .custody_report(day)
            .into_iter()
            .map(|entry| Entry {
                doc: CText::new(&entry.doc),
                shipment: CText::new(&entry.shipment),
                provider: CText::new(&entry.provider),
                entry,
            })
            .collect();
        out.write(give_handle(numconc_custody_report { entries }));
        Ok(())
    })
}

/// The number of documents at a provider, in `*out`.
#[no_mangle]
pub extern "C" fn numconc_custody_report_count(
    report: *const numconc_custody_report,
    out: *mut usize,
) -> numconc_status {
    boundary(|| {
        let r = arg_ref(report, "report")?;
        Out::new(out, "out")?.write(r.entries.len());
        Ok(())
    })
}

/// Entry `index`, in `*out`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_ARGUMENT` (index).
#[no_mangle]
pub extern "C" fn numconc_custody_report_get_entry(
    report: *const numconc_custody_report,
    index: usize,
    out: *mut numconc_custody_entry,
) -> numconc_status {
    boundary(|| {
        let r = arg_ref(report, "report")?;
        let out = Out::new(out, "out")?;
        let e = r
            .entries
            .get(index)
            .ok_or_else(|| Error::index("index", index, r.entries.len()))?;
        out.write(numconc_custody_entry {
            doc: e.doc.ptr(),
            doc_len: e.doc.len(),
            shipment: e.shipment.ptr(),
            shipment_len: e.shipment.len(),
            provider: e.provider.ptr(),
            provider_len: e.provider.len(),
            since: numconc_date::from_core(e.entry.since),
            days_out: e.entry.days_out,
            overdue: e.entry.overdue,
        });
        Ok(())
    })
}

/// The report as a JSON array of `{"doc", "shipment", "provider", "since",
/// "days_out", "overdue"}` (the conformance vectors' shape).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_custody_report_to_json(
    report: *const numconc_custody_report,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let r = arg_ref(report, "report")?;
        let out = Out::new(out, "out")?;
        let v = Value::Array(r.entries.iter().map(|e| e.entry.to_value()).collect());
        let text = serde_json::to_string(&v).map_err(|e| Error::internal(&e.to_string()))?;
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// Frees a custody report. NULL is a no-op.
#[no_mangle]
pub extern "C" fn numconc_custody_report_free(report: *mut numconc_custody_report) {
    boundary_or((), || free_handle(report));
}
