//! The language of what is written for people: every table, label and
//! message exists in French and in English, and one text is in one language.

/// French or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Français.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Both languages, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// Reads `fr` or `en` (any case).
    #[must_use]
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text in this language.
    #[must_use]
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// An amount as written in this language: `1 234,50` (no-break spaces
    /// between groups) or `1,234.50`.
    #[must_use]
    pub fn amount(self, m: crate::Money) -> String {
        let text = m.to_string();
        let (sign, digits) = text
            .strip_prefix('-')
            .map_or(("", text.as_str()), |d| ("-", d));
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
        let (group, point) = match self {
            Lang::Fr => ('\u{202f}', ','),
            Lang::En => (',', '.'),
        };
        let mut grouped = String::with_capacity(int.len() + int.len() / 3);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// Labels of the vocabularies for people (the v1 identifiers stay the
/// data's).
pub mod labels {
    use super::Lang;
    use crate::values::vocabulary::{Format, LineKind, Typology};

    /// A typology, as a coordinator writes it.
    #[must_use]
    pub fn typology(t: Typology, lang: Lang) -> &'static str {
        let (fr, en) = match t {
            Typology::Press => ("presse", "press"),
            Typology::Journals => ("revues", "journals"),
            Typology::PrintedBooks => ("imprimés", "printed books"),
            Typology::Theses => ("thèses", "theses"),
            Typology::Manuscripts => ("manuscrits", "manuscripts"),
            Typology::Archives => ("archives", "archives"),
            Typology::MapsPlans => ("cartes et plans", "maps and plans"),
            Typology::Postcards => ("cartes postales", "postcards"),
            Typology::Photographs => ("photographies", "photographs"),
        };
        lang.pick(fr, en)
    }

    /// A format (`A4`…, `hors format`).
    #[must_use]
    pub fn format(f: Format, lang: Lang) -> &'static str {
        match f {
            Format::Oversize => lang.pick("hors format", "oversize"),
            other => other.as_str(),
        }
    }

    /// A kind of budget line.
    #[must_use]
    pub fn line_kind(k: LineKind, lang: Lang) -> &'static str {
        match k {
            LineKind::Document => lang.pick("document", "document"),
            LineKind::Shared => lang.pick("coût mutualisé", "shared cost"),
        }
    }

    /// The header of a column of the tables shown to people (document
    /// states, custody report, event log), by its data key; `None` for a
    /// key without a label (shown as it is).
    #[must_use]
    pub fn column(key: &str, lang: Lang) -> Option<&'static str> {
        let (fr, en) = match key {
            "document" | "doc" => ("document", "document"),
            "admin" => ("statut", "status"),
            "preparation" => ("préparation", "preparation"),
            "custody" => ("garde", "custody"),
            "digital" => ("numérique", "digital"),
            "round" => ("livraisons", "deliveries"),
            "views" => ("vues", "views"),
            "published" => ("en ligne", "published"),
            "publications" => ("publications", "publications"),
            "preserved" => ("archivé", "preserved"),
            "departure_grade" => ("état au départ", "condition on departure"),
            "return_grade" => ("état au retour", "condition on return"),
            "shipment" => ("envoi", "shipment"),
            "provider" => ("prestataire", "provider"),
            "since" => ("depuis", "since"),
            "shipped" => ("envoyé", "shipped"),
            "incidents" => ("incidents", "incidents"),
            "days_out" => ("jours dehors", "days out"),
            "overdue" => ("en retard", "overdue"),
            "date" => ("date", "date"),
            "type" => ("commande", "command"),
            "actor" => ("acteur", "actor"),
            "docs" => ("documents", "documents"),
            "grades" => ("états", "grades"),
            "target" => ("diffusion", "target"),
            "identifier" => ("identifiant", "identifier"),
            _ => return None,
        };
        Some(lang.pick(fr, en))
    }

    /// The label of a state or command value of those tables (`selected` →
    /// `sélectionné`, `provider` → `chez le prestataire`, `qc_passed` →
    /// `contrôle réussi`, `ship` → `envoi`); `None` for a value without a
    /// label (data: ids, names), shown as it is.
    #[must_use]
    pub fn value(column: &str, value: &str, lang: Lang) -> Option<&'static str> {
        let (fr, en) = match (column, value) {
            ("admin", "proposed") => ("proposé", "proposed"),
            ("admin", "selected") => ("sélectionné", "selected"),
            ("admin", "rejected") => ("rejeté", "rejected"),
            ("admin", "withdrawn") => ("retiré", "withdrawn"),
            ("preparation", "none") | ("digital", "none") => ("—", "—"),
            ("preparation", "condition_checked") => ("constat d'état fait", "condition checked"),
            ("preparation", "prepared") => ("préparé", "prepared"),
            ("custody", "holder") => ("chez l'établissement", "at the institution"),
            ("custody", "provider") => ("chez le prestataire", "at the provider"),
            ("digital", "delivered") => ("livré", "delivered"),
            ("digital", "qc_failed") => ("contrôle échoué", "quality control failed"),
            ("digital", "qc_passed") => ("contrôle réussi", "quality control passed"),
            ("departure_grade" | "return_grade" | "grades", "good") => ("bon", "good"),
            ("departure_grade" | "return_grade" | "grades", "fair") => ("moyen", "fair"),
            ("departure_grade" | "return_grade" | "grades", "poor") => ("mauvais", "poor"),
            ("departure_grade" | "return_grade" | "grades", "unfit") => ("impropre", "unfit"),
            ("type", t) => return command(t, lang),
            _ => return None,
        };
        Some(lang.pick(fr, en))
    }

    /// A command type in words (`ship` → `envoi`).
    #[must_use]
    pub fn command(t: &str, lang: Lang) -> Option<&'static str> {
        let (fr, en) = match t {
            "propose" => ("proposition", "proposal"),
            "select" => ("sélection", "selection"),
            "reject" => ("rejet", "rejection"),
            "withdraw" => ("retrait", "withdrawal"),
            "record_condition" => ("constat d'état", "condition report"),
            "prepare" => ("préparation", "preparation"),
            "ship" => ("envoi", "shipment"),
            "deliver" => ("livraison", "delivery"),
            "qc" => ("contrôle qualité", "quality control"),
            "return" => ("retour", "return"),
            "publish" => ("mise en ligne", "publication"),
            "preserve" => ("archivage", "preservation"),
            "close_campaign" => ("clôture", "closing"),
            "register_institution" => ("inscription d'un établissement", "institution registered"),
            "register_convention" => ("enregistrement d'une convention", "agreement registered"),
            "amend_convention" => ("avenant", "amendment"),
            "notify_termination" => ("résiliation", "termination notice"),
            "record_membership" => ("adhésion", "membership"),
            _ => return None,
        };
        Some(lang.pick(fr, en))
    }
}
