//! Money, unit prices and rates: exact fixed-point values, never floats.
//!
//! On input money is a JSON string with at most 2 decimals (`"1200"`,
//! `"12.30"`), unit prices allow 4 decimals, rates 4 decimals and at most 1.
//! On output money always has exactly 2 decimals.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// An amount of money in integer cents (never negative in the v1 format).
///
/// ```
/// use numconc::Money;
/// let a = Money::parse("1200.5").unwrap_or_default();
/// assert_eq!(a.cents(), 120_050);
/// assert_eq!(a.to_string(), "1200.50");
/// assert!(Money::parse("0.005").is_err()); // at most two decimals
/// assert!(Money::parse("-1").is_err());
/// assert_eq!(a.checked_add(Money::from_cents(50)).map(|m| m.cents()), Some(120_100));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// A price per view, in ten-thousandths of the currency unit (`"0.3750"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct UnitPrice(i64);

/// A rate in `[0, 1]`, in ten-thousandths (`"0.35"` is 3500).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(u32);

/// Why a decimal string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    /// Not of the form `digits[.digits]`.
    Syntax,
    /// More decimals than allowed.
    TooManyDecimals,
    /// Too large to be represented, or a rate above 1.
    OutOfRange,
}

/// Parses `^[0-9]+(\.[0-9]{1,scale})?$` into an integer scaled by `10^scale`.
fn parse_fixed(s: &str, scale: u32) -> Result<i64, DecimalError> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::Syntax);
    }
    let frac = frac.unwrap_or("");
    if s.contains('.') && frac.is_empty() {
        return Err(DecimalError::Syntax);
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::Syntax);
    }
    if frac.len() > scale as usize {
        return Err(DecimalError::TooManyDecimals);
    }
    let mut value: i64 = 0;
    for b in int.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .ok_or(DecimalError::OutOfRange)?;
    }
    for i in 0..scale as usize {
        let digit = frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit))
            .ok_or(DecimalError::OutOfRange)?;
    }
    Ok(value)
}

fn format_fixed(f: &mut fmt::Formatter<'_>, value: i64, scale: u32) -> fmt::Result {
    let unit = 10_i64.pow(scale);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let unit = unit.unsigned_abs();
    write!(
        f,
        "{sign}{}.{:0width$}",
        abs / unit,
        abs % unit,
        width = scale as usize
    )
}

/// The largest amount a budget line may reach: 10^15 cents (ten thousand
/// billion), so that sums of a million lines still fit in 64 bits. Amounts
/// given as input are smaller still ([`crate::limits::MAX_MONEY_CENTS`]).
pub const MAX_CENTS: i64 = 1_000_000_000_000_000;

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// From integer cents.
    #[must_use]
    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    /// The amount in integer cents.
    #[must_use]
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Parses a v1 money string (at most 2 decimals, no sign, no exponent).
    ///
    /// # Errors
    /// [`DecimalError`] when the text is not v1 money.
    pub fn parse(s: &str) -> Result<Self, DecimalError> {
        let v = parse_fixed(s, 2)?;
        if v > crate::limits::MAX_MONEY_CENTS {
            return Err(DecimalError::OutOfRange);
        }
        Ok(Money(v))
    }

    /// The amount as an exact decimal with 2 decimals.
    #[must_use]
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// From an exact decimal with at most 2 decimals, not negative.
    ///
    /// # Errors
    /// [`DecimalError`] when it has more decimals, is negative or too large.
    pub fn from_decimal(d: Decimal) -> Result<Self, DecimalError> {
        Self::parse(&d.normalize().to_string()).map_err(|e| {
            if d.is_sign_negative() && !d.is_zero() {
                DecimalError::OutOfRange
            } else {
                e
            }
        })
    }

    /// Checked addition.
    #[must_use]
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// Checked subtraction.
    #[must_use]
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        format_fixed(f, self.0, 2)
    }
}

impl FromStr for Money {
    type Err = DecimalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl UnitPrice {
    /// From ten-thousandths of the currency unit.
    #[must_use]
    pub const fn from_ten_thousandths(v: i64) -> Self {
        UnitPrice(v)
    }

    /// The price in ten-thousandths of the currency unit.
    #[must_use]
    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// Parses a unit price (at most 4 decimals).
    ///
    /// # Errors
    /// [`DecimalError`] when the text is not a v1 unit price.
    pub fn parse(s: &str) -> Result<Self, DecimalError> {
        let v = parse_fixed(s, 4)?;
        if v > crate::limits::MAX_UNIT_PRICE {
            return Err(DecimalError::OutOfRange);
        }
        Ok(UnitPrice(v))
    }

    /// The price as an exact decimal with 4 decimals.
    #[must_use]
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 4)
    }
}

impl fmt::Display for UnitPrice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        format_fixed(f, self.0, 4)
    }
}

impl Rate {
    /// 0.
    pub const ZERO: Rate = Rate(0);
    /// 1 (100 %).
    pub const ONE: Rate = Rate(10_000);

    /// From ten-thousandths (0..=10000).
    #[must_use]
    pub fn from_ten_thousandths(v: u32) -> Option<Self> {
        (v <= 10_000).then_some(Rate(v))
    }

    /// The rate in ten-thousandths.
    #[must_use]
    pub const fn ten_thousandths(self) -> u32 {
        self.0
    }

    /// Parses a rate (at most 4 decimals, at most 1).
    ///
    /// # Errors
    /// [`DecimalError`] when the text is not a v1 rate.
    pub fn parse(s: &str) -> Result<Self, DecimalError> {
        let v = parse_fixed(s, 4)?;
        u32::try_from(v)
            .ok()
            .and_then(Rate::from_ten_thousandths)
            .ok_or(DecimalError::OutOfRange)
    }

    /// The rate as an exact decimal.
    #[must_use]
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(i64::from(self.0), 4).normalize()
    }

    /// `1 − self`.
    #[must_use]
    pub const fn complement(self) -> Rate {
        Rate(10_000 - self.0)
    }

    /// `floor(amount × rate)` in cents.
    #[must_use]
    pub fn floor_of(self, amount: Money) -> Money {
        // amount ≤ MAX_CENTS·n fits: i128 cannot overflow here.
        let v = i128::from(amount.0) * i128::from(self.0) / 10_000;
        Money(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for Rate {
    /// The shortest exact form (`0.35`, `1`, `0.0125`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let int = self.0 / 10_000;
        let frac = self.0 % 10_000;
        if frac == 0 {
            return write!(f, "{int}");
        }
        let digits = format!("{frac:04}");
        write!(f, "{int}.{}", digits.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_parse_and_format() {
        assert_eq!(
            Money::parse("1200").map(|m| m.to_string()),
            Ok("1200.00".into())
        );
        assert_eq!(Money::parse("0.5").map(|m| m.cents()), Ok(50));
        assert_eq!(Money::parse("12.30").map(|m| m.cents()), Ok(1230));
        assert_eq!(Money::parse("12.345"), Err(DecimalError::TooManyDecimals));
        assert_eq!(Money::parse("-1"), Err(DecimalError::Syntax));
        assert_eq!(Money::parse("1e3"), Err(DecimalError::Syntax));
        assert_eq!(Money::parse("1."), Err(DecimalError::Syntax));
        assert_eq!(Money::parse(".5"), Err(DecimalError::Syntax));
        assert_eq!(Money::parse(""), Err(DecimalError::Syntax));
        assert_eq!(Money::parse(" 1"), Err(DecimalError::Syntax));
        assert_eq!(
            Money::parse("99999999999999999999999"),
            Err(DecimalError::OutOfRange)
        );
    }

    #[test]
    fn unit_price_and_rate() {
        assert_eq!(
            UnitPrice::parse("0.3750").map(|p| p.ten_thousandths()),
            Ok(3750)
        );
        assert_eq!(
            UnitPrice::parse("0.37501"),
            Err(DecimalError::TooManyDecimals)
        );
        assert_eq!(Rate::parse("0.35").map(|r| r.ten_thousandths()), Ok(3500));
        assert_eq!(Rate::parse("1").map(|r| r.to_string()), Ok("1".into()));
        assert_eq!(Rate::parse("1.0001"), Err(DecimalError::OutOfRange));
        assert_eq!(
            Rate::parse("0.0125").map(|r| r.to_string()),
            Ok("0.0125".into())
        );
        assert_eq!(
            Rate::parse("0.5").map(|r| r.floor_of(Money::from_cents(101))),
            Ok(Money::from_cents(50))
        );
    }

    #[test]
    fn decimal_round_trip() {
        let m = Money::from_cents(1234);
        assert_eq!(m.to_decimal().to_string(), "12.34");
        assert_eq!(Money::from_decimal(m.to_decimal()), Ok(m));
        assert!(Money::from_decimal(Decimal::new(-1, 0)).is_err());
        assert!(Money::from_decimal(Decimal::new(1234, 3)).is_err());
    }
}
