//! Errors, one enum per concern, each with a stable code and French and
//! English text. Codes never change meaning and are never reused.

use std::fmt;

use crate::eligibility::Reason;

/// The stable code of one problem found in input data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IssueCode {
    /// The text is not JSON.
    InvalidJson,
    /// A required field is absent.
    MissingField,
    /// A field the v1 format does not know.
    UnknownField,
    /// A value of the wrong JSON type (a number where money is expected…).
    WrongType,
    /// Money or a unit price that is not a decimal string with the allowed decimals.
    InvalidMoney,
    /// A rate that is not a decimal string in [0, 1] with at most 4 decimals.
    InvalidRate,
    /// A day that is not a valid ISO `YYYY-MM-DD` date.
    InvalidDate,
    /// A document date outside the EDTF subset.
    InvalidEdtf,
    /// A value outside a closed vocabulary.
    NotInVocabulary,
    /// An empty identifier or text where one is required.
    EmptyValue,
    /// An identifier used twice.
    DuplicateId,
    /// A reference to an institution that does not exist.
    UnknownInstitution,
    /// An ISIL that is not `FR-` + 9 letters or digits.
    InvalidIsil,
    /// A SIREN that is not 9 digits with a valid Luhn checksum.
    InvalidSiren,
    /// A number outside its allowed range.
    OutOfRange,
    /// A value inconsistent with another (campaign of another programme, reserved id…).
    Inconsistent,
    /// A JSON object that names the same key twice (nothing is silently overwritten).
    DuplicateKey,
    /// JSON (or a Python value) nested deeper than [`crate::limits::MAX_DEPTH`] levels.
    TooDeep,
    /// An identifier longer than [`crate::limits::MAX_ID_CHARS`] characters, or
    /// another text longer than [`crate::limits::MAX_TEXT_CHARS`].
    TooLong,
}

impl IssueCode {
    /// The stable code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            IssueCode::InvalidJson => "INVALID_JSON",
            IssueCode::MissingField => "MISSING_FIELD",
            IssueCode::UnknownField => "UNKNOWN_FIELD",
            IssueCode::WrongType => "WRONG_TYPE",
            IssueCode::InvalidMoney => "INVALID_MONEY",
            IssueCode::InvalidRate => "INVALID_RATE",
            IssueCode::InvalidDate => "INVALID_DATE",
            IssueCode::InvalidEdtf => "INVALID_EDTF",
            IssueCode::NotInVocabulary => "NOT_IN_VOCABULARY",
            IssueCode::EmptyValue => "EMPTY_VALUE",
            IssueCode::DuplicateId => "DUPLICATE_ID",
            IssueCode::UnknownInstitution => "UNKNOWN_INSTITUTION",
            IssueCode::InvalidIsil => "INVALID_ISIL",
            IssueCode::InvalidSiren => "INVALID_SIREN",
            IssueCode::OutOfRange => "OUT_OF_RANGE",
            IssueCode::Inconsistent => "INCONSISTENT",
            IssueCode::DuplicateKey => "DUPLICATE_KEY",
            IssueCode::TooDeep => "TOO_DEEP",
            IssueCode::TooLong => "TOO_LONG",
        }
    }

    fn text(self) -> (&'static str, &'static str) {
        match self {
            IssueCode::InvalidJson => ("texte JSON invalide", "invalid JSON text"),
            IssueCode::MissingField => ("champ obligatoire absent", "required field missing"),
            IssueCode::UnknownField => ("champ inconnu", "unknown field"),
            IssueCode::WrongType => ("type de valeur incorrect", "wrong value type"),
            IssueCode::InvalidMoney => (
                "montant invalide (chaîne décimale, 2 décimales au plus ; 4 pour un prix unitaire)",
                "invalid amount (decimal string, at most 2 decimals; 4 for a unit price)",
            ),
            IssueCode::InvalidRate => (
                "taux invalide (chaîne décimale entre 0 et 1, 4 décimales au plus)",
                "invalid rate (decimal string between 0 and 1, at most 4 decimals)",
            ),
            IssueCode::InvalidDate => ("date invalide (AAAA-MM-JJ)", "invalid date (YYYY-MM-DD)"),
            IssueCode::InvalidEdtf => (
                "date de document invalide (sous-ensemble EDTF)",
                "invalid document date (EDTF subset)",
            ),
            IssueCode::NotInVocabulary => {
                ("valeur hors vocabulaire", "value not in the vocabulary")
            }
            IssueCode::EmptyValue => ("valeur vide", "empty value"),
            IssueCode::DuplicateId => ("identifiant en double", "duplicate identifier"),
            IssueCode::UnknownInstitution => ("établissement inconnu", "unknown institution"),
            IssueCode::InvalidIsil => (
                "ISIL invalide (FR- suivi de 9 lettres ou chiffres)",
                "invalid ISIL (FR- followed by 9 letters or digits)",
            ),
            IssueCode::InvalidSiren => (
                "SIREN invalide (9 chiffres, clé de Luhn)",
                "invalid SIREN (9 digits, Luhn checksum)",
            ),
            IssueCode::OutOfRange => ("valeur hors limites", "value out of range"),
            IssueCode::Inconsistent => ("valeur incohérente", "inconsistent value"),
            IssueCode::DuplicateKey => ("clé en double dans un objet", "key given twice in an object"),
            IssueCode::TooDeep => (
                "imbrication trop profonde (128 niveaux au plus)",
                "nested too deep (at most 128 levels)",
            ),
            IssueCode::TooLong => (
                "texte trop long (256 caractères au plus pour un identifiant, 10 000 pour un autre texte)",
                "text too long (at most 256 characters for an identifier, 10,000 for other text)",
            ),
        }
    }
}

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
        self.render(self.code.text().0)
    }

    /// The message in English.
    #[must_use]
    pub fn message_en(&self) -> String {
        self.render(self.code.text().1)
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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// The campaign is closed.
    #[error("CAMPAIGN_CLOSED")]
    CampaignClosed,
    /// The command or an object it carries is invalid.
    #[error("INVALID_VALUE: {0}")]
    InvalidValue(ValidationError),
    /// The command is dated before the last accepted one.
    #[error("DATE_OUT_OF_ORDER: {date} is before {last}")]
    DateOutOfOrder {
        /// The command's date.
        date: crate::Date,
        /// The date of the last accepted command.
        last: crate::Date,
    },
    /// The id is already used.
    #[error("DUPLICATE_ID: {0}")]
    DuplicateId(String),
    /// No such document.
    #[error("UNKNOWN_DOCUMENT: {0}")]
    UnknownDocument(String),
    /// No such convention.
    #[error("UNKNOWN_CONVENTION: {0}")]
    UnknownConvention(String),
    /// No such institution.
    #[error("UNKNOWN_INSTITUTION: {0}")]
    UnknownInstitution(String),
    /// The document (or convention) is not in a state that allows the command.
    #[error("INVALID_TRANSITION: {id}: {detail}")]
    InvalidTransition {
        /// The document or convention.
        id: String,
        /// Which guard failed.
        detail: String,
    },
    /// The document is not eligible on the command's date.
    #[error("NOT_ELIGIBLE: {doc}")]
    NotEligible {
        /// The document.
        doc: String,
        /// Every reason, in spec order.
        reasons: Vec<Reason>,
    },
    /// The departure condition grade is `unfit`.
    #[error("DOCUMENT_UNFIT: {0}")]
    DocumentUnfit(String),
    /// A serial needs a collation (`issues` > 0).
    #[error("COLLATION_REQUIRED: {0}")]
    CollationRequired(String),
    /// The coordinator agreement of the document's institution is not in force.
    #[error("CONVENTION_NOT_IN_FORCE: {0}")]
    ConventionNotInForce(String),
    /// The document is not at a provider.
    #[error("NOT_AT_PROVIDER: {0}")]
    NotAtProvider(String),
    /// The document already had the maximum number of deliveries.
    #[error("TOO_MANY_ROUNDS: {0}")]
    TooManyRounds(String),
    /// The QC sample is smaller than required.
    #[error("SAMPLE_TOO_SMALL: {doc}: at least {required}")]
    SampleTooSmall {
        /// The document.
        doc: String,
        /// The smallest accepted sample.
        required: u64,
    },
    /// The document has not passed quality control.
    #[error("QC_NOT_PASSED: {0}")]
    QcNotPassed(String),
    /// The target is not among the document's targets.
    #[error("TARGET_NOT_PLANNED: {doc}: {target}")]
    TargetNotPlanned {
        /// The document.
        doc: String,
        /// The target.
        target: String,
    },
    /// The document's rights are `protected`.
    #[error("RIGHTS_NOT_CLEARED: {0}")]
    RightsNotCleared(String),
    /// Not a valid BnF ARK.
    #[error("INVALID_ARK: {0}")]
    InvalidArk(String),
    /// No national-library agreement in force for Gallica.
    #[error("NATIONAL_LIBRARY_CONVENTION_MISSING: {0}")]
    NationalLibraryConventionMissing(String),
    /// Documents are still at a provider.
    #[error("DOCUMENTS_AT_PROVIDER: {}", .0.join(", "))]
    DocumentsAtProvider(Vec<String>),
    /// Selected documents are not finished.
    #[error("DOCUMENTS_PENDING: {}", .0.join(", "))]
    DocumentsPending(Vec<String>),
}

impl CommandError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            CommandError::CampaignClosed => "CAMPAIGN_CLOSED",
            CommandError::InvalidValue(_) => "INVALID_VALUE",
            CommandError::DateOutOfOrder { .. } => "DATE_OUT_OF_ORDER",
            CommandError::DuplicateId(_) => "DUPLICATE_ID",
            CommandError::UnknownDocument(_) => "UNKNOWN_DOCUMENT",
            CommandError::UnknownConvention(_) => "UNKNOWN_CONVENTION",
            CommandError::UnknownInstitution(_) => "UNKNOWN_INSTITUTION",
            CommandError::InvalidTransition { .. } => "INVALID_TRANSITION",
            CommandError::NotEligible { .. } => "NOT_ELIGIBLE",
            CommandError::DocumentUnfit(_) => "DOCUMENT_UNFIT",
            CommandError::CollationRequired(_) => "COLLATION_REQUIRED",
            CommandError::ConventionNotInForce(_) => "CONVENTION_NOT_IN_FORCE",
            CommandError::NotAtProvider(_) => "NOT_AT_PROVIDER",
            CommandError::TooManyRounds(_) => "TOO_MANY_ROUNDS",
            CommandError::SampleTooSmall { .. } => "SAMPLE_TOO_SMALL",
            CommandError::QcNotPassed(_) => "QC_NOT_PASSED",
            CommandError::TargetNotPlanned { .. } => "TARGET_NOT_PLANNED",
            CommandError::RightsNotCleared(_) => "RIGHTS_NOT_CLEARED",
            CommandError::InvalidArk(_) => "INVALID_ARK",
            CommandError::NationalLibraryConventionMissing(_) => {
                "NATIONAL_LIBRARY_CONVENTION_MISSING"
            }
            CommandError::DocumentsAtProvider(_) => "DOCUMENTS_AT_PROVIDER",
            CommandError::DocumentsPending(_) => "DOCUMENTS_PENDING",
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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BudgetError {
    /// An amount does not fit (absurd views or prices).
    #[error("AMOUNT_OVERFLOW: {0}")]
    AmountOverflow(String),
}

impl BudgetError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            BudgetError::AmountOverflow(_) => "AMOUNT_OVERFLOW",
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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// Not JSON, or cut short.
    #[error("INVALID_JSON: {0}")]
    InvalidJson(String),
    /// `schema_version` absent or not an integer.
    #[error("MISSING_SCHEMA_VERSION")]
    MissingSchemaVersion,
    /// A schema version this library does not know.
    #[error("UNSUPPORTED_SCHEMA_VERSION: {0}")]
    UnsupportedSchemaVersion(String),
    /// The programme, the initial campaign or the document shape is invalid.
    #[error("INVALID_VALUE: {0}")]
    Invalid(ValidationError),
    /// An event of the log is refused on replay (numbered from 1).
    #[error("INVALID_EVENT: event {index}: {error}")]
    InvalidEvent {
        /// The event number, from 1.
        index: usize,
        /// Why it was refused.
        error: CommandError,
    },
    /// No preset of that id.
    #[error("UNKNOWN_PRESET: {0}")]
    UnknownPreset(String),
}

impl LoadError {
    /// The stable code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::InvalidJson(_) => "INVALID_JSON",
            LoadError::MissingSchemaVersion => "MISSING_SCHEMA_VERSION",
            LoadError::UnsupportedSchemaVersion(_) => "UNSUPPORTED_SCHEMA_VERSION",
            LoadError::Invalid(_) => "INVALID_VALUE",
            LoadError::InvalidEvent { .. } => "INVALID_EVENT",
            LoadError::UnknownPreset(_) => "UNKNOWN_PRESET",
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
