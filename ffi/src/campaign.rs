//! Campaigns: creation, saving and loading, commands, document state and
//! the event log.

use std::ffi::c_char;
use std::sync::{Mutex, MutexGuard};

use numconc::lifecycle::command::{Action, Command};
use numconc::lifecycle::state::{Admin, Custody, Digital, DocumentState, Preparation};
use numconc::values::vocabulary::Grade;
use numconc::ValidationError;
use numconc::{Campaign, CampaignData};
use numconc_store::Held;
use serde_json::Value;

use crate::boundary::{
    arg_ref, arg_slice, arg_str, boundary, boundary_or, free_handle, give_handle, write_string,
    OptOut, Out,
};
use crate::programme::numconc_programme;
use crate::status::Error;
use crate::{numconc_date, numconc_status};

/// A yearly campaign under way: its programme, data, the state of every
/// document and the event log.
///
/// Ownership: made by `numconc_campaign_new` or
/// `numconc_campaign_load_json`, owned by the caller, freed with
/// `numconc_campaign_free`. Results taken from it (budgets, eligibility,
/// custody reports, strings) are copies that outlive it. A campaign
/// borrowed from a store (`numconc_store_campaign`) belongs to the store:
/// never free it; it is valid until `numconc_store_close`, and every command
/// run on it is on disk when the call returns `NUMCONC_OK`.
///
/// Thread safety: a campaign may be used from several threads at once:
/// calls on one campaign are serialized by a lock inside the handle. It must
/// not be freed while another call uses it.
///
/// Poisoning: if the library panics during a call on a campaign (a bug),
/// that call returns `NUMCONC_PANIC` and the campaign is poisoned: every
/// later call on it returns `NUMCONC_POISONED`. Free it and load the last
/// saved state again.
#[allow(non_camel_case_types)]
pub struct numconc_campaign {
    inner: Mutex<Held>,
}

impl numconc_campaign {
    /// A campaign handle over a campaign in memory or in a store.
    pub(crate) fn new(held: Held) -> numconc_campaign {
        numconc_campaign {
            inner: Mutex::new(held),
        }
    }

    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, Held>, Error> {
        self.inner.lock().map_err(|_| Error::poisoned())
    }

    /// What the handle holds, even after a panic poisoned it.
    pub(crate) fn into_held(self) -> Held {
        self.inner
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn give(campaign: Campaign) -> *mut numconc_campaign {
    give_handle(numconc_campaign::new(Held::Memory(campaign)))
}

fn json_text(v: &Value) -> Result<String, Error> {
    serde_json::to_string(v).map_err(|e| Error::internal(&e.to_string()))
}

/// Starts a campaign from a programme and a v1 Campaign JSON object
/// (`json_len` bytes of UTF-8). The programme is copied: the caller still
/// owns it.
///
/// On success `*out` is a new campaign to free with `numconc_campaign_free`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_INVALID_VALUE` (not JSON, every problem of the data, or a
/// campaign of another programme: see `numconc_last_error_issue_*`).
#[no_mangle]
pub extern "C" fn numconc_campaign_new(
    programme: *const numconc_programme,
    json: *const c_char,
    json_len: usize,
    out: *mut *mut numconc_campaign,
) -> numconc_status {
    boundary(|| {
        let programme = arg_ref(programme, "programme")?;
        let json = arg_str(json, json_len, "json")?;
        let out = Out::new(out, "out")?;
        let data = CampaignData::from_json(json)?;
        let campaign = Campaign::new(programme.programme.clone(), data)?;
        out.write(give(campaign));
        Ok(())
    })
}

/// Loads a campaign saved by `numconc_campaign_save_json` (programme,
/// initial data and event log) and replays its log.
///
/// On success `*out` is a new campaign to free with `numconc_campaign_free`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_INVALID_JSON`, `NUMCONC_MISSING_SCHEMA_VERSION`,
/// `NUMCONC_UNSUPPORTED_SCHEMA_VERSION`, `NUMCONC_INVALID_VALUE`,
/// `NUMCONC_INVALID_EVENT` (the message names the event, from 1).
#[no_mangle]
pub extern "C" fn numconc_campaign_load_json(
    json: *const c_char,
    json_len: usize,
    out: *mut *mut numconc_campaign,
) -> numconc_status {
    boundary(|| {
        let json = arg_str(json, json_len, "json")?;
        let out = Out::new(out, "out")?;
        let campaign = Campaign::load_json(json)?;
        out.write(give(campaign));
        Ok(())
    })
}

/// Saves the campaign as one JSON document (programme, initial data, event
/// log); loading it gives the same state, and saving again the same bytes.
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_campaign_save_json(
    campaign: *const numconc_campaign,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let text = campaign.lock()?.save_json();
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// Frees a campaign (a poisoned one too). NULL is a no-op.
#[no_mangle]
pub extern "C" fn numconc_campaign_free(campaign: *mut numconc_campaign) {
    boundary_or((), || free_handle(campaign));
}

/// Runs a command given as a JSON object `{"type": …, "date": …, …fields}`
/// (domain.md §7; the same objects as in the conformance vectors and the
/// event log). Either it succeeds and is appended to the event log, or it
/// fails with a domain status and changes nothing at all.
///
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_POISONED`, and every domain code of a command:
/// `NUMCONC_INVALID_VALUE` (including text that is not JSON),
/// `NUMCONC_CAMPAIGN_CLOSED`, `NUMCONC_DATE_OUT_OF_ORDER`,
/// `NUMCONC_NOT_ELIGIBLE` (reasons: `numconc_last_error_reason_*`),
/// `NUMCONC_NOT_AT_PROVIDER`…
#[no_mangle]
pub extern "C" fn numconc_campaign_execute_json(
    campaign: *mut numconc_campaign,
    command: *const c_char,
    command_len: usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let command = arg_str(command, command_len, "command")?;
        campaign.lock()?.execute_json(command)?;
        Ok(())
    })
}

/// Runs a typed command dated `date`: `action` reads the C arguments
/// (interface errors: NULL, UTF-8) and builds the action from them with the
/// core's constructors, which check every value. No JSON is built.
fn execute(
    campaign: *const numconc_campaign,
    date: numconc_date,
    action: impl FnOnce() -> Result<Result<Action, ValidationError>, Error>,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let action = action()?;
        let date = date.to_core("date")?;
        campaign
            .lock()?
            .execute_with(|| Command::build(date, None, None, action))?;
        Ok(())
    })
}

/// The documents (and grades) of a typed command on several documents.
fn strings<'a>(
    ptrs: *const *const c_char,
    lens: *const usize,
    count: usize,
    (name, lens_name): (&'static str, &'static str),
) -> Result<Vec<&'a str>, Error> {
    let ptrs = arg_slice(ptrs, count, name)?;
    let lens = arg_slice(lens, count, lens_name)?;
    ptrs.iter()
        .zip(lens)
        .map(|(&p, &len)| arg_str(p, len, name))
        .collect()
}

/// `select`: selects a proposal (it must be eligible on `date`).
/// `doc` is `doc_len` bytes of UTF-8. Errors as
/// `numconc_campaign_execute_json`, plus `NUMCONC_INVALID_ARGUMENT` for a
/// `date` that is not a calendar day.
#[no_mangle]
pub extern "C" fn numconc_campaign_select(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
) -> numconc_status {
    execute(campaign, date, || {
        Ok(Action::select(arg_str(doc, doc_len, "doc")?))
    })
}

/// `reject`: rejects a proposal, with a reason. Errors as
/// `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_reject(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    reason: *const c_char,
    reason_len: usize,
) -> numconc_status {
    execute(campaign, date, || {
        let (doc, reason) = (
            arg_str(doc, doc_len, "doc")?,
            arg_str(reason, reason_len, "reason")?,
        );
        Ok(Action::reject_or_withdraw(doc, reason, false))
    })
}

/// `withdraw`: withdraws a document, with a reason. Errors as
/// `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_withdraw(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    reason: *const c_char,
    reason_len: usize,
) -> numconc_status {
    execute(campaign, date, || {
        let (doc, reason) = (
            arg_str(doc, doc_len, "doc")?,
            arg_str(reason, reason_len, "reason")?,
        );
        Ok(Action::reject_or_withdraw(doc, reason, true))
    })
}

/// `record_condition`: the condition report before departure; `grade` is
/// `"good"`, `"fair"`, `"poor"` or `"unfit"`. Errors as
/// `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_record_condition(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    grade: *const c_char,
    grade_len: usize,
) -> numconc_status {
    execute(campaign, date, || {
        let (doc, grade) = (
            arg_str(doc, doc_len, "doc")?,
            arg_str(grade, grade_len, "grade")?,
        );
        Ok(Action::record_condition(doc, grade))
    })
}

/// `prepare`: the preparation; for serials, `issues` collated (given when
/// `has_issues` is true). Errors as `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_prepare(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    has_issues: bool,
    issues: u64,
) -> numconc_status {
    execute(campaign, date, || {
        let doc = arg_str(doc, doc_len, "doc")?;
        Ok(Action::prepare(doc, has_issues.then_some(issues)))
    })
}

/// `ship`: sends `doc_count` documents to a provider under a new shipment
/// id. `docs[i]` is `doc_lens[i]` bytes of UTF-8. Errors as
/// `numconc_campaign_select`; the command is atomic.
#[no_mangle]
pub extern "C" fn numconc_campaign_ship(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    shipment: *const c_char,
    shipment_len: usize,
    provider: *const c_char,
    provider_len: usize,
    docs: *const *const c_char,
    doc_lens: *const usize,
    doc_count: usize,
) -> numconc_status {
    execute(campaign, date, || {
        let shipment = arg_str(shipment, shipment_len, "shipment")?;
        let provider = arg_str(provider, provider_len, "provider")?;
        let docs = strings(docs, doc_lens, doc_count, ("docs", "doc_lens"))?;
        Ok(Action::ship(shipment, provider, &docs))
    })
}

/// `deliver`: a delivery of `views` images of a document at a provider.
/// Errors as `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_deliver(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    views: u64,
) -> numconc_status {
    execute(campaign, date, || {
        Ok(Action::deliver(arg_str(doc, doc_len, "doc")?, views))
    })
}

/// `qc`: a quality-control check of the latest delivery (`sample` views
/// checked, `major` and `minor` defects). Errors as
/// `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_qc(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    sample: u64,
    major: u64,
    minor: u64,
) -> numconc_status {
    execute(campaign, date, || {
        Ok(Action::qc(
            arg_str(doc, doc_len, "doc")?,
            sample,
            major,
            minor,
        ))
    })
}

/// `return`: brings `count` documents home, each with its condition grade
/// on return (`grades[i]`, `grade_lens[i]` bytes); `early` allows a return
/// before QC passed. Errors as `numconc_campaign_select`; atomic.
#[no_mangle]
pub extern "C" fn numconc_campaign_return(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    docs: *const *const c_char,
    doc_lens: *const usize,
    grades: *const *const c_char,
    grade_lens: *const usize,
    count: usize,
    early: bool,
) -> numconc_status {
    execute(campaign, date, || {
        let docs = strings(docs, doc_lens, count, ("docs", "doc_lens"))?;
        let grades = strings(grades, grade_lens, count, ("grades", "grade_lens"))?;
        Ok(Action::return_docs(&docs, &grades, early))
    })
}

/// `publish`: the document is online on `target` (`"gallica"`,
/// `"armarium"`…) under `identifier` (a BnF ARK for Gallica). Errors as
/// `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_publish(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
    target: *const c_char,
    target_len: usize,
    identifier: *const c_char,
    identifier_len: usize,
) -> numconc_status {
    execute(campaign, date, || {
        let doc = arg_str(doc, doc_len, "doc")?;
        let target = arg_str(target, target_len, "target")?;
        let identifier = arg_str(identifier, identifier_len, "identifier")?;
        Ok(Action::publish(doc, target, identifier))
    })
}

/// `preserve`: long-term preservation recorded. Errors as
/// `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_preserve(
    campaign: *mut numconc_campaign,
    date: numconc_date,
    doc: *const c_char,
    doc_len: usize,
) -> numconc_status {
    execute(campaign, date, || {
        Ok(Action::preserve(arg_str(doc, doc_len, "doc")?))
    })
}

/// `close_campaign`: closes the campaign; every later command fails with
/// `NUMCONC_CAMPAIGN_CLOSED`. Errors as `numconc_campaign_select`.
#[no_mangle]
pub extern "C" fn numconc_campaign_close(
    campaign: *mut numconc_campaign,
    date: numconc_date,
) -> numconc_status {
    execute(campaign, date, || Ok(Ok(Action::CloseCampaign)))
}

/// Whether the campaign is closed, in `*out`.
#[no_mangle]
pub extern "C" fn numconc_campaign_is_closed(
    campaign: *const numconc_campaign,
    out: *mut bool,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let closed = campaign.lock()?.is_closed();
        out.write(closed);
        Ok(())
    })
}

/// The number of accepted commands (events), in `*out`.
#[no_mangle]
pub extern "C" fn numconc_campaign_event_count(
    campaign: *const numconc_campaign,
    out: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let n = campaign.lock()?.events().len();
        out.write(n);
        Ok(())
    })
}

/// The event log as a JSON array of command objects, in order.
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_campaign_events_json(
    campaign: *const numconc_campaign,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let text = json_text(&campaign.lock()?.events_value())?;
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// The events after the first `seq` (events are numbered from 1), as a
/// JSON array of command objects in order — the same objects as
/// `numconc_campaign_events_json`: `seq` 0 gives the whole log, `seq` at or
/// past `numconc_campaign_event_count` an empty array. For a host that
/// keeps the log in its own database: ask with the number of events it
/// holds.
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_campaign_events_since(
    campaign: *const numconc_campaign,
    seq: u64,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let out = Out::new(out, "out")?;
        let seq = usize::try_from(seq).unwrap_or(usize::MAX);
        let held = campaign.lock()?;
        let events = held.events_since(seq);
        let mut text = String::with_capacity(2 + events.len() * 96);
        text.push('[');
        for (i, c) in events.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&c.to_json());
        }
        text.push(']');
        drop(held);
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// Administrative state of a document.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_admin {
    /// Proposed, not decided.
    NUMCONC_ADMIN_PROPOSED = 0,
    /// Selected for the campaign.
    NUMCONC_ADMIN_SELECTED = 1,
    /// Rejected.
    NUMCONC_ADMIN_REJECTED = 2,
    /// Withdrawn by its institution.
    NUMCONC_ADMIN_WITHDRAWN = 3,
}

/// Preparation state of a document.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_preparation {
    /// Nothing yet.
    NUMCONC_PREPARATION_NONE = 0,
    /// Condition report recorded.
    NUMCONC_PREPARATION_CONDITION_CHECKED = 1,
    /// Prepared (and collated for serials).
    NUMCONC_PREPARATION_PREPARED = 2,
}

/// State of the images of a document.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_digital {
    /// Nothing delivered.
    NUMCONC_DIGITAL_NONE = 0,
    /// Delivered, waiting for quality control.
    NUMCONC_DIGITAL_DELIVERED = 1,
    /// Quality control failed: rework expected.
    NUMCONC_DIGITAL_QC_FAILED = 2,
    /// Quality control passed.
    NUMCONC_DIGITAL_QC_PASSED = 3,
}

/// A condition grade, best to worst; `NUMCONC_GRADE_NONE` when not recorded.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_grade {
    /// Not recorded.
    NUMCONC_GRADE_NONE = 0,
    /// Good.
    NUMCONC_GRADE_GOOD = 1,
    /// Fair.
    NUMCONC_GRADE_FAIR = 2,
    /// Poor.
    NUMCONC_GRADE_POOR = 3,
    /// Unfit for digitisation.
    NUMCONC_GRADE_UNFIT = 4,
}

/// The state of one document, by value (no pointers: nothing to free).
/// Published targets, identifiers, incidents and the shipment are in
/// `numconc_campaign_document_state_json`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct numconc_document_state {
    /// Administrative state.
    pub admin: numconc_admin,
    /// Preparation.
    pub preparation: numconc_preparation,
    /// At a provider (else at its institution).
    pub at_provider: bool,
    /// Images.
    pub digital: numconc_digital,
    /// Deliveries so far.
    pub round: u32,
    /// Whether `views` holds the views of the latest delivery.
    pub has_views: bool,
    /// Views of the latest delivery (0 when `has_views` is false).
    pub views: u64,
    /// Preserved (long-term preservation recorded).
    pub preserved: bool,
    /// Grade of the condition report before departure.
    pub departure_grade: numconc_grade,
    /// Grade on the latest return.
    pub return_grade: numconc_grade,
    /// Number of targets it is published on.
    pub published_count: usize,
    /// Number of incidents (`CONDITION_DEGRADED`).
    pub incident_count: usize,
    /// Times shipped.
    pub shipped: u32,
}

fn grade(g: Option<Grade>) -> numconc_grade {
    match g {
        None => numconc_grade::NUMCONC_GRADE_NONE,
        Some(Grade::Good) => numconc_grade::NUMCONC_GRADE_GOOD,
        Some(Grade::Fair) => numconc_grade::NUMCONC_GRADE_FAIR,
        Some(Grade::Poor) => numconc_grade::NUMCONC_GRADE_POOR,
        Some(Grade::Unfit) => numconc_grade::NUMCONC_GRADE_UNFIT,
    }
}

impl numconc_document_state {
    fn from_core(s: &DocumentState) -> numconc_document_state {
        numconc_document_state {
            admin: match s.admin {
                Admin::Proposed => numconc_admin::NUMCONC_ADMIN_PROPOSED,
                Admin::Selected => numconc_admin::NUMCONC_ADMIN_SELECTED,
                Admin::Rejected => numconc_admin::NUMCONC_ADMIN_REJECTED,
                Admin::Withdrawn => numconc_admin::NUMCONC_ADMIN_WITHDRAWN,
            },
            preparation: match s.preparation {
                Preparation::None => numconc_preparation::NUMCONC_PREPARATION_NONE,
                Preparation::ConditionChecked => {
                    numconc_preparation::NUMCONC_PREPARATION_CONDITION_CHECKED
                }
                Preparation::Prepared => numconc_preparation::NUMCONC_PREPARATION_PREPARED,
            },
            at_provider: matches!(s.custody, Custody::Provider { .. }),
            digital: match s.digital {
                Digital::None => numconc_digital::NUMCONC_DIGITAL_NONE,
                Digital::Delivered => numconc_digital::NUMCONC_DIGITAL_DELIVERED,
                Digital::QcFailed => numconc_digital::NUMCONC_DIGITAL_QC_FAILED,
                Digital::QcPassed => numconc_digital::NUMCONC_DIGITAL_QC_PASSED,
            },
            round: s.round,
            has_views: s.views.is_some(),
            views: s.views.unwrap_or(0),
            preserved: s.preserved,
            departure_grade: grade(s.departure_grade),
            return_grade: grade(s.return_grade),
            published_count: s.published.len(),
            incident_count: s.incidents.len(),
            shipped: s.shipments,
        }
    }
}

/// The state of document `doc` (`doc_len` bytes of UTF-8), in `*out`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_POISONED`, `NUMCONC_UNKNOWN_DOCUMENT`.
#[no_mangle]
pub extern "C" fn numconc_campaign_document_state(
    campaign: *const numconc_campaign,
    doc: *const c_char,
    doc_len: usize,
    out: *mut numconc_document_state,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let doc = arg_str(doc, doc_len, "doc")?;
        let out = Out::new(out, "out")?;
        let c = campaign.lock()?;
        let state = c.state(doc).ok_or_else(|| Error::unknown_document(doc))?;
        out.write(numconc_document_state::from_core(state));
        Ok(())
    })
}

/// The state of document `doc` as a JSON object (the conformance vectors'
/// shape: `admin`, `preparation`, `custody`, `digital`, `published`,
/// `incidents`, `round`, `views`, `preserved`, grades, `shipment`,
/// `provider`, `since`…).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
/// Errors as `numconc_campaign_document_state`.
#[no_mangle]
pub extern "C" fn numconc_campaign_document_state_json(
    campaign: *const numconc_campaign,
    doc: *const c_char,
    doc_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let doc = arg_str(doc, doc_len, "doc")?;
        let out = Out::new(out, "out")?;
        let state = campaign
            .lock()?
            .state_value(doc)
            .ok_or_else(|| Error::unknown_document(doc))?;
        write_string(out, OptOut::new(out_len), &json_text(&state)?);
        Ok(())
    })
}
