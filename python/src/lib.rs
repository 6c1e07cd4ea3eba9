//! Python bindings of numconc: the native module `numconc._native`.
//!
//! Thin by design: every function converts its Python arguments (checking
//! their types: `decimal.Decimal` for money, `datetime.date` for days, never
//! a float), calls the core, and converts the answer back. No rule of the
//! domain lives here. The Python package `numconc` (python/numconc) re-exports
//! these classes, defines the exceptions and carries the type stubs.

mod arrow;
mod campaign;
mod convert;
mod de;
mod errors;
mod file;
mod json_to_py;
mod lang;
mod oai;
mod programme;
mod reasons;
mod scalars;
mod spreadsheet;
mod table;
mod values;

use pyo3::prelude::*;

/// Panics inside the guard that every call into the core goes through, so
/// that a test can check a panic reaches Python as `InternalError`, never as
/// `PanicException`. Private: not part of the API.
#[pyfunction]
#[allow(clippy::panic)]
fn _panic_inside_guard(py: Python<'_>) -> PyResult<()> {
    // ok: a deliberate test hook; the guard catches it and raises InternalError.
    errors::detached(py, || panic!("deliberate panic (test of the guard)")) // ok: test hook
}

/// The native part of numconc; use the package `numconc`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", numconc::VERSION)?;
    m.add_class::<programme::Programme>()?;
    m.add_class::<campaign::Campaign>()?;
    m.add_class::<values::Reason>()?;
    m.add_class::<values::Issue>()?;
    m.add_class::<values::Eligibility>()?;
    m.add_class::<values::EligibilityReport>()?;
    m.add_class::<values::DocumentState>()?;
    m.add_class::<values::BudgetLine>()?;
    m.add_class::<values::Budget>()?;
    m.add_class::<table::Table>()?;
    m.add_class::<spreadsheet::ImportNote>()?;
    m.add_class::<spreadsheet::ImportIssue>()?;
    m.add_class::<spreadsheet::RowReport>()?;
    m.add_class::<spreadsheet::ImportReport>()?;
    m.add_function(wrap_pyfunction!(spreadsheet::import_proposals, m)?)?;
    m.add_function(wrap_pyfunction!(spreadsheet::import_proposals_file, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_inside_guard, m)?)?;
    m.add_function(wrap_pyfunction!(errors::_exception_classes, m)?)?;
    m.add_function(wrap_pyfunction!(oai::oai_respond, m)?)?;
    m.add_function(wrap_pyfunction!(lang::set_language, m)?)?;
    m.add_function(wrap_pyfunction!(lang::get_language, m)?)?;
    Ok(())
}
