//! Eligibility of institutions and documents on a given day (domain.md §5):
//! every reason at once, in spec order, with French and English messages.

use crate::campaign_data::{CampaignData, Institution};
use crate::programme::Programme;
use crate::values::vocabulary::ConventionKind;
use crate::Date;

pub use crate::codes::{Reason, Warning};

impl Reason {
    /// The message in French.
    #[must_use]
    pub fn message_fr(self) -> &'static str {
        self.text_fr()
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(self) -> &'static str {
        self.text_en()
    }

    /// The message in a language (`fr` or `en`; anything else gives English).
    #[must_use]
    pub fn message(self, lang: &str) -> &'static str {
        if lang.eq_ignore_ascii_case("fr") {
            self.message_fr()
        } else {
            self.message_en()
        }
    }
}

impl Warning {
    /// The message in French.
    #[must_use]
    pub fn message_fr(self) -> &'static str {
        self.text_fr()
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(self) -> &'static str {
        self.text_en()
    }
}

/// The eligibility of one document on one day.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{Campaign, Date, Programme};
/// let campaign = Campaign::from_json(Programme::preset("hauts-de-france")?, CAMPAIGN)?;
/// let day = Date::from_ymd_opt(2026, 4, 15).ok_or("day")?;
/// assert!(campaign.eligibility("D1", day).is_some_and(|e| e.eligible()));
/// // Every reason at once, each with a stable code and both languages.
/// let e = campaign.eligibility("D2", day).ok_or("D2")?;
/// let codes: Vec<&str> = e.reasons.iter().map(|r| r.code()).collect();
/// assert_eq!(codes, ["THEME_NOT_ELIGIBLE", "INFORMATION_INCOMPLETE"]);
/// assert!(!e.reasons[0].message_fr().is_empty());
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
/// #                  "ocr": true, "proposed_on": "2026-02-10"},
/// #                 {"id": "D2", "institution": "FR-801216101", "typology": "press",
/// #                  "rights": "protected", "proposed_on": "2026-04-02"}]}"#;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Eligibility {
    /// Every reason, in spec order (empty when eligible).
    pub reasons: Vec<Reason>,
    /// Warnings (at most one of each).
    pub warnings: Vec<Warning>,
}

impl Eligibility {
    /// Whether the document is eligible (no reason).
    #[must_use]
    pub fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }

    /// The vector shape: `{"eligible", "reasons", "warnings"}`.
    #[must_use]
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::json!({
            "eligible": self.eligible(),
            "reasons": self.reasons.iter().map(|r| r.code()).collect::<Vec<_>>(),
            "warnings": self.warnings.iter().map(|w| w.code()).collect::<Vec<_>>(),
        })
    }
}

/// What an institution's agreements give on a day, for one kind.
#[derive(Debug, Clone, Copy, Default)]
struct KindStatus {
    /// At least one convention of the kind is in force.
    in_force: bool,
    /// Every one in force ends before the campaign does.
    ends_early: bool,
}

/// The institution part of eligibility, computed once per institution.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct InstitutionStatus {
    kind_ok: bool,
    member: bool,
    coordinator: KindStatus,
    national_library: KindStatus,
}

fn kind_status(
    data: &CampaignData,
    programme: &Programme,
    inst: usize,
    kind: ConventionKind,
    day: Date,
) -> KindStatus {
    let months = programme.termination_notice_months;
    let mut status = KindStatus {
        in_force: false,
        ends_early: true,
    };
    for c in data
        .conventions_of(inst)
        .filter(|c| c.kind == kind && c.in_force(day, months))
    {
        status.in_force = true;
        if c.last_day_in_force(day, months) >= data.ends_on {
            status.ends_early = false;
        }
    }
    status
}

pub(crate) fn institution_status(
    data: &CampaignData,
    programme: &Programme,
    inst_pos: usize,
    institution: &Institution,
    day: Date,
) -> InstitutionStatus {
    let rules = &programme.eligibility;
    InstitutionStatus {
        kind_ok: rules.institution_kinds.is_empty()
            || rules.institution_kinds.contains(&institution.kind),
        member: institution.membership_years.contains(&data.year),
        coordinator: kind_status(data, programme, inst_pos, ConventionKind::Coordinator, day),
        national_library: kind_status(
            data,
            programme,
            inst_pos,
            ConventionKind::NationalLibrary,
            day,
        ),
    }
}

/// Whether the coordinator agreement of an institution is in force on a day
/// (used by `ship`).
pub(crate) fn coordinator_in_force(
    data: &CampaignData,
    programme: &Programme,
    inst_pos: usize,
    day: Date,
) -> bool {
    kind_status(data, programme, inst_pos, ConventionKind::Coordinator, day).in_force
}

/// Whether a national-library agreement of an institution is in force on a day
/// (used by `publish` on Gallica).
pub(crate) fn national_library_in_force(
    data: &CampaignData,
    programme: &Programme,
    inst_pos: usize,
    day: Date,
) -> bool {
    kind_status(
        data,
        programme,
        inst_pos,
        ConventionKind::NationalLibrary,
        day,
    )
    .in_force
}

/// The bit of the warning in a document's eligibility codes (the reasons
/// take bits 0–10, in spec order).
const WARNING_BIT: u16 = 1 << 15;

fn bit(r: Reason) -> u16 {
    1 << (r as u16)
}

/// The eligibility codes of the document at `doc_pos` given its
/// institution's status: one bit per reason, plus [`WARNING_BIT`].
pub(crate) fn document_codes(
    data: &CampaignData,
    programme: &Programme,
    doc_pos: usize,
    inst: &InstitutionStatus,
) -> u16 {
    let rules = &programme.eligibility;
    let doc = &data.documents()[doc_pos];
    let gallica = doc.targets_include("gallica");
    let mut codes = 0_u16;
    let mut reason = |r: Reason, holds: bool| {
        if holds {
            codes |= bit(r);
        }
    };
    reason(Reason::InstitutionKindNotEligible, !inst.kind_ok);
    reason(
        Reason::MembershipMissing,
        rules.membership_required && !inst.member,
    );
    reason(
        Reason::CoordinatorConventionMissing,
        rules.coordinator_convention_required && !inst.coordinator.in_force,
    );
    reason(
        Reason::NationalLibraryConventionMissing,
        gallica && !inst.national_library.in_force,
    );
    reason(
        Reason::TypologyNotEligible,
        !rules.typologies.is_empty() && !rules.typologies.contains(&doc.typology),
    );
    reason(
        Reason::ThemeNotEligible,
        !rules.themes_any_of.is_empty()
            && !doc.themes.iter().any(|t| rules.themes_any_of.contains(t)),
    );
    reason(
        Reason::RightsNotCleared,
        doc.rights == crate::values::vocabulary::Rights::Protected && !doc.targets.is_empty(),
    );
    reason(Reason::InformationIncomplete, doc.information_incomplete());
    reason(
        Reason::ViewsOutOfRange,
        doc.views.is_some_and(|views| {
            views == 0 || rules.max_views_per_document.is_some_and(|max| views > max)
        }),
    );
    reason(Reason::AlreadyDigitized, doc.already_digitized());
    reason(
        Reason::ProposalLate,
        rules
            .proposal_deadline
            .is_some_and(|deadline| doc.proposed_on > deadline),
    );
    let relied_early = (rules.coordinator_convention_required
        && inst.coordinator.in_force
        && inst.coordinator.ends_early)
        || (gallica && inst.national_library.in_force && inst.national_library.ends_early);
    if relied_early {
        codes |= WARNING_BIT;
    }
    codes
}

impl Eligibility {
    /// The eligibility of a document's codes (reasons in spec order).
    fn from_codes(codes: u16) -> Eligibility {
        Eligibility {
            reasons: Reason::ALL
                .iter()
                .copied()
                .filter(|r| codes & bit(*r) != 0)
                .collect(),
            warnings: if codes & WARNING_BIT == 0 {
                Vec::new()
            } else {
                vec![Warning::ConventionEndsBeforeCampaign]
            },
        }
    }
}

/// The eligibility of the document at `doc_pos` given its institution's status.
pub(crate) fn document_eligibility(
    data: &CampaignData,
    programme: &Programme,
    doc_pos: usize,
    inst: &InstitutionStatus,
) -> Eligibility {
    Eligibility::from_codes(document_codes(data, programme, doc_pos, inst))
}

/// The eligibility of every document on one day, compact: one 16-bit word
/// of codes per document (reasons and warning), in document position order,
/// with the positions in id order (computed once per campaign, not per
/// query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibilityTable {
    /// The day of the judgement.
    pub day: Date,
    codes: Vec<u16>,
    order: std::sync::Arc<[u32]>,
}

impl EligibilityTable {
    /// How many documents.
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there is no document.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Whether the document at `pos` is eligible.
    #[must_use]
    pub fn eligible_at(&self, pos: usize) -> bool {
        self.codes.get(pos).is_some_and(|c| c & !WARNING_BIT == 0)
    }

    /// The eligibility of the document at `pos` (in the campaign's order).
    #[must_use]
    pub fn at(&self, pos: usize) -> Option<Eligibility> {
        self.codes.get(pos).map(|c| Eligibility::from_codes(*c))
    }

    /// The positions of the documents in id order.
    #[must_use]
    pub fn positions_by_id(&self) -> &[u32] {
        &self.order
    }

    /// How many documents are eligible.
    #[must_use]
    pub fn eligible_count(&self) -> usize {
        self.codes.iter().filter(|c| *c & !WARNING_BIT == 0).count()
    }

    /// The table as JSON text in the vector shape (`{"D1": {"eligible":
    /// true, "reasons": [], "warnings": []}, …}`, ids sorted): the text of
    /// the equivalent JSON tree, written directly.
    #[must_use]
    pub fn to_json(&self, data: &CampaignData) -> String {
        use crate::format::writer::JsonText;
        let docs = data.documents();
        let mut w = JsonText::with_capacity(16 + self.codes.len() * 64);
        w.raw("{");
        let mut first = true;
        for &pos in self.order.iter() {
            let pos = pos as usize;
            let (Some(doc), Some(&codes)) = (docs.get(pos), self.codes.get(pos)) else {
                continue;
            };
            if !first {
                w.raw(",");
            }
            first = false;
            w.key(&doc.id).raw("{\"eligible\":");
            w.raw(if codes & !WARNING_BIT == 0 {
                "true"
            } else {
                "false"
            });
            w.raw(",\"reasons\":[");
            let reasons = Reason::ALL.iter().filter(|r| codes & bit(**r) != 0);
            for (n, r) in reasons.enumerate() {
                if n > 0 {
                    w.raw(",");
                }
                w.string(r.code());
            }
            w.raw("],\"warnings\":[");
            if codes & WARNING_BIT != 0 {
                w.string(Warning::ConventionEndsBeforeCampaign.code());
            }
            w.raw("]}");
        }
        w.raw("}");
        w.finish()
    }
}

/// The eligibility table of every document on `day`. Linear in the number
/// of documents, institutions and conventions.
#[must_use]
pub fn eligibility_table(
    programme: &Programme,
    data: &CampaignData,
    day: Date,
) -> EligibilityTable {
    let statuses: Vec<InstitutionStatus> = data
        .institutions()
        .iter()
        .enumerate()
        .map(|(i, inst)| institution_status(data, programme, i, inst, day))
        .collect();
    let codes = (0..data.documents().len())
        .map(|pos| {
            let status = data
                .document_institution_position(pos)
                .and_then(|i| statuses.get(i))
                .copied()
                .unwrap_or_default();
            document_codes(data, programme, pos, &status)
        })
        .collect();
    EligibilityTable {
        day,
        codes,
        order: data.positions_by_id(),
    }
}

/// Eligibility of one document on `day`; `None` for an unknown document.
#[must_use]
pub fn eligibility_of(
    programme: &Programme,
    data: &CampaignData,
    doc_id: &str,
    day: Date,
) -> Option<Eligibility> {
    eligibility_at(programme, data, data.document_position(doc_id)?, day)
}

/// Eligibility of the document at position `pos` on `day` (no lookup by id).
pub(crate) fn eligibility_at(
    programme: &Programme,
    data: &CampaignData,
    pos: usize,
    day: Date,
) -> Option<Eligibility> {
    let inst_pos = data.document_institution_position(pos)?;
    let inst = data.institutions().get(inst_pos)?;
    let status = institution_status(data, programme, inst_pos, inst, day);
    Some(document_eligibility(data, programme, pos, &status))
}

/// Eligibility of every document on `day`, in document position order.
/// Linear in the number of documents, institutions and conventions.
#[must_use]
pub fn eligibility_all(programme: &Programme, data: &CampaignData, day: Date) -> Vec<Eligibility> {
    let table = eligibility_table(programme, data, day);
    (0..table.len()).filter_map(|pos| table.at(pos)).collect()
}
