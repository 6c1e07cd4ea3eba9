//! Values valid by construction: identifiers, texts, counts, years and lists
//! of documents. Each constructor checks the rules of the v1.1 format
//! (domain.md §3, §9.1, §9.5) and returns the issue code and a detail; the
//! readers of JSON (and the bindings) only add the field path. A value of
//! these types is therefore always valid: a command built from them needs
//! no check of its form.

pub mod edtf;
pub mod identifiers;
pub mod money;
pub mod vocabulary;

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use crate::error::{Issue, IssueCode};
use crate::limits::{longer_than, MAX_COUNT, MAX_ID_CHARS, MAX_TEXT_CHARS, YEARS};

/// Why a value was refused: its issue code and a detail (the path is the
/// reader's to add).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The issue code.
    pub code: IssueCode,
    /// What is wrong (a quoted value, a limit).
    pub detail: String,
}

impl ValueError {
    fn new(code: IssueCode, detail: impl Into<String>) -> ValueError {
        ValueError {
            code,
            detail: detail.into(),
        }
    }

    /// The problem as an issue at `path`.
    #[must_use]
    pub fn at(self, path: impl Into<String>) -> Issue {
        Issue::new(self.code, path, self.detail)
    }

    /// The problem as a validation error (`INVALID_VALUE`) at `path`.
    #[must_use]
    pub fn error_at(self, path: impl Into<String>) -> crate::error::ValidationError {
        crate::error::ValidationError {
            issues: vec![self.at(path)],
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.code(), self.code.text_en())?;
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValueError {}

fn too_long(s: &str, max: usize) -> ValueError {
    ValueError::new(
        IssueCode::TooLong,
        format!("{} > {max}", crate::limits::quote(s)),
    )
}

/// An identifier: not blank, at most [`MAX_ID_CHARS`] characters.
pub(crate) fn check_id(s: &str) -> Result<(), ValueError> {
    if longer_than(s, MAX_ID_CHARS) {
        return Err(too_long(s, MAX_ID_CHARS));
    }
    if s.trim().is_empty() {
        return Err(ValueError::new(IssueCode::EmptyValue, ""));
    }
    Ok(())
}

/// An institution id: an identifier, and an ISIL when it starts with `FR-`.
fn check_institution_id(s: &str) -> Result<(), ValueError> {
    check_id(s)?;
    if crate::values::identifiers::institution_id_valid(s) {
        Ok(())
    } else {
        Err(ValueError::new(IssueCode::InvalidIsil, s))
    }
}

/// A text: at most [`MAX_TEXT_CHARS`] characters (may be empty).
pub(crate) fn check_text(s: &str) -> Result<(), ValueError> {
    if longer_than(s, MAX_TEXT_CHARS) {
        Err(too_long(s, MAX_TEXT_CHARS))
    } else {
        Ok(())
    }
}

macro_rules! string_value {
    ($(#[$m:meta])* $name:ident, $check:path) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Checks `s` and makes the value.
            ///
            /// # Errors
            /// [`ValueError`] with the issue code of the rule `s` breaks.
            pub fn new(s: impl Into<String>) -> Result<Self, ValueError> {
                let s = s.into();
                $check(&s)?;
                Ok($name(s))
            }

            /// The text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, owned.
            #[must_use]
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ValueError;
            fn try_from(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(s: String) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
    };
}

string_value!(
    /// A document id: not blank, at most 256 characters.
    DocumentId,
    check_id
);
string_value!(
    /// An institution id: not blank, at most 256 characters, and an ISIL
    /// (`FR-` + 9 letters or digits) when it starts with `FR-`.
    InstitutionId,
    check_institution_id
);
string_value!(
    /// A convention id: not blank, at most 256 characters.
    ConventionId,
    check_id
);
string_value!(
    /// A shipment id: not blank, at most 256 characters.
    ShipmentId,
    check_id
);
string_value!(
    /// Another identifier (a provider, a publication target, an identifier
    /// there): not blank, at most 256 characters.
    Id,
    check_id
);
string_value!(
    /// A free text (a reason, a note, an actor): at most 10 000 characters.
    Text,
    check_text
);

/// A count (views checked, defects, issues collated): 0 to [`MAX_COUNT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Count(u64);

impl Count {
    /// Checks `n` and makes the count.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` above [`MAX_COUNT`].
    pub fn new(n: u64) -> Result<Count, ValueError> {
        if n > MAX_COUNT {
            return Err(ValueError::new(
                IssueCode::OutOfRange,
                format!("{n} > {MAX_COUNT}"),
            ));
        }
        Ok(Count(n))
    }

    /// The number.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// A number of views delivered: 1 to [`MAX_COUNT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Views(u64);

impl Views {
    /// Checks `n` and makes the number of views.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` for 0 or above [`MAX_COUNT`].
    pub fn new(n: u64) -> Result<Views, ValueError> {
        if n == 0 {
            return Err(ValueError::new(IssueCode::OutOfRange, "0"));
        }
        Count::new(n).map(|c| Views(c.0))
    }

    /// The number.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// A year: 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year(i32);

impl Year {
    /// Checks `y` and makes the year.
    ///
    /// # Errors
    /// `OUT_OF_RANGE` outside 1–9999.
    pub fn new(y: i64) -> Result<Year, ValueError> {
        match i32::try_from(y) {
            Ok(y) if YEARS.contains(&y) => Ok(Year(y)),
            _ => Err(ValueError::new(
                IssueCode::OutOfRange,
                format!("{y} ∉ [1, 9999]"),
            )),
        }
    }

    /// The year.
    #[must_use]
    pub const fn get(self) -> i32 {
        self.0
    }
}

/// A non-empty list of distinct documents (a shipment, a return).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocList(Vec<DocumentId>);

impl DocList {
    /// Checks that `docs` is not empty and names no document twice.
    ///
    /// # Errors
    /// `EMPTY_VALUE` for an empty list; `DUPLICATE_ID` with the position
    /// (`[3]`) of the second mention.
    pub fn new(docs: Vec<DocumentId>) -> Result<DocList, (Option<usize>, ValueError)> {
        if docs.is_empty() {
            return Err((None, ValueError::new(IssueCode::EmptyValue, "[]")));
        }
        let mut seen = std::collections::HashSet::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            if !seen.insert(d.as_str()) {
                return Err((Some(i), ValueError::new(IssueCode::DuplicateId, d.as_str())));
            }
        }
        Ok(DocList(docs))
    }

    /// The documents, in order.
    #[must_use]
    pub fn as_slice(&self) -> &[DocumentId] {
        &self.0
    }

    /// How many.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true (a list of documents is never empty).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The documents.
    pub fn iter(&self) -> std::slice::Iter<'_, DocumentId> {
        self.0.iter()
    }
}

impl Deref for DocList {
    type Target = [DocumentId];
    fn deref(&self) -> &[DocumentId] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a DocList {
    type Item = &'a DocumentId;
    type IntoIter = std::slice::Iter<'a, DocumentId>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn constructors_check_the_rules() {
        assert!(DocumentId::new("D1").is_ok());
        assert_eq!(
            DocumentId::new("  ").unwrap_err().code,
            IssueCode::EmptyValue
        );
        assert!(DocumentId::new("D".repeat(256)).is_ok());
        assert_eq!(
            DocumentId::new("D".repeat(257)).unwrap_err().code,
            IssueCode::TooLong
        );
        assert!(InstitutionId::new("FR-801216101").is_ok());
        assert!(InstitutionId::new("I-1").is_ok());
        assert_eq!(
            InstitutionId::new("FR-12").unwrap_err().code,
            IssueCode::InvalidIsil
        );
        assert!(Text::new("").is_ok());
        assert_eq!(
            Text::new("x".repeat(10_001)).unwrap_err().code,
            IssueCode::TooLong
        );
        assert!(Count::new(1_000_000_000).is_ok());
        assert!(Count::new(1_000_000_001).is_err());
        assert!(Views::new(0).is_err() && Views::new(1).is_ok());
        assert!(Year::new(0).is_err() && Year::new(9999).is_ok() && Year::new(10_000).is_err());
        let d = |s: &str| DocumentId::new(s).unwrap(); // ok: test module
        assert!(DocList::new(vec![d("D1"), d("D2")]).is_ok());
        assert_eq!(
            DocList::new(vec![]).unwrap_err().1.code,
            IssueCode::EmptyValue
        );
        let (at, e) = DocList::new(vec![d("D1"), d("D2"), d("D1")]).unwrap_err();
        assert_eq!((at, e.code), (Some(2), IssueCode::DuplicateId));
        // A huge value is quoted, not copied.
        let e = DocumentId::new("D".repeat(1_000_000)).unwrap_err();
        assert!(e.detail.len() < 200);
    }
}
