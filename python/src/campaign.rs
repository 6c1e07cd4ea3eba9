//! `numconc.Campaign`: the yearly campaign, every command as a method, the
//! queries, saving and loading. Each command is built from typed values
//! (the core's `Action` constructors) or, when it carries a dict, read by
//! the core through serde (`de.rs`), so every rule stays in the core. The native campaign sits behind a mutex: one `Campaign` may be used
//! from several threads, and long operations run without the GIL.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use numconc::lifecycle::command::{Action, Command};
use numconc::lifecycle::state::Custody;
use numconc::{
    BudgetMode, Campaign as CoreCampaign, CampaignData, Date, LoadError, ValidationError,
};
use numconc_store::{Held, Options as StoreOptions, Store, Synchronous};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde_json::Value;

use crate::convert::{
    amendment_to_py, check_int, convention_to_py, count_arg, date_arg, date_to_py, dicts,
    document_to_py, from_json, institution_to_py, is_mapping, money_arg, money_to_py, opt_date_arg,
    opt_date_to_py, str_key, str_list_arg, type_name, year_arg,
};
use crate::de::{expect_mapping, expect_mappings, invalid_or_raise, read_error, At, De, Node};
use crate::errors::{
    budget_error, command_error, detached, internal_error, load_error, store_error,
    unknown_document, validation_error,
};
use crate::programme::Programme;
use crate::table::{html_table, Cell, Table};
use crate::values::{Budget, DocumentState, Eligibility, EligibilityReport};
use crate::{file, lang};

/// A yearly campaign: its programme, institutions, agreements, proposals,
/// the state of every document and the event log.
///
/// Every change is a dated command (a method with keyword arguments and
/// `date=datetime.date`); a refused command raises and changes nothing.
/// A campaign made by `Campaign.create` or `Campaign.open` is kept in a
/// store file: the same methods, each command on disk before it returns.
///
/// Example:
///     >>> import datetime, numconc
///     >>> p = numconc.Programme.preset("hauts-de-france")
///     >>> c = numconc.Campaign(p, id="hdf-2026", year=2026,
///     ...                      ends_on=datetime.date(2027, 6, 30))
///     >>> c.register_institution({"id": "FR-801216101", "name": "BM d'Amiens",
///     ...     "kind": "municipal_library", "size": "large",
///     ...     "membership_years": [2026]}, date=datetime.date(2026, 1, 5))
///     >>> c.funnel()["proposed"]
///     0
#[pyclass(frozen, module = "numconc", name = "Campaign")]
pub struct Campaign {
    inner: Arc<Mutex<Held>>,
}

const POISONED: &str =
    "the campaign is unusable after an earlier internal error: load it again from its last save";

impl Campaign {
    /// The native campaign, shared (for calls over several campaigns).
    pub(crate) fn shared(&self) -> Arc<Mutex<Held>> {
        Arc::clone(&self.inner)
    }

    fn wrap(c: CoreCampaign) -> Self {
        Campaign::held(Held::Memory(c))
    }

    fn held(h: Held) -> Self {
        Campaign {
            inner: Arc::new(Mutex::new(h)),
        }
    }

    /// Runs `f` on the native campaign without the GIL, under the mutex.
    /// Nothing in `f` may touch Python (it never re-attaches, so a thread
    /// waiting for the mutex can never deadlock with one holding it).
    fn run<R, F>(&self, py: Python<'_>, f: F) -> PyResult<R>
    where
        F: FnOnce(&mut Held) -> R + Send,
        R: Send,
    {
        detached(py, || self.inner.lock().map(|mut g| f(&mut g)).ok())?
            .ok_or_else(|| internal_error(py, POISONED))
    }

    /// Reads a command through serde (from a dict, or a command composed
    /// around one) and runs it. A Python value of a wrong type raises at
    /// once; invalid data is the core's to report, after `CAMPAIGN_CLOSED`
    /// (the precedence of §9.14).
    fn execute_node(&self, py: Python<'_>, node: &Node<'_, '_>) -> PyResult<()> {
        let read = match Command::from_serde(|| De::node(node, At::root("", 0))) {
            Ok(c) => Ok(c),
            Err(e) => Err(invalid_or_raise(e)?),
        };
        self.run(py, move |c| c.execute_with(|| read))?
            .map_err(|e| store_error(py, &e))
    }

    /// Builds and runs a command from its date, actor, note and action (as
    /// the core's constructors give it from plain values): no JSON is built.
    fn command(
        &self,
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
        action: Result<Action, ValidationError>,
    ) -> PyResult<()> {
        let day = date_arg(date, "date")?;
        self.run(py, move |c| {
            c.execute_with(|| Command::build(day, actor.as_deref(), note.as_deref(), action))
        })?
        .map_err(|e| store_error(py, &e))
    }

    /// Builds and runs a command carrying an object (institution,
    /// convention, document, amendment) given as a dict: the command is
    /// composed around it and read by the core through serde.
    fn object_command(
        &self,
        py: Python<'_>,
        kind: &str,
        key: &str,
        object: &Bound<'_, PyAny>,
        fields: Vec<(&str, Node<'_, '_>)>,
        (date, actor, note): (&Bound<'_, PyAny>, Option<String>, Option<String>),
    ) -> PyResult<()> {
        expect_mapping(object, key)?;
        let day = date_arg(date, "date")?;
        let mut members = vec![
            ("type", Node::Str(kind.into())),
            ("date", Node::Str(day.to_string())),
        ];
        if let Some(a) = actor {
            members.push(("actor", Node::Str(a)));
        }
        if let Some(n) = note {
            members.push(("note", Node::Str(n)));
        }
        members.push((key, Node::Py(object)));
        members.extend(fields);
        self.execute_node(py, &Node::Map(members))
    }

    /// A campaign from its data (the v1 `Campaign` object, as a dict or
    /// composed around the lists given to the constructor), read by the
    /// core through serde.
    fn from_data(py: Python<'_>, programme: &Programme, data: &Node<'_, '_>) -> PyResult<Campaign> {
        let data = Campaign::read_data(py, data)?;
        let p = programme.inner.clone();
        detached(py, move || CoreCampaign::new(p, data))?
            .map(Campaign::wrap)
            .map_err(|e| validation_error(py, &e))
    }

    fn read_data(py: Python<'_>, data: &Node<'_, '_>) -> PyResult<CampaignData> {
        CampaignData::from_serde(|| De::node(data, At::root("", 0))).map_err(|e| read_error(py, e))
    }

    /// The campaign data of a dict of the v1 `Campaign` form; its
    /// `programme` key, when present, must be the programme's id (the
    /// core checks it), and is the programme's id when absent.
    fn data_of(
        py: Python<'_>,
        programme: &Programme,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<CampaignData> {
        expect_mapping(data, "data")?;
        if data.contains("programme")? {
            return Campaign::read_data(py, &Node::Py(data));
        }
        // The programme's id is added when the dict does not name one.
        let mut items = Vec::new();
        for item in data.call_method0("items")?.try_iter()? {
            let item = item?;
            items.push((
                str_key(&item.get_item(0)?, "data: keys")?,
                item.get_item(1)?,
            ));
        }
        let mut members: Vec<(&str, Node<'_, '_>)> = items
            .iter()
            .map(|(k, v)| (k.as_str(), Node::Py(v)))
            .collect();
        members.push(("programme", Node::Str(programme.inner.id.clone())));
        Campaign::read_data(py, &Node::Map(members))
    }

    fn load_text(py: Python<'_>, text: &str) -> PyResult<Campaign> {
        detached(py, || CoreCampaign::load_json(text))?
            .map(Campaign::wrap)
            .map_err(|e| load_error(py, &e))
    }
}

/// The typed dict of one event (the command object with `datetime.date`
/// days and `Decimal` amounts), `date` and `type` first.
fn event_to_py<'py>(py: Python<'py>, cmd: &Command) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("date", date_to_py(py, cmd.date)?)?;
    d.set_item("type", cmd.action.type_name())?;
    if let Value::Object(fields) = cmd.to_value() {
        for (k, v) in &fields {
            if k != "date" && k != "type" {
                d.set_item(k, from_json(py, v)?)?;
            }
        }
    }
    match &cmd.action {
        Action::Propose(doc) => d.set_item("document", document_to_py(py, doc)?)?,
        Action::RegisterConvention(c) => d.set_item("convention", convention_to_py(py, c)?)?,
        Action::AmendConvention { amendment, .. } => {
            d.set_item("amendment", amendment_to_py(py, amendment)?)?;
        }
        _ => {}
    }
    Ok(d)
}

/// Builds an action from counts read from Python: when a count is out of
/// range, the other fields are still checked (with 0 in place of each
/// count) so that every problem is reported at once.
fn counted(
    counts: &[(&str, Result<u64, ValidationError>)],
    build: impl Fn(&[u64]) -> Result<Action, ValidationError>,
) -> Result<Action, ValidationError> {
    let values: Vec<u64> = counts
        .iter()
        .map(|(_, c)| c.as_ref().map_or(0, |n| *n))
        .collect();
    let errors: Vec<ValidationError> = counts
        .iter()
        .filter_map(|(_, c)| c.as_ref().err().cloned())
        .collect();
    if errors.is_empty() {
        return build(&values);
    }
    let names: Vec<&str> = counts.iter().map(|(n, _)| *n).collect();
    Err(merged(build(&values), &names, errors))
}

/// The issues of `other` except those at `fields`, then those of `errors`.
fn merged(
    other: Result<Action, ValidationError>,
    fields: &[&str],
    errors: Vec<ValidationError>,
) -> ValidationError {
    let mut issues: Vec<_> = other
        .err()
        .map(|e| e.issues)
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !fields.contains(&i.path.as_str()))
        .collect();
    issues.extend(errors.into_iter().flat_map(|e| e.issues));
    ValidationError { issues }
}

#[pymethods]
impl Campaign {
    /// A new campaign of `programme`, with its initial data.
    ///
    /// Args:
    ///     programme: the rulebook.
    ///     id: the campaign id (`hdf-2026`).
    ///     year: the campaign year (membership is checked against it).
    ///     ends_on: the last day of the campaign.
    ///     institutions, conventions, documents: lists of dicts of the v1 form.
    ///     shared_costs: shared costs by label, amounts as `decimal.Decimal`.
    ///
    /// Raises:
    ///     ValidationError: with every problem of the data (`TOO_DEEP` for
    ///         a value nested past 128 levels, counted from the campaign
    ///         object as in its JSON text, or a cycle).
    ///     TypeError, ValueError: a value of a wrong Python type (a float
    ///         where money is expected, a datetime where a day is, …).
    #[new]
    #[pyo3(signature = (programme, *, id, year, ends_on, institutions=None, conventions=None, documents=None, shared_costs=None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        py: Python<'_>,
        programme: &Bound<'_, Programme>,
        id: &Bound<'_, PyAny>,
        year: &Bound<'_, PyAny>,
        ends_on: &Bound<'_, PyAny>,
        institutions: Option<&Bound<'_, PyAny>>,
        conventions: Option<&Bound<'_, PyAny>>,
        documents: Option<&Bound<'_, PyAny>>,
        shared_costs: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Campaign> {
        let Ok(id) = id.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "id: expected str, got {}",
                type_name(id)
            )));
        };
        check_int(year, "year")?;
        let ends_on = date_arg(ends_on, "ends_on")?;
        let mut members = vec![
            ("id", Node::Py(id.as_any())),
            ("programme", Node::Str(programme.get().inner.id.clone())),
            ("year", Node::Py(year)),
            ("ends_on", Node::Str(ends_on.to_string())),
        ];
        for (key, list) in [
            ("institutions", institutions),
            ("conventions", conventions),
            ("documents", documents),
        ] {
            let node = match list {
                Some(l) if !l.is_none() => {
                    expect_mappings(l, key)?;
                    Node::Py(l)
                }
                _ => Node::List(Vec::new()),
            };
            members.push((key, node));
        }
        let mut costs = Vec::new();
        if let Some(sc) = shared_costs.filter(|s| !s.is_none()) {
            if !is_mapping(sc)? {
                return Err(PyTypeError::new_err(format!(
                    "shared_costs: expected a dict of label → decimal.Decimal, got {}",
                    type_name(sc)
                )));
            }
            for item in sc.call_method0("items")?.try_iter()? {
                let item = item?;
                let label = str_key(&item.get_item(0)?, "shared_costs: labels")?;
                let amount = money_arg(&item.get_item(1)?, &format!("shared_costs[{label:?}]"))?;
                costs.push(Node::Map(vec![
                    ("label", Node::Str(label)),
                    ("amount", Node::Str(amount)),
                ]));
            }
        }
        members.push(("shared_costs", Node::List(costs)));
        Campaign::from_data(py, programme.get(), &Node::Map(members))
    }

    /// A campaign from a dict of the v1 `Campaign` form (its `programme`
    /// key, when present, must be the programme's id).
    #[staticmethod]
    fn from_dict(
        py: Python<'_>,
        programme: &Bound<'_, Programme>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<Campaign> {
        let data = Campaign::data_of(py, programme.get(), data)?;
        let p = programme.get().inner.clone();
        detached(py, move || CoreCampaign::new(p, data))?
            .map(Campaign::wrap)
            .map_err(|e| validation_error(py, &e))
    }

    /// Creates a store file at `path` for a campaign starting from
    /// `programme` and `data` (the v1 `Campaign` object as a dict, as
    /// `from_dict` takes it) and returns the campaign, kept in the file:
    /// the same class and methods, every command on disk before it
    /// returns. Use it as a context manager, or call `close()`.
    ///
    /// `synchronous="full"` (the default) flushes every command to the
    /// disk: it survives a crash and a power cut; `"normal"` is faster and
    /// survives a crash of the process only.
    ///
    /// Raises `StoreError` (`STORE_EXISTS`: nothing is overwritten;
    /// `STORE_IO`, `STORE_FULL`) or `ValidationError` for the data.
    ///
    /// Example:
    ///     >>> import numconc, tempfile, os
    ///     >>> p = numconc.Programme.preset("hauts-de-france")
    ///     >>> path = os.path.join(tempfile.mkdtemp(), "hdf.numconc")
    ///     >>> data = {"id": "hdf-2026", "year": 2026, "ends_on": "2027-06-30",
    ///     ...         "institutions": [], "conventions": [], "documents": []}
    ///     >>> with numconc.Campaign.create(path, p, data) as c:
    ///     ...     c.path == path
    ///     True
    ///     >>> numconc.Campaign.open(path).close()
    #[staticmethod]
    #[pyo3(signature = (path, programme, data, *, synchronous = "full"))]
    fn create(
        py: Python<'_>,
        path: PathBuf,
        programme: &Bound<'_, Programme>,
        data: &Bound<'_, PyAny>,
        synchronous: &str,
    ) -> PyResult<Campaign> {
        let data = Campaign::data_of(py, programme.get(), data)?;
        let options = store_options(synchronous, 0.0)?;
        let p = programme.get().inner.clone();
        detached(py, move || Store::create_with(&path, p, data, options))?
            .map(|s| Campaign::held(Held::Stored(s)))
            .map_err(|e| store_error(py, &e))
    }

    /// Opens a store file: the campaign is restored from its last snapshot
    /// and the later events replayed (without the GIL). The store holds the
    /// file's lock until `close()`: another opener, in this process or
    /// another, gets `StoreError` `STORE_LOCKED` (after waiting up to
    /// `timeout` seconds).
    ///
    /// Raises `StoreError` (`STORE_NOT_FOUND`, `STORE_LOCKED`,
    /// `STORE_CORRUPT`, `STORE_SCHEMA_NEWER`, `STORE_IO`).
    #[staticmethod]
    #[pyo3(signature = (path, *, synchronous = "full", timeout = 0.0))]
    fn open(py: Python<'_>, path: PathBuf, synchronous: &str, timeout: f64) -> PyResult<Campaign> {
        let options = store_options(synchronous, timeout)?;
        detached(py, move || Store::open_with(&path, options))?
            .map(|s| Campaign::held(Held::Stored(s)))
            .map_err(|e| store_error(py, &e))
    }

    /// The store file of a campaign kept in one, else `None`.
    #[getter]
    fn path(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.run(py, |c| {
            c.store().map(|s| s.path().to_string_lossy().into_owned())
        })
    }

    /// Writes a snapshot of the state to the store, so that `open` does not
    /// replay the events before it; returns how many events it covers.
    /// Raises `StoreError` (`STORE_CLOSED`, `STORE_FULL`, `STORE_IO`), or
    /// `ValueError` for a campaign that is not kept in a store.
    fn snapshot(&self, py: Python<'_>) -> PyResult<usize> {
        match self.run(py, |c| c.store_mut().map(Store::snapshot))? {
            Some(r) => r.map_err(|e| store_error(py, &e)),
            None => Err(PyValueError::new_err(
                "snapshot: the campaign is not kept in a store (Campaign.create / Campaign.open)",
            )),
        }
    }

    /// Closes the store of a campaign kept in one (nothing for a campaign
    /// in memory): the lock is released; the campaign still answers
    /// queries, and a command then raises `StoreError` `STORE_CLOSED`.
    /// Closing twice does nothing.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        self.run(py, Held::close)?.map_err(|e| store_error(py, &e))
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Closes the store (see `close`); exceptions propagate.
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: &Bound<'_, PyAny>,
        exc_value: &Bound<'_, PyAny>,
        traceback: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let _ = (exc_type, exc_value, traceback);
        self.close(py)?;
        Ok(false)
    }

    /// A campaign from the v1 JSON text of its `Campaign` object.
    #[staticmethod]
    fn from_json(
        py: Python<'_>,
        programme: &Bound<'_, Programme>,
        text: &str,
    ) -> PyResult<Campaign> {
        let p = programme.get().inner.clone();
        detached(py, move || CoreCampaign::from_json(p, text))?
            .map(Campaign::wrap)
            .map_err(|e| validation_error(py, &e))
    }

    /// Loads a saved campaign (programme, initial data, event log) and
    /// replays its log, without the GIL. The file must be UTF-8 text (a
    /// leading byte-order mark is allowed).
    ///
    /// Raises `LoadError` (`INVALID_JSON`, also for a file that is not
    /// UTF-8; `MISSING_SCHEMA_VERSION`, `UNSUPPORTED_SCHEMA_VERSION`,
    /// `INVALID_EVENT` with `.event` and `.cause`), `ValidationError`, or
    /// `OSError` naming the file when it cannot be read (`FileNotFoundError`, …).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Campaign> {
        let made = detached(py, || {
            file::read(&path).map(|bytes| CoreCampaign::load_json_bytes(&bytes))
        })?
        .map_err(|e| file::os_error(&path, &e))?;
        made.map(Campaign::wrap).map_err(|e| load_error(py, &e))
    }

    /// Loads a saved campaign from its text (see `load`).
    #[staticmethod]
    fn loads(py: Python<'_>, text: &str) -> PyResult<Campaign> {
        Campaign::load_text(py, text)
    }

    /// Saves the campaign to a file, without the GIL: written to a new
    /// temporary file beside it (a unique name, created exclusively, so a
    /// link planted there is never followed), flushed to disk, then renamed
    /// over `path`, so the previous file stays whole until the new one
    /// replaces it. Concurrent saves to one path each write their own file;
    /// the last rename wins. When `path` is a symbolic link, the link itself
    /// is replaced (the file it pointed to is left alone).
    ///
    /// Raises `OSError` naming `path`; the temporary file is then removed
    /// and the previous file is unchanged.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        self.run(py, |c| {
            let text = c.save_json();
            file::write_atomically(&path, text.as_bytes())
        })?
        .map_err(|e| file::os_error(&path, &e))
    }

    /// The saved form of the campaign: `{"schema_version": 1, "programme",
    /// "campaign", "events"}` as JSON text.
    fn dumps(&self, py: Python<'_>) -> PyResult<String> {
        self.run(py, |c| c.save_json())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let loads = py.get_type::<Campaign>().getattr("loads")?;
        let text = self.dumps(py)?;
        PyTuple::new(py, [loads, PyTuple::new(py, [text])?.into_any()])
    }

    /// An independent copy (for what-if analyses).
    fn copy(&self, py: Python<'_>) -> PyResult<Campaign> {
        self.run(py, |c| c.clone()).map(Campaign::wrap)
    }

    // ---- properties -------------------------------------------------------

    /// The campaign id.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<String> {
        self.run(py, |c| c.data().id.clone())
    }

    /// The campaign year.
    #[getter]
    fn year(&self, py: Python<'_>) -> PyResult<i32> {
        self.run(py, |c| c.data().year)
    }

    /// The last day of the campaign.
    #[getter]
    fn ends_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = self.run(py, |c| c.data().ends_on)?;
        date_to_py(py, d)
    }

    /// The programme (a copy).
    #[getter]
    fn programme(&self, py: Python<'_>) -> PyResult<Programme> {
        self.run(py, |c| Programme {
            inner: c.programme().clone(),
        })
    }

    /// Whether the campaign is closed.
    #[getter]
    fn closed(&self, py: Python<'_>) -> PyResult<bool> {
        self.run(py, |c| c.is_closed())
    }

    /// The date of the last accepted command, or `None`.
    #[getter]
    fn last_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = self.run(py, |c| c.last_date())?;
        opt_date_to_py(py, d)
    }

    /// The institutions, as dicts of the v1 form.
    fn institutions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let all = self.run(py, |c| c.data().institutions().to_vec())?;
        dicts(py, &all, institution_to_py)
    }

    /// The conventions, as dicts with `datetime.date` days.
    fn conventions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let all = self.run(py, |c| c.data().conventions().to_vec())?;
        dicts(py, &all, convention_to_py)
    }

    /// The documents (proposals), in proposal order, as dicts with
    /// `insured_value` as `Decimal` and `proposed_on` as `datetime.date`.
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let all = self.run(py, |c| c.data().documents().to_vec())?;
        dicts(py, &all, document_to_py)
    }

    /// The shipments, in the order they left: dicts `id`, `provider`,
    /// `date`, `docs`, `insured_total` (`Decimal`) and `still_out`.
    fn shipments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let all = self.run(py, |c| {
            c.shipment_statuses()
                .into_iter()
                .map(|s| {
                    let out: Vec<String> = s.still_out.iter().map(|d| d.to_string()).collect();
                    (s.shipment.clone(), out)
                })
                .collect::<Vec<_>>()
        })?;
        let list = PyList::empty(py);
        for (s, still_out) in &all {
            let d = PyDict::new(py);
            d.set_item("id", &s.id)?;
            d.set_item("provider", &s.provider)?;
            d.set_item("date", date_to_py(py, s.date)?)?;
            d.set_item("docs", &s.docs)?;
            d.set_item("insured_total", money_to_py(py, s.insured_total)?)?;
            d.set_item("still_out", still_out)?;
            list.append(d)?;
        }
        Ok(list)
    }

    // ---- commands ---------------------------------------------------------

    /// Runs a command given as a dict of the v1 form (`{"type": "select",
    /// "doc": "D1", "date": datetime.date(...)}`). Like every command, it
    /// may nest 128 levels at most, the command being level 1 (so the
    /// `document` of `propose` starts at level 2): `ValidationError`
    /// (`TOO_DEEP`) past that.
    fn execute(&self, py: Python<'_>, command: &Bound<'_, PyAny>) -> PyResult<()> {
        expect_mapping(command, "command")?;
        self.execute_node(py, &Node::Py(command))
    }

    /// Registers a new institution (a dict of the v1 form).
    #[pyo3(signature = (institution, *, date, actor=None, note=None))]
    fn register_institution(
        &self,
        py: Python<'_>,
        institution: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.object_command(
            py,
            "register_institution",
            "institution",
            institution,
            Vec::new(),
            (date, actor, note),
        )
    }

    /// Registers a new convention (a dict of the v1 form; days may be `datetime.date`).
    #[pyo3(signature = (convention, *, date, actor=None, note=None))]
    fn register_convention(
        &self,
        py: Python<'_>,
        convention: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.object_command(
            py,
            "register_convention",
            "convention",
            convention,
            Vec::new(),
            (date, actor, note),
        )
    }

    /// Adds a proposal (a document dict of the v1 form; `insured_value` as
    /// `decimal.Decimal`, `proposed_on` as `datetime.date`).
    #[pyo3(signature = (document, *, date, actor=None, note=None))]
    fn propose(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.object_command(
            py,
            "propose",
            "document",
            document,
            Vec::new(),
            (date, actor, note),
        )
    }

    /// Adds an amendment (`{"signed_on": date, "ends_on": date | None}`) to a convention.
    #[pyo3(signature = (convention, amendment, *, date, actor=None, note=None))]
    fn amend_convention(
        &self,
        py: Python<'_>,
        convention: String,
        amendment: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.object_command(
            py,
            "amend_convention",
            "amendment",
            amendment,
            vec![("convention", Node::Str(convention))],
            (date, actor, note),
        )
    }

    /// Records a termination notice received on `date`.
    #[pyo3(signature = (convention, *, date, actor=None, note=None))]
    fn notify_termination(
        &self,
        py: Python<'_>,
        convention: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.command(
            py,
            date,
            actor,
            note,
            Action::notify_termination(&convention),
        )
    }

    /// Records a membership year of an institution.
    #[pyo3(signature = (institution, year, *, date, actor=None, note=None))]
    fn record_membership(
        &self,
        py: Python<'_>,
        institution: String,
        year: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let action =
            year_arg(year, "year")?.and_then(|year| Action::record_membership(&institution, year));
        self.command(py, date, actor, note, action)
    }

    /// Selects a proposal; raises `IneligibleError` (with `.reasons`) when
    /// it is not eligible on `date`.
    #[pyo3(signature = (doc, *, date, actor=None, note=None))]
    fn select(
        &self,
        py: Python<'_>,
        doc: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.command(py, date, actor, note, Action::select(&doc))
    }

    /// Rejects a proposal.
    #[pyo3(signature = (doc, reason, *, date, actor=None, note=None))]
    fn reject(
        &self,
        py: Python<'_>,
        doc: String,
        reason: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let action = Action::reject_or_withdraw(&doc, &reason, false);
        self.command(py, date, actor, note, action)
    }

    /// Withdraws a document (by its institution).
    #[pyo3(signature = (doc, reason, *, date, actor=None, note=None))]
    fn withdraw(
        &self,
        py: Python<'_>,
        doc: String,
        reason: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let action = Action::reject_or_withdraw(&doc, &reason, true);
        self.command(py, date, actor, note, action)
    }

    /// Records the condition report before departure (`good`, `fair`, `poor`, `unfit`).
    #[pyo3(signature = (doc, grade, *, date, actor=None, note=None))]
    fn record_condition(
        &self,
        py: Python<'_>,
        doc: String,
        grade: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.command(
            py,
            date,
            actor,
            note,
            Action::record_condition(&doc, &grade),
        )
    }

    /// Records the preparation; serials need `issues` (the collation).
    #[pyo3(signature = (doc, *, date, issues=None, actor=None, note=None))]
    fn prepare(
        &self,
        py: Python<'_>,
        doc: String,
        date: &Bound<'_, PyAny>,
        issues: Option<&Bound<'_, PyAny>>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let action = match issues.filter(|i| !i.is_none()) {
            Some(i) => {
                let counts = [("issues", count_arg(i, "issues")?)];
                counted(&counts, |n| Action::prepare(&doc, Some(n[0])))
            }
            None => Action::prepare(&doc, None),
        };
        self.command(py, date, actor, note, action)
    }

    /// Sends documents to a provider under a new shipment id.
    #[pyo3(signature = (shipment, provider, docs, *, date, actor=None, note=None))]
    #[allow(clippy::too_many_arguments)]
    fn ship(
        &self,
        py: Python<'_>,
        shipment: String,
        provider: String,
        docs: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let docs = str_list_arg(docs, "docs")?;
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        self.command(
            py,
            date,
            actor,
            note,
            Action::ship(&shipment, &provider, &docs),
        )
    }

    /// Records a delivery of `views` images.
    #[pyo3(signature = (doc, views, *, date, actor=None, note=None))]
    fn deliver(
        &self,
        py: Python<'_>,
        doc: String,
        views: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let counts = [("views", count_arg(views, "views")?)];
        let action = counted(&counts, |n| Action::deliver(&doc, n[0]));
        self.command(py, date, actor, note, action)
    }

    /// Records a quality-control check: views checked, major and minor defects.
    #[pyo3(signature = (doc, sample, major, minor, *, date, actor=None, note=None))]
    #[allow(clippy::too_many_arguments)]
    fn qc(
        &self,
        py: Python<'_>,
        doc: String,
        sample: &Bound<'_, PyAny>,
        major: &Bound<'_, PyAny>,
        minor: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let counts = [
            ("sample", count_arg(sample, "sample")?),
            ("major", count_arg(major, "major")?),
            ("minor", count_arg(minor, "minor")?),
        ];
        let action = counted(&counts, |n| Action::qc(&doc, n[0], n[1], n[2]));
        self.command(py, date, actor, note, action)
    }

    /// Brings documents home (command `return`), one grade per document;
    /// `early=True` before quality control passed.
    #[pyo3(signature = (docs, grades, *, date, early=false, actor=None, note=None))]
    #[allow(clippy::too_many_arguments)]
    fn return_(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        grades: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        early: bool,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        let docs = str_list_arg(docs, "docs")?;
        let grades = str_list_arg(grades, "grades")?;
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let grades: Vec<&str> = grades.iter().map(String::as_str).collect();
        self.command(
            py,
            date,
            actor,
            note,
            Action::return_docs(&docs, &grades, early),
        )
    }

    /// Publishes a document on a planned target with its identifier there
    /// (a BnF ARK for `gallica`).
    #[pyo3(signature = (doc, target, identifier, *, date, actor=None, note=None))]
    #[allow(clippy::too_many_arguments)]
    fn publish(
        &self,
        py: Python<'_>,
        doc: String,
        target: String,
        identifier: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.command(
            py,
            date,
            actor,
            note,
            Action::publish(&doc, &target, &identifier),
        )
    }

    /// Records long-term preservation.
    #[pyo3(signature = (doc, *, date, actor=None, note=None))]
    fn preserve(
        &self,
        py: Python<'_>,
        doc: String,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.command(py, date, actor, note, Action::preserve(&doc))
    }

    /// Closes the campaign; every later command raises `TransitionError`
    /// (`CAMPAIGN_CLOSED`).
    #[pyo3(signature = (*, date, actor=None, note=None))]
    fn close_campaign(
        &self,
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        actor: Option<String>,
        note: Option<String>,
    ) -> PyResult<()> {
        self.command(py, date, actor, note, Ok(Action::CloseCampaign))
    }

    // ---- queries ----------------------------------------------------------

    /// The eligibility of one document on `as_of`.
    #[pyo3(signature = (doc, *, as_of))]
    fn eligibility(
        &self,
        py: Python<'_>,
        doc: String,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Eligibility> {
        let day = date_arg(as_of, "as_of")?;
        let id = doc.clone();
        match self.run(py, move |c| c.eligibility(&id, day))? {
            Some(e) => Ok(Eligibility::from_core(&doc, day, &e)),
            None => Err(unknown_document(py, &doc)),
        }
    }

    /// The eligibility of one document on `as_of` with what is wrong: a
    /// dict `{"eligible", "reasons", "warnings"}` where each reason and
    /// warning is `{"code", "message_fr", "message_en", "detail"}` — the
    /// missing fields of `INFORMATION_INCOMPLETE`, the agreements (id, kind,
    /// first and last day) behind the convention reasons and the warning,
    /// the limit of `VIEWS_OUT_OF_RANGE`, the deadline of `PROPOSAL_LATE`.
    ///
    /// Example:
    ///     >>> campaign.explain("D1", as_of=datetime.date(2026, 4, 1))["reasons"]  # doctest: +SKIP
    ///     [{'code': 'INFORMATION_INCOMPLETE', 'detail': {'kind': 'missing_fields', 'fields': ['author']}, ...}]
    #[pyo3(signature = (doc, *, as_of))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        doc: String,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let day = date_arg(as_of, "as_of")?;
        let id = doc.clone();
        match self.run(py, move |c| c.explain(&id, day).map(|x| x.to_value()))? {
            Some(v) => from_json(py, &v),
            None => Err(unknown_document(py, &doc)),
        }
    }

    /// The eligibility of every document on `as_of` (without the GIL).
    #[pyo3(signature = (*, as_of))]
    fn eligibility_all(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<EligibilityReport> {
        let day = date_arg(as_of, "as_of")?;
        let table = self.run(py, move |c| c.eligibility_table(day))?;
        Ok(EligibilityReport::new(Arc::clone(&self.inner), table))
    }

    /// A budget (without the GIL): `"estimate"` on `as_of` (documents
    /// eligible that day, not rejected or withdrawn, proposed views), or
    /// `"actual"` (documents delivered, latest delivered views; no `as_of`).
    #[pyo3(signature = (mode="estimate", *, as_of=None))]
    fn budget(
        &self,
        py: Python<'_>,
        mode: &str,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Budget> {
        let as_of = opt_date_arg(as_of, "as_of")?;
        let core_mode = match (mode, as_of) {
            ("estimate", Some(day)) => BudgetMode::Estimate { as_of: day },
            ("estimate", None) => {
                return Err(PyTypeError::new_err(
                    "budget(\"estimate\") needs as_of=datetime.date(...)",
                ))
            }
            ("actual", None) => BudgetMode::Actual,
            ("actual", Some(_)) => {
                return Err(PyTypeError::new_err(
                    "budget(\"actual\") takes no as_of: it counts every delivery",
                ))
            }
            (other, _) => {
                return Err(PyValueError::new_err(format!(
                    "unknown budget mode {other:?}: expected \"estimate\" or \"actual\""
                )))
            }
        };
        let (result, currency) = self.run(py, move |c| {
            (c.budget(core_mode), c.programme().currency.clone())
        })?;
        result
            .map(|b| Budget::new(b, as_of, currency))
            .map_err(|e| budget_error(py, &e))
    }

    /// The Dublin Core record of a published document, as an `oai_dc:dc`
    /// XML element (what the OAI-PMH repository gives for it), or `None`
    /// when the document is not published.
    ///
    /// Raises:
    ///     NotFoundError: `UNKNOWN_DOCUMENT`.
    fn dublin_core(&self, py: Python<'_>, doc: String) -> PyResult<Option<String>> {
        self.run(py, move |c| c.dublin_core(&doc))?
            .map_err(|e| command_error(py, &e))
    }

    /// The state of one document.
    fn state(&self, py: Python<'_>, doc: String) -> PyResult<DocumentState> {
        let id = doc.clone();
        let found = self.run(py, move |c| {
            c.state(&id).map(|s| {
                let shipment = match s.custody {
                    Custody::Provider { shipment, .. } => c
                        .shipments()
                        .get(shipment)
                        .map(|sh| (sh.id.clone(), sh.provider.clone())),
                    Custody::Holder => None,
                };
                (s.clone(), shipment)
            })
        })?;
        match found {
            Some((s, shipment)) => Ok(DocumentState::new(&doc, s, shipment)),
            None => Err(unknown_document(py, &doc)),
        }
    }

    /// The state of every document, in proposal order, as a table.
    fn states(&self, py: Python<'_>) -> PyResult<Table> {
        let all = self.run(py, |c| {
            c.documents()
                .map(|(d, s)| {
                    let shipment = match s.custody {
                        Custody::Provider { shipment, .. } => c
                            .shipments()
                            .get(shipment)
                            .map(|sh| (sh.id.clone(), sh.provider.clone())),
                        Custody::Holder => None,
                    };
                    (d.id.clone(), s.clone(), shipment)
                })
                .collect::<Vec<_>>()
        })?;
        let mut records = Vec::with_capacity(all.len());
        for (id, s, shipment) in all {
            let st = Bound::new(py, DocumentState::new(&id, s, shipment))?;
            records.push(st.call_method0("to_dict")?.cast_into::<PyDict>()?.unbind());
        }
        Ok(Table::new(
            py,
            ("Document states".into(), "États des documents".into()),
            Vec::new(),
            records,
        ))
    }

    /// Counts per stage: `proposed`, `selected`, `at_provider`,
    /// `delivered`, `passed`, `returned`, `published`.
    fn funnel<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let f = self.run(py, |c| c.funnel())?;
        let d = PyDict::new(py);
        for (key, n) in f.stages() {
            d.set_item(key, n)?;
        }
        Ok(d)
    }

    /// The custody report on `as_of`: every document at a provider, by id,
    /// with `shipment`, `provider`, `since`, `days_out` and `overdue`.
    #[pyo3(signature = (*, as_of))]
    fn custody_report(&self, py: Python<'_>, as_of: &Bound<'_, PyAny>) -> PyResult<Table> {
        let day: Date = date_arg(as_of, "as_of")?;
        let entries = self.run(py, move |c| c.custody_report(day))?;
        let mut records = Vec::with_capacity(entries.len());
        for e in &entries {
            let d = PyDict::new(py);
            d.set_item("document", &e.doc)?;
            d.set_item("shipment", &e.shipment)?;
            d.set_item("provider", &e.provider)?;
            d.set_item("since", date_to_py(py, e.since)?)?;
            d.set_item("days_out", e.days_out)?;
            d.set_item("overdue", e.overdue)?;
            records.push(d.unbind());
        }
        let columns = [
            "document", "shipment", "provider", "since", "days_out", "overdue",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Ok(Table::new(
            py,
            (
                format!("Custody on {day}"),
                format!("Documents chez un prestataire au {day}"),
            ),
            columns,
            records,
        ))
    }

    /// The event log: every accepted command, in order, as a table of
    /// command dicts (`date` as `datetime.date`, `type`, then its fields);
    /// `to_records()` can be given to `replay()`.
    fn events(&self, py: Python<'_>) -> PyResult<Table> {
        self.events_since(py, 0)
    }

    /// The events after the first `seq` (events are numbered from 1:
    /// `events_since(0)` is the whole log, `events_since(len)` is empty),
    /// as `events()` gives them: for a host that keeps the log in its own
    /// database, asking with the number of events it holds.
    fn events_since(&self, py: Python<'_>, seq: usize) -> PyResult<Table> {
        let log = self.run(py, move |c| c.events_since(seq).to_vec())?;
        let mut records = Vec::with_capacity(log.len());
        for cmd in &log {
            records.push(event_to_py(py, cmd)?.unbind());
        }
        let columns = ["date", "type"].iter().map(|s| s.to_string()).collect();
        Ok(Table::new(
            py,
            ("Event log".into(), "Journal des commandes".into()),
            columns,
            records,
        ))
    }

    /// Runs commands in order (without the GIL), all or nothing. Raises
    /// `LoadError` (`INVALID_EVENT`, with `.event` numbered from 1 and
    /// `.cause`) for the first invalid or refused one; the campaign is then
    /// exactly as it was. A value of a wrong Python type (a float, …)
    /// raises `TypeError` or `ValueError` before any event runs.
    fn replay(&self, py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<()> {
        // Every event is read before any runs: a bad one applies nothing.
        // A Python value of a wrong type raises at once; the first invalid
        // event is reported once every event has been read.
        let mut commands = Vec::new();
        let mut invalid = None;
        for (i, e) in events.try_iter()?.enumerate() {
            let e = e?;
            expect_mapping(&e, &format!("events[{i}]"))?;
            match Command::from_serde(|| De::py(&e, At::root("", 0))) {
                Ok(c) => commands.push(c),
                Err(err) => {
                    let v = invalid_or_raise(err)?;
                    invalid.get_or_insert(LoadError::InvalidEvent {
                        index: i + 1,
                        error: v.into(),
                    });
                }
            }
        }
        if let Some(e) = invalid {
            return Err(load_error(py, &e));
        }
        let result = self.run(py, move |c| {
            // All or nothing in the core too (a refused event); for a
            // campaign in a store, in one transaction.
            c.replay(&commands)
        })?;
        result.map_err(|e| store_error(py, &e))
    }

    /// A new campaign from the same programme and initial data with this
    /// campaign's log replayed (without the GIL): the same state, since the
    /// state is a pure function of the log.
    fn replayed(&self, py: Python<'_>) -> PyResult<Campaign> {
        self.run(py, |c| c.replayed())?
            .map(Campaign::wrap)
            .map_err(|e| load_error(py, &e))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (id, programme, docs, events, closed) = self.run(py, |c| {
            (
                c.data().id.clone(),
                c.programme().id.clone(),
                c.data().documents().len(),
                c.events().len(),
                c.is_closed(),
            )
        })?;
        Ok(format!(
            "<numconc.Campaign {id} ({programme}): {docs} documents, {events} events{}>",
            if closed { ", closed" } else { "" }
        ))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let (id, name, year, f) = self.run(py, |c| {
            (
                c.data().id.clone(),
                c.programme().name.clone(),
                c.data().year,
                c.funnel(),
            )
        })?;
        let fr = lang::is_french();
        let headers: Vec<String> = if fr {
            [
                "proposés",
                "sélectionnés",
                "chez le prestataire",
                "livrés",
                "contrôle validé",
                "revenus",
                "publiés",
            ]
        } else {
            [
                "proposed",
                "selected",
                "at provider",
                "delivered",
                "QC passed",
                "returned",
                "published",
            ]
        }
        .iter()
        .map(|s| s.to_string())
        .collect();
        let row: Vec<Cell> = f
            .stages()
            .iter()
            .map(|(_, n)| Cell::number(n.to_string()))
            .collect();
        let caption = format!("{id} — {name} ({year})");
        Ok(html_table(&caption, &headers, &[row], None, &[]))
    }
}

/// The options of `Campaign.create` / `Campaign.open`.
fn store_options(synchronous: &str, timeout: f64) -> PyResult<StoreOptions> {
    let synchronous = match synchronous {
        "full" => Synchronous::Full,
        "normal" => Synchronous::Normal,
        other => {
            return Err(PyValueError::new_err(format!(
                "synchronous: expected \"full\" or \"normal\", got {other:?}"
            )))
        }
    };
    let busy_timeout = std::time::Duration::try_from_secs_f64(timeout).map_err(|_| {
        PyValueError::new_err(format!("timeout: expected seconds >= 0, got {timeout}"))
    })?;
    Ok(StoreOptions {
        synchronous,
        busy_timeout,
    })
}
