//! Stable codes as Python values: a reason of ineligibility (or a
//! warning) and an issue of invalid data, each with its French and English
//! messages.

use numconc::rules::eligibility::{Reason as CoreReason, Warning};
use pyo3::prelude::*;

use crate::lang;

/// A stable code with its message in French and in English: a reason of
/// ineligibility, or a warning.
#[pyclass(frozen, eq, hash, module = "numconc", name = "Reason")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reason {
    pub(crate) code: String,
    message_fr: String,
    message_en: String,
}

impl Reason {
    pub(crate) fn from_reason(r: CoreReason) -> Self {
        Reason {
            code: r.code().into(),
            message_fr: r.message_fr().into(),
            message_en: r.message_en().into(),
        }
    }

    pub(crate) fn from_warning(w: Warning) -> Self {
        Reason {
            code: w.code().into(),
            message_fr: w.message_fr().into(),
            message_en: w.message_en().into(),
        }
    }

    pub(crate) fn text(&self, lang: Option<&str>) -> PyResult<&str> {
        Ok(if lang::french(lang)? {
            &self.message_fr
        } else {
            &self.message_en
        })
    }
}

#[pymethods]
impl Reason {
    /// The stable code (`MEMBERSHIP_MISSING`).
    #[getter]
    fn code(&self) -> &str {
        &self.code
    }

    /// The message in French.
    #[getter]
    fn message_fr(&self) -> &str {
        &self.message_fr
    }

    /// The message in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.message_en
    }

    /// The message in `lang` (`"fr"` or `"en"`; default: `numconc.get_language()`).
    #[pyo3(signature = (lang=None))]
    fn message(&self, lang: Option<&str>) -> PyResult<String> {
        self.text(lang).map(str::to_string)
    }

    fn __str__(&self) -> PyResult<String> {
        Ok(format!("{}: {}", self.code, self.text(None)?))
    }

    fn __repr__(&self) -> String {
        format!("<numconc.Reason {}>", self.code)
    }
}

/// One problem in input data, at a field path (`documents[3].date`).
#[pyclass(frozen, eq, module = "numconc", name = "Issue")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    code: String,
    path: String,
    detail: String,
    message_fr: String,
    message_en: String,
}

impl Issue {
    pub(crate) fn from_core(i: &numconc::Issue) -> Self {
        Issue {
            code: i.code.code().into(),
            path: i.path.clone(),
            detail: i.detail.clone(),
            message_fr: i.message_fr(),
            message_en: i.message_en(),
        }
    }
}

#[pymethods]
impl Issue {
    /// The stable code of the problem (`INVALID_MONEY`, `MISSING_FIELD`, …).
    #[getter]
    fn code(&self) -> &str {
        &self.code
    }

    /// Where: a field path; empty for the whole value.
    #[getter]
    fn path(&self) -> &str {
        &self.path
    }

    /// The offending value or the expected form.
    #[getter]
    fn detail(&self) -> &str {
        &self.detail
    }

    /// The message in French.
    #[getter]
    fn message_fr(&self) -> &str {
        &self.message_fr
    }

    /// The message in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.message_en
    }

    /// The message in `lang` (`"fr"` or `"en"`; default: `numconc.get_language()`).
    #[pyo3(signature = (lang=None))]
    fn message(&self, lang: Option<&str>) -> PyResult<String> {
        Ok(if lang::french(lang)? {
            self.message_fr.clone()
        } else {
            self.message_en.clone()
        })
    }

    fn __str__(&self) -> PyResult<String> {
        Ok(format!("{} {}", self.code, self.message(None)?))
    }

    fn __repr__(&self) -> String {
        format!("<numconc.Issue {} at {:?}>", self.code, self.path)
    }
}
