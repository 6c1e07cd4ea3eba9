//! Conversions between Python values and the core's types or the v1 JSON
//! form. Types are checked here, before anything reaches the core: a float is
//! never money, a `bool` is never a number, a `datetime` is not a day.
//! Dicts reach the core's readers through the serde deserializer of
//! `de.rs`, which applies the same type rules.

use numconc::campaign_data::{Document, Institution};
use numconc::convention::Convention;
use numconc::Date;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

pub(crate) use crate::json_to_py::from_json;
pub(crate) use crate::scalars::{date_to_py, money_to_py, opt_date_to_py, opt_money_to_py};
use crate::scalars::{date_type, datetime_type, decimal_type, mapping_type};

/// The name of a value's type, for messages (`float`, `datetime.datetime`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    if obj.is_none() {
        return "None".into();
    }
    let ty = obj.get_type();
    let name = ty
        .qualname()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    match ty.module().map(|m| m.to_string()) {
        Ok(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    }
}

pub(crate) fn is_decimal(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(decimal_type(obj.py())?)
}

pub(crate) fn is_datetime(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(datetime_type(obj.py())?)
}

pub(crate) fn is_date(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    obj.is_instance(date_type(obj.py())?)
}

/// The exact text of a finite `decimal.Decimal`, in fixed notation without
/// trailing zeros after the point (`Decimal("12.300")` → `"12.3"`,
/// `Decimal("1E+3")` → `"1000"`), or `None` for NaN or an infinity. The
/// core then decides whether it is valid money, a unit price or a rate.
pub(crate) fn decimal_fixed(obj: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let finite: bool = obj.call_method0("is_finite")?.extract()?;
    if !finite {
        return Ok(None);
    }
    let mut text: String = obj.call_method1("__format__", ("f",))?.extract()?;
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(trimmed);
    }
    Ok(Some(text))
}

pub(crate) fn not_an_amount(obj: &Bound<'_, PyAny>, what: &str) -> PyErr {
    match obj.repr() {
        Ok(repr) => PyValueError::new_err(format!(
            "{what}: {repr} is not an amount; a finite decimal.Decimal is expected"
        )),
        Err(e) => e,
    }
}

/// [`decimal_fixed`], NaN and infinities refused (`ValueError` naming `what`).
fn decimal_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    decimal_fixed(obj)?.ok_or_else(|| not_an_amount(obj, what))
}

pub(crate) fn float_is_not_money(what: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "{what}: a float is not accepted: binary floating point cannot represent money \
         exactly; use decimal.Decimal (Decimal(\"12.30\")) for money and rates, int for counts"
    ))
}

/// A money argument: `decimal.Decimal` (or `int`), checked here because
/// PyO3's own Decimal conversion would accept floats and bools.
pub(crate) fn money_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected decimal.Decimal, got bool"
        )));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(float_is_not_money(what));
    }
    if is_decimal(obj)? {
        return decimal_text(obj, what);
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(obj.str()?.to_string());
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected decimal.Decimal, got {}",
        type_name(obj)
    )))
}

/// A day: a `datetime.date` that is not a `datetime.datetime`.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Date> {
    if is_datetime(obj)? {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected datetime.date, got datetime.datetime (a day has no time: use .date())"
        )));
    }
    if !is_date(obj)? {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected datetime.date, got {}",
            type_name(obj)
        )));
    }
    let y: i32 = obj.getattr("year")?.extract()?;
    let m: u32 = obj.getattr("month")?.extract()?;
    let d: u32 = obj.getattr("day")?.extract()?;
    Date::from_ymd_opt(y, m, d)
        .ok_or_else(|| PyValueError::new_err(format!("{what}: {y:04}-{m:02}-{d:02} is not a day")))
}

/// An instant: a `datetime.datetime` with a time zone, in UTC (to the
/// second below).
pub(crate) fn instant_arg(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<chrono::DateTime<chrono::Utc>> {
    if !is_datetime(obj)? {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected datetime.datetime, got {}",
            type_name(obj)
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what}: a datetime without a time zone is no instant: give tzinfo=datetime.timezone.utc"
        )));
    }
    let seconds: f64 = obj.call_method0("timestamp")?.extract()?;
    let floor = seconds.floor();
    // Python's datetimes lie in years 1 to 9999: their seconds fit i64.
    #[allow(clippy::cast_possible_truncation)]
    chrono::DateTime::from_timestamp(floor as i64, 0)
        .ok_or_else(|| PyValueError::new_err(format!("{what}: out of range")))
}

/// An optional day (`None` allowed).
pub(crate) fn opt_date_arg(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<Date>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => date_arg(o, what).map(Some),
    }
}

pub(crate) fn int_out_of_range(obj: &Bound<'_, PyAny>, what: &str) -> PyErr {
    match obj.str() {
        Ok(text) => PyValueError::new_err(format!("{what}: the integer {text} is out of range")),
        Err(e) => e,
    }
}

/// A count argument (views, sample, issues…): an `int` (`TypeError`
/// otherwise); a negative or huge one is the core's `OUT_OF_RANGE` at `what`.
pub(crate) fn count_arg(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<Result<u64, numconc::ValidationError>> {
    check_int(obj, what)?;
    Ok(obj.extract::<u64>().map_err(|_| out_of_range(obj, what)))
}

/// A year argument: an `int`; out of 1–9999 is the core's `OUT_OF_RANGE`.
pub(crate) fn year_arg(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<Result<i64, numconc::ValidationError>> {
    check_int(obj, what)?;
    Ok(obj.extract::<i64>().map_err(|_| out_of_range(obj, what)))
}

pub(crate) fn check_int(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected int, got {}",
            type_name(obj)
        )));
    }
    Ok(())
}

fn out_of_range(obj: &Bound<'_, PyAny>, what: &str) -> numconc::ValidationError {
    let text = obj.str().map(|s| s.to_string()).unwrap_or_default();
    numconc::ValidationError::single(
        numconc::IssueCode::OutOfRange,
        what,
        format!("{}: out of range", numconc::limits::quote(&text)),
    )
}

/// A list of strings (document ids, grades): a list or tuple, never a lone string.
pub(crate) fn str_list_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if !(obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()) {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a list of str, got {}",
            type_name(obj)
        )));
    }
    let mut out = Vec::new();
    for (i, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        if !item.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(format!(
                "{what}[{i}]: expected str, got {}",
                type_name(&item)
            )));
        }
        out.push(item.extract()?);
    }
    Ok(out)
}

/// A mapping's key as text (`TypeError` "`what` must be str" otherwise).
pub(crate) fn str_key(key: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match key.cast::<PyString>() {
        Ok(k) => Ok(k.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} must be str, got {}",
            type_name(key)
        ))),
    }
}

/// Whether a value is a mapping (`dict` or any `collections.abc.Mapping`).
pub(crate) fn is_mapping(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.is_instance_of::<PyDict>() || obj.is_instance(mapping_type(obj.py())?)?)
}

/// A document as a dict of the v1 fields, in their order, with
/// `insured_value` as `Decimal` and `proposed_on` as `datetime.date`.
/// A Python list of the dicts that `one` makes of each item.
pub(crate) fn dicts<'py, T>(
    py: Python<'py>,
    items: &[T],
    one: impl Fn(Python<'py>, &T) -> PyResult<Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for item in items {
        list.append(one(py, item)?)?;
    }
    Ok(list)
}

pub(crate) fn document_to_py<'py>(py: Python<'py>, d: &Document) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("id", &d.id)?;
    dict.set_item("institution", &d.institution)?;
    dict.set_item("title", d.title.as_deref())?;
    dict.set_item("author", d.author.as_deref())?;
    dict.set_item("date", d.date.as_ref().map(|x| x.as_str()))?;
    dict.set_item("typology", d.typology.as_str())?;
    dict.set_item("format", d.format.map(|f| f.as_str()))?;
    dict.set_item("views", d.views)?;
    let themes: Vec<&str> = d.themes.iter().map(|t| t.as_str()).collect();
    dict.set_item("themes", themes)?;
    dict.set_item("rights", d.rights.as_str())?;
    dict.set_item("targets", &d.targets)?;
    dict.set_item("fragile", d.fragile)?;
    dict.set_item("ocr", d.ocr)?;
    dict.set_item("insured_value", money_to_py(py, d.insured_value)?)?;
    dict.set_item("existing_digitization", d.existing_digitization.as_deref())?;
    dict.set_item("proposed_on", date_to_py(py, d.proposed_on)?)?;
    dict.set_item("shelfmark", d.shelfmark.as_deref())?;
    dict.set_item("labels", &d.labels)?;
    Ok(dict)
}

/// An institution as a dict of the v1 fields, in their order.
pub(crate) fn institution_to_py<'py>(
    py: Python<'py>,
    i: &Institution,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("id", &i.id)?;
    dict.set_item("name", &i.name)?;
    dict.set_item("kind", i.kind.as_str())?;
    dict.set_item("size", i.size.as_str())?;
    dict.set_item("membership_years", &i.membership_years)?;
    dict.set_item("siren", i.siren.as_deref())?;
    Ok(dict)
}

/// An amendment as a dict with its days as `datetime.date`.
pub(crate) fn amendment_to_py<'py>(
    py: Python<'py>,
    a: &numconc::Amendment,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("signed_on", date_to_py(py, a.signed_on)?)?;
    dict.set_item("ends_on", opt_date_to_py(py, a.ends_on)?)?;
    Ok(dict)
}

/// A convention as a dict with its days as `datetime.date`.
pub(crate) fn convention_to_py<'py>(
    py: Python<'py>,
    c: &Convention,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("id", &c.id)?;
    dict.set_item("institution", &c.institution)?;
    dict.set_item("kind", c.kind.as_str())?;
    dict.set_item("signed_on", date_to_py(py, c.signed_on)?)?;
    dict.set_item("starts_on", date_to_py(py, c.starts_on)?)?;
    dict.set_item("ends_on", date_to_py(py, c.ends_on)?)?;
    let amendments = PyList::empty(py);
    for a in &c.amendments {
        amendments.append(amendment_to_py(py, a)?)?;
    }
    dict.set_item("amendments", amendments)?;
    match &c.termination {
        Some(t) => {
            let term = PyDict::new(py);
            term.set_item("notice_received_on", date_to_py(py, t.notice_received_on)?)?;
            dict.set_item("termination", term)?;
        }
        None => dict.set_item("termination", py.None())?,
    }
    Ok(dict)
}
