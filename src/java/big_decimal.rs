//! `java.math.BigDecimal`, as fge compares and divides instance numbers
//! and Jayway compares filter operands: exact decimals of any length,
//! compared by value (`1.0` equals `1.00`), printed as `toString()` prints
//! them (which shows the scale the text gave: `1.50`, `1E+2`).

use std::cmp::Ordering;
use std::fmt::Write;
use std::hash::{Hash, Hasher};

/// A decimal read from its text without copying: `±D × 10^exp`, where `D`
/// is the significant digits (`hi` then `lo`: the integer and fraction
/// digits as written, without leading and trailing zeros; none for zero),
/// and `scale` is BigDecimal's scale as the text gave it (the fraction
/// digits less the exponent).
#[derive(Clone, Copy, Debug)]
pub(crate) struct BigDecimal<'a> {
    negative: bool,
    hi: &'a [u8],
    lo: &'a [u8],
    exp: i64,
    scale: i64,
}

/// Exponents are clamped here: far beyond any scale BigDecimal accepts
/// (an `int`), well within `i64` arithmetic.
const MAX_EXPONENT: i64 = 1 << 40;

impl<'a> BigDecimal<'a> {
    /// Reads JSON number text (already checked to be a JSON number).
    pub fn from_json_text(text: &'a [u8]) -> BigDecimal<'a> {
        let (negative, t) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let e = t
            .iter()
            .position(|c| matches!(c, b'e' | b'E'))
            .unwrap_or(t.len());
        let mut exponent: i64 = 0;
        if e < t.len() {
            let (exponent_negative, digits) = match &t[e + 1..] {
                [b'-', rest @ ..] => (true, rest),
                [b'+', rest @ ..] => (false, rest),
                rest => (false, rest),
            };
            for &c in digits {
                exponent = (exponent * 10 + i64::from(c.wrapping_sub(b'0'))).min(MAX_EXPONENT);
            }
            if exponent_negative {
                exponent = -exponent;
            }
        }
        let mantissa = &t[..e];
        let (integer, fraction) = match mantissa.iter().position(|&c| c == b'.') {
            Some(point) => (&mantissa[..point], &mantissa[point + 1..]),
            None => (mantissa, &mantissa[mantissa.len()..]),
        };
        BigDecimal::from_parts(negative, integer, fraction, exponent)
    }

    /// `new BigDecimal(text)`: an optional sign, digits with an optional
    /// point (at least one digit), an optional exponent (`e` or `E`);
    /// `None` for anything else, and for an exponent beyond ±2^20 (where
    /// Java goes on to 2^31, printing such a number would cost megabytes).
    pub fn parse(text: &'a str) -> Option<BigDecimal<'a>> {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(i) => {
                let written = &text[i + 1..];
                let exponent = written
                    .strip_prefix('+')
                    .unwrap_or(written)
                    .parse::<i64>()
                    .ok()?;
                (&text[..i], exponent)
            }
            None => (text, 0),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (integer.is_empty() && fraction.is_empty())
            || exponent.abs() >= 1 << 20
            || !digits(integer)
            || !digits(fraction)
        {
            return None;
        }
        Some(BigDecimal::from_parts(
            negative,
            integer.as_bytes(),
            fraction.as_bytes(),
            exponent,
        ))
    }

    /// The value of `±integer.fraction × 10^exponent`.
    fn from_parts(
        negative: bool,
        mut hi: &'a [u8],
        mut lo: &'a [u8],
        exponent: i64,
    ) -> BigDecimal<'a> {
        let scale = lo.len() as i64 - exponent;
        let mut exp = -scale;
        while let [b'0', rest @ ..] = hi {
            hi = rest;
        }
        if hi.is_empty() {
            while let [b'0', rest @ ..] = lo {
                lo = rest;
            }
        }
        while let [rest @ .., b'0'] = lo {
            lo = rest;
            exp += 1;
        }
        if lo.is_empty() {
            while let [rest @ .., b'0'] = hi {
                hi = rest;
                exp += 1;
            }
        }
        if hi.is_empty() && lo.is_empty() {
            return BigDecimal {
                negative: false,
                hi,
                lo,
                exp: 0,
                scale,
            };
        }
        BigDecimal {
            negative,
            hi,
            lo,
            exp,
            scale,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.hi.is_empty() && self.lo.is_empty()
    }

    /// How many significant digits.
    fn len(&self) -> i64 {
        (self.hi.len() + self.lo.len()) as i64
    }

    fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        self.hi.iter().chain(self.lo).map(|c| c - b'0')
    }

    fn digit(&self, i: usize) -> u8 {
        if i < self.hi.len() {
            self.hi[i]
        } else {
            self.lo[i - self.hi.len()]
        }
    }

    fn cmp_magnitude(&self, other: &BigDecimal) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        // The same position of the leading digit, then the digits (no trailing zeros, so a
        // shorter run that is a prefix is the smaller number).
        (self.exp + self.len())
            .cmp(&(other.exp + other.len()))
            .then_with(|| self.digits().cmp(other.digits()))
    }

    /// The value as an `i64` if it is integral and fits (fge's `valueIsLong`).
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_zero() {
            return Some(0);
        }
        if self.exp < 0 || self.len() + self.exp > 19 {
            return None;
        }
        let mut m: i128 = 0;
        for d in self.digits() {
            m = m * 10 + i128::from(d);
        }
        m *= 10i128.pow(self.exp as u32);
        i64::try_from(if self.negative { -m } else { m }).ok()
    }

    /// The integer part, the fraction dropped (`intValue()` for values
    /// that fit; larger ones saturate instead of wrapping).
    pub fn integer_part(&self) -> i64 {
        let whole = (self.len() + self.exp).max(0);
        let mut m: i64 = 0;
        for i in 0..whole {
            let d = if i < self.len() {
                i64::from(self.digit(i as usize) - b'0')
            } else {
                0
            };
            m = m.saturating_mul(10).saturating_add(d);
        }
        if self.negative {
            -m
        } else {
            m
        }
    }

    /// Whether `self / by` is an integer (`BigDecimal.remainder(by) == 0`); `by` is positive
    /// and, being a schema value, has at most 20 digits.
    pub fn is_multiple_of(&self, by: &BigDecimal) -> bool {
        if self.is_zero() {
            return true;
        }
        let mut m: u128 = 0;
        for d in by.digits() {
            m = match m.checked_mul(10).and_then(|x| x.checked_add(u128::from(d))) {
                Some(x) if x < 1 << 64 => x,
                _ => return false,
            };
        }
        if m == 0 {
            return false;
        }
        // self = D × 10^a, by = m × 10^b. With a < b, `D` (no trailing zeros) is not a multiple
        // of 10^(b - a); else the remainder of D × 10^(a - b) by m decides.
        if self.exp < by.exp {
            return false;
        }
        let mut r: u128 = 0;
        for d in self.digits() {
            r = (r * 10 + u128::from(d)) % m;
        }
        let (mut k, mut p) = (self.exp - by.exp, 10 % m);
        while k > 0 && r != 0 {
            if k & 1 == 1 {
                r = r * p % m;
            }
            p = p * p % m;
            k >>= 1;
        }
        r == 0
    }

    /// `stripTrailingZeros()`: the same value with the smallest scale
    /// (`1.50` -> `1.5`, `100` -> `1E+2`, `0.0` -> `0`).
    pub fn stripped(&self) -> BigDecimal<'a> {
        BigDecimal {
            scale: if self.is_zero() { 0 } else { -self.exp },
            ..*self
        }
    }

    /// `toString()`: the digits with the point where the scale puts it,
    /// or scientific notation (`1.5E+3`, `1E-7`) for a negative scale or
    /// more than six zeros after the point.
    pub fn to_java_string(self) -> String {
        let mut out = String::new();
        self.write_java_string(&mut out);
        out
    }

    /// Appends [`BigDecimal::to_java_string`].
    pub fn write_java_string(&self, out: &mut String) {
        // The unscaled value's digits: the significant ones, then the
        // trailing zeros the scale keeps (a zero is one `0`).
        let trailing = (self.exp + self.scale).max(0);
        let len = if self.is_zero() {
            1
        } else {
            self.len() + trailing
        };
        let coefficient_digit = |out: &mut String, i: i64| {
            if self.is_zero() || i >= self.len() {
                out.push('0');
            } else {
                out.push(char::from(self.digit(i as usize)));
            }
        };
        let adjusted = len - 1 - self.scale;
        if self.negative {
            out.push('-');
        }
        if self.scale == 0 {
            (0..len).for_each(|i| coefficient_digit(out, i));
        } else if self.scale > 0 && adjusted >= -6 {
            let whole = len - self.scale;
            if whole > 0 {
                (0..whole).for_each(|i| coefficient_digit(out, i));
                out.push('.');
                (whole..len).for_each(|i| coefficient_digit(out, i));
            } else {
                out.push_str("0.");
                out.extend(std::iter::repeat_n('0', (-whole) as usize));
                (0..len).for_each(|i| coefficient_digit(out, i));
            }
        } else {
            coefficient_digit(out, 0);
            if len > 1 {
                out.push('.');
                (1..len).for_each(|i| coefficient_digit(out, i));
            }
            let _ = write!(out, "E{}{adjusted}", if adjusted >= 0 { "+" } else { "" });
        }
    }
}

impl Ord for BigDecimal<'_> {
    /// `compareTo`: by value, so `1.0` equals `1.00` and `0` equals `-0`.
    fn cmp(&self, other: &BigDecimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for BigDecimal<'_> {
    fn partial_cmp(&self, other: &BigDecimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for BigDecimal<'_> {
    fn eq(&self, other: &BigDecimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for BigDecimal<'_> {}

impl Hash for BigDecimal<'_> {
    /// Consistent with equality: by value, whatever the scale.
    fn hash<H: Hasher>(&self, h: &mut H) {
        (self.negative, self.exp + self.len()).hash(h);
        self.digits().for_each(|d| h.write_u8(d));
    }
}

/// A [`BigDecimal`] that owns its text (a JSONPath literal, a number read
/// out of a document), read again whenever its value is needed.
#[derive(Clone, Debug)]
pub(crate) struct OwnedBigDecimal(Box<str>);

impl OwnedBigDecimal {
    /// As [`BigDecimal::parse`].
    pub fn parse(text: &str) -> Option<OwnedBigDecimal> {
        BigDecimal::parse(text).map(|_| OwnedBigDecimal(text.into()))
    }

    /// Zero.
    pub fn zero() -> OwnedBigDecimal {
        OwnedBigDecimal("0".into())
    }

    pub fn value(&self) -> BigDecimal<'_> {
        BigDecimal::parse(&self.0).expect("the text parsed when it was made")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn java(text: &str) -> String {
        BigDecimal::parse(text).unwrap().to_java_string()
    }

    #[test]
    fn text_prints_as_bigdecimal_to_string() {
        // new BigDecimal(text).toString() and .stripTrailingZeros().toString() on OpenJDK 17.
        for (text, printed, stripped) in [
            ("1.50", "1.50", "1.5"),
            ("100", "100", "1E+2"),
            ("1e2", "1E+2", "1E+2"),
            ("0.00", "0.00", "0"),
            ("-0.0", "0.0", "0"),
            ("-0", "0", "0"),
            ("0.000001", "0.000001", "0.000001"),
            ("0.0000001", "1E-7", "1E-7"),
            ("1.0E-4", "0.00010", "0.0001"),
            ("-12345.6789e3", "-12345678.9", "-12345678.9"),
            ("+7", "7", "7"),
            (".5", "0.5", "0.5"),
            ("5.", "5", "5"),
            ("1.23456789E8", "123456789", "123456789"),
            ("12E-2", "0.12", "0.12"),
        ] {
            assert_eq!(java(text), printed, "{text}");
            let value = BigDecimal::parse(text).unwrap();
            assert_eq!(value.stripped().to_java_string(), stripped, "{text}");
        }
    }

    #[test]
    fn compare_by_value_and_refuse_what_java_refuses() {
        let v = |t| BigDecimal::parse(t).unwrap();
        assert_eq!(v("1.0"), v("1.00"));
        assert_eq!(v("0"), v("-0.0"));
        assert!(v("-2") < v("-1.5"));
        assert!(v("1e3") > v("999.999"));
        assert_eq!(v("1.5").integer_part(), 1);
        assert_eq!(v("-7.9").integer_part(), -7);
        assert_eq!(v("1e30").integer_part(), i64::MAX);
        assert_eq!(v("12e1").as_i64(), Some(120));
        assert_eq!(v("1.5").as_i64(), None);
        assert!(v("7.5").is_multiple_of(&v("2.5")));
        assert!(!v("7.5").is_multiple_of(&v("2")));
        for bad in ["", ".", "-", "1e", "1e1.5", "1..2", "abc", "--1"] {
            assert!(BigDecimal::parse(bad).is_none(), "{bad}");
        }
        // Java takes any exponent whose scale fits an int; Portico stops at
        // 2^20, so that printing one stays cheap.
        assert!(BigDecimal::parse("1e9999999").is_none());
        let json = BigDecimal::from_json_text(b"-1.250e-2");
        assert_eq!(json, v("-0.0125"));
        assert_eq!(json.to_java_string(), "-0.01250");
    }
}
