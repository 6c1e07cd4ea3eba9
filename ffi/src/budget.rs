//! Budgets (estimate or actual) as a result handle: totals, funders,
//! lines, institutions and warnings readable without JSON, plus JSON and
//! CSV exports.

use std::ffi::c_char;

use numconc::rules::funding::FundingWarning;
use numconc::values::vocabulary::LineKind;
use numconc::{Budget, BudgetMode};

use crate::boundary::{
    arg_ref, boundary, boundary_or, free_handle, give_bytes, give_handle, opt_len, opt_ptr,
    write_string, CText, OptOut, Out,
};
use crate::campaign::numconc_campaign;
use crate::status::{Error, Lang};
use crate::{numconc_date, numconc_status};

/// Which budget `numconc_campaign_budget` computes: pass one of these where
/// it takes `uint32_t mode`.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_budget_mode {
    /// The estimate: documents eligible on `as_of`, not rejected or
    /// withdrawn, with their proposed views.
    NUMCONC_BUDGET_ESTIMATE = 0,
    /// The actual budget: documents delivered, with the views of their
    /// latest delivery (`as_of` is not used).
    NUMCONC_BUDGET_ACTUAL = 1,
}

/// The kind of a budget line.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum numconc_line_kind {
    /// The cost of one document.
    NUMCONC_LINE_DOCUMENT = 0,
    /// One institution's part of a shared cost.
    NUMCONC_LINE_SHARED = 1,
}

struct LineTexts {
    institution: CText,
    document: Option<CText>,
    label: Option<CText>,
}

/// A computed budget. Amounts are integer cents (`int64_t`): exact, never
/// floating point.
///
/// Ownership: owned by the caller, freed with `numconc_budget_free`. It is
/// a copy: it stays valid after the campaign changes or is freed. Every
/// text it hands out belongs to it and stays valid until it is freed.
///
/// Thread safety: immutable; any number of threads may read it at once.
#[allow(non_camel_case_types)]
pub struct numconc_budget {
    budget: Budget,
    funder_ids: Vec<CText>,
    funder_names: Vec<CText>,
    lines: Vec<LineTexts>,
    institutions: Vec<CText>,
    warnings: Vec<(CText, CText)>,
    warning_code: CText,
}

impl numconc_budget {
    fn new(budget: Budget) -> numconc_budget {
        let texts = |v: &[String]| v.iter().map(|s| CText::new(s)).collect();
        numconc_budget {
            funder_ids: texts(&budget.funder_ids),
            funder_names: texts(&budget.funder_names),
            lines: budget
                .lines
                .iter()
                .map(|l| LineTexts {
                    institution: CText::new(&l.institution),
                    document: l.document.as_deref().map(CText::new),
                    label: l.label.as_deref().map(CText::new),
                })
                .collect(),
            institutions: budget
                .institutions
                .iter()
                .map(|t| CText::new(&t.institution))
                .collect(),
            warnings: budget
                .warnings
                .iter()
                .map(|w| (CText::new(&w.funder), CText::new(&w.institution)))
                .collect(),
            warning_code: CText::new(FundingWarning::CODE),
            budget,
        }
    }
}

fn at<'a, T>(list: &'a [T], index: usize, name: &str) -> Result<&'a T, Error> {
    list.get(index)
        .ok_or_else(|| Error::index(name, index, list.len()))
}

/// The totals and sizes of a budget.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct numconc_budget_totals {
    /// Total cost, in cents.
    pub total_cents: i64,
    /// What the funders give together, in cents.
    pub funded_cents: i64,
    /// What the institutions pay together, in cents.
    pub partner_cents: i64,
    /// Number of funders (`numconc_budget_get_funder`).
    pub funder_count: usize,
    /// Number of lines (`numconc_budget_get_line`).
    pub line_count: usize,
    /// Number of institutions with at least one line (`numconc_budget_get_institution`).
    pub institution_count: usize,
    /// Number of warnings (`numconc_budget_get_warning`).
    pub warning_count: usize,
}

/// A funder of the programme and its total. Texts belong to the budget.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_budget_funder {
    /// Funder id (`"bnf"`), NUL-terminated.
    pub id: *const c_char,
    /// Its length in bytes.
    pub id_len: usize,
    /// Funder name, NUL-terminated.
    pub name: *const c_char,
    /// Its length in bytes.
    pub name_len: usize,
    /// What it gives in this budget, in cents.
    pub total_cents: i64,
}

/// One budget line. Texts belong to the budget; `document` is NULL for a
/// shared line and `label` NULL for a document line. The funders' shares:
/// `numconc_budget_get_share`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_budget_line {
    /// Institution id, NUL-terminated.
    pub institution: *const c_char,
    /// Its length in bytes.
    pub institution_len: usize,
    /// Document or shared line.
    pub kind: numconc_line_kind,
    /// Document id (document lines), else NULL.
    pub document: *const c_char,
    /// Its length in bytes (0 when NULL).
    pub document_len: usize,
    /// Shared cost label (shared lines), else NULL.
    pub label: *const c_char,
    /// Its length in bytes (0 when NULL).
    pub label_len: usize,
    /// Whether `views` is set (document lines).
    pub has_views: bool,
    /// Views counted (0 when `has_views` is false).
    pub views: u64,
    /// Cost of the line, in cents.
    pub cost_cents: i64,
    /// What the institution pays, in cents.
    pub partner_cents: i64,
}

/// The totals of one institution. The id belongs to the budget.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_budget_institution {
    /// Institution id, NUL-terminated.
    pub id: *const c_char,
    /// Its length in bytes.
    pub id_len: usize,
    /// Sum of its lines, in cents.
    pub cost_cents: i64,
    /// What funders give it, in cents.
    pub funded_cents: i64,
    /// What it pays, in cents.
    pub partner_cents: i64,
}

/// A budget warning: `FUNDER_MINIMUM_NOT_MET`, an institution dropped by a
/// funder's per-institution minimum. Texts belong to the budget.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_budget_warning {
    /// Stable code (`"FUNDER_MINIMUM_NOT_MET"`).
    pub code: *const c_char,
    /// The funder id.
    pub funder: *const c_char,
    /// Its length in bytes.
    pub funder_len: usize,
    /// The institution id.
    pub institution: *const c_char,
    /// Its length in bytes.
    pub institution_len: usize,
}

/// Computes a budget: `mode` is a `numconc_budget_mode`; the estimate
/// judges eligibility on `as_of`, the actual budget does not read it (for
/// each alone, see `numconc_campaign_estimate_budget` and
/// `numconc_campaign_actual_budget`).
///
/// On success `*out` is a new budget to free with `numconc_budget_free`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (mode,
/// date), `NUMCONC_POISONED`, `NUMCONC_AMOUNT_OVERFLOW`.
#[no_mangle]
pub extern "C" fn numconc_campaign_budget(
    campaign: *const numconc_campaign,
    mode: u32,
    as_of: numconc_date,
    out: *mut *mut numconc_budget,
) -> numconc_status {
    boundary(|| {
        let mode = if mode == numconc_budget_mode::NUMCONC_BUDGET_ESTIMATE as u32 {
            BudgetMode::Estimate {
                as_of: as_of.to_core("as_of")?,
            }
        } else if mode == numconc_budget_mode::NUMCONC_BUDGET_ACTUAL as u32 {
            BudgetMode::Actual
        } else {
            return Err(Error::invalid_argument("mode", "not a numconc_budget_mode"));
        };
        budget_of(campaign, mode, out)
    })
}

/// The estimate budget: every proposal eligible on `as_of`, at its
/// estimated views.
///
/// On success `*out` is a new budget to free with `numconc_budget_free`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (date),
/// `NUMCONC_POISONED`, `NUMCONC_AMOUNT_OVERFLOW`.
#[no_mangle]
pub extern "C" fn numconc_campaign_estimate_budget(
    campaign: *const numconc_campaign,
    as_of: numconc_date,
    out: *mut *mut numconc_budget,
) -> numconc_status {
    boundary(|| {
        let as_of = as_of.to_core("as_of")?;
        budget_of(campaign, BudgetMode::Estimate { as_of }, out)
    })
}

/// The actual budget: the documents digitised, at their delivered views
/// (no date: it depends on the event log only).
///
/// On success `*out` is a new budget to free with `numconc_budget_free`.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_POISONED`,
/// `NUMCONC_AMOUNT_OVERFLOW`.
#[no_mangle]
pub extern "C" fn numconc_campaign_actual_budget(
    campaign: *const numconc_campaign,
    out: *mut *mut numconc_budget,
) -> numconc_status {
    boundary(|| budget_of(campaign, BudgetMode::Actual, out))
}

fn budget_of(
    campaign: *const numconc_campaign,
    mode: BudgetMode,
    out: *mut *mut numconc_budget,
) -> Result<(), Error> {
    let campaign = arg_ref(campaign, "campaign")?;
    let out = Out::new(out, "out")?;
    let budget = campaign.lock()?.budget(mode)?;
    out.write(give_handle(numconc_budget::new(budget)));
    Ok(())
}

/// The totals and sizes of the budget, in `*out`.
#[no_mangle]
pub extern "C" fn numconc_budget_get_totals(
    budget: *const numconc_budget,
    out: *mut numconc_budget_totals,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let x = &b.budget;
        let funded = x
            .total
            .checked_sub(x.partner_total)
            .ok_or_else(|| Error::internal("funded total"))?;
        out.write(numconc_budget_totals {
            total_cents: x.total.cents(),
            funded_cents: funded.cents(),
            partner_cents: x.partner_total.cents(),
            funder_count: x.funder_ids.len(),
            line_count: x.lines.len(),
            institution_count: x.institutions.len(),
            warning_count: x.warnings.len(),
        });
        Ok(())
    })
}

/// Funder `index` (programme order), in `*out`. Errors:
/// `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (index).
#[no_mangle]
pub extern "C" fn numconc_budget_get_funder(
    budget: *const numconc_budget,
    index: usize,
    out: *mut numconc_budget_funder,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let id = at(&b.funder_ids, index, "index")?;
        let name = at(&b.funder_names, index, "index")?;
        let total = at(&b.budget.funder_totals, index, "index")?;
        out.write(numconc_budget_funder {
            id: id.ptr(),
            id_len: id.len(),
            name: name.ptr(),
            name_len: name.len(),
            total_cents: total.cents(),
        });
        Ok(())
    })
}

/// Line `index` (the order of domain.md §6: institution id, its document
/// lines by id, then its shared lines), in `*out`. Errors:
/// `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (index).
#[no_mangle]
pub extern "C" fn numconc_budget_get_line(
    budget: *const numconc_budget,
    index: usize,
    out: *mut numconc_budget_line,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let line = at(&b.budget.lines, index, "index")?;
        let texts = at(&b.lines, index, "index")?;
        out.write(numconc_budget_line {
            institution: texts.institution.ptr(),
            institution_len: texts.institution.len(),
            kind: match line.kind {
                LineKind::Document => numconc_line_kind::NUMCONC_LINE_DOCUMENT,
                LineKind::Shared => numconc_line_kind::NUMCONC_LINE_SHARED,
            },
            document: opt_ptr(texts.document.as_ref()),
            document_len: opt_len(texts.document.as_ref()),
            label: opt_ptr(texts.label.as_ref()),
            label_len: opt_len(texts.label.as_ref()),
            has_views: line.views.is_some(),
            views: line.views.unwrap_or(0),
            cost_cents: line.cost.cents(),
            partner_cents: line.partner.cents(),
        });
        Ok(())
    })
}

/// What funder `funder` (programme order) gives to line `line`, in cents,
/// in `*out_cents`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_ARGUMENT` (line, funder).
#[no_mangle]
pub extern "C" fn numconc_budget_get_share(
    budget: *const numconc_budget,
    line: usize,
    funder: usize,
    out_cents: *mut i64,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out_cents, "out_cents")?;
        let l = at(&b.budget.lines, line, "line")?;
        let share = at(&l.funders, funder, "funder")?;
        out.write(share.cents());
        Ok(())
    })
}

/// The totals of institution `index` (by id), in `*out`. Errors:
/// `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT` (index).
#[no_mangle]
pub extern "C" fn numconc_budget_get_institution(
    budget: *const numconc_budget,
    index: usize,
    out: *mut numconc_budget_institution,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let t = at(&b.budget.institutions, index, "index")?;
        let id = at(&b.institutions, index, "index")?;
        out.write(numconc_budget_institution {
            id: id.ptr(),
            id_len: id.len(),
            cost_cents: t.cost.cents(),
            funded_cents: t.funded.cents(),
            partner_cents: t.partner.cents(),
        });
        Ok(())
    })
}

/// Warning `index` (funder order, then round, then institution id), in
/// `*out`. Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_ARGUMENT`.
#[no_mangle]
pub extern "C" fn numconc_budget_get_warning(
    budget: *const numconc_budget,
    index: usize,
    out: *mut numconc_budget_warning,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let (funder, institution) = at(&b.warnings, index, "index")?;
        out.write(numconc_budget_warning {
            code: b.warning_code.ptr(),
            funder: funder.ptr(),
            funder_len: funder.len(),
            institution: institution.ptr(),
            institution_len: institution.len(),
        });
        Ok(())
    })
}

/// The budget as JSON (the conformance vectors' shape: `total`, `lines`
/// with `shares`, `funders`, `institutions`, `warnings`; amounts are
/// strings with 2 decimals).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_budget_to_json(
    budget: *const numconc_budget,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let text = b.budget.to_json();
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// The budget as CSV for a French finance office: `;` separators, a UTF-8
/// BOM, decimal commas, French headers; one row per line, then `TOTAL`.
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
#[no_mangle]
pub extern "C" fn numconc_budget_to_csv(
    budget: *const numconc_budget,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let out = Out::new(out, "out")?;
        let text = b.budget.to_csv().map_err(|e| Error::internal(&e))?;
        write_string(out, OptOut::new(out_len), &text);
        Ok(())
    })
}

/// The grant dossier workbook (`.xlsx` bytes) in `lang`: sheets Budget
/// (one row per line with title and shelfmark, a subtotal per institution
/// and a total as `SUM` formulas with their results stored), Financeurs /
/// Funders and Établissements / Institutions; amounts in a currency format.
///
/// On success `*out` is a new buffer of `*out_len` bytes to free with
/// `numconc_bytes_free`. Errors: `NUMCONC_NULL_ARGUMENT`,
/// `NUMCONC_INVALID_ARGUMENT` (lang).
#[no_mangle]
pub extern "C" fn numconc_budget_to_xlsx(
    budget: *const numconc_budget,
    lang: u32,
    out: *mut *mut u8,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let b = arg_ref(budget, "budget")?;
        let lang = match Lang::arg(lang)? {
            Lang::En => numconc::Lang::En,
            Lang::Fr => numconc::Lang::Fr,
        };
        let out = Out::new(out, "out")?;
        let out_len = Out::new(out_len, "out_len")?;
        let bytes = b.budget.to_xlsx(lang).map_err(|e| Error::internal(&e))?;
        let (p, len) = give_bytes(&bytes);
        out.write(p);
        out_len.write(len);
        Ok(())
    })
}

/// Frees a budget. NULL is a no-op.
#[no_mangle]
pub extern "C" fn numconc_budget_free(budget: *mut numconc_budget) {
    boundary_or((), || free_handle(budget));
}
