//! The Python types numconc uses (`decimal.Decimal`, `datetime.date`,
//! `collections.abc.Mapping`), imported once, and the core's scalars as
//! Python values: money as `Decimal`, days as `datetime.date`.

use chrono::Datelike;
use numconc::{Date, Money};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

pub(crate) fn date_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATE.import(py, "datetime", "date")
}

pub(crate) fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATETIME.import(py, "datetime", "datetime")
}

pub(crate) fn mapping_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    MAPPING.import(py, "collections.abc", "Mapping")
}

/// A day as `datetime.date`.
pub(crate) fn date_to_py(py: Python<'_>, d: Date) -> PyResult<Bound<'_, PyAny>> {
    date_type(py)?.call1((d.year(), d.month(), d.day()))
}

/// An optional day as `datetime.date` or `None`.
pub(crate) fn opt_date_to_py(py: Python<'_>, d: Option<Date>) -> PyResult<Bound<'_, PyAny>> {
    match d {
        Some(d) => date_to_py(py, d),
        None => Ok(py.None().into_bound(py)),
    }
}

/// An amount as `decimal.Decimal`, exactly (2 decimals).
pub(crate) fn money_to_py(py: Python<'_>, m: Money) -> PyResult<Bound<'_, PyAny>> {
    decimal_type(py)?.call1((m.to_string(),))
}

/// An optional amount as `decimal.Decimal` or `None`.
pub(crate) fn opt_money_to_py(py: Python<'_>, m: Option<Money>) -> PyResult<Bound<'_, PyAny>> {
    match m {
        Some(m) => money_to_py(py, m),
        None => Ok(py.None().into_bound(py)),
    }
}
