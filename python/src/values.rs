//! Result objects: reasons and issues with their French and English
//! messages, eligibility, document states and budgets.

use numconc::lifecycle::state::{Custody, DocumentState as CoreState};
use numconc::rules::budget::{Budget as CoreBudget, BudgetLine as CoreLine};
use numconc::rules::eligibility::Eligibility as CoreEligibility;
use std::sync::{Arc, Mutex};

use numconc::rules::eligibility::EligibilityTable;
use numconc::{CampaignData, Date};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::arrow::Column;
use crate::lang;
pub(crate) use crate::reasons::{Issue, Reason};
use crate::scalars::{date_to_py, money_to_py, opt_date_to_py};
use crate::table::{cell_of, html_table, to_pandas, Cell};

/// The eligibility of one document on one day.
#[pyclass(frozen, module = "numconc", name = "Eligibility")]
#[derive(Debug, Clone)]
pub struct Eligibility {
    document: String,
    as_of: Date,
    reasons: Vec<Reason>,
    warnings: Vec<Reason>,
}

impl Eligibility {
    pub(crate) fn from_core(document: &str, as_of: Date, e: &CoreEligibility) -> Self {
        Eligibility {
            document: document.to_string(),
            as_of,
            reasons: e.reasons.iter().map(|r| Reason::from_reason(*r)).collect(),
            warnings: e
                .warnings
                .iter()
                .map(|w| Reason::from_warning(*w))
                .collect(),
        }
    }

    fn record<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("document", &self.document)?;
        d.set_item("eligible", self.reasons.is_empty())?;
        d.set_item("reasons", codes(&self.reasons))?;
        d.set_item("warnings", codes(&self.warnings))?;
        Ok(d)
    }

    fn cells(&self) -> PyResult<Vec<Cell>> {
        let explain = |list: &[Reason]| -> PyResult<String> {
            let mut parts = Vec::new();
            for r in list {
                parts.push(format!("{} ({})", r.text(None)?, r.code));
            }
            Ok(parts.join(" ; "))
        };
        let yes_no = if lang::is_french() {
            ["oui", "non"]
        } else {
            ["yes", "no"]
        };
        Ok(vec![
            Cell::text(&self.document),
            Cell::text(yes_no[usize::from(!self.reasons.is_empty())]),
            Cell::text(explain(&self.reasons)?),
            Cell::text(explain(&self.warnings)?),
        ])
    }
}

fn codes(list: &[Reason]) -> Vec<String> {
    list.iter().map(|r| r.code.clone()).collect()
}

#[pymethods]
impl Eligibility {
    /// The document.
    #[getter]
    fn document(&self) -> &str {
        &self.document
    }

    /// The day eligibility was judged on.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.as_of)
    }

    /// Whether the document is eligible (no reason).
    #[getter]
    fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }

    /// Every reason, in the order of the rules (empty when eligible).
    #[getter]
    fn reasons(&self) -> Vec<Reason> {
        self.reasons.clone()
    }

    /// Warnings, which do not block (`CONVENTION_ENDS_BEFORE_CAMPAIGN`).
    #[getter]
    fn warnings(&self) -> Vec<Reason> {
        self.warnings.clone()
    }

    /// `{"eligible": bool, "reasons": [codes], "warnings": [codes]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("eligible", self.reasons.is_empty())?;
        d.set_item("reasons", codes(&self.reasons))?;
        d.set_item("warnings", codes(&self.warnings))?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        if self.reasons.is_empty() {
            format!("<numconc.Eligibility {}: eligible>", self.document)
        } else {
            format!(
                "<numconc.Eligibility {}: not eligible ({})>",
                self.document,
                codes(&self.reasons).join(", ")
            )
        }
    }
}

const ELIGIBILITY_COLUMNS: [&str; 4] = ["document", "eligible", "reasons", "warnings"];

/// The eligibility of every document on one day, by document id (a
/// read-only mapping that is also a table).
///
/// Example:
///     >>> import datetime, numconc
///     >>> p = numconc.Programme.preset("hauts-de-france")
///     >>> c = numconc.Campaign(p, id="c", year=2026, ends_on=datetime.date(2027, 6, 30),
///     ...     institutions=[{"id": "BM-1", "name": "BM", "kind": "municipal_library",
///     ...                    "size": "small"}],
///     ...     documents=[{"id": "D1", "institution": "BM-1", "typology": "press",
///     ...                 "rights": "public_domain", "proposed_on": datetime.date(2026, 2, 1)}])
///     >>> report = c.eligibility_all(as_of=datetime.date(2026, 4, 1))
///     >>> [r.code for r in report["D1"].reasons]
///     ['MEMBERSHIP_MISSING', 'COORDINATOR_CONVENTION_MISSING', 'THEME_NOT_ELIGIBLE', 'INFORMATION_INCOMPLETE']
///     >>> report["D1"].reasons[0].message_fr
///     "l'établissement n'est pas adhérent pour l'année de la campagne"
#[pyclass(frozen, module = "numconc", name = "EligibilityReport")]
pub struct EligibilityReport {
    /// The campaign, for the document ids (documents are only ever added:
    /// the positions of the table stay valid).
    campaign: Arc<Mutex<numconc_store::Held>>,
    table: EligibilityTable,
}

impl EligibilityReport {
    pub(crate) fn new(campaign: Arc<Mutex<numconc_store::Held>>, table: EligibilityTable) -> Self {
        EligibilityReport { campaign, table }
    }

    /// Runs `f` on the campaign's data (the lock never waits for the GIL:
    /// the campaign's own calls release it before they lock).
    fn with_data<R>(&self, py: Python<'_>, f: impl FnOnce(&CampaignData) -> R) -> PyResult<R> {
        let guard = self
            .campaign
            .lock()
            .map_err(|_| crate::errors::internal_error(py, "poisoned campaign"))?;
        Ok(f(guard.data()))
    }

    /// `(id, position)` of every document of the table, in id order.
    fn ids(&self, py: Python<'_>) -> PyResult<Vec<(String, usize)>> {
        self.with_data(py, |data| {
            let docs = data.documents();
            self.table
                .positions_by_id()
                .iter()
                .filter_map(|&pos| {
                    let pos = pos as usize;
                    docs.get(pos).map(|d| (d.id.clone(), pos))
                })
                .collect()
        })
    }

    fn entry(&self, id: &str, pos: usize) -> Option<Eligibility> {
        self.table
            .at(pos)
            .map(|e| Eligibility::from_core(id, self.table.day, &e))
    }

    fn entries(&self, py: Python<'_>) -> PyResult<Vec<Eligibility>> {
        Ok(self
            .ids(py)?
            .into_iter()
            .filter_map(|(id, pos)| self.entry(&id, pos))
            .collect())
    }

    fn find(&self, py: Python<'_>, doc: &str) -> PyResult<Option<Eligibility>> {
        let pos = self.with_data(py, |data| data.document_position(doc))?;
        Ok(pos
            .filter(|p| *p < self.table.len())
            .and_then(|p| self.entry(doc, p)))
    }
}

#[pymethods]
impl EligibilityReport {
    /// The day eligibility was judged on.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.table.day)
    }

    fn __len__(&self) -> usize {
        self.table.len()
    }

    fn __getitem__(&self, py: Python<'_>, doc: &str) -> PyResult<Eligibility> {
        self.find(py, doc)?
            .ok_or_else(|| PyKeyError::new_err(doc.to_string()))
    }

    fn __contains__(&self, py: Python<'_>, doc: &str) -> PyResult<bool> {
        Ok(self.find(py, doc)?.is_some())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::new(py, self.keys(py)?)?.try_iter()?.into_any())
    }

    /// The document ids, sorted.
    fn keys(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        Ok(self.ids(py)?.into_iter().map(|(id, _)| id).collect())
    }

    /// The eligibilities, by document id.
    fn values(&self, py: Python<'_>) -> PyResult<Vec<Eligibility>> {
        self.entries(py)
    }

    /// `(document id, Eligibility)` pairs.
    fn items(&self, py: Python<'_>) -> PyResult<Vec<(String, Eligibility)>> {
        Ok(self
            .ids(py)?
            .into_iter()
            .filter_map(|(id, pos)| self.entry(&id, pos).map(|e| (id, e)))
            .collect())
    }

    /// The ids of the eligible documents.
    fn eligible(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        Ok(self
            .ids(py)?
            .into_iter()
            .filter(|(_, pos)| self.table.eligible_at(*pos))
            .map(|(id, _)| id)
            .collect())
    }

    /// One dict per document: `document`, `eligible`, `reasons` and
    /// `warnings` (lists of codes).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for e in self.entries(py)? {
            list.append(e.record(py)?)?;
        }
        Ok(list)
    }

    /// The report as a `pyarrow.Table` built from columns in Rust:
    /// `document`, `eligible` (bool), `reasons` and `warnings` (lists of
    /// codes), in id order. Needs pyarrow.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let (campaign, table) = (&self.campaign, &self.table);
        let columns = crate::errors::detached(py, || {
            let c = campaign.lock().ok()?;
            let docs = c.data().documents();
            let mut cols = vec![
                Column::strings(),
                Column::bools(),
                Column::string_lists(),
                Column::string_lists(),
            ];
            for &pos in table.positions_by_id() {
                let pos = pos as usize;
                let (Some(d), Some(e)) = (docs.get(pos), table.at(pos)) else {
                    continue;
                };
                cols[0].push_str(Some(&d.id));
                cols[1].push_bool(e.eligible());
                cols[2].push_list(e.reasons.iter().map(|r| r.code()));
                cols[3].push_list(e.warnings.iter().map(|w| w.code()));
            }
            Some(cols)
        })?
        .ok_or_else(|| crate::errors::internal_error(py, "poisoned campaign"))?;
        let names: Vec<String> = ELIGIBILITY_COLUMNS.iter().map(|c| c.to_string()).collect();
        crate::arrow::table(py, &names, columns, self.table.len())
    }

    /// The records as a pandas DataFrame (needs pandas; built from the
    /// Arrow columns when pyarrow is installed).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if py.import("pyarrow").is_ok() {
            let table = self.to_arrow(py)?;
            return crate::arrow::to_pandas(py, &table, "decimal");
        }
        let columns: Vec<String> = ELIGIBILITY_COLUMNS.iter().map(|c| c.to_string()).collect();
        to_pandas(py, &self.to_records(py)?, &columns)
    }

    /// The report as JSON text in the vector shape (`{"D1": {"eligible":
    /// true, "reasons": [], "warnings": []}, …}`, ids sorted), written in
    /// Rust directly from the table.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let (campaign, table) = (&self.campaign, &self.table);
        crate::errors::detached(py, || campaign.lock().ok().map(|c| table.to_json(c.data())))?
            .ok_or_else(|| crate::errors::internal_error(py, "poisoned campaign"))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let fr = lang::is_french();
        let headers: Vec<String> = if fr {
            ["document", "éligible", "motifs", "avertissements"]
        } else {
            ["document", "eligible", "reasons", "warnings"]
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        let entries = self.entries(py)?;
        let mut rows = Vec::with_capacity(entries.len());
        for e in &entries {
            rows.push(e.cells()?);
        }
        let n = self.table.eligible_count();
        let caption = if fr {
            format!(
                "Éligibilité au {} : {n} document(s) éligible(s) sur {}",
                self.table.day,
                self.table.len()
            )
        } else {
            format!(
                "Eligibility on {}: {n} of {} document(s) eligible",
                self.table.day,
                self.table.len()
            )
        };
        Ok(html_table(&caption, &headers, &rows, None, &[]))
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.EligibilityReport as of {}: {} of {} eligible>",
            self.table.day,
            self.table.eligible_count(),
            self.table.len()
        )
    }
}

/// The state of one document (its independent parts).
#[pyclass(frozen, module = "numconc", name = "DocumentState")]
pub struct DocumentState {
    document: String,
    state: CoreState,
    shipment: Option<(String, String)>,
    since: Option<Date>,
}

impl DocumentState {
    /// The state of `document`, with its shipment's id and provider when at a provider.
    pub(crate) fn new(
        document: &str,
        state: CoreState,
        shipment: Option<(String, String)>,
    ) -> Self {
        let since = match state.custody {
            Custody::Provider { since, .. } => Some(since),
            Custody::Holder => None,
        };
        DocumentState {
            document: document.to_string(),
            state,
            shipment,
            since,
        }
    }
}

#[pymethods]
impl DocumentState {
    /// The document.
    #[getter]
    fn document(&self) -> &str {
        &self.document
    }

    /// `proposed`, `selected`, `rejected` or `withdrawn`.
    #[getter]
    fn admin(&self) -> &'static str {
        self.state.admin.as_str()
    }

    /// `none`, `condition_checked` or `prepared`.
    #[getter]
    fn preparation(&self) -> &'static str {
        self.state.preparation.as_str()
    }

    /// `holder` or `provider`.
    #[getter]
    fn custody(&self) -> &'static str {
        if self.state.at_provider() {
            "provider"
        } else {
            "holder"
        }
    }

    /// `none`, `delivered`, `qc_failed` or `qc_passed`.
    #[getter]
    fn digital(&self) -> &'static str {
        self.state.digital.as_str()
    }

    /// Deliveries so far.
    #[getter]
    fn round(&self) -> u32 {
        self.state.round
    }

    /// Views of the latest delivery.
    #[getter]
    fn views(&self) -> Option<u64> {
        self.state.views
    }

    /// The published targets, sorted.
    #[getter]
    fn published(&self) -> Vec<String> {
        self.state.published.keys().cloned().collect()
    }

    /// The published targets with their identifiers.
    #[getter]
    fn publications<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in &self.state.published {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    /// Whether long-term preservation is recorded.
    #[getter]
    fn preserved(&self) -> bool {
        self.state.preserved
    }

    /// The grade of the condition report before departure.
    #[getter]
    fn departure_grade(&self) -> Option<&'static str> {
        self.state.departure_grade.map(|g| g.as_str())
    }

    /// The grade on the latest return.
    #[getter]
    fn return_grade(&self) -> Option<&'static str> {
        self.state.return_grade.map(|g| g.as_str())
    }

    /// The shipment it is out with (at a provider), else `None`.
    #[getter]
    fn shipment(&self) -> Option<&str> {
        self.shipment.as_ref().map(|s| s.0.as_str())
    }

    /// The provider it is at, else `None`.
    #[getter]
    fn provider(&self) -> Option<&str> {
        self.shipment.as_ref().map(|s| s.1.as_str())
    }

    /// At the provider since (a `datetime.date`), else `None`.
    #[getter]
    fn since<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_date_to_py(py, self.since)
    }

    /// Times shipped.
    #[getter]
    fn shipped(&self) -> u32 {
        self.state.shipments
    }

    /// Incidents: dicts `code`, `date`, `departure_grade`, `return_grade`.
    #[getter]
    fn incidents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for i in &self.state.incidents {
            let d = PyDict::new(py);
            d.set_item("code", numconc::lifecycle::state::Incident::CODE)?;
            d.set_item("date", date_to_py(py, i.date)?)?;
            d.set_item("departure_grade", i.departure_grade.as_str())?;
            d.set_item("return_grade", i.return_grade.as_str())?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// Every part as a dict (with `document`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("document", &self.document)?;
        d.set_item("admin", self.admin())?;
        d.set_item("preparation", self.preparation())?;
        d.set_item("custody", self.custody())?;
        d.set_item("digital", self.digital())?;
        d.set_item("round", self.round())?;
        d.set_item("views", self.views())?;
        d.set_item("published", self.published())?;
        d.set_item("publications", self.publications(py)?)?;
        d.set_item("preserved", self.preserved())?;
        d.set_item("departure_grade", self.departure_grade())?;
        d.set_item("return_grade", self.return_grade())?;
        d.set_item("shipment", self.shipment())?;
        d.set_item("provider", self.provider())?;
        d.set_item("since", self.since(py)?)?;
        d.set_item("shipped", self.shipped())?;
        d.set_item("incidents", self.incidents(py)?)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.DocumentState {}: {}, {}, {}, {}>",
            self.document,
            self.admin(),
            self.preparation(),
            self.custody(),
            self.digital()
        )
    }
}

/// One line of a budget: a document, or an institution's part of a shared cost.
#[pyclass(frozen, module = "numconc", name = "BudgetLine")]
pub struct BudgetLine {
    line: CoreLine,
    funder_ids: Vec<String>,
}

impl BudgetLine {
    fn shares_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (id, m) in self.funder_ids.iter().zip(&self.line.funders) {
            d.set_item(id, money_to_py(py, *m)?)?;
        }
        d.set_item("partner", money_to_py(py, self.line.partner)?)?;
        Ok(d)
    }
}

#[pymethods]
impl BudgetLine {
    /// The institution.
    #[getter]
    fn institution(&self) -> &str {
        &self.line.institution
    }

    /// `document` or `shared`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.line.kind.as_str()
    }

    /// The document (document lines), else `None`.
    #[getter]
    fn document(&self) -> Option<&str> {
        self.line.document.as_deref()
    }

    /// The shared cost's label (shared lines), else `None`.
    #[getter]
    fn label(&self) -> Option<&str> {
        self.line.label.as_deref()
    }

    /// Views counted (document lines), else `None`.
    #[getter]
    fn views(&self) -> Option<u64> {
        self.line.views
    }

    /// The cost of the line.
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        money_to_py(py, self.line.cost)
    }

    /// What each funder gives, by funder id, then `partner`: they add up to `cost`.
    #[getter]
    fn shares<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.shares_dict(py)
    }

    /// What the institution pays.
    #[getter]
    fn partner<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        money_to_py(py, self.line.partner)
    }

    fn __repr__(&self) -> String {
        let what = self
            .line
            .document
            .as_deref()
            .or(self.line.label.as_deref())
            .unwrap_or("");
        format!(
            "<numconc.BudgetLine {} {} {}: {}>",
            self.line.institution,
            self.line.kind.as_str(),
            what,
            self.line.cost
        )
    }
}

/// A computed budget: lines, totals per funder and institution, warnings.
///
/// Every line is split to the cent between the funders and the institution
/// (`partner`); amounts are `decimal.Decimal`.
///
/// Example:
///     >>> import datetime, numconc
///     >>> from decimal import Decimal
///     >>> d = datetime.date
///     >>> p = numconc.Programme.preset("hauts-de-france")
///     >>> c = numconc.Campaign(p, id="c", year=2026, ends_on=d(2027, 6, 30),
///     ...     institutions=[{"id": "BM-1", "name": "BM", "kind": "municipal_library",
///     ...                    "size": "small", "membership_years": [2026]}],
///     ...     conventions=[{"id": "C1", "institution": "BM-1", "kind": "coordinator",
///     ...                   "signed_on": d(2026, 1, 1), "starts_on": d(2026, 1, 1),
///     ...                   "ends_on": d(2028, 1, 1)}],
///     ...     documents=[{"id": "D1", "institution": "BM-1", "title": "Le Progrès",
///     ...                 "author": "Anonyme", "date": "1871", "typology": "press",
///     ...                 "format": "A2", "views": 1000, "themes": ["regional_interest"],
///     ...                 "rights": "public_domain", "proposed_on": d(2026, 2, 1)}],
///     ...     shared_costs={"transport": Decimal("500")})
///     >>> b = c.budget("estimate", as_of=d(2026, 4, 1))
///     >>> b.total
///     Decimal('955.00')
///     >>> b.funders
///     {'bnf': Decimal('0.00'), 'drac': Decimal('159.25'), 'ar2l': Decimal('500.00')}
///     >>> [(line.kind, line.cost, line.partner) for line in b.lines]
///     [('document', Decimal('455.00'), Decimal('295.75')), ('shared', Decimal('500.00'), Decimal('0.00'))]
#[pyclass(frozen, module = "numconc", name = "Budget")]
pub struct Budget {
    budget: CoreBudget,
    as_of: Option<Date>,
    currency: String,
}

impl Budget {
    pub(crate) fn new(budget: CoreBudget, as_of: Option<Date>, currency: String) -> Self {
        Budget {
            budget,
            as_of,
            currency,
        }
    }

    /// The record columns: fixed ones, one per funder, then `partner`.
    fn columns(&self) -> Vec<String> {
        let mut cols: Vec<String> = ["institution", "kind", "document", "label", "views", "cost"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let fixed = cols.len();
        for id in &self.budget.funder_ids {
            cols.push(funder_column(id, &cols[..fixed]));
        }
        cols.push("partner".into());
        cols
    }

    fn line_cells(&self, py: Python<'_>, l: &CoreLine) -> PyResult<Vec<Cell>> {
        let kind = match (l.kind.as_str(), lang::is_french()) {
            ("shared", true) => "coût mutualisé",
            (k, _) => k,
        };
        let mut row = vec![
            Cell::text(&l.institution),
            Cell::text(kind),
            Cell::text(l.document.clone().unwrap_or_default()),
            Cell::text(l.label.clone().unwrap_or_default()),
            Cell::number(l.views.map(|v| v.to_string()).unwrap_or_default()),
            cell_of(&money_to_py(py, l.cost)?)?,
        ];
        for m in &l.funders {
            row.push(cell_of(&money_to_py(py, *m)?)?);
        }
        row.push(cell_of(&money_to_py(py, l.partner)?)?);
        Ok(row)
    }
}

/// A funder's column name: its id, unless that is a fixed column's name.
fn funder_column(id: &str, fixed: &[String]) -> String {
    if fixed.iter().any(|c| c == id) {
        format!("funder_{id}")
    } else {
        id.to_string()
    }
}

#[pymethods]
impl Budget {
    /// `estimate` or `actual`.
    #[getter]
    fn mode(&self) -> &'static str {
        if self.as_of.is_some() {
            "estimate"
        } else {
            "actual"
        }
    }

    /// The day of an estimate (eligibility is judged on it); `None` for an actual budget.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_date_to_py(py, self.as_of)
    }

    /// The programme's currency (`EUR`).
    #[getter]
    fn currency(&self) -> &str {
        &self.currency
    }

    /// Total cost.
    #[getter]
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        money_to_py(py, self.budget.total)
    }

    /// Total the institutions pay.
    #[getter]
    fn partner_total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        money_to_py(py, self.budget.partner_total)
    }

    /// Total per funder, by funder id in programme order.
    #[getter]
    fn funders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (id, m) in self
            .budget
            .funder_ids
            .iter()
            .zip(&self.budget.funder_totals)
        {
            d.set_item(id, money_to_py(py, *m)?)?;
        }
        Ok(d)
    }

    /// Funder names, by funder id in programme order.
    #[getter]
    fn funder_names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (id, n) in self.budget.funder_ids.iter().zip(&self.budget.funder_names) {
            d.set_item(id, n)?;
        }
        Ok(d)
    }

    /// Per institution (by id): `{"cost", "funded", "partner"}` as `Decimal`.
    #[getter]
    fn institutions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for t in &self.budget.institutions {
            let x = PyDict::new(py);
            x.set_item("cost", money_to_py(py, t.cost)?)?;
            x.set_item("funded", money_to_py(py, t.funded)?)?;
            x.set_item("partner", money_to_py(py, t.partner)?)?;
            d.set_item(&t.institution, x)?;
        }
        Ok(d)
    }

    /// The lines, in canonical order (institution; documents, then shared costs).
    #[getter]
    fn lines(&self) -> Vec<BudgetLine> {
        self.budget
            .lines
            .iter()
            .map(|l| BudgetLine {
                line: l.clone(),
                funder_ids: self.budget.funder_ids.clone(),
            })
            .collect()
    }

    /// Warnings: dicts `{"code": "FUNDER_MINIMUM_NOT_MET", "funder", "institution"}`.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for w in &self.budget.warnings {
            let d = PyDict::new(py);
            d.set_item("code", numconc::rules::funding::FundingWarning::CODE)?;
            d.set_item("funder", &w.funder)?;
            d.set_item("institution", &w.institution)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The total of one funder.
    ///
    /// Raises `KeyError` for a funder the programme does not have.
    fn funder_total<'py>(&self, py: Python<'py>, funder: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.budget.funder_total(funder) {
            Some(m) => money_to_py(py, m),
            None => Err(PyKeyError::new_err(funder.to_string())),
        }
    }

    /// One dict per line: `institution`, `kind`, `document`, `label`,
    /// `views`, `cost`, one key per funder id, `partner` (amounts as `Decimal`).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let columns = self.columns();
        let list = PyList::empty(py);
        for l in &self.budget.lines {
            let d = PyDict::new(py);
            d.set_item(&columns[0], &l.institution)?;
            d.set_item(&columns[1], l.kind.as_str())?;
            d.set_item(&columns[2], l.document.as_deref())?;
            d.set_item(&columns[3], l.label.as_deref())?;
            d.set_item(&columns[4], l.views)?;
            d.set_item(&columns[5], money_to_py(py, l.cost)?)?;
            for (col, m) in columns[6..].iter().zip(&l.funders) {
                d.set_item(col, money_to_py(py, *m)?)?;
            }
            d.set_item("partner", money_to_py(py, l.partner)?)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The lines as a `pyarrow.Table` built from columns in Rust:
    /// `institution`, `kind`, `document`, `label` (strings), `views`
    /// (`int64`), `cost`, one column per funder and `partner`, money as
    /// `decimal128(18, 2)` (exact). Needs pyarrow.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let b = &self.budget;
        let nf = b.funder_ids.len();
        let columns = crate::errors::detached(py, || {
            let mut cols = vec![
                Column::strings(),
                Column::strings(),
                Column::strings(),
                Column::strings(),
                Column::ints(),
                Column::money(),
            ];
            cols.extend((0..=nf).map(|_| Column::money()));
            for l in &b.lines {
                cols[0].push_str(Some(&l.institution));
                cols[1].push_str(Some(l.kind.as_str()));
                cols[2].push_str(l.document.as_deref());
                cols[3].push_str(l.label.as_deref());
                cols[4].push_int(l.views);
                cols[5].push_money(l.cost.cents());
                for (f, m) in l.funders.iter().enumerate() {
                    cols[6 + f].push_money(m.cents());
                }
                cols[6 + nf].push_money(l.partner.cents());
            }
            cols
        })?;
        crate::arrow::table(py, &self.columns(), columns, b.lines.len())
    }

    /// The lines as a pandas DataFrame (needs pandas). With pyarrow, built
    /// from the Arrow columns: money stays exact (`pd.ArrowDtype` of
    /// `decimal128(18, 2)`, `Decimal` values) or, with `money="float"`,
    /// becomes `float64` for plotting. Without pyarrow, from the records
    /// (money as `Decimal` objects, or floats with `money="float"`).
    #[pyo3(signature = (*, money="decimal"))]
    fn to_pandas<'py>(&self, py: Python<'py>, money: &str) -> PyResult<Bound<'py, PyAny>> {
        if !matches!(money, "decimal" | "float") {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "money: expected \"decimal\" or \"float\", got {money:?}"
            )));
        }
        if py.import("pyarrow").is_ok() {
            let table = self.to_arrow(py)?;
            return crate::arrow::to_pandas(py, &table, money);
        }
        let frame = to_pandas(py, &self.to_records(py)?, &self.columns())?;
        if money == "float" {
            for col in &self.columns()[5..] {
                let floats = frame.get_item(col)?.call_method1("astype", ("float64",))?;
                frame.set_item(col, floats)?;
            }
        }
        Ok(frame)
    }

    /// The budget as CSV for a French finance officer: `;` separators, a
    /// UTF-8 BOM, decimal commas, French headers, a `TOTAL` row.
    fn to_csv(&self, py: Python<'_>) -> PyResult<String> {
        // Writing CSV to memory cannot fail: an error would be a bug.
        self.budget
            .to_csv()
            .map_err(|e| crate::errors::internal_error(py, &format!("CSV: {e}")))
    }

    /// The grant dossier workbook (`.xlsx`) in `lang` (`"fr"` or `"en"`;
    /// default: `numconc.get_language()`): sheets Budget (one row per line
    /// with title and shelfmark, a subtotal per institution and a total as
    /// `SUM` formulas with their results stored), Financeurs / Funders and
    /// Établissements / Institutions; amounts in a currency format.
    ///
    /// Args:
    ///     path: where to write it (atomically: a temporary file beside it,
    ///         fsynced, then renamed); `None` returns the bytes instead.
    ///     lang: the language of the labels.
    ///
    /// Example:
    ///     >>> data = budget.to_xlsx()            # doctest: +SKIP
    ///     >>> budget.to_xlsx("dossier-drac.xlsx", lang="fr")  # doctest: +SKIP
    #[pyo3(signature = (path=None, *, lang=None))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        path: Option<std::path::PathBuf>,
        lang: Option<&str>,
    ) -> PyResult<Option<Bound<'py, pyo3::types::PyBytes>>> {
        let lang = if crate::lang::french(lang)? {
            numconc::Lang::Fr
        } else {
            numconc::Lang::En
        };
        let budget = &self.budget;
        let bytes = crate::errors::detached(py, || budget.to_xlsx(lang))?
            .map_err(|e| crate::errors::internal_error(py, &format!("xlsx: {e}")))?;
        match path {
            None => Ok(Some(pyo3::types::PyBytes::new(py, &bytes))),
            Some(path) => {
                crate::errors::detached(py, || crate::file::write_atomically(&path, &bytes))?
                    .map_err(|e| crate::file::os_error(&path, &e))?;
                Ok(None)
            }
        }
    }

    /// The budget as JSON text in the interchange (vector) shape, written
    /// directly from the lines in Rust (without the GIL): the text of
    /// `json.dumps(to_dict())` with sorted keys and no spaces.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let budget = &self.budget;
        crate::errors::detached(py, || budget.to_json())
    }

    /// The budget in the interchange (vector) shape: amounts as strings with 2 decimals.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::json_to_py::from_json(py, &self.budget.to_value())
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let fr = lang::is_french();
        let mut headers: Vec<String> = if fr {
            [
                "établissement",
                "ligne",
                "document",
                "libellé",
                "vues",
                "coût",
            ]
        } else {
            ["institution", "line", "document", "label", "views", "cost"]
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        headers.extend(self.budget.funder_names.iter().cloned());
        headers.push(
            if fr {
                "établissement (reste)"
            } else {
                "partner"
            }
            .into(),
        );
        let mut rows = Vec::with_capacity(self.budget.lines.len());
        for l in &self.budget.lines {
            rows.push(self.line_cells(py, l)?);
        }
        let mut footer = vec![
            Cell::text("TOTAL"),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::number(
                self.budget
                    .lines
                    .iter()
                    .filter_map(|l| l.views)
                    .sum::<u64>()
                    .to_string(),
            ),
            cell_of(&money_to_py(py, self.budget.total)?)?,
        ];
        for m in &self.budget.funder_totals {
            footer.push(cell_of(&money_to_py(py, *m)?)?);
        }
        footer.push(cell_of(&money_to_py(py, self.budget.partner_total)?)?);
        let caption = match (self.as_of, fr) {
            (Some(d), true) => format!("Budget prévisionnel au {d} ({})", self.currency),
            (Some(d), false) => format!("Budget estimate on {d} ({})", self.currency),
            (None, true) => format!("Budget réalisé ({})", self.currency),
            (None, false) => format!("Actual budget ({})", self.currency),
        };
        let notes: Vec<String> = self
            .budget
            .warnings
            .iter()
            .map(|w| {
                if fr {
                    format!(
                        "Avertissement FUNDER_MINIMUM_NOT_MET : {} ne finance pas {} (minimum par établissement non atteint)",
                        w.funder, w.institution
                    )
                } else {
                    format!(
                        "Warning FUNDER_MINIMUM_NOT_MET: {} does not fund {} (per-institution minimum not met)",
                        w.funder, w.institution
                    )
                }
            })
            .collect();
        Ok(html_table(&caption, &headers, &rows, Some(&footer), &notes))
    }

    fn __repr__(&self) -> String {
        format!(
            "<numconc.Budget {}: {} lines, total {} {}>",
            self.mode(),
            self.budget.lines.len(),
            self.budget.total,
            self.currency
        )
    }
}
