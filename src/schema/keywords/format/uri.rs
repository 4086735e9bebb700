//! `uri`: `java.net.URI(String)`, an RFC 2396 parser with Java's deviations (RFC 2732 IPv6
//! literals, empty authority, visible non-ASCII characters allowed where escapes are).

use super::network::parse_int;

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

pub(super) fn uri(s: &str) -> bool {
    UriParser {
        s,
        b: s.as_bytes(),
        ipv6_bytes: 0,
    }
    .parse()
    .is_ok()
}
