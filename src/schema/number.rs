//! Exact decimal view of JSON numbers (fge compares and divides with `BigDecimal`), and the
//! text Jackson prints for fge's number nodes.

use serde_json::Number;
use std::cmp::Ordering;
use std::fmt::{self, Write};

/// `(-1)^neg × mant × 10^exp`, `mant` without trailing zeros (zero is `0 × 10^0`, not negative).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Dec {
    pub neg: bool,
    pub mant: u64,
    pub exp: i32,
}

/// A small stack buffer, so that formatting an `f64` allocates nothing.
struct Buf {
    b: [u8; 40],
    n: usize,
}

impl Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.n + s.len();
        if end > self.b.len() {
            return Err(fmt::Error);
        }
        self.b[self.n..end].copy_from_slice(s.as_bytes());
        self.n = end;
        Ok(())
    }
}

impl Dec {
    fn new(neg: bool, mut mant: u64, mut exp: i32) -> Dec {
        if mant == 0 {
            return Dec {
                neg: false,
                mant: 0,
                exp: 0,
            };
        }
        while mant % 10 == 0 {
            mant /= 10;
            exp += 1;
        }
        Dec { neg, mant, exp }
    }

    pub fn of(n: &Number) -> Dec {
        if let Some(u) = n.as_u64() {
            Dec::new(false, u, 0)
        } else if let Some(i) = n.as_i64() {
            Dec::new(i < 0, i.unsigned_abs(), 0)
        } else {
            Dec::from_f64(n.as_f64().unwrap_or(0.0))
        }
    }

    /// The shortest decimal that reads back as `f` (what the JSON text said, for any number
    /// written with at most 17 significant digits).
    pub fn from_f64(f: f64) -> Dec {
        // Fast path: the fewest fraction digits k with round(|f|·10^k)/10^k == |f|. Below 2^50
        // the scaled value has error < 1/2 and a single integer in its rounding interval, so
        // this finds the same (shortest) decimal as the formatter below.
        if f.is_finite() {
            let (a, mut p) = (f.abs(), 1.0f64);
            for k in 0..=17 {
                let y = (a * p).round();
                if y >= 1.125_899_906_842_624e15 {
                    break;
                }
                if y / p == a {
                    return Dec::new(f < 0.0, y as u64, -k);
                }
                p *= 10.0;
            }
        }
        // Slow path: serde_json's own shortest formatting ("1e-7", "1.5e300", "0.001", "12.0").
        let mut buf = Buf { b: [0; 40], n: 0 };
        let Some(n) = Number::from_f64(f.abs()) else {
            return Dec::new(false, 0, 0);
        };
        if write!(buf, "{n}").is_err() {
            return Dec::new(false, 0, 0);
        }
        let s = &buf.b[..buf.n];
        let e = s
            .iter()
            .position(|c| matches!(c, b'e' | b'E'))
            .unwrap_or(s.len());
        let (mut mant, mut frac, mut seen_dot) = (0u64, 0i32, false);
        for &c in &s[..e] {
            if c == b'.' {
                seen_dot = true;
            } else if mant < u64::MAX / 10 {
                mant = mant * 10 + u64::from(c - b'0');
                frac += i32::from(seen_dot);
            } else if !seen_dot {
                frac -= 1;
            }
        }
        let exp: i32 = std::str::from_utf8(&s[(e + 1).min(s.len())..])
            .ok()
            .and_then(|t| t.trim_start_matches('+').parse().ok())
            .unwrap_or(0);
        Dec::new(f < 0.0, mant, exp - frac)
    }

    fn digits(m: u64) -> i32 {
        m.checked_ilog10().map_or(1, |d| d as i32 + 1)
    }

    fn cmp_mag(a: Dec, b: Dec) -> Ordering {
        match (a.mant == 0, b.mant == 0) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let (da, db) = (Dec::digits(a.mant), Dec::digits(b.mant));
        match (a.exp + da).cmp(&(b.exp + db)) {
            Ordering::Equal => {}
            o => return o,
        }
        // Same magnitude: line the digits up (at most 20 digits each, so u128 is enough).
        let (mut x, mut y) = (u128::from(a.mant), u128::from(b.mant));
        if da < db {
            x *= 10u128.pow((db - da) as u32);
        } else {
            y *= 10u128.pow((da - db) as u32);
        }
        x.cmp(&y)
    }

    /// The value as an `i64` if it is integral and fits (fge's `valueIsLong`).
    pub fn as_i64(self) -> Option<i64> {
        if self.exp < 0 || self.exp > 19 {
            return (self.mant == 0).then_some(0);
        }
        let m = i128::from(self.mant) * 10i128.pow(self.exp as u32);
        i64::try_from(if self.neg { -m } else { m }).ok()
    }

    /// Whether `self / by` is an integer (`BigDecimal.remainder(by) == 0`); `by` is positive.
    pub fn is_multiple_of(self, by: Dec) -> bool {
        if self.mant == 0 {
            return true;
        }
        if by.mant == 0 {
            return false;
        }
        let m = u128::from(by.mant);
        if self.exp >= by.exp {
            let mut r = u128::from(self.mant) % m;
            for _ in 0..(self.exp - by.exp) {
                if r == 0 {
                    break;
                }
                r = r * 10 % m;
            }
            r == 0
        } else {
            let k = (by.exp - self.exp) as u32;
            match 10u128.checked_pow(k).and_then(|p| p.checked_mul(m)) {
                Some(d) => u128::from(self.mant) % d == 0,
                None => false,
            }
        }
    }
}

impl Ord for Dec {
    fn cmp(&self, other: &Dec) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => Dec::cmp_mag(*self, *other),
            (true, true) => Dec::cmp_mag(*other, *self),
        }
    }
}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Dec) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The number as an `f64` when that is exact (every float; integers up to 2^53).
fn exact_f64(n: &Number) -> Option<f64> {
    if n.is_f64() {
        return n.as_f64();
    }
    let i = n.as_i64()?;
    (i.unsigned_abs() <= 1 << 53).then_some(i as f64)
}

/// Compares two JSON numbers exactly (integers exactly, floats through their decimal text).
#[inline]
pub(crate) fn cmp(a: &Number, b: &Number) -> Ordering {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return x.cmp(&y);
    }
    if let (Some(x), Some(y)) = (exact_f64(a), exact_f64(b)) {
        if let Some(o) = x.partial_cmp(&y) {
            return o;
        }
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return x.cmp(&y);
    }
    Dec::of(a).cmp(&Dec::of(b))
}

/// Numeric equality as fge's `JsonNumEquals` (`1 == 1.0`).
pub(crate) fn eq(a: &Number, b: &Number) -> bool {
    cmp(a, b) == Ordering::Equal
}

/// Appends the number as Jackson prints fge's number node: integers as written, other
/// numbers as `BigDecimal.toString()` of the value with trailing zeros stripped (fge's
/// `JsonLoader` reads decimals as normalized `BigDecimal`s: `1.50` → `1.5`, `100.0` → `1E+2`,
/// `0.0` → `0`). `keyword`: a `minimum`/`maximum`/`multipleOf` value, which fge's digester
/// stores as an integer node when it is integral and fits a `long` (`100.0` → `100`).
pub(crate) fn write_java(out: &mut String, n: &Number, keyword: bool) {
    if !n.is_f64() {
        let _ = write!(out, "{n}");
        return;
    }
    let d = Dec::from_f64(n.as_f64().unwrap_or(0.0));
    if keyword {
        if let Some(i) = d.as_i64() {
            let _ = write!(out, "{i}");
            return;
        }
    }
    if d.mant == 0 {
        out.push('0');
        return;
    }
    if d.neg {
        out.push('-');
    }
    let mut digits = Buf { b: [0; 40], n: 0 };
    let _ = write!(digits, "{}", d.mant);
    let digits = std::str::from_utf8(&digits.b[..digits.n]).unwrap_or("0");
    let (n, scale) = (digits.len() as i64, -i64::from(d.exp));
    let adjusted = -scale + (n - 1);
    if scale >= 0 && adjusted >= -6 {
        if scale == 0 {
            out.push_str(digits);
        } else if n > scale {
            let (a, b) = digits.split_at((n - scale) as usize);
            out.push_str(a);
            out.push('.');
            out.push_str(b);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (scale - n) as usize));
            out.push_str(digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "E{}{}", if adjusted >= 0 { "+" } else { "" }, adjusted);
    }
}
