//! `date-time`: the Joda-Time `DateTimeFormatter` that fge's `DateTimeAttribute` builds.

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Joda: fixed-width fields (`appendFixedDecimal`), case-insensitive literals, optional
/// `.` + 1..3 digits, then `appendTimeZoneOffset("Z", false, 2, 2)` whose parser accepts `Z`
/// (any case) or `±hh`, `±hhmm`, `±hh:mm`, `±hh:mm:ss`, `±hh:mm:ss.SSS` ...; the whole text
/// must be consumed and the fields must make a real ISO date (no leap seconds).
pub(super) fn date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let mut p = 0;
    let digits = |p: usize, max: usize| digits_at(b, p, max);
    let num = |p: &mut usize, n: usize| -> Option<u32> {
        if digits(*p, n) != n {
            return None;
        }
        let v = b[*p..*p + n]
            .iter()
            .fold(0, |a, c| a * 10 + u32::from(c - b'0'));
        *p += n;
        Some(v)
    };
    let lit = |p: &mut usize, c: u8| -> Option<()> {
        b.get(*p).filter(|x| x.eq_ignore_ascii_case(&c))?;
        *p += 1;
        Some(())
    };
    let fields = (|| {
        let y = num(&mut p, 4)?;
        lit(&mut p, b'-')?;
        let mo = num(&mut p, 2)?;
        lit(&mut p, b'-')?;
        let d = num(&mut p, 2)?;
        lit(&mut p, b'T')?;
        let h = num(&mut p, 2)?;
        lit(&mut p, b':')?;
        let mi = num(&mut p, 2)?;
        lit(&mut p, b':')?;
        let se = num(&mut p, 2)?;
        if b.get(p) == Some(&b'.') && digits(p + 1, 1) == 1 {
            p += 1 + digits(p + 1, 3);
        }
        Some((y, mo, d, h, mi, se))
    })();
    let Some((y, mo, d, h, mi, se)) = fields else {
        return false;
    };
    if !offset(b, &mut p) || p != b.len() {
        return false;
    }
    (1..=12).contains(&mo) && d >= 1 && d <= days_in_month(y, mo) && h <= 23 && mi <= 59 && se <= 59
}

/// Joda `TimeZoneOffset.parseInto`: `Z`, or a sign and `hh`, then optionally minutes,
/// seconds and 1..3 fraction digits, with `:`/`.` separators if the first one is `:`. Where a
/// part is absent the parser stops successfully (the caller then requires the end of text).
fn offset(b: &[u8], p: &mut usize) -> bool {
    let digits = |p: usize, max: usize| digits_at(b, p, max);
    let two = |p: usize| u32::from(b[p] - b'0') * 10 + u32::from(b[p + 1] - b'0');
    if matches!(b.get(*p), Some(b'Z' | b'z')) {
        *p += 1;
        return true;
    }
    if b.len().saturating_sub(*p) <= 1 || !matches!(b[*p], b'+' | b'-') {
        return false;
    }
    *p += 1;
    if digits(*p, 2) < 2 || two(*p) > 23 {
        return false;
    }
    *p += 2;
    if *p >= b.len() {
        return true;
    }
    let sep = match b[*p] {
        b':' => {
            *p += 1;
            true
        }
        c if c.is_ascii_digit() => false,
        _ => return true,
    };
    // Minutes, then seconds.
    for next_sep in [b":" as &[u8], b".,"] {
        let n = digits(*p, 2);
        if n == 0 && !sep {
            return true;
        }
        if n < 2 || two(*p) > 59 {
            return false;
        }
        *p += 2;
        if *p >= b.len() {
            return true;
        }
        if sep {
            if !next_sep.contains(&b[*p]) {
                return true;
            }
            *p += 1;
        }
    }
    // Fraction of second.
    let n = digits(*p, 3);
    if n == 0 && !sep {
        return true;
    }
    if n == 0 {
        return false;
    }
    *p += n;
    true
}

/// How many ASCII digits, at most `max`, stand at `p` (none past the end).
fn digits_at(b: &[u8], p: usize, max: usize) -> usize {
    b[p.min(b.len())..]
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count()
}
