//! Errors, one enum per concern, each with a stable code and French and
//! English text. Codes never change meaning and are never reused.

use std::fmt;

use crate::codes::Reason;

pub use crate::codes::IssueCode;
use crate::codes::{BudgetCode, CommandCode, LoadCode};

/// One problem in input data, at a field path such as `documents[3].date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// What is wrong.
    pub code: IssueCode,
    /// Where: a field path (`documents[3].date`); empty for the whole text.
    pub path: String,
    /// A detail (the offending value, the expected form).
    pub detail: String,
}

impl Issue {
    /// An issue at `path`; the detail is cut to
    /// [`crate::limits::MAX_DETAIL_CHARS`] characters (a bad value is quoted,
    /// never copied whole).
    pub fn new(code: IssueCode, path: impl Into<String>, detail: impl Into<String>) -> Self {
        Issue {
            code,
            path: crate::limits::clip(path.into(), crate::limits::MAX_PATH_CHARS),
            detail: crate::limits::clip(detail.into(), crate::limits::MAX_DETAIL_CHARS),
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        self.render(self.code.text_fr())
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        self.render(self.code.text_en())
    }

    fn render(&self, text: &str) -> String {
        let mut s = String::new();
        if !self.path.is_empty() {
            s.push_str(&self.path);
            s.push_str(" : ");
        }
        s.push_str(text);
        if !self.detail.is_empty() {
            s.push_str(" (");
            s.push_str(&self.detail);
            s.push(')');
        }
        s
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code.code(), self.message_en())
    }
}

/// Invalid input data: every problem found, each with its field path.
/// Stable code: `INVALID_VALUE`.
///
/// ```
/// use numconc::{IssueCode, Programme};
/// let e = Programme::from_json(r#"{"id": "p", "name": "P", "currency": "EUR",
///   "prices": {"default_per_view": 0.35}, "funders": []}"#).unwrap_err();
/// assert_eq!(e.issues[0].code, IssueCode::WrongType);
/// assert_eq!(e.issues[0].path, "prices.default_per_view");
/// // Display prints the code and every issue in English.
/// assert!(e.to_string().starts_with("INVALID_VALUE"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// The problems, in the order of the input.
    pub issues: Vec<Issue>,
}

impl ValidationError {
    /// The stable code (`INVALID_VALUE`).
    pub const CODE: &'static str = "INVALID_VALUE";

    /// An error with one issue.
    pub fn single(code: IssueCode, path: impl Into<String>, detail: impl Into<String>) -> Self {
        ValidationError {
            issues: vec![Issue::new(code, path, detail)],
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        let parts: Vec<String> = self.issues.iter().map(Issue::message_fr).collect();
        format!("données invalides : {}", parts.join(" ; "))
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        let parts: Vec<String> = self.issues.iter().map(Issue::message_en).collect();
        format!("invalid data: {}", parts.join("; "))
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "INVALID_VALUE: {}", self.message_en())
    }
}

/// Why a command was refused (domain.md §7). A refused command changes nothing.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{Action, Campaign, Command, CommandError, Date, Programme};
/// # let data = r#"{"id": "c", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
/// #   "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
/// #                     "size": "medium", "membership_years": [2026]}],
/// #   "documents": [{"id": "D1", "institution": "FR-801216101", "typology": "press",
/// #                  "rights": "public_domain", "proposed_on": "2026-02-10"}]}"#;
/// let mut campaign = Campaign::from_json(Programme::preset("hauts-de-france")?, data)?;
/// let day = Date::from_ymd_opt(2026, 4, 15).ok_or("day")?;
/// // D1 has no coordinator convention and misses fields: not selectable.
/// let e = campaign.execute(Command::build(day, None, None, Action::select("D1"))?).unwrap_err();
/// assert_eq!(e.code(), "NOT_ELIGIBLE");
/// if let CommandError::NotEligible { reasons, .. } = &e {
///     assert!(reasons.iter().any(|r| r.code() == "INFORMATION_INCOMPLETE"));
/// }
/// assert!(e.to_string().contains("incomplete proposal"));
/// assert!(campaign.events().is_empty()); // refused: nothing changed
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommandError {
    /// The campaign is closed.
    CampaignClosed,
    /// The command or an object it carries is invalid.
    InvalidValue(ValidationError),
    /// The command is dated before the last accepted one.
    DateOutOfOrder {
        /// The command's date.
        date: crate::Date,
        /// The date of the last accepted command.
        last: crate::Date,
    },
    /// The id is already used.
    DuplicateId(String),
    /// No such document.
    UnknownDocument(String),
    /// No such convention.
    UnknownConvention(String),
    /// No such institution.
    UnknownInstitution(String),
    /// The document (or convention) is not in a state that allows the command.
    InvalidTransition {
        /// The document or convention.
        id: String,
        /// Which guard failed.
        detail: String,
    },
    /// The document is not eligible on the command's date.
    NotEligible {
        /// The document.
        doc: String,
        /// Every reason, in spec order.
        reasons: Vec<Reason>,
    },
    /// The departure condition grade is `unfit`.
    DocumentUnfit(String),
    /// A serial needs a collation (`issues` > 0).
    CollationRequired(String),
    /// The coordinator agreement of the document's institution is not in force.
    ConventionNotInForce(String),
    /// The document is not at a provider.
    NotAtProvider(String),
    /// The document already had the maximum number of deliveries.
    TooManyRounds(String),
    /// The QC sample is smaller than required.
    SampleTooSmall {
        /// The document.
        doc: String,
        /// The smallest accepted sample.
        required: u64,
    },
    /// The document has not passed quality control.
    QcNotPassed(String),
    /// The target is not among the document's targets.
    TargetNotPlanned {
        /// The document.
        doc: String,
        /// The target.
        target: String,
    },
    /// The document's rights are `protected`.
    RightsNotCleared(String),
    /// Not a valid BnF ARK.
    InvalidArk(String),
    /// No national-library agreement in force for Gallica.
    NationalLibraryConventionMissing(String),
    /// Documents are still at a provider.
    DocumentsAtProvider(Vec<String>),
    /// Selected documents are not finished.
    DocumentsPending(Vec<String>),
}

impl CommandError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code_id().code()
    }

    /// The code, as an entry of the table of codes.
    #[must_use]
    pub fn code_id(&self) -> CommandCode {
        match self {
            CommandError::CampaignClosed => CommandCode::CampaignClosed,
            CommandError::InvalidValue(_) => CommandCode::InvalidValue,
            CommandError::DateOutOfOrder { .. } => CommandCode::DateOutOfOrder,
            CommandError::DuplicateId(_) => CommandCode::DuplicateId,
            CommandError::UnknownDocument(_) => CommandCode::UnknownDocument,
            CommandError::UnknownConvention(_) => CommandCode::UnknownConvention,
            CommandError::UnknownInstitution(_) => CommandCode::UnknownInstitution,
            CommandError::InvalidTransition { .. } => CommandCode::InvalidTransition,
            CommandError::NotEligible { .. } => CommandCode::NotEligible,
            CommandError::DocumentUnfit(_) => CommandCode::DocumentUnfit,
            CommandError::CollationRequired(_) => CommandCode::CollationRequired,
            CommandError::ConventionNotInForce(_) => CommandCode::ConventionNotInForce,
            CommandError::NotAtProvider(_) => CommandCode::NotAtProvider,
            CommandError::TooManyRounds(_) => CommandCode::TooManyRounds,
            CommandError::SampleTooSmall { .. } => CommandCode::SampleTooSmall,
            CommandError::QcNotPassed(_) => CommandCode::QcNotPassed,
            CommandError::TargetNotPlanned { .. } => CommandCode::TargetNotPlanned,
            CommandError::RightsNotCleared(_) => CommandCode::RightsNotCleared,
            CommandError::InvalidArk(_) => CommandCode::InvalidArk,
            CommandError::NationalLibraryConventionMissing(_) => {
                CommandCode::NationalLibraryConventionMissing
            }
            CommandError::DocumentsAtProvider(_) => CommandCode::DocumentsAtProvider,
            CommandError::DocumentsPending(_) => CommandCode::DocumentsPending,
        }
    }

    /// The reasons of a `NOT_ELIGIBLE` refusal (empty otherwise).
    #[must_use]
    pub fn reasons(&self) -> &[Reason] {
        match self {
            CommandError::NotEligible { reasons, .. } => reasons,
            _ => &[],
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        match self {
            CommandError::CampaignClosed => "la campagne est close".into(),
            CommandError::InvalidValue(v) => v.message_fr(),
            CommandError::DateOutOfOrder { date, last } => {
                format!(
                    "commande datée du {date}, antérieure à la dernière commande acceptée ({last})"
                )
            }
            CommandError::DuplicateId(id) => format!("l'identifiant {id} existe déjà"),
            CommandError::UnknownDocument(id) => format!("document inconnu : {id}"),
            CommandError::UnknownConvention(id) => format!("convention inconnue : {id}"),
            CommandError::UnknownInstitution(id) => format!("établissement inconnu : {id}"),
            CommandError::InvalidTransition { id, detail } => {
                format!("opération impossible dans l'état actuel de {id} ({detail})")
            }
            CommandError::NotEligible { doc, reasons } => {
                let r: Vec<&str> = reasons.iter().map(|r| r.message_fr()).collect();
                format!("le document {doc} n'est pas éligible : {}", r.join(" ; "))
            }
            CommandError::DocumentUnfit(d) => {
                format!("le document {d} est impropre à la numérisation (constat d'état)")
            }
            CommandError::CollationRequired(d) => {
                format!("le périodique {d} doit être collationné (nombre de numéros > 0)")
            }
            CommandError::ConventionNotInForce(d) => {
                format!("la convention avec le coordinateur n'est pas en vigueur pour {d}")
            }
            CommandError::NotAtProvider(d) => {
                format!("le document {d} n'est pas chez le prestataire")
            }
            CommandError::TooManyRounds(d) => {
                format!("nombre maximal de livraisons atteint pour {d}")
            }
            CommandError::SampleTooSmall { doc, required } => {
                format!("échantillon de contrôle qualité trop petit pour {doc} (au moins {required} vues)")
            }
            CommandError::QcNotPassed(d) => format!("le contrôle qualité de {d} n'est pas validé"),
            CommandError::TargetNotPlanned { doc, target } => {
                format!("la diffusion sur {target} n'est pas prévue pour {doc}")
            }
            CommandError::RightsNotCleared(d) => format!("les droits de {d} ne sont pas levés"),
            CommandError::InvalidArk(a) => format!("identifiant ARK de la BnF invalide : {a}"),
            CommandError::NationalLibraryConventionMissing(d) => {
                format!("aucune convention avec la BnF en vigueur pour {d}")
            }
            CommandError::DocumentsAtProvider(d) => {
                format!(
                    "des documents sont encore chez le prestataire : {}",
                    d.join(", ")
                )
            }
            CommandError::DocumentsPending(d) => {
                format!(
                    "des documents sélectionnés ne sont pas terminés : {}",
                    d.join(", ")
                )
            }
        }
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        match self {
            CommandError::CampaignClosed => "the campaign is closed".into(),
            CommandError::InvalidValue(v) => v.message_en(),
            CommandError::DateOutOfOrder { date, last } => {
                format!("command dated {date}, before the last accepted command ({last})")
            }
            CommandError::DuplicateId(id) => format!("the id {id} already exists"),
            CommandError::UnknownDocument(id) => format!("unknown document: {id}"),
            CommandError::UnknownConvention(id) => format!("unknown convention: {id}"),
            CommandError::UnknownInstitution(id) => format!("unknown institution: {id}"),
            CommandError::InvalidTransition { id, detail } => {
                format!("not possible in the current state of {id} ({detail})")
            }
            CommandError::NotEligible { doc, reasons } => {
                let r: Vec<&str> = reasons.iter().map(|r| r.message_en()).collect();
                format!("document {doc} is not eligible: {}", r.join("; "))
            }
            CommandError::DocumentUnfit(d) => {
                format!("document {d} is unfit for digitisation (condition report)")
            }
            CommandError::CollationRequired(d) => {
                format!("serial {d} needs a collation (issues > 0)")
            }
            CommandError::ConventionNotInForce(d) => {
                format!("the coordinator agreement is not in force for {d}")
            }
            CommandError::NotAtProvider(d) => format!("document {d} is not at a provider"),
            CommandError::TooManyRounds(d) => {
                format!("maximum number of deliveries reached for {d}")
            }
            CommandError::SampleTooSmall { doc, required } => {
                format!("quality-control sample too small for {doc} (at least {required} views)")
            }
            CommandError::QcNotPassed(d) => format!("document {d} has not passed quality control"),
            CommandError::TargetNotPlanned { doc, target } => {
                format!("publication on {target} is not planned for {doc}")
            }
            CommandError::RightsNotCleared(d) => format!("the rights of {d} are not cleared"),
            CommandError::InvalidArk(a) => format!("invalid BnF ARK identifier: {a}"),
            CommandError::NationalLibraryConventionMissing(d) => {
                format!("no national-library agreement in force for {d}")
            }
            CommandError::DocumentsAtProvider(d) => {
                format!("documents still at a provider: {}", d.join(", "))
            }
            CommandError::DocumentsPending(d) => {
                format!("selected documents not finished: {}", d.join(", "))
            }
        }
    }
}

impl From<ValidationError> for CommandError {
    fn from(v: ValidationError) -> Self {
        CommandError::InvalidValue(v)
    }
}

/// Why a budget could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BudgetError {
    /// An amount does not fit (absurd views or prices).
    AmountOverflow(String),
}

impl BudgetError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code_id().code()
    }

    /// The code, as an entry of the table of codes.
    #[must_use]
    pub fn code_id(&self) -> BudgetCode {
        match self {
            BudgetError::AmountOverflow(_) => BudgetCode::AmountOverflow,
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        match self {
            BudgetError::AmountOverflow(w) => format!("montant hors limites ({w})"),
        }
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        match self {
            BudgetError::AmountOverflow(w) => format!("amount out of range ({w})"),
        }
    }
}

/// Why a saved campaign could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// Not JSON, or cut short.
    InvalidJson(String),
    /// `schema_version` absent or not an integer.
    MissingSchemaVersion,
    /// A schema version this library does not know.
    UnsupportedSchemaVersion(String),
    /// The programme, the initial campaign or the document shape is invalid.
    Invalid(ValidationError),
    /// An event of the log is refused on replay (numbered from 1).
    InvalidEvent {
        /// The event number, from 1.
        index: usize,
        /// Why it was refused.
        error: CommandError,
    },
    /// No preset of that id.
    UnknownPreset(String),
}

impl LoadError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.code_id().code()
    }

    /// The code, as an entry of the table of codes.
    #[must_use]
    pub fn code_id(&self) -> LoadCode {
        match self {
            LoadError::InvalidJson(_) => LoadCode::InvalidJson,
            LoadError::MissingSchemaVersion => LoadCode::MissingSchemaVersion,
            LoadError::UnsupportedSchemaVersion(_) => LoadCode::UnsupportedSchemaVersion,
            LoadError::Invalid(_) => LoadCode::InvalidValue,
            LoadError::InvalidEvent { .. } => LoadCode::InvalidEvent,
            LoadError::UnknownPreset(_) => LoadCode::UnknownPreset,
        }
    }

    /// The message in French.
    #[must_use]
    pub fn message_fr(&self) -> String {
        match self {
            LoadError::InvalidJson(e) => format!("fichier JSON invalide ou tronqué ({e})"),
            LoadError::MissingSchemaVersion => "version de schéma (schema_version) absente".into(),
            LoadError::UnsupportedSchemaVersion(v) => {
                format!("version de schéma non prise en charge : {v}")
            }
            LoadError::Invalid(v) => v.message_fr(),
            LoadError::InvalidEvent { index, error } => {
                format!(
                    "événement n° {index} refusé : {} ({})",
                    error.code(),
                    error.message_fr()
                )
            }
            LoadError::UnknownPreset(p) => format!("programme prédéfini inconnu : {p}"),
        }
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        match self {
            LoadError::InvalidJson(e) => format!("invalid or truncated JSON ({e})"),
            LoadError::MissingSchemaVersion => "schema_version missing".into(),
            LoadError::UnsupportedSchemaVersion(v) => format!("unsupported schema version: {v}"),
            LoadError::Invalid(v) => v.message_en(),
            LoadError::InvalidEvent { index, error } => {
                format!(
                    "event {index} refused: {} ({})",
                    error.code(),
                    error.message_en()
                )
            }
            LoadError::UnknownPreset(p) => format!("unknown preset programme: {p}"),
        }
    }
}

impl From<ValidationError> for LoadError {
    fn from(v: ValidationError) -> Self {
        LoadError::Invalid(v)
    }
}

/// The code and the full English message (`NOT_ELIGIBLE: document D2 is not
/// eligible: …`).
impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl std::error::Error for CommandError {}

/// The code and the full English message (`NOT_ELIGIBLE: document D2 is not
/// eligible: …`).
impl std::fmt::Display for BudgetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl std::error::Error for BudgetError {}

/// The code and the full English message (`NOT_ELIGIBLE: document D2 is not
/// eligible: …`).
impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl std::error::Error for LoadError {}
