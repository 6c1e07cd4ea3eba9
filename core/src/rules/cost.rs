//! The cost of a document (domain.md §6, §9.9): price per view from the
//! grid, OCR, fragile surcharge and fee, computed exactly and rounded once,
//! half away from zero, to the cent.

use crate::campaign_data::Document;
use crate::error::BudgetError;
use crate::programme::Programme;
use crate::values::money::{Money, UnitPrice, MAX_CENTS};

/// The price per view of a document (domain.md §9.9), whatever the order
/// of the grid: the entry of its exact (typology, format), else its
/// typology's entry without format, else the default. Among entries of the
/// same level the first wins; an entry with a format never matches a
/// document without one.
#[must_use]
pub(crate) fn unit_price(programme: &Programme, doc: &Document) -> UnitPrice {
    let mut typology_entry = None;
    for e in programme
        .prices
        .per_view
        .iter()
        .filter(|e| e.typology == doc.typology)
    {
        match e.format {
            Some(f) if Some(f) == doc.format => return e.price,
            Some(_) => {}
            None => {
                typology_entry.get_or_insert(e.price);
            }
        }
    }
    typology_entry.unwrap_or(programme.prices.default_per_view)
}

/// The cost of digitising `views` views of `doc`.
///
/// `round2(views × unit + ocr? views × ocr_per_view + fragile? views × unit ×
/// fragile_surcharge_rate + per_document_fee)`.
///
/// # Errors
/// [`BudgetError::AmountOverflow`] when the amount does not fit.
pub(crate) fn document_cost(
    programme: &Programme,
    doc: &Document,
    views: u64,
) -> Result<Money, BudgetError> {
    let overflow = || BudgetError::AmountOverflow(format!("cost of document {}", doc.id));
    let prices = &programme.prices;
    let views = i128::from(views);
    let unit = i128::from(unit_price(programme, doc).ten_thousandths());
    // Everything in units of 10^-8.
    let base = views.checked_mul(unit).ok_or_else(overflow)?;
    let mut total = base.checked_mul(10_000).ok_or_else(overflow)?;
    if doc.ocr {
        let ocr = views
            .checked_mul(i128::from(prices.ocr_per_view.ten_thousandths()))
            .ok_or_else(overflow)?;
        total = total
            .checked_add(ocr.checked_mul(10_000).ok_or_else(overflow)?)
            .ok_or_else(overflow)?;
    }
    if doc.fragile {
        let surcharge = base
            .checked_mul(i128::from(prices.fragile_surcharge_rate.ten_thousandths()))
            .ok_or_else(overflow)?;
        total = total.checked_add(surcharge).ok_or_else(overflow)?;
    }
    let fee = i128::from(prices.per_document_fee.cents()) * 1_000_000;
    total = total.checked_add(fee).ok_or_else(overflow)?;
    // Half away from zero; total is never negative.
    let cents = (total + 500_000) / 1_000_000;
    match i64::try_from(cents) {
        Ok(c) if c <= MAX_CENTS => Ok(Money::from_cents(c)),
        _ => Err(overflow()),
    }
}
