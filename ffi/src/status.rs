//! Status codes, the conversion of the core's errors, and the details of
//! the last error of each thread.

use std::ffi::c_char;

use numconc::codes::{BudgetCode, CommandCode, ImportCode, LoadCode, StoreCode};
use numconc::error::Issue;
use numconc::{BudgetError, CommandError, ImportError, LoadError, Reason, ValidationError};
use numconc_store::StoreError;

use crate::numconc_lang;
use crate::panic_hook::{boundary_or, CaughtPanic};
use crate::text::CText;

/// What a call gave: `NUMCONC_OK`, or why it failed.
///
/// Numbers are stable and never reused. 1–99 are errors of the C interface
/// itself; 100 and above are the library's domain errors, each with a
/// stable string code (`numconc_status_code`, `numconc_last_error_code`):
/// `NUMCONC_NOT_AT_PROVIDER` is `"NOT_AT_PROVIDER"`. A domain error that
/// has no number of its own yet is `NUMCONC_OTHER_ERROR`; its string code is
/// still given by `numconc_last_error_code`.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_status {
    /// Success: the out-parameters were written.
    NUMCONC_OK = 0,
    /// A pointer argument was NULL.
    NUMCONC_NULL_ARGUMENT = 1,
    /// A string argument is not valid UTF-8.
    NUMCONC_INVALID_UTF8 = 2,
    /// Another argument is out of its range: an index past the end, a date
    /// that is not a calendar day, an unknown `lang` or `mode`, a length
    /// above `PTRDIFF_MAX`.
    NUMCONC_INVALID_ARGUMENT = 3,
    /// The library panicked (a bug): the call was abandoned. A campaign
    /// handle it was using is poisoned.
    NUMCONC_PANIC = 4,
    /// The campaign handle was poisoned by an earlier panic: free it.
    NUMCONC_POISONED = 5,
    /// A domain error without a number of its own: read
    /// `numconc_last_error_code`.
    NUMCONC_OTHER_ERROR = 6,
    /// `INVALID_VALUE`: invalid data or command (details: the issues).
    NUMCONC_INVALID_VALUE = 100,
    /// `INVALID_JSON`: a saved campaign that is not JSON or is cut short.
    NUMCONC_INVALID_JSON = 101,
    /// `MISSING_SCHEMA_VERSION`: a saved campaign without `schema_version`.
    NUMCONC_MISSING_SCHEMA_VERSION = 102,
    /// `UNSUPPORTED_SCHEMA_VERSION`: a saved campaign of another schema.
    NUMCONC_UNSUPPORTED_SCHEMA_VERSION = 103,
    /// `INVALID_EVENT`: an event of a saved campaign is refused on replay.
    NUMCONC_INVALID_EVENT = 104,
    /// `UNKNOWN_PRESET`: no shipped programme has that id.
    NUMCONC_UNKNOWN_PRESET = 105,
    /// `AMOUNT_OVERFLOW`: an amount of a budget does not fit.
    NUMCONC_AMOUNT_OVERFLOW = 106,
    /// `CAMPAIGN_CLOSED`.
    NUMCONC_CAMPAIGN_CLOSED = 200,
    /// `DATE_OUT_OF_ORDER`.
    NUMCONC_DATE_OUT_OF_ORDER = 201,
    /// `DUPLICATE_ID`.
    NUMCONC_DUPLICATE_ID = 202,
    /// `UNKNOWN_DOCUMENT`.
    NUMCONC_UNKNOWN_DOCUMENT = 203,
    /// `UNKNOWN_CONVENTION`.
    NUMCONC_UNKNOWN_CONVENTION = 204,
    /// `UNKNOWN_INSTITUTION`.
    NUMCONC_UNKNOWN_INSTITUTION = 205,
    /// `INVALID_TRANSITION`.
    NUMCONC_INVALID_TRANSITION = 206,
    /// `NOT_ELIGIBLE` (the reasons: `numconc_last_error_reason_*`).
    NUMCONC_NOT_ELIGIBLE = 207,
    /// `DOCUMENT_UNFIT`.
    NUMCONC_DOCUMENT_UNFIT = 208,
    /// `COLLATION_REQUIRED`.
    NUMCONC_COLLATION_REQUIRED = 209,
    /// `CONVENTION_NOT_IN_FORCE`.
    NUMCONC_CONVENTION_NOT_IN_FORCE = 210,
    /// `NOT_AT_PROVIDER`.
    NUMCONC_NOT_AT_PROVIDER = 211,
    /// `TOO_MANY_ROUNDS`.
    NUMCONC_TOO_MANY_ROUNDS = 212,
    /// `SAMPLE_TOO_SMALL`.
    NUMCONC_SAMPLE_TOO_SMALL = 213,
    /// `QC_NOT_PASSED`.
    NUMCONC_QC_NOT_PASSED = 214,
    /// `TARGET_NOT_PLANNED`.
    NUMCONC_TARGET_NOT_PLANNED = 215,
    /// `RIGHTS_NOT_CLEARED`.
    NUMCONC_RIGHTS_NOT_CLEARED = 216,
    /// `INVALID_ARK`.
    NUMCONC_INVALID_ARK = 217,
    /// `NATIONAL_LIBRARY_CONVENTION_MISSING`.
    NUMCONC_NATIONAL_LIBRARY_CONVENTION_MISSING = 218,
    /// `DOCUMENTS_AT_PROVIDER`.
    NUMCONC_DOCUMENTS_AT_PROVIDER = 219,
    /// `DOCUMENTS_PENDING`.
    NUMCONC_DOCUMENTS_PENDING = 220,
    /// `INVALID_INSTITUTION` (import): the institution given with the import is blank or not an ISIL.
    NUMCONC_INVALID_INSTITUTION = 300,
    /// `NOT_UTF8` (import): a CSV that is neither UTF-8 nor Windows-1252.
    NUMCONC_NOT_UTF8 = 301,
    /// `EMPTY_FILE` (import): nothing but blank lines.
    NUMCONC_EMPTY_FILE = 302,
    /// `NO_HEADER` (import): the first non-blank line names no known column.
    NUMCONC_NO_HEADER = 303,
    /// `MISSING_COLUMN` (import): a required column (typology, rights) is absent.
    NUMCONC_MISSING_COLUMN = 304,
    /// `DUPLICATE_COLUMN` (import): two columns name the same field.
    NUMCONC_DUPLICATE_COLUMN = 305,
    /// `CSV_SYNTAX` (import): quotes never closed.
    NUMCONC_CSV_SYNTAX = 306,
    /// `WORKBOOK_ENCRYPTED` (import): a workbook protected by a password.
    NUMCONC_WORKBOOK_ENCRYPTED = 307,
    /// `WORKBOOK_CORRUPT` (import): a workbook that cannot be read.
    NUMCONC_WORKBOOK_CORRUPT = 308,
    /// `NO_SHEET_WITH_HEADER` (import): no sheet of the workbook has a header line.
    NUMCONC_NO_SHEET_WITH_HEADER = 309,
    /// `UNKNOWN_SHEET` (import): the sheet asked for is not in the workbook.
    NUMCONC_UNKNOWN_SHEET = 310,
    /// `STORE_LOCKED`: another connection (another process) holds the store.
    NUMCONC_STORE_LOCKED = 400,
    /// `STORE_FULL`: disk full or file size limit: nothing was written.
    NUMCONC_STORE_FULL = 401,
    /// `STORE_IO`: an input/output error on the store's file.
    NUMCONC_STORE_IO = 402,
    /// `STORE_CORRUPT`: the file is damaged, or is not a campaign store.
    NUMCONC_STORE_CORRUPT = 403,
    /// `STORE_SCHEMA_NEWER`: a store written by a newer numconc.
    NUMCONC_STORE_SCHEMA_NEWER = 404,
    /// `STORE_EXISTS`: creating a store where a file already exists.
    NUMCONC_STORE_EXISTS = 405,
    /// `STORE_NOT_FOUND`: opening a store that does not exist.
    NUMCONC_STORE_NOT_FOUND = 406,
    /// `STORE_FAILED`: an earlier write failed: close and open the store again.
    NUMCONC_STORE_FAILED = 407,
    /// `STORE_CLOSED`: the store was closed: its campaign takes no command.
    NUMCONC_STORE_CLOSED = 408,
}

use numconc_status as S;

/// Every status with its stable string code (NUL-terminated for C).
const CODES: &[(numconc_status, &str)] = &[
    (S::NUMCONC_OK, "OK\0"),
    (S::NUMCONC_NULL_ARGUMENT, "NULL_ARGUMENT\0"),
    (S::NUMCONC_INVALID_UTF8, "INVALID_UTF8\0"),
    (S::NUMCONC_INVALID_ARGUMENT, "INVALID_ARGUMENT\0"),
    (S::NUMCONC_PANIC, "PANIC\0"),
    (S::NUMCONC_POISONED, "POISONED\0"),
    (S::NUMCONC_OTHER_ERROR, "OTHER_ERROR\0"),
    (S::NUMCONC_INVALID_VALUE, "INVALID_VALUE\0"),
    (S::NUMCONC_INVALID_JSON, "INVALID_JSON\0"),
    (
        S::NUMCONC_MISSING_SCHEMA_VERSION,
        "MISSING_SCHEMA_VERSION\0",
    ),
    (
        S::NUMCONC_UNSUPPORTED_SCHEMA_VERSION,
        "UNSUPPORTED_SCHEMA_VERSION\0",
    ),
    (S::NUMCONC_INVALID_EVENT, "INVALID_EVENT\0"),
    (S::NUMCONC_UNKNOWN_PRESET, "UNKNOWN_PRESET\0"),
    (S::NUMCONC_AMOUNT_OVERFLOW, "AMOUNT_OVERFLOW\0"),
    (S::NUMCONC_CAMPAIGN_CLOSED, "CAMPAIGN_CLOSED\0"),
    (S::NUMCONC_DATE_OUT_OF_ORDER, "DATE_OUT_OF_ORDER\0"),
    (S::NUMCONC_DUPLICATE_ID, "DUPLICATE_ID\0"),
    (S::NUMCONC_UNKNOWN_DOCUMENT, "UNKNOWN_DOCUMENT\0"),
    (S::NUMCONC_UNKNOWN_CONVENTION, "UNKNOWN_CONVENTION\0"),
    (S::NUMCONC_UNKNOWN_INSTITUTION, "UNKNOWN_INSTITUTION\0"),
    (S::NUMCONC_INVALID_TRANSITION, "INVALID_TRANSITION\0"),
    (S::NUMCONC_NOT_ELIGIBLE, "NOT_ELIGIBLE\0"),
    (S::NUMCONC_DOCUMENT_UNFIT, "DOCUMENT_UNFIT\0"),
    (S::NUMCONC_COLLATION_REQUIRED, "COLLATION_REQUIRED\0"),
    (
        S::NUMCONC_CONVENTION_NOT_IN_FORCE,
        "CONVENTION_NOT_IN_FORCE\0",
    ),
    (S::NUMCONC_NOT_AT_PROVIDER, "NOT_AT_PROVIDER\0"),
    (S::NUMCONC_TOO_MANY_ROUNDS, "TOO_MANY_ROUNDS\0"),
    (S::NUMCONC_SAMPLE_TOO_SMALL, "SAMPLE_TOO_SMALL\0"),
    (S::NUMCONC_QC_NOT_PASSED, "QC_NOT_PASSED\0"),
    (S::NUMCONC_TARGET_NOT_PLANNED, "TARGET_NOT_PLANNED\0"),
    (S::NUMCONC_RIGHTS_NOT_CLEARED, "RIGHTS_NOT_CLEARED\0"),
    (S::NUMCONC_INVALID_ARK, "INVALID_ARK\0"),
    (
        S::NUMCONC_NATIONAL_LIBRARY_CONVENTION_MISSING,
        "NATIONAL_LIBRARY_CONVENTION_MISSING\0",
    ),
    (S::NUMCONC_DOCUMENTS_AT_PROVIDER, "DOCUMENTS_AT_PROVIDER\0"),
    (S::NUMCONC_DOCUMENTS_PENDING, "DOCUMENTS_PENDING\0"),
    (S::NUMCONC_INVALID_INSTITUTION, "INVALID_INSTITUTION\0"),
    (S::NUMCONC_NOT_UTF8, "NOT_UTF8\0"),
    (S::NUMCONC_EMPTY_FILE, "EMPTY_FILE\0"),
    (S::NUMCONC_NO_HEADER, "NO_HEADER\0"),
    (S::NUMCONC_MISSING_COLUMN, "MISSING_COLUMN\0"),
    (S::NUMCONC_DUPLICATE_COLUMN, "DUPLICATE_COLUMN\0"),
    (S::NUMCONC_CSV_SYNTAX, "CSV_SYNTAX\0"),
    (S::NUMCONC_WORKBOOK_ENCRYPTED, "WORKBOOK_ENCRYPTED\0"),
    (S::NUMCONC_WORKBOOK_CORRUPT, "WORKBOOK_CORRUPT\0"),
    (S::NUMCONC_NO_SHEET_WITH_HEADER, "NO_SHEET_WITH_HEADER\0"),
    (S::NUMCONC_UNKNOWN_SHEET, "UNKNOWN_SHEET\0"),
    (S::NUMCONC_STORE_LOCKED, "STORE_LOCKED\0"),
    (S::NUMCONC_STORE_FULL, "STORE_FULL\0"),
    (S::NUMCONC_STORE_IO, "STORE_IO\0"),
    (S::NUMCONC_STORE_CORRUPT, "STORE_CORRUPT\0"),
    (S::NUMCONC_STORE_SCHEMA_NEWER, "STORE_SCHEMA_NEWER\0"),
    (S::NUMCONC_STORE_EXISTS, "STORE_EXISTS\0"),
    (S::NUMCONC_STORE_NOT_FOUND, "STORE_NOT_FOUND\0"),
    (S::NUMCONC_STORE_FAILED, "STORE_FAILED\0"),
    (S::NUMCONC_STORE_CLOSED, "STORE_CLOSED\0"),
];

fn code_of(entry: &(numconc_status, &'static str)) -> &'static str {
    entry.1.trim_end_matches('\0')
}

impl numconc_status {
    /// The status of a command error code (every code has one: the match
    /// is exhaustive, so a new code cannot be left without a status).
    pub(crate) fn of_command(code: CommandCode) -> numconc_status {
        match code {
            CommandCode::CampaignClosed => S::NUMCONC_CAMPAIGN_CLOSED,
            CommandCode::InvalidValue => S::NUMCONC_INVALID_VALUE,
            CommandCode::DateOutOfOrder => S::NUMCONC_DATE_OUT_OF_ORDER,
            CommandCode::DuplicateId => S::NUMCONC_DUPLICATE_ID,
            CommandCode::UnknownDocument => S::NUMCONC_UNKNOWN_DOCUMENT,
            CommandCode::UnknownConvention => S::NUMCONC_UNKNOWN_CONVENTION,
            CommandCode::UnknownInstitution => S::NUMCONC_UNKNOWN_INSTITUTION,
            CommandCode::InvalidTransition => S::NUMCONC_INVALID_TRANSITION,
            CommandCode::NotEligible => S::NUMCONC_NOT_ELIGIBLE,
            CommandCode::DocumentUnfit => S::NUMCONC_DOCUMENT_UNFIT,
            CommandCode::CollationRequired => S::NUMCONC_COLLATION_REQUIRED,
            CommandCode::ConventionNotInForce => S::NUMCONC_CONVENTION_NOT_IN_FORCE,
            CommandCode::NotAtProvider => S::NUMCONC_NOT_AT_PROVIDER,
            CommandCode::TooManyRounds => S::NUMCONC_TOO_MANY_ROUNDS,
            CommandCode::SampleTooSmall => S::NUMCONC_SAMPLE_TOO_SMALL,
            CommandCode::QcNotPassed => S::NUMCONC_QC_NOT_PASSED,
            CommandCode::TargetNotPlanned => S::NUMCONC_TARGET_NOT_PLANNED,
            CommandCode::RightsNotCleared => S::NUMCONC_RIGHTS_NOT_CLEARED,
            CommandCode::InvalidArk => S::NUMCONC_INVALID_ARK,
            CommandCode::NationalLibraryConventionMissing => {
                S::NUMCONC_NATIONAL_LIBRARY_CONVENTION_MISSING
            }
            CommandCode::DocumentsAtProvider => S::NUMCONC_DOCUMENTS_AT_PROVIDER,
            CommandCode::DocumentsPending => S::NUMCONC_DOCUMENTS_PENDING,
        }
    }

    /// The status of a load error code.
    pub(crate) fn of_load(code: LoadCode) -> numconc_status {
        match code {
            LoadCode::InvalidJson => S::NUMCONC_INVALID_JSON,
            LoadCode::MissingSchemaVersion => S::NUMCONC_MISSING_SCHEMA_VERSION,
            LoadCode::UnsupportedSchemaVersion => S::NUMCONC_UNSUPPORTED_SCHEMA_VERSION,
            LoadCode::InvalidValue => S::NUMCONC_INVALID_VALUE,
            LoadCode::InvalidEvent => S::NUMCONC_INVALID_EVENT,
            LoadCode::UnknownPreset => S::NUMCONC_UNKNOWN_PRESET,
        }
    }

    /// The status of a budget error code.
    pub(crate) fn of_budget(code: BudgetCode) -> numconc_status {
        match code {
            BudgetCode::AmountOverflow => S::NUMCONC_AMOUNT_OVERFLOW,
        }
    }

    /// The status of an import error code.
    pub(crate) fn of_import(code: ImportCode) -> numconc_status {
        match code {
            ImportCode::InvalidInstitution => S::NUMCONC_INVALID_INSTITUTION,
            ImportCode::NotUtf8 => S::NUMCONC_NOT_UTF8,
            ImportCode::EmptyFile => S::NUMCONC_EMPTY_FILE,
            ImportCode::NoHeader => S::NUMCONC_NO_HEADER,
            ImportCode::MissingColumn => S::NUMCONC_MISSING_COLUMN,
            ImportCode::DuplicateColumn => S::NUMCONC_DUPLICATE_COLUMN,
            ImportCode::CsvSyntax => S::NUMCONC_CSV_SYNTAX,
            ImportCode::WorkbookEncrypted => S::NUMCONC_WORKBOOK_ENCRYPTED,
            ImportCode::WorkbookCorrupt => S::NUMCONC_WORKBOOK_CORRUPT,
            ImportCode::NoSheetWithHeader => S::NUMCONC_NO_SHEET_WITH_HEADER,
            ImportCode::UnknownSheet => S::NUMCONC_UNKNOWN_SHEET,
        }
    }

    /// The status of a store error code.
    pub(crate) fn of_store(code: StoreCode) -> numconc_status {
        match code {
            StoreCode::Locked => S::NUMCONC_STORE_LOCKED,
            StoreCode::Full => S::NUMCONC_STORE_FULL,
            StoreCode::Io => S::NUMCONC_STORE_IO,
            StoreCode::Corrupt => S::NUMCONC_STORE_CORRUPT,
            StoreCode::SchemaNewer => S::NUMCONC_STORE_SCHEMA_NEWER,
            StoreCode::Exists => S::NUMCONC_STORE_EXISTS,
            StoreCode::NotFound => S::NUMCONC_STORE_NOT_FOUND,
            StoreCode::Failed => S::NUMCONC_STORE_FAILED,
            StoreCode::Closed => S::NUMCONC_STORE_CLOSED,
        }
    }

    /// The stable string code.
    #[must_use]
    pub fn code(self) -> &'static str {
        CODES
            .iter()
            .find(|e| e.0 == self)
            .map_or("OTHER_ERROR", code_of)
    }
}

/// A reason (or warning) with its stable code and messages, ready for C.
#[derive(Debug, Clone)]
pub(crate) struct Texts {
    pub(crate) code: CText,
    pub(crate) en: CText,
    pub(crate) fr: CText,
}

impl Texts {
    pub(crate) fn new(code: &str, en: &str, fr: &str) -> Texts {
        Texts {
            code: CText::new(code),
            en: CText::new(en),
            fr: CText::new(fr),
        }
    }

    pub(crate) fn of_reason(r: Reason) -> Texts {
        Texts::new(r.code(), r.message_en(), r.message_fr())
    }

    pub(crate) fn message(&self, lang: Lang) -> &CText {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// A language of messages, read from a `numconc_lang` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Fr,
}

impl Lang {
    pub(crate) fn from_c(lang: u32) -> Option<Lang> {
        if lang == numconc_lang::NUMCONC_LANG_EN as u32 {
            Some(Lang::En)
        } else if lang == numconc_lang::NUMCONC_LANG_FR as u32 {
            Some(Lang::Fr)
        } else {
            None
        }
    }

    pub(crate) fn arg(lang: u32) -> Result<Lang, Error> {
        Lang::from_c(lang).ok_or_else(|| Error::invalid_argument("lang", "not a numconc_lang"))
    }
}

/// An error on its way to the thread's last error (boxed: `Result`s stay small).
#[derive(Debug, Clone)]
pub(crate) struct Error(pub(crate) Box<Details>);

#[derive(Debug, Clone)]
pub(crate) struct Details {
    pub(crate) status: numconc_status,
    pub(crate) code: String,
    pub(crate) en: String,
    pub(crate) fr: String,
    pub(crate) reasons: Vec<Reason>,
    pub(crate) issues: Vec<Issue>,
}

impl Error {
    pub(crate) fn status(&self) -> numconc_status {
        self.0.status
    }

    fn interface(status: numconc_status, en: String, fr: String) -> Error {
        Error(Box::new(Details {
            status,
            code: status.code().to_string(),
            en,
            fr,
            reasons: Vec::new(),
            issues: Vec::new(),
        }))
    }

    fn domain(status: numconc_status, code: &str, en: String, fr: String) -> Error {
        Error(Box::new(Details {
            status,
            code: code.to_string(),
            en,
            fr,
            reasons: Vec::new(),
            issues: Vec::new(),
        }))
    }

    pub(crate) fn null(arg: &str) -> Error {
        Error::interface(
            S::NUMCONC_NULL_ARGUMENT,
            format!("NULL argument: {arg}"),
            format!("argument NULL : {arg}"),
        )
    }

    pub(crate) fn utf8(arg: &str) -> Error {
        Error::interface(
            S::NUMCONC_INVALID_UTF8,
            format!("not valid UTF-8: {arg}"),
            format!("UTF-8 invalide : {arg}"),
        )
    }

    pub(crate) fn invalid_argument(arg: &str, what: &str) -> Error {
        Error::interface(
            S::NUMCONC_INVALID_ARGUMENT,
            format!("invalid argument {arg}: {what}"),
            format!("argument {arg} invalide : {what}"),
        )
    }

    pub(crate) fn index(arg: &str, index: usize, count: usize) -> Error {
        Error::invalid_argument(arg, &format!("index {index} out of range (count {count})"))
    }

    /// A panic caught at the boundary, with what the panic hook kept of it
    /// (nothing when another hook replaced the library's).
    pub(crate) fn panic(caught: Option<&CaughtPanic>) -> Error {
        let (en, fr) = match caught {
            Some(CaughtPanic {
                message,
                location: Some(at),
            }) => (format!("{message} at {at}"), format!("{message} à {at}")),
            Some(CaughtPanic {
                message,
                location: None,
            }) => (message.clone(), message.clone()),
            None => (
                "the call was abandoned".to_string(),
                "l'appel a été abandonné".to_string(),
            ),
        };
        Error::interface(
            S::NUMCONC_PANIC,
            format!("internal error (panic) in numconc: {en}"),
            format!("erreur interne (panique) dans numconc : {fr}"),
        )
    }

    pub(crate) fn poisoned() -> Error {
        Error::interface(
            S::NUMCONC_POISONED,
            "the campaign handle was poisoned by an earlier panic".into(),
            "la campagne est inutilisable après une panique antérieure".into(),
        )
    }

    pub(crate) fn unknown_document(doc: &str) -> Error {
        CommandError::UnknownDocument(doc.to_string()).into()
    }

    pub(crate) fn internal(what: &str) -> Error {
        Error::interface(
            S::NUMCONC_OTHER_ERROR,
            format!("internal error: {what}"),
            format!("erreur interne : {what}"),
        )
    }
}

impl From<CommandError> for Error {
    fn from(e: CommandError) -> Error {
        let mut out = Error::domain(
            numconc_status::of_command(e.code_id()),
            e.code(),
            e.message_en(),
            e.message_fr(),
        );
        out.0.reasons = e.reasons().to_vec();
        if let CommandError::InvalidValue(v) = &e {
            out.0.issues.clone_from(&v.issues);
        }
        out
    }
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Error {
        let mut out = Error::domain(
            S::NUMCONC_INVALID_VALUE,
            ValidationError::CODE,
            e.message_en(),
            e.message_fr(),
        );
        out.0.issues = e.issues;
        out
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Error {
        let mut out = Error::domain(
            numconc_status::of_load(e.code_id()),
            e.code(),
            e.message_en(),
            e.message_fr(),
        );
        match &e {
            LoadError::Invalid(v) => out.0.issues.clone_from(&v.issues),
            LoadError::InvalidEvent { error, .. } => {
                out.0.reasons = error.reasons().to_vec();
                if let CommandError::InvalidValue(v) = error {
                    out.0.issues.clone_from(&v.issues);
                }
            }
            _ => {}
        }
        out
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::Command(e) => e.into(),
            StoreError::Load(e) => e.into(),
            other => match other.store_code() {
                Some(code) => Error::domain(
                    numconc_status::of_store(code),
                    code.code(),
                    other.message_en(),
                    other.message_fr(),
                ),
                None => Error::internal(&other.message_en()),
            },
        }
    }
}

impl From<BudgetError> for Error {
    fn from(e: BudgetError) -> Error {
        Error::domain(
            numconc_status::of_budget(e.code_id()),
            e.code(),
            e.message_en(),
            e.message_fr(),
        )
    }
}

impl From<ImportError> for Error {
    fn from(e: ImportError) -> Error {
        Error::domain(
            numconc_status::of_import(e.code_id()),
            e.code(),
            e.message_en(),
            e.message_fr(),
        )
    }
}

/// The stable string code of a status (`"OK"`, `"NULL_ARGUMENT"`,
/// `"NOT_AT_PROVIDER"`…), or NULL for a number that is not a status.
///
/// The text is static: never free it.
#[no_mangle]
pub extern "C" fn numconc_status_code(status: u32) -> *const c_char {
    boundary_or(std::ptr::null(), || {
        CODES
            .iter()
            .find(|e| e.0 as u32 == status)
            .map_or(std::ptr::null(), |e| e.1.as_ptr().cast())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_unique_and_codes_nul_terminated() {
        let mut numbers: Vec<u32> = CODES.iter().map(|e| e.0 as u32).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), CODES.len());
        let mut codes: Vec<&str> = CODES.iter().map(code_of).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CODES.len());
        assert!(CODES.iter().all(|e| e.1.ends_with('\0')));
    }

    /// Every code of the core's table that can reach C has a status of its
    /// own, whose string code is that code: none falls back to
    /// `NUMCONC_OTHER_ERROR`.
    #[test]
    fn every_core_code_has_its_own_status() {
        let mapped = CommandCode::ALL
            .iter()
            .map(|c| (c.code(), numconc_status::of_command(*c)))
            .chain(
                LoadCode::ALL
                    .iter()
                    .map(|c| (c.code(), numconc_status::of_load(*c))),
            )
            .chain(
                BudgetCode::ALL
                    .iter()
                    .map(|c| (c.code(), numconc_status::of_budget(*c))),
            )
            .chain(
                StoreCode::ALL
                    .iter()
                    .map(|c| (c.code(), numconc_status::of_store(*c))),
            );
        for (code, status) in mapped {
            assert_ne!(status, S::NUMCONC_OTHER_ERROR, "{code}");
            assert_eq!(status.code(), code);
        }
    }

    #[test]
    fn core_errors_have_their_own_numbers() {
        let errors: Vec<Error> = vec![
            CommandError::CampaignClosed.into(),
            CommandError::NotAtProvider("D1".into()).into(),
            CommandError::DocumentsPending(vec!["D1".into()]).into(),
            LoadError::MissingSchemaVersion.into(),
            LoadError::UnknownPreset("x".into()).into(),
            BudgetError::AmountOverflow("x".into()).into(),
        ];
        for e in errors {
            assert_ne!(e.status(), S::NUMCONC_OTHER_ERROR, "{}", e.0.code);
            assert_eq!(e.status().code(), e.0.code);
        }
    }
}
