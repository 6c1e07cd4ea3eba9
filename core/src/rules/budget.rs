//! Budgets (budget prévisionnel / bilan): document and shared lines, the
//! split of every line between funders and the institution, totals and
//! warnings — exact to the cent, whatever the order of the input (§6).

use std::ops::Range;

use serde_json::{Map, Value};

use crate::campaign_data::CampaignData;
use crate::error::BudgetError;
use crate::programme::{Funder, Programme};
use crate::rules::cost::document_cost;
use crate::rules::funding::{allocate, largest_remainder, push_rates, FundingWarning, LineRef};
use crate::values::money::Money;
use crate::values::vocabulary::{Format, LineKind, SharedCostKey, Typology};
use crate::Date;

/// Which budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetMode {
    /// The estimate: documents eligible on the day, not rejected or
    /// withdrawn, with their proposed views.
    Estimate {
        /// The day eligibility is judged on.
        as_of: Date,
    },
    /// The actual budget: documents delivered, with the views of their
    /// latest delivery.
    Actual,
}

/// One line of a budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    /// The institution.
    pub institution: String,
    /// Document or shared.
    pub kind: LineKind,
    /// The document (document lines).
    pub document: Option<String>,
    /// The shared cost's label (shared lines).
    pub label: Option<String>,
    /// Views counted (document lines).
    pub views: Option<u64>,
    /// Cost of the line.
    pub cost: Money,
    /// What each funder gives, in programme order.
    pub funders: Vec<Money>,
    /// What the institution pays.
    pub partner: Money,
    /// The document's title (document lines), for people reading the budget.
    pub title: Option<String>,
    /// The document's shelfmark (document lines).
    pub shelfmark: Option<String>,
    /// The document's typology (document lines).
    pub typology: Option<Typology>,
    /// The document's format (document lines).
    pub format: Option<Format>,
}

/// Totals of one institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstitutionTotals {
    /// The institution.
    pub institution: String,
    /// Sum of its lines.
    pub cost: Money,
    /// What funders give it.
    pub funded: Money,
    /// What it pays.
    pub partner: Money,
    /// Its name.
    pub name: String,
    /// Its document lines.
    pub documents: usize,
    /// The views of its document lines.
    pub views: u64,
}

/// A computed budget: its lines in the order of domain.md §6, each split to
/// the cent between the funders and the institution.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use numconc::{BudgetMode, Campaign, Date, Programme};
/// let campaign = Campaign::from_json(
///     Programme::preset("hauts-de-france")?,
///     r#"{"id": "hdf-2026", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
///         "institutions": [{"id": "FR-801216101", "name": "BM", "kind": "municipal_library",
///                           "size": "medium", "membership_years": [2026]}],
///         "conventions": [{"id": "C1", "institution": "FR-801216101", "kind": "coordinator",
///                          "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2027-12-31"}],
///         "documents": [{"id": "D1", "institution": "FR-801216101", "title": "Journal",
///                        "author": "Collectif", "date": "1871", "typology": "press", "format": "A2",
///                        "views": 1200, "themes": ["regional_interest"], "rights": "public_domain",
///                        "ocr": true, "proposed_on": "2026-02-10"}]}"#,
/// )?;
/// let budget = campaign.budget(BudgetMode::Estimate { as_of: Date::from_ymd_opt(2026, 4, 1).ok_or("day")? })?;
/// let line = &budget.lines[0];
/// let funded: i64 = line.funders.iter().map(|m| m.cents()).sum();
/// assert_eq!(funded + line.partner.cents(), line.cost.cents()); // to the cent
/// assert_eq!(budget.total.to_string(), "605.00");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// Funder ids, in programme order.
    pub funder_ids: Vec<String>,
    /// Funder names, in programme order.
    pub funder_names: Vec<String>,
    /// The lines, in canonical order (institution id; document lines by id, then shared lines).
    pub lines: Vec<BudgetLine>,
    /// Total cost.
    pub total: Money,
    /// Total per funder, in programme order.
    pub funder_totals: Vec<Money>,
    /// Total the institutions pay.
    pub partner_total: Money,
    /// Per institution, by id.
    pub institutions: Vec<InstitutionTotals>,
    /// Warnings (`FUNDER_MINIMUM_NOT_MET`), in funder, round, institution order.
    pub warnings: Vec<FundingWarning>,
    /// The funders' rules (rates, envelope, caps), in programme order, for
    /// the dossier workbook.
    pub funders: Vec<Funder>,
    /// The currency of every amount (`EUR`).
    pub currency: String,
}

fn overflow(what: &str) -> BudgetError {
    BudgetError::AmountOverflow(what.to_string())
}

fn to_money(v: i128, what: &str) -> Result<Money, BudgetError> {
    i64::try_from(v)
        .map(Money::from_cents)
        .map_err(|_| overflow(what))
}

/// A document line before ordering.
struct Item {
    /// The document id, copied in input order (memory order) so that the
    /// sort and the lines read compact memory.
    id: String,
    pos: usize,
    inst: usize,
    views: u64,
    cost: i64,
}

/// Computes the budget of the given documents (`(document position, views)`).
///
/// # Errors
/// [`BudgetError::AmountOverflow`] when an amount does not fit.
pub fn compute(
    programme: &Programme,
    data: &CampaignData,
    documents: &[(usize, u64)],
) -> Result<Budget, BudgetError> {
    let docs = data.documents();
    let insts = data.institutions();
    let nf = programme.funders.len();
    // Institution ranks in id order.
    let mut order: Vec<usize> = (0..insts.len()).collect();
    order.sort_unstable_by(|&a, &b| insts[a].id.cmp(&insts[b].id));
    let mut rank = vec![0_usize; insts.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    // Pass 1, in the order given (documents in memory order): the
    // institution, cost and funder rates of each document line.
    let mut found: Vec<Item> = Vec::with_capacity(documents.len());
    let mut found_rates: Vec<Option<u32>> = Vec::with_capacity(documents.len() * nf);
    let mut counts = vec![0_usize; insts.len() + 1];
    let mut first_error: Option<((usize, &str), BudgetError)> = None;
    for &(pos, views) in documents {
        let (Some(doc), Some(inst)) = (docs.get(pos), data.document_institution_position(pos))
        else {
            continue;
        };
        let cost = match document_cost(programme, doc, views) {
            Ok(cost) => cost.cents(),
            Err(e) => {
                // Report the first overflow in canonical order, whatever the
                // order of the input.
                let key = (rank[inst], doc.id.as_str());
                if first_error.as_ref().is_none_or(|(k, _)| key < *k) {
                    first_error = Some((key, e));
                }
                continue;
            }
        };
        let line = LineRef {
            institution: &insts[inst],
            document: Some(doc),
        };
        push_rates(programme, &line, &mut found_rates);
        counts[rank[inst] + 1] += 1;
        found.push(Item {
            id: doc.id.clone(),
            pos,
            inst,
            views,
            cost,
        });
    }
    if let Some((_, e)) = first_error {
        return Err(e);
    }
    // The canonical order: a counting sort by institution rank, then a sort
    // by document id within each institution (n log n at worst).
    for r in 1..counts.len() {
        counts[r] += counts[r - 1];
    }
    let starts = counts.clone();
    let mut perm = vec![0_usize; found.len()];
    for (k, item) in found.iter().enumerate() {
        let slot = &mut counts[rank[item.inst]];
        perm[*slot] = k;
        *slot += 1;
    }
    for w in starts.windows(2) {
        perm[w[0]..w[1]].sort_unstable_by(|&a, &b| found[a].id.cmp(&found[b].id));
    }
    // Institutions with at least one document line, in id order.
    let mut inst_ranges: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, &k) in perm.iter().enumerate() {
        let inst = found[k].inst;
        match inst_ranges.last_mut() {
            Some((last, range)) if *last == inst => range.end = i + 1,
            _ => inst_ranges.push((inst, i..i + 1)),
        }
    }
    // Split every shared cost between them.
    let shared = data.shared_costs();
    let mut shared_parts: Vec<Vec<i128>> = Vec::with_capacity(shared.len());
    if !inst_ranges.is_empty() {
        let weights: Vec<i128> = inst_ranges
            .iter()
            .map(|(_, range)| {
                let items = perm[range.clone()].iter().map(|&k| &found[k]);
                match programme.shared_cost_key {
                    SharedCostKey::Views => items.map(|x| i128::from(x.views)).sum(),
                    SharedCostKey::Cost => items.map(|x| i128::from(x.cost)).sum(),
                    SharedCostKey::Equal => 1,
                }
            })
            .collect();
        for s in shared {
            shared_parts.push(
                largest_remainder(i128::from(s.amount.cents()), &weights)
                    .ok_or_else(|| overflow("shared cost"))?,
            );
        }
    }
    // All lines, in canonical order: cost, rates, and what each line is
    // (`Ok(found index)` for a document, `Err(shared index)` for a shared cost).
    let n_lines = found.len() + inst_ranges.len() * shared.len();
    let mut costs: Vec<i64> = Vec::with_capacity(n_lines);
    let mut rates: Vec<Option<u32>> = Vec::with_capacity(n_lines * nf);
    let mut what: Vec<Result<usize, usize>> = Vec::with_capacity(n_lines);
    let mut groups: Vec<Range<usize>> = Vec::with_capacity(inst_ranges.len());
    let mut group_insts: Vec<&str> = Vec::with_capacity(inst_ranges.len());
    for (g, (inst, range)) in inst_ranges.iter().enumerate() {
        let start = costs.len();
        for &k in &perm[range.clone()] {
            costs.push(found[k].cost);
            rates.extend_from_slice(&found_rates[k * nf..(k + 1) * nf]);
            what.push(Ok(k));
        }
        let shared_line = LineRef {
            institution: &insts[*inst],
            document: None,
        };
        for (s, parts) in shared_parts.iter().enumerate() {
            costs.push(i64::try_from(parts[g]).map_err(|_| overflow("shared cost"))?);
            push_rates(programme, &shared_line, &mut rates);
            what.push(Err(s));
        }
        groups.push(start..costs.len());
        group_insts.push(&insts[*inst].id);
    }
    drop(found_rates);
    let allocation = allocate(programme, &costs, &rates, &groups, &group_insts)
        .ok_or_else(|| overflow("funding allocation"))?;
    let mut lines = Vec::with_capacity(costs.len());
    let mut funder_totals = vec![0_i128; nf];
    let mut total = 0_i128;
    let mut partner_total = 0_i128;
    let mut institutions = Vec::with_capacity(groups.len());
    for ((range, inst), (inst_pos, _)) in groups.iter().zip(&group_insts).zip(&inst_ranges) {
        let (mut cost, mut funded) = (0_i128, 0_i128);
        let (mut n_docs, mut n_views) = (0_usize, 0_u64);
        for l in range.clone() {
            let line_cost = costs[l];
            let grants = &allocation.shares[l * nf..(l + 1) * nf];
            let given: i64 = grants.iter().sum();
            for (t, g) in funder_totals.iter_mut().zip(grants) {
                *t += i128::from(*g);
            }
            cost += i128::from(line_cost);
            funded += i128::from(given);
            let (kind, document, label, views) = match what[l] {
                Ok(k) => (
                    LineKind::Document,
                    Some(std::mem::take(&mut found[k].id)),
                    None,
                    Some(found[k].views),
                ),
                Err(s) => (LineKind::Shared, None, Some(shared[s].label.clone()), None),
            };
            let doc = what[l].ok().and_then(|k| docs.get(found[k].pos));
            if let Some(v) = views {
                n_docs += 1;
                n_views = n_views.saturating_add(v);
            }
            lines.push(BudgetLine {
                institution: (*inst).to_string(),
                kind,
                document,
                label,
                views,
                cost: Money::from_cents(line_cost),
                funders: grants.iter().map(|&g| Money::from_cents(g)).collect(),
                partner: Money::from_cents(line_cost - given),
                title: doc.and_then(|d| d.title.clone()),
                shelfmark: doc.and_then(|d| d.shelfmark.clone()),
                typology: doc.map(|d| d.typology),
                format: doc.and_then(|d| d.format),
            });
        }
        total += cost;
        partner_total += cost - funded;
        institutions.push(InstitutionTotals {
            institution: (*inst).to_string(),
            cost: to_money(cost, "institution total")?,
            funded: to_money(funded, "institution total")?,
            partner: to_money(cost - funded, "institution total")?,
            name: insts[*inst_pos].name.clone(),
            documents: n_docs,
            views: n_views,
        });
    }
    Ok(Budget {
        funder_ids: programme.funders.iter().map(|f| f.id.clone()).collect(),
        funder_names: programme.funders.iter().map(|f| f.name.clone()).collect(),
        lines,
        total: to_money(total, "campaign total")?,
        funder_totals: funder_totals
            .into_iter()
            .map(|t| to_money(t, "funder total"))
            .collect::<Result<_, _>>()?,
        partner_total: to_money(partner_total, "partner total")?,
        institutions,
        warnings: allocation.warnings,
        funders: programme.funders.clone(),
        currency: programme.currency.clone(),
    })
}

impl Budget {
    /// The total of a funder.
    #[must_use]
    pub fn funder_total(&self, funder: &str) -> Option<Money> {
        self.funder_ids
            .iter()
            .position(|f| f == funder)
            .map(|i| self.funder_totals[i])
    }

    /// The budget in the vector shape: `total`, `lines` (with `shares` naming
    /// every funder and `partner`), `funders`, `institutions`, `warnings`.
    #[must_use]
    pub fn to_value(&self) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                let mut shares = Map::new();
                for (id, m) in self.funder_ids.iter().zip(&l.funders) {
                    shares.insert(id.clone(), Value::String(m.to_string()));
                }
                shares.insert("partner".into(), Value::String(l.partner.to_string()));
                let mut o = Map::new();
                o.insert("institution".into(), Value::String(l.institution.clone()));
                o.insert("kind".into(), Value::String(l.kind.as_str().into()));
                if let Some(d) = &l.document {
                    o.insert("document".into(), Value::String(d.clone()));
                }
                if let Some(s) = &l.label {
                    o.insert("label".into(), Value::String(s.clone()));
                }
                o.insert("cost".into(), Value::String(l.cost.to_string()));
                o.insert("shares".into(), Value::Object(shares));
                Value::Object(o)
            })
            .collect();
        let funders: Map<String, Value> = self
            .funder_ids
            .iter()
            .zip(&self.funder_totals)
            .map(|(id, m)| (id.clone(), Value::String(m.to_string())))
            .collect();
        let institutions: Map<String, Value> = self
            .institutions
            .iter()
            .map(|t| {
                (
                    t.institution.clone(),
                    serde_json::json!({"cost": t.cost.to_string(), "funded": t.funded.to_string(), "partner": t.partner.to_string()}),
                )
            })
            .collect();
        let warnings: Vec<Value> = self
            .warnings
            .iter()
            .map(|w| serde_json::json!({"code": FundingWarning::CODE, "funder": w.funder, "institution": w.institution}))
            .collect();
        serde_json::json!({
            "total": self.total.to_string(),
            "lines": lines,
            "funders": funders,
            "institutions": institutions,
            "warnings": warnings,
        })
    }

    /// The budget as JSON text in the vector shape: the same bytes as
    /// `to_value()` serialised (keys in alphabetical order), written
    /// directly from the lines, without a JSON tree.
    #[must_use]
    pub fn to_json(&self) -> String {
        use crate::format::writer::JsonText;
        // The keys of `shares`, sorted as a JSON object's keys are: the
        // funders and `partner` (index `nf`).
        let nf = self.funder_ids.len();
        let mut share_keys: Vec<(&str, usize)> = self
            .funder_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        share_keys.push(("partner", nf));
        // Funder ids are distinct and never `partner` (reserved by the format).
        share_keys.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut funder_keys: Vec<usize> = (0..nf).collect();
        funder_keys.sort_unstable_by(|&a, &b| self.funder_ids[a].cmp(&self.funder_ids[b]));
        let mut w = JsonText::with_capacity(64 + self.lines.len() * (120 + 24 * nf));
        w.raw("{\"funders\":{");
        for (k, &f) in funder_keys.iter().enumerate() {
            if k > 0 {
                w.raw(",");
            }
            w.key(&self.funder_ids[f])
                .display(self.funder_totals[f], true);
        }
        w.raw("},\"institutions\":{");
        // Institutions are listed once each, in id order already.
        for (k, t) in self.institutions.iter().enumerate() {
            if k > 0 {
                w.raw(",");
            }
            w.key(&t.institution)
                .raw("{\"cost\":")
                .display(t.cost, true)
                .raw(",\"funded\":")
                .display(t.funded, true)
                .raw(",\"partner\":")
                .display(t.partner, true)
                .raw("}");
        }
        w.raw("},\"lines\":[");
        for (k, l) in self.lines.iter().enumerate() {
            if k > 0 {
                w.raw(",");
            }
            w.raw("{\"cost\":").display(l.cost, true);
            if let Some(d) = &l.document {
                w.raw(",\"document\":").string(d);
            }
            w.raw(",\"institution\":")
                .string(&l.institution)
                .raw(",\"kind\":")
                .string(l.kind.as_str());
            if let Some(s) = &l.label {
                w.raw(",\"label\":").string(s);
            }
            w.raw(",\"shares\":{");
            for (j, &(key, f)) in share_keys.iter().enumerate() {
                if j > 0 {
                    w.raw(",");
                }
                let amount = if key == "partner" {
                    l.partner
                } else {
                    l.funders[f]
                };
                w.key(key).display(amount, true);
            }
            w.raw("}}");
        }
        w.raw("],\"total\":").display(self.total, true);
        w.raw(",\"warnings\":[");
        for (k, x) in self.warnings.iter().enumerate() {
            if k > 0 {
                w.raw(",");
            }
            w.raw("{\"code\":")
                .string(FundingWarning::CODE)
                .raw(",\"funder\":")
                .string(&x.funder)
                .raw(",\"institution\":")
                .string(&x.institution)
                .raw("}");
        }
        w.raw("]}");
        w.finish()
    }

    /// The budget as CSV for a French finance officer: `;` separators, a
    /// UTF-8 BOM, decimal commas, French headers; one row per line (with the
    /// document's title and shelfmark), then a `TOTAL` row.
    ///
    /// # Errors
    /// Never in practice (writing to memory); a CSV error is reported as text.
    pub fn to_csv(&self) -> Result<String, String> {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        let mut header = vec![
            "Établissement".to_string(),
            "Type de ligne".into(),
            "Document".into(),
            "Titre".into(),
            "Cote".into(),
            "Libellé".into(),
            "Vues".into(),
            "Coût (€)".into(),
        ];
        header.extend(
            self.funder_names
                .iter()
                .zip(&self.funder_ids)
                .map(|(n, id)| format!("{n} [{id}] (€)")),
        );
        header.push("Part établissement (€)".into());
        w.write_record(&header).map_err(|e| e.to_string())?;
        let fr = |m: &Money| m.to_string().replace('.', ",");
        for l in &self.lines {
            let mut row = vec![
                l.institution.clone(),
                match l.kind {
                    LineKind::Document => "document".to_string(),
                    LineKind::Shared => "coût mutualisé".to_string(),
                },
                l.document.clone().unwrap_or_default(),
                l.title.clone().unwrap_or_default(),
                l.shelfmark.clone().unwrap_or_default(),
                l.label.clone().unwrap_or_default(),
                l.views.map(|v| v.to_string()).unwrap_or_default(),
                fr(&l.cost),
            ];
            row.extend(l.funders.iter().map(fr));
            row.push(fr(&l.partner));
            w.write_record(&row).map_err(|e| e.to_string())?;
        }
        let mut row = vec![
            "TOTAL".to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            fr(&self.total),
        ];
        row.extend(self.funder_totals.iter().map(fr));
        row.push(fr(&self.partner_total));
        w.write_record(&row).map_err(|e| e.to_string())?;
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        let body = String::from_utf8(bytes).map_err(|e| e.to_string())?;
        Ok(format!("\u{feff}{body}"))
    }
}
