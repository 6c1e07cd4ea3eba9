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

/// The eligibility of the document at `doc_pos` given its institution's status.
pub(crate) fn document_eligibility(
    data: &CampaignData,
    programme: &Programme,
    doc_pos: usize,
    inst: &InstitutionStatus,
) -> Eligibility {
    let rules = &programme.eligibility;
    let doc = &data.documents()[doc_pos];
    let gallica = doc.targets_include("gallica");
    let mut reasons = Vec::new();
    if !inst.kind_ok {
        reasons.push(Reason::InstitutionKindNotEligible);
    }
    if rules.membership_required && !inst.member {
        reasons.push(Reason::MembershipMissing);
    }
    if rules.coordinator_convention_required && !inst.coordinator.in_force {
        reasons.push(Reason::CoordinatorConventionMissing);
    }
    if gallica && !inst.national_library.in_force {
        reasons.push(Reason::NationalLibraryConventionMissing);
    }
    if !rules.typologies.is_empty() && !rules.typologies.contains(&doc.typology) {
        reasons.push(Reason::TypologyNotEligible);
    }
    if !rules.themes_any_of.is_empty()
        && !doc.themes.iter().any(|t| rules.themes_any_of.contains(t))
    {
        reasons.push(Reason::ThemeNotEligible);
    }
    if doc.rights == crate::values::vocabulary::Rights::Protected && !doc.targets.is_empty() {
        reasons.push(Reason::RightsNotCleared);
    }
    if doc.information_incomplete() {
        reasons.push(Reason::InformationIncomplete);
    }
    if let Some(views) = doc.views {
        if views == 0 || rules.max_views_per_document.is_some_and(|max| views > max) {
            reasons.push(Reason::ViewsOutOfRange);
        }
    }
    if doc.already_digitized() {
        reasons.push(Reason::AlreadyDigitized);
    }
    if rules
        .proposal_deadline
        .is_some_and(|deadline| doc.proposed_on > deadline)
    {
        reasons.push(Reason::ProposalLate);
    }
    let relied_early = (rules.coordinator_convention_required
        && inst.coordinator.in_force
        && inst.coordinator.ends_early)
        || (gallica && inst.national_library.in_force && inst.national_library.ends_early);
    let warnings = if relied_early {
        vec![Warning::ConventionEndsBeforeCampaign]
    } else {
        Vec::new()
    };
    Eligibility { reasons, warnings }
}

/// Eligibility of one document on `day`; `None` for an unknown document.
#[must_use]
pub fn eligibility_of(
    programme: &Programme,
    data: &CampaignData,
    doc_id: &str,
    day: Date,
) -> Option<Eligibility> {
    let pos = data.document_position(doc_id)?;
    let doc = &data.documents()[pos];
    let inst_pos = data.institution_position(&doc.institution)?;
    let inst = &data.institutions()[inst_pos];
    let status = institution_status(data, programme, inst_pos, inst, day);
    Some(document_eligibility(data, programme, pos, &status))
}

/// Eligibility of every document on `day`, in document position order.
/// Linear in the number of documents, institutions and conventions.
#[must_use]
pub fn eligibility_all(programme: &Programme, data: &CampaignData, day: Date) -> Vec<Eligibility> {
    let statuses: Vec<InstitutionStatus> = data
        .institutions()
        .iter()
        .enumerate()
        .map(|(i, inst)| institution_status(data, programme, i, inst, day))
        .collect();
    data.documents()
        .iter()
        .enumerate()
        .map(|(pos, doc)| {
            let status = data
                .institution_position(&doc.institution)
                .and_then(|i| statuses.get(i))
                .copied()
                .unwrap_or_default();
            document_eligibility(data, programme, pos, &status)
        })
        .collect()
}
