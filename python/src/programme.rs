//! `numconc.Programme`: the rulebook, from a preset, JSON, a dict or a file.

use std::path::PathBuf;

use numconc::Programme as CoreProgramme;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{from_json, opt_money_to_py};
use crate::de::{expect_mapping, read_error, At, De};
use crate::errors::{detached, guarded, load_error, validation_error};
use crate::file;
use crate::table::{html_table, Cell};

/// The core's language of `lang` (`"fr"`, `"en"`, or the default).
fn core_lang(lang: Option<&str>) -> PyResult<numconc::Lang> {
    Ok(if crate::lang::french(lang)? {
        numconc::Lang::Fr
    } else {
        numconc::Lang::En
    })
}

/// The rulebook of a concerted digitisation programme: eligibility rules,
/// price grid, funders, quality-control rules.
///
/// Example:
///     >>> import numconc
///     >>> p = numconc.Programme.preset("hauts-de-france")
///     >>> p.funder_ids
///     ['bnf', 'drac', 'ar2l']
#[pyclass(frozen, eq, module = "numconc", name = "Programme")]
#[derive(Clone, PartialEq)]
pub struct Programme {
    pub(crate) inner: CoreProgramme,
}

#[pymethods]
impl Programme {
    /// A shipped programme by id (see `Programme.presets()`).
    ///
    /// Raises `NotFoundError` (`UNKNOWN_PRESET`) for another id.
    #[staticmethod]
    fn preset(py: Python<'_>, id: &str) -> PyResult<Programme> {
        guarded(py, || CoreProgramme::preset(id))?
            .map(|inner| Programme { inner })
            .map_err(|e| load_error(py, &e))
    }

    /// The ids of the shipped programmes.
    #[staticmethod]
    fn presets() -> Vec<&'static str> {
        numconc::Programme::preset_ids()
    }

    /// A programme from its v1 JSON text.
    ///
    /// Raises `ValidationError` with every problem found.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Programme> {
        guarded(py, || CoreProgramme::from_json(text))?
            .map(|inner| Programme { inner })
            .map_err(|e| validation_error(py, &e))
    }

    /// A programme from a dict of the v1 form; rates and prices may be
    /// `decimal.Decimal` or strings (never floats).
    ///
    /// Raises `ValidationError` with every problem found (`TOO_DEEP` past
    /// 128 levels, the programme being level 1), `TypeError` for a value
    /// of a wrong Python type.
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Programme> {
        expect_mapping(data, "programme")?;
        CoreProgramme::from_serde(|| De::py(data, At::root("", 0)))
            .map(|inner| Programme { inner })
            .map_err(|e| read_error(py, e))
    }

    /// A programme from a JSON file (`OSError` naming the file when it
    /// cannot be read; `ValidationError` `INVALID_JSON` when it is not
    /// UTF-8; a byte-order mark is skipped).
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Programme> {
        let bytes =
            detached(py, || std::fs::read(&path))?.map_err(|e| file::os_error(&path, &e))?;
        guarded(py, || CoreProgramme::from_json_bytes(&bytes))?
            .map(|inner| Programme { inner })
            .map_err(|e| validation_error(py, &e))
    }

    /// Identifier (`hauts-de-france`).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// Display name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Currency code (`EUR`).
    #[getter]
    fn currency(&self) -> &str {
        &self.inner.currency
    }

    /// Funder ids, in allocation order.
    #[getter]
    fn funder_ids(&self) -> Vec<String> {
        self.inner.funders.iter().map(|f| f.id.clone()).collect()
    }

    /// The funders, in allocation order: dicts `id`, `name`, `public`,
    /// `envelope`, `per_institution_min`, `per_institution_max` (`Decimal` or
    /// `None`) and `lines`.
    #[getter]
    fn funders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for f in &self.inner.funders {
            let d = PyDict::new(py);
            d.set_item("id", &f.id)?;
            d.set_item("name", &f.name)?;
            d.set_item("public", f.public)?;
            d.set_item("envelope", opt_money_to_py(py, f.envelope)?)?;
            d.set_item(
                "per_institution_min",
                opt_money_to_py(py, f.per_institution_min)?,
            )?;
            d.set_item(
                "per_institution_max",
                opt_money_to_py(py, f.per_institution_max)?,
            )?;
            let lines: Vec<&str> = f.lines.iter().map(|l| l.as_str()).collect();
            d.set_item("lines", lines)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The programme in the v1 interchange form (amounts and rates as strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_json(py, &self.inner.to_value())
    }

    /// The programme as v1 JSON text.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The programme as a coordinator reads it, as plain text in `lang`
    /// (`"fr"` or `"en"`; default: `numconc.get_language()`): the price
    /// grid and each funder's rules in words.
    #[pyo3(signature = (lang=None))]
    fn describe(&self, lang: Option<&str>) -> PyResult<String> {
        Ok(self.inner.describe(core_lang(lang)?))
    }

    /// The price grid and each funder's rules as tables, in the language of
    /// `numconc.get_language()`.
    fn _repr_html_(&self) -> PyResult<String> {
        use numconc::programme::describe::{funder_rules, price_grid};
        let lang = core_lang(None)?;
        let fr = lang == numconc::Lang::Fr;
        let headers = |h: [&str; 3]| h.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let grid: Vec<Vec<Cell>> = price_grid(&self.inner, lang)
            .into_iter()
            .map(|[what, format, price]| {
                vec![Cell::text(what), Cell::text(format), Cell::number(price)]
            })
            .collect();
        let mut out = html_table(
            &format!(
                "{} — {}",
                self.inner.name,
                if fr {
                    "grille de prix (par vue)"
                } else {
                    "price grid (per view)"
                }
            ),
            &headers(if fr {
                ["document", "format", "prix"]
            } else {
                ["document", "format", "price"]
            }),
            &grid,
            None,
            &[],
        );
        let funders: Vec<Vec<Cell>> = self
            .inner
            .funders
            .iter()
            .map(|f| {
                vec![
                    Cell::text(f.name.clone()),
                    Cell::text(f.id.clone()),
                    Cell::text(funder_rules(f, lang).join(" ; ")),
                ]
            })
            .collect();
        let mut notes = Vec::new();
        if let Some(r) = self.inner.max_public_rate {
            let pct = numconc::programme::describe::percent(r, lang);
            notes.push(if fr {
                format!("Plafond des aides publiques : {pct}")
            } else {
                format!("Cap on public funding: {pct}")
            });
        }
        out.push_str(&html_table(
            if fr { "Financeurs" } else { "Funders" },
            &headers(if fr {
                [
                    "financeur",
                    "identifiant",
                    "règles (la première qui s'applique)",
                ]
            } else {
                ["funder", "id", "rules (the first that holds applies)"]
            }),
            &funders,
            None,
            &notes,
        ));
        Ok(out)
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.Programme {} ({} funders)>",
            self.inner.id,
            self.inner.funders.len()
        )
    }
}
