//! Exact decimal view of JSON number text (fge compares and divides with `long` or
//! `BigDecimal`), and the text Jackson prints for fge's number nodes.
//!
//! Instance numbers are read from the body text as written, so integers of any size stay
//! integers and decimals of any length stay exact. Keyword values (`minimum`, `maximum`,
//! `multipleOf`, `enum` members) come from the schema's `serde_json::Value` and are read from
//! the text `serde_json` prints for them: integers as written, other numbers as the shortest
//! decimal that reads back as the same `f64` (what the schema said, for up to 17 significant
//! digits).

use std::cmp::Ordering;
use std::fmt::Write;

pub(crate) use crate::java::BigDecimal;

/// Whether number text has a fraction or an exponent (fge: type `number`, not `integer`).
pub(crate) fn is_decimal(text: &[u8]) -> bool {
    text.iter().any(|c| matches!(c, b'.' | b'e' | b'E'))
}

/// The value of integer text that fits an `i64`.
#[inline]
pub(crate) fn parse_i64(text: &[u8]) -> Option<i64> {
    let (neg, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut v: i128 = 0;
    for &c in digits {
        v = v * 10 + i128::from(c.wrapping_sub(b'0'));
    }
    i64::try_from(if neg { -v } else { v }).ok()
}

/// The value of the integer text `b[a..a + n]` if it fits an `i64`.
#[inline(always)]
pub(crate) fn int_at(b: &[u8], a: usize, n: usize) -> Option<i64> {
    let end = a + n;
    let neg = b[a] == b'-';
    let mut i = a + usize::from(neg);
    if end - i > 18 {
        return parse_i64(&b[a..end]);
    }
    let mut v: i64 = 0;
    while i < end {
        v = v * 10 + i64::from(b[i].wrapping_sub(b'0'));
        i += 1;
    }
    Some(if neg { -v } else { v })
}

/// Compares the number text `b[a..a + n]` with the integer `bound`, when the text has no
/// exponent and at most 18 integer digits (else `None`).
#[inline(always)]
pub(crate) fn cmp_int_at(b: &[u8], a: usize, n: usize, bound: i64) -> Option<Ordering> {
    let end = a + n;
    let neg = b[a] == b'-';
    let (mut i, mut int) = (a + usize::from(neg), 0i64);
    let start = i;
    while i < end && b[i].is_ascii_digit() {
        if i - start == 18 {
            return None;
        }
        int = int * 10 + i64::from(b[i] - b'0');
        i += 1;
    }
    let mut frac = false;
    if i < end && b[i] == b'.' {
        i += 1;
        while i < end && b[i].is_ascii_digit() {
            frac |= b[i] != b'0';
            i += 1;
        }
    }
    if i < end {
        return None;
    }
    // The value is int + f (f in [0, 1), zero iff !frac), negated when `neg`.
    Some(if neg {
        match (-int).cmp(&bound) {
            Ordering::Equal if frac => Ordering::Less,
            o => o,
        }
    } else {
        match int.cmp(&bound) {
            Ordering::Equal if frac => Ordering::Greater,
            o => o,
        }
    })
}

/// Where a number fge prints came from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberOrigin {
    /// The instance: printed as the node Jackson read.
    Instance,
    /// A `minimum`/`maximum`/`multipleOf` value, which fge's digester stores
    /// as an integer node when it is integral and fits a `long` (`100.0` → `100`).
    Keyword,
}

/// Appends number text as Jackson prints fge's node for it: an integer as written (`-0` is
/// the integer 0), any other number as `BigDecimal.toString()` of its value with trailing
/// zeros stripped (fge's `JsonLoader` reads decimals as normalized `BigDecimal`s: `1.50` →
/// `1.5`, `100.0` → `1E+2`, `0.0` → `0`).
pub(crate) fn write_java(out: &mut String, text: &[u8], origin: NumberOrigin) {
    if !is_decimal(text) {
        match text {
            b"-0" => out.push('0'),
            t => out.push_str(std::str::from_utf8(t).unwrap_or("0")),
        }
        return;
    }
    let d = BigDecimal::from_json_text(text);
    match d.as_i64() {
        Some(i) if origin == NumberOrigin::Keyword => {
            let _ = write!(out, "{i}");
        }
        _ => d.stripped().write_java_string(out),
    }
}

/// A keyword's number (`minimum`, `maximum`, `multipleOf`): its text, and its value when it is
/// an integer that fits an `i64` (the common case, compared without reading the text).
pub(crate) struct KeywordNumber {
    text: Box<str>,
    pub int: Option<i64>,
}

impl KeywordNumber {
    pub fn new(n: &serde_json::Number) -> KeywordNumber {
        let text = n.to_string();
        let int = if n.is_f64() {
            None
        } else {
            parse_i64(text.as_bytes())
        };
        KeywordNumber {
            text: text.into(),
            int,
        }
    }

    pub fn decimal(&self) -> BigDecimal<'_> {
        BigDecimal::from_json_text(self.text.as_bytes())
    }

    /// The value as fge's digest prints it.
    pub fn java(&self) -> String {
        let mut s = String::new();
        write_java(&mut s, self.text.as_bytes(), NumberOrigin::Keyword);
        s
    }
}
