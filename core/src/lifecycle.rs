//! The live campaign: the document lifecycle from proposal to return
//! (domain.md §7). Every change is a dated command, validated against the
//! state first and applied second, so a refused command changes nothing;
//! accepted commands are appended to the event log, and the state is a pure
//! function of the programme, the initial data and the log.

use std::collections::HashMap;

use serde_json::Value;

use crate::budget::{self, Budget, BudgetMode};
use crate::campaign::CampaignData;
use crate::command::{Action, Command};
use crate::eligibility::{self, Eligibility};
use crate::error::{BudgetError, CommandError, IssueCode, ValidationError};
use crate::identifiers::bnf_ark_valid;
use crate::money::Money;
use crate::programme::Programme;
use crate::state::{Admin, Custody, Digital, DocumentState, Incident, Preparation, Shipment};
use crate::vocabulary::Grade;
use crate::Date;

/// A campaign under way: programme, data, document states, shipments and
/// the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    programme: Programme,
    initial: CampaignData,
    data: CampaignData,
    states: Vec<DocumentState>,
    shipments: Vec<Shipment>,
    shipment_index: HashMap<String, usize>,
    log: Vec<Command>,
    closed: bool,
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
        let states = vec![DocumentState::default(); data.documents().len()];
        Ok(Campaign {
            programme,
            initial: data.clone(),
            data,
            states,
            shipments: Vec::new(),
            shipment_index: HashMap::new(),
            log: Vec::new(),
            closed: false,
        })
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

    /// The campaign data as it was at the start.
    #[must_use]
    pub fn initial_data(&self) -> &CampaignData {
        &self.initial
    }

    /// The documents with their states, in proposal order.
    pub fn documents(&self) -> impl Iterator<Item = (&crate::campaign::Document, &DocumentState)> {
        self.data.documents().iter().zip(&self.states)
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

    /// Eligibility of every document on `day`, by document id.
    #[must_use]
    pub fn eligibility_all(&self, day: Date) -> Vec<(&str, Eligibility)> {
        let all = eligibility::eligibility_all(&self.programme, &self.data, day);
        let mut out: Vec<(&str, Eligibility)> = self
            .data
            .documents()
            .iter()
            .map(|d| d.id.as_str())
            .zip(all)
            .collect();
        out.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out
    }

    /// A budget: the estimate on a day, or the actual one from deliveries.
    ///
    /// # Errors
    /// [`BudgetError::AmountOverflow`] on absurd amounts.
    pub fn budget(&self, mode: BudgetMode) -> Result<Budget, BudgetError> {
        let items: Vec<(usize, u64)> = match mode {
            BudgetMode::Estimate { as_of } => {
                let all = eligibility::eligibility_all(&self.programme, &self.data, as_of);
                self.data
                    .documents()
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        all[*i].eligible()
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
        let v = crate::json::parse(command).map_err(crate::json::JsonProblem::into_error)?;
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

    /// Runs a command already known to follow the format's rules (read from JSON).
    pub(crate) fn execute_valid(&mut self, command: Command) -> Result<(), CommandError> {
        if self.closed {
            return Err(CommandError::CampaignClosed);
        }
        self.check_window(command.date)?;
        if let Some(last) = self.last_date() {
            if command.date < last {
                return Err(CommandError::DateOutOfOrder {
                    date: command.date,
                    last,
                });
            }
        }
        let effect = self.check(&command)?;
        self.apply(&command, effect);
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

    fn docs_pos(&self, docs: &[String]) -> Result<Vec<usize>, CommandError> {
        docs.iter().map(|d| self.doc_pos(d)).collect()
    }

    fn institution_of(&self, pos: usize) -> usize {
        let doc = &self.data.documents()[pos];
        self.data
            .institution_position(&doc.institution)
            .unwrap_or(usize::MAX)
    }

    /// Validates a command against the state; returns what `apply` needs.
    fn check(&self, command: &Command) -> Result<Effect, CommandError> {
        let date = command.date;
        match &command.action {
            Action::RegisterInstitution(x) => {
                if self.data.institution(&x.id).is_some() {
                    return Err(CommandError::DuplicateId(x.id.clone()));
                }
                Ok(Effect::None)
            }
            Action::RegisterConvention(x) => {
                if self.data.convention(&x.id).is_some() {
                    return Err(CommandError::DuplicateId(x.id.clone()));
                }
                if self.data.institution(&x.institution).is_none() {
                    return Err(CommandError::UnknownInstitution(x.institution.clone()));
                }
                Ok(Effect::None)
            }
            Action::Propose(x) => {
                if self.data.document(&x.id).is_some() {
                    return Err(CommandError::DuplicateId(x.id.clone()));
                }
                if self.data.institution(&x.institution).is_none() {
                    return Err(CommandError::UnknownInstitution(x.institution.clone()));
                }
                Ok(Effect::None)
            }
            Action::AmendConvention { convention, .. } => self
                .data
                .convention_position(convention)
                .map(Effect::Convention)
                .ok_or_else(|| CommandError::UnknownConvention(convention.clone())),
            Action::NotifyTermination { convention } => {
                let pos = self
                    .data
                    .convention_position(convention)
                    .ok_or_else(|| CommandError::UnknownConvention(convention.clone()))?;
                if self.data.conventions()[pos].termination.is_some() {
                    return Err(transition(
                        convention,
                        "a termination notice was already received",
                    ));
                }
                Ok(Effect::Convention(pos))
            }
            Action::RecordMembership { institution, .. } => self
                .data
                .institution_position(institution)
                .map(Effect::Institution)
                .ok_or_else(|| CommandError::UnknownInstitution(institution.clone())),
            Action::Select { doc } => {
                let pos = self.doc_pos(doc)?;
                if self.states[pos].admin != Admin::Proposed {
                    return Err(transition(doc, "not a proposal awaiting decision"));
                }
                let e = self.eligibility(doc, date).unwrap_or_default();
                if !e.eligible() {
                    return Err(CommandError::NotEligible {
                        doc: doc.clone(),
                        reasons: e.reasons,
                    });
                }
                Ok(Effect::Doc(pos))
            }
            Action::Reject { doc, .. } => {
                let pos = self.doc_pos(doc)?;
                if self.states[pos].admin != Admin::Proposed {
                    return Err(transition(doc, "not a proposal awaiting decision"));
                }
                Ok(Effect::Doc(pos))
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
                Ok(Effect::Doc(pos))
            }
            Action::RecordCondition { doc, .. } => {
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
                Ok(Effect::Doc(pos))
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
                    return Err(CommandError::DocumentUnfit(doc.clone()));
                }
                if self.data.documents()[pos].typology.is_serial() && issues.unwrap_or(0) == 0 {
                    return Err(CommandError::CollationRequired(doc.clone()));
                }
                Ok(Effect::Doc(pos))
            }
            Action::Ship { shipment, docs, .. } => {
                if self.shipment_index.contains_key(shipment) {
                    return Err(CommandError::DuplicateId(shipment.clone()));
                }
                let positions = self.docs_pos(docs)?;
                let required = self.programme.eligibility.coordinator_convention_required;
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
                        return Err(CommandError::ConventionNotInForce(id.clone()));
                    }
                }
                Ok(Effect::Docs(positions))
            }
            Action::Deliver { doc, .. } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if !s.at_provider() {
                    return Err(CommandError::NotAtProvider(doc.clone()));
                }
                if !matches!(s.digital, Digital::None | Digital::QcFailed) {
                    return Err(transition(
                        doc,
                        "a delivery is awaiting quality control or passed it",
                    ));
                }
                if s.round >= self.programme.qc.max_rounds {
                    return Err(CommandError::TooManyRounds(doc.clone()));
                }
                Ok(Effect::Doc(pos))
            }
            Action::Qc { doc, sample, .. } => {
                let pos = self.doc_pos(doc)?;
                let s = &self.states[pos];
                if s.digital != Digital::Delivered {
                    return Err(transition(doc, "no delivery awaiting quality control"));
                }
                let required = self.programme.qc.required_sample(s.views.unwrap_or(0));
                if *sample < required {
                    return Err(CommandError::SampleTooSmall {
                        doc: doc.clone(),
                        required,
                    });
                }
                Ok(Effect::Doc(pos))
            }
            Action::Return { docs, early, .. } => {
                let positions = self.docs_pos(docs)?;
                for (&pos, id) in positions.iter().zip(docs) {
                    let s = &self.states[pos];
                    if !s.at_provider() {
                        return Err(CommandError::NotAtProvider(id.clone()));
                    }
                    if !early && s.digital != Digital::QcPassed {
                        return Err(CommandError::QcNotPassed(id.clone()));
                    }
                }
                Ok(Effect::Docs(positions))
            }
            Action::Publish {
                doc,
                target,
                identifier,
            } => {
                let pos = self.doc_pos(doc)?;
                let d = &self.data.documents()[pos];
                if self.states[pos].digital != Digital::QcPassed {
                    return Err(CommandError::QcNotPassed(doc.clone()));
                }
                if !d.targets_include(target) {
                    return Err(CommandError::TargetNotPlanned {
                        doc: doc.clone(),
                        target: target.clone(),
                    });
                }
                if d.rights == crate::vocabulary::Rights::Protected {
                    return Err(CommandError::RightsNotCleared(doc.clone()));
                }
                if target == "gallica" {
                    if !bnf_ark_valid(identifier) {
                        return Err(CommandError::InvalidArk(identifier.clone()));
                    }
                    if !eligibility::national_library_in_force(
                        &self.data,
                        &self.programme,
                        self.institution_of(pos),
                        date,
                    ) {
                        return Err(CommandError::NationalLibraryConventionMissing(doc.clone()));
                    }
                }
                Ok(Effect::Doc(pos))
            }
            Action::Preserve { doc } => {
                let pos = self.doc_pos(doc)?;
                if self.states[pos].digital != Digital::QcPassed {
                    return Err(CommandError::QcNotPassed(doc.clone()));
                }
                Ok(Effect::Doc(pos))
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
                Ok(Effect::None)
            }
        }
    }

    /// Applies a checked command. Cannot fail.
    fn apply(&mut self, command: &Command, effect: Effect) {
        let date = command.date;
        match (&command.action, effect) {
            (Action::RegisterInstitution(x), _) => self.data.add_institution((**x).clone()),
            (Action::RegisterConvention(x), _) => self.data.add_convention((**x).clone()),
            (Action::Propose(x), _) => {
                self.data.add_document((**x).clone());
                self.states.push(DocumentState::default());
            }
            (Action::AmendConvention { amendment, .. }, Effect::Convention(pos)) => {
                if let Some(c) = self.data.convention_mut(pos) {
                    c.amendments.push(amendment.clone());
                }
            }
            (Action::NotifyTermination { .. }, Effect::Convention(pos)) => {
                if let Some(c) = self.data.convention_mut(pos) {
                    c.termination = Some(crate::convention::Termination {
                        notice_received_on: date,
                    });
                }
            }
            (Action::RecordMembership { year, .. }, Effect::Institution(pos)) => {
                if let Some(i) = self.data.institution_mut(pos) {
                    if !i.membership_years.contains(year) {
                        i.membership_years.push(*year);
                    }
                }
            }
            (Action::Select { .. }, Effect::Doc(pos)) => self.states[pos].admin = Admin::Selected,
            (Action::Reject { .. }, Effect::Doc(pos)) => self.states[pos].admin = Admin::Rejected,
            (Action::Withdraw { .. }, Effect::Doc(pos)) => {
                self.states[pos].admin = Admin::Withdrawn
            }
            (Action::RecordCondition { grade, .. }, Effect::Doc(pos)) => {
                let s = &mut self.states[pos];
                s.preparation = Preparation::ConditionChecked;
                s.departure_grade = Some(*grade);
            }
            (Action::Prepare { issues, .. }, Effect::Doc(pos)) => {
                let s = &mut self.states[pos];
                s.preparation = Preparation::Prepared;
                s.issues = *issues;
            }
            (
                Action::Ship {
                    shipment,
                    provider,
                    docs,
                },
                Effect::Docs(positions),
            ) => {
                let index = self.shipments.len();
                let mut insured = Money::ZERO;
                for &pos in &positions {
                    let value = self.data.documents()[pos].insured_value;
                    insured = insured.checked_add(value).unwrap_or(insured);
                    let s = &mut self.states[pos];
                    s.custody = Custody::Provider {
                        shipment: index,
                        since: date,
                    };
                    s.shipments += 1;
                }
                self.shipments.push(Shipment {
                    id: shipment.clone(),
                    provider: provider.clone(),
                    date,
                    docs: docs.clone(),
                    insured_total: insured,
                });
                self.shipment_index.insert(shipment.clone(), index);
            }
            (Action::Deliver { views, .. }, Effect::Doc(pos)) => {
                let s = &mut self.states[pos];
                s.digital = Digital::Delivered;
                s.round += 1;
                s.views = Some(*views);
            }
            (
                Action::Qc {
                    sample,
                    major,
                    minor,
                    ..
                },
                Effect::Doc(pos),
            ) => {
                let passed = self.programme.qc.passes(*sample, *major, *minor);
                self.states[pos].digital = if passed {
                    Digital::QcPassed
                } else {
                    Digital::QcFailed
                };
            }
            (Action::Return { grades, .. }, Effect::Docs(positions)) => {
                for (&pos, grade) in positions.iter().zip(grades) {
                    let s = &mut self.states[pos];
                    s.custody = Custody::Holder;
                    s.return_grade = Some(*grade);
                    if let Some(departure) = s.departure_grade {
                        if *grade > departure {
                            s.incidents.push(Incident {
                                date,
                                departure_grade: departure,
                                return_grade: *grade,
                            });
                        }
                    }
                }
            }
            (
                Action::Publish {
                    target, identifier, ..
                },
                Effect::Doc(pos),
            ) => {
                self.states[pos]
                    .published
                    .insert(target.clone(), identifier.clone());
            }
            (Action::Preserve { .. }, Effect::Doc(pos)) => self.states[pos].preserved = true,
            (Action::CloseCampaign, _) => self.closed = true,
            // `check` returns the effect each action needs; no other pairing occurs.
            _ => {}
        }
    }
}

/// What a checked command will touch.
enum Effect {
    None,
    Doc(usize),
    Docs(Vec<usize>),
    Convention(usize),
    Institution(usize),
}
