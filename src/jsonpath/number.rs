//! Java's numbers as Jayway sees them. Filters compare numbers as `java.math.BigDecimal`s
//! ([`Decimal`]), and where a number meets a string or a regex, its text is Java's: the
//! `toString()` of a BigDecimal, or of the Integer, Long or Double that json-smart makes of a JSON
//! number ([`json_number_to_java_string`]).

use std::cmp::Ordering;

/// A `java.math.BigDecimal`: `digits × 10^-scale`.
#[derive(Clone, Debug)]
pub(super) struct Decimal {
    negative: bool,
    /// Without leading zeros; "0" for zero.
    digits: String,
    scale: i64,
}

impl Decimal {
    fn zero() -> Decimal {
        Decimal {
            negative: false,
            digits: "0".into(),
            scale: 0,
        }
    }

    /// Reads a number as `new BigDecimal(text)` does: an optional sign, digits with an optional
    /// point, an optional exponent (`e` or `E`, limited to ±2^20); `None` for anything else.
    pub(super) fn parse(text: &str) -> Option<Decimal> {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(i) => (
                &text[..i],
                text[i + 1..]
                    .strip_prefix('+')
                    .unwrap_or(&text[i + 1..])
                    .parse::<i64>()
                    .ok()?,
            ),
            None => (text, 0),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let ok = !(integer.is_empty() && fraction.is_empty()) && exponent.abs() < 1 << 20;
        if !ok
            || !integer
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let digits = format!("{integer}{fraction}")
            .trim_start_matches('0')
            .to_string();
        Some(Decimal {
            negative,
            digits: if digits.is_empty() {
                "0".into()
            } else {
                digits
            },
            scale: fraction.len() as i64 - exponent,
        })
    }

    /// Jayway's `new BigDecimal(number.toString())`: the decimal of the Java text of a JSON number.
    pub(super) fn from_json_number(number: &serde_json::Number) -> Decimal {
        Decimal::parse(&json_number_to_java_string(number)).unwrap_or_else(Decimal::zero)
    }

    /// `BigDecimal.toString()`: plain up to six zeros after the point, scientific (`1.5E+3`) beyond,
    /// and with a negative scale.
    pub(super) fn to_java_string(&self) -> String {
        let (len, scale) = (self.digits.len() as i64, self.scale);
        let adjusted = len - 1 - scale;
        let body = if scale == 0 {
            self.digits.clone()
        } else if scale > 0 && adjusted >= -6 {
            match len > scale {
                true => format!(
                    "{}.{}",
                    &self.digits[..(len - scale) as usize],
                    &self.digits[(len - scale) as usize..]
                ),
                false => format!("0.{}{}", "0".repeat((scale - len) as usize), self.digits),
            }
        } else {
            let fraction = if len > 1 {
                format!(".{}", &self.digits[1..])
            } else {
                String::new()
            };
            format!(
                "{}{fraction}E{}{adjusted}",
                &self.digits[..1],
                if adjusted >= 0 { "+" } else { "" }
            )
        };
        format!("{}{body}", if self.negative { "-" } else { "" })
    }

    /// `BigDecimal.compareTo`: by value, so `1.0` and `1.00` are equal, and so are `0` and `-0`.
    pub(super) fn compare(&self, other: &Decimal) -> Ordering {
        let sign = |d: &Decimal| {
            if d.digits == "0" {
                0
            } else if d.negative {
                -1
            } else {
                1
            }
        };
        let (sign_a, sign_b) = (sign(self), sign(other));
        if sign_a != sign_b || sign_a == 0 {
            return sign_a.cmp(&sign_b);
        }
        let exponent = |d: &Decimal| d.digits.len() as i64 - d.scale;
        let significant = |d: &Decimal| d.digits.trim_end_matches('0').to_string();
        let magnitude = exponent(self)
            .cmp(&exponent(other))
            .then_with(|| significant(self).cmp(&significant(other)));
        if sign_a < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }

    /// The integer part (the fraction dropped), as `BigDecimal.intValue()` gives it for values that
    /// fit; larger values saturate at `i64::MAX` (negated for negative values) instead of wrapping.
    pub(super) fn integer_part(&self) -> i64 {
        let kept = self.digits.len() as i64 - self.scale.max(0);
        let magnitude = match self.scale {
            s if s < -18 => i64::MAX,
            s if s <= 0 => format!("{}{}", self.digits, "0".repeat(-s as usize))
                .parse()
                .unwrap_or(i64::MAX),
            _ => self.digits[..kept.max(0) as usize].parse().unwrap_or(0),
        };
        if self.negative {
            -magnitude
        } else {
            magnitude
        }
    }
}

/// Java's `toString()` of the Integer, Long or Double json-smart makes of a JSON number: integers as
/// written, doubles as `Double.toString` (`1000.0`, `1.0E-4`, `1.23456789E7`, `-0.0`), taking the
/// shortest digits that read back as the same double.
pub(super) fn json_number_to_java_string(number: &serde_json::Number) -> String {
    match number.as_f64().filter(|_| number.is_f64()) {
        Some(double) => crate::java::double_to_string(double),
        None => number.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_decimals_read_print_and_compare_as_java() {
        for (text, java) in [
            ("0", "0"),
            ("007", "7"),
            ("1.50", "1.50"),
            (".5", "0.5"),
            ("-0.001", "-0.001"),
            ("0.0000001", "1E-7"),
            ("1e3", "1E+3"),
            ("1.5E+3", "1.5E+3"),
            ("12e-1", "1.2"),
            ("+2", "2"),
        ] {
            let decimal = Decimal::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(decimal.to_java_string(), java, "{text}");
        }
        for text in ["", "-", ".", "1e", "1x", "1e1048576", "--1"] {
            assert!(Decimal::parse(text).is_none(), "{text}");
        }
        let compare = |a: &str, b: &str| {
            Decimal::parse(a)
                .unwrap()
                .compare(&Decimal::parse(b).unwrap())
        };
        assert_eq!(compare("1.0", "1.00"), Ordering::Equal);
        assert_eq!(compare("0", "-0.0"), Ordering::Equal);
        assert_eq!(compare("-2", "-1"), Ordering::Less);
        assert_eq!(compare("1e3", "999.9"), Ordering::Greater);
        for (text, integer) in [("3.7", 3), ("-3.7", -3), ("1E+2", 100), ("0.5", 0)] {
            assert_eq!(Decimal::parse(text).unwrap().integer_part(), integer);
        }
    }

    #[test]
    fn json_numbers_print_as_java_does() {
        for (json, java) in [
            ("7", "7"),
            ("-9007199254740993", "-9007199254740993"),
            ("1.0", "1.0"),
            ("-0.0", "-0.0"),
            ("1000.0", "1000.0"),
            ("0.001", "0.001"),
            ("0.0001", "1.0E-4"),
            ("1234567.0", "1234567.0"),
            ("12345678.9", "1.23456789E7"),
            ("1e7", "1.0E7"),
            ("-1.5e-07", "-1.5E-7"),
            ("2e+22", "2.0E22"),
        ] {
            let number: serde_json::Number = serde_json::from_str(json).unwrap();
            assert_eq!(json_number_to_java_string(&number), java, "{json}");
        }
    }
}
