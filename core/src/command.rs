//! Commands: every change to a campaign, dated (domain.md §7, §9.14, §9.19).

use std::collections::HashSet;

use serde_json::Value;

use crate::campaign::{Document, Institution};
use crate::convention::{Amendment, Convention};
use crate::error::{Issue, IssueCode, ValidationError};
use crate::json::{
    finish, p_bool, p_date, p_id, p_list, p_str, p_u64, p_vocab, p_year, wrong_type, Fields,
    Issues, Out, Path, ROOT,
};
use crate::vocabulary::Grade;
use crate::Date;

/// A dated command, with who did it and a free note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The day it happened.
    pub date: Date,
    /// Who did it (optional).
    pub actor: Option<String>,
    /// A free note (optional).
    pub note: Option<String>,
    /// What it does.
    pub action: Action,
}

/// What a command does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Registers a new institution.
    RegisterInstitution(Box<Institution>),
    /// Registers a new convention.
    RegisterConvention(Box<Convention>),
    /// Adds a proposal.
    Propose(Box<Document>),
    /// Adds an amendment to a convention.
    AmendConvention {
        /// The convention.
        convention: String,
        /// The amendment.
        amendment: Amendment,
    },
    /// Records a termination notice received on the command's date.
    NotifyTermination {
        /// The convention.
        convention: String,
    },
    /// Records a membership year.
    RecordMembership {
        /// The institution.
        institution: String,
        /// The year.
        year: i32,
    },
    /// Selects a proposal.
    Select {
        /// The document.
        doc: String,
    },
    /// Rejects a proposal.
    Reject {
        /// The document.
        doc: String,
        /// Why.
        reason: String,
    },
    /// Withdraws a document.
    Withdraw {
        /// The document.
        doc: String,
        /// Why.
        reason: String,
    },
    /// Records the condition report before departure.
    RecordCondition {
        /// The document.
        doc: String,
        /// The grade.
        grade: Grade,
    },
    /// Records the preparation (with the collation of serials).
    Prepare {
        /// The document.
        doc: String,
        /// Issues collated (serials).
        issues: Option<u64>,
    },
    /// Sends documents to a provider.
    Ship {
        /// The shipment id.
        shipment: String,
        /// The provider.
        provider: String,
        /// The documents.
        docs: Vec<String>,
    },
    /// Records a delivery of images.
    Deliver {
        /// The document.
        doc: String,
        /// Views delivered.
        views: u64,
    },
    /// Records a quality-control check.
    Qc {
        /// The document.
        doc: String,
        /// Views checked.
        sample: u64,
        /// Major defects.
        major: u64,
        /// Minor defects.
        minor: u64,
    },
    /// Brings documents home.
    Return {
        /// The documents.
        docs: Vec<String>,
        /// Their condition on return, one per document.
        grades: Vec<Grade>,
        /// Returned before QC passed.
        early: bool,
    },
    /// Publishes a document on a target.
    Publish {
        /// The document.
        doc: String,
        /// The target (`gallica`, `armarium`, …).
        target: String,
        /// Its identifier there (a BnF ARK for Gallica).
        identifier: String,
    },
    /// Records long-term preservation.
    Preserve {
        /// The document.
        doc: String,
    },
    /// Closes the campaign.
    CloseCampaign,
}

impl Action {
    /// The command type (`select`, `ship`, …).
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match self {
            Action::RegisterInstitution(_) => "register_institution",
            Action::RegisterConvention(_) => "register_convention",
            Action::Propose(_) => "propose",
            Action::AmendConvention { .. } => "amend_convention",
            Action::NotifyTermination { .. } => "notify_termination",
            Action::RecordMembership { .. } => "record_membership",
            Action::Select { .. } => "select",
            Action::Reject { .. } => "reject",
            Action::Withdraw { .. } => "withdraw",
            Action::RecordCondition { .. } => "record_condition",
            Action::Prepare { .. } => "prepare",
            Action::Ship { .. } => "ship",
            Action::Deliver { .. } => "deliver",
            Action::Qc { .. } => "qc",
            Action::Return { .. } => "return",
            Action::Publish { .. } => "publish",
            Action::Preserve { .. } => "preserve",
            Action::CloseCampaign => "close_campaign",
        }
    }
}

/// Every command type.
pub const COMMAND_TYPES: &[&str] = &[
    "register_institution",
    "register_convention",
    "propose",
    "amend_convention",
    "notify_termination",
    "record_membership",
    "select",
    "reject",
    "withdraw",
    "record_condition",
    "prepare",
    "ship",
    "deliver",
    "qc",
    "return",
    "publish",
    "preserve",
    "close_campaign",
];

fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "register_institution" => &["institution"],
        "register_convention" => &["convention"],
        "propose" => &["document"],
        "amend_convention" => &["convention", "amendment"],
        "notify_termination" => &["convention"],
        "record_membership" => &["institution", "year"],
        "select" | "preserve" => &["doc"],
        "reject" | "withdraw" => &["doc", "reason"],
        "record_condition" => &["doc", "grade"],
        "prepare" => &["doc", "issues"],
        "ship" => &["shipment", "provider", "docs"],
        "deliver" => &["doc", "views"],
        "qc" => &["doc", "sample", "major", "minor"],
        "return" => &["docs", "grades", "early"],
        "publish" => &["doc", "target", "identifier"],
        _ => &[],
    }
}

fn p_positive(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<u64> {
    let n = p_u64(v, path, issues)?;
    if n == 0 {
        issues.push(Issue::new(
            IssueCode::OutOfRange,
            path,
            "must be greater than 0",
        ));
        return None;
    }
    Some(n)
}

fn p_docs(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Vec<String>> {
    let docs = p_list(p_id)(v, path, issues)?;
    if docs.is_empty() {
        issues.push(Issue::new(
            IssueCode::EmptyValue,
            path,
            "at least one document",
        ));
        return None;
    }
    let mut seen = HashSet::new();
    for (i, d) in docs.iter().enumerate() {
        if !seen.insert(d.as_str()) {
            issues.push(Issue::new(
                IssueCode::DuplicateId,
                format!("{path}[{i}]"),
                d.clone(),
            ));
            return None;
        }
    }
    Some(docs)
}

impl Command {
    /// A command dated `date` with no actor or note.
    #[must_use]
    pub fn new(date: Date, action: Action) -> Command {
        Command {
            date,
            actor: None,
            note: None,
            action,
        }
    }

    /// Reads a command object `{"type": …, "date": …, …fields}`.
    ///
    /// # Errors
    /// [`ValidationError`] for an unknown type, a missing or unknown field, a
    /// bad value, `views` ≤ 0, an empty `docs`, a document listed twice or
    /// `grades` of another length.
    pub fn from_value(v: &Value) -> Result<Command, ValidationError> {
        let mut issues = Vec::new();
        let read = Self::read(v, &mut issues);
        finish(read, issues)
    }

    fn read(v: &Value, issues: &mut Issues) -> Option<Command> {
        let Value::Object(map) = v else {
            wrong_type(issues, &ROOT, "object", v);
            return None;
        };
        let kind = match map.get("type") {
            Some(Value::String(s)) if COMMAND_TYPES.contains(&s.as_str()) => s.as_str(),
            Some(Value::String(s)) => {
                issues.push(Issue::new(
                    IssueCode::NotInVocabulary,
                    "type",
                    format!("unknown command {s:?}"),
                ));
                return None;
            }
            Some(other) => {
                wrong_type(issues, &Path::Root("type"), "string", other);
                return None;
            }
            None => {
                issues.push(Issue::new(IssueCode::MissingField, "type", ""));
                return None;
            }
        };
        let mut allowed = vec!["type", "date", "actor", "note"];
        allowed.extend_from_slice(fields_of(kind));
        let f = Fields::new(v, &ROOT, &allowed, issues)?;
        let date = f.req("date", issues, p_date);
        let actor = f.opt("actor", issues, p_str);
        let note = f.opt("note", issues, p_str);
        let action = match kind {
            "register_institution" => f
                .req("institution", issues, Institution::read)
                .map(|x| Action::RegisterInstitution(Box::new(x))),
            "register_convention" => f
                .req("convention", issues, Convention::read)
                .map(|x| Action::RegisterConvention(Box::new(x))),
            "propose" => f
                .req("document", issues, Document::read)
                .map(|x| Action::Propose(Box::new(x))),
            "amend_convention" => {
                let convention = f.req("convention", issues, p_id);
                let amendment = f.req("amendment", issues, Amendment::read);
                Some(Action::AmendConvention {
                    convention: convention?,
                    amendment: amendment?,
                })
            }
            "notify_termination" => f
                .req("convention", issues, p_id)
                .map(|convention| Action::NotifyTermination { convention }),
            "record_membership" => {
                let institution = f.req("institution", issues, p_id);
                let year = f.req("year", issues, p_year);
                Some(Action::RecordMembership {
                    institution: institution?,
                    year: year?,
                })
            }
            "ship" => {
                let shipment = f.req("shipment", issues, p_id);
                let provider = f.req("provider", issues, p_id);
                let docs = f.req("docs", issues, p_docs);
                Some(Action::Ship {
                    shipment: shipment?,
                    provider: provider?,
                    docs: docs?,
                })
            }
            "return" => {
                let docs = f.req("docs", issues, p_docs);
                let grades = f.req("grades", issues, p_list(p_vocab(Grade::parse)));
                let early = f.opt("early", issues, p_bool).unwrap_or(false);
                if let (Some(d), Some(g)) = (&docs, &grades) {
                    if d.len() != g.len() {
                        issues.push(Issue::new(
                            IssueCode::Inconsistent,
                            "grades",
                            "one grade per document",
                        ));
                        return None;
                    }
                }
                Some(Action::Return {
                    docs: docs?,
                    grades: grades?,
                    early,
                })
            }
            "close_campaign" => Some(Action::CloseCampaign),
            _ => {
                // Commands on one document.
                let doc_id = f.req("doc", issues, p_id);
                let action = match kind {
                    "select" => Some(Action::Select { doc: String::new() }),
                    "preserve" => Some(Action::Preserve { doc: String::new() }),
                    "reject" | "withdraw" => {
                        let reason = f.req("reason", issues, p_str)?;
                        if kind == "reject" {
                            Some(Action::Reject {
                                doc: String::new(),
                                reason,
                            })
                        } else {
                            Some(Action::Withdraw {
                                doc: String::new(),
                                reason,
                            })
                        }
                    }
                    "record_condition" => {
                        f.req("grade", issues, p_vocab(Grade::parse)).map(|grade| {
                            Action::RecordCondition {
                                doc: String::new(),
                                grade,
                            }
                        })
                    }
                    "prepare" => {
                        let before = issues.len();
                        let n = f.opt("issues", issues, p_u64);
                        (issues.len() == before).then_some(Action::Prepare {
                            doc: String::new(),
                            issues: n,
                        })
                    }
                    "deliver" => f
                        .req("views", issues, p_positive)
                        .map(|views| Action::Deliver {
                            doc: String::new(),
                            views,
                        }),
                    "qc" => {
                        let sample = f.req("sample", issues, p_u64);
                        let major = f.req("major", issues, p_u64);
                        let minor = f.req("minor", issues, p_u64);
                        Some(Action::Qc {
                            doc: String::new(),
                            sample: sample?,
                            major: major?,
                            minor: minor?,
                        })
                    }
                    "publish" => {
                        let target = f.req("target", issues, p_id);
                        let identifier = f.req("identifier", issues, p_id);
                        Some(Action::Publish {
                            doc: String::new(),
                            target: target?,
                            identifier: identifier?,
                        })
                    }
                    _ => None,
                };
                let mut action = action?;
                action.set_doc(doc_id?);
                Some(action)
            }
        };
        Some(Command {
            date: date?,
            actor,
            note,
            action: action?,
        })
    }

    /// The command as a JSON object (the event log's form).
    #[must_use]
    pub fn to_value(&self) -> Value {
        let mut o = Out::new()
            .put("type", self.action.type_name())
            .put("date", self.date.to_string())
            .put_opt("actor", self.actor.as_deref())
            .put_opt("note", self.note.as_deref());
        o = match &self.action {
            Action::RegisterInstitution(x) => o.put("institution", x.to_value()),
            Action::RegisterConvention(x) => o.put("convention", x.to_value()),
            Action::Propose(x) => o.put("document", x.to_value()),
            Action::AmendConvention {
                convention,
                amendment,
            } => o
                .put("convention", convention.as_str())
                .put("amendment", amendment.to_value()),
            Action::NotifyTermination { convention } => o.put("convention", convention.as_str()),
            Action::RecordMembership { institution, year } => o
                .put("institution", institution.as_str())
                .put("year", *year),
            Action::Select { doc } | Action::Preserve { doc } => o.put("doc", doc.as_str()),
            Action::Reject { doc, reason } | Action::Withdraw { doc, reason } => {
                o.put("doc", doc.as_str()).put("reason", reason.as_str())
            }
            Action::RecordCondition { doc, grade } => {
                o.put("doc", doc.as_str()).put("grade", grade.as_str())
            }
            Action::Prepare { doc, issues } => {
                o.put("doc", doc.as_str()).put_opt("issues", *issues)
            }
            Action::Ship {
                shipment,
                provider,
                docs,
            } => o
                .put("shipment", shipment.as_str())
                .put("provider", provider.as_str())
                .put("docs", docs.clone()),
            Action::Deliver { doc, views } => o.put("doc", doc.as_str()).put("views", *views),
            Action::Qc {
                doc,
                sample,
                major,
                minor,
            } => o
                .put("doc", doc.as_str())
                .put("sample", *sample)
                .put("major", *major)
                .put("minor", *minor),
            Action::Return {
                docs,
                grades,
                early,
            } => o
                .put("docs", docs.clone())
                .put(
                    "grades",
                    grades.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
                )
                .put("early", *early),
            Action::Publish {
                doc,
                target,
                identifier,
            } => o
                .put("doc", doc.as_str())
                .put("target", target.as_str())
                .put("identifier", identifier.as_str()),
            Action::CloseCampaign => o,
        };
        o.build()
    }

    /// Checks the rules a command must follow whatever the state (the
    /// `INVALID_VALUE` cases of §9.14 and the limits of §9.1), so that a
    /// command built in code is held to exactly the same rules as one read
    /// from JSON: it is read back from its JSON form.
    ///
    /// # Errors
    /// [`ValidationError`].
    pub fn validate(&self) -> Result<(), ValidationError> {
        Command::from_value(&self.to_value()).map(|_| ())
    }
}

impl Action {
    fn set_doc(&mut self, id: String) {
        match self {
            Action::Select { doc }
            | Action::Preserve { doc }
            | Action::Reject { doc, .. }
            | Action::Withdraw { doc, .. }
            | Action::RecordCondition { doc, .. }
            | Action::Prepare { doc, .. }
            | Action::Deliver { doc, .. }
            | Action::Qc { doc, .. }
            | Action::Publish { doc, .. } => *doc = id,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip_and_rules() {
        let v = json!({"type": "ship", "shipment": "S1", "provider": "SIM", "docs": ["D1", "D2"], "date": "2026-05-02"});
        let c = Command::from_value(&v);
        assert!(c.is_ok());
        assert_eq!(c.map(|c| c.to_value()).ok(), Some(v));
        for bad in [
            json!({"type": "ship", "shipment": "S1", "provider": "SIM", "docs": [], "date": "2026-05-02"}),
            json!({"type": "ship", "shipment": "S1", "provider": "SIM", "docs": ["D1", "D1"], "date": "2026-05-02"}),
            json!({"type": "deliver", "doc": "D1", "views": 0, "date": "2026-05-02"}),
            json!({"type": "deliver", "doc": "D1", "views": -3, "date": "2026-05-02"}),
            json!({"type": "return", "docs": ["D1"], "grades": [], "date": "2026-05-02"}),
            json!({"type": "select", "doc": "D1"}),
            json!({"type": "select", "doc": "D1", "date": "2026-05-02", "extra": 1}),
            json!({"type": "fly", "date": "2026-05-02"}),
            json!({"type": "prepare", "doc": "D1", "issues": -1, "date": "2026-05-02"}),
            json!({"type": "reject", "doc": "D1", "date": "2026-05-02"}),
            json!([1, 2]),
        ] {
            assert!(Command::from_value(&bad).is_err(), "{bad}");
        }
    }
}
