//! The language of messages shown by default (`str(error)`, HTML tables):
//! French or English. Both messages are always available on every error,
//! reason and issue; this only picks the one shown.

use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

static FRENCH: AtomicBool = AtomicBool::new(false);

/// Whether French is the default language.
pub(crate) fn is_french() -> bool {
    FRENCH.load(Ordering::Relaxed)
}

fn parse(lang: &str) -> PyResult<bool> {
    match lang.to_ascii_lowercase().as_str() {
        "fr" => Ok(true),
        "en" => Ok(false),
        _ => Err(PyValueError::new_err(format!(
            "unknown language {lang:?}: expected \"fr\" or \"en\""
        ))),
    }
}

/// Whether `lang` (or the default language when `None`) is French.
pub(crate) fn french(lang: Option<&str>) -> PyResult<bool> {
    match lang {
        Some(l) => parse(l),
        None => Ok(is_french()),
    }
}

/// Sets the language of messages shown by default: `"fr"` or `"en"`.
#[pyfunction]
pub(crate) fn set_language(lang: &str) -> PyResult<()> {
    FRENCH.store(parse(lang)?, Ordering::Relaxed);
    Ok(())
}

/// The language of messages shown by default: `"fr"` or `"en"` (the default).
#[pyfunction]
pub(crate) fn get_language() -> &'static str {
    if is_french() {
        "fr"
    } else {
        "en"
    }
}
