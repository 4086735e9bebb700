//! fge's "extra" formats (`ExtraFormatsDictionary`): `base64`, the hex digests (`md5`, `sha1`,
//! `sha256`, `sha512`), `mac`, `uuid` and `json-pointer`.

use super::network::java_digit;

/// `Err(None)`: bad length; `Err(Some((char, index)))`: the first illegal character.
pub(super) fn base64(s: &str) -> Result<(), Option<(String, usize)>> {
    if crate::java::length(s) % 4 != 0 {
        return Err(None);
    }
    // `PATTERN.matcher(input).replaceFirst("")` with PATTERN = "==?$": the leftmost `=` or `==`
    // followed by the end or by a final line terminator.
    let at_end = |r: &str| {
        matches!(
            r,
            "" | "\n" | "\r" | "\r\n" | "\u{85}" | "\u{2028}" | "\u{2029}"
        )
    };
    let mut cut = None;
    for (i, _) in s.match_indices('=') {
        if s[i + 1..].starts_with('=') && at_end(&s[i + 2..]) {
            cut = Some((i, i + 2));
            break;
        }
        if at_end(&s[i + 1..]) {
            cut = Some((i, i + 1));
            break;
        }
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/';
    let (head, tail) = match cut {
        Some((a, b)) => (&s[..a], &s[b..]),
        None => (s, ""),
    };
    let mut index = 0;
    for c in head.chars().chain(tail.chars()) {
        if !ok(c) {
            // fge reports the character of the *unstripped* input at that index.
            let units: Vec<u16> = s.encode_utf16().collect();
            let ch = char::decode_utf16([units[index]])
                .next()
                .and_then(Result::ok)
                .unwrap_or('\u{FFFD}');
            return Err(Some((ch.to_string(), index)));
        }
        index += c.len_utf16();
    }
    Ok(())
}

pub(super) fn hex(s: &str, n: usize) -> Result<(), Option<(String, usize)>> {
    if crate::java::length(s) != n {
        return Err(None);
    }
    let mut index = 0;
    for c in s.chars() {
        if !c.is_ascii_hexdigit() {
            return Err(Some((c.to_string(), index)));
        }
        index += c.len_utf16();
    }
    Ok(())
}

pub(super) fn mac(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 17
        && b.iter().enumerate().all(|(i, c)| {
            if i % 3 == 2 {
                *c == b':'
            } else {
                c.is_ascii_alphanumeric()
            }
        })
}

/// Java 8 `UUID.fromString`: `split("-")` (trailing empty parts dropped) must give five parts,
/// each `Long.decode("0x" + part)`.
pub(super) fn uuid(s: &str) -> bool {
    let parts = s.trim_end_matches('-');
    if parts.is_empty() {
        return false;
    }
    let mut n = 0;
    for part in parts.split('-') {
        n += 1;
        let mut v: u64 = 0;
        if part.is_empty() {
            return false;
        }
        for c in part.chars() {
            let Some(d) = java_digit(c, 16) else {
                return false;
            };
            v = match v.checked_mul(16).and_then(|v| v.checked_add(u64::from(d))) {
                Some(v) if v <= i64::MAX as u64 => v,
                _ => return false,
            };
        }
    }
    n == 5
}

pub(super) fn json_pointer(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    if !s.starts_with('/') {
        return false;
    }
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, c)| *c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}
