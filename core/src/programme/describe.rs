//! The programme in words, as a coordinator reads it: the price grid and
//! each funder's rules, in French or in English (one language at a time).

use std::fmt::Write as _;

use super::{Funder, Programme, RateRule, When};
use crate::lang::{labels, Lang};
use crate::values::money::Rate;
use crate::values::vocabulary::{InstitutionKind, Rights, Size};

/// A rate as a percentage: `50 %` (French, with a no-break space) or `50%`.
#[must_use]
pub fn percent(rate: Rate, lang: Lang) -> String {
    let t = rate.ten_thousandths();
    let (int, frac) = (t / 100, t % 100);
    let mut s = int.to_string();
    if frac != 0 {
        let digits = format!("{frac:02}");
        s.push_str(lang.pick(",", "."));
        s.push_str(digits.trim_end_matches('0'));
    }
    s.push_str(lang.pick("\u{a0}%", "%"));
    s
}

fn rights(r: Rights, lang: Lang) -> &'static str {
    match r {
        Rights::PublicDomain => lang.pick("domaine public", "public domain"),
        Rights::Cleared => lang.pick("droits levés", "rights cleared"),
        Rights::Protected => lang.pick("protégé", "protected"),
    }
}

fn size(s: Size, lang: Lang) -> &'static str {
    match s {
        Size::Small => lang.pick("petite structure", "small"),
        Size::Medium => lang.pick("moyenne structure", "medium"),
        Size::Large => lang.pick("grande structure", "large"),
    }
}

/// An institution kind, as a coordinator writes it.
#[must_use]
pub fn institution_kind(k: InstitutionKind, lang: Lang) -> &'static str {
    let (fr, en) = match k {
        InstitutionKind::MunicipalLibrary => ("bibliothèque municipale", "municipal library"),
        InstitutionKind::IntercommunalLibrary => {
            ("bibliothèque intercommunale", "intercommunal library")
        }
        InstitutionKind::DepartmentalLibrary => ("bibliothèque départementale", "county library"),
        InstitutionKind::UniversityLibrary => ("bibliothèque universitaire", "university library"),
        InstitutionKind::ResearchLibrary => ("bibliothèque de recherche", "research library"),
        InstitutionKind::PrivateLibrary => ("bibliothèque privée", "private library"),
        InstitutionKind::DepartmentalArchives => ("archives départementales", "county archives"),
        InstitutionKind::MunicipalArchives => ("archives municipales", "municipal archives"),
        InstitutionKind::WritersHouse => ("maison d'écrivain", "writer's house"),
        InstitutionKind::Museum => ("musée", "museum"),
        InstitutionKind::LearnedSociety => ("société savante", "learned society"),
    };
    lang.pick(fr, en)
}

fn list<T: Copy>(items: &[T], label: impl Fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|t| label(*t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A condition in words (`documents de type presse, antérieurs à 1900`);
/// `None` when it always holds.
#[must_use]
pub fn condition(when: &When, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(t) = &when.typologies {
        let l = list(t, |t| labels::typology(t, lang));
        parts.push(match lang {
            Lang::Fr => format!("documents de type {l}"),
            Lang::En => format!("{l} documents"),
        });
    }
    if let Some(t) = &when.targets_any {
        let l = t.join(", ");
        parts.push(match lang {
            Lang::Fr => format!("diffusés sur {l}"),
            Lang::En => format!("published on {l}"),
        });
    }
    if let Some(r) = &when.rights {
        let l = list(r, |r| rights(r, lang));
        parts.push(match lang {
            Lang::Fr => format!("droits : {l}"),
            Lang::En => format!("rights: {l}"),
        });
    }
    if let Some(y) = when.date_before {
        parts.push(match lang {
            Lang::Fr => format!("antérieurs à {y}"),
            Lang::En => format!("dated before {y}"),
        });
    }
    if let Some(k) = &when.institution_kinds {
        let l = list(k, |k| institution_kind(k, lang));
        parts.push(match lang {
            Lang::Fr => format!("établissements : {l}"),
            Lang::En => format!("institutions: {l}"),
        });
    }
    if let Some(s) = &when.sizes {
        let l = list(s, |s| size(s, lang));
        parts.push(match lang {
            Lang::Fr => format!("taille : {l}"),
            Lang::En => format!("size: {l}"),
        });
    }
    if let Some(l) = &when.labels_any {
        let l = l.join(", ");
        parts.push(match lang {
            Lang::Fr => format!("étiquettes : {l}"),
            Lang::En => format!("labels: {l}"),
        });
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One rate rule in words (`50 % — documents de type presse (petite
/// structure : 60 %)`).
#[must_use]
pub fn rate_rule(rule: &RateRule, lang: Lang) -> String {
    let mut s = percent(rule.rate, lang);
    s.push_str(" — ");
    s.push_str(
        &condition(&rule.when, lang).unwrap_or_else(|| lang.pick("toute ligne", "any line").into()),
    );
    let tiers: Vec<String> = [Size::Small, Size::Medium, Size::Large]
        .into_iter()
        .filter_map(|z| {
            rule.by_size.get(z).map(|r| {
                format!(
                    "{}{}{}",
                    size(z, lang),
                    lang.pick(" : ", ": "),
                    percent(r, lang)
                )
            })
        })
        .collect();
    if !tiers.is_empty() {
        let _ = write!(s, " ({})", tiers.join(", "));
    }
    s
}

/// A funder's rules in words: the rate rules in order (the first that
/// holds applies), what it funds, its caps and its envelope.
#[must_use]
pub fn funder_rules(f: &Funder, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = f.rates.iter().map(|r| rate_rule(r, lang)).collect();
    if out.is_empty() {
        out.push(lang.pick("aucun taux", "no rate").into());
    }
    let kinds = list(&f.lines, |k| labels::line_kind(k, lang));
    out.push(match lang {
        Lang::Fr => format!("finance : {kinds}"),
        Lang::En => format!("funds: {kinds}"),
    });
    if f.public {
        out.push(lang.pick("financeur public", "public funder").into());
    }
    let money = |m| lang.amount(m);
    if let Some(m) = f.per_institution_min {
        out.push(match lang {
            Lang::Fr => format!("minimum par établissement : {}", money(m)),
            Lang::En => format!("minimum per institution: {}", money(m)),
        });
    }
    if let Some(m) = f.per_institution_max {
        out.push(match lang {
            Lang::Fr => format!("plafond par établissement : {}", money(m)),
            Lang::En => format!("cap per institution: {}", money(m)),
        });
    }
    if let Some(m) = f.envelope {
        out.push(match lang {
            Lang::Fr => format!("enveloppe : {}", money(m)),
            Lang::En => format!("envelope: {}", money(m)),
        });
    }
    out
}

/// The price grid as rows `[what, format, price per view]`, in one
/// language: the grid's entries in order (the first match wins), then the
/// default price, OCR, the fragile surcharge and the fee per document
/// (prices with the currency, a decimal comma in French).
#[must_use]
pub fn price_grid(p: &Programme, lang: Lang) -> Vec<[String; 3]> {
    let cur = &p.currency;
    let any = lang.pick("tout format", "any format").to_string();
    let mut rows: Vec<[String; 3]> = p
        .prices
        .per_view
        .iter()
        .map(|e| {
            [
                labels::typology(e.typology, lang).to_string(),
                e.format
                    .map_or_else(|| any.clone(), |f| labels::format(f, lang).to_string()),
                format!("{} {cur}", unit(&e.price.to_string(), lang)),
            ]
        })
        .collect();
    let price = |u: String| format!("{} {cur}", unit(&u, lang));
    rows.push([
        lang.pick("autres documents", "other documents").into(),
        any.clone(),
        price(p.prices.default_per_view.to_string()),
    ]);
    rows.push([
        lang.pick("OCR (par vue)", "OCR (per view)").into(),
        any.clone(),
        price(p.prices.ocr_per_view.to_string()),
    ]);
    rows.push([
        lang.pick("majoration document fragile", "fragile document surcharge")
            .into(),
        any.clone(),
        percent(p.prices.fragile_surcharge_rate, lang),
    ]);
    rows.push([
        lang.pick("frais par document", "fee per document").into(),
        any,
        format!("{} {cur}", lang.amount(p.prices.per_document_fee)),
    ]);
    rows
}

impl Programme {
    /// The programme as a coordinator reads it, in one language: the price
    /// grid (price per view by typology and format, OCR, fragile surcharge,
    /// fee per document) and each funder's rules, as plain text.
    #[must_use]
    pub fn describe(&self, lang: Lang) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} ({})", self.name, self.id);
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}",
            lang.pick("Grille de prix (par vue)", "Price grid (per view)")
        );
        for [what, format, price] in price_grid(self, lang) {
            let _ = writeln!(s, "  {what}, {format} : {price}");
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", lang.pick("Financeurs", "Funders"));
        for f in &self.funders {
            let _ = writeln!(s, "  {} ({})", f.name, f.id);
            for rule in funder_rules(f, lang) {
                let _ = writeln!(s, "    - {rule}");
            }
        }
        if let Some(r) = self.max_public_rate {
            let _ = writeln!(
                s,
                "  {} : {}",
                lang.pick("plafond des aides publiques", "cap on public funding"),
                percent(r, lang)
            );
        }
        if let Some(r) = self.min_partner_rate {
            let _ = writeln!(
                s,
                "  {} : {}",
                lang.pick(
                    "part minimale de l'établissement",
                    "minimum share of the institution"
                ),
                percent(r, lang)
            );
        }
        if lang == Lang::En {
            s = s.replace(" : ", ": ");
        }
        s
    }
}

/// A unit price (`0.35`) in the language's decimal sign.
fn unit(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        let r = |v| Rate::from_ten_thousandths(v).unwrap_or(Rate::ZERO);
        assert_eq!(percent(r(5000), Lang::Fr), "50\u{a0}%");
        assert_eq!(percent(r(1250), Lang::Fr), "12,5\u{a0}%");
        assert_eq!(percent(r(1250), Lang::En), "12.5%");
        assert_eq!(percent(r(3333), Lang::En), "33.33%");
    }

    #[test]
    fn the_preset_in_words() {
        let Ok(p) = Programme::preset("hauts-de-france") else {
            return;
        };
        let fr = p.describe(Lang::Fr);
        let en = p.describe(Lang::En);
        assert!(
            fr.contains("Grille de prix") && fr.contains("Financeurs"),
            "{fr}"
        );
        assert!(en.contains("Price grid") && en.contains("Funders"), "{en}");
        assert!(!en.contains(" : "), "{en}");
        for f in &p.funders {
            assert!(fr.contains(&f.name));
        }
    }
}
