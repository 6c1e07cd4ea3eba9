//! The programme: the rulebook of a concerted digitisation plan
//! (eligibility rules, price grid, funders, QC rules) — domain.md §3.

pub mod describe;
pub(crate) mod presets;

use std::collections::HashSet;

use serde_json::Value;

use crate::error::{Issue, IssueCode, ValidationError};
use crate::format::json::{
    finish, p_bool, p_date, p_id, p_list, p_money, p_rate, p_str, p_u32, p_u64, p_unit_price,
    p_vocab, p_year, strs, Fields, Issues, Out, Path, ROOT,
};
use crate::values::money::{Money, Rate, UnitPrice};
use crate::values::vocabulary::{
    Format, InstitutionKind, LineKind, Rights, SharedCostKey, Size, Theme, Typology,
};
use crate::Date;

/// The rulebook of a concerted digitisation programme.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::Programme;
/// let hdf = Programme::preset("hauts-de-france")?;
/// assert_eq!(hdf.funders.len(), 3);
/// // A programme of one's own, read strictly: every problem at its path.
/// let err = Programme::from_json(r#"{"id": "p", "name": "p", "currency": "EUR"}"#).unwrap_err();
/// assert!(err.issues.iter().any(|i| i.code.code() == "MISSING_FIELD" && i.path == "prices"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    /// Identifier (`hauts-de-france`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Currency code (`EUR`).
    pub currency: String,
    /// Who and what may enter.
    pub eligibility: EligibilityRules,
    /// The price grid.
    pub prices: Prices,
    /// The funders, in allocation order.
    pub funders: Vec<Funder>,
    /// Public funders together, per line (absent = no cap).
    pub max_public_rate: Option<Rate>,
    /// The institution's own share, per line (absent = 0).
    pub min_partner_rate: Option<Rate>,
    /// How shared costs are split.
    pub shared_cost_key: SharedCostKey,
    /// Notice period of a termination, in calendar months.
    pub termination_notice_months: u32,
    /// Quality-control rules.
    pub qc: QcRules,
    /// Days a document may stay at a provider before it is overdue.
    pub max_days_at_provider: u32,
}

/// Eligibility rules (empty lists mean "any").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EligibilityRules {
    /// Eligible institution kinds (empty = any).
    pub institution_kinds: Vec<InstitutionKind>,
    /// Membership of the campaign year is required.
    pub membership_required: bool,
    /// A coordinator agreement in force is required.
    pub coordinator_convention_required: bool,
    /// Eligible typologies (empty = any).
    pub typologies: Vec<Typology>,
    /// At least one of these themes (empty = no theme rule).
    pub themes_any_of: Vec<Theme>,
    /// Upper bound on views (absent = none).
    pub max_views_per_document: Option<u64>,
    /// Last day for proposals (absent = none).
    pub proposal_deadline: Option<Date>,
}

/// The price grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prices {
    /// Entries by typology and optional format; the first match wins.
    pub per_view: Vec<PriceEntry>,
    /// Price of a view when no entry matches.
    pub default_per_view: UnitPrice,
    /// OCR price per view.
    pub ocr_per_view: UnitPrice,
    /// Surcharge on fragile documents, as a rate of the views' price.
    pub fragile_surcharge_rate: Rate,
    /// Fee per document.
    pub per_document_fee: Money,
}

/// One entry of the price grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceEntry {
    /// The typology it prices.
    pub typology: Typology,
    /// The format it prices (absent = any format).
    pub format: Option<Format>,
    /// The price per view.
    pub price: UnitPrice,
}

/// A funder (financeur).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funder {
    /// Identifier (`bnf`); `partner` is reserved.
    pub id: String,
    /// Display name.
    pub name: String,
    /// A public funder counts against `max_public_rate`.
    pub public: bool,
    /// Campaign-wide cap.
    pub envelope: Option<Money>,
    /// Below this an institution gets nothing from the funder.
    pub per_institution_min: Option<Money>,
    /// Cap per institution.
    pub per_institution_max: Option<Money>,
    /// Which line kinds it funds.
    pub lines: Vec<LineKind>,
    /// Rate rules; the first whose `when` holds applies.
    pub rates: Vec<RateRule>,
}

/// A funding rate with its condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateRule {
    /// The condition.
    pub when: When,
    /// The rate.
    pub rate: Rate,
    /// Rates by institution size, overriding `rate`.
    pub by_size: BySize,
}

/// Rates by size tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BySize {
    /// Small.
    pub small: Option<Rate>,
    /// Medium.
    pub medium: Option<Rate>,
    /// Large.
    pub large: Option<Rate>,
}

impl BySize {
    /// The rate of a size, if given.
    #[must_use]
    pub fn get(&self, size: Size) -> Option<Rate> {
        match size {
            Size::Small => self.small,
            Size::Medium => self.medium,
            Size::Large => self.large,
        }
    }

    fn is_empty(&self) -> bool {
        self.small.is_none() && self.medium.is_none() && self.large.is_none()
    }
}

/// A condition on a line: all present keys must hold (an empty list never holds).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct When {
    /// The document's typology is in the list.
    pub typologies: Option<Vec<Typology>>,
    /// The document has at least one of these targets.
    pub targets_any: Option<Vec<String>>,
    /// The document's rights are in the list.
    pub rights: Option<Vec<Rights>>,
    /// The latest year the document's date can denote is strictly before it.
    pub date_before: Option<i32>,
    /// The institution's kind is in the list.
    pub institution_kinds: Option<Vec<InstitutionKind>>,
    /// The institution's size is in the list.
    pub sizes: Option<Vec<Size>>,
    /// The document has at least one of these labels.
    pub labels_any: Option<Vec<String>>,
}

impl When {
    /// Whether the condition has document keys (which make it never hold on shared lines).
    #[must_use]
    pub fn has_document_keys(&self) -> bool {
        self.typologies.is_some()
            || self.targets_any.is_some()
            || self.rights.is_some()
            || self.date_before.is_some()
            || self.labels_any.is_some()
    }
}

/// Quality-control rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QcRules {
    /// Share of views to check.
    pub sample_rate: Rate,
    /// Smallest sample.
    pub min_sample: u64,
    /// Major defects tolerated.
    pub max_major: u64,
    /// Minor defects tolerated, as a rate of the sample.
    pub max_minor_rate: Rate,
    /// Deliveries allowed in all (first delivery and reworks).
    pub max_rounds: u32,
}

impl QcRules {
    /// The smallest accepted sample for a delivery of `views` views:
    /// `min(views, max(min_sample, ceil(views × sample_rate)))`.
    #[must_use]
    pub fn required_sample(&self, views: u64) -> u64 {
        let rate = u128::from(self.sample_rate.ten_thousandths());
        let by_rate = (u128::from(views) * rate).div_ceil(10_000);
        let by_rate = u64::try_from(by_rate).unwrap_or(u64::MAX);
        views.min(self.min_sample.max(by_rate))
    }

    /// Whether a sample with these defects passes.
    #[must_use]
    pub fn passes(&self, sample: u64, major: u64, minor: u64) -> bool {
        let minor_ok = u128::from(minor) * 10_000
            <= u128::from(sample) * u128::from(self.max_minor_rate.ten_thousandths());
        major <= self.max_major && minor_ok
    }
}

const PROGRAMME_FIELDS: &[&str] = &[
    "id",
    "name",
    "currency",
    "eligibility",
    "prices",
    "funders",
    "max_public_rate",
    "min_partner_rate",
    "shared_cost_key",
    "termination_notice_months",
    "qc",
    "max_days_at_provider",
];

fn read_eligibility(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<EligibilityRules> {
    let f = Fields::new(
        v,
        path,
        &[
            "institution_kinds",
            "membership_required",
            "coordinator_convention_required",
            "typologies",
            "themes_any_of",
            "max_views_per_document",
            "proposal_deadline",
        ],
        issues,
    )?;
    let before = issues.len();
    let rules = EligibilityRules {
        institution_kinds: f
            .opt(
                "institution_kinds",
                issues,
                p_list(p_vocab(InstitutionKind::parse)),
            )
            .unwrap_or_default(),
        membership_required: f
            .opt("membership_required", issues, p_bool)
            .unwrap_or(false),
        coordinator_convention_required: f
            .opt("coordinator_convention_required", issues, p_bool)
            .unwrap_or(false),
        typologies: f
            .opt("typologies", issues, p_list(p_vocab(Typology::parse)))
            .unwrap_or_default(),
        themes_any_of: f
            .opt("themes_any_of", issues, p_list(p_vocab(Theme::parse)))
            .unwrap_or_default(),
        max_views_per_document: f.opt("max_views_per_document", issues, p_u64),
        proposal_deadline: f.opt("proposal_deadline", issues, p_date),
    };
    (issues.len() == before).then_some(rules)
}

fn read_prices(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Prices> {
    let f = Fields::new(
        v,
        path,
        &[
            "per_view",
            "default_per_view",
            "ocr_per_view",
            "fragile_surcharge_rate",
            "per_document_fee",
        ],
        issues,
    )?;
    let per_view = f.opt("per_view", issues, p_list(read_price_entry));
    let default_per_view = f.req("default_per_view", issues, p_unit_price);
    let ocr_per_view = f.opt("ocr_per_view", issues, p_unit_price);
    let fragile_surcharge_rate = f.opt("fragile_surcharge_rate", issues, p_rate);
    let per_document_fee = f.opt("per_document_fee", issues, p_money);
    Some(Prices {
        per_view: per_view.unwrap_or_default(),
        default_per_view: default_per_view?,
        ocr_per_view: ocr_per_view.unwrap_or_default(),
        fragile_surcharge_rate: fragile_surcharge_rate.unwrap_or(Rate::ZERO),
        per_document_fee: per_document_fee.unwrap_or(Money::ZERO),
    })
}

fn read_price_entry(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<PriceEntry> {
    let f = Fields::new(v, path, &["typology", "format", "price"], issues)?;
    let typology = f.req("typology", issues, p_vocab(Typology::parse));
    let format = f.opt("format", issues, p_vocab(Format::parse));
    let price = f.req("price", issues, p_unit_price);
    Some(PriceEntry {
        typology: typology?,
        format,
        price: price?,
    })
}

fn read_when(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<When> {
    let f = Fields::new(
        v,
        path,
        &[
            "typologies",
            "targets_any",
            "rights",
            "date_before",
            "institution_kinds",
            "sizes",
            "labels_any",
        ],
        issues,
    )?;
    let before = issues.len();
    let when = When {
        typologies: f.opt("typologies", issues, p_list(p_vocab(Typology::parse))),
        targets_any: f.opt("targets_any", issues, p_list(p_str)),
        rights: f.opt("rights", issues, p_list(p_vocab(Rights::parse))),
        date_before: f.opt("date_before", issues, p_year),
        institution_kinds: f.opt(
            "institution_kinds",
            issues,
            p_list(p_vocab(InstitutionKind::parse)),
        ),
        sizes: f.opt("sizes", issues, p_list(p_vocab(Size::parse))),
        labels_any: f.opt("labels_any", issues, p_list(p_str)),
    };
    (issues.len() == before).then_some(when)
}

fn read_by_size(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<BySize> {
    let f = Fields::new(v, path, &["small", "medium", "large"], issues)?;
    let before = issues.len();
    let b = BySize {
        small: f.opt("small", issues, p_rate),
        medium: f.opt("medium", issues, p_rate),
        large: f.opt("large", issues, p_rate),
    };
    (issues.len() == before).then_some(b)
}

fn read_rate_rule(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<RateRule> {
    let f = Fields::new(v, path, &["when", "rate", "by_size"], issues)?;
    let when = f.opt("when", issues, read_when);
    let rate = f.req("rate", issues, p_rate);
    let by_size = f.opt("by_size", issues, read_by_size);
    Some(RateRule {
        when: when.unwrap_or_default(),
        rate: rate?,
        by_size: by_size.unwrap_or_default(),
    })
}

fn read_funder(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Funder> {
    let f = Fields::new(
        v,
        path,
        &[
            "id",
            "name",
            "public",
            "envelope",
            "per_institution_min",
            "per_institution_max",
            "lines",
            "rates",
        ],
        issues,
    )?;
    let before = issues.len();
    let id = f.req("id", issues, p_id);
    if id.as_deref() == Some("partner") {
        issues.push(Issue::new(
            IssueCode::Inconsistent,
            f.path_of("id"),
            "the funder id \"partner\" is reserved",
        ));
    }
    let name = f.req("name", issues, p_str);
    let public = f.opt("public", issues, p_bool).unwrap_or(false);
    let envelope = f.opt("envelope", issues, p_money);
    let per_institution_min = f.opt("per_institution_min", issues, p_money);
    let per_institution_max = f.opt("per_institution_max", issues, p_money);
    let lines = f.opt("lines", issues, p_list(p_vocab(LineKind::parse)));
    if let Some(lines) = &lines {
        let unique: HashSet<_> = lines.iter().collect();
        if lines.is_empty() || unique.len() != lines.len() {
            issues.push(Issue::new(
                IssueCode::Inconsistent,
                f.path_of("lines"),
                "a non-empty subset of document, shared",
            ));
        }
    }
    let rates = f.req("rates", issues, p_list(read_rate_rule));
    if issues.len() != before {
        return None;
    }
    Some(Funder {
        id: id?,
        name: name?,
        public,
        envelope,
        per_institution_min,
        per_institution_max,
        lines: lines.unwrap_or_else(|| vec![LineKind::Document]),
        rates: rates?,
    })
}

fn read_qc(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<QcRules> {
    let f = Fields::new(
        v,
        path,
        &[
            "sample_rate",
            "min_sample",
            "max_major",
            "max_minor_rate",
            "max_rounds",
        ],
        issues,
    )?;
    let sample_rate = f.req("sample_rate", issues, p_rate);
    let min_sample = f.req("min_sample", issues, p_u64);
    let max_major = f.req("max_major", issues, p_u64);
    let max_minor_rate = f.req("max_minor_rate", issues, p_rate);
    let max_rounds = f.req("max_rounds", issues, p_u32);
    Some(QcRules {
        sample_rate: sample_rate?,
        min_sample: min_sample?,
        max_major: max_major?,
        max_minor_rate: max_minor_rate?,
        max_rounds: max_rounds?,
    })
}

impl Programme {
    /// Reads a programme from a JSON value, reporting every problem.
    ///
    /// # Errors
    /// [`ValidationError`] with every issue and its field path.
    pub fn from_value(v: &Value) -> Result<Programme, ValidationError> {
        let mut issues = Vec::new();
        let read = Self::read(v, &ROOT, &mut issues);
        finish(read, issues)
    }

    /// Reads a programme from JSON text.
    ///
    /// # Errors
    /// [`ValidationError`] (`INVALID_JSON` or the issues of the object).
    pub fn from_json(text: &str) -> Result<Programme, ValidationError> {
        let v = crate::format::json::parse(text)
            .map_err(crate::format::json::JsonProblem::into_error)?;
        Self::from_value(&v)
    }

    /// Reads a programme from the bytes of a file: UTF-8 (a leading
    /// byte-order mark is skipped), then as [`Programme::from_json`].
    ///
    /// # Errors
    /// [`ValidationError`] (`INVALID_JSON` when the bytes are not UTF-8).
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Programme, ValidationError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            ValidationError::single(
                IssueCode::InvalidJson,
                "",
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        Programme::from_json(text)
    }

    pub(crate) fn read(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Programme> {
        let f = Fields::new(v, path, PROGRAMME_FIELDS, issues)?;
        let id = f.req("id", issues, p_id);
        let name = f.req("name", issues, p_str);
        let currency = f.req("currency", issues, p_id);
        let eligibility = f.opt("eligibility", issues, read_eligibility);
        let prices = f.req("prices", issues, read_prices);
        let funders = f.req("funders", issues, p_list(read_funder));
        if let Some(funders) = &funders {
            let mut seen = HashSet::new();
            for (i, fu) in funders.iter().enumerate() {
                if !seen.insert(fu.id.as_str()) {
                    issues.push(Issue::new(
                        IssueCode::DuplicateId,
                        format!("{}[{i}].id", f.path_of("funders")),
                        fu.id.clone(),
                    ));
                }
            }
        }
        let max_public_rate = f.opt("max_public_rate", issues, p_rate);
        let min_partner_rate = f.opt("min_partner_rate", issues, p_rate);
        let shared_cost_key = f.req("shared_cost_key", issues, p_vocab(SharedCostKey::parse));
        let termination_notice_months = f.req("termination_notice_months", issues, p_u32);
        let qc = f.req("qc", issues, read_qc);
        let max_days_at_provider = f.req("max_days_at_provider", issues, p_u32);
        Some(Programme {
            id: id?,
            name: name?,
            currency: currency?,
            eligibility: eligibility.unwrap_or_default(),
            prices: prices?,
            funders: funders?,
            max_public_rate,
            min_partner_rate,
            shared_cost_key: shared_cost_key?,
            termination_notice_months: termination_notice_months?,
            qc: qc?,
            max_days_at_provider: max_days_at_provider?,
        })
    }

    /// The programme as a v1 JSON value.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let e = &self.eligibility;
        let eligibility = Out::new()
            .put("institution_kinds", strs(&e.institution_kinds))
            .put("membership_required", e.membership_required)
            .put(
                "coordinator_convention_required",
                e.coordinator_convention_required,
            )
            .put("typologies", strs(&e.typologies))
            .put("themes_any_of", strs(&e.themes_any_of))
            .put_opt("max_views_per_document", e.max_views_per_document)
            .put_opt(
                "proposal_deadline",
                e.proposal_deadline.map(|d| d.to_string()),
            )
            .build();
        let p = &self.prices;
        let per_view: Vec<Value> = p
            .per_view
            .iter()
            .map(|x| {
                Out::new()
                    .put("typology", x.typology.as_str())
                    .put_opt("format", x.format.map(Format::as_str))
                    .put("price", x.price.to_string())
                    .build()
            })
            .collect();
        let prices = Out::new()
            .put("per_view", per_view)
            .put("default_per_view", p.default_per_view.to_string())
            .put("ocr_per_view", p.ocr_per_view.to_string())
            .put(
                "fragile_surcharge_rate",
                p.fragile_surcharge_rate.to_string(),
            )
            .put("per_document_fee", p.per_document_fee.to_string())
            .build();
        let funders: Vec<Value> = self.funders.iter().map(Funder::to_value).collect();
        let q = &self.qc;
        let qc = Out::new()
            .put("sample_rate", q.sample_rate.to_string())
            .put("min_sample", q.min_sample)
            .put("max_major", q.max_major)
            .put("max_minor_rate", q.max_minor_rate.to_string())
            .put("max_rounds", q.max_rounds)
            .build();
        Out::new()
            .put("id", self.id.as_str())
            .put("name", self.name.as_str())
            .put("currency", self.currency.as_str())
            .put("eligibility", eligibility)
            .put("prices", prices)
            .put("funders", funders)
            .put_opt(
                "max_public_rate",
                self.max_public_rate.map(|r| r.to_string()),
            )
            .put_opt(
                "min_partner_rate",
                self.min_partner_rate.map(|r| r.to_string()),
            )
            .put("shared_cost_key", self.shared_cost_key.as_str())
            .put("termination_notice_months", self.termination_notice_months)
            .put("qc", qc)
            .put("max_days_at_provider", self.max_days_at_provider)
            .build()
    }

    /// The funder of an id.
    #[must_use]
    pub fn funder(&self, id: &str) -> Option<&Funder> {
        self.funders.iter().find(|f| f.id == id)
    }
}

impl Funder {
    fn to_value(&self) -> Value {
        let rates: Vec<Value> = self
            .rates
            .iter()
            .map(|r| {
                let by_size = (!r.by_size.is_empty()).then(|| {
                    Out::new()
                        .put_opt("small", r.by_size.small.map(|x| x.to_string()))
                        .put_opt("medium", r.by_size.medium.map(|x| x.to_string()))
                        .put_opt("large", r.by_size.large.map(|x| x.to_string()))
                        .build()
                });
                Out::new()
                    .put("when", r.when.to_value())
                    .put("rate", r.rate.to_string())
                    .put_opt("by_size", by_size)
                    .build()
            })
            .collect();
        Out::new()
            .put("id", self.id.as_str())
            .put("name", self.name.as_str())
            .put("public", self.public)
            .put_opt("envelope", self.envelope.map(|m| m.to_string()))
            .put_opt(
                "per_institution_min",
                self.per_institution_min.map(|m| m.to_string()),
            )
            .put_opt(
                "per_institution_max",
                self.per_institution_max.map(|m| m.to_string()),
            )
            .put("lines", strs(&self.lines))
            .put("rates", rates)
            .build()
    }
}

impl When {
    fn to_value(&self) -> Value {
        Out::new()
            .put_opt("typologies", self.typologies.as_deref().map(strs))
            .put_opt("targets_any", self.targets_any.as_deref().map(strs))
            .put_opt("rights", self.rights.as_deref().map(strs))
            .put_opt("date_before", self.date_before)
            .put_opt(
                "institution_kinds",
                self.institution_kinds.as_deref().map(strs),
            )
            .put_opt("sizes", self.sizes.as_deref().map(strs))
            .put_opt("labels_any", self.labels_any.as_deref().map(strs))
            .build()
    }
}
