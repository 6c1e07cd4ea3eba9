//! The store's errors: a command's own refusal keeps its command code, a
//! bad saved file its load code; what concerns the file itself has a code
//! of kind `store` from the core's table (`numconc::codes::StoreCode`), so
//! the C and Python bindings map it by an exhaustive match like every other
//! code.

use numconc::codes::StoreCode;
use numconc::{CommandError, LoadError, ValidationError};

/// Why a store call failed. Nothing was written and the campaign in memory
/// is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The command was refused by the campaign's rules: nothing written.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// A saved campaign given to `import_json` could not be loaded, or the
    /// data given to `create` is invalid.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The store's file: locked, full, damaged, newer, missing…
    #[error("{}: {} ({detail})", .code.code(), .code.text_en())]
    File {
        /// The stable code.
        code: StoreCode,
        /// What happened, in plain words (SQLite's message, the event…).
        detail: String,
    },
}

impl From<ValidationError> for StoreError {
    fn from(v: ValidationError) -> StoreError {
        StoreError::Load(LoadError::Invalid(v))
    }
}

impl StoreError {
    pub(crate) fn file(code: StoreCode, detail: impl Into<String>) -> StoreError {
        StoreError::File {
            code,
            detail: detail.into(),
        }
    }

    pub(crate) fn corrupt(detail: impl Into<String>) -> StoreError {
        StoreError::file(StoreCode::Corrupt, detail)
    }

    /// The stable code (`STORE_LOCKED`, `NOT_AT_PROVIDER`, …).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Command(e) => e.code(),
            StoreError::Load(e) => e.code(),
            StoreError::File { code, .. } => code.code(),
        }
    }

    /// The store code, when the error is about the file.
    #[must_use]
    pub fn store_code(&self) -> Option<StoreCode> {
        match self {
            StoreError::File { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        match self {
            StoreError::Command(e) => e.message_fr(),
            StoreError::Load(e) => e.message_fr(),
            StoreError::File { code, detail } => format!("{} ({detail})", code.text_fr()),
        }
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        match self {
            StoreError::Command(e) => e.message_en(),
            StoreError::Load(e) => e.message_en(),
            StoreError::File { code, detail } => format!("{} ({detail})", code.text_en()),
        }
    }
}

/// The store code of an SQLite error: a lock held elsewhere, a full disk,
/// a damaged file, anything else an I/O error (a file that cannot be
/// opened too: `open` tells a missing file before SQLite is asked).
pub(crate) fn sqlite(e: &rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    let code = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => StoreCode::Locked,
        Some(C::DiskFull) => StoreCode::Full,
        Some(C::NotADatabase | C::DatabaseCorrupt) => StoreCode::Corrupt,
        _ => match e {
            // A value of the wrong type or a missing row: not our schema.
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::QueryReturnedNoRows
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::Utf8Error(..) => StoreCode::Corrupt,
            _ => StoreCode::Io,
        },
    };
    StoreError::file(code, e.to_string())
}
