//! The cost of a document (domain.md §6, §9.9): price per view from the
//! grid, OCR, fragile surcharge and fee, computed exactly and rounded once,
//! half away from zero, to the cent.

use crate::campaign::Document;
use crate::error::BudgetError;
use crate::money::{Money, UnitPrice, MAX_CENTS};
use crate::programme::Programme;

/// The price per view of a document: the first grid entry of its typology
/// whose format is absent or equal to the document's, else the default.
#[must_use]
pub fn unit_price(programme: &Programme, doc: &Document) -> UnitPrice {
    programme
        .prices
        .per_view
        .iter()
        .find(|e| e.typology == doc.typology && e.format.is_none_or(|f| Some(f) == doc.format))
        .map_or(programme.prices.default_per_view, |e| e.price)
}

/// The cost of digitising `views` views of `doc`.
///
/// `round2(views × unit + ocr? views × ocr_per_view + fragile? views × unit ×
/// fragile_surcharge_rate + per_document_fee)`.
///
/// # Errors
/// [`BudgetError::AmountOverflow`] when the amount does not fit.
pub fn document_cost(
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
