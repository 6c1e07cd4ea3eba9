//! A snapshot of a campaign's state after its first `n` events: what a
//! store keeps so that opening does not replay those events. It holds the
//! current data (or `null` when no command changed the initial data), the
//! state of every document, the shipments and whether the campaign is
//! closed; the programme, the initial data and the event log stay where
//! they are (the store's own tables). Restoring checks the snapshot's
//! shape and its consistency with the data, so a damaged or foreign
//! snapshot is a [`LoadError`], never a panic nor a half-built campaign.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::campaign_data::CampaignData;
use crate::error::{IssueCode, LoadError, ValidationError};
use crate::format::json::parse_day;
use crate::lifecycle::command::Command;
use crate::lifecycle::state::{
    Admin, Custody, Digital, DocumentState, Incident, Preparation, Shipment,
};
use crate::lifecycle::Campaign;
use crate::programme::Programme;
use crate::values::money::Money;
use crate::values::vocabulary::Grade;
use crate::Date;

/// The version of the snapshot text this library writes and reads.
pub const SNAPSHOT_VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotText<'a> {
    snapshot_version: u64,
    events: usize,
    closed: bool,
    #[serde(borrow)]
    data: Option<&'a serde_json::value::RawValue>,
    states: Vec<Option<StateRow>>,
    shipments: Vec<ShipmentRow>,
}

/// One document's state; a document in its initial state is `null`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateRow {
    admin: String,
    preparation: String,
    /// `[shipment position, since]` when at a provider.
    custody: Option<(usize, String)>,
    digital: String,
    round: u32,
    views: Option<u64>,
    published: BTreeMap<String, String>,
    /// The day of the latest publication.
    published_on: Option<String>,
    preserved: bool,
    departure_grade: Option<String>,
    return_grade: Option<String>,
    /// `[date, departure grade, return grade]`.
    incidents: Vec<(String, String, String)>,
    shipments: u32,
    issues: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShipmentRow {
    id: String,
    provider: String,
    date: String,
    docs: Vec<String>,
    insured_cents: i64,
}

fn admin_of(s: &str) -> Option<Admin> {
    [
        Admin::Proposed,
        Admin::Selected,
        Admin::Rejected,
        Admin::Withdrawn,
    ]
    .into_iter()
    .find(|a| a.as_str() == s)
}

fn preparation_of(s: &str) -> Option<Preparation> {
    [
        Preparation::None,
        Preparation::ConditionChecked,
        Preparation::Prepared,
    ]
    .into_iter()
    .find(|p| p.as_str() == s)
}

fn digital_of(s: &str) -> Option<Digital> {
    [
        Digital::None,
        Digital::Delivered,
        Digital::QcFailed,
        Digital::QcPassed,
    ]
    .into_iter()
    .find(|d| d.as_str() == s)
}

fn bad(path: &str, detail: impl Into<String>) -> LoadError {
    LoadError::Invalid(ValidationError::single(
        IssueCode::Inconsistent,
        path,
        detail,
    ))
}

fn day(s: &str, path: &str) -> Result<Date, LoadError> {
    parse_day(s).ok_or_else(|| bad(path, format!("not a day: {s:?}")))
}

fn grade(s: &str, path: &str) -> Result<Grade, LoadError> {
    Grade::parse(s).ok_or_else(|| bad(path, format!("not a grade: {s:?}")))
}

fn opt_grade(s: Option<&String>, path: &str) -> Result<Option<Grade>, LoadError> {
    s.map(|g| grade(g, path)).transpose()
}

impl StateRow {
    fn of(s: &DocumentState) -> Option<StateRow> {
        if *s == DocumentState::default() {
            return None;
        }
        Some(StateRow {
            admin: s.admin.as_str().to_string(),
            preparation: s.preparation.as_str().to_string(),
            custody: match s.custody {
                Custody::Holder => None,
                Custody::Provider { shipment, since } => Some((shipment, since.to_string())),
            },
            digital: s.digital.as_str().to_string(),
            round: s.round,
            views: s.views,
            published: s.published.clone(),
            published_on: s.published_on.map(|d| d.to_string()),
            preserved: s.preserved,
            departure_grade: s.departure_grade.map(|g| g.as_str().to_string()),
            return_grade: s.return_grade.map(|g| g.as_str().to_string()),
            incidents: s
                .incidents
                .iter()
                .map(|i| {
                    (
                        i.date.to_string(),
                        i.departure_grade.as_str().to_string(),
                        i.return_grade.as_str().to_string(),
                    )
                })
                .collect(),
            shipments: s.shipments,
            issues: s.issues,
        })
    }

    fn read(&self, shipments: usize) -> Result<DocumentState, LoadError> {
        let at = "snapshot.states";
        let custody = match &self.custody {
            None => Custody::Holder,
            Some((shipment, since)) => {
                if *shipment >= shipments {
                    return Err(bad(at, format!("no shipment at position {shipment}")));
                }
                Custody::Provider {
                    shipment: *shipment,
                    since: day(since, at)?,
                }
            }
        };
        let incidents = self
            .incidents
            .iter()
            .map(|(d, dep, ret)| {
                Ok(Incident {
                    date: day(d, at)?,
                    departure_grade: grade(dep, at)?,
                    return_grade: grade(ret, at)?,
                })
            })
            .collect::<Result<Vec<_>, LoadError>>()?;
        Ok(DocumentState {
            admin: admin_of(&self.admin).ok_or_else(|| bad(at, "unknown admin state"))?,
            preparation: preparation_of(&self.preparation)
                .ok_or_else(|| bad(at, "unknown preparation state"))?,
            custody,
            digital: digital_of(&self.digital).ok_or_else(|| bad(at, "unknown digital state"))?,
            round: self.round,
            views: self.views,
            published: self.published.clone(),
            published_on: self
                .published_on
                .as_deref()
                .map(|d| day(d, at))
                .transpose()?,
            preserved: self.preserved,
            departure_grade: opt_grade(self.departure_grade.as_ref(), at)?,
            return_grade: opt_grade(self.return_grade.as_ref(), at)?,
            incidents,
            shipments: self.shipments,
            issues: self.issues,
        })
    }
}

impl Campaign {
    /// The snapshot of the state after the events so far, as JSON text:
    /// restored by [`Campaign::restore`] with the same programme, initial
    /// data and log, it gives a campaign equal to this one without
    /// replaying the log.
    #[must_use]
    pub fn snapshot_json(&self) -> String {
        let data_text = (!Arc::ptr_eq(&self.initial, &self.data)).then(|| {
            let mut out = String::new();
            self.data.write_json(&mut out);
            out
        });
        let data = data_text
            .as_deref()
            .and_then(|t| serde_json::from_str::<&serde_json::value::RawValue>(t).ok());
        let snapshot = SnapshotText {
            snapshot_version: SNAPSHOT_VERSION,
            events: self.log.len(),
            closed: self.closed,
            data,
            states: self.states.iter().map(StateRow::of).collect(),
            shipments: self
                .shipments
                .iter()
                .map(|s| ShipmentRow {
                    id: s.id.clone(),
                    provider: s.provider.clone(),
                    date: s.date.to_string(),
                    docs: s.docs.clone(),
                    insured_cents: s.insured_total.cents(),
                })
                .collect(),
        };
        // Plain structs of strings and numbers: serialising cannot fail.
        serde_json::to_string(&snapshot).unwrap_or_default()
    }

    /// A campaign from its programme, initial data and log, at the state a
    /// snapshot of [`Campaign::snapshot_json`] recorded after exactly those
    /// events (the log is not replayed).
    ///
    /// # Errors
    /// [`LoadError::InvalidJson`] when the snapshot is not a snapshot's JSON,
    /// [`LoadError::UnsupportedSchemaVersion`] for a snapshot of another
    /// version, [`LoadError::Invalid`] when it is inconsistent with the
    /// data or the log (counts, positions, days, grades, ids).
    pub fn restore(
        programme: Programme,
        initial: CampaignData,
        snapshot: &str,
        log: Vec<Command>,
    ) -> Result<Campaign, LoadError> {
        let s: SnapshotText<'_> =
            serde_json::from_str(snapshot).map_err(|e| LoadError::InvalidJson(e.to_string()))?;
        if s.snapshot_version != SNAPSHOT_VERSION {
            return Err(LoadError::UnsupportedSchemaVersion(
                s.snapshot_version.to_string(),
            ));
        }
        if s.events != log.len() {
            return Err(bad(
                "snapshot.events",
                format!("snapshot after {} events, log of {}", s.events, log.len()),
            ));
        }
        let mut campaign = Campaign::new(programme, initial)?;
        if let Some(data) = s.data {
            let data = CampaignData::from_json_at(data.get(), 1)?;
            if data.programme != campaign.programme.id {
                return Err(bad("snapshot.data", "a campaign of another programme"));
            }
            campaign.data = Arc::new(data);
        }
        let mut shipments = Vec::with_capacity(s.shipments.len());
        let mut index = HashMap::with_capacity(s.shipments.len());
        for (i, row) in s.shipments.into_iter().enumerate() {
            let at = "snapshot.shipments";
            if let Some(unknown) = row
                .docs
                .iter()
                .find(|d| campaign.data.document_position(d).is_none())
            {
                return Err(bad(at, format!("unknown document {unknown:?}")));
            }
            if index.insert(row.id.clone(), i).is_some() {
                return Err(bad(at, format!("shipment {:?} twice", row.id)));
            }
            shipments.push(Shipment {
                id: row.id,
                provider: row.provider,
                date: day(&row.date, at)?,
                docs: row.docs,
                insured_total: Money::from_cents(row.insured_cents),
            });
        }
        if s.states.len() != campaign.data.documents().len() {
            return Err(bad(
                "snapshot.states",
                format!(
                    "{} states for {} documents",
                    s.states.len(),
                    campaign.data.documents().len()
                ),
            ));
        }
        campaign.states = s
            .states
            .iter()
            .map(|row| {
                row.as_ref()
                    .map_or_else(|| Ok(DocumentState::default()), |r| r.read(shipments.len()))
            })
            .collect::<Result<_, _>>()?;
        // The publication index is a function of the states: rebuilt.
        for (pos, state) in campaign.states.iter().enumerate() {
            if let Some(date) = state.published_on {
                let institution = &campaign.data.documents()[pos].institution;
                campaign.publications.publish(
                    pos,
                    institution,
                    None::<(Date, std::iter::Empty<&String>)>,
                    date,
                    state.published.keys(),
                );
            }
        }
        campaign.shipments = shipments;
        campaign.shipment_index = index;
        campaign.closed = s.closed;
        campaign.log = log;
        Ok(campaign)
    }
}
