//! The live campaign: the document lifecycle from proposal to return
//! (domain.md §7). Every change is a dated command, validated against the
//! state first and applied second, so a refused command changes nothing;
//! accepted commands are appended to the event log, and the state is a pure
//! function of the programme, the initial data and the log.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::campaign_data::CampaignData;
use crate::error::{BudgetError, CommandError, IssueCode, ValidationError};
use crate::lifecycle::command::{Action, Command};
use crate::lifecycle::publication_index::PublicationIndex;
use crate::lifecycle::state::{
    Admin, Custody, Digital, DocumentState, Incident, Preparation, Shipment,
};
use crate::programme::Programme;
use crate::rules::budget::{self, Budget, BudgetMode};
use crate::rules::eligibility::{self, Eligibility};
use crate::values::identifiers::bnf_ark_valid;
use crate::values::money::Money;
use crate::values::vocabulary::Grade;
use crate::values::{Count, DocList};
use crate::Date;

/// A campaign under way: programme, data, document states, shipments and
/// the event log.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{Action, BudgetMode, Campaign, Command, Date, Programme};
/// let programme = Programme::preset("hauts-de-france")?;
/// let mut campaign = Campaign::from_json(programme, CAMPAIGN)?;
/// let day = Date::from_ymd_opt(2026, 4, 15).ok_or("day")?;
/// assert!(campaign.eligibility("D1", day).is_some_and(|e| e.eligible()));
/// campaign.execute(Command::build(day, None, None, Action::select("D1"))?)?;
/// // A refused command changes nothing and says why, with a stable code.
/// let refused = campaign.execute_json(r#"{"type": "deliver", "doc": "D1", "views": 10, "date": "2026-05-01"}"#);
/// assert_eq!(refused.unwrap_err().code(), "NOT_AT_PROVIDER");
/// assert_eq!(campaign.events().len(), 1);
/// let saved = campaign.save_json();
/// assert_eq!(Campaign::load_json(&saved)?.save_json(), saved);
/// # Ok(())
/// # }
/// # const CAMPAIGN: &str = r#"{"id": "hdf-2026", "programme": "hauts-de-france", "year": 2026,
/// #   "ends_on": "2027-06-30",
/// #   "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
/// #                     "size": "medium", "membership_years": [2026]}],
/// #   "conventions": [{"id": "C1", "institution": "FR-801216101", "kind": "coordinator",
/// #                    "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2027-12-31"}],
/// #   "documents": [{"id": "D1", "institution": "FR-801216101", "title": "Le Progrès de la Somme",
/// #                  "author": "Collectif", "date": "1871", "typology": "press", "format": "A2",
/// #                  "views": 1200, "themes": ["regional_interest"], "rights": "public_domain",
/// #                  "ocr": true, "proposed_on": "2026-02-10"}]}"#;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub(super) programme: Programme,
    /// The data at the start, shared with `data` until a registration
    /// changes it (copy on write: a campaign is not cloned to start).
    pub(super) initial: Arc<CampaignData>,
    pub(super) data: Arc<CampaignData>,
    pub(super) states: Vec<DocumentState>,
    pub(super) shipments: Vec<Shipment>,
    pub(super) shipment_index: HashMap<String, usize>,
    pub(super) log: Vec<Command>,
    pub(super) closed: bool,
    /// The published documents by (day of their latest publication,
    /// position), whole, per institution and per target: the order of the
    /// OAI-PMH repository, so that a page of a harvest is a range of a set,
    /// never a scan of the campaign.
    pub(super) publications: PublicationIndex,
}

fn transition(id: &str, detail: impl Into<String>) -> CommandError {
    CommandError::InvalidTransition {
        id: id.to_string(),
        detail: detail.into(),
    }
}

impl Campaign {
    /// Starts a campaign from its programme and initial data.
    ///
    /// # Errors
    /// [`ValidationError`] when the campaign names another programme.
    pub fn new(programme: Programme, data: CampaignData) -> Result<Campaign, ValidationError> {
        if data.programme != programme.id {
            return Err(ValidationError::single(
                IssueCode::Inconsistent,
                "programme",
                format!(
                    "campaign of {:?}, programme {:?}",
                    data.programme, programme.id
                ),
            ));
        }
        Ok(Campaign::start(programme, Arc::new(data)))
    }

    /// A campaign at its start, on initial data already checked.
    pub(crate) fn start(programme: Programme, data: Arc<CampaignData>) -> Campaign {
        let states = vec![DocumentState::default(); data.documents().len()];
        Campaign {
            programme,
            initial: Arc::clone(&data),
            data,
            states,
            shipments: Vec::new(),
            shipment_index: HashMap::new(),
            log: Vec::new(),
            closed: false,
            publications: PublicationIndex::default(),
        }
    }

    /// Starts a campaign from its programme and the campaign's JSON text.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem of the data.
    pub fn from_json(
        programme: Programme,
        campaign_json: &str,
    ) -> Result<Campaign, ValidationError> {
        let data = CampaignData::from_json(campaign_json)?;
        Campaign::new(programme, data)
    }

    /// The programme.
    #[must_use]
    pub fn programme(&self) -> &Programme {
        &self.programme
    }

    /// The campaign data as it is now (with registrations).
    #[must_use]
    pub fn data(&self) -> &CampaignData {
        &self.data
    }

    pub(crate) fn initial_arc(&self) -> Arc<CampaignData> {
        Arc::clone(&self.initial)
    }

    /// The campaign data as it was at the start.
    #[must_use]
    pub fn initial_data(&self) -> &CampaignData {
        &self.initial
    }

    /// The documents with their states, in proposal order.
    pub fn documents(
        &self,
    ) -> impl Iterator<Item = (&crate::campaign_data::Document, &DocumentState)> {
        self.data.documents().iter().zip(&self.states)
    }

    /// The document at a position of [`Campaign::documents`] with its state.
    #[must_use]
    pub fn document_at(
        &self,
        pos: usize,
    ) -> Option<(&crate::campaign_data::Document, &DocumentState)> {
        Some((self.data.documents().get(pos)?, self.states.get(pos)?))
    }

    /// The state of a document.
    #[must_use]
    pub fn state(&self, doc: &str) -> Option<&DocumentState> {
        self.data.document_position(doc).map(|i| &self.states[i])
    }

    /// The shipments, in the order they left.
    #[must_use]
    pub fn shipments(&self) -> &[Shipment] {
        &self.shipments
    }

    /// The event log: every accepted command, in order.
    #[must_use]
    pub fn events(&self) -> &[Command] {
        &self.log
    }

    /// The events after the first `seq` (events are numbered from 1, so
    /// `events_since(0)` is the whole log and `events_since(n)` for the
    /// length of the log or more is empty): what a host that keeps its own
    /// database asks for after the last event it holds.
    #[must_use]
    pub fn events_since(&self, seq: usize) -> &[Command] {
        self.log.get(seq..).unwrap_or_default()
    }

    /// The published documents by (day of their latest publication,
    /// position in [`Campaign::documents`]), in that order, whole, per
    /// institution and per target: what the OAI-PMH repository pages
    /// through.
    #[must_use]
    pub fn publications(&self) -> &PublicationIndex {
        &self.publications
    }

    /// Whether the campaign is closed.
    #[must_use]
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// The date of the last accepted command.
    #[must_use]
    pub fn last_date(&self) -> Option<Date> {
        self.log.last().map(|c| c.date)
    }

    /// Eligibility of one document on `day`; `None` for an unknown document.
    #[must_use]
    pub fn eligibility(&self, doc: &str, day: Date) -> Option<Eligibility> {
        eligibility::eligibility_of(&self.programme, &self.data, doc, day)
    }

    /// Eligibility of one document on `day` with what is wrong: each
    /// reason and warning with its detail (missing fields, agreements,
    /// limit, deadline) and messages; `None` for an unknown document.
    #[must_use]
    pub fn explain(&self, doc: &str, day: Date) -> Option<crate::rules::explain::Explanation> {
        let pos = self.data.document_position(doc)?;
        crate::rules::explain::explain_at(&self.programme, &self.data, pos, day)
    }

    /// Eligibility of every document on `day`, by document id.
    #[must_use]
    pub fn eligibility_all(&self, day: Date) -> Vec<(&str, Eligibility)> {
        let table = self.eligibility_table(day);
        let docs = self.data.documents();
        table
            .positions_by_id()
            .iter()
            .filter_map(|&pos| {
                let pos = pos as usize;
                Some((docs.get(pos)?.id.as_str(), table.at(pos)?))
            })
            .collect()
    }

    /// Eligibility of every document on `day`, compact (one word per
    /// document), with the document positions in id order: what a national
    /// campaign renders from, without a `Vec` per document.
    #[must_use]
    pub fn eligibility_table(&self, day: Date) -> eligibility::EligibilityTable {
        eligibility::eligibility_table(&self.programme, &self.data, day)
    }

    /// A budget: the estimate on a day, or the actual one from deliveries.
    ///
    /// # Errors
    /// [`BudgetError::AmountOverflow`] on absurd amounts.
    pub fn budget(&self, mode: BudgetMode) -> Result<Budget, BudgetError> {
        let items: Vec<(usize, u64)> = match mode {
            BudgetMode::Estimate { as_of } => {
                let table = self.eligibility_table(as_of);
                self.data
                    .documents()
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        table.eligible_at(*i)
                            && !matches!(self.states[*i].admin, Admin::Rejected | Admin::Withdrawn)
                    })
                    .filter_map(|(i, d)| d.views.map(|v| (i, v)))
                    .collect()
            }
            BudgetMode::Actual => self
                .states
                .iter()
                .enumerate()
                .filter(|(_, s)| s.round > 0)
                .filter_map(|(i, s)| s.views.map(|v| (i, v)))
                .collect(),
        };
        budget::compute(&self.programme, &self.data, &items)
    }

    /// Runs a command given as JSON (`{"type": …, "date": …, …}`).
    ///
    /// # Errors
    /// [`CommandError`]; the campaign is then unchanged.
    pub fn execute_value(&mut self, command: &Value) -> Result<(), CommandError> {
        if self.closed {
            return Err(CommandError::CampaignClosed);
        }
        let command = Command::from_value(command)?;
        self.execute_valid(command)
    }

    /// Runs a command given as JSON text.
    ///
    /// # Errors
    /// [`CommandError`]; the campaign is then unchanged.
    pub fn execute_json(&mut self, command: &str) -> Result<(), CommandError> {
        if self.closed {
            return Err(CommandError::CampaignClosed);
        }
        let v = crate::format::json::parse(command)
            .map_err(crate::format::json::JsonProblem::into_error)?;
        self.execute_value(&v)
    }

    /// Runs a command. Either it succeeds and is appended to the event log,
    /// or it fails with a stable code and changes nothing at all.
    ///
    /// # Errors
    /// [`CommandError`], in the precedence of domain.md §9.14.
    pub fn execute(&mut self, command: Command) -> Result<(), CommandError> {
        if self.closed {
            return Err(CommandError::CampaignClosed);
        }
        command.validate()?;
        self.execute_valid(command)
    }

    /// Runs a command built by `build` (from plain values, by the
    /// bindings): a closed campaign refuses it before it is built, so the
    /// precedence of §9.14 holds (`CAMPAIGN_CLOSED`, then `INVALID_VALUE`).
    ///
    /// # Errors
    /// [`CommandError`]; the campaign is then unchanged.
    pub fn execute_with(
        &mut self,
        build: impl FnOnce() -> Result<Command, ValidationError>,
    ) -> Result<(), CommandError> {
        if self.closed {
            return Err(CommandError::CampaignClosed);
        }
        self.execute(build()?)
    }

    /// Runs a command and has it recorded between the decision and its
    /// effect: `build` gives the command (a closed campaign refuses it
    /// before it is built, as [`Campaign::execute_with`]); it is checked
    /// against the state; `record` is then called with the accepted
    /// command (a store writes it to disk there), and only when `record`
    /// succeeds is the command applied and appended to the log. A refused
    /// command is never recorded; a failed `record` leaves the campaign
    /// unchanged.
    ///
    /// # Errors
    /// The command's [`CommandError`] (converted), or `record`'s error.
    pub fn execute_recorded<E: From<CommandError>>(
        &mut self,
        build: impl FnOnce() -> Result<Command, CommandError>,
        record: impl FnOnce(&Command) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.closed {
            return Err(CommandError::CampaignClosed.into());
        }
        let command = build()?;
        command.validate().map_err(CommandError::from)?;
        self.execute_valid_recorded(command, record)
    }

    /// Runs a command already known to follow the format's rules (read from JSON).
    pub(crate) fn execute_valid(&mut self, command: Command) -> Result<(), CommandError> {
        self.execute_valid_recorded(command, |_| Ok::<(), CommandError>(()))
    }

    fn execute_valid_recorded<E: From<CommandError>>(
        &mut self,
        command: Command,
        record: impl FnOnce(&Command) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.closed {
            return Err(CommandError::CampaignClosed.into());
        }
        self.check_window(command.date)
            .map_err(CommandError::from)?;
        if let Some(last) = self.last_date() {
            if command.date < last {
                return Err(CommandError::DateOutOfOrder {
                    date: command.date,
                    last,
                }
                .into());
            }
        }
        let decision = self.check(&command)?;
        record(&command)?;
        self.apply(decision, command.date);
        self.log.push(command);
        Ok(())
    }

    /// The days a command may be dated (domain.md §9.14): from 1 January of
    /// the year before the campaign's to 12 calendar months after its end, so
    /// that one mistyped year cannot lock the log for ever.
    #[must_use]
    pub fn date_window(&self) -> (Date, Date) {
        let first = Date::from_ymd_opt(self.data.year - 1, 1, 1).unwrap_or(Date::MIN);
        let last = self
            .data
            .ends_on
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(Date::MAX);
        (first, last)
    }

    fn check_window(&self, date: Date) -> Result<(), ValidationError> {
        let (first, last) = self.date_window();
        if date < first || date > last {
            return Err(ValidationError::single(
                IssueCode::OutOfRange,
                "date",
                format!("{date}: outside the campaign's window, {first} to {last}"),
            ));
        }
        Ok(())
    }

    fn doc_pos(&self, doc: &str) -> Result<usize, CommandError> {
        self.data
            .document_position(doc)
            .ok_or_else(|| CommandError::UnknownDocument(doc.to_string()))
    }

    fn docs_pos(&self, docs: &DocList) -> Result<Vec<usize>, CommandError> {
        docs.iter().map(|d| self.doc_pos(d)).collect()
    }

    fn institution_of(&self, pos: usize) -> usize {
        self.data
            .document_institution_position(pos)
            .unwrap_or(usize::MAX)
    }

    /// Checks a command against the state, in the precedence of §9.14, and
    /// decides what it does: the decision carries everything `apply` needs.
    fn check(&self, command: &Command) -> Result<Decision, CommandError> {
        let date = command.date;
        match &command.action {
            Action::RegisterInstitution(x) => {
                if self.data.institution(&x.id).is_some() {
                    return Err(CommandError::DuplicateId(x.id.clone()));
                }
                Ok(Decision::AddInstitution(x.clone()))
            }
            Action::RegisterConvention(x) => {
                if self.data.convention(&x.id).is_some() {
                    return Err(CommandError::DuplicateId(x.id.clone()));
                }
                if self.data.institution(&x.institution).is_none() {
                    return Err(CommandError::UnknownInstitution(x.institution.clone()));
                }
                Ok(Decision::AddConvention(x.clone()))
            }
            Action::Propose(x) => {
                if self.data.document(&x.id).is_some() {
                    return Err(CommandError::DuplicateId(x.id.clone()));
                }
                if self.data.institution(&x.institution).is_none() {
                    return Err(CommandError::UnknownInstitution(x.institution.clone()));
                }
                Ok(Decision::AddDocument(x.clone()))
            }
            Action::AmendConvention {
                convention,
                amendment,
            } => {
                let pos = self.convention_pos(convention)?;
                Ok(Decision::Amend(pos, amendment.clone()))
            }
            Action::NotifyTermination { convention } => {
                let pos = self.convention_pos(convention)?;
                if self.data.conventions()[pos].termination.is_some() {
                    return Err(transition(
                        convention,
                        "a termination notice was already received",
                    ));
                }
                Ok(Decision::Terminate(pos))
            }
            Action::RecordMembership { institution, year } => {
                let pos = self
                    .data
                    .institution_position(institution)
                    .ok_or_else(|| CommandError::UnknownInstitution(institution.to_string()))?;
                Ok(Decision::Membership(pos, year.get()))
            }
            Action::Select { doc } => {
                let pos = self.doc_pos(doc)?;
                if self.states[pos].admin != Admin::Proposed {
                    return Err(transition(doc, "not a proposal awaiting decision"));
                }
                let e = eligibility::eligibility_at(&self.programme, &self.data, pos, date)
                    .unwrap_or_default();
                if !e.eligible() {
                    return Err(CommandError::NotEligible {
                        doc: doc.to_string(),
                        reasons: e.reasons,
                    });
                }
                Ok(Decision::Admin(pos, Admin::Selected))
            }
            Action::Reject { doc, .. } => {
                let pos = self.doc_pos(doc)?;
                if self.states[pos].admin != Admin::Proposed {
                    return Err(transition(doc, "not a proposal awaiting decision"));
                }
                Ok(Decision::Admin(pos, Admin::Rejected))
            }
            Action::Withdraw { doc, .. } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if !matches!(s.admin, Admin::Proposed | Admin::Selected) {
                    return Err(transition(doc, "neither proposed nor selected"));
                }
                if s.at_provider() {
                    return Err(transition(doc, "at a provider"));
                }
                if s.digital == Digital::QcPassed {
                    return Err(transition(doc, "quality control already passed"));
                }
                Ok(Decision::Admin(pos, Admin::Withdrawn))
            }
            Action::RecordCondition { doc, grade } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if s.admin != Admin::Selected {
                    return Err(transition(doc, "not selected"));
                }
                if s.at_provider() {
                    return Err(transition(doc, "at a provider"));
                }
                if s.preparation != Preparation::None {
                    return Err(transition(doc, "condition already recorded"));
                }
                Ok(Decision::Condition(pos, *grade))
            }
            Action::Prepare { doc, issues } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if s.admin != Admin::Selected {
                    return Err(transition(doc, "not selected"));
                }
                if s.preparation != Preparation::ConditionChecked {
                    return Err(transition(doc, "needs a condition report first"));
                }
                if s.departure_grade == Some(Grade::Unfit) {
                    return Err(CommandError::DocumentUnfit(doc.to_string()));
                }
                let issues = issues.map(Count::get);
                if self.data.documents()[pos].typology.is_serial() && issues.unwrap_or(0) == 0 {
                    return Err(CommandError::CollationRequired(doc.to_string()));
                }
                Ok(Decision::Prepare(pos, issues))
            }
            Action::Ship {
                shipment,
                provider,
                docs,
            } => {
                if self.shipment_index.contains_key(shipment.as_str()) {
                    return Err(CommandError::DuplicateId(shipment.to_string()));
                }
                let positions = self.docs_pos(docs)?;
                let required = self.programme.eligibility.coordinator_convention_required;
                let mut insured = Money::ZERO;
                for (&pos, id) in positions.iter().zip(docs) {
                    let s = &self.states[pos];
                    if s.admin != Admin::Selected {
                        return Err(transition(id, "not selected"));
                    }
                    if s.preparation != Preparation::Prepared {
                        return Err(transition(id, "not prepared"));
                    }
                    if s.at_provider() {
                        return Err(transition(id, "already at a provider"));
                    }
                    if s.digital == Digital::QcPassed {
                        return Err(transition(id, "quality control already passed"));
                    }
                    if required
                        && !eligibility::coordinator_in_force(
                            &self.data,
                            &self.programme,
                            self.institution_of(pos),
                            date,
                        )
                    {
                        return Err(CommandError::ConventionNotInForce(id.to_string()));
                    }
                    insured = insured
                        .checked_add(self.data.documents()[pos].insured_value)
                        .ok_or_else(|| {
                            ValidationError::single(
                                IssueCode::OutOfRange,
                                "docs",
                                "the insured total of the shipment does not fit",
                            )
                        })?;
                }
                Ok(Decision::Ship(
                    Box::new(Shipment {
                        id: shipment.to_string(),
                        provider: provider.to_string(),
                        date,
                        docs: docs.iter().map(ToString::to_string).collect(),
                        insured_total: insured,
                    }),
                    positions,
                ))
            }
            Action::Deliver { doc, views } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if !s.at_provider() {
                    return Err(CommandError::NotAtProvider(doc.to_string()));
                }
                if !matches!(s.digital, Digital::None | Digital::QcFailed) {
                    return Err(transition(
                        doc,
                        "a delivery is awaiting quality control or passed it",
                    ));
                }
                if s.round >= self.programme.qc.max_rounds {
                    return Err(CommandError::TooManyRounds(doc.to_string()));
                }
                Ok(Decision::Deliver(pos, views.get()))
            }
            Action::Qc {
                doc,
                sample,
                major,
                minor,
            } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if s.digital != Digital::Delivered {
                    return Err(transition(doc, "no delivery awaiting quality control"));
                }
                let required = self.programme.qc.required_sample(s.views.unwrap_or(0));
                if sample.get() < required {
                    return Err(CommandError::SampleTooSmall {
                        doc: doc.to_string(),
                        required,
                    });
                }
                let passed = self
                    .programme
                    .qc
                    .passes(sample.get(), major.get(), minor.get());
                Ok(Decision::Qc(pos, passed))
            }
            Action::Return(r) => {
                let positions = self.docs_pos(r.docs())?;
                for (&pos, id) in positions.iter().zip(r.docs()) {
                    let s = &self.states[pos];
                    if !s.at_provider() {
                        return Err(CommandError::NotAtProvider(id.to_string()));
                    }
                    if !r.early && s.digital != Digital::QcPassed {
                        return Err(CommandError::QcNotPassed(id.to_string()));
                    }
                }
                Ok(Decision::Return(
                    positions
                        .into_iter()
                        .zip(r.grades().iter().copied())
                        .collect(),
                ))
            }
            Action::Publish {
                doc,
                target,
                identifier,
            } => {
                let pos = self.doc_pos(doc)?;
                let d = &self.data.documents()[pos];
                if self.states[pos].digital != Digital::QcPassed {
                    return Err(CommandError::QcNotPassed(doc.to_string()));
                }
                if !d.targets_include(target) {
                    return Err(CommandError::TargetNotPlanned {
                        doc: doc.to_string(),
                        target: target.to_string(),
                    });
                }
                if d.rights == crate::values::vocabulary::Rights::Protected {
                    return Err(CommandError::RightsNotCleared(doc.to_string()));
                }
                if target == "gallica" {
                    if !bnf_ark_valid(identifier) {
                        return Err(CommandError::InvalidArk(identifier.to_string()));
                    }
                    if !eligibility::national_library_in_force(
                        &self.data,
                        &self.programme,
                        self.institution_of(pos),
                        date,
                    ) {
                        return Err(CommandError::NationalLibraryConventionMissing(
                            doc.to_string(),
                        ));
                    }
                }
                Ok(Decision::Publish(
                    pos,
                    target.to_string(),
                    identifier.to_string(),
                ))
            }
            Action::Preserve { doc } => {
                let pos = self.doc_pos(doc)?;
                if self.states[pos].digital != Digital::QcPassed {
                    return Err(CommandError::QcNotPassed(doc.to_string()));
                }
                Ok(Decision::Preserve(pos))
            }
            Action::CloseCampaign => {
                let mut at_provider = Vec::new();
                let mut pending = Vec::new();
                for (d, s) in self.documents() {
                    if s.at_provider() {
                        at_provider.push(d.id.clone());
                    } else if s.admin == Admin::Selected
                        && (s.shipments == 0 || s.digital != Digital::QcPassed)
                    {
                        pending.push(d.id.clone());
                    }
                }
                if !at_provider.is_empty() {
                    at_provider.sort();
                    return Err(CommandError::DocumentsAtProvider(at_provider));
                }
                if !pending.is_empty() {
                    pending.sort();
                    return Err(CommandError::DocumentsPending(pending));
                }
                Ok(Decision::Close)
            }
        }
    }

    fn convention_pos(&self, convention: &str) -> Result<usize, CommandError> {
        self.data
            .convention_position(convention)
            .ok_or_else(|| CommandError::UnknownConvention(convention.to_string()))
    }

    /// Applies a decision. Cannot fail: every case is decided by `check`,
    /// which found the positions it names.
    fn apply(&mut self, decision: Decision, date: Date) {
        match decision {
            Decision::AddInstitution(x) => Arc::make_mut(&mut self.data).add_institution(*x),
            Decision::AddConvention(x) => Arc::make_mut(&mut self.data).add_convention(*x),
            Decision::AddDocument(x) => {
                Arc::make_mut(&mut self.data).add_document(*x);
                self.states.push(DocumentState::default());
            }
            Decision::Amend(pos, amendment) => {
                if let Some(c) = Arc::make_mut(&mut self.data).convention_mut(pos) {
                    c.amendments.push(amendment);
                }
            }
            Decision::Terminate(pos) => {
                if let Some(c) = Arc::make_mut(&mut self.data).convention_mut(pos) {
                    c.termination = Some(crate::convention::Termination {
                        notice_received_on: date,
                    });
                }
            }
            Decision::Membership(pos, year) => {
                if let Some(i) = Arc::make_mut(&mut self.data).institution_mut(pos) {
                    if !i.membership_years.contains(&year) {
                        i.membership_years.push(year);
                    }
                }
            }
            Decision::Admin(pos, admin) => self.states[pos].admin = admin,
            Decision::Condition(pos, grade) => {
                let s = &mut self.states[pos];
                s.preparation = Preparation::ConditionChecked;
                s.departure_grade = Some(grade);
            }
            Decision::Prepare(pos, issues) => {
                let s = &mut self.states[pos];
                s.preparation = Preparation::Prepared;
                s.issues = issues;
            }
            Decision::Ship(shipment, positions) => {
                let index = self.shipments.len();
                for pos in positions {
                    let s = &mut self.states[pos];
                    s.custody = Custody::Provider {
                        shipment: index,
                        since: date,
                    };
                    s.shipments += 1;
                }
                self.shipment_index.insert(shipment.id.clone(), index);
                self.shipments.push(*shipment);
            }
            Decision::Deliver(pos, views) => {
                let s = &mut self.states[pos];
                s.digital = Digital::Delivered;
                s.round += 1;
                s.views = Some(views);
            }
            Decision::Qc(pos, passed) => {
                self.states[pos].digital = if passed {
                    Digital::QcPassed
                } else {
                    Digital::QcFailed
                };
            }
            Decision::Return(returns) => {
                for (pos, grade) in returns {
                    let s = &mut self.states[pos];
                    s.custody = Custody::Holder;
                    s.return_grade = Some(grade);
                    if let Some(departure) = s.departure_grade {
                        if grade > departure {
                            s.incidents.push(Incident {
                                date,
                                departure_grade: departure,
                                return_grade: grade,
                            });
                        }
                    }
                }
            }
            Decision::Publish(pos, target, identifier) => {
                let s = &mut self.states[pos];
                let institution = &self.data.documents()[pos].institution;
                let old: Option<(Date, Vec<String>)> = s
                    .published_on
                    .map(|d| (d, s.published.keys().cloned().collect()));
                s.published.insert(target, identifier);
                s.published_on = Some(date);
                self.publications.publish(
                    pos,
                    institution,
                    old.as_ref().map(|(d, t)| (*d, t.iter())),
                    date,
                    s.published.keys(),
                );
            }
            Decision::Preserve(pos) => self.states[pos].preserved = true,
            Decision::Close => self.closed = true,
        }
    }
}

/// What a checked command does, with everything needed to do it: the
/// positions `check` found, the QC verdict, the shipment and its insured
/// total, the objects to add.
enum Decision {
    AddInstitution(Box<crate::campaign_data::Institution>),
    AddConvention(Box<crate::convention::Convention>),
    AddDocument(Box<crate::campaign_data::Document>),
    Amend(usize, crate::convention::Amendment),
    Terminate(usize),
    Membership(usize, i32),
    Admin(usize, Admin),
    Condition(usize, Grade),
    Prepare(usize, Option<u64>),
    Ship(Box<Shipment>, Vec<usize>),
    Deliver(usize, u64),
    Qc(usize, bool),
    Return(Vec<(usize, Grade)>),
    Publish(usize, String, String),
    Preserve(usize),
    Close,
}
