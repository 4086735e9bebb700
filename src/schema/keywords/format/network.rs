//! `hostname` (Guava 16 `InternetDomainName.from`) and `ipv4` / `ipv6` (Guava 16
//! `InetAddresses.ipStringToBytes`, then `InetAddress.getByAddress`), with Java's digit rules.

/// Unicode decimal digit blocks of the BMP (Java 8 / Unicode 6.2), by their zero.
const ND_ZEROS: [u32; 35] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xAA50, 0xABF0, 0xFF10,
];

/// Java's `Character.digit(c, radix)` for radix 10 or 16.
pub(super) fn java_digit(c: char, radix: u32) -> Option<u32> {
    let u = c as u32;
    let v = match c {
        'a'..='z' => u - 'a' as u32 + 10,
        'A'..='Z' => u - 'A' as u32 + 10,
        '\u{FF21}'..='\u{FF3A}' => u - 0xFF21 + 10,
        '\u{FF41}'..='\u{FF5A}' => u - 0xFF41 + 10,
        _ => ND_ZEROS
            .iter()
            .find(|&&z| u >= z && u < z + 10)
            .map(|z| u - z)?,
    };
    (v < radix).then_some(v)
}

pub(super) fn hostname(s: &str) -> bool {
    let is_dot = |c: char| matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}');
    let name = match s.char_indices().last() {
        Some((i, c)) if is_dot(c) => &s[..i],
        _ => s,
    };
    if crate::java::length(name) > 253 {
        return false;
    }
    let parts = name.split(is_dot);
    if name.split(is_dot).count() > 127 {
        return false;
    }
    let last = name.split(is_dot).count() - 1;
    parts.enumerate().all(|(i, part)| {
        let n = crate::java::length(part);
        let first = part.chars().next();
        let end = part.chars().last();
        (1..=63).contains(&n)
            && part
                .chars()
                .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && !matches!(first, Some('-' | '_'))
            && !matches!(end, Some('-' | '_'))
            && !(i == last && first.is_some_and(|c| java_digit(c, 10).is_some()))
    })
}

// ipv4 / ipv6: Guava InetAddresses.ipStringToBytes (Guava 16) + InetAddress.getByAddress.

pub(super) fn parse_int(s: &str, radix: u32) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut v: u32 = 0;
    for c in s.chars() {
        v = v.checked_mul(radix)?.checked_add(java_digit(c, radix)?)?;
        if v > i32::MAX as u32 {
            return None;
        }
    }
    Some(v)
}

fn v4(s: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut n = 0;
    for part in s.split('.') {
        if n == 4 {
            return None;
        }
        let v = parse_int(part, 10)?;
        if v > 255 || (part.starts_with('0') && part.len() > 1) {
            return None;
        }
        out[n] = v as u8;
        n += 1;
    }
    (n == 4).then_some(out)
}

fn hextet(s: &str) -> Option<u16> {
    parse_int(s, 16).and_then(|v| u16::try_from(v).ok())
}

fn v6(s: &str) -> Option<[u8; 16]> {
    #[derive(Clone, Copy)]
    enum Part<'a> {
        Text(&'a str),
        Value(u16),
    }
    let (head, tail) = if s.contains('.') {
        let lc = s.rfind(':')?;
        let q = v4(&s[lc + 1..])?;
        (
            &s[..=lc],
            Some([
                u16::from_be_bytes([q[0], q[1]]),
                u16::from_be_bytes([q[2], q[3]]),
            ]),
        )
    } else {
        (s, None)
    };
    let mut parts = [Part::Text(""); 10];
    let mut n = 0;
    for p in head.split(':') {
        if n == 10 {
            return None;
        }
        parts[n] = Part::Text(p);
        n += 1;
    }
    if let Some([x, y]) = tail {
        if n == 10 {
            return None;
        }
        parts[n - 1] = Part::Value(x);
        parts[n] = Part::Value(y);
        n += 1;
    }
    if !(3..=9).contains(&n) {
        return None;
    }
    let empty = |p: Part| matches!(p, Part::Text(""));
    let mut skip = None;
    for (i, p) in parts.iter().enumerate().take(n - 1).skip(1) {
        if empty(*p) {
            if skip.is_some() {
                return None;
            }
            skip = Some(i);
        }
    }
    let (mut hi, mut lo) = (n, 0);
    if let Some(k) = skip {
        hi = k;
        lo = n - k - 1;
        if empty(parts[0]) {
            hi -= 1;
            if hi != 0 {
                return None;
            }
        }
        if empty(parts[n - 1]) {
            lo -= 1;
            if lo != 0 {
                return None;
            }
        }
    }
    let skipped = 8 - (hi + lo) as isize;
    if !(if skip.is_some() {
        skipped >= 1
    } else {
        skipped == 0
    }) {
        return None;
    }
    let val = |p: Part| match p {
        Part::Text(t) => hextet(t),
        Part::Value(v) => Some(v),
    };
    let mut out = [0u8; 16];
    let mut k = 0;
    for p in parts.iter().take(hi) {
        out[k..k + 2].copy_from_slice(&val(*p)?.to_be_bytes());
        k += 2;
    }
    k += 2 * skipped as usize;
    for p in parts[n - lo..n].iter() {
        out[k..k + 2].copy_from_slice(&val(*p)?.to_be_bytes());
        k += 2;
    }
    Some(out)
}

/// The address length Java's `InetAddress` ends up with (4 or 16), `None` if not an address.
pub(super) fn ip(s: &str) -> Option<usize> {
    let (mut colon, mut dot) = (false, false);
    for c in s.chars() {
        match c {
            '.' => dot = true,
            ':' if dot => return None,
            ':' => colon = true,
            c if java_digit(c, 16).is_none() => return None,
            _ => {}
        }
    }
    if colon {
        let b = v6(s)?;
        let mapped = b[..10].iter().all(|&x| x == 0) && b[10] == 0xff && b[11] == 0xff;
        Some(if mapped { 4 } else { 16 })
    } else if dot {
        v4(s).map(|_| 4)
    } else {
        None
    }
}
