//! Columnar results for Python: `pyarrow.Table`s built from columns that
//! Rust fills (strings as offsets + bytes, counts as `int64`, money as
//! `decimal128(18, 2)` from the integer cents, exact), handed to pyarrow as
//! buffers, with no Python object per value. pyarrow is optional, like
//! pandas.

use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

/// One column being filled.
pub(crate) enum Column {
    /// UTF-8 strings, some missing.
    Str {
        offsets: Vec<i64>,
        data: Vec<u8>,
        valid: Validity,
    },
    /// Counts, some missing.
    Int64 { data: Vec<i64>, valid: Validity },
    /// Booleans.
    Bool { data: Validity },
    /// Money in cents, as `decimal128(18, 2)`.
    Money { data: Vec<i128> },
    /// Lists of strings (codes).
    StrList {
        lists: Vec<i32>,
        offsets: Vec<i64>,
        data: Vec<u8>,
    },
}

/// A bitmap of validity (or of booleans), least significant bit first.
#[derive(Default)]
pub(crate) struct Validity {
    bits: Vec<u8>,
    len: usize,
    nulls: usize,
}

impl Validity {
    fn push(&mut self, set: bool) {
        if self.len.is_multiple_of(8) {
            self.bits.push(0);
        }
        if set {
            if let Some(last) = self.bits.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        } else {
            self.nulls += 1;
        }
        self.len += 1;
    }
}

impl Column {
    pub(crate) fn strings() -> Column {
        Column::Str {
            offsets: vec![0],
            data: Vec::new(),
            valid: Validity::default(),
        }
    }

    pub(crate) fn ints() -> Column {
        Column::Int64 {
            data: Vec::new(),
            valid: Validity::default(),
        }
    }

    pub(crate) fn bools() -> Column {
        Column::Bool {
            data: Validity::default(),
        }
    }

    pub(crate) fn money() -> Column {
        Column::Money { data: Vec::new() }
    }

    pub(crate) fn string_lists() -> Column {
        Column::StrList {
            lists: vec![0],
            offsets: vec![0],
            data: Vec::new(),
        }
    }

    pub(crate) fn push_str(&mut self, s: Option<&str>) {
        if let Column::Str {
            offsets,
            data,
            valid,
        } = self
        {
            data.extend_from_slice(s.unwrap_or("").as_bytes());
            offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
            valid.push(s.is_some());
        }
    }

    pub(crate) fn push_int(&mut self, v: Option<u64>) {
        if let Column::Int64 { data, valid } = self {
            data.push(v.and_then(|v| i64::try_from(v).ok()).unwrap_or(0));
            valid.push(v.is_some());
        }
    }

    pub(crate) fn push_bool(&mut self, b: bool) {
        if let Column::Bool { data } = self {
            data.push(b);
        }
    }

    pub(crate) fn push_money(&mut self, cents: i64) {
        if let Column::Money { data } = self {
            data.push(i128::from(cents));
        }
    }

    pub(crate) fn push_list<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) {
        if let Column::StrList {
            lists,
            offsets,
            data,
        } = self
        {
            for s in items {
                data.extend_from_slice(s.as_bytes());
                offsets.push(i64::try_from(data.len()).unwrap_or(i64::MAX));
            }
            lists.push(i32::try_from(offsets.len() - 1).unwrap_or(i32::MAX));
        }
    }
}

fn le_bytes<T: Copy>(values: &[T], to: impl Fn(T) -> Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(std::mem::size_of_val(values));
    for v in values {
        out.extend(to(*v));
    }
    out
}

fn pyarrow(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pyarrow").map_err(|e| {
        if e.is_instance_of::<PyImportError>(py) {
            PyImportError::new_err(
                "to_arrow() needs pyarrow, which is not installed (pip install pyarrow)",
            )
        } else {
            e
        }
    })
}

/// The columns as a `pyarrow.Table`.
pub(crate) fn table<'py>(
    py: Python<'py>,
    names: &[String],
    columns: Vec<Column>,
    rows: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let pa = pyarrow(py)?;
    let buffer = |bytes: Vec<u8>| -> PyResult<Bound<'py, PyAny>> {
        pa.call_method1("py_buffer", (PyBytes::new(py, &bytes),))
    };
    let validity = |v: Validity| -> PyResult<Bound<'py, PyAny>> {
        if v.nulls == 0 {
            Ok(py.None().into_bound(py))
        } else {
            buffer(v.bits)
        }
    };
    let array_type = pa.getattr("Array")?;
    let from_buffers = |ty: Bound<'py, PyAny>, n: usize, bufs: Vec<Bound<'py, PyAny>>| {
        array_type.call_method1("from_buffers", (ty, n, PyList::new(py, bufs)?))
    };
    let arrays = PyList::empty(py);
    for column in columns {
        let array = match column {
            Column::Str {
                offsets,
                data,
                valid,
            } => from_buffers(
                pa.call_method0("large_string")?,
                rows,
                vec![
                    validity(valid)?,
                    buffer(le_bytes(&offsets, |o| o.to_le_bytes().to_vec()))?,
                    buffer(data)?,
                ],
            )?,
            Column::Int64 { data, valid } => from_buffers(
                pa.call_method0("int64")?,
                rows,
                vec![
                    validity(valid)?,
                    buffer(le_bytes(&data, |v| v.to_le_bytes().to_vec()))?,
                ],
            )?,
            Column::Bool { data } => from_buffers(
                pa.call_method0("bool_")?,
                rows,
                vec![py.None().into_bound(py), buffer(data.bits)?],
            )?,
            Column::Money { data } => from_buffers(
                pa.call_method1("decimal128", (18, 2))?,
                rows,
                vec![
                    py.None().into_bound(py),
                    buffer(le_bytes(&data, |v| v.to_le_bytes().to_vec()))?,
                ],
            )?,
            Column::StrList {
                lists,
                offsets,
                data,
            } => {
                let n_items = offsets.len() - 1;
                let values = from_buffers(
                    pa.call_method0("large_string")?,
                    n_items,
                    vec![
                        py.None().into_bound(py),
                        buffer(le_bytes(&offsets, |o| o.to_le_bytes().to_vec()))?,
                        buffer(data)?,
                    ],
                )?;
                let list_type = pa.call_method1("list_", (pa.call_method0("large_string")?,))?;
                array_type.call_method1(
                    "from_buffers",
                    (
                        list_type,
                        rows,
                        PyList::new(
                            py,
                            [
                                py.None().into_bound(py),
                                buffer(le_bytes(&lists, |o| o.to_le_bytes().to_vec()))?,
                            ],
                        )?,
                        0,
                        0,
                        PyList::new(py, [values])?,
                    ),
                )?
            }
        };
        arrays.append(array)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("names", PyList::new(py, names)?)?;
    pa.getattr("Table")?
        .call_method("from_arrays", (arrays,), Some(&kwargs))
}

/// A `pyarrow.Table` as a pandas DataFrame: Arrow-backed columns where
/// money stays exact (`pd.ArrowDtype(decimal128(18, 2))`, `Decimal`
/// values), or, with `money="float"`, plain NumPy columns with money as
/// `float64` (for plotting).
pub(crate) fn to_pandas<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    money: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let pd = py.import("pandas").map_err(|e| {
        if e.is_instance_of::<PyImportError>(py) {
            PyImportError::new_err(
                "to_pandas() needs pandas, which is not installed (pip install pandas)",
            )
        } else {
            e
        }
    })?;
    let pa = pyarrow(py)?;
    let table = match money {
        "decimal" => table.clone(),
        "float" => {
            let schema = table.getattr("schema")?;
            let mut t = table.clone();
            let names: Vec<String> = schema.getattr("names")?.extract()?;
            for (i, name) in names.iter().enumerate() {
                let field = schema.call_method1("field", (i,))?;
                let is_decimal: bool = pa
                    .getattr("types")?
                    .call_method1("is_decimal", (field.getattr("type")?,))?
                    .extract()?;
                if is_decimal {
                    let column = t
                        .call_method1("column", (i,))?
                        .call_method1("cast", (pa.call_method0("float64")?,))?;
                    t = t.call_method1("set_column", (i, name, column))?;
                }
            }
            t
        }
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "money: expected \"decimal\" or \"float\", got {other:?}"
            )))
        }
    };
    let kwargs = PyDict::new(py);
    if money == "decimal" {
        // Arrow-backed columns: the decimals stay exact.
        kwargs.set_item("types_mapper", pd.getattr("ArrowDtype")?)?;
    }
    // With floats: plain NumPy columns, for plotting.
    table.call_method("to_pandas", (), Some(&kwargs))
}
