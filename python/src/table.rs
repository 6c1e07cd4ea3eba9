//! Tabular results: records (a list of dicts), pandas DataFrames and the
//! HTML that Jupyter shows (`_repr_html_`). Presentation only.

use numconc::lang::labels;
use pyo3::exceptions::{PyImportError, PyIndexError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::lang;

/// Escapes text for HTML.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One cell: its text and whether it is a number (right-aligned).
pub(crate) struct Cell {
    pub text: String,
    pub numeric: bool,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            numeric: false,
        }
    }
    pub fn number(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            numeric: true,
        }
    }
}

/// A number's text with the decimal sign of the language shown: `1042,00`
/// in French, `1042.00` in English.
fn decimal_sign(text: String) -> String {
    if lang::is_french() {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The display of a Python value in a cell.
pub(crate) fn cell_of(obj: &Bound<'_, PyAny>) -> PyResult<Cell> {
    if obj.is_none() {
        return Ok(Cell::text(""));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        let fr = lang::is_french();
        let t = match (b.is_true(), fr) {
            (true, true) => "oui",
            (false, true) => "non",
            (true, false) => "yes",
            (false, false) => "no",
        };
        return Ok(Cell::text(t));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Cell::number(obj.str()?.to_string()));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(Cell::number(decimal_sign(obj.str()?.to_string())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Cell::text(s.extract::<String>()?));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut parts = Vec::new();
        for item in obj.try_iter()? {
            parts.push(cell_of(&item?)?.text);
        }
        return Ok(Cell::text(parts.join(", ")));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut parts = Vec::new();
        for (k, v) in d.iter() {
            parts.push(format!("{}: {}", k.str()?, cell_of(&v)?.text));
        }
        return Ok(Cell::text(parts.join("; ")));
    }
    let type_name = obj.get_type().name()?.to_string();
    let text = obj.str()?.to_string();
    Ok(if type_name == "Decimal" {
        Cell::number(decimal_sign(text))
    } else {
        Cell::text(text)
    })
}

/// An HTML table with a caption, a header row, rows, an optional footer row
/// and notes below.
pub(crate) fn html_table(
    caption: &str,
    headers: &[String],
    rows: &[Vec<Cell>],
    footer: Option<&[Cell]>,
    notes: &[String],
) -> String {
    let mut out = String::from("<div class=\"numconc\"><table>");
    if !caption.is_empty() {
        out.push_str(&format!(
            "<caption style=\"text-align:left;font-weight:bold\">{}</caption>",
            escape(caption)
        ));
    }
    out.push_str("<thead><tr>");
    for h in headers {
        out.push_str(&format!("<th>{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    let cell = |c: &Cell, tag: &str| {
        if c.numeric {
            format!(
                "<{tag} style=\"text-align:right\">{}</{tag}>",
                escape(&c.text)
            )
        } else {
            format!(
                "<{tag} style=\"text-align:left\">{}</{tag}>",
                escape(&c.text)
            )
        }
    };
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            out.push_str(&cell(c, "td"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody>");
    if let Some(f) = footer {
        out.push_str("<tfoot><tr>");
        for c in f {
            out.push_str(&cell(c, "th"));
        }
        out.push_str("</tr></tfoot>");
    }
    out.push_str("</table>");
    for n in notes {
        out.push_str(&format!("<p>{}</p>", escape(n)));
    }
    out.push_str("</div>");
    out
}

/// `pandas.DataFrame.from_records(records, columns=columns)`, with a clear
/// message when pandas is not installed.
pub(crate) fn to_pandas<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyList>,
    columns: &[String],
) -> PyResult<Bound<'py, PyAny>> {
    let pandas = py.import("pandas").map_err(|e| {
        if e.is_instance_of::<PyImportError>(py) {
            PyImportError::new_err(
                "to_pandas() needs pandas, which is not installed (pip install pandas)",
            )
        } else {
            e
        }
    })?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("columns", PyList::new(py, columns)?)?;
    pandas
        .getattr("DataFrame")?
        .call_method("from_records", (records,), Some(&kwargs))
}

/// A table of records (one dict per row) with named columns: the custody
/// report, the document states, the event log.
#[pyclass(frozen, module = "numconc", name = "Table")]
pub struct Table {
    title: String,
    title_fr: String,
    columns: Vec<String>,
    records: Vec<Py<PyDict>>,
}

impl Table {
    /// A table; `columns` may be extended by keys found in the records.
    pub(crate) fn new(
        py: Python<'_>,
        (title, title_fr): (String, String),
        mut columns: Vec<String>,
        records: Vec<Py<PyDict>>,
    ) -> Self {
        for r in &records {
            for k in r.bind(py).keys() {
                if let Ok(k) = k.extract::<String>() {
                    if !columns.contains(&k) {
                        columns.push(k);
                    }
                }
            }
        }
        Table {
            title,
            title_fr,
            columns,
            records,
        }
    }
}

#[pymethods]
impl Table {
    /// What the table shows, in the language of `numconc.get_language()`.
    #[getter]
    fn title(&self) -> &str {
        if lang::is_french() {
            &self.title_fr
        } else {
            &self.title
        }
    }

    /// The column names, in order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.columns.clone()
    }

    fn __len__(&self) -> usize {
        self.records.len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyDict>> {
        let n = isize::try_from(self.records.len()).unwrap_or(isize::MAX);
        let i = if index < 0 { index + n } else { index };
        usize::try_from(i)
            .ok()
            .and_then(|i| self.records.get(i))
            .map(|r| r.bind(py).copy())
            .ok_or_else(|| PyIndexError::new_err("table index out of range"))?
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.to_records(py)?.try_iter()?.into_any())
    }

    /// The rows as a list of dicts (copies).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in &self.records {
            list.append(r.bind(py).copy()?)?;
        }
        Ok(list)
    }

    /// The rows as a pandas DataFrame (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pandas(py, &self.to_records(py)?, &self.columns)
    }

    /// The table for people, in one language: headers and state or
    /// command values by their labels (`sélectionné`, `chez le
    /// prestataire`), yes/no, decimal commas in French; the records keep
    /// the data's identifiers.
    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let lang = if lang::is_french() {
            numconc::Lang::Fr
        } else {
            numconc::Lang::En
        };
        let mut rows = Vec::with_capacity(self.records.len());
        for r in &self.records {
            let r = r.bind(py);
            let mut row = Vec::with_capacity(self.columns.len());
            for c in &self.columns {
                row.push(match r.get_item(c)? {
                    Some(v) => match v.cast::<PyString>() {
                        Ok(s) => {
                            let text: String = s.extract()?;
                            match labels::value(c, &text, lang) {
                                Some(l) => Cell::text(l),
                                None => Cell::text(text),
                            }
                        }
                        Err(_) => cell_of(&v)?,
                    },
                    None => Cell::text(""),
                });
            }
            rows.push(row);
        }
        let headers: Vec<String> = self
            .columns
            .iter()
            .map(|c| labels::column(c, lang).map_or_else(|| c.clone(), str::to_string))
            .collect();
        let caption = format!("{} ({})", self.title(), self.records.len());
        Ok(html_table(&caption, &headers, &rows, None, &[]))
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.Table {:?}: {} rows × {} columns>",
            self.title,
            self.records.len(),
            self.columns.len()
        )
    }
}
