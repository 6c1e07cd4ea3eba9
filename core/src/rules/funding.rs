//! The funding allocation (domain.md §6, normative): rates, size tiers,
//! public cap, partner minimum, per-institution maximum, envelope and
//! per-institution minimum, in integer cents, with the largest-remainder rule.

use crate::campaign_data::{Document, Institution};
use crate::programme::{Funder, Programme, When};
use crate::values::vocabulary::LineKind;

/// Splits `amount` by `weights` with the largest-remainder rule: each gets
/// `floor(amount × wᵢ / W)`, the cents left over go one each to the largest
/// fractional parts, ties to the earlier position. All weights 0 → equal split.
///
/// Every product and sum is checked: `None` when one does not fit in
/// 128 bits (or when an amount or a weight is negative), never a wrapped value.
#[must_use]
pub(crate) fn largest_remainder(amount: i128, weights: &[i128]) -> Option<Vec<i128>> {
    if amount < 0 || weights.iter().any(|w| *w < 0) {
        return None;
    }
    if weights.is_empty() {
        return Some(Vec::new());
    }
    let total = weights
        .iter()
        .try_fold(0_i128, |acc, w| acc.checked_add(*w))?;
    let equal;
    let (weights, total) = if total == 0 {
        equal = vec![1_i128; weights.len()];
        (equal.as_slice(), i128::try_from(weights.len()).ok()?)
    } else {
        (weights, total)
    };
    let mut out = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut given = 0_i128;
    for (i, w) in weights.iter().enumerate() {
        let product = amount.checked_mul(*w)?;
        let share = product / total;
        given = given.checked_add(share)?;
        out.push(share);
        let rem = product % total;
        if rem > 0 {
            remainders.push((rem, i));
        }
    }
    let mut left = amount.checked_sub(given)?;
    if left > 0 {
        remainders.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in &remainders {
            if left == 0 {
                break;
            }
            out[i] += 1;
            left -= 1;
        }
    }
    Some(out)
}

/// What a line's rates depend on: its institution and, for a document
/// line, its document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineRef<'a> {
    pub institution: &'a Institution,
    /// `None` for a shared line.
    pub document: Option<&'a Document>,
}

/// `FUNDER_MINIMUM_NOT_MET`: an institution dropped by a funder's minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingWarning {
    /// The funder.
    pub funder: String,
    /// The institution dropped.
    pub institution: String,
}

impl FundingWarning {
    /// The stable code.
    pub const CODE: &'static str = crate::codes::BudgetWarningCode::FunderMinimumNotMet.code();
}

/// The grants: `shares[line × funders + funder]`, in cents.
pub(crate) struct Allocation {
    pub shares: Vec<i64>,
    pub warnings: Vec<FundingWarning>,
}

fn holds(when: &When, line: &LineRef<'_>) -> bool {
    let inst = line.institution;
    let inst_ok = when
        .institution_kinds
        .as_ref()
        .is_none_or(|l| l.contains(&inst.kind))
        && when.sizes.as_ref().is_none_or(|l| l.contains(&inst.size));
    if !inst_ok {
        return false;
    }
    let Some(doc) = line.document else {
        // Shared lines: document keys make the rate not apply.
        return !when.has_document_keys();
    };
    when.typologies
        .as_ref()
        .is_none_or(|l| l.contains(&doc.typology))
        && when
            .targets_any
            .as_ref()
            .is_none_or(|l| doc.targets.iter().any(|t| l.contains(t)))
        && when.rights.as_ref().is_none_or(|l| l.contains(&doc.rights))
        && when
            .date_before
            .is_none_or(|y| doc.date.as_ref().is_some_and(|d| d.latest_year() < y))
        && when
            .labels_any
            .as_ref()
            .is_none_or(|l| doc.labels.iter().any(|x| l.contains(x)))
}

fn funder_rate(funder: &Funder, line: &LineRef<'_>) -> Option<crate::values::money::Rate> {
    let kind = if line.document.is_some() {
        LineKind::Document
    } else {
        LineKind::Shared
    };
    if !funder.lines.contains(&kind) {
        return None;
    }
    let rule = funder.rates.iter().find(|r| holds(&r.when, line))?;
    Some(rule.by_size.get(line.institution.size).unwrap_or(rule.rate))
}

/// Appends the rate of every funder on `line` (ten-thousandths; `None`
/// when no rate applies), in programme order.
pub(crate) fn push_rates(programme: &Programme, line: &LineRef<'_>, out: &mut Vec<Option<u32>>) {
    out.extend(
        programme
            .funders
            .iter()
            .map(|f| funder_rate(f, line).map(crate::values::money::Rate::ten_thousandths)),
    );
}

fn floor_rate(cost: i64, rate_ten_thousandths: u32) -> i64 {
    // |cost| < 2^63 and rate ≤ 10^4: the product fits in i128, and the
    // result (≤ cost) in i64.
    let v = i128::from(cost) * i128::from(rate_ten_thousandths) / 10_000;
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// Cuts the grants of `range` to `amount` when they add up to more.
/// `None` when an amount does not fit (never with v1 limits).
fn cut(grants: &mut [i64], amount: i128) -> Option<()> {
    let total = grants
        .iter()
        .try_fold(0_i128, |acc, &g| acc.checked_add(i128::from(g)))?;
    if total <= amount {
        return Some(());
    }
    let weights: Vec<i128> = grants.iter().map(|&g| i128::from(g)).collect();
    for (g, share) in grants.iter_mut().zip(largest_remainder(amount, &weights)?) {
        *g = i64::try_from(share).ok()?;
    }
    Some(())
}

/// Allocates every funder over the lines whose `costs` are given, in the
/// canonical budget order (institution id, document lines by id, then shared
/// lines), with `rates` as [`push_rates`] gives them for each line, and
/// `groups` the line ranges of each institution (`institutions`) in that order.
pub(crate) fn allocate(
    programme: &Programme,
    costs: &[i64],
    rates: &[Option<u32>],
    groups: &[std::ops::Range<usize>],
    institutions: &[&str],
) -> Option<Allocation> {
    let nf = programme.funders.len();
    let mut shares = vec![0_i64; costs.len() * nf];
    let mut funded = vec![0_i64; costs.len()];
    let mut public_funded = vec![0_i64; costs.len()];
    let mut warnings = Vec::new();
    let max_public = programme.max_public_rate.map(|r| r.ten_thousandths());
    let partner_complement = programme
        .min_partner_rate
        .unwrap_or(crate::values::money::Rate::ZERO)
        .complement()
        .ten_thousandths();
    for (fi, funder) in programme.funders.iter().enumerate() {
        // 1. Requests.
        let requests: Vec<i64> = costs
            .iter()
            .enumerate()
            .map(|(l, &cost)| {
                let Some(rate) = rates.get(l * nf + fi).copied().flatten() else {
                    return 0;
                };
                let mut r = floor_rate(cost, rate);
                if funder.public {
                    if let Some(mp) = max_public {
                        r = r.min(floor_rate(cost, mp) - public_funded[l]);
                    }
                }
                r = r.min(floor_rate(cost, partner_complement) - funded[l]);
                r = r.min(cost - funded[l]);
                r.max(0)
            })
            .collect();
        // 2–4, until no institution is dropped.
        let mut dropped = vec![false; groups.len()];
        let grants = loop {
            let mut grants = requests.clone();
            for (g, range) in groups.iter().enumerate() {
                if dropped[g] {
                    grants[range.clone()].iter_mut().for_each(|x| *x = 0);
                } else if let Some(max) = funder.per_institution_max {
                    cut(&mut grants[range.clone()], i128::from(max.cents()))?;
                }
            }
            if let Some(envelope) = funder.envelope {
                cut(&mut grants, i128::from(envelope.cents()))?;
            }
            let mut newly = Vec::new();
            if let Some(min) = funder.per_institution_min {
                for (g, range) in groups.iter().enumerate() {
                    let sum = grants[range.clone()]
                        .iter()
                        .try_fold(0_i128, |acc, &x| acc.checked_add(i128::from(x)))?;
                    if !dropped[g] && sum > 0 && sum < i128::from(min.cents()) {
                        newly.push(g);
                    }
                }
            }
            if newly.is_empty() {
                break grants;
            }
            // Groups are in institution id order: warnings come out sorted.
            for g in newly {
                dropped[g] = true;
                if let Some(institution) = institutions.get(g) {
                    warnings.push(FundingWarning {
                        funder: funder.id.clone(),
                        institution: (*institution).to_string(),
                    });
                }
            }
        };
        // 5. Add the grants.
        for (l, g) in grants.into_iter().enumerate() {
            shares[l * nf + fi] = g;
            funded[l] = funded[l].checked_add(g)?;
            if funder.public {
                public_funded[l] = public_funded[l].checked_add(g)?;
            }
        }
    }
    Some(Allocation { shares, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_rule() {
        assert_eq!(
            largest_remainder(100_001, &[1, 1, 1, 1]),
            Some(vec![25_001, 25_000, 25_000, 25_000])
        );
        assert_eq!(largest_remainder(10, &[0, 0]), Some(vec![5, 5]));
        assert_eq!(largest_remainder(10, &[1, 2]), Some(vec![3, 7]));
        // Ties to the earlier line.
        assert_eq!(largest_remainder(1, &[1, 1, 1]), Some(vec![1, 0, 0]));
        assert_eq!(largest_remainder(0, &[5, 5]), Some(vec![0, 0]));
        assert_eq!(largest_remainder(5, &[]), Some(vec![]));
        // Products past 128 bits are refused, never wrapped.
        assert_eq!(largest_remainder(i128::MAX / 2, &[3, 1]), None);
        assert_eq!(largest_remainder(1, &[i128::MAX, 1]), None);
        assert_eq!(largest_remainder(-1, &[1]), None);
        // Never more than asked when cutting.
        let asked = [3_i128, 1, 7, 9];
        // Random requests cut to a random smaller amount: never more than asked.
        let mut seed = 7_u64;
        let mut below = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n.max(1)
        };
        for _ in 0..20_000 {
            let n = 1 + below(8) as usize;
            let asked: Vec<i128> = (0..n).map(|_| i128::from(below(10_000))).collect();
            let total: i128 = asked.iter().sum();
            if total == 0 {
                continue;
            }
            let amount = i128::from(below(u64::try_from(total).unwrap_or(1)));
            let got = largest_remainder(amount, &asked).unwrap_or_default();
            assert_eq!(got.iter().sum::<i128>(), amount);
            assert!(got.iter().zip(&asked).all(|(g, a)| g <= a && *g >= 0));
        }
        let got = largest_remainder(19, &asked).unwrap_or_default();
        assert_eq!(got.iter().sum::<i128>(), 19);
        assert!(got.iter().zip(asked).all(|(g, a)| *g <= a));
    }
}
