//! Queries on the physical documents: the custody report (where each
//! document is, days out, overdue), shipments with what is still out, the
//! state of a document and the funnel of stages.

use serde_json::{json, Value};

use crate::lifecycle::state::{Admin, Custody, Digital};
use crate::lifecycle::Campaign;
use crate::Date;

/// One document at a provider on the report day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustodyEntry {
    /// The document.
    pub doc: String,
    /// Its shipment.
    pub shipment: String,
    /// The provider.
    pub provider: String,
    /// At the provider since.
    pub since: Date,
    /// Days out on the report day (`as_of − since`).
    pub days_out: i64,
    /// More than `max_days_at_provider` days out.
    pub overdue: bool,
}

impl CustodyEntry {
    /// The vector shape.
    #[must_use]
    pub fn to_value(&self) -> Value {
        json!({"doc": self.doc, "shipment": self.shipment, "provider": self.provider,
               "since": self.since.to_string(), "days_out": self.days_out, "overdue": self.overdue})
    }
}

/// A shipment with the documents still out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentStatus<'a> {
    /// The shipment.
    pub shipment: &'a crate::lifecycle::state::Shipment,
    /// Its documents still at the provider under this shipment, by id.
    pub still_out: Vec<&'a str>,
}

/// Counts per stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Funnel {
    /// Every proposal.
    pub proposed: usize,
    /// Selected (now selected).
    pub selected: usize,
    /// At a provider now.
    pub at_provider: usize,
    /// With at least one delivery.
    pub delivered: usize,
    /// Quality control passed.
    pub passed: usize,
    /// Shipped at least once and back home.
    pub returned: usize,
    /// Published on at least one target.
    pub published: usize,
}

impl Funnel {
    /// The stages in order, each with its key and count.
    #[must_use]
    pub fn stages(&self) -> [(&'static str, usize); 7] {
        [
            ("proposed", self.proposed),
            ("selected", self.selected),
            ("at_provider", self.at_provider),
            ("delivered", self.delivered),
            ("passed", self.passed),
            ("returned", self.returned),
            ("published", self.published),
        ]
    }

    /// As JSON.
    #[must_use]
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.stages()
                .into_iter()
                .map(|(k, n)| (k.to_string(), Value::from(n)))
                .collect(),
        )
    }
}

impl Campaign {
    /// The custody report on `as_of`: every document at a provider, by id.
    #[must_use]
    pub fn custody_report(&self, as_of: Date) -> Vec<CustodyEntry> {
        let max = i64::from(self.programme().max_days_at_provider);
        let mut out: Vec<CustodyEntry> = self
            .documents()
            .filter_map(|(d, s)| match s.custody {
                Custody::Provider { shipment, since } => {
                    let sh = &self.shipments()[shipment];
                    let days_out = (as_of - since).num_days();
                    Some(CustodyEntry {
                        doc: d.id.clone(),
                        shipment: sh.id.clone(),
                        provider: sh.provider.clone(),
                        since,
                        days_out,
                        overdue: days_out > max,
                    })
                }
                Custody::Holder => None,
            })
            .collect();
        out.sort_unstable_by(|a, b| a.doc.cmp(&b.doc));
        out
    }

    /// The shipments, each with the documents still out under it.
    #[must_use]
    pub fn shipment_statuses(&self) -> Vec<ShipmentStatus<'_>> {
        let mut still: Vec<Vec<&str>> = vec![Vec::new(); self.shipments().len()];
        for (d, s) in self.documents() {
            if let Custody::Provider { shipment, .. } = s.custody {
                if let Some(list) = still.get_mut(shipment) {
                    list.push(d.id.as_str());
                }
            }
        }
        self.shipments()
            .iter()
            .zip(still)
            .map(|(shipment, mut still_out)| {
                still_out.sort_unstable();
                ShipmentStatus {
                    shipment,
                    still_out,
                }
            })
            .collect()
    }

    /// The counts per stage.
    #[must_use]
    pub fn funnel(&self) -> Funnel {
        let mut f = Funnel::default();
        for (_, s) in self.documents() {
            f.proposed += 1;
            f.selected += usize::from(s.admin == Admin::Selected);
            f.at_provider += usize::from(s.at_provider());
            f.delivered += usize::from(s.round > 0);
            f.passed += usize::from(s.digital == Digital::QcPassed);
            f.returned += usize::from(s.shipments > 0 && !s.at_provider());
            f.published += usize::from(!s.published.is_empty());
        }
        f
    }

    /// The state of a document in the vector shape; `None` when unknown.
    #[must_use]
    pub fn state_value(&self, doc: &str) -> Option<Value> {
        let s = self.state(doc)?;
        let (shipment, provider, since) = match s.custody {
            Custody::Provider { shipment, since } => {
                let sh = &self.shipments()[shipment];
                (
                    Value::from(sh.id.as_str()),
                    Value::from(sh.provider.as_str()),
                    Value::from(since.to_string()),
                )
            }
            Custody::Holder => (Value::Null, Value::Null, Value::Null),
        };
        let incidents: Vec<Value> = s
            .incidents
            .iter()
            .map(|i| {
                json!({"code": crate::lifecycle::state::Incident::CODE, "date": i.date.to_string(),
                       "departure_grade": i.departure_grade.as_str(), "return_grade": i.return_grade.as_str()})
            })
            .collect();
        Some(json!({
            "admin": s.admin.as_str(),
            "preparation": s.preparation.as_str(),
            "custody": if s.at_provider() { "provider" } else { "holder" },
            "digital": s.digital.as_str(),
            "published": s.published.keys().collect::<Vec<_>>(),
            "publications": s.published,
            "incidents": incidents,
            "round": s.round,
            "views": s.views,
            "preserved": s.preserved,
            "departure_grade": s.departure_grade.map(|g| g.as_str()),
            "return_grade": s.return_grade.map(|g| g.as_str()),
            "shipment": shipment,
            "provider": provider,
            "since": since,
            "shipped": s.shipments,
        }))
    }
}
