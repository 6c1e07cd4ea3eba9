//! The core's errors as the exceptions of `numconc.errors`, each carrying the
//! core's stable code and its French and English messages; and the guard
//! that turns a panic into `InternalError`, so that no `PanicException`
//! reaches a user.

use std::panic::{catch_unwind, AssertUnwindSafe};

use numconc::codes::{BudgetCode, CommandCode, ImportCode, LoadCode, StoreCode};
use numconc::{BudgetError, CommandError, LoadError, ValidationError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::reasons::{Issue, Reason};

/// Builds an exception of `numconc.errors` with keyword arguments.
fn build(
    py: Python<'_>,
    class: &str,
    code: &str,
    message_fr: &str,
    message_en: &str,
    extra: &Bound<'_, PyDict>,
) -> PyResult<PyErr> {
    let cls = py.import("numconc.errors")?.getattr(class)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", code)?;
    kwargs.set_item("message_fr", message_fr)?;
    kwargs.set_item("message_en", message_en)?;
    kwargs.update(extra.as_mapping())?;
    Ok(PyErr::from_value(cls.call((), Some(&kwargs))?))
}

/// An exception of class `class` (`TransitionError`, …).
pub(crate) fn raise(
    py: Python<'_>,
    class: &str,
    code: &str,
    message_fr: &str,
    message_en: &str,
) -> PyErr {
    raise_with(py, class, code, message_fr, message_en, &PyDict::new(py))
}

/// An exception with extra keyword arguments (`issues`, `reasons`, …).
pub(crate) fn raise_with(
    py: Python<'_>,
    class: &str,
    code: &str,
    message_fr: &str,
    message_en: &str,
    extra: &Bound<'_, PyDict>,
) -> PyErr {
    build(py, class, code, message_fr, message_en, extra).unwrap_or_else(|e| e)
}

fn issues_of<'py>(py: Python<'py>, v: &ValidationError) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for i in &v.issues {
        list.append(Bound::new(py, Issue::from_core(i))?)?;
    }
    Ok(list)
}

/// `INVALID_VALUE` as `ValidationError` with its issues.
pub(crate) fn validation_error(py: Python<'_>, v: &ValidationError) -> PyErr {
    let extra = PyDict::new(py);
    match issues_of(py, v).and_then(|l| extra.set_item("issues", l)) {
        Ok(()) => raise_with(
            py,
            "ValidationError",
            ValidationError::CODE,
            &v.message_fr(),
            &v.message_en(),
            &extra,
        ),
        Err(e) => e,
    }
}

/// The exception class of each command error code (an exhaustive match:
/// a new code cannot be left without a class).
pub(crate) fn class_of_command(code: CommandCode) -> &'static str {
    match code {
        CommandCode::InvalidValue => "ValidationError",
        CommandCode::NotEligible => "IneligibleError",
        CommandCode::UnknownDocument
        | CommandCode::UnknownConvention
        | CommandCode::UnknownInstitution => "NotFoundError",
        CommandCode::DuplicateId => "DuplicateIdError",
        CommandCode::CampaignClosed
        | CommandCode::DateOutOfOrder
        | CommandCode::InvalidTransition
        | CommandCode::DocumentUnfit
        | CommandCode::CollationRequired
        | CommandCode::ConventionNotInForce
        | CommandCode::NotAtProvider
        | CommandCode::TooManyRounds
        | CommandCode::SampleTooSmall
        | CommandCode::QcNotPassed
        | CommandCode::TargetNotPlanned
        | CommandCode::RightsNotCleared
        | CommandCode::InvalidArk
        | CommandCode::NationalLibraryConventionMissing
        | CommandCode::DocumentsAtProvider
        | CommandCode::DocumentsPending => "TransitionError",
    }
}

/// The exception class of each load error code.
pub(crate) fn class_of_load(code: LoadCode) -> &'static str {
    match code {
        LoadCode::InvalidValue => "ValidationError",
        LoadCode::UnknownPreset => "NotFoundError",
        LoadCode::InvalidJson
        | LoadCode::MissingSchemaVersion
        | LoadCode::UnsupportedSchemaVersion
        | LoadCode::InvalidEvent => "LoadError",
    }
}

/// The exception class of each budget error code.
pub(crate) fn class_of_budget(code: BudgetCode) -> &'static str {
    match code {
        BudgetCode::AmountOverflow => "BudgetError",
    }
}

/// The exception class of each spreadsheet import code.
pub(crate) fn class_of_import(code: ImportCode) -> &'static str {
    match code {
        ImportCode::InvalidInstitution
        | ImportCode::NotUtf8
        | ImportCode::EmptyFile
        | ImportCode::NoHeader
        | ImportCode::MissingColumn
        | ImportCode::DuplicateColumn
        | ImportCode::CsvSyntax
        | ImportCode::WorkbookEncrypted
        | ImportCode::WorkbookCorrupt
        | ImportCode::NoSheetWithHeader
        | ImportCode::UnknownSheet => "SpreadsheetError",
    }
}

/// The exception class of each store code.
pub(crate) fn class_of_store(code: StoreCode) -> &'static str {
    match code {
        StoreCode::Locked
        | StoreCode::Full
        | StoreCode::Io
        | StoreCode::Corrupt
        | StoreCode::SchemaNewer
        | StoreCode::Exists
        | StoreCode::NotFound
        | StoreCode::Failed
        | StoreCode::Closed => "StoreError",
    }
}

/// A store call's error: a command's or a saved file's keeps its class,
/// the file's own is `StoreError`.
pub(crate) fn store_error(py: Python<'_>, e: &numconc_store::StoreError) -> PyErr {
    use numconc_store::StoreError as E;
    match e {
        E::Command(c) => command_error(py, c),
        E::Load(l) => load_error(py, l),
        other => match other.store_code() {
            Some(code) => raise(
                py,
                class_of_store(code),
                code.code(),
                &other.message_fr(),
                &other.message_en(),
            ),
            None => internal_error(py, &other.message_en()),
        },
    }
}

/// Every code that can reach Python as an exception, with its class (for
/// the test that no code falls back to a class chosen by default).
#[pyfunction]
pub(crate) fn _exception_classes() -> Vec<(&'static str, &'static str, &'static str)> {
    let kind = |k: numconc::codes::Kind| k.as_str();
    CommandCode::ALL
        .iter()
        .map(|c| (kind(CommandCode::KIND), c.code(), class_of_command(*c)))
        .chain(
            LoadCode::ALL
                .iter()
                .map(|c| (kind(LoadCode::KIND), c.code(), class_of_load(*c))),
        )
        .chain(
            BudgetCode::ALL
                .iter()
                .map(|c| (kind(BudgetCode::KIND), c.code(), class_of_budget(*c))),
        )
        .chain(
            ImportCode::ALL
                .iter()
                .map(|c| (kind(ImportCode::KIND), c.code(), class_of_import(*c))),
        )
        .chain(
            StoreCode::ALL
                .iter()
                .map(|c| (kind(StoreCode::KIND), c.code(), class_of_store(*c))),
        )
        .collect()
}

fn command_error_inner(py: Python<'_>, e: &CommandError) -> PyResult<PyErr> {
    let (code, fr, en) = (e.code(), e.message_fr(), e.message_en());
    Ok(match e {
        CommandError::InvalidValue(v) => validation_error(py, v),
        CommandError::NotEligible { doc, reasons } => {
            let extra = PyDict::new(py);
            extra.set_item("document", doc)?;
            let list = PyList::empty(py);
            for r in reasons {
                list.append(Bound::new(py, Reason::from_reason(*r))?)?;
            }
            extra.set_item("reasons", list)?;
            raise_with(py, class_of_command(e.code_id()), code, &fr, &en, &extra)
        }
        _ => raise(py, class_of_command(e.code_id()), code, &fr, &en),
    })
}

/// A refused command: `ValidationError`, `IneligibleError`,
/// `NotFoundError`, `DuplicateIdError` or `TransitionError`.
pub(crate) fn command_error(py: Python<'_>, e: &CommandError) -> PyErr {
    command_error_inner(py, e).unwrap_or_else(|e| e)
}

/// A load or replay failure: `LoadError` (with the refused event and its
/// cause), `ValidationError` or `NotFoundError` (an unknown preset).
pub(crate) fn load_error(py: Python<'_>, e: &LoadError) -> PyErr {
    let (code, fr, en) = (e.code(), e.message_fr(), e.message_en());
    match e {
        LoadError::Invalid(v) => validation_error(py, v),
        LoadError::InvalidEvent { index, error } => {
            let extra = PyDict::new(py);
            let cause = command_error(py, error);
            let set = extra
                .set_item("event", *index)
                .and_then(|()| extra.set_item("cause", cause.value(py)));
            match set {
                Ok(()) => raise_with(py, class_of_load(e.code_id()), code, &fr, &en, &extra),
                Err(e) => e,
            }
        }
        _ => raise(py, class_of_load(e.code_id()), code, &fr, &en),
    }
}

/// A budget that cannot be computed: `BudgetError`.
pub(crate) fn budget_error(py: Python<'_>, e: &BudgetError) -> PyErr {
    raise(
        py,
        class_of_budget(e.code_id()),
        e.code(),
        &e.message_fr(),
        &e.message_en(),
    )
}

/// `NotFoundError` for a query on an unknown document.
pub(crate) fn unknown_document(py: Python<'_>, doc: &str) -> PyErr {
    command_error(py, &CommandError::UnknownDocument(doc.to_string()))
}

/// `InternalError`: a bug of numconc, never the caller's fault.
pub(crate) fn internal_error(py: Python<'_>, what: &str) -> PyErr {
    raise(
        py,
        "InternalError",
        "INTERNAL_ERROR",
        &format!("erreur interne de numconc ({what}) : merci de la signaler"),
        &format!("numconc internal error ({what}): please report it"),
    )
}

/// Runs core code, turning a panic into `InternalError`.
pub(crate) fn guarded<R>(py: Python<'_>, f: impl FnOnce() -> R) -> PyResult<R> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| internal_error(py, "panic"))
}

/// Runs core code without the GIL (other Python threads go on meanwhile),
/// turning a panic into `InternalError`.
pub(crate) fn detached<R, F>(py: Python<'_>, f: F) -> PyResult<R>
where
    F: FnOnce() -> R + Send,
    R: Send,
{
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|_| internal_error(py, "panic"))
}
