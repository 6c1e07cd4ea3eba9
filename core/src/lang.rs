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
}
