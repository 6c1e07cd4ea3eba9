//! Import of proposals from a spreadsheet: the *note informative*
//! (`spec/import.md`).
//!
//! Partners send their proposals as a spreadsheet exported to CSV. The import
//! turns that text into [`Document`] proposals and a report with one entry
//! per row. It is pure: text in, proposals and a report out.
//!
//! # The file
//! - A workbook, recognised by its content ([`import_spreadsheet`]):
//!   `.xlsx`/`.xlsm`, `.xls`, `.ods` (read with `calamine`). The sheet is the
//!   first one whose first non-blank row names a known column, or the one
//!   chosen by name or position ([`SheetChoice`]). Cells keep their meaning:
//!   a number is read as the number (`1200`; a year `1871` stays a year), a
//!   date cell as `YYYY-MM-DD`, a boolean as yes/no; then the rules below
//!   apply to the cells as to CSV fields, and a row's line is the row number
//!   the spreadsheet shows. Encrypted (`WORKBOOK_ENCRYPTED`), unreadable
//!   (`WORKBOOK_CORRUPT`), without a sheet with a header
//!   (`NO_SHEET_WITH_HEADER`), a sheet asked for that is not there
//!   (`UNKNOWN_SHEET`): nothing is imported.
//! - CSV: UTF-8, with or without a BOM; bytes that are not UTF-8 are read
//!   as Windows-1252 (French Excel's "CSV (séparateur : point-virgule)")
//!   with a `DECODED_WINDOWS_1252` warning on the report; bytes that are
//!   neither (control characters, bytes Windows-1252 leaves undefined) are
//!   `NOT_UTF8` ([`import_proposals_bytes`]).
//! - Separator `;`, `,` or tab (a paste from Excel), detected from the
//!   header line (the one that is most frequent outside quotes; `;` on a
//!   tie, then `,`). Quoted fields as RFC 4180
//!   (`""` inside quotes is one `"`; a quoted field may span lines). Line
//!   ends `\n`, `\r\n` or `\r`.
//! - The header is the first non-blank line. Column names are compared
//!   without case, accents, spaces or punctuation, in French or English:
//!
//! | field | accepted headers |
//! |---|---|
//! | `id` | identifiant, identifier, id, n°, no, numéro |
//! | `shelfmark` | cote, shelfmark, call number |
//! | `title` | titre, title, intitulé |
//! | `author` | auteur, auteurs, author, authors |
//! | `date` | date, dates |
//! | `typology` | typologie, type, typology |
//! | `format` | format |
//! | `views` | nombre de vues, nombre vues, nb de vues, nb vues, vues, views, number of views |
//! | `themes` | thèmes, thème, themes, theme |
//! | `rights` | droits, statut juridique, rights |
//! | `targets` | diffusion, mise en ligne, targets |
//! | `fragile` | fragile |
//! | `ocr` | ocr |
//! | `insured_value` | valeur d'assurance, valeur, insured value |
//! | `existing_digitization` | déjà numérisé, numérisation existante, existing digitization (or digitisation) |
//!
//!   Other columns are ignored and listed in [`ImportReport::ignored_columns`].
//!   A column with a blank header must stay empty: a value under no header
//!   (or beyond the last one) makes its row `EXTRA_CELLS`, as it is most often
//!   a separator typed in a cell without quotes. Two columns for the
//!   same field are `DUPLICATE_COLUMN`; no `typology` or no `rights` column
//!   is `MISSING_COLUMN` (every row would be refused).
//!
//! # Rows
//! Every non-blank line after the header is one row of the report, in file
//! order, with its 1-based line number in the file (the header being line 1
//! when the file starts with it). A blank line (nothing but spaces and
//! separators) is ignored and counted in [`ImportReport::empty_lines`].
//! A row is `ok`, `ok_with_notes` (a value was converted: the note says from
//! what to what) or `error`: then every problem of the row is listed (field,
//! value, stable code, French and English message) and no document is made
//! from it. The other rows still import.
//!
//! - `id`: from the `id` column (a blank cell there is `MISSING_ID`), or,
//!   when the sheet has no `id` column, `<institution>-<n>` where `n` numbers
//!   the non-blank data rows from 1 (rows in error included, so an id does
//!   not change when another row is corrected). An id already used by an
//!   earlier row of the file is `DUPLICATE_ID` on the later row.
//! - `institution` and `proposed_on` come from the call.
//! - Missing information (blank title, author, date, format, views) is not an
//!   error: the proposal is incomplete and eligibility says so. An author
//!   `Anonyme` stays as written.
//! - `typology` (required): the vocabulary word or the French or English
//!   label (`Presse`, `Revues`, `Périodiques scientifiques`, `Imprimés`,
//!   `Livres`, `Thèses`, `Manuscrits`, `Archives`, `Cartes et plans`,
//!   `Cartes postales`, `Photographies`…).
//! - `rights` (required): `domaine public`, `droits levés`, `autorisé`,
//!   `protégé` or the vocabulary word.
//! - `format`: `A4`…`A0` (any case), `oversize`, `hors format`.
//! - `views`: `1200`, `1 200` (space, no-break space, narrow no-break space
//!   or thin space between groups of three digits).
//! - `themes`, `targets`: lists separated by `,`, `;` or `/`; themes
//!   `intérêt régional`, `rare et précieux` or the vocabulary words; targets
//!   are free words, lower-cased (`Gallica` → `gallica`). Repeats are dropped.
//! - `fragile`, `ocr`: oui/non, yes/no, x/empty, 1/0, vrai/faux, true/false.
//! - `insured_value`: `1500`, `1 500,00`, `1500.00`, `1500 €`, `1.500,00`;
//!   empty is `0.00`.
//! - `existing_digitization`: kept as written; a blank cell or a *no*
//!   (`non`, `no`, `0`, `faux`, `false`) means none.
//! - `date`: an EDTF date of domain.md §3 is kept as written. Common forms
//!   are converted, with a note: `vers 1850`, `ca. 1850`, `circa 1850`,
//!   `env. 1850` → `1850~`; `1850 ?` → `1850?`; `vers 1850 ?` → `1850%`;
//!   `XIXe siècle`, `19e s.`, `XIXème`, `19th century` → `18XX`;
//!   `années 1850`, `1850s` → `185X`; `1850-1860`, `1850 - 1860`,
//!   `entre 1850 et 1860`, `de 1850 à 1860` → `1850/1860`; `12/03/1850` →
//!   `1850-03-12`; `03/1850` → `1850-03`; `[1850]` → `1850`. `s.d.`,
//!   `sans date`, `n.d.`, `?` are read as *no date*, with a note.

mod encoding;
mod workbook;

use std::collections::HashMap;

use serde_json::Value;

use crate::campaign_data::Document;
use crate::codes::RowCode;
use crate::format::json::Out;
use crate::values::edtf::DocDate;
use crate::values::identifiers::institution_id_valid;
use crate::values::money::Money;
use crate::values::vocabulary::{Format, Rights, Theme, Typology};
use crate::Date;

/// A file-level problem: nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The institution given with the call is blank, or starts with `FR-`
    /// without being an ISIL.
    InvalidInstitution(String),
    /// The bytes are not UTF-8 (a Windows-1252 export, for instance).
    NotUtf8 {
        /// The line of the first invalid byte, from 1.
        line: usize,
    },
    /// Nothing but blank lines.
    EmptyFile,
    /// The first non-blank line names no known column.
    NoHeader {
        /// The line read as the header.
        line: usize,
    },
    /// A required column (`typology`, `rights`) is absent.
    MissingColumn(Vec<String>),
    /// Two columns name the same field.
    DuplicateColumn {
        /// The v1 field (`views`).
        field: String,
        /// The first header, as written.
        first: String,
        /// The second header, as written.
        second: String,
    },
    /// A quoted field is not closed before the end of the text.
    CsvSyntax {
        /// The line where the quoted field opens.
        line: usize,
    },
    /// The workbook is protected by a password.
    WorkbookEncrypted,
    /// The bytes look like a workbook (a zip or OLE container) that cannot
    /// be read.
    WorkbookCorrupt {
        /// What the reader said, in English, for a developer (not in the messages).
        detail: String,
    },
    /// No sheet of the workbook has a header line naming known columns.
    NoSheetWithHeader {
        /// The sheets of the workbook, in order.
        sheets: Vec<String>,
    },
    /// The sheet asked for is not in the workbook.
    UnknownSheet {
        /// The sheet asked for (its name, or its position from 1).
        asked: String,
        /// The sheets of the workbook, in order.
        sheets: Vec<String>,
    },
}

impl ImportError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code_id().code()
    }

    /// The code, as an entry of the table of codes.
    #[must_use]
    pub fn code_id(&self) -> crate::codes::ImportCode {
        use crate::codes::ImportCode;
        match self {
            ImportError::InvalidInstitution(_) => ImportCode::InvalidInstitution,
            ImportError::NotUtf8 { .. } => ImportCode::NotUtf8,
            ImportError::EmptyFile => ImportCode::EmptyFile,
            ImportError::NoHeader { .. } => ImportCode::NoHeader,
            ImportError::MissingColumn(_) => ImportCode::MissingColumn,
            ImportError::DuplicateColumn { .. } => ImportCode::DuplicateColumn,
            ImportError::CsvSyntax { .. } => ImportCode::CsvSyntax,
            ImportError::WorkbookEncrypted => ImportCode::WorkbookEncrypted,
            ImportError::WorkbookCorrupt { .. } => ImportCode::WorkbookCorrupt,
            ImportError::NoSheetWithHeader { .. } => ImportCode::NoSheetWithHeader,
            ImportError::UnknownSheet { .. } => ImportCode::UnknownSheet,
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        match self {
            ImportError::InvalidInstitution(i) => {
                format!("identifiant d'établissement invalide : « {i} »")
            }
            ImportError::NotUtf8 { line } => format!(
                "le fichier n'est ni en UTF-8 ni en Windows-1252 (ligne {line}) : l'enregistrer au format « CSV UTF-8 »"
            ),
            ImportError::EmptyFile => "le fichier est vide".into(),
            ImportError::NoHeader { line } => format!(
                "ligne d'en-tête absente : la ligne {line} ne nomme aucune colonne connue (titre, auteur, date, typologie, droits…)"
            ),
            ImportError::MissingColumn(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| label_fr(f)).collect();
                format!(
                    "colonne obligatoire absente : {}",
                    names.join(", ")
                )
            }
            ImportError::DuplicateColumn {
                field,
                first,
                second,
            } => format!(
                "les colonnes « {first} » et « {second} » désignent toutes deux le champ {}",
                label_fr(field)
            ),
            ImportError::CsvSyntax { line } => format!(
                "guillemets ouverts à la ligne {line} et jamais fermés"
            ),
            ImportError::WorkbookEncrypted => {
                "classeur protégé par un mot de passe : l'enregistrer sans mot de passe".into()
            }
            ImportError::WorkbookCorrupt { .. } => {
                "classeur illisible ou endommagé : l'ouvrir et l'enregistrer de nouveau (xlsx ou ods)"
                    .into()
            }
            ImportError::NoSheetWithHeader { sheets } => format!(
                "aucune feuille du classeur ({}) n'a de ligne d'en-tête nommant des colonnes connues (titre, auteur, date, typologie, droits…)",
                quoted_fr(sheets)
            ),
            ImportError::UnknownSheet { asked, sheets } => format!(
                "feuille « {asked} » introuvable ; feuilles du classeur : {}",
                quoted_fr(sheets)
            ),
        }
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        match self {
            ImportError::InvalidInstitution(i) => format!("invalid institution id: \"{i}\""),
            ImportError::NotUtf8 { line } => format!(
                "the file is neither UTF-8 nor Windows-1252 (line {line}): save it as \"CSV UTF-8\""
            ),
            ImportError::EmptyFile => "the file is empty".into(),
            ImportError::NoHeader { line } => format!(
                "no header line: line {line} names no known column (title, author, date, typology, rights…)"
            ),
            ImportError::MissingColumn(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| label_en(f)).collect();
                format!("required column missing: {}", names.join(", "))
            }
            ImportError::DuplicateColumn {
                field,
                first,
                second,
            } => format!(
                "columns \"{first}\" and \"{second}\" both name the field {}",
                label_en(field)
            ),
            ImportError::CsvSyntax { line } => {
                format!("quotes opened on line {line} are never closed")
            }
            ImportError::WorkbookEncrypted => {
                "workbook protected by a password: save it without a password".into()
            }
            ImportError::WorkbookCorrupt { .. } => {
                "workbook unreadable or damaged: open it and save it again (xlsx or ods)".into()
            }
            ImportError::NoSheetWithHeader { sheets } => format!(
                "no sheet of the workbook ({}) has a header line naming known columns (title, author, date, typology, rights…)",
                quoted_en(sheets)
            ),
            ImportError::UnknownSheet { asked, sheets } => format!(
                "sheet \"{asked}\" not found; sheets of the workbook: {}",
                quoted_en(sheets)
            ),
        }
    }
}

fn quoted_fr(names: &[String]) -> String {
    let v: Vec<String> = names.iter().map(|n| format!("« {n} »")).collect();
    if v.is_empty() {
        "aucune feuille".into()
    } else {
        v.join(", ")
    }
}

fn quoted_en(names: &[String]) -> String {
    let v: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    if v.is_empty() {
        "no sheet".into()
    } else {
        v.join(", ")
    }
}

/// What the imported bytes were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceFormat {
    /// CSV text (or text given as a string).
    Csv,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// A legacy Excel workbook (`.xls`, BIFF in an OLE container).
    Xls,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
}

impl SourceFormat {
    /// The stable name: `csv`, `xlsx`, `xls`, `ods`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Csv => "csv",
            SourceFormat::Xlsx => "xlsx",
            SourceFormat::Xls => "xls",
            SourceFormat::Ods => "ods",
        }
    }
}

/// Which sheet of a workbook to import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SheetChoice {
    /// The first sheet whose first non-blank row names known columns.
    #[default]
    Auto,
    /// The sheet of that name (compared exactly, then without case).
    Name(String),
    /// The sheet at that position, from 0.
    Index(usize),
}

/// A note on the whole file: it was imported, but read in a way the
/// coordinator should know (a Windows-1252 CSV, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// The stable code (`DECODED_WINDOWS_1252`).
    pub code: String,
    /// The note in French.
    pub message_fr: String,
    /// The note in English.
    pub message_en: String,
}

impl ImportWarning {
    fn to_value(&self) -> Value {
        Out::new()
            .put("code", self.code.as_str())
            .put("message_fr", self.message_fr.as_str())
            .put("message_en", self.message_en.as_str())
            .build()
    }
}

/// The outcome of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowStatus {
    /// Imported as written.
    Ok,
    /// Imported; some values were converted (see the notes).
    OkWithNotes,
    /// Not imported (see the errors).
    Error,
}

impl RowStatus {
    /// The stable name: `ok`, `ok_with_notes`, `error`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Ok => "ok",
            RowStatus::OkWithNotes => "ok_with_notes",
            RowStatus::Error => "error",
        }
    }
}

/// A value that was converted on import (a French date form to EDTF…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    /// The v1 field (`date`).
    pub field: String,
    /// The value as written in the cell (surrounding spaces removed).
    pub value: String,
    /// What it became (empty when it was read as missing).
    pub converted: String,
    /// The note in French.
    pub message_fr: String,
    /// The note in English.
    pub message_en: String,
}

/// Why a row was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    /// The v1 field (`views`); empty for `EXTRA_CELLS` (values under no header).
    pub field: String,
    /// The offending value (surrounding spaces removed).
    pub value: String,
    /// The stable code: `MISSING_ID`, `DUPLICATE_ID`, `MISSING_TYPOLOGY`,
    /// `UNKNOWN_TYPOLOGY`, `MISSING_RIGHTS`, `UNKNOWN_RIGHTS`,
    /// `UNKNOWN_FORMAT`, `INVALID_VIEWS`, `INVALID_DATE`, `INVALID_MONEY`,
    /// `INVALID_BOOLEAN`, `UNKNOWN_THEME`, `EXTRA_CELLS`; or the
    /// [`crate::IssueCode`] of the core's own validation, should it refuse
    /// the document made from the row.
    pub code: String,
    /// The message in French.
    pub message_fr: String,
    /// The message in English.
    pub message_en: String,
}

/// The report on one non-blank data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowReport {
    /// The line of the row in the file, from 1 (the header is line 1).
    pub line: usize,
    /// The document id, when one could be read or made.
    pub id: Option<String>,
    /// The outcome.
    pub status: RowStatus,
    /// The values converted (also kept for a row in error).
    pub notes: Vec<ImportNote>,
    /// The problems (empty unless `status` is `Error`).
    pub errors: Vec<ImportIssue>,
}

/// The outcome of an import: the proposals and a report per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The documents of the rows not in error, in file order.
    pub documents: Vec<Document>,
    /// One entry per non-blank data row, in file order.
    pub rows: Vec<RowReport>,
    /// Blank lines ignored (before or after the header).
    pub empty_lines: usize,
    /// Headers of the columns that were not recognised (and so ignored), as written.
    pub ignored_columns: Vec<String>,
    /// What the bytes were (`Csv` for text).
    pub format: SourceFormat,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// Notes on the whole file (a Windows-1252 CSV, …).
    pub warnings: Vec<ImportWarning>,
}

impl ImportNote {
    fn to_value(&self) -> Value {
        Out::new()
            .put("field", self.field.as_str())
            .put("value", self.value.as_str())
            .put("converted", self.converted.as_str())
            .put("message_fr", self.message_fr.as_str())
            .put("message_en", self.message_en.as_str())
            .build()
    }
}

impl ImportIssue {
    fn to_value(&self) -> Value {
        Out::new()
            .put("field", self.field.as_str())
            .put("value", self.value.as_str())
            .put("code", self.code.as_str())
            .put("message_fr", self.message_fr.as_str())
            .put("message_en", self.message_en.as_str())
            .build()
    }
}

impl RowReport {
    /// The row report as JSON: `line`, `id` (or null), `status`, `notes`, `errors`.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put("line", self.line)
            .put("id", self.id.as_deref().map_or(Value::Null, Value::from))
            .put("status", self.status.as_str())
            .put(
                "notes",
                self.notes
                    .iter()
                    .map(ImportNote::to_value)
                    .collect::<Vec<_>>(),
            )
            .put(
                "errors",
                self.errors
                    .iter()
                    .map(ImportIssue::to_value)
                    .collect::<Vec<_>>(),
            )
            .build()
    }
}

impl ImportReport {
    /// The report as JSON: `documents` (v1 objects), `rows`, `empty_lines`,
    /// `ignored_columns`, `format`, `sheet` (or null), `warnings`.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Out::new()
            .put(
                "documents",
                self.documents
                    .iter()
                    .map(Document::to_value)
                    .collect::<Vec<_>>(),
            )
            .put(
                "rows",
                self.rows
                    .iter()
                    .map(RowReport::to_value)
                    .collect::<Vec<_>>(),
            )
            .put("empty_lines", self.empty_lines)
            .put("ignored_columns", self.ignored_columns.clone())
            .put("format", self.format.as_str())
            .put(
                "sheet",
                self.sheet.as_deref().map_or(Value::Null, Value::from),
            )
            .put(
                "warnings",
                self.warnings
                    .iter()
                    .map(ImportWarning::to_value)
                    .collect::<Vec<_>>(),
            )
            .build()
    }
}

/// Imports proposals from the bytes of a CSV file: UTF-8 (BOM allowed) or,
/// when the bytes are not UTF-8, Windows-1252 (what French Excel writes for
/// "CSV (séparateur : point-virgule)"), with a `DECODED_WINDOWS_1252`
/// warning on the report.
///
/// # Errors
/// `NOT_UTF8` with the line of the first byte that is neither (a control
/// character, a byte Windows-1252 does not define), or any error of
/// [`import_proposals`].
pub fn import_proposals_bytes(
    bytes: &[u8],
    institution: &str,
    proposed_on: Date,
) -> Result<ImportReport, ImportError> {
    let (text, warning) = encoding::decode(bytes)?;
    let mut report = import_proposals(&text, institution, proposed_on)?;
    report.warnings.extend(warning);
    Ok(report)
}

/// Imports proposals from the bytes of any spreadsheet the partners send,
/// recognised by its content, not by its name: an `.xlsx`/`.xlsm` or `.ods`
/// workbook (a zip), an `.xls` workbook (an OLE container), or else CSV text
/// ([`import_proposals_bytes`]). For a workbook, `sheet` says which sheet
/// to read; typed cells keep their meaning (see the module documentation).
///
/// # Errors
/// `WORKBOOK_ENCRYPTED`, `WORKBOOK_CORRUPT`, `NO_SHEET_WITH_HEADER`,
/// `UNKNOWN_SHEET` for a workbook, or any error of the CSV import.
pub fn import_spreadsheet(
    bytes: &[u8],
    institution: &str,
    proposed_on: Date,
    sheet: &SheetChoice,
) -> Result<ImportReport, ImportError> {
    match workbook::sniff(bytes) {
        Some(format) => {
            check_institution(institution)?;
            let (name, records) = workbook::read(bytes, format, sheet)?;
            let mut report = import_records(records, None, institution, proposed_on)?;
            report.format = format;
            report.sheet = Some(name);
            Ok(report)
        }
        None => import_proposals_bytes(bytes, institution, proposed_on),
    }
}

fn check_institution(institution: &str) -> Result<(), ImportError> {
    if institution.trim().is_empty() || !institution_id_valid(institution) {
        return Err(ImportError::InvalidInstitution(institution.to_string()));
    }
    Ok(())
}

fn count_line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut previous_cr = false;
    for &b in bytes {
        if b == b'\r' || (b == b'\n' && !previous_cr) {
            n += 1;
        }
        previous_cr = b == b'\r';
    }
    n
}

/// Imports proposals from the text of a CSV file (a *note informative*) for
/// `institution`, proposed on `proposed_on`. See the module documentation.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{import_proposals, Date};
/// let csv = "Titre;Auteur;Date;Typologie;Format;Nombre de vues;Droits\n\
///            Le Progrès de la Somme;Collectif;1871;Presse;A2;1 200;domaine public\n\
///            Carte du Ponthieu;;XVIIIe siècle;Cartes et plans;A0;deux cents;domaine public\n";
/// let report = import_proposals(csv, "FR-801216101", Date::from_ymd_opt(2026, 2, 10).ok_or("day")?)?;
/// assert_eq!(report.documents.len(), 1);          // the first row
/// assert_eq!(report.rows[1].errors[0].code, "INVALID_VIEWS"); // the second, with its line
/// assert_eq!(report.rows[1].line, 3);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// [`ImportError`] for a problem with the whole file; a problem with a row
/// is reported in that row of the [`ImportReport`].
pub fn import_proposals(
    text: &str,
    institution: &str,
    proposed_on: Date,
) -> Result<ImportReport, ImportError> {
    check_institution(institution)?;
    // One byte-order mark is skipped (the csv crate skips it too, and only
    // one: a second is text, as before the crate).
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = detect_separator(body).ok_or(ImportError::EmptyFile)?;
    let records = parse_csv(text, sep)?;
    import_records(records, Some(sep), institution, proposed_on)
}

/// The rows of a sheet (CSV records or workbook rows) to proposals: the one
/// set of rules for every format. `sep` is the CSV separator (`None` for a
/// workbook).
fn import_records(
    records: Vec<Record>,
    sep: Option<char>,
    institution: &str,
    proposed_on: Date,
) -> Result<ImportReport, ImportError> {
    let mut empty_lines = 0;
    let mut records = records.into_iter();
    let header = loop {
        match records.next() {
            None => return Err(ImportError::EmptyFile),
            Some(r) if is_blank(&r.cells) => empty_lines += 1,
            Some(r) => break r,
        }
    };
    let columns = Columns::read(&header)?;
    let mut report = ImportReport {
        documents: Vec::new(),
        rows: Vec::new(),
        empty_lines: 0,
        ignored_columns: columns.ignored.clone(),
        format: SourceFormat::Csv,
        sheet: None,
        warnings: Vec::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut number = 0_usize;
    for record in records {
        if is_blank(&record.cells) {
            empty_lines += 1;
            continue;
        }
        number += 1;
        let row = RowReader {
            columns: &columns,
            record: &record,
            sep,
        };
        let (row_report, document) = row.read(institution, proposed_on, number, &mut seen);
        if let Some(d) = document {
            report.documents.push(d);
        }
        report.rows.push(row_report);
    }
    report.empty_lines = empty_lines;
    Ok(report)
}

// ---------------------------------------------------------------- CSV text

/// One record of the CSV text (or one row of a sheet): its first line and
/// its cells.
struct Record {
    line: usize,
    cells: Vec<String>,
}

/// Whether a header cell names a known column.
fn names_known_column(cell: &str) -> bool {
    Field::of_header(cell.trim()).is_some()
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// The separator, from the first line that has anything but spaces,
/// separators and quotes: the most frequent of `;`, `,` and tab outside
/// quotes (`;` on a tie, then `,`); `None` when there is no such line.
fn detect_separator(text: &str) -> Option<char> {
    for line in text.split(['\n', '\r']) {
        if line
            .chars()
            .all(|c| c.is_whitespace() || c == ';' || c == ',' || c == '"')
        {
            continue;
        }
        let (mut semicolons, mut commas, mut tabs, mut quoted) = (0_usize, 0_usize, 0_usize, false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ';' if !quoted => semicolons += 1,
                ',' if !quoted => commas += 1,
                '\t' if !quoted => tabs += 1,
                _ => {}
            }
        }
        return Some(if tabs > semicolons.max(commas) {
            '\t'
        } else if commas > semicolons {
            ','
        } else {
            ';'
        });
    }
    None
}

/// Splits the text into records with the `csv` crate (RFC 4180: `""`
/// inside quotes is one `"`, a quoted field may span lines; leniently, a
/// quote inside an unquoted cell or text after a closing quote is kept as
/// written; line ends `\n`, `\r\n` or `\r`). Line ends inside quotes become
/// `\n`. Two things are done by hand, because the crate does not do them the
/// way the import's rules say (each has a test in `core/tests/import.rs`):
/// the line of each record is counted from its byte offset (the crate counts
/// `\n` only, so a file with `\r` line ends would get wrong lines), and a
/// quoted field still open at the end of the text is `CSV_SYNTAX` (the crate
/// ends the field silently).
fn parse_csv(text: &str, sep: char) -> Result<Vec<Record>, ImportError> {
    let Ok(delimiter) = u8::try_from(sep) else {
        return Err(ImportError::EmptyFile);
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    let (mut pos, mut line) = (0_usize, 1_usize);
    let mut last_start = 0_usize;
    // Empty lines (the crate skips them): each one a blank record, counted.
    let blank_lines = |from: usize, records: &mut Vec<Record>, line: &mut usize| -> usize {
        let mut at = from;
        // The byte-order mark the crate skipped.
        if at == 0 && bytes.starts_with("\u{feff}".as_bytes()) {
            at = 3;
        }
        // The crate may stop between the `\r` and the `\n` of a record's end.
        if at > 0 && bytes.get(at - 1) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        while let Some(&b) = bytes.get(at) {
            if b != b'\r' && b != b'\n' {
                break;
            }
            at += if b == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            records.push(Record {
                line: *line,
                cells: vec![String::new()],
            });
            *line += 1;
        }
        at
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The text is UTF-8 (a &str): the crate reports nothing else for
            // a reader over memory.
            Err(_) => return Err(ImportError::CsvSyntax { line }),
        }
        let start = blank_lines(pos, &mut records, &mut line);
        records.push(Record {
            line,
            cells: record.iter().map(normalise_line_ends).collect(),
        });
        let end = usize::try_from(reader.position().byte()).unwrap_or(bytes.len());
        line += count_line_breaks(bytes.get(start..end).unwrap_or_default());
        last_start = start;
        pos = end;
    }
    blank_lines(pos, &mut records, &mut line);
    if let Some(open) = open_quote_at_end(text.get(last_start..).unwrap_or_default(), sep) {
        let before = bytes.get(..last_start + open).unwrap_or_default();
        return Err(ImportError::CsvSyntax {
            line: 1 + count_line_breaks(before),
        });
    }
    Ok(records)
}

/// `\r\n` and `\r` inside a cell become `\n`.
fn normalise_line_ends(cell: &str) -> String {
    if cell.contains('\r') {
        cell.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        cell.to_string()
    }
}

/// Where the quoted field still open at the end of `tail` (the text of the
/// last record and what follows) opens, as a byte offset in `tail`; `None`
/// when every quoted field is closed.
fn open_quote_at_end(tail: &str, sep: char) -> Option<usize> {
    let (mut at_start, mut quoted, mut after_quote) = (true, None, false);
    for (i, c) in tail.char_indices() {
        match quoted {
            Some(_) if after_quote => {
                after_quote = false;
                if c != '"' {
                    quoted = None;
                    at_start = c == sep || c == '\n' || c == '\r';
                }
            }
            Some(_) => after_quote = c == '"',
            None if at_start && c == '"' => quoted = Some(i),
            None => at_start = c == sep || c == '\n' || c == '\r',
        }
    }
    if after_quote {
        return None;
    }
    quoted
}

// ---------------------------------------------------------------- columns

/// The fields a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Shelfmark,
    Title,
    Author,
    Date,
    Typology,
    Format,
    Views,
    Themes,
    Rights,
    Targets,
    Fragile,
    Ocr,
    InsuredValue,
    ExistingDigitization,
}

impl Field {
    const ALL: [Field; 15] = [
        Field::Id,
        Field::Shelfmark,
        Field::Title,
        Field::Author,
        Field::Date,
        Field::Typology,
        Field::Format,
        Field::Views,
        Field::Themes,
        Field::Rights,
        Field::Targets,
        Field::Fragile,
        Field::Ocr,
        Field::InsuredValue,
        Field::ExistingDigitization,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Shelfmark => "shelfmark",
            Field::Title => "title",
            Field::Author => "author",
            Field::Date => "date",
            Field::Typology => "typology",
            Field::Format => "format",
            Field::Views => "views",
            Field::Themes => "themes",
            Field::Rights => "rights",
            Field::Targets => "targets",
            Field::Fragile => "fragile",
            Field::Ocr => "ocr",
            Field::InsuredValue => "insured_value",
            Field::ExistingDigitization => "existing_digitization",
        }
    }

    /// The accepted headers, as compared (see [`key`]).
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["identifiant", "identifier", "id", "n", "no", "numero"],
            Field::Shelfmark => &["cote", "shelfmark", "callnumber"],
            Field::Title => &["titre", "title", "intitule"],
            Field::Author => &["auteur", "auteurs", "author", "authors"],
            Field::Date => &["date", "dates"],
            Field::Typology => &["typologie", "type", "typology"],
            Field::Format => &["format"],
            Field::Views => &[
                "nombredevues",
                "nombrevues",
                "nbdevues",
                "nbvues",
                "vues",
                "views",
                "numberofviews",
            ],
            Field::Themes => &["themes", "theme"],
            Field::Rights => &["droits", "statutjuridique", "rights"],
            Field::Targets => &["diffusion", "miseenligne", "targets"],
            Field::Fragile => &["fragile"],
            Field::Ocr => &["ocr"],
            Field::InsuredValue => &["valeurdassurance", "valeur", "insuredvalue"],
            Field::ExistingDigitization => &[
                "dejanumerise",
                "numerisationexistante",
                "existingdigitization",
                "existingdigitisation",
            ],
        }
    }

    fn of_header(header: &str) -> Option<Field> {
        let k = key(header);
        Field::ALL
            .into_iter()
            .find(|f| f.headers().contains(&k.as_str()))
    }
}

/// The French name of a v1 field, for messages.
fn label_fr(field: &str) -> &str {
    match field {
        "id" => "identifiant",
        "shelfmark" => "cote",
        "title" => "titre",
        "author" => "auteur",
        "typology" => "typologie",
        "views" => "nombre de vues",
        "themes" => "thèmes",
        "rights" => "droits",
        "targets" => "diffusion",
        "insured_value" => "valeur d'assurance",
        "existing_digitization" => "numérisation existante",
        other => other,
    }
}

/// The English name of a v1 field, for messages.
fn label_en(field: &str) -> &str {
    match field {
        "views" => "number of views",
        "insured_value" => "insured value",
        "existing_digitization" => "existing digitization",
        other => other,
    }
}

/// The columns of the sheet.
struct Columns {
    /// For each field (in [`Field::ALL`] order), its column.
    index: [Option<usize>; 15],
    /// Headers not recognised, as written.
    ignored: Vec<String>,
    /// For each column of the header, whether its header is not blank.
    named: Vec<bool>,
}

impl Columns {
    fn read(header: &Record) -> Result<Columns, ImportError> {
        let mut index = [None; 15];
        let mut ignored = Vec::new();
        for (i, cell) in header.cells.iter().enumerate() {
            let written = cell.trim();
            if written.is_empty() {
                continue;
            }
            let Some(field) = Field::of_header(written) else {
                ignored.push(written.to_string());
                continue;
            };
            let slot = &mut index[field as usize];
            if let Some(first) = *slot {
                let first = header
                    .cells
                    .get(first)
                    .map(|s: &String| s.trim().to_string())
                    .unwrap_or_default();
                return Err(ImportError::DuplicateColumn {
                    field: field.name().to_string(),
                    first,
                    second: written.to_string(),
                });
            }
            *slot = Some(i);
        }
        if index.iter().all(Option::is_none) {
            return Err(ImportError::NoHeader { line: header.line });
        }
        let missing: Vec<String> = [Field::Typology, Field::Rights]
            .into_iter()
            .filter(|f| index[*f as usize].is_none())
            .map(|f| f.name().to_string())
            .collect();
        if !missing.is_empty() {
            return Err(ImportError::MissingColumn(missing));
        }
        let named = header.cells.iter().map(|c| !c.trim().is_empty()).collect();
        Ok(Columns {
            index,
            ignored,
            named,
        })
    }

    fn of(&self, field: Field) -> Option<usize> {
        self.index[field as usize]
    }

    /// Whether column `i` has a (non-blank) header.
    fn named(&self, i: usize) -> bool {
        self.named.get(i).copied().unwrap_or(false)
    }
}

// ---------------------------------------------------------------- rows

struct RowReader<'a> {
    columns: &'a Columns,
    record: &'a Record,
    sep: Option<char>,
}

fn issue(field: Field, value: &str, code: &str, fr: String, en: String) -> ImportIssue {
    ImportIssue {
        field: field.name().to_string(),
        value: value.to_string(),
        code: code.to_string(),
        message_fr: fr,
        message_en: en,
    }
}

impl RowReader<'_> {
    /// The cell of a field, trimmed; empty when the column or the cell is absent.
    fn cell(&self, field: Field) -> &str {
        self.columns
            .of(field)
            .and_then(|i| self.record.cells.get(i))
            .map_or("", |s| s.trim())
    }

    /// The cell as optional text.
    fn text(&self, field: Field) -> Option<String> {
        let v = self.cell(field);
        (!v.is_empty()).then(|| v.to_string())
    }

    fn read(
        &self,
        institution: &str,
        proposed_on: Date,
        number: usize,
        seen: &mut HashMap<String, usize>,
    ) -> (RowReport, Option<Document>) {
        let mut errors = Vec::new();
        let mut notes = Vec::new();
        let line = self.record.line;

        // Cells under no header: probably an unquoted separator.
        let extra: Vec<&str> = self
            .record
            .cells
            .iter()
            .enumerate()
            .filter(|(i, c)| !self.columns.named(*i) && !c.trim().is_empty())
            .map(|(_, c)| c.trim())
            .collect();
        if !extra.is_empty() {
            let (joiner, hint_fr, hint_en) = match self.sep {
                Some(sep) => {
                    let (fr, en) = match sep {
                        '\t' => ("tabulation".to_string(), "tab".to_string()),
                        c => (format!("« {c} »"), format!("\"{c}\"")),
                    };
                    (
                        sep.to_string(),
                        format!(" (un séparateur {fr} non protégé par des guillemets ?)"),
                        format!(" (a {en} separator not protected by quotes?)"),
                    )
                }
                None => (" | ".to_string(), String::new(), String::new()),
            };
            let v = extra.join(&joiner);
            errors.push(ImportIssue {
                field: String::new(),
                value: v.clone(),
                code: RowCode::ExtraCells.code().into(),
                message_fr: format!("valeurs dans une colonne sans en-tête : « {v} »{hint_fr}"),
                message_en: format!("values in a column without header: \"{v}\"{hint_en}"),
            });
        }

        let id = if self.columns.of(Field::Id).is_some() {
            let v = self.cell(Field::Id);
            if v.is_empty() {
                errors.push(issue(
                    Field::Id,
                    "",
                    RowCode::MissingId.code(),
                    "identifiant absent".into(),
                    "id missing".into(),
                ));
                None
            } else {
                Some(v.to_string())
            }
        } else {
            Some(format!("{institution}-{number}"))
        };
        if let Some(id) = &id {
            if let Some(first) = seen.get(id) {
                errors.push(issue(
                    Field::Id,
                    id,
                    RowCode::DuplicateId.code(),
                    format!("identifiant « {id} » déjà utilisé ligne {first}"),
                    format!("id \"{id}\" already used on line {first}"),
                ));
            } else {
                seen.insert(id.clone(), line);
            }
        }

        let title = self.text(Field::Title);
        let author = self.text(Field::Author);
        let shelfmark = self.text(Field::Shelfmark);
        let date = self.date(&mut notes, &mut errors);
        let typology = self.typology(&mut errors);
        let format = self.format(&mut errors);
        let views = self.views(&mut errors);
        let themes = self.themes(&mut errors);
        let rights = self.rights(&mut errors);
        let targets = list_items(self.cell(Field::Targets))
            .map(str::to_lowercase)
            .fold(Vec::new(), |mut acc: Vec<String>, t| {
                if !acc.contains(&t) {
                    acc.push(t);
                }
                acc
            });
        let fragile = self.boolean(Field::Fragile, &mut errors);
        let ocr = self.boolean(Field::Ocr, &mut errors);
        let insured_value = self.money(&mut errors);
        let existing = self.cell(Field::ExistingDigitization);
        let existing_digitization = (!existing.is_empty() && boolean(existing) != Some(false))
            .then(|| existing.to_string());

        let mut document = None;
        if let (true, Some(id), Some(typology), Some(rights)) =
            (errors.is_empty(), id.clone(), typology, rights)
        {
            let d = Document {
                id,
                institution: institution.to_string(),
                title,
                author,
                date,
                typology,
                format,
                views,
                themes,
                rights,
                targets,
                fragile,
                ocr,
                insured_value,
                existing_digitization,
                proposed_on,
                shelfmark,
                labels: Vec::new(),
            };
            // The core's own validation has the last word.
            match Document::from_value(&d.to_value()) {
                Ok(_) => document = Some(d),
                Err(v) => errors.extend(v.issues.iter().map(|i| ImportIssue {
                    field: i.path.clone(),
                    value: i.detail.clone(),
                    code: i.code.code().to_string(),
                    message_fr: i.message_fr(),
                    message_en: i.message_en(),
                })),
            }
        }
        let status = if !errors.is_empty() {
            RowStatus::Error
        } else if notes.is_empty() {
            RowStatus::Ok
        } else {
            RowStatus::OkWithNotes
        };
        (
            RowReport {
                line,
                id,
                status,
                notes,
                errors,
            },
            document,
        )
    }

    fn date(&self, notes: &mut Vec<ImportNote>, errors: &mut Vec<ImportIssue>) -> Option<DocDate> {
        let v = self.cell(Field::Date);
        if v.is_empty() {
            return None;
        }
        match read_date(v) {
            DateValue::Exact(d) => Some(d),
            DateValue::Converted(d) => {
                notes.push(ImportNote {
                    field: Field::Date.name().into(),
                    value: v.to_string(),
                    converted: d.as_str().to_string(),
                    message_fr: format!("date « {v} » convertie en « {} » (EDTF)", d.as_str()),
                    message_en: format!("date \"{v}\" converted to \"{}\" (EDTF)", d.as_str()),
                });
                Some(d)
            }
            DateValue::NoDate => {
                notes.push(ImportNote {
                    field: Field::Date.name().into(),
                    value: v.to_string(),
                    converted: String::new(),
                    message_fr: format!("date « {v} » lue comme absente"),
                    message_en: format!("date \"{v}\" read as missing"),
                });
                None
            }
            DateValue::Invalid => {
                errors.push(issue(
                    Field::Date,
                    v,
                    RowCode::InvalidDate.code(),
                    format!("date illisible : « {v} » (attendu par exemple : 1850, 1850-06-12, 18XX, 1850/1860, vers 1850, 1850 ?, XIXe siècle)"),
                    format!("unreadable date: \"{v}\" (expected for instance: 1850, 1850-06-12, 18XX, 1850/1860, vers 1850, 1850 ?, XIXe siècle)"),
                ));
                None
            }
        }
    }

    fn typology(&self, errors: &mut Vec<ImportIssue>) -> Option<Typology> {
        let v = self.cell(Field::Typology);
        if v.is_empty() {
            errors.push(issue(
                Field::Typology,
                v,
                RowCode::MissingTypology.code(),
                "typologie absente (obligatoire)".into(),
                "typology missing (required)".into(),
            ));
            return None;
        }
        let t = typology_of(v);
        if t.is_none() {
            errors.push(issue(
                Field::Typology,
                v,
                RowCode::UnknownTypology.code(),
                format!("typologie inconnue : « {v} » (attendu : presse, revues, imprimés, thèses, manuscrits, archives, cartes et plans, cartes postales, photographies)"),
                format!("unknown typology: \"{v}\" (expected: press, journals, printed books, theses, manuscripts, archives, maps and plans, postcards, photographs)"),
            ));
        }
        t
    }

    fn format(&self, errors: &mut Vec<ImportIssue>) -> Option<Format> {
        let v = self.cell(Field::Format);
        if v.is_empty() {
            return None;
        }
        let f = format_of(v);
        if f.is_none() {
            errors.push(issue(
                Field::Format,
                v,
                RowCode::UnknownFormat.code(),
                format!("format inconnu : « {v} » (attendu : A4, A3, A2, A1, A0 ou hors format)"),
                format!("unknown format: \"{v}\" (expected: A4, A3, A2, A1, A0 or oversize)"),
            ));
        }
        f
    }

    fn views(&self, errors: &mut Vec<ImportIssue>) -> Option<u64> {
        let v = self.cell(Field::Views);
        if v.is_empty() {
            return None;
        }
        let n = grouped_integer(v).and_then(|s| s.parse::<u64>().ok());
        if n.is_none() {
            errors.push(issue(
                Field::Views,
                v,
                RowCode::InvalidViews.code(),
                format!("nombre de vues illisible : « {v} » (un nombre entier est attendu, par exemple 1200 ou 1 200)"),
                format!("unreadable number of views: \"{v}\" (a whole number is expected, e.g. 1200 or 1 200)"),
            ));
        }
        n
    }

    fn themes(&self, errors: &mut Vec<ImportIssue>) -> Vec<Theme> {
        let mut themes = Vec::new();
        for item in list_items(self.cell(Field::Themes)) {
            match theme_of(item) {
                Some(t) => {
                    if !themes.contains(&t) {
                        themes.push(t);
                    }
                }
                None => errors.push(issue(
                    Field::Themes,
                    item,
                    RowCode::UnknownTheme.code(),
                    format!("thème inconnu : « {item} » (attendu : intérêt régional, rare et précieux)"),
                    format!("unknown theme: \"{item}\" (expected: regional interest, rare and precious)"),
                )),
            }
        }
        themes
    }

    fn rights(&self, errors: &mut Vec<ImportIssue>) -> Option<Rights> {
        let v = self.cell(Field::Rights);
        if v.is_empty() {
            errors.push(issue(
                Field::Rights,
                v,
                RowCode::MissingRights.code(),
                "droits absents (obligatoire)".into(),
                "rights missing (required)".into(),
            ));
            return None;
        }
        let r = rights_of(v);
        if r.is_none() {
            errors.push(issue(
                Field::Rights,
                v,
                RowCode::UnknownRights.code(),
                format!(
                    "droits inconnus : « {v} » (attendu : domaine public, droits levés, protégé)"
                ),
                format!("unknown rights: \"{v}\" (expected: public domain, cleared, protected)"),
            ));
        }
        r
    }

    fn boolean(&self, field: Field, errors: &mut Vec<ImportIssue>) -> bool {
        let v = self.cell(field);
        match boolean(v) {
            Some(b) => b,
            None => {
                let name = field.name();
                errors.push(issue(
                    field,
                    v,
                    RowCode::InvalidBoolean.code(),
                    format!("{name} : valeur « {v} » non reconnue (attendu : oui/non, x ou vide, 1/0, vrai/faux)"),
                    format!("{name}: value \"{v}\" not recognised (expected: yes/no, x or empty, 1/0, true/false)"),
                ));
                false
            }
        }
    }

    fn money(&self, errors: &mut Vec<ImportIssue>) -> Money {
        let v = self.cell(Field::InsuredValue);
        if v.is_empty() {
            return Money::ZERO;
        }
        if let Some(m) = money_of(v) {
            m
        } else {
            errors.push(issue(
                Field::InsuredValue,
                v,
                RowCode::InvalidMoney.code(),
                format!("valeur d'assurance illisible : « {v} » (attendu par exemple : 1500, 1 500,00, 1500.00 ou 1500 €)"),
                format!("unreadable insured value: \"{v}\" (expected for instance: 1500, 1 500,00, 1500.00 or 1500 €)"),
            ));
            Money::ZERO
        }
    }
}

// ---------------------------------------------------------------- values

/// A text as compared: lower case, accents removed, only letters and digits.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The items of a list cell (`,`, `;` or `/` between items), trimmed, non-empty.
fn list_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', ';', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn typology_of(v: &str) -> Option<Typology> {
    Typology::parse(v).or_else(|| {
        Some(match key(v).as_str() {
            "presse" | "press" | "journaux" | "newspaper" | "newspapers" => Typology::Press,
            "revue"
            | "revues"
            | "periodique"
            | "periodiques"
            | "periodiquescientifique"
            | "periodiquesscientifiques"
            | "revuesscientifiques"
            | "revuesperiodiquesscientifiques"
            | "journals" => Typology::Journals,
            "imprime" | "imprimes" | "livre" | "livres" | "imprimeslivres" | "ouvrage"
            | "ouvrages" | "printedbooks" | "printedbook" | "books" | "book" => {
                Typology::PrintedBooks
            }
            "these" | "theses" | "thesis" => Typology::Theses,
            "manuscrit" | "manuscrits" | "manuscript" | "manuscripts" => Typology::Manuscripts,
            "archive" | "archives" => Typology::Archives,
            "cartesetplans" | "carteetplan" | "cartesplans" | "carte" | "cartes" | "plan"
            | "plans" | "mapsplans" | "mapsandplans" | "maps" => Typology::MapsPlans,
            "cartespostales" | "cartepostale" | "postcards" | "postcard" => Typology::Postcards,
            "photographies" | "photographie" | "photos" | "photo" | "photographs"
            | "photograph" => Typology::Photographs,
            _ => return None,
        })
    })
}

fn format_of(v: &str) -> Option<Format> {
    Format::parse(v).or_else(|| {
        Some(match key(v).as_str() {
            "a4" => Format::A4,
            "a3" => Format::A3,
            "a2" => Format::A2,
            "a1" => Format::A1,
            "a0" => Format::A0,
            "oversize" | "horsformat" | "horsformats" => Format::Oversize,
            _ => return None,
        })
    })
}

fn theme_of(v: &str) -> Option<Theme> {
    Theme::parse(v).or_else(|| {
        Some(match key(v).as_str() {
            "interetregional" | "regional" | "regionalinterest" => Theme::RegionalInterest,
            "rareetprecieux" | "rareprecieux" | "rare" | "rareprecious" | "rareandprecious" => {
                Theme::RarePrecious
            }
            _ => return None,
        })
    })
}

fn rights_of(v: &str) -> Option<Rights> {
    Rights::parse(v).or_else(|| {
        Some(match key(v).as_str() {
            "domainepublic" | "publicdomain" => Rights::PublicDomain,
            "droitsleves"
            | "droitleves"
            | "autorise"
            | "autorisee"
            | "droitslevesautorise"
            | "cleared" => Rights::Cleared,
            "protege" | "protegee" | "protected" => Rights::Protected,
            _ => return None,
        })
    })
}

/// A yes/no cell; empty is no.
fn boolean(v: &str) -> Option<bool> {
    if v.is_empty() || matches!(v, "✓" | "✔" | "☑") {
        return Some(!v.is_empty());
    }
    match key(v).as_str() {
        "oui" | "o" | "yes" | "y" | "x" | "1" | "vrai" | "true" => Some(true),
        "non" | "n" | "no" | "0" | "faux" | "false" => Some(false),
        _ => None,
    }
}

/// Spaces accepted between groups of digits.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Digits, possibly in groups of three after the first (`12 400`): the
/// digits without separators, or `None`.
fn grouped_integer(s: &str) -> Option<String> {
    grouped_digits(s, is_group_space)
}

fn grouped_digits(s: &str, is_sep: impl Fn(char) -> bool) -> Option<String> {
    let groups: Vec<&str> = s.split(is_sep).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| digits(g)) {
        return None;
    }
    if groups.len() > 1
        && (groups.first().is_some_and(|g| g.len() > 3)
            || groups.iter().skip(1).any(|g| g.len() != 3))
    {
        return None;
    }
    Some(groups.concat())
}

/// An amount as people type it: `1500`, `1 500,00`, `1500.00`, `1500 €`,
/// `1.500,00`.
fn money_of(v: &str) -> Option<Money> {
    let mut t = v.trim();
    let lower = t.to_lowercase();
    for suffix in ["euros", "euro", "eur", "€"] {
        if lower.ends_with(suffix) {
            t = t.get(..t.len() - suffix.len())?.trim_end();
            break;
        }
    }
    t = t.strip_prefix('€').map_or(t, str::trim_start);
    // The decimal separator is the last of `,` and `.`, unless it appears
    // more than once (then it separates thousands).
    let decimal = match (t.rfind(','), t.rfind('.')) {
        (Some(c), Some(d)) => Some(if c > d { ',' } else { '.' }),
        (Some(_), None) => Some(','),
        (None, Some(_)) => Some('.'),
        (None, None) => None,
    }
    .filter(|d| t.matches(*d).count() == 1);
    let (int, frac) = match decimal {
        Some(d) => t.split_once(d)?,
        None => (t, ""),
    };
    let thousands = match decimal {
        Some(',') => '.',
        Some(_) => ',',
        None if t.contains(',') => ',',
        None => '.',
    };
    let int = grouped_digits(int, |c| is_group_space(c) || c == thousands)?;
    let text = if decimal.is_some() {
        format!("{int}.{frac}")
    } else {
        int
    };
    Money::parse(&text).ok()
}

// ---------------------------------------------------------------- dates

enum DateValue {
    /// A valid EDTF date, kept as written.
    Exact(DocDate),
    /// A common form, converted.
    Converted(DocDate),
    /// A way of saying there is no date (`s.d.`).
    NoDate,
    /// Unreadable.
    Invalid,
}

fn read_date(raw: &str) -> DateValue {
    if let Some(d) = DocDate::parse(raw) {
        return DateValue::Exact(d);
    }
    let s = simplify(raw);
    if is_no_date(&s) {
        return DateValue::NoDate;
    }
    match convert_date(&s).and_then(|t| DocDate::parse(&t)) {
        Some(d) => DateValue::Converted(d),
        None => DateValue::Invalid,
    }
}

/// Lower case, one space between words, dashes as `-`.
fn simplify(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

fn is_no_date(s: &str) -> bool {
    (!s.is_empty() && s.chars().all(|c| c == '?'))
        || matches!(
            key(s).as_str(),
            "sd" | "sansdate" | "nd" | "nodate" | "nondate" | "nondatee" | "undated"
        )
}

fn strip_brackets(s: &str) -> &str {
    s.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .map_or(s, str::trim)
}

/// A simplified date text to EDTF (not yet validated).
fn convert_date(s: &str) -> Option<String> {
    let s = strip_brackets(s);
    if let Some(d) = single_date(s) {
        return Some(d);
    }
    let prefixed = ["entre ", "de ", "between ", "from "]
        .into_iter()
        .find_map(|p| s.strip_prefix(p));
    let words: &[&str] = if prefixed.is_some() {
        &[" et ", " à ", " a ", " and ", " to "]
    } else {
        &[" à ", " to "]
    };
    let inner = prefixed.unwrap_or(s);
    for w in words {
        if let Some((a, b)) = inner.split_once(w) {
            if let Some(r) = date_range(a, b) {
                return Some(r);
            }
        }
    }
    if let Some((a, b)) = s.split_once('/') {
        if let Some(r) = date_range(a, b) {
            return Some(r);
        }
    }
    s.char_indices()
        .filter(|(_, c)| *c == '-')
        .find_map(|(i, _)| date_range(s.get(..i)?, s.get(i + 1..)?))
}

fn date_range(a: &str, b: &str) -> Option<String> {
    Some(format!("{}/{}", single_date(a)?, single_date(b)?))
}

const APPROXIMATE: [&str; 16] = [
    "vers ", "vers", "circa ", "circa", "ca. ", "ca.", "ca ", "c. ", "c.", "env. ", "env.",
    "environ ", "about ", "approx. ", "approx ", "~",
];

/// One date (not an interval), with its qualifiers.
fn single_date(s: &str) -> Option<String> {
    let mut t = strip_brackets(s.trim());
    let (mut approximate, mut uncertain) = (false, false);
    loop {
        let before = t;
        // Each qualifier once: `1850 ??` is not read.
        if let Some(r) = t
            .strip_suffix("(?)")
            .or_else(|| t.strip_suffix('?'))
            .filter(|_| !uncertain)
        {
            uncertain = true;
            t = r.trim_end();
        }
        if let Some(r) = t.strip_suffix('~').filter(|_| !approximate) {
            approximate = true;
            t = r.trim_end();
        }
        if let Some(r) = APPROXIMATE
            .into_iter()
            .find_map(|p| t.strip_prefix(p))
            .filter(|_| !approximate)
        {
            approximate = true;
            t = r.trim_start();
        }
        t = strip_brackets(t);
        if t == before {
            break;
        }
    }
    let core = core_date(t)?;
    let qualifier = match (approximate, uncertain) {
        (true, true) => "%",
        (true, false) => "~",
        (false, true) => "?",
        (false, false) => "",
    };
    Some(format!("{core}{qualifier}"))
}

/// A date without qualifier: EDTF, `dd/mm/yyyy`, `mm/yyyy`, a decade, a century.
fn core_date(t: &str) -> Option<String> {
    if t.is_empty() {
        return None;
    }
    let upper = t.replace('x', "X");
    if !upper.ends_with(['?', '~', '%']) && !upper.contains('/') && DocDate::parse(&upper).is_some()
    {
        return Some(upper);
    }
    day_month_year(t)
        .or_else(|| decade(t))
        .or_else(|| century(t))
}

fn day_month_year(t: &str) -> Option<String> {
    let parts: Vec<&str> = t.split(['/', '.']).collect();
    let digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(digits) {
        return None;
    }
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
            Some(format!("{y}-{m:0>2}-{d:0>2}"))
        }
        [m, y] if m.len() <= 2 && y.len() == 4 => Some(format!("{y}-{m:0>2}")),
        _ => None,
    }
}

/// `années 1850`, `1850s` → `185X`.
fn decade(t: &str) -> Option<String> {
    let y = t
        .strip_prefix("années ")
        .or_else(|| t.strip_prefix("annees "))
        .or_else(|| t.strip_suffix("'s"))
        .or_else(|| t.strip_suffix('s'))?;
    let digits = y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    (digits && y.ends_with('0')).then(|| format!("{}X", y.get(..3).unwrap_or(y)))
}

const ROMAN: [&str; 21] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx", "xxi",
];

/// `XIXe siècle`, `19e s.`, `XIXème`, `19th century` → `18XX` (centuries 1 to 21).
fn century(t: &str) -> Option<String> {
    let mut s = t.trim();
    let mut word = false;
    for w in [
        "siècles", "siècle", "siecles", "siecle", "sièc.", "s.", "s", "century", "cent.", "c.",
    ] {
        if let Some(r) = s.strip_suffix(w) {
            s = r.trim_end();
            word = true;
            break;
        }
    }
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut number = compact.as_str();
    let mut ordinal = false;
    for suffix in [
        "ième", "ieme", "ème", "eme", "è", "e", "th", "st", "nd", "rd", "er", "re",
    ] {
        if let Some(r) = number.strip_suffix(suffix) {
            number = r;
            ordinal = true;
            break;
        }
    }
    if !(word || ordinal) || number.is_empty() {
        return None;
    }
    let n = if number.bytes().all(|b| b.is_ascii_digit()) {
        if number.len() > 2 {
            return None;
        }
        number.parse::<usize>().ok()?
    } else {
        ROMAN.iter().position(|r| *r == number)? + 1
    };
    (1..=21).contains(&n).then(|| format!("{:02}XX", n - 1))
}

/// The code and the full English message (`NOT_ELIGIBLE: document D2 is not
/// eligible: …`).
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> (String, &'static str) {
        match read_date(s) {
            DateValue::Exact(d) => (d.as_str().to_string(), "exact"),
            DateValue::Converted(d) => (d.as_str().to_string(), "converted"),
            DateValue::NoDate => (String::new(), "none"),
            DateValue::Invalid => (String::new(), "invalid"),
        }
    }

    #[test]
    fn dates_kept_converted_or_refused() {
        for (input, out, how) in [
            ("1871", "1871", "exact"),
            ("18XX", "18XX", "exact"),
            ("1850/1860", "1850/1860", "exact"),
            ("1790?", "1790?", "exact"),
            ("vers 1905", "1905~", "converted"),
            ("Vers 1905", "1905~", "converted"),
            ("ca. 1850", "1850~", "converted"),
            ("ca 1850", "1850~", "converted"),
            ("circa 1850", "1850~", "converted"),
            ("env. 1850", "1850~", "converted"),
            ("c. 1850", "1850~", "converted"),
            ("1850 ?", "1850?", "converted"),
            ("1850\u{a0}?", "1850?", "converted"),
            ("[1850 ?]", "1850?", "converted"),
            ("[1850]", "1850", "converted"),
            ("vers 1850 ?", "1850%", "converted"),
            ("XIXe siècle", "18XX", "converted"),
            ("XIXe s.", "18XX", "converted"),
            ("xix e siècle", "18XX", "converted"),
            ("XIXème siècle", "18XX", "converted"),
            ("19e s.", "18XX", "converted"),
            ("19e siècle", "18XX", "converted"),
            ("19th century", "18XX", "converted"),
            ("XIIIe siècle", "12XX", "converted"),
            ("Ier siècle", "00XX", "converted"),
            ("XXIe siècle", "20XX", "converted"),
            ("XIXe siècle ?", "18XX?", "converted"),
            ("XVIIIe-XIXe siècle", "17XX/18XX", "converted"),
            ("années 1850", "185X", "converted"),
            ("1850s", "185X", "converted"),
            ("1850-1860", "1850/1860", "converted"),
            ("1850 - 1860", "1850/1860", "converted"),
            ("1850–1860", "1850/1860", "converted"),
            ("1850 / 1860", "1850/1860", "converted"),
            ("entre 1850 et 1860", "1850/1860", "converted"),
            ("de 1850 à 1860", "1850/1860", "converted"),
            ("vers 1850-1860", "1850~/1860", "converted"),
            ("12/03/1850", "1850-03-12", "converted"),
            ("1/3/1850", "1850-03-01", "converted"),
            ("12.03.1850", "1850-03-12", "converted"),
            ("03/1850", "1850-03", "converted"),
            ("1850-06 ?", "1850-06?", "converted"),
            ("18xx", "18XX", "converted"),
            ("s.d.", "", "none"),
            ("S. d.", "", "none"),
            ("sans date", "", "none"),
            ("n.d.", "", "none"),
            ("?", "", "none"),
            ("deux mille", "", "invalid"),
            ("1860-1850", "", "invalid"),
            ("31/02/1850", "", "invalid"),
            ("XXXe siècle", "", "invalid"),
            ("XIX", "", "invalid"),
            ("19", "", "invalid"),
            ("fin XIXe siècle", "", "invalid"),
            ("1850.0", "", "invalid"),
            ("vers", "", "invalid"),
            ("[", "", "invalid"),
            ("1850 ?? ~", "", "invalid"),
            ("vers ca. 1850", "", "invalid"),
            ("1850 ~ ?", "1850%", "converted"),
        ] {
            assert_eq!(date(input), (out.to_string(), how), "{input}");
        }
    }

    #[test]
    fn views_and_money() {
        for (input, out) in [
            ("1200", Some("1200")),
            ("1 200", Some("1200")),
            ("1\u{a0}200", Some("1200")),
            ("1\u{202f}200", Some("1200")),
            ("12 400", Some("12400")),
            ("1 000 000", Some("1000000")),
            ("0", Some("0")),
            ("1 2 00", None),
            ("1200 vues", None),
            ("1  200", None),
            ("deux cents", None),
            ("1.200", None),
            ("-3", None),
            ("", None),
        ] {
            assert_eq!(grouped_integer(input).as_deref(), out, "{input}");
        }
        for (input, cents) in [
            ("1500", Some(150_000)),
            ("1 500,00", Some(150_000)),
            ("1500.00", Some(150_000)),
            ("1500 €", Some(150_000)),
            ("1500€", Some(150_000)),
            ("€ 1500", Some(150_000)),
            ("12 000 €", Some(1_200_000)),
            ("3 000,00", Some(300_000)),
            ("1.500,00", Some(150_000)),
            ("1,500.00", Some(150_000)),
            ("1.500.000", Some(150_000_000)),
            ("1500 EUR", Some(150_000)),
            ("0,5", Some(50)),
            ("12,345", None),
            ("-5", None),
            ("1 50,00", None),
            ("mille", None),
            ("€", None),
            ("1500,", None),
        ] {
            assert_eq!(money_of(input).map(Money::cents), cents, "{input}");
        }
    }

    #[test]
    fn vocabularies_in_french_and_english() {
        for (v, t) in [
            ("Presse", Typology::Press),
            ("press", Typology::Press),
            ("Revues", Typology::Journals),
            ("Périodiques scientifiques", Typology::Journals),
            ("Revues / Périodiques scientifiques", Typology::Journals),
            ("Imprimés", Typology::PrintedBooks),
            ("Livres", Typology::PrintedBooks),
            ("printed_books", Typology::PrintedBooks),
            ("Thèses", Typology::Theses),
            ("MANUSCRITS", Typology::Manuscripts),
            ("Archives", Typology::Archives),
            ("Cartes et plans", Typology::MapsPlans),
            ("maps_plans", Typology::MapsPlans),
            ("Cartes postales", Typology::Postcards),
            ("Photographies", Typology::Photographs),
        ] {
            assert_eq!(typology_of(v), Some(t), "{v}");
        }
        assert_eq!(typology_of("journal"), None);
        for (v, r) in [
            ("Domaine public", Rights::PublicDomain),
            ("droits levés", Rights::Cleared),
            ("Autorisé", Rights::Cleared),
            ("Droits levés / autorisé", Rights::Cleared),
            ("Protégé", Rights::Protected),
            ("public_domain", Rights::PublicDomain),
        ] {
            assert_eq!(rights_of(v), Some(r), "{v}");
        }
        assert_eq!(theme_of("Intérêt régional"), Some(Theme::RegionalInterest));
        assert_eq!(theme_of("rare et précieux"), Some(Theme::RarePrecious));
        assert_eq!(theme_of("rare_precious"), Some(Theme::RarePrecious));
        assert_eq!(theme_of("patrimoine"), None);
        assert_eq!(format_of("a3"), Some(Format::A3));
        assert_eq!(format_of("Hors format"), Some(Format::Oversize));
        assert_eq!(format_of("A5"), None);
        for (v, b) in [
            ("", Some(false)),
            ("oui", Some(true)),
            ("Non", Some(false)),
            ("x", Some(true)),
            ("X", Some(true)),
            ("yes", Some(true)),
            ("no", Some(false)),
            ("1", Some(true)),
            ("0", Some(false)),
            ("vrai", Some(true)),
            ("Faux", Some(false)),
            ("peut-être", None),
        ] {
            assert_eq!(boolean(v), b, "{v}");
        }
    }

    #[test]
    fn headers_are_compared_loosely_and_unambiguously() {
        for (h, f) in [
            ("Nombre de vues", Field::Views),
            ("nombre_de_vues", Field::Views),
            ("NOMBRE DE VUES", Field::Views),
            ("N°", Field::Id),
            ("Numéro", Field::Id),
            ("Thèmes", Field::Themes),
            ("Valeur d'assurance", Field::InsuredValue),
            ("Déjà numérisé", Field::ExistingDigitization),
            ("Statut juridique", Field::Rights),
            ("Mise en ligne", Field::Targets),
            ("Insured value", Field::InsuredValue),
        ] {
            assert_eq!(Field::of_header(h), Some(f), "{h}");
        }
        let mut all: Vec<&str> = Field::ALL
            .iter()
            .flat_map(|f| f.headers())
            .copied()
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a header names two fields");
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
    }

    #[test]
    fn csv_records_and_lines() {
        let text = "a;b\r\n\"x;1\";\"say \"\"hi\"\"\"\n\n\"multi\nline\";2\rlast;\"q\"z";
        let records = parse_csv(text, ';').unwrap_or_default();
        let got: Vec<(usize, Vec<&str>)> = records
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, vec!["a", "b"]),
                (2, vec!["x;1", "say \"hi\""]),
                (3, vec![""]),
                (4, vec!["multi\nline", "2"]),
                (6, vec!["last", "qz"]),
            ]
        );
        assert_eq!(
            parse_csv("a;b\n\"open;1\n", ';').err(),
            Some(ImportError::CsvSyntax { line: 2 })
        );
        assert_eq!(detect_separator("\n;;\n\"a;b\",c,d\n"), Some(','));
        assert_eq!(detect_separator("a;b,c\n"), Some(';'));
        assert_eq!(detect_separator(" \n;,\n"), None);
    }
}
