//! `format` (fge `FormatProcessor` + the draft-v4 format dictionary of json-schema-validator
//! 2.2.x): strings only; the validator runs after all other keywords of the schema. Unknown
//! formats are ignored (fge logs a *warning*, `format attribute "%s" not supported`, which is
//! not an error and not listed).
//!
//! fge's draft-v4 dictionary (`DraftV4FormatAttributesDictionary`, `CommonFormatAttributesDictionary`,
//! `ExtraFormatsDictionary`) and what each attribute calls, reproduced here:
//!
//! | format | fge check | here |
//! |---|---|---|
//! | `date-time` | Joda `yyyy-MM-dd'T'HH:mm:ss[.S{1,3}]` + `appendTimeZoneOffset("Z", false, 2, 2)` | [`date_time`] |
//! | `email` | `new javax.mail.internet.InternetAddress(s, true)` | [`email`] |
//! | `hostname` | Guava `InternetDomainName.from(s)` | [`hostname`] |
//! | `ipv4`, `ipv6` | Guava `InetAddresses.forString(s).getAddress().length` 4 / 16 | [`ip`] |
//! | `uri` | `new java.net.URI(s)` (relative references are valid) | [`uri`] |
//! | `regex` | Rhino regex compiles | `crate::regex` (ECMAScript) compiles |
//! | `base64` | length % 4 == 0, then at most two `=` stripped, then `[A-Za-z0-9+/]*` | [`base64`] |
//! | `md5`, `sha1`, `sha256`, `sha512` | hex string of 32/40/64/128 chars | [`hex`] |
//! | `mac` | `[A-Za-z0-9]{2}(?::[A-Za-z0-9]{2}){5}` (sic: not only hex) | [`mac`] |
//! | `uuid` | `java.util.UUID.fromString` (Java 8: five `-`-separated hex groups of any length that fit a `long`) | [`uuid`] |
//! | `json-pointer` | jackson-coreutils `JsonPointer` | [`json_pointer`] |
//!
//! Java specifics kept: lengths and indexes count UTF-16 units; `Character.digit` accepts
//! non-ASCII decimal digits (Guava's IP parser did, before Guava 26); an IPv4-mapped IPv6
//! address (`::ffff:1.2.3.4`) is an IPv4 address to `InetAddress.getByAddress`, so it passes
//! `ipv4` and fails `ipv6`.

use crate::regex::{Dialect, Regex};
use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::Schema;
use crate::schema::graph::{entry, Entry, Keyword};
use crate::schema::instance::Val;
use crate::schema::messages::{self, len16};
use crate::schema::report::Trail;
use crate::schema::types::STRING;
use serde_json::Value;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fmt {
    DateTime,
    Email,
    Hostname,
    Ipv4,
    Ipv6,
    Uri,
    Regex,
    Base64,
    JsonPointer,
    Mac,
    Hex(usize),
    Uuid,
}

const NAMES: [(&str, Fmt); 15] = [
    ("date-time", Fmt::DateTime),
    ("email", Fmt::Email),
    ("hostname", Fmt::Hostname),
    ("ipv4", Fmt::Ipv4),
    ("ipv6", Fmt::Ipv6),
    ("uri", Fmt::Uri),
    ("regex", Fmt::Regex),
    ("base64", Fmt::Base64),
    ("json-pointer", Fmt::JsonPointer),
    ("mac", Fmt::Mac),
    ("md5", Fmt::Hex(32)),
    ("sha1", Fmt::Hex(40)),
    ("sha256", Fmt::Hex(64)),
    ("sha512", Fmt::Hex(128)),
    ("uuid", Fmt::Uuid),
];

pub(crate) struct Format(Fmt);

impl Keyword for Format {
    fn name(&self) -> &'static str {
        "format"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        let Some(s) = v.as_str() else { return true };
        match self.0 {
            Fmt::DateTime => date_time(s),
            Fmt::Email => email(s),
            Fmt::Hostname => hostname(s),
            Fmt::Ipv4 => ip(s) == Some(4),
            Fmt::Ipv6 => ip(s) == Some(16),
            Fmt::Uri => uri(s),
            Fmt::Regex => Regex::new(s, Dialect::EcmaScript).is_ok(),
            Fmt::Base64 => base64(s).is_ok(),
            Fmt::JsonPointer => json_pointer(s),
            Fmt::Mac => mac(s),
            Fmt::Hex(n) => hex(s, n).is_ok(),
            Fmt::Uuid => uuid(s),
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let s = v.as_str().unwrap_or_default();
        match self.0 {
            Fmt::DateTime => messages::date_time(s),
            Fmt::Email => messages::email(s),
            Fmt::Hostname => messages::hostname(s),
            Fmt::Ipv4 => messages::ipv4(s),
            Fmt::Ipv6 => messages::ipv6(s),
            Fmt::Uri => messages::uri(s),
            Fmt::Regex => messages::regex(s),
            Fmt::Base64 => match base64(s) {
                Err(None) => messages::base64_length(len16(s)),
                Err(Some((c, i))) => messages::base64_char(&c, i),
                Ok(()) => String::new(),
            },
            Fmt::JsonPointer => messages::json_pointer(s),
            Fmt::Mac => messages::mac(s),
            Fmt::Hex(n) => match hex(s, n) {
                Err(None) => messages::hex_length(len16(s), n),
                Err(Some((c, i))) => messages::hex_char(&c, i),
                Ok(()) => String::new(),
            },
            Fmt::Uuid => messages::uuid(s),
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(f) = s.map.get("format") else {
        return Ok(());
    };
    let Value::String(name) = f else {
        return Err(cx.wrong(
            s,
            &["format"],
            "a string naming a format (e.g. \"date-time\")",
            f,
        ));
    };
    if let Some((_, fmt)) = NAMES.iter().find(|(n, _)| n == name) {
        out.push(entry(STRING, Format(*fmt)));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// date-time: Joda-Time DateTimeFormatter built by fge's DateTimeAttribute.

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
pub(crate) fn date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let mut p = 0;
    let digits = |p: usize, max: usize| {
        b[p.min(b.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
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
    let digits = |p: usize, max: usize| {
        b[p.min(b.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
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

// ---------------------------------------------------------------------------------------
// email: javax.mail.internet.InternetAddress(s, strict = true).

/// JavaMail's `specialsNoDot`: `()<>,;:\\"[]@`.
fn special_no_dot(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '<' | '>' | ',' | ';' | ':' | '\\' | '"' | '[' | ']' | '@'
    )
}

/// Where `close` ends the quoted string or domain literal whose text starts at `index`
/// (a backslash escapes the next byte); `None` when it is never closed.
fn closing(b: &[u8], mut index: usize, close: u8) -> Option<usize> {
    while index < b.len() {
        match b[index] {
            b'\\' => index += 1,
            c if c == close => return Some(index),
            _ => {}
        }
        index += 1;
    }
    None
}

/// `new InternetAddress(s, true)`: `parse(s, true)` must give exactly one address, which must
/// then pass `checkAddress(address, true, true)` (or, for a group `name: list;`, whose list
/// must parse).
pub(crate) fn email(s: &str) -> bool {
    let Some((1, addr)) = parse_addresses(s) else {
        return false;
    };
    if addr.ends_with(';') && addr.find(':').is_some_and(|i| i > 0) {
        let i = addr.find(':').unwrap_or(0);
        let list = &addr[i + 1..addr.len() - 1];
        let unfolded = list
            .replace("\r\n ", " ")
            .replace("\r\n\t", "\t")
            .replace("\n ", " ")
            .replace("\n\t", "\t");
        return parse_addresses(&unfolded).is_some();
    }
    check_address(addr, true, true)
}

fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// `InternetAddress.parse(s, strict = true)`: the number of addresses and the first one.
fn parse_addresses(s: &str) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    let len = b.len();
    let (mut start, mut end): (Option<usize>, Option<usize>) = (None, None);
    let (mut in_group, mut route_addr) = (false, false);
    let (mut count, mut first) = (0usize, "");
    let mut add = |addr| {
        if count == 0 {
            first = addr;
        }
        count += 1;
    };
    let mut index = 0;
    while index < len {
        match b[index] {
            b'(' => {
                if start.is_some() && end.is_none() {
                    end = Some(index);
                }
                let mut nesting = 1;
                index += 1;
                while index < len && nesting > 0 {
                    match b[index] {
                        b'\\' => index += 1,
                        b'(' => nesting += 1,
                        b')' => nesting -= 1,
                        _ => {}
                    }
                    index += 1;
                }
                if nesting > 0 {
                    return None;
                }
                index -= 1;
            }
            b')' | b'>' => return None,
            b'<' => {
                if route_addr {
                    return None;
                }
                let rindex = index;
                let mut inquote = false;
                index += 1;
                while index < len {
                    match b[index] {
                        b'\\' => index += 1,
                        b'"' => inquote = !inquote,
                        b'>' if !inquote => break,
                        _ => {}
                    }
                    index += 1;
                }
                if inquote || index >= len {
                    return None;
                }
                if !in_group {
                    start = Some(rindex + 1);
                }
                route_addr = true;
                end = Some(index);
            }
            b'"' => {
                start.get_or_insert(index);
                index = closing(b, index + 1, b'"')?;
            }
            b'[' => {
                start.get_or_insert(index);
                index = closing(b, index + 1, b']')?;
            }
            b';' => {
                let Some(st) = start else {
                    route_addr = false;
                    (start, end) = (None, None);
                    index += 1;
                    continue;
                };
                if !in_group {
                    return None;
                }
                in_group = false;
                add(java_trim(s.get(st..index + 1)?));
                route_addr = false;
                (start, end) = (None, None);
            }
            b',' => {
                let Some(st) = start else {
                    route_addr = false;
                    (start, end) = (None, None);
                    index += 1;
                    continue;
                };
                if in_group {
                    route_addr = false;
                    index += 1;
                    continue;
                }
                let addr = java_trim(s.get(st..end.unwrap_or(index))?);
                if !check_address(addr, route_addr, false) {
                    return None;
                }
                add(addr);
                route_addr = false;
                (start, end) = (None, None);
            }
            b':' => {
                if in_group {
                    return None;
                }
                start.get_or_insert(index);
                in_group = true;
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => {
                start.get_or_insert(index);
            }
        }
        index += 1;
    }
    if let Some(st) = start {
        let addr = java_trim(s.get(st..end.unwrap_or(len))?);
        if !check_address(addr, route_addr, false) {
            return None;
        }
        add(addr);
    }
    Some((count, first))
}

/// `InternetAddress.checkAddress(addr, routeAddr, validate)` (JavaMail 1.4.4–1.5 rules).
fn check_address(addr: &str, route: bool, validate: bool) -> bool {
    let b = addr.as_bytes();
    if b.is_empty() {
        return false;
    }
    let mut start = 0;
    if route && b[0] == b'@' {
        while let Some(i) = b[start..]
            .iter()
            .position(|c| *c == b',' || *c == b':')
            .map(|i| i + start)
        {
            if b[start] != b'@' {
                return false;
            }
            start = i + 1;
            if b[i] == b':' {
                break;
            }
        }
    }
    let mut c = None::<char>;
    let mut inquote = false;
    let mut at = None;
    for (i, ch) in addr[start.min(addr.len())..].char_indices() {
        let i = i + start;
        let lastc = c;
        c = Some(ch);
        if ch == '\\' || lastc == Some('\\') {
            continue;
        }
        if ch == '"' {
            if inquote {
                if validate && i + 1 < b.len() && b[i + 1] != b'@' {
                    return false;
                }
                inquote = false;
            } else {
                if validate && i != 0 {
                    return false;
                }
                inquote = true;
            }
            continue;
        }
        if inquote {
            continue;
        }
        if ch == '@' {
            if i == 0 {
                return false;
            }
            at = Some(i);
            break;
        }
        if ch <= ' ' || ch >= '\u{7f}' || special_no_dot(ch) {
            return false;
        }
    }
    if inquote {
        return false;
    }
    let Some(at) = at else {
        // The loop may end on an escaped '@': Java then looks for the domain past the end.
        return if c == Some('@') { false } else { !validate };
    };
    let domain = &addr[at + 1..];
    if domain.is_empty() || domain.starts_with('.') {
        return false;
    }
    let mut last = '@';
    for ch in domain.chars() {
        if ch == '[' {
            return true;
        }
        if ch <= ' ' || ch >= '\u{7f}' || special_no_dot(ch) || (ch == '.' && last == '.') {
            return false;
        }
        last = ch;
    }
    last != '.'
}

// ---------------------------------------------------------------------------------------
// hostname: Guava InternetDomainName.from (Guava 16).

/// Unicode decimal digit blocks of the BMP (Java 8 / Unicode 6.2), by their zero.
const ND_ZEROS: [u32; 35] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xAA50, 0xABF0, 0xFF10,
];

/// Java's `Character.digit(c, radix)` for radix 10 or 16.
fn java_digit(c: char, radix: u32) -> Option<u32> {
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

pub(crate) fn hostname(s: &str) -> bool {
    let is_dot = |c: char| matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}');
    let name = match s.char_indices().last() {
        Some((i, c)) if is_dot(c) => &s[..i],
        _ => s,
    };
    if len16(name) > 253 {
        return false;
    }
    let parts = name.split(is_dot);
    if name.split(is_dot).count() > 127 {
        return false;
    }
    let last = name.split(is_dot).count() - 1;
    parts.enumerate().all(|(i, part)| {
        let n = len16(part);
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

// ---------------------------------------------------------------------------------------
// ipv4 / ipv6: Guava InetAddresses.ipStringToBytes (Guava 16) + InetAddress.getByAddress.

fn parse_int(s: &str, radix: u32) -> Option<u32> {
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
pub(crate) fn ip(s: &str) -> Option<usize> {
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

// ---------------------------------------------------------------------------------------
// uri: java.net.URI(String) — RFC 2396 parser with Java's deviations (RFC 2732 IPv6
// literals, empty authority, visible non-ASCII characters allowed where escapes are).

const fn chars(s: &[u8]) -> u128 {
    let (mut r, mut i) = (0u128, 0);
    while i < s.len() {
        r |= 1 << s[i];
        i += 1;
    }
    r
}
const fn range(a: u8, b: u8) -> u128 {
    let (mut r, mut c) = (0u128, a);
    while c <= b {
        r |= 1 << c;
        c += 1;
    }
    r
}
/// Bit 0: escapes (`%XX`) and visible non-ASCII characters are allowed.
const ESC: u128 = 1;
const DIGIT: u128 = range(b'0', b'9');
const ALPHA: u128 = range(b'a', b'z') | range(b'A', b'Z');
const ALNUM: u128 = DIGIT | ALPHA;
const HEX: u128 = DIGIT | range(b'a', b'f') | range(b'A', b'F');
const UNRESERVED: u128 = ALNUM | chars(b"-_.!~*'()");
const URIC: u128 = chars(b";/?:@&=+$,[]") | UNRESERVED | ESC;
const PATH: u128 = UNRESERVED | ESC | chars(b":@&=+$,;/");
const USERINFO: u128 = UNRESERVED | ESC | chars(b";:&=+$,");
const REG_NAME: u128 = UNRESERVED | ESC | chars(b"$,;:@&=+");
const SERVER: u128 = USERINFO | ALNUM | chars(b"-.:@[]");
const SERVER_PERCENT: u128 = SERVER | chars(b"%");
const SCHEME: u128 = ALNUM | chars(b"+-.");

struct UriParser<'a> {
    s: &'a str,
    b: &'a [u8],
    ipv6_bytes: u32,
}

/// Where `java.net.URI`'s parser throws `URISyntaxException`.
struct NotUri;

impl UriParser<'_> {
    fn at(&self, p: usize, n: usize, c: u8) -> bool {
        p < n && self.b[p] == c
    }
    /// Java `scan(start, end, err, stop)`: `None` when an `err` character comes first.
    fn find(&self, start: usize, n: usize, err: &[u8], stop: &[u8]) -> Option<usize> {
        let mut p = start;
        while p < n {
            let c = self.b[p];
            if err.contains(&c) {
                return None;
            }
            if stop.contains(&c) {
                break;
            }
            p += 1;
        }
        Some(p)
    }
    /// Java `scan(start, end, lowMask, highMask)`; `Err` on a malformed escape.
    fn scan(&self, start: usize, n: usize, mask: u128) -> Result<usize, NotUri> {
        let mut p = start;
        while p < n {
            let c = self.s[p..].chars().next().unwrap_or('\0');
            if c != '\0' && (c as u32) < 128 && mask & (1 << c as u32) != 0 {
                p += 1;
                continue;
            }
            if mask & ESC != 0 {
                if c == '%' {
                    if p + 3 <= n
                        && HEX & (1 << self.b[p + 1].min(127)) != 0
                        && HEX & (1 << self.b[p + 2].min(127)) != 0
                    {
                        p += 3;
                        continue;
                    }
                    return Err(NotUri);
                }
                if (c as u32) > 128 && !is_space_char(c) && !c.is_control() {
                    p += c.len_utf8();
                    continue;
                }
            }
            break;
        }
        Ok(p)
    }
    fn check(&self, start: usize, end: usize, mask: u128) -> Result<(), NotUri> {
        if start < end && self.scan(start, end, mask)? < end {
            return Err(NotUri);
        }
        Ok(())
    }

    fn parse(&mut self) -> Result<(), NotUri> {
        let n = self.b.len();
        let mut p = match self.find(0, n, b"/?#", b":") {
            Some(p) if self.at(p, n, b':') => {
                if p == 0 || ALPHA & (1 << self.b[0].min(127)) == 0 {
                    return Err(NotUri);
                }
                self.check(1, p, SCHEME)?;
                let p = p + 1;
                if self.at(p, n, b'/') {
                    self.hierarchical(p, n)?
                } else {
                    let q = self.find(p, n, b"", b"#").unwrap_or(n);
                    if q <= p {
                        return Err(NotUri);
                    }
                    self.check(p, q, URIC)?;
                    q
                }
            }
            _ => self.hierarchical(0, n)?,
        };
        if self.at(p, n, b'#') {
            self.check(p + 1, n, URIC)?;
            p = n;
        }
        if p < n {
            return Err(NotUri);
        }
        Ok(())
    }

    fn hierarchical(&mut self, start: usize, n: usize) -> Result<usize, NotUri> {
        let mut p = start;
        if self.at(p, n, b'/') && self.at(p + 1, n, b'/') {
            p += 2;
            let q = self.find(p, n, b"", b"/?#").unwrap_or(n);
            if q > p {
                p = self.authority(p, q)?;
            } else if q >= n {
                return Err(NotUri);
            }
        }
        let q = self.find(p, n, b"", b"?#").unwrap_or(n);
        self.check(p, q, PATH)?;
        p = q;
        if self.at(p, n, b'?') {
            p += 1;
            let q = self.find(p, n, b"", b"#").unwrap_or(n);
            self.check(p, q, URIC)?;
            p = q;
        }
        Ok(p)
    }

    fn authority(&mut self, p: usize, n: usize) -> Result<usize, NotUri> {
        let server_chars = if self.find(p, n, b"", b"]").unwrap_or(n) > p {
            self.scan(p, n, SERVER_PERCENT)? == n
        } else {
            self.scan(p, n, SERVER)? == n
        };
        let reg_chars = self.scan(p, n, REG_NAME)? == n;
        if reg_chars && !server_chars {
            return Ok(n);
        }
        // A server-based authority if it parses as one, else registry-based if it can be.
        if server_chars && self.server(p, n).is_ok() || reg_chars {
            Ok(n)
        } else {
            Err(NotUri)
        }
    }

    fn server(&mut self, start: usize, n: usize) -> Result<usize, NotUri> {
        let mut p = start;
        if let Some(q) = self.find(p, n, b"/?#", b"@") {
            if self.at(q, n, b'@') {
                self.check(p, q, USERINFO)?;
                p = q + 1;
            }
        }
        if self.at(p, n, b'[') {
            p += 1;
            match self.find(p, n, b"/?#", b"]") {
                Some(q) if q > p && self.at(q, n, b']') => {
                    let r = self.find(p, q, b"", b"%").unwrap_or(q);
                    self.ipv6(p, r)?;
                    if r < q {
                        if r + 1 == q {
                            return Err(NotUri);
                        }
                        self.check(r + 1, q, ALNUM)?;
                    }
                    p = q + 1;
                }
                _ => return Err(NotUri),
            }
        } else {
            p = match self.ipv4(p, n, false) {
                Ok(Some(q)) if q > p && (q >= n || self.b[q] == b':') => q,
                _ => self.hostname(p, n)?,
            };
        }
        if self.at(p, n, b':') {
            p += 1;
            let q = self.find(p, n, b"", b"/").unwrap_or(n);
            if q > p {
                self.check(p, q, DIGIT)?;
                if parse_int(&self.s[p..q], 10).is_none() {
                    return Err(NotUri);
                }
                p = q;
            }
        }
        if p < n {
            return Err(NotUri);
        }
        Ok(p)
    }

    /// Java `scanIPv4Address`: `Ok(None)` when there is nothing IPv4-like, `Err` when it is
    /// malformed.
    fn ipv4(&self, start: usize, n: usize, strict: bool) -> Result<Option<usize>, NotUri> {
        let m = self.scan(start, n, DIGIT | chars(b"."))?;
        if m <= start || (strict && m != n) {
            return Ok(None);
        }
        let mut p = start;
        for i in 0..7 {
            let q = if i % 2 == 0 {
                let q = self.scan(p, m, DIGIT)?;
                if q > p && parse_int(&self.s[p..q], 10).ok_or(NotUri)? > 255 {
                    p
                } else {
                    q
                }
            } else if self.at(p, m, b'.') {
                p + 1
            } else {
                p
            };
            if q <= p {
                return Err(NotUri);
            }
            p = q;
        }
        if p < m {
            return Err(NotUri);
        }
        Ok(Some(p))
    }

    fn take_ipv4(&mut self, start: usize, n: usize) -> Result<usize, NotUri> {
        match self.ipv4(start, n, true)? {
            Some(p) if p > start => {
                self.ipv6_bytes += 4;
                Ok(p)
            }
            _ => Err(NotUri),
        }
    }

    fn hostname(&self, start: usize, n: usize) -> Result<usize, NotUri> {
        let (mut p, mut last) = (start, None);
        loop {
            let q = self.scan(p, n, ALNUM)?;
            if q <= p {
                break;
            }
            last = Some(p);
            p = q;
            let q = self.scan(p, n, ALNUM | chars(b"-"))?;
            if q > p {
                if self.b[q - 1] == b'-' {
                    return Err(NotUri);
                }
                p = q;
            }
            if !self.at(p, n, b'.') {
                break;
            }
            p += 1;
            if p >= n {
                break;
            }
        }
        if p < n && !self.at(p, n, b':') {
            return Err(NotUri);
        }
        match last {
            None => Err(NotUri),
            Some(l) if l > start && ALPHA & (1 << self.b[l].min(127)) == 0 => Err(NotUri),
            Some(_) => Ok(p),
        }
    }

    fn ipv6(&mut self, start: usize, n: usize) -> Result<(), NotUri> {
        self.ipv6_bytes = 0;
        let mut p = start;
        let mut compressed = false;
        match self.hex_seq(p, n)? {
            Some(q) if q > p => {
                p = q;
                if self.at(p, n, b':') && self.at(p + 1, n, b':') {
                    compressed = true;
                    p = self.hex_post(p + 2, n)?;
                } else if self.at(p, n, b':') {
                    p = self.take_ipv4(p + 1, n)?;
                }
            }
            _ => {
                if self.at(p, n, b':') && self.at(p + 1, n, b':') {
                    compressed = true;
                    p = self.hex_post(p + 2, n)?;
                }
            }
        }
        let count = self.ipv6_bytes;
        if p < n || count > 16 || (!compressed && count < 16) || (compressed && count == 16) {
            return Err(NotUri);
        }
        Ok(())
    }

    fn hex_post(&mut self, start: usize, n: usize) -> Result<usize, NotUri> {
        if start == n {
            return Ok(start);
        }
        match self.hex_seq(start, n)? {
            Some(q) if q > start => {
                if self.at(q, n, b':') {
                    self.take_ipv4(q + 1, n)
                } else {
                    Ok(q)
                }
            }
            _ => self.take_ipv4(start, n),
        }
    }

    fn hex_seq(&mut self, start: usize, n: usize) -> Result<Option<usize>, NotUri> {
        let q = self.scan(start, n, HEX)?;
        if q <= start || self.at(q, n, b'.') {
            return Ok(None);
        }
        if q > start + 4 {
            return Err(NotUri);
        }
        self.ipv6_bytes += 2;
        let mut p = q;
        while p < n {
            if !self.at(p, n, b':') || self.at(p + 1, n, b':') {
                break;
            }
            p += 1;
            let q = self.scan(p, n, HEX)?;
            if q <= p {
                return Err(NotUri);
            }
            if self.at(q, n, b'.') {
                p -= 1;
                break;
            }
            if q > p + 4 {
                return Err(NotUri);
            }
            self.ipv6_bytes += 2;
            p = q;
        }
        Ok(Some(p))
    }
}

/// Java `Character.isSpaceChar` (Zs, Zl, Zp as of Unicode 6.2).
fn is_space_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

pub(crate) fn uri(s: &str) -> bool {
    UriParser {
        s,
        b: s.as_bytes(),
        ipv6_bytes: 0,
    }
    .parse()
    .is_ok()
}

// ---------------------------------------------------------------------------------------
// The "extra" formats.

/// `Err(None)`: bad length; `Err(Some((char, index)))`: the first illegal character.
fn base64(s: &str) -> Result<(), Option<(String, usize)>> {
    if len16(s) % 4 != 0 {
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

fn hex(s: &str, n: usize) -> Result<(), Option<(String, usize)>> {
    if len16(s) != n {
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

fn mac(s: &str) -> bool {
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
fn uuid(s: &str) -> bool {
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

fn json_pointer(s: &str) -> bool {
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
