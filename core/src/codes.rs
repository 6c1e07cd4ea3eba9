//! Every stable code of numconc, declared once: its kind and its French and
//! English text. The enums of each concern (`IssueCode`, `Reason`,
//! `CommandCode`, …), their `code()`, their texts and [`ALL`] are generated
//! from this one table; `docs/codes.md` lists it and a test holds the two
//! together. Codes are append-only: a code never changes meaning and is
//! never reused; a retired code stays listed in [`RETIRED`].

/// What a code is about; each kind has its C status family and its Python
/// exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// A problem in input data, inside a validation error (`INVALID_VALUE`).
    Issue,
    /// Why a command was refused.
    Command,
    /// Why a document is not eligible.
    Reason,
    /// An eligibility warning (does not block).
    EligibilityWarning,
    /// Why a budget could not be computed.
    Budget,
    /// A budget warning.
    BudgetWarning,
    /// Why a saved campaign (or a preset) could not be loaded.
    Load,
    /// Why a spreadsheet could not be imported at all.
    Import,
    /// Why one row of a spreadsheet was not imported.
    ImportRow,
    /// A note on a whole imported file.
    ImportWarning,
    /// Why a durable campaign store (crate `numconc-store`) refused a call.
    Store,
}

impl Kind {
    /// The name of the kind, as `docs/codes.md` writes it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Issue => "issue",
            Kind::Command => "command",
            Kind::Reason => "reason",
            Kind::EligibilityWarning => "eligibility_warning",
            Kind::Budget => "budget",
            Kind::BudgetWarning => "budget_warning",
            Kind::Load => "load",
            Kind::Import => "import",
            Kind::ImportRow => "import_row",
            Kind::ImportWarning => "import_warning",
            Kind::Store => "store",
        }
    }
}

/// One stable code with its kind and texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code (`NOT_AT_PROVIDER`).
    pub code: &'static str,
    /// Its kind.
    pub kind: Kind,
    /// Its text in French.
    pub fr: &'static str,
    /// Its text in English.
    pub en: &'static str,
}

macro_rules! codes {
    ($(
        $(#[$em:meta])*
        enum $name:ident: $kind:ident {
            $( $(#[$vm:meta])* $var:ident = $code:literal, $fr:literal, $en:literal; )+
        }
    )+) => {
        $(
            $(#[$em])*
            ///
            /// Not `#[non_exhaustive]`: the bindings map every code by an
            /// exhaustive `match`, so a new code cannot be forgotten there.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum $name { $($(#[$vm])* $var),+ }

            impl $name {
                /// Every code of this kind, in table order.
                pub const ALL: &'static [$name] = &[$($name::$var),+];
                /// The kind of these codes.
                pub const KIND: Kind = Kind::$kind;

                /// The stable code.
                #[must_use]
                pub const fn code(self) -> &'static str {
                    match self { $($name::$var => $code),+ }
                }

                /// The text in French.
                #[must_use]
                pub const fn text_fr(self) -> &'static str {
                    match self { $($name::$var => $fr),+ }
                }

                /// The text in English.
                #[must_use]
                pub const fn text_en(self) -> &'static str {
                    match self { $($name::$var => $en),+ }
                }

                /// Reads a stable code of this kind.
                #[must_use]
                pub fn from_code(code: &str) -> Option<Self> {
                    match code { $($code => Some($name::$var),)+ _ => None }
                }
            }

            impl std::fmt::Display for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.code())
                }
            }
        )+

        /// Every stable code, in table order (a code may stand under
        /// several kinds: `DUPLICATE_ID` is an issue, a command error and
        /// an import-row error).
        pub const ALL: &[Entry] = &[
            $($( Entry { code: $code, kind: Kind::$kind, fr: $fr, en: $en }, )+)+
        ];
    };
}

/// Codes that are no longer produced; kept so that they are never reused.
pub const RETIRED: &[Entry] = &[];

codes! {
    /// The stable code of one problem found in input data.
    enum IssueCode: Issue {
        /// The text is not JSON.
        InvalidJson = "INVALID_JSON", "texte JSON invalide", "invalid JSON text";
        /// A required field is absent.
        MissingField = "MISSING_FIELD", "champ obligatoire absent", "required field missing";
        /// A field the v1 format does not know.
        UnknownField = "UNKNOWN_FIELD", "champ inconnu", "unknown field";
        /// A value of the wrong JSON type (a number where money is expected…).
        WrongType = "WRONG_TYPE", "type de valeur incorrect", "wrong value type";
        /// Money or a unit price that is not a decimal string with the allowed decimals.
        InvalidMoney = "INVALID_MONEY",
            "montant invalide (chaîne décimale, 2 décimales au plus ; 4 pour un prix unitaire)",
            "invalid amount (decimal string, at most 2 decimals; 4 for a unit price)";
        /// A rate that is not a decimal string in [0, 1] with at most 4 decimals.
        InvalidRate = "INVALID_RATE",
            "taux invalide (chaîne décimale entre 0 et 1, 4 décimales au plus)",
            "invalid rate (decimal string between 0 and 1, at most 4 decimals)";
        /// A day that is not a valid ISO `YYYY-MM-DD` date.
        InvalidDate = "INVALID_DATE", "date invalide (AAAA-MM-JJ)", "invalid date (YYYY-MM-DD)";
        /// A document date outside the EDTF subset.
        InvalidEdtf = "INVALID_EDTF",
            "date de document invalide (sous-ensemble EDTF)",
            "invalid document date (EDTF subset)";
        /// A value outside a closed vocabulary.
        NotInVocabulary = "NOT_IN_VOCABULARY", "valeur hors vocabulaire", "value not in the vocabulary";
        /// An empty identifier or text where one is required.
        EmptyValue = "EMPTY_VALUE", "valeur vide", "empty value";
        /// An identifier used twice.
        DuplicateId = "DUPLICATE_ID", "identifiant en double", "duplicate identifier";
        /// A reference to an institution that does not exist.
        UnknownInstitution = "UNKNOWN_INSTITUTION", "établissement inconnu", "unknown institution";
        /// An ISIL that is not `FR-` + 9 letters or digits.
        InvalidIsil = "INVALID_ISIL",
            "ISIL invalide (FR- suivi de 9 lettres ou chiffres)",
            "invalid ISIL (FR- followed by 9 letters or digits)";
        /// A SIREN that is not 9 digits with a valid Luhn checksum.
        InvalidSiren = "INVALID_SIREN",
            "SIREN invalide (9 chiffres, clé de Luhn)",
            "invalid SIREN (9 digits, Luhn checksum)";
        /// A number outside its allowed range.
        OutOfRange = "OUT_OF_RANGE", "valeur hors limites", "value out of range";
        /// A value inconsistent with another (campaign of another programme, reserved id…).
        Inconsistent = "INCONSISTENT", "valeur incohérente", "inconsistent value";
        /// A JSON object that names the same key twice (nothing is silently overwritten).
        DuplicateKey = "DUPLICATE_KEY", "clé en double dans un objet", "key given twice in an object";
        /// JSON (or a Python value) nested deeper than [`crate::limits::MAX_DEPTH`] levels.
        TooDeep = "TOO_DEEP",
            "imbrication trop profonde (128 niveaux au plus)",
            "nested too deep (at most 128 levels)";
        /// An identifier longer than [`crate::limits::MAX_ID_CHARS`] characters, or
        /// another text longer than [`crate::limits::MAX_TEXT_CHARS`].
        TooLong = "TOO_LONG",
            "texte trop long (256 caractères au plus pour un identifiant, 10 000 pour un autre texte)",
            "text too long (at most 256 characters for an identifier, 10,000 for other text)";
        /// Not an address of the expected form (the base URL of an OAI-PMH
        /// repository, its repository identifier).
        InvalidUrl = "INVALID_URL", "adresse invalide", "invalid address";
    }

    /// Why a command was refused (domain.md §7).
    enum CommandCode: Command {
        /// The campaign is closed.
        CampaignClosed = "CAMPAIGN_CLOSED", "la campagne est close", "the campaign is closed";
        /// The command or an object it carries is invalid.
        InvalidValue = "INVALID_VALUE", "données invalides", "invalid data";
        /// The command is dated before the last accepted one.
        DateOutOfOrder = "DATE_OUT_OF_ORDER",
            "commande antérieure à la dernière commande acceptée",
            "command dated before the last accepted command";
        /// The id is already used.
        DuplicateId = "DUPLICATE_ID", "identifiant déjà utilisé", "id already used";
        /// No such document.
        UnknownDocument = "UNKNOWN_DOCUMENT", "document inconnu", "unknown document";
        /// No such convention.
        UnknownConvention = "UNKNOWN_CONVENTION", "convention inconnue", "unknown convention";
        /// No such institution.
        UnknownInstitution = "UNKNOWN_INSTITUTION", "établissement inconnu", "unknown institution";
        /// Not possible in the current state.
        InvalidTransition = "INVALID_TRANSITION",
            "opération impossible dans l'état actuel",
            "not possible in the current state";
        /// The document is not eligible on the command's date.
        NotEligible = "NOT_ELIGIBLE", "document non éligible", "document not eligible";
        /// The departure condition grade is `unfit`.
        DocumentUnfit = "DOCUMENT_UNFIT",
            "document impropre à la numérisation (constat d'état)",
            "document unfit for digitisation (condition report)";
        /// A serial needs a collation (`issues` > 0).
        CollationRequired = "COLLATION_REQUIRED",
            "périodique à collationner (nombre de numéros > 0)",
            "serial needs a collation (issues > 0)";
        /// The coordinator agreement is not in force.
        ConventionNotInForce = "CONVENTION_NOT_IN_FORCE",
            "convention avec le coordinateur non en vigueur",
            "coordinator agreement not in force";
        /// The document is not at a provider.
        NotAtProvider = "NOT_AT_PROVIDER", "document absent de chez le prestataire", "document not at a provider";
        /// The document already had the maximum number of deliveries.
        TooManyRounds = "TOO_MANY_ROUNDS", "nombre maximal de livraisons atteint", "maximum number of deliveries reached";
        /// The QC sample is smaller than required.
        SampleTooSmall = "SAMPLE_TOO_SMALL",
            "échantillon de contrôle qualité trop petit",
            "quality-control sample too small";
        /// The document has not passed quality control.
        QcNotPassed = "QC_NOT_PASSED", "contrôle qualité non validé", "quality control not passed";
        /// The target is not among the document's targets.
        TargetNotPlanned = "TARGET_NOT_PLANNED", "diffusion non prévue", "publication not planned";
        /// The document's rights are `protected`.
        RightsNotCleared = "RIGHTS_NOT_CLEARED", "droits non levés", "rights not cleared";
        /// Not a valid BnF ARK.
        InvalidArk = "INVALID_ARK", "identifiant ARK de la BnF invalide", "invalid BnF ARK identifier";
        /// No national-library agreement in force for Gallica.
        NationalLibraryConventionMissing = "NATIONAL_LIBRARY_CONVENTION_MISSING",
            "aucune convention avec la BnF en vigueur",
            "no national-library agreement in force";
        /// Documents are still at a provider.
        DocumentsAtProvider = "DOCUMENTS_AT_PROVIDER",
            "des documents sont encore chez le prestataire",
            "documents still at a provider";
        /// Selected documents are not finished.
        DocumentsPending = "DOCUMENTS_PENDING",
            "des documents sélectionnés ne sont pas terminés",
            "selected documents not finished";
    }

    /// Why a document is not eligible (domain.md §5). The order is the spec's.
    enum Reason: Reason {
        /// The institution's kind is not eligible.
        InstitutionKindNotEligible = "INSTITUTION_KIND_NOT_ELIGIBLE",
            "ce type d'établissement n'est pas éligible au programme",
            "this kind of institution is not eligible for the programme";
        /// No membership for the campaign year.
        MembershipMissing = "MEMBERSHIP_MISSING",
            "l'établissement n'est pas adhérent pour l'année de la campagne",
            "the institution is not a member for the campaign year";
        /// No coordinator agreement in force.
        CoordinatorConventionMissing = "COORDINATOR_CONVENTION_MISSING",
            "aucune convention avec le coordinateur n'est en vigueur",
            "no agreement with the coordinator is in force";
        /// Targets Gallica without a national-library agreement in force.
        NationalLibraryConventionMissing = "NATIONAL_LIBRARY_CONVENTION_MISSING",
            "diffusion sur Gallica demandée sans convention avec la BnF en vigueur",
            "publication on Gallica requested without a national-library agreement in force";
        /// The typology is not eligible.
        TypologyNotEligible = "TYPOLOGY_NOT_ELIGIBLE",
            "cette typologie de document n'est pas éligible",
            "this document type is not eligible";
        /// None of the programme's themes.
        ThemeNotEligible = "THEME_NOT_ELIGIBLE",
            "le document ne relève d'aucune thématique du programme",
            "the document answers none of the programme's themes";
        /// Protected rights with at least one target.
        RightsNotCleared = "RIGHTS_NOT_CLEARED",
            "document protégé par le droit d'auteur : diffusion impossible",
            "the document is protected by copyright: it cannot be published";
        /// Title, author, date, format or views missing.
        InformationIncomplete = "INFORMATION_INCOMPLETE",
            "note informative incomplète (titre, auteur, date, format ou nombre de vues manquant)",
            "incomplete proposal (title, author, date, format or views missing)";
        /// Views 0 or above the maximum.
        ViewsOutOfRange = "VIEWS_OUT_OF_RANGE",
            "nombre de vues nul ou supérieur au maximum autorisé",
            "number of views is zero or above the allowed maximum";
        /// Already digitised.
        AlreadyDigitized = "ALREADY_DIGITIZED", "document déjà numérisé", "the document is already digitised";
        /// Proposed after the deadline.
        ProposalLate = "PROPOSAL_LATE",
            "proposition reçue après la date limite",
            "proposal received after the deadline";
    }

    /// A warning that does not block eligibility.
    enum Warning: EligibilityWarning {
        /// An agreement the document relies on ends before the campaign does.
        ConventionEndsBeforeCampaign = "CONVENTION_ENDS_BEFORE_CAMPAIGN",
            "une convention nécessaire prend fin avant la fin de la campagne",
            "a required agreement ends before the campaign does";
    }

    /// Why a budget could not be computed.
    enum BudgetCode: Budget {
        /// An amount does not fit (absurd views or prices).
        AmountOverflow = "AMOUNT_OVERFLOW", "montant hors limites", "amount out of range";
    }

    /// A budget warning.
    enum BudgetWarningCode: BudgetWarning {
        /// An institution dropped by a funder's per-institution minimum.
        FunderMinimumNotMet = "FUNDER_MINIMUM_NOT_MET",
            "minimum par établissement du financeur non atteint : aucune aide de ce financeur",
            "the funder's per-institution minimum is not met: no grant from this funder";
    }

    /// Why a saved campaign (or a preset) could not be loaded.
    enum LoadCode: Load {
        /// Not JSON, or cut short.
        InvalidJson = "INVALID_JSON", "fichier JSON invalide ou tronqué", "invalid or truncated JSON";
        /// `schema_version` absent or not an integer.
        MissingSchemaVersion = "MISSING_SCHEMA_VERSION",
            "version de schéma (schema_version) absente",
            "schema_version missing";
        /// A schema version this library does not know.
        UnsupportedSchemaVersion = "UNSUPPORTED_SCHEMA_VERSION",
            "version de schéma non prise en charge",
            "unsupported schema version";
        /// The programme, the initial campaign or the document shape is invalid.
        InvalidValue = "INVALID_VALUE", "données invalides", "invalid data";
        /// An event of the log is refused on replay.
        InvalidEvent = "INVALID_EVENT", "événement refusé", "event refused";
        /// No preset of that id.
        UnknownPreset = "UNKNOWN_PRESET", "programme prédéfini inconnu", "unknown preset programme";
    }

    /// Why a spreadsheet could not be imported at all (nothing is imported).
    enum ImportCode: Import {
        /// The institution given with the call is blank or not an ISIL.
        InvalidInstitution = "INVALID_INSTITUTION",
            "identifiant d'établissement invalide",
            "invalid institution id";
        /// The bytes are not UTF-8.
        NotUtf8 = "NOT_UTF8", "le fichier n'est pas en UTF-8", "the file is not UTF-8";
        /// Nothing but blank lines.
        EmptyFile = "EMPTY_FILE", "le fichier est vide", "the file is empty";
        /// The first non-blank line names no known column.
        NoHeader = "NO_HEADER", "ligne d'en-tête absente", "no header line";
        /// A required column is absent.
        MissingColumn = "MISSING_COLUMN", "colonne obligatoire absente", "required column missing";
        /// Two columns name the same field.
        DuplicateColumn = "DUPLICATE_COLUMN",
            "deux colonnes désignent le même champ",
            "two columns name the same field";
        /// A quoted field is not closed before the end of the text.
        CsvSyntax = "CSV_SYNTAX", "guillemets jamais fermés", "quotes never closed";
        /// The workbook is protected by a password (encrypted).
        WorkbookEncrypted = "WORKBOOK_ENCRYPTED",
            "classeur protégé par un mot de passe",
            "workbook protected by a password";
        /// The bytes look like a workbook (zip or OLE container) that cannot be read.
        WorkbookCorrupt = "WORKBOOK_CORRUPT",
            "classeur illisible ou endommagé",
            "workbook unreadable or damaged";
        /// No sheet of the workbook has a header line naming known columns.
        NoSheetWithHeader = "NO_SHEET_WITH_HEADER",
            "aucune feuille du classeur n'a de ligne d'en-tête",
            "no sheet of the workbook has a header line";
        /// The sheet asked for (by name or position) is not in the workbook.
        UnknownSheet = "UNKNOWN_SHEET", "feuille introuvable dans le classeur", "sheet not in the workbook";
    }

    /// Why one row of a spreadsheet was not imported.
    enum RowCode: ImportRow {
        /// Values under no header.
        ExtraCells = "EXTRA_CELLS", "valeurs dans une colonne sans en-tête", "values in a column without header";
        /// The id column is empty.
        MissingId = "MISSING_ID", "identifiant absent", "id missing";
        /// The id is used by an earlier row.
        DuplicateId = "DUPLICATE_ID", "identifiant déjà utilisé", "id already used";
        /// A date that cannot be read.
        InvalidDate = "INVALID_DATE", "date illisible", "date cannot be read";
        /// The typology is empty.
        MissingTypology = "MISSING_TYPOLOGY", "typologie absente", "typology missing";
        /// An unknown typology.
        UnknownTypology = "UNKNOWN_TYPOLOGY", "typologie inconnue", "unknown typology";
        /// An unknown format.
        UnknownFormat = "UNKNOWN_FORMAT", "format inconnu", "unknown format";
        /// Views that are not a whole number.
        InvalidViews = "INVALID_VIEWS", "nombre de vues invalide", "invalid number of views";
        /// An unknown theme.
        UnknownTheme = "UNKNOWN_THEME", "thématique inconnue", "unknown theme";
        /// The rights are empty.
        MissingRights = "MISSING_RIGHTS", "statut des droits absent", "rights missing";
        /// Unknown rights.
        UnknownRights = "UNKNOWN_RIGHTS", "statut des droits inconnu", "unknown rights";
        /// A yes/no value that cannot be read.
        InvalidBoolean = "INVALID_BOOLEAN", "valeur oui/non illisible", "yes/no value cannot be read";
        /// An amount that cannot be read.
        InvalidMoney = "INVALID_MONEY", "montant illisible", "amount cannot be read";
    }

    /// A note on a whole imported file (it was imported).
    enum ImportWarningCode: ImportWarning {
        /// The CSV was not UTF-8 and was read as Windows-1252.
        DecodedWindows1252 = "DECODED_WINDOWS_1252",
            "fichier lu en Windows-1252 (il n'est pas en UTF-8)",
            "file read as Windows-1252 (it is not UTF-8)";
    }

    /// Why a durable campaign store refused a call (crate `numconc-store`;
    /// the commands' own refusals keep their command codes).
    enum StoreCode: Store {
        /// Another connection (another process) holds the store.
        Locked = "STORE_LOCKED",
            "le fichier de campagne est ouvert par un autre processus",
            "the campaign store is open in another process";
        /// The disk is full or the file size limit is reached: nothing written.
        Full = "STORE_FULL",
            "disque plein ou taille de fichier limitée : rien n'a été écrit",
            "disk full or file size limit reached: nothing was written";
        /// An input/output error on the store's file.
        Io = "STORE_IO",
            "erreur d'entrée-sortie sur le fichier de campagne",
            "input/output error on the campaign store";
        /// The file is damaged, or is not a campaign store.
        Corrupt = "STORE_CORRUPT",
            "fichier de campagne endommagé, ou qui n'est pas un fichier de campagne",
            "the campaign store is damaged, or is not a campaign store";
        /// The store was written by a newer numconc (a newer schema).
        SchemaNewer = "STORE_SCHEMA_NEWER",
            "fichier de campagne d'une version plus récente de numconc",
            "campaign store of a newer numconc schema";
        /// Creating a store where a file already exists.
        Exists = "STORE_EXISTS",
            "un fichier existe déjà à cet emplacement",
            "a file already exists at that path";
        /// Opening a store that does not exist.
        NotFound = "STORE_NOT_FOUND",
            "fichier de campagne introuvable",
            "campaign store not found";
        /// An earlier write failed: the store refuses commands until reopened.
        Failed = "STORE_FAILED",
            "une écriture a échoué : rouvrez le fichier de campagne avant toute commande",
            "an earlier write failed: reopen the campaign store before any command";
        /// The store was closed: its campaign still answers queries, not commands.
        Closed = "STORE_CLOSED",
            "le fichier de campagne est fermé : aucune commande n'est plus enregistrée",
            "the campaign store is closed: no more commands are recorded";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_within_a_kind_and_never_retired() {
        let mut seen = std::collections::HashSet::new();
        for e in ALL {
            assert!(
                seen.insert((e.kind, e.code)),
                "{} twice as {:?}",
                e.code,
                e.kind
            );
            assert!(!e.fr.is_empty() && !e.en.is_empty());
            assert!(
                e.code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                e.code
            );
        }
        for r in RETIRED {
            assert!(!ALL.iter().any(|e| e.code == r.code && e.kind == r.kind));
        }
    }
}
