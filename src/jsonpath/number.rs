//! JSON numbers as Jayway sees them: json-smart reads them into Java's
//! Integer, Long or Double, whose `toString()` a filter compares with
//! strings and regexes, and whose `BigDecimal` it compares with numbers.

use crate::java::OwnedBigDecimal;

/// Jayway's `new BigDecimal(number.toString())`: the decimal of the Java
/// text of a JSON number.
pub(super) fn from_json_number(number: &serde_json::Number) -> OwnedBigDecimal {
    OwnedBigDecimal::parse(&json_number_to_java_string(number))
        .unwrap_or_else(OwnedBigDecimal::zero)
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
