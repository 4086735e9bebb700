//! Java's numbers as text.

use std::fmt::Write;

/// Java's `Double.toString`: the shortest digits that round-trip, in
/// decimal between 10^-3 and 10^7 (`1.0`, `0.0045`), else in computerised
/// scientific notation (`4.5E55`, `1.0E-5`).
pub(crate) fn double_to_string(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{d:e}");
    let (mantissa, exponent) = sci.split_once('e').expect("`{:e}` has an exponent");
    let exponent: i32 = exponent.parse().expect("a decimal exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    let magnitude = d.abs();
    if (1e-3..1e7).contains(&magnitude) {
        if exponent >= 0 {
            let int_len = exponent as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        let _ = write!(out, "E{exponent}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_as_java_prints_them() {
        // Double.toString on OpenJDK 17.
        for (d, java) in [
            (1.0, "1.0"),
            (0.001, "0.001"),
            (1e7, "1.0E7"),
            (9999999.999, "9999999.999"),
            (1.0e-4, "1.0E-4"),
            (123456789.0, "1.23456789E8"),
            (0.1 + 0.2, "0.30000000000000004"),
            (-0.0, "-0.0"),
            (4.5e55, "4.5E55"),
            (1e-5, "1.0E-5"),
            (100.0, "100.0"),
            (1.5e300, "1.5E300"),
            (4500.0, "4500.0"),
            (0.0045, "0.0045"),
            (9_999_999.0, "9999999.0"),
            (0.000_999, "9.99E-4"),
            (-1.5, "-1.5"),
            (100.0 / 3.0, "33.333333333333336"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(double_to_string(d), java, "{d}");
        }
    }
}
