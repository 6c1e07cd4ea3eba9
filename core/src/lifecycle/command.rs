//! Commands: every change to a campaign, dated (domain.md §7, §9.14, §9.19).

use serde_json::Value;

use crate::campaign_data::{Document, Institution};
use crate::convention::{Amendment, Convention};
use crate::error::{Issue, IssueCode, ValidationError};
use crate::format::json::{
    finish, p_bool, p_date, p_list, p_u64, p_vocab, p_year, wrong_type, Fields, Issues, Out, Path,
    ROOT,
};
use crate::values::vocabulary::{Grade, Vocabulary};
use crate::values::{
    ConventionId, Count, DocList, DocumentId, Id, ShipmentId, Text, ValueError, Views, Year,
};
use crate::Date;

/// A dated command, with who did it and a free note. Built from values
/// valid by construction ([`crate::values`]): a command is always of a
/// valid form; only its objects (institution, convention, document,
/// amendment), whose fields are public, are checked when it runs.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{Action, Command, Date};
/// let day = Date::from_ymd_opt(2026, 5, 2).ok_or("day")?;
/// // Built from plain values: every value is checked and named at its field.
/// let ship = Command::build(day, Some("régie"), None, Action::ship("S1", "Prestataire", &["D1", "D2"]))?;
/// assert_eq!(ship.action.type_name(), "ship");
/// let bad = Action::ship("S1", "Prestataire", &["D1", "D1"]).unwrap_err();
/// assert_eq!((bad.issues[0].code.code(), bad.issues[0].path.as_str()), ("DUPLICATE_ID", "docs[1]"));
/// // The same command from its JSON form (the event log's).
/// let read = Command::from_value(&ship.to_value())?;
/// assert_eq!(read, ship);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The day it happened.
    pub date: Date,
    /// Who did it (optional).
    pub actor: Option<Text>,
    /// A free note (optional).
    pub note: Option<Text>,
    /// What it does.
    pub action: Action,
}

/// What a command does.
///
/// Built from plain values by its constructors, which check them with the
/// rules of the format (the same as the JSON reader):
///
/// ```
/// use numconc::{Action, IssueCode};
/// assert!(Action::ship("S1", "SIM", &["D1", "D2"]).is_ok());
/// let twice = Action::ship("S1", "SIM", &["D1", "D1"]).unwrap_err();
/// assert_eq!(twice.issues[0].path, "docs[1]");
/// let none = Action::deliver("D1", 0).unwrap_err();
/// assert_eq!(none.issues[0].code, IssueCode::OutOfRange);
/// ```
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
        convention: ConventionId,
        /// The amendment.
        amendment: Amendment,
    },
    /// Records a termination notice received on the command's date.
    NotifyTermination {
        /// The convention.
        convention: ConventionId,
    },
    /// Records a membership year.
    RecordMembership {
        /// The institution (a reference: any identifier, an unknown one
        /// being `UNKNOWN_INSTITUTION`).
        institution: Id,
        /// The year.
        year: Year,
    },
    /// Selects a proposal.
    Select {
        /// The document.
        doc: DocumentId,
    },
    /// Rejects a proposal.
    Reject {
        /// The document.
        doc: DocumentId,
        /// Why.
        reason: Text,
    },
    /// Withdraws a document.
    Withdraw {
        /// The document.
        doc: DocumentId,
        /// Why.
        reason: Text,
    },
    /// Records the condition report before departure.
    RecordCondition {
        /// The document.
        doc: DocumentId,
        /// The grade.
        grade: Grade,
    },
    /// Records the preparation (with the collation of serials).
    Prepare {
        /// The document.
        doc: DocumentId,
        /// Issues collated (serials).
        issues: Option<Count>,
    },
    /// Sends documents to a provider.
    Ship {
        /// The shipment id.
        shipment: ShipmentId,
        /// The provider.
        provider: Id,
        /// The documents.
        docs: DocList,
    },
    /// Records a delivery of images.
    Deliver {
        /// The document.
        doc: DocumentId,
        /// Views delivered.
        views: Views,
    },
    /// Records a quality-control check.
    Qc {
        /// The document.
        doc: DocumentId,
        /// Views checked.
        sample: Count,
        /// Major defects.
        major: Count,
        /// Minor defects.
        minor: Count,
    },
    /// Brings documents home.
    Return(Returns),
    /// Publishes a document on a target.
    Publish {
        /// The document.
        doc: DocumentId,
        /// The target (`gallica`, `armarium`, …).
        target: Id,
        /// Its identifier there (a BnF ARK for Gallica).
        identifier: Id,
    },
    /// Records long-term preservation.
    Preserve {
        /// The document.
        doc: DocumentId,
    },
    /// Closes the campaign.
    CloseCampaign,
}

/// The documents of a return with their condition grades, one per
/// document (valid by construction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returns {
    docs: DocList,
    grades: Vec<Grade>,
    /// Returned before QC passed (a document that can never pass).
    pub early: bool,
}

impl Returns {
    /// Documents and their grades, one per document.
    ///
    /// # Errors
    /// `INCONSISTENT` when there is not one grade per document.
    pub fn new(docs: DocList, grades: Vec<Grade>, early: bool) -> Result<Returns, ValueError> {
        if grades.len() != docs.len() {
            return Err(ValueError {
                code: IssueCode::Inconsistent,
                detail: format!("{} ≠ {}", grades.len(), docs.len()),
            });
        }
        Ok(Returns {
            docs,
            grades,
            early,
        })
    }

    /// The documents.
    #[must_use]
    pub fn docs(&self) -> &DocList {
        &self.docs
    }

    /// The grades, one per document.
    #[must_use]
    pub fn grades(&self) -> &[Grade] {
        &self.grades
    }
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
            Action::Return(_) => "return",
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

/// The members a command of type `kind` has besides `type`, `date`,
/// `actor` and `note`.
pub(crate) fn fields_of(kind: &str) -> &'static [&'static str] {
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

/// A value made by a constructor of [`crate::values`] from a JSON string.
fn p_string<T>(
    make: fn(String) -> Result<T, ValueError>,
) -> impl Fn(&Value, &Path<'_>, &mut Issues) -> Option<T> {
    move |v, path, issues| match v {
        Value::String(s) => make(s.clone()).map_err(|e| issues.push(e.at(path))).ok(),
        _ => {
            wrong_type(issues, path, "string", v);
            None
        }
    }
}

fn p_count(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Count> {
    // p_u64 already holds counts to the limit.
    p_u64(v, path, issues).and_then(|n| Count::new(n).map_err(|e| issues.push(e.at(path))).ok())
}

fn p_views(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Views> {
    p_u64(v, path, issues).and_then(|n| Views::new(n).map_err(|e| issues.push(e.at(path))).ok())
}

fn p_docs(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<DocList> {
    let docs = p_list(p_string(DocumentId::new))(v, path, issues)?;
    DocList::new(docs)
        .map_err(|(at, e)| match at {
            Some(i) => issues.push(e.at(Path::Index(path, i))),
            None => issues.push(e.at(path)),
        })
        .ok()
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
                    crate::values::vocabulary::not_one_of(s, COMMAND_TYPES),
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
        let actor = f.opt("actor", issues, p_string(Text::new));
        let note = f.opt("note", issues, p_string(Text::new));
        let doc = |issues: &mut Issues| f.req("doc", issues, p_string(DocumentId::new));
        let count = |key: &str, issues: &mut Issues| f.req(key, issues, p_count);
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
                let convention = f.req("convention", issues, p_string(ConventionId::new));
                let amendment = f.req("amendment", issues, Amendment::read);
                Some(Action::AmendConvention {
                    convention: convention?,
                    amendment: amendment?,
                })
            }
            "notify_termination" => f
                .req("convention", issues, p_string(ConventionId::new))
                .map(|convention| Action::NotifyTermination { convention }),
            "record_membership" => {
                let institution = f.req("institution", issues, p_string(Id::new));
                let year = f.req("year", issues, p_year).and_then(|y| {
                    Year::new(i64::from(y))
                        .map_err(|e| issues.push(e.at(f.path_of("year"))))
                        .ok()
                });
                Some(Action::RecordMembership {
                    institution: institution?,
                    year: year?,
                })
            }
            "ship" => {
                let shipment = f.req("shipment", issues, p_string(ShipmentId::new));
                let provider = f.req("provider", issues, p_string(Id::new));
                let docs = f.req("docs", issues, p_docs);
                Some(Action::Ship {
                    shipment: shipment?,
                    provider: provider?,
                    docs: docs?,
                })
            }
            "return" => {
                let docs = f.req("docs", issues, p_docs);
                let grades = f.req("grades", issues, p_list(p_vocab::<Grade>()));
                let early = f.opt("early", issues, p_bool).unwrap_or(false);
                let (docs, grades) = (docs?, grades?);
                match Returns::new(docs, grades, early) {
                    Ok(r) => Some(Action::Return(r)),
                    Err(e) => {
                        issues.push(e.at("grades"));
                        None
                    }
                }
            }
            "close_campaign" => Some(Action::CloseCampaign),
            "select" => doc(issues).map(|doc| Action::Select { doc }),
            "preserve" => doc(issues).map(|doc| Action::Preserve { doc }),
            "reject" | "withdraw" => {
                let doc = doc(issues);
                let reason = f.req("reason", issues, p_string(Text::new));
                let (doc, reason) = (doc?, reason?);
                Some(if kind == "reject" {
                    Action::Reject { doc, reason }
                } else {
                    Action::Withdraw { doc, reason }
                })
            }
            "record_condition" => {
                let doc = doc(issues);
                let grade = f.req("grade", issues, p_vocab::<Grade>());
                Some(Action::RecordCondition {
                    doc: doc?,
                    grade: grade?,
                })
            }
            "prepare" => {
                let doc = doc(issues);
                let before = issues.len();
                let n = f.opt("issues", issues, p_count);
                let doc = doc?;
                (issues.len() == before).then_some(Action::Prepare { doc, issues: n })
            }
            "deliver" => {
                let doc = doc(issues);
                let views = f.req("views", issues, p_views);
                Some(Action::Deliver {
                    doc: doc?,
                    views: views?,
                })
            }
            "qc" => {
                let doc = doc(issues);
                let sample = count("sample", issues);
                let major = count("major", issues);
                let minor = count("minor", issues);
                Some(Action::Qc {
                    doc: doc?,
                    sample: sample?,
                    major: major?,
                    minor: minor?,
                })
            }
            "publish" => {
                let doc = doc(issues);
                let target = f.req("target", issues, p_string(Id::new));
                let identifier = f.req("identifier", issues, p_string(Id::new));
                Some(Action::Publish {
                    doc: doc?,
                    target: target?,
                    identifier: identifier?,
                })
            }
            _ => None,
        };
        Some(Command {
            date: date?,
            actor,
            note,
            action: action?,
        })
    }

    /// The command as JSON text: the bytes a saved file's log holds it in.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut w = crate::format::writer::JsonText::default();
        self.write_json(&mut w);
        w.finish()
    }

    /// Writes the command as JSON text: the bytes of `to_value()`
    /// serialised (keys sorted); the commands on documents are written
    /// directly, those that carry an object through their tree.
    pub(crate) fn write_json(&self, w: &mut crate::format::writer::JsonText) {
        use crate::format::writer::Member::{Bool, Count, Int, Str, Strs};
        let date = self.date.to_string();
        let mut m = vec![("type", Str(self.action.type_name())), ("date", Str(&date))];
        if let Some(a) = &self.actor {
            m.push(("actor", Str(a)));
        }
        if let Some(n) = &self.note {
            m.push(("note", Str(n)));
        }
        match &self.action {
            Action::RegisterInstitution(_)
            | Action::RegisterConvention(_)
            | Action::Propose(_)
            | Action::AmendConvention { .. } => {
                // Serialising a Value cannot fail (keys are strings).
                w.raw(&serde_json::to_string(&self.to_value()).unwrap_or_default());
                return;
            }
            Action::NotifyTermination { convention } => m.push(("convention", Str(convention))),
            Action::RecordMembership { institution, year } => {
                m.push(("institution", Str(institution)));
                m.push(("year", Int(i64::from(year.get()))));
            }
            Action::Select { doc } | Action::Preserve { doc } => m.push(("doc", Str(doc))),
            Action::Reject { doc, reason } | Action::Withdraw { doc, reason } => {
                m.push(("doc", Str(doc)));
                m.push(("reason", Str(reason)));
            }
            Action::RecordCondition { doc, grade } => {
                m.push(("doc", Str(doc)));
                m.push(("grade", Str(grade.as_str())));
            }
            Action::Prepare { doc, issues } => {
                m.push(("doc", Str(doc)));
                if let Some(n) = issues {
                    m.push(("issues", Count(n.get())));
                }
            }
            Action::Ship {
                shipment,
                provider,
                docs,
            } => {
                m.push(("shipment", Str(shipment)));
                m.push(("provider", Str(provider)));
                m.push(("docs", Strs(docs.iter().map(|d| d.as_str()).collect())));
            }
            Action::Deliver { doc, views } => {
                m.push(("doc", Str(doc)));
                m.push(("views", Count(views.get())));
            }
            Action::Qc {
                doc,
                sample,
                major,
                minor,
            } => {
                m.push(("doc", Str(doc)));
                m.push(("sample", Count(sample.get())));
                m.push(("major", Count(major.get())));
                m.push(("minor", Count(minor.get())));
            }
            Action::Return(r) => {
                m.push(("docs", Strs(r.docs().iter().map(|d| d.as_str()).collect())));
                m.push((
                    "grades",
                    Strs(r.grades().iter().map(|g| g.as_str()).collect()),
                ));
                m.push(("early", Bool(r.early)));
            }
            Action::Publish {
                doc,
                target,
                identifier,
            } => {
                m.push(("doc", Str(doc)));
                m.push(("target", Str(target)));
                m.push(("identifier", Str(identifier)));
            }
            Action::CloseCampaign => {}
        }
        w.object(m);
    }

    /// The command as a JSON object (the event log's form).
    #[must_use]
    pub fn to_value(&self) -> Value {
        let ids = |docs: &DocList| -> Value {
            Value::Array(docs.iter().map(|d| Value::from(d.as_str())).collect())
        };
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
                .put("year", year.get()),
            Action::Select { doc } | Action::Preserve { doc } => o.put("doc", doc.as_str()),
            Action::Reject { doc, reason } | Action::Withdraw { doc, reason } => {
                o.put("doc", doc.as_str()).put("reason", reason.as_str())
            }
            Action::RecordCondition { doc, grade } => {
                o.put("doc", doc.as_str()).put("grade", grade.as_str())
            }
            Action::Prepare { doc, issues } => o
                .put("doc", doc.as_str())
                .put_opt("issues", issues.map(Count::get)),
            Action::Ship {
                shipment,
                provider,
                docs,
            } => o
                .put("shipment", shipment.as_str())
                .put("provider", provider.as_str())
                .put("docs", ids(docs)),
            Action::Deliver { doc, views } => o.put("doc", doc.as_str()).put("views", views.get()),
            Action::Qc {
                doc,
                sample,
                major,
                minor,
            } => o
                .put("doc", doc.as_str())
                .put("sample", sample.get())
                .put("major", major.get())
                .put("minor", minor.get()),
            Action::Return(r) => o
                .put("docs", ids(r.docs()))
                .put(
                    "grades",
                    r.grades().iter().map(|g| g.as_str()).collect::<Vec<_>>(),
                )
                .put("early", r.early),
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

    /// Checks what a command built in code could still get wrong: the
    /// objects it carries, whose fields are public, are held to every rule
    /// of the format by reading them back. Every other part of a command is
    /// valid by construction.
    ///
    /// # Errors
    /// [`ValidationError`].
    pub fn validate(&self) -> Result<(), ValidationError> {
        fn reread<T>(
            key: &str,
            v: &Value,
            read: fn(&Value, &Path<'_>, &mut Issues) -> Option<T>,
        ) -> Result<(), ValidationError> {
            let mut issues = Vec::new();
            let ok = read(v, &Path::Root(key), &mut issues).is_some();
            finish(ok.then_some(()), issues)
        }
        match &self.action {
            Action::RegisterInstitution(x) => {
                reread("institution", &x.to_value(), Institution::read)
            }
            Action::RegisterConvention(x) => reread("convention", &x.to_value(), Convention::read),
            Action::Propose(x) => reread("document", &x.to_value(), Document::read),
            Action::AmendConvention { amendment, .. } => {
                reread("amendment", &amendment.to_value(), Amendment::read)
            }
            _ => Ok(()),
        }
    }
}

/// Collects the issues of the values of one command, each at its field
/// path, so that every problem is reported at once.
#[derive(Default)]
struct Checked {
    issues: Vec<Issue>,
}

impl Checked {
    fn take<T>(&mut self, path: &str, r: Result<T, ValueError>) -> Option<T> {
        r.map_err(|e| self.issues.push(e.at(path))).ok()
    }

    fn docs(&mut self, path: &str, docs: &[&str]) -> Option<DocList> {
        let mut ids = Vec::with_capacity(docs.len());
        let before = self.issues.len();
        for (i, d) in docs.iter().enumerate() {
            if let Some(id) = self.take(&format!("{path}[{i}]"), DocumentId::new(*d)) {
                ids.push(id);
            }
        }
        if self.issues.len() != before {
            return None;
        }
        DocList::new(ids)
            .map_err(|(at, e)| {
                let path = at.map_or_else(|| path.to_string(), |i| format!("{path}[{i}]"));
                self.issues.push(e.at(path));
            })
            .ok()
    }

    fn done(self, action: Option<Action>) -> Result<Action, ValidationError> {
        finish(action, self.issues)
    }
}

/// Constructors from plain values (for the bindings and other callers that
/// do not hold typed values yet): each checks every value, reports every
/// problem at its field path (`doc`, `docs[2]`, `views`) and gives the
/// action.
impl Action {
    fn one_doc(
        doc: &str,
        make: impl FnOnce(DocumentId) -> Action,
    ) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        c.done(doc.map(make))
    }

    /// `select`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn select(doc: &str) -> Result<Action, ValidationError> {
        Action::one_doc(doc, |doc| Action::Select { doc })
    }

    /// `preserve`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn preserve(doc: &str) -> Result<Action, ValidationError> {
        Action::one_doc(doc, |doc| Action::Preserve { doc })
    }

    /// `reject` (`withdraw: false`) or `withdraw`, with a reason.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn reject_or_withdraw(
        doc: &str,
        reason: &str,
        withdraw: bool,
    ) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        let reason = c.take("reason", Text::new(reason));
        let action = doc.zip(reason).map(|(doc, reason)| {
            if withdraw {
                Action::Withdraw { doc, reason }
            } else {
                Action::Reject { doc, reason }
            }
        });
        c.done(action)
    }

    /// `record_condition`, the grade given by its v1 name (`good`, …).
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn record_condition(doc: &str, grade: &str) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        let grade = c.take("grade", vocabulary_value::<Grade>(grade));
        c.done(
            doc.zip(grade)
                .map(|(doc, grade)| Action::RecordCondition { doc, grade }),
        )
    }

    /// `prepare`, with the issues collated of a serial.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn prepare(doc: &str, issues: Option<u64>) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        let issues = match issues {
            Some(n) => c.take("issues", Count::new(n)).map(Some),
            None => Some(None),
        };
        c.done(
            doc.zip(issues)
                .map(|(doc, issues)| Action::Prepare { doc, issues }),
        )
    }

    /// `ship`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn ship(shipment: &str, provider: &str, docs: &[&str]) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let shipment = c.take("shipment", ShipmentId::new(shipment));
        let provider = c.take("provider", Id::new(provider));
        let docs = c.docs("docs", docs);
        let action = match (shipment, provider, docs) {
            (Some(shipment), Some(provider), Some(docs)) => Some(Action::Ship {
                shipment,
                provider,
                docs,
            }),
            _ => None,
        };
        c.done(action)
    }

    /// `deliver`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn deliver(doc: &str, views: u64) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        let views = c.take("views", Views::new(views));
        c.done(
            doc.zip(views)
                .map(|(doc, views)| Action::Deliver { doc, views }),
        )
    }

    /// `qc`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn qc(doc: &str, sample: u64, major: u64, minor: u64) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        let sample = c.take("sample", Count::new(sample));
        let major = c.take("major", Count::new(major));
        let minor = c.take("minor", Count::new(minor));
        let action = match (doc, sample, major, minor) {
            (Some(doc), Some(sample), Some(major), Some(minor)) => Some(Action::Qc {
                doc,
                sample,
                major,
                minor,
            }),
            _ => None,
        };
        c.done(action)
    }

    /// `return`, with one grade (by its v1 name) per document.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn return_docs(
        docs: &[&str],
        grades: &[&str],
        early: bool,
    ) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let docs = c.docs("docs", docs);
        let mut parsed = Vec::with_capacity(grades.len());
        for (i, g) in grades.iter().enumerate() {
            if let Some(g) = c.take(&format!("grades[{i}]"), vocabulary_value::<Grade>(g)) {
                parsed.push(g);
            }
        }
        let action = match docs {
            Some(docs) if c.issues.is_empty() => c
                .take("grades", Returns::new(docs, parsed, early))
                .map(Action::Return),
            _ => None,
        };
        c.done(action)
    }

    /// `publish`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn publish(doc: &str, target: &str, identifier: &str) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let doc = c.take("doc", DocumentId::new(doc));
        let target = c.take("target", Id::new(target));
        let identifier = c.take("identifier", Id::new(identifier));
        let action = match (doc, target, identifier) {
            (Some(doc), Some(target), Some(identifier)) => Some(Action::Publish {
                doc,
                target,
                identifier,
            }),
            _ => None,
        };
        c.done(action)
    }

    /// `notify_termination`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn notify_termination(convention: &str) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let convention = c.take("convention", ConventionId::new(convention));
        c.done(convention.map(|convention| Action::NotifyTermination { convention }))
    }

    /// `record_membership`.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn record_membership(institution: &str, year: i64) -> Result<Action, ValidationError> {
        let mut c = Checked::default();
        let institution = c.take("institution", Id::new(institution));
        let year = c.take("year", Year::new(year));
        c.done(
            institution
                .zip(year)
                .map(|(institution, year)| Action::RecordMembership { institution, year }),
        )
    }
}

impl Command {
    /// A command from its date, optional actor and note, and an action
    /// (as the constructors of [`Action`] give it): the actor and note are
    /// checked too, and every problem is reported at once.
    ///
    /// # Errors
    /// [`ValidationError`] with every problem at its field path.
    pub fn build(
        date: Date,
        actor: Option<&str>,
        note: Option<&str>,
        action: Result<Action, ValidationError>,
    ) -> Result<Command, ValidationError> {
        let mut c = Checked::default();
        let actor = actor.and_then(|a| c.take("actor", Text::new(a)).map(Some));
        let note = note.and_then(|n| c.take("note", Text::new(n)).map(Some));
        let action = match action {
            Ok(a) => Some(a),
            Err(e) => {
                c.issues.extend(e.issues);
                None
            }
        };
        let action = c.done(action)?;
        Ok(Command {
            date,
            actor: actor.flatten(),
            note: note.flatten(),
            action,
        })
    }
}

/// A value of a closed vocabulary, by its v1 name; a value outside it is
/// reported with every accepted value.
fn vocabulary_value<T: Vocabulary>(s: &str) -> Result<T, ValueError> {
    T::parse(s).ok_or_else(|| ValueError {
        code: IssueCode::NotInVocabulary,
        detail: crate::values::vocabulary::not_one_of(s, T::NAMES),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_text_is_the_text_of_the_tree() {
        let objects = [
            json!({"type": "select", "doc": "D \"1\" é\u{1}", "date": "2026-05-02", "actor": "régie", "note": "a\nb"}),
            json!({"type": "preserve", "doc": "D1", "date": "2026-05-02"}),
            json!({"type": "reject", "doc": "D1", "reason": "hors sujet", "date": "2026-05-02"}),
            json!({"type": "withdraw", "doc": "D1", "reason": "", "date": "2026-05-02"}),
            json!({"type": "record_condition", "doc": "D1", "grade": "fair", "date": "2026-05-02"}),
            json!({"type": "prepare", "doc": "D1", "date": "2026-05-02"}),
            json!({"type": "prepare", "doc": "D1", "issues": 12, "date": "2026-05-02"}),
            json!({"type": "ship", "shipment": "S1", "provider": "SIM", "docs": ["D1", "D2"], "date": "2026-05-02"}),
            json!({"type": "deliver", "doc": "D1", "views": 1_000_000_000, "date": "2026-05-02"}),
            json!({"type": "qc", "doc": "D1", "sample": 20, "major": 0, "minor": 3, "date": "2026-05-02"}),
            json!({"type": "return", "docs": ["D1"], "grades": ["good"], "early": true, "date": "2026-05-02"}),
            json!({"type": "publish", "doc": "D1", "target": "gallica", "identifier": "ark:/12148/bpt6k205233j", "date": "2026-05-02"}),
            json!({"type": "notify_termination", "convention": "C1", "date": "2026-05-02"}),
            json!({"type": "record_membership", "institution": "I1", "year": 2026, "date": "2026-05-02"}),
            json!({"type": "close_campaign", "date": "2026-05-02"}),
            json!({"type": "amend_convention", "convention": "C1", "amendment": {"signed_on": "2026-05-01", "ends_on": null}, "date": "2026-05-02"}),
        ];
        for v in objects {
            let c = Command::from_value(&v);
            assert!(c.is_ok(), "{v}: {c:?}");
            let Ok(c) = c else { continue };
            let mut w = crate::format::writer::JsonText::default();
            c.write_json(&mut w);
            assert_eq!(
                w.finish(),
                serde_json::to_string(&c.to_value()).unwrap_or_default(),
                "{v}"
            );
        }
    }

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
