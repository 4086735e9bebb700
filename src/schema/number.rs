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
use std::hash::{Hash, Hasher};

/// `(-1)^neg × D × 10^exp` where `D` is the digits `hi` then `lo` (a number's integer and
/// fraction digits, without leading or trailing zeros). Zero has no digits and is not negative.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Decimal<'a> {
    neg: bool,
    hi: &'a [u8],
    lo: &'a [u8],
    exp: i64,
}

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

impl<'a> Decimal<'a> {
    /// Reads JSON number text (already checked to be a JSON number).
    pub fn parse(text: &'a [u8]) -> Decimal<'a> {
        let (neg, t) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let e = t
            .iter()
            .position(|c| matches!(c, b'e' | b'E'))
            .unwrap_or(t.len());
        let mut exp: i64 = 0;
        if e < t.len() {
            let (eneg, ed) = match &t[e + 1..] {
                [b'-', rest @ ..] => (true, rest),
                [b'+', rest @ ..] => (false, rest),
                rest => (false, rest),
            };
            for &c in ed {
                exp = (exp * 10 + i64::from(c.wrapping_sub(b'0'))).min(1 << 40);
            }
            if eneg {
                exp = -exp;
            }
        }
        let m = &t[..e];
        let (mut hi, mut lo) = match m.iter().position(|&c| c == b'.') {
            Some(d) => (&m[..d], &m[d + 1..]),
            None => (m, &m[m.len()..]),
        };
        exp -= lo.len() as i64;
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
            return Decimal {
                neg: false,
                hi,
                lo,
                exp: 0,
            };
        }
        Decimal { neg, hi, lo, exp }
    }

    fn is_zero(&self) -> bool {
        self.hi.is_empty() && self.lo.is_empty()
    }

    fn len(&self) -> i64 {
        (self.hi.len() + self.lo.len()) as i64
    }

    fn digits(&self) -> impl Iterator<Item = u8> + 'a {
        self.hi.iter().chain(self.lo).map(|c| c - b'0')
    }

    fn cmp_mag(&self, other: &Decimal) -> Ordering {
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
        i64::try_from(if self.neg { -m } else { m }).ok()
    }

    /// Whether `self / by` is an integer (`BigDecimal.remainder(by) == 0`); `by` is positive
    /// and, being a schema value, has at most 20 digits.
    pub fn is_multiple_of(&self, by: &Decimal) -> bool {
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

    /// Appends `BigDecimal.toString()` of the value (`1.5`, `1E+2`, `1E-7`, `0.001`).
    fn write_big_decimal(&self, out: &mut String) {
        if self.is_zero() {
            out.push('0');
            return;
        }
        if self.neg {
            out.push('-');
        }
        let n = self.len();
        let adjusted = self.exp + n - 1;
        let digit = |out: &mut String, i: i64| {
            let i = i as usize;
            let c = if i < self.hi.len() {
                self.hi[i]
            } else {
                self.lo[i - self.hi.len()]
            };
            out.push(c as char);
        };
        if self.exp <= 0 && adjusted >= -6 {
            let int = n + self.exp;
            if int > 0 {
                (0..int).for_each(|i| digit(out, i));
            } else {
                out.push('0');
            }
            if self.exp < 0 {
                out.push('.');
                out.extend(std::iter::repeat_n('0', (-int).max(0) as usize));
                (int.max(0)..n).for_each(|i| digit(out, i));
            }
        } else {
            digit(out, 0);
            if n > 1 {
                out.push('.');
                (1..n).for_each(|i| digit(out, i));
            }
            let _ = write!(out, "E{}{}", if adjusted >= 0 { "+" } else { "" }, adjusted);
        }
    }
}

impl Ord for Decimal<'_> {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_mag(other),
            (true, true) => other.cmp_mag(self),
        }
    }
}

impl PartialOrd for Decimal<'_> {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Decimal<'_> {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal<'_> {}

impl Hash for Decimal<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        (self.neg, self.exp + self.len()).hash(h);
        self.digits().for_each(|d| h.write_u8(d));
    }
}

/// Appends number text as Jackson prints fge's node for it: an integer as written (`-0` is
/// the integer 0), any other number as `BigDecimal.toString()` of its value with trailing
/// zeros stripped (fge's `JsonLoader` reads decimals as normalized `BigDecimal`s: `1.50` →
/// `1.5`, `100.0` → `1E+2`, `0.0` → `0`). `keyword`: a `minimum`/`maximum`/`multipleOf`
/// value, which fge's digester stores as an integer node when it is integral and fits a
/// `long` (`100.0` → `100`).
pub(crate) fn write_java(out: &mut String, text: &[u8], keyword: bool) {
    if !is_decimal(text) {
        match text {
            b"-0" => out.push('0'),
            t => out.push_str(std::str::from_utf8(t).unwrap_or("0")),
        }
        return;
    }
    let d = Decimal::parse(text);
    match d.as_i64() {
        Some(i) if keyword => {
            let _ = write!(out, "{i}");
        }
        _ => d.write_big_decimal(out),
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

    pub fn decimal(&self) -> Decimal<'_> {
        Decimal::parse(self.text.as_bytes())
    }

    /// The value as fge's digest prints it.
    pub fn java(&self) -> String {
        let mut s = String::new();
        write_java(&mut s, self.text.as_bytes(), true);
        s
    }
}
