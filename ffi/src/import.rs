//! Import of proposals from a spreadsheet (the *note informative*): the
//! bytes of a CSV or of a workbook, recognised by content.

use std::ffi::c_char;

use numconc::import::{import_spreadsheet, ImportReport, RowStatus, SheetChoice};

use crate::boundary::{
    arg_ref, arg_slice, arg_str, boundary, boundary_or, free_handle, give_handle, write_string,
    OptOut, Out,
};
use crate::{numconc_date, numconc_status};

/// The outcome of an import: the proposals and one report per non-blank
/// row (see `numconc_import_proposals`).
///
/// Ownership: made by `numconc_import_proposals`, owned by the caller,
/// freed with `numconc_import_report_free`.
///
/// Thread safety: immutable. Any number of threads may read one report at
/// the same time; it must not be freed while a call uses it.
#[allow(non_camel_case_types)]
pub struct numconc_import_report {
    report: ImportReport,
}

/// Imports proposals for `institution` (`institution_len` bytes of UTF-8),
/// proposed on `proposed_on`, from `bytes` (`len` bytes): a CSV (`;`, `,`
/// or tab; UTF-8, or Windows-1252 with a `DECODED_WINDOWS_1252` warning)
/// or a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`), recognised by its
/// content. `sheet` (`sheet_len` bytes of UTF-8) names the sheet of a
/// workbook to read; NULL: the first sheet whose header names known
/// columns.
///
/// On success `*out` is a new report to free with
/// `numconc_import_report_free`; a row in error is in the report, not an
/// error of the call. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_UTF8`, `NUMCONC_INVALID_ARGUMENT`, and the import's
/// own statuses (300–310: `NUMCONC_NO_HEADER`, `NUMCONC_WORKBOOK_CORRUPT`,
/// …; messages by `numconc_last_error_message`).
#[no_mangle]
pub extern "C" fn numconc_import_proposals(
    bytes: *const u8,
    len: usize,
    institution: *const c_char,
    institution_len: usize,
    proposed_on: numconc_date,
    sheet: *const c_char,
    sheet_len: usize,
    out: *mut *mut numconc_import_report,
) -> numconc_status {
    boundary(|| {
        let bytes = arg_slice(bytes, len, "bytes")?;
        let institution = arg_str(institution, institution_len, "institution")?;
        let day = proposed_on.to_core("proposed_on")?;
        let choice = if sheet.is_null() {
            SheetChoice::Auto
        } else {
            SheetChoice::Name(arg_str(sheet, sheet_len, "sheet")?.to_string())
        };
        let out = Out::new(out, "out")?;
        let report = import_spreadsheet(bytes, institution, day, &choice)?;
        out.write(give_handle(numconc_import_report { report }));
        Ok(())
    })
}

/// The numbers of the report: proposals made (`*documents`), non-blank
/// rows (`*rows`) and rows in error (`*errors`); each out-parameter may be
/// NULL.
#[no_mangle]
pub extern "C" fn numconc_import_report_counts(
    report: *const numconc_import_report,
    documents: *mut usize,
    rows: *mut usize,
    errors: *mut usize,
) -> numconc_status {
    boundary(|| {
        let r = &arg_ref(report, "report")?.report;
        let in_error = r
            .rows
            .iter()
            .filter(|row| row.status == RowStatus::Error)
            .count();
        OptOut::new(documents).write(r.documents.len());
        OptOut::new(rows).write(r.rows.len());
        OptOut::new(errors).write(in_error);
        Ok(())
    })
}

/// The proposals as a JSON array of v1 Document objects, ready for
/// `numconc_campaign_execute_json` (`{"type": "propose", …}`).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_import_report_documents_json(
    report: *const numconc_import_report,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let r = &arg_ref(report, "report")?.report;
        let out = Out::new(out, "out")?;
        let docs: Vec<serde_json::Value> = r.documents.iter().map(|d| d.to_value()).collect();
        let text = serde_json::Value::Array(docs).to_string();
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// The whole report as JSON: `documents`, `rows` (line, id, status, notes,
/// errors with code and French and English messages), `empty_lines`,
/// `ignored_columns`, `format` (`csv`, `xlsx`, `xls`, `ods`), `sheet`,
/// `warnings`.
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_import_report_to_json(
    report: *const numconc_import_report,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let r = &arg_ref(report, "report")?.report;
        let out = Out::new(out, "out")?;
        write_string(out, OptOut::new(out_len), &r.to_value().to_string());
        Ok(())
    })
}

/// Frees an import report. NULL is a no-op.
#[no_mangle]
pub extern "C" fn numconc_import_report_free(report: *mut numconc_import_report) {
    boundary_or((), || free_handle(report));
}
