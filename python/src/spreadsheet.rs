//! `numconc.import_proposals`: proposals from a spreadsheet (the *note
//! informative* exported to CSV), with a report per row that loses no row.

use std::path::PathBuf;

use numconc::import::{
    import_proposals as core_import, import_spreadsheet, ImportError, ImportIssue as CoreIssue,
    ImportNote as CoreNote, ImportReport as CoreReport, RowReport as CoreRow, SheetChoice,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyInt, PyList, PyString};

use crate::convert::{date_arg, document_to_py, from_json, type_name};
use crate::errors::{detached, raise};
use crate::lang;
use crate::table::{html_table, to_pandas, Cell};

fn import_error(py: Python<'_>, e: &ImportError) -> PyErr {
    raise(
        py,
        crate::errors::class_of_import(e.code_id()),
        e.code(),
        &e.message_fr(),
        &e.message_en(),
    )
}

fn pick<'a>(lang: Option<&str>, fr: &'a str, en: &'a str) -> PyResult<&'a str> {
    Ok(if lang::french(lang)? { fr } else { en })
}

/// A value converted on import (a French date form to EDTF, …).
#[pyclass(frozen, module = "numconc", name = "ImportNote")]
#[derive(Clone)]
pub struct ImportNote {
    note: CoreNote,
}

#[pymethods]
impl ImportNote {
    /// The v1 field (`date`).
    #[getter]
    fn field(&self) -> &str {
        &self.note.field
    }

    /// The value as written in the cell.
    #[getter]
    fn value(&self) -> &str {
        &self.note.value
    }

    /// What it became (empty when it was read as missing).
    #[getter]
    fn converted(&self) -> &str {
        &self.note.converted
    }

    /// The note in French.
    #[getter]
    fn message_fr(&self) -> &str {
        &self.note.message_fr
    }

    /// The note in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.note.message_en
    }

    /// The note in `lang` (`"fr"` or `"en"`; default: `numconc.get_language()`).
    #[pyo3(signature = (lang=None))]
    fn message(&self, lang: Option<&str>) -> PyResult<String> {
        pick(lang, &self.note.message_fr, &self.note.message_en).map(str::to_string)
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.ImportNote {}: {:?} → {:?}>",
            self.note.field, self.note.value, self.note.converted
        )
    }
}

/// Why a row was refused: field, value, stable code and messages.
#[pyclass(frozen, module = "numconc", name = "ImportIssue")]
#[derive(Clone)]
pub struct ImportIssue {
    issue: CoreIssue,
}

#[pymethods]
impl ImportIssue {
    /// The v1 field (`views`); empty for values under no header.
    #[getter]
    fn field(&self) -> &str {
        &self.issue.field
    }

    /// The offending value.
    #[getter]
    fn value(&self) -> &str {
        &self.issue.value
    }

    /// The stable code (`UNKNOWN_TYPOLOGY`, `INVALID_VIEWS`, …).
    #[getter]
    fn code(&self) -> &str {
        &self.issue.code
    }

    /// The message in French.
    #[getter]
    fn message_fr(&self) -> &str {
        &self.issue.message_fr
    }

    /// The message in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.issue.message_en
    }

    /// The message in `lang` (`"fr"` or `"en"`; default: `numconc.get_language()`).
    #[pyo3(signature = (lang=None))]
    fn message(&self, lang: Option<&str>) -> PyResult<String> {
        pick(lang, &self.issue.message_fr, &self.issue.message_en).map(str::to_string)
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.ImportIssue {} {}: {:?}>",
            self.issue.code, self.issue.field, self.issue.value
        )
    }
}

/// The report on one non-blank data row of the sheet.
#[pyclass(frozen, module = "numconc", name = "RowReport")]
#[derive(Clone)]
pub struct RowReport {
    row: CoreRow,
}

impl RowReport {
    fn details(&self) -> PyResult<String> {
        let mut parts = Vec::new();
        for e in &self.row.errors {
            parts.push(format!(
                "{} ({})",
                pick(None, &e.message_fr, &e.message_en)?,
                e.code
            ));
        }
        for n in &self.row.notes {
            parts.push(pick(None, &n.message_fr, &n.message_en)?.to_string());
        }
        Ok(parts.join(" ; "))
    }
}

#[pymethods]
impl RowReport {
    /// The line of the row in the file, from 1 (the header being line 1).
    #[getter]
    fn line(&self) -> usize {
        self.row.line
    }

    /// The document id, when one could be read or made.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.row.id.as_deref()
    }

    /// `ok`, `ok_with_notes` or `error`.
    #[getter]
    fn status(&self) -> &'static str {
        self.row.status.as_str()
    }

    /// The values converted on import.
    #[getter]
    fn notes(&self) -> Vec<ImportNote> {
        self.row
            .notes
            .iter()
            .map(|n| ImportNote { note: n.clone() })
            .collect()
    }

    /// The problems (empty unless `status` is `error`).
    #[getter]
    fn errors(&self) -> Vec<ImportIssue> {
        self.row
            .errors
            .iter()
            .map(|e| ImportIssue { issue: e.clone() })
            .collect()
    }

    /// The row report as a dict (`line`, `id`, `status`, `notes`, `errors`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.row.to_value())
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.RowReport line {} {}: {}>",
            self.row.line,
            self.row.id.as_deref().unwrap_or("?"),
            self.row.status.as_str()
        )
    }
}

const ROW_COLUMNS: [&str; 6] = ["line", "id", "status", "fields", "codes", "messages"];

/// The outcome of an import: the proposals (`documents`) and one report per
/// non-blank row (`rows`), in file order; no row is dropped silently.
#[pyclass(frozen, module = "numconc", name = "ImportReport")]
pub struct ImportReport {
    report: CoreReport,
}

#[pymethods]
impl ImportReport {
    /// The proposals of the rows not in error, in file order, as document
    /// dicts ready for `Campaign.propose`.
    #[getter]
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for d in &self.report.documents {
            list.append(document_to_py(py, d)?)?;
        }
        Ok(list)
    }

    /// One report per non-blank data row, in file order.
    #[getter]
    fn rows(&self) -> Vec<RowReport> {
        self.report
            .rows
            .iter()
            .map(|r| RowReport { row: r.clone() })
            .collect()
    }

    /// Blank lines ignored.
    #[getter]
    fn empty_lines(&self) -> usize {
        self.report.empty_lines
    }

    /// Headers of the columns not recognised (and so ignored), as written.
    #[getter]
    fn ignored_columns(&self) -> Vec<String> {
        self.report.ignored_columns.clone()
    }

    /// What the bytes were: `"csv"`, `"xlsx"`, `"xls"` or `"ods"`.
    #[getter]
    fn format(&self) -> &'static str {
        self.report.format.as_str()
    }

    /// The sheet read, for a workbook (else `None`).
    #[getter]
    fn sheet(&self) -> Option<&str> {
        self.report.sheet.as_deref()
    }

    /// Notes on the whole file, as dicts (`code`, `message_fr`,
    /// `message_en`): `DECODED_WINDOWS_1252` for a CSV read as Windows-1252.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for w in &self.report.warnings {
            let d = PyDict::new(py);
            d.set_item("code", &w.code)?;
            d.set_item("message_fr", &w.message_fr)?;
            d.set_item("message_en", &w.message_en)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// Whether every row imported (none in error).
    #[getter]
    fn ok(&self) -> bool {
        self.report
            .rows
            .iter()
            .all(|r| r.status != numconc::import::RowStatus::Error)
    }

    fn __len__(&self) -> usize {
        self.report.rows.len()
    }

    /// One dict per row: `line`, `id`, `status`, `fields` (the fields
    /// concerned), `codes` (error codes) and `messages` (errors, then notes,
    /// in the language of `numconc.get_language()`).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in &self.report.rows {
            let d = PyDict::new(py);
            d.set_item("line", r.line)?;
            d.set_item("id", r.id.as_deref())?;
            d.set_item("status", r.status.as_str())?;
            let mut fields: Vec<&str> = Vec::new();
            for f in r
                .errors
                .iter()
                .map(|e| e.field.as_str())
                .chain(r.notes.iter().map(|n| n.field.as_str()))
            {
                if !fields.contains(&f) {
                    fields.push(f);
                }
            }
            d.set_item("fields", fields)?;
            let codes: Vec<&str> = r.errors.iter().map(|e| e.code.as_str()).collect();
            d.set_item("codes", codes)?;
            let mut messages = Vec::new();
            for e in &r.errors {
                messages.push(pick(None, &e.message_fr, &e.message_en)?);
            }
            for n in &r.notes {
                messages.push(pick(None, &n.message_fr, &n.message_en)?);
            }
            d.set_item("messages", messages)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The records as a pandas DataFrame (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let columns: Vec<String> = ROW_COLUMNS.iter().map(|c| c.to_string()).collect();
        to_pandas(py, &self.to_records(py)?, &columns)
    }

    /// The whole report in its JSON form (`documents`, `rows`,
    /// `empty_lines`, `ignored_columns`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.report.to_value())
    }

    fn _repr_html_(&self) -> PyResult<String> {
        let fr = lang::is_french();
        let headers: Vec<String> = if fr {
            ["ligne", "identifiant", "statut", "détails"]
        } else {
            ["line", "id", "status", "details"]
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut rows = Vec::with_capacity(self.report.rows.len());
        for r in &self.report.rows {
            let row = RowReport { row: r.clone() };
            rows.push(vec![
                Cell::number(r.line.to_string()),
                Cell::text(r.id.clone().unwrap_or_default()),
                Cell::text(r.status.as_str()),
                Cell::text(row.details()?),
            ]);
        }
        let errors = self
            .report
            .rows
            .iter()
            .filter(|r| r.status == numconc::import::RowStatus::Error)
            .count();
        let caption = if fr {
            format!(
                "Import : {} ligne(s), {} proposition(s), {errors} ligne(s) en erreur",
                self.report.rows.len(),
                self.report.documents.len()
            )
        } else {
            format!(
                "Import: {} row(s), {} proposal(s), {errors} row(s) in error",
                self.report.rows.len(),
                self.report.documents.len()
            )
        };
        let mut notes = Vec::new();
        for w in &self.report.warnings {
            notes.push(if fr {
                w.message_fr.clone()
            } else {
                w.message_en.clone()
            });
        }
        if let Some(sheet) = &self.report.sheet {
            notes.push(if fr {
                format!("Feuille lue : {sheet}")
            } else {
                format!("Sheet read: {sheet}")
            });
        }
        if self.report.empty_lines > 0 {
            notes.push(if fr {
                format!("{} ligne(s) vide(s) ignorée(s)", self.report.empty_lines)
            } else {
                format!("{} blank line(s) ignored", self.report.empty_lines)
            });
        }
        if !self.report.ignored_columns.is_empty() {
            let cols = self.report.ignored_columns.join(", ");
            notes.push(if fr {
                format!("Colonnes ignorées : {cols}")
            } else {
                format!("Columns ignored: {cols}")
            });
        }
        Ok(html_table(&caption, &headers, &rows, None, &notes))
    }

    fn __repr__(&self) -> String {
        let errors = self
            .report
            .rows
            .iter()
            .filter(|r| r.status == numconc::import::RowStatus::Error)
            .count();
        format!(
            "<numconc.ImportReport {} rows, {} proposals, {errors} in error>",
            self.report.rows.len(),
            self.report.documents.len()
        )
    }
}

fn sheet_choice(sheet: Option<&Bound<'_, PyAny>>) -> PyResult<SheetChoice> {
    let Some(sheet) = sheet.filter(|s| !s.is_none()) else {
        return Ok(SheetChoice::Auto);
    };
    if let Ok(name) = sheet.cast::<PyString>() {
        return Ok(SheetChoice::Name(name.extract()?));
    }
    if sheet.cast::<PyInt>().is_ok() && !sheet.is_instance_of::<pyo3::types::PyBool>() {
        let i: i64 = sheet.extract()?;
        return usize::try_from(i).map(SheetChoice::Index).map_err(|_| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "sheet: a position counts from 0, got {i}"
            ))
        });
    }
    Err(PyTypeError::new_err(format!(
        "sheet: expected a sheet name (str) or a position from 0 (int), got {}",
        type_name(sheet)
    )))
}

/// Imports proposals from a spreadsheet: CSV text, or the bytes of a CSV
/// (`;`, `,` or tab; UTF-8, or Windows-1252 with a warning) or of a
/// workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`, recognised by content).
/// Column names in French or English: titre, auteur, date, format, nombre
/// de vues, …
///
/// Args:
///     source: the CSV as `str`, or the raw `bytes` of a CSV or a workbook.
///     institution: the institution the proposals come from.
///     proposed_on: the day of the proposals (`datetime.date`).
///     sheet: for a workbook, the sheet to read: its name (`str`) or its
///         position from 0 (`int`); default: the first sheet whose header
///         names known columns.
///
/// Returns:
///     An `ImportReport`: the proposals and one report per row.
///
/// Raises:
///     SpreadsheetError: for a problem with the whole file (no header,
///         neither UTF-8 nor Windows-1252, a required column missing, an
///         encrypted or damaged workbook, an unknown sheet, …).
///
/// Example:
///     >>> import datetime, numconc
///     >>> sheet = "Titre;Typologie;Droits;Nombre de vues;Date\nLe Progrès;Presse;Domaine public;1 200;vers 1871\n"
///     >>> report = numconc.import_proposals(sheet, institution="BM-1",
///     ...                                   proposed_on=datetime.date(2026, 2, 1))
///     >>> report.documents[0]["views"], report.documents[0]["date"]
///     (1200, '1871~')
///     >>> report.rows[0].status, report.rows[0].notes[0].message_fr
///     ('ok_with_notes', 'date « vers 1871 » convertie en « 1871~ » (EDTF)')
#[pyfunction]
#[pyo3(signature = (source, *, institution, proposed_on, sheet=None))]
pub(crate) fn import_proposals(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    institution: String,
    proposed_on: &Bound<'_, PyAny>,
    sheet: Option<&Bound<'_, PyAny>>,
) -> PyResult<ImportReport> {
    let day = date_arg(proposed_on, "proposed_on")?;
    let choice = sheet_choice(sheet)?;
    let result = if let Ok(s) = source.cast::<PyString>() {
        let text: String = s.extract()?;
        detached(py, move || core_import(&text, &institution, day))?
    } else if let Ok(b) = source.cast::<PyBytes>() {
        let bytes = b.as_bytes().to_vec();
        detached(py, move || {
            import_spreadsheet(&bytes, &institution, day, &choice)
        })?
    } else {
        return Err(PyTypeError::new_err(format!(
            "source: expected the CSV as str or bytes (of a CSV or a workbook), got {} (for a file, use import_proposals_file)",
            type_name(source)
        )));
    };
    result
        .map(|report| ImportReport { report })
        .map_err(|e| import_error(py, &e))
}

/// Imports proposals from a file: CSV or workbook, recognised by its
/// content, not by its name (see `import_proposals`).
#[pyfunction]
#[pyo3(signature = (path, *, institution, proposed_on, sheet=None))]
pub(crate) fn import_proposals_file(
    py: Python<'_>,
    path: PathBuf,
    institution: String,
    proposed_on: &Bound<'_, PyAny>,
    sheet: Option<&Bound<'_, PyAny>>,
) -> PyResult<ImportReport> {
    let day = date_arg(proposed_on, "proposed_on")?;
    let choice = sheet_choice(sheet)?;
    let result = detached(py, move || {
        std::fs::read(&path).map(|bytes| import_spreadsheet(&bytes, &institution, day, &choice))
    })??;
    result
        .map(|report| ImportReport { report })
        .map_err(|e| import_error(py, &e))
}
