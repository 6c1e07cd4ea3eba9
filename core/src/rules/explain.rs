//! Eligibility with what is wrong: each reason and warning of one document
//! with its detail (the missing fields, the agreements concerned, the limit,
//! the deadline) and its messages in French and in English. Computed for one
//! document on demand: the eligibility table keeps its one word of codes per
//! document, and the conformance vectors their codes only.

use crate::campaign_data::{CampaignData, Document};
use crate::lang::Lang;
use crate::programme::Programme;
use crate::rules::eligibility::{eligibility_at, Reason, Warning};
use crate::values::vocabulary::ConventionKind;
use crate::Date;

/// An agreement behind a convention reason or warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConventionRef {
    /// Its id.
    pub id: String,
    /// Coordinator or national library.
    pub kind: ConventionKind,
    /// The first day in force.
    pub starts_on: Date,
    /// The last day in force (after amendments and termination notice).
    pub last_day: Date,
}

/// What a reason or warning is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detail {
    /// Nothing more to say than the code.
    None,
    /// `INFORMATION_INCOMPLETE`: the fields missing (`title`, `author`,
    /// `date`, `format`, `views`).
    MissingFields(Vec<&'static str>),
    /// Convention reasons and the warning: the agreements of that kind (for
    /// a missing one: those that exist but are not in force on the day; for
    /// the warning: those in force that end before the campaign).
    Conventions {
        /// Their kind.
        kind: ConventionKind,
        /// The agreements.
        conventions: Vec<ConventionRef>,
        /// The campaign's last day (for the warning).
        campaign_ends_on: Date,
    },
    /// `VIEWS_OUT_OF_RANGE`: the views and the programme's maximum.
    Views {
        /// The document's views.
        views: u64,
        /// The programme's maximum per document, if any.
        max: Option<u64>,
    },
    /// `PROPOSAL_LATE`: the day of the proposal and the deadline.
    Deadline {
        /// When the document was proposed.
        proposed_on: Date,
        /// The programme's deadline.
        deadline: Date,
    },
}

/// One reason or warning with its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained<C> {
    /// The reason (or warning).
    pub code: C,
    /// What it is about.
    pub detail: Detail,
}

/// The eligibility of one document with every reason's and warning's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Every reason, in spec order (the same as [`crate::Eligibility`]'s).
    pub reasons: Vec<Explained<Reason>>,
    /// The warnings.
    pub warnings: Vec<Explained<Warning>>,
}

impl Explanation {
    /// Whether the document is eligible.
    #[must_use]
    pub fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }
}

fn field_fr(f: &str) -> &str {
    match f {
        "title" => "titre",
        "author" => "auteur",
        "views" => "nombre de vues",
        other => other,
    }
}

fn field_en(f: &str) -> &str {
    match f {
        "views" => "number of views",
        other => other,
    }
}

fn kind_fr(k: ConventionKind) -> &'static str {
    match k {
        ConventionKind::Coordinator => "avec le coordinateur",
        ConventionKind::NationalLibrary => "avec la BnF",
        ConventionKind::Departmental => "avec le département",
        ConventionKind::Funding => "de financement",
    }
}

fn kind_en(k: ConventionKind) -> &'static str {
    match k {
        ConventionKind::Coordinator => "coordinator",
        ConventionKind::NationalLibrary => "national-library",
        ConventionKind::Departmental => "departmental",
        ConventionKind::Funding => "funding",
    }
}

impl Detail {
    /// The detail in French, to follow the code's text (empty for `None`).
    #[must_use]
    pub fn text_fr(&self) -> String {
        self.text(Lang::Fr)
    }

    /// The detail in English, to follow the code's text (empty for `None`).
    #[must_use]
    pub fn text_en(&self) -> String {
        self.text(Lang::En)
    }

    /// The detail in one language (empty for `None`).
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            Detail::None => String::new(),
            Detail::MissingFields(f) => {
                let names: Vec<&str> = f
                    .iter()
                    .map(|f| if fr { field_fr(f) } else { field_en(f) })
                    .collect();
                format!(
                    "{}{}",
                    lang.pick("champs manquants : ", "missing fields: "),
                    names.join(", ")
                )
            }
            Detail::Conventions {
                kind, conventions, ..
            } if conventions.is_empty() => {
                if fr {
                    format!("aucune convention {} enregistrée", kind_fr(*kind))
                } else {
                    format!("no {} agreement on record", kind_en(*kind))
                }
            }
            Detail::Conventions {
                conventions,
                campaign_ends_on,
                ..
            } => {
                let list: Vec<String> = conventions
                    .iter()
                    .map(|c| {
                        let (id, from, to) = (&c.id, c.starts_on, c.last_day);
                        if fr {
                            format!("convention {id} {} du {from} au {to}", kind_fr(c.kind))
                        } else {
                            format!("{} agreement {id} from {from} to {to}", kind_en(c.kind))
                        }
                    })
                    .collect();
                let end = lang.pick("fin de la campagne :", "the campaign ends on");
                format!(
                    "{}{} {end} {campaign_ends_on}",
                    list.join(", "),
                    lang.pick(" ;", ";")
                )
            }
            Detail::Views { views, max } => {
                let mut s = format!("{views} {}", lang.pick("vues", "views"));
                if let Some(m) = max {
                    s.push_str(lang.pick(" pour un maximum de ", " for a maximum of "));
                    s.push_str(&m.to_string());
                }
                s
            }
            Detail::Deadline {
                proposed_on,
                deadline,
            } => {
                if fr {
                    format!("proposée le {proposed_on}, date limite le {deadline}")
                } else {
                    format!("proposed on {proposed_on}, deadline {deadline}")
                }
            }
        }
    }
}

macro_rules! messages {
    ($t:ty) => {
        impl Explained<$t> {
            /// The message in French: the code's text, then the detail.
            #[must_use]
            pub fn message_fr(&self) -> String {
                join(self.code.text_fr(), &self.detail.text_fr(), " : ")
            }

            /// The message in English: the code's text, then the detail.
            #[must_use]
            pub fn message_en(&self) -> String {
                join(self.code.text_en(), &self.detail.text_en(), ": ")
            }
        }
    };
}
messages!(Reason);
messages!(Warning);

fn join(text: &str, detail: &str, sep: &str) -> String {
    if detail.is_empty() {
        text.to_string()
    } else {
        format!("{text}{sep}{detail}")
    }
}

/// The fields whose absence makes a proposal incomplete, in the order of
/// the note informative.
#[must_use]
pub fn missing_fields(doc: &Document) -> Vec<&'static str> {
    let blank = |t: Option<&String>| t.is_none_or(|s| s.trim().is_empty());
    let mut out = Vec::new();
    if blank(doc.title.as_ref()) {
        out.push("title");
    }
    if blank(doc.author.as_ref()) {
        out.push("author");
    }
    if doc.date.is_none() {
        out.push("date");
    }
    if doc.format.is_none() {
        out.push("format");
    }
    if doc.views.is_none() {
        out.push("views");
    }
    out
}

fn conventions(
    programme: &Programme,
    data: &CampaignData,
    inst: usize,
    kind: ConventionKind,
    day: Date,
    in_force: bool,
) -> Vec<ConventionRef> {
    let months = programme.termination_notice_months;
    data.conventions_of(inst)
        .filter(|c| c.kind == kind && c.in_force(day, months) == in_force)
        .filter(|c| !in_force || c.last_day_in_force(day, months) < data.ends_on)
        .map(|c| ConventionRef {
            id: c.id.clone(),
            kind,
            starts_on: c.starts_on,
            last_day: c.last_day_in_force(day, months),
        })
        .collect()
}

/// The eligibility of the document at `pos` on `day` with the details;
/// `None` for a position out of range. The reasons and warnings are exactly
/// those of the eligibility (one rule, computed once), the details are read
/// from the document, the programme and the agreements.
#[must_use]
pub fn explain_at(
    programme: &Programme,
    data: &CampaignData,
    pos: usize,
    day: Date,
) -> Option<Explanation> {
    let e = eligibility_at(programme, data, pos, day)?;
    let doc = data.documents().get(pos)?;
    let inst = data.document_institution_position(pos)?;
    let rules = &programme.eligibility;
    let missing = |kind| Detail::Conventions {
        kind,
        conventions: conventions(programme, data, inst, kind, day, false),
        campaign_ends_on: data.ends_on,
    };
    let reasons = e
        .reasons
        .iter()
        .map(|&r| Explained {
            code: r,
            detail: match r {
                Reason::InformationIncomplete => Detail::MissingFields(missing_fields(doc)),
                Reason::CoordinatorConventionMissing => missing(ConventionKind::Coordinator),
                Reason::NationalLibraryConventionMissing => {
                    missing(ConventionKind::NationalLibrary)
                }
                Reason::ViewsOutOfRange => Detail::Views {
                    views: doc.views.unwrap_or(0),
                    max: rules.max_views_per_document,
                },
                Reason::ProposalLate => match rules.proposal_deadline {
                    Some(deadline) => Detail::Deadline {
                        proposed_on: doc.proposed_on,
                        deadline,
                    },
                    None => Detail::None,
                },
                _ => Detail::None,
            },
        })
        .collect();
    let warnings = e
        .warnings
        .iter()
        .map(|&w| {
            let mut list = Vec::new();
            let mut kind = ConventionKind::Coordinator;
            for k in [ConventionKind::Coordinator, ConventionKind::NationalLibrary] {
                let relied = match k {
                    ConventionKind::Coordinator => rules.coordinator_convention_required,
                    ConventionKind::NationalLibrary => doc.targets_include("gallica"),
                    _ => false,
                };
                let early = conventions(programme, data, inst, k, day, true);
                // Every agreement in force of the kind ends early (else no warning for it).
                let months = programme.termination_notice_months;
                let any_long = data.conventions_of(inst).any(|c| {
                    c.kind == k
                        && c.in_force(day, months)
                        && c.last_day_in_force(day, months) >= data.ends_on
                });
                if relied && !early.is_empty() && !any_long {
                    if list.is_empty() {
                        kind = k;
                    }
                    list.extend(early);
                }
            }
            Explained {
                code: w,
                detail: Detail::Conventions {
                    kind,
                    conventions: list,
                    campaign_ends_on: data.ends_on,
                },
            }
        })
        .collect();
    Some(Explanation { reasons, warnings })
}

impl Detail {
    /// The detail as JSON: `{"kind": "missing_fields", "fields": […]}`,
    /// `{"kind": "conventions", "convention_kind", "conventions": [{"id",
    /// "kind", "starts_on", "last_day"}], "campaign_ends_on"}`, `{"kind":
    /// "views", "views", "max"}`, `{"kind": "deadline", "proposed_on",
    /// "deadline"}` or `{"kind": "none"}`.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Detail::None => json!({"kind": "none"}),
            Detail::MissingFields(f) => json!({"kind": "missing_fields", "fields": f}),
            Detail::Conventions {
                kind,
                conventions,
                campaign_ends_on,
            } => json!({
                "kind": "conventions",
                "convention_kind": kind.as_str(),
                "conventions": conventions.iter().map(|c| json!({
                    "id": c.id, "kind": c.kind.as_str(),
                    "starts_on": c.starts_on.to_string(), "last_day": c.last_day.to_string(),
                })).collect::<Vec<_>>(),
                "campaign_ends_on": campaign_ends_on.to_string(),
            }),
            Detail::Views { views, max } => json!({"kind": "views", "views": views, "max": max}),
            Detail::Deadline {
                proposed_on,
                deadline,
            } => {
                json!({"kind": "deadline", "proposed_on": proposed_on.to_string(), "deadline": deadline.to_string()})
            }
        }
    }
}

impl Explanation {
    /// The explanation as JSON: `{"eligible", "reasons": [{"code",
    /// "message_fr", "message_en", "detail"}], "warnings": [...]}`.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::json;
        let reasons: Vec<_> = self
            .reasons
            .iter()
            .map(|r| json!({"code": r.code.code(), "message_fr": r.message_fr(), "message_en": r.message_en(), "detail": r.detail.to_value()}))
            .collect();
        let warnings: Vec<_> = self
            .warnings
            .iter()
            .map(|w| json!({"code": w.code.code(), "message_fr": w.message_fr(), "message_en": w.message_en(), "detail": w.detail.to_value()}))
            .collect();
        json!({"eligible": self.eligible(), "reasons": reasons, "warnings": warnings})
    }
}
