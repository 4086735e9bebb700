//! The JSON reader: one pass, no recursion (open containers are on an explicit stack).
//!
//! Accepted is what Jackson's default `ObjectMapper` accepts (RFC 8259): one value with
//! optional whitespace (space, tab, LF, CR) around it and nothing after it. Rejected: trailing
//! commas, comments, single quotes, unquoted names, `NaN`/`Infinity`, a leading `+`, leading
//! zeros (`01`, `-01`), `1.`, `.5`, `1e`, control characters (below U+0020) inside strings,
//! escapes other than `\" \\ \/ \b \f \n \r \t \uXXXX`, a byte order mark, and containers
//! nested deeper than the limit. Choices where Rust and Java differ:
//!
//! * A `\uXXXX` escape of a lone surrogate (Jackson keeps it in the Java string) becomes
//!   U+FFFD, one code point and one UTF-16 unit like the surrogate it replaces; a high and a
//!   low surrogate escape in a row make one character.
//! * Numbers are kept exactly as written, however long. A decimal whose `BigDecimal` scale
//!   (fraction digits minus exponent) or whose exponent does not fit a Java `int` is not JSON:
//!   `new BigDecimal(text)` throws there, and Jackson reports a parse error.

use super::{Buffers, Node, NotJson, DEAD, ESCAPED, TRUE, WIDE};
use crate::schema::validate::{ARRAY, BOOLEAN, INTEGER, NULL, NUMBER, OBJECT, STRING};

/// An open container: its node, where its member fingerprints start in `Buffers::keys`, and
/// how many children it has so far.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    node: u32,
    keys: u32,
    count: u32,
}

/// Byte classes inside a string: plain, end quote, backslash, control character, non-ASCII.
const PLAIN: u8 = 0;
const QUOTE: u8 = 1;
const BACKSLASH: u8 = 2;
const CONTROL: u8 = 3;
const HIGH: u8 = 4;

const CLASSES: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i < 0x20 {
            CONTROL
        } else if i == b'"' as usize {
            QUOTE
        } else if i == b'\\' as usize {
            BACKSLASH
        } else if i >= 0x80 {
            HIGH
        } else {
            PLAIN
        };
        i += 1;
    }
    t
};

struct Parser<'t, 'b> {
    text: &'t str,
    b: &'t [u8],
    p: usize,
    bufs: &'b mut Buffers,
    max_nesting: usize,
}

/// Reads `text` into `bufs.nodes` (and `bufs.strings`).
pub(super) fn parse(text: &str, bufs: &mut Buffers, max_nesting: usize) -> Result<(), NotJson> {
    bufs.stack.clear();
    bufs.keys.clear();
    // A node needs at least two bytes of text, except in `[1]`-like runs; start with a guess.
    bufs.nodes.reserve(text.len() / 8 + 1);
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        p: 0,
        bufs,
        max_nesting,
    };
    p.run()
}

impl Parser<'_, '_> {
    fn fail(&self, reason: &'static str) -> NotJson {
        NotJson {
            offset: self.p,
            reason,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.p).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.p += 1;
        }
    }

    #[inline(always)]
    fn push(&mut self, ty: u8, flags: u8, a: usize, b: usize) {
        self.bufs.nodes.push(Node {
            ty,
            flags,
            a: a as u32,
            b: b as u32,
            c: 0,
        });
    }

    fn run(&mut self) -> Result<(), NotJson> {
        if self.b.len() >= u32::MAX as usize {
            return Err(self.fail("a text longer than 4 GiB"));
        }
        self.ws();
        loop {
            // A value starts here.
            match self.peek() {
                Some(b'"') => {
                    self.p += 1;
                    self.string()?;
                }
                Some(b'{') => {
                    self.open(OBJECT)?;
                    if self.peek() != Some(b'}') {
                        self.key()?;
                        continue;
                    }
                    self.p += 1;
                    self.close();
                }
                Some(b'[') => {
                    self.open(ARRAY)?;
                    if self.peek() != Some(b']') {
                        continue;
                    }
                    self.p += 1;
                    self.close();
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.word(b"true", BOOLEAN, TRUE)?,
                Some(b'f') => self.word(b"false", BOOLEAN, 0)?,
                Some(b'n') => self.word(b"null", NULL, 0)?,
                Some(_) => return Err(self.fail("a character that starts no JSON value")),
                None => return Err(self.fail("the end of the text where a value belongs")),
            }
            // A value ended: a separator, or the end of one or more containers.
            loop {
                self.ws();
                let Some(top) = self.bufs.stack.last_mut() else {
                    return match self.peek() {
                        None => Ok(()),
                        Some(_) => Err(self.fail("text after the JSON value")),
                    };
                };
                top.count += 1;
                let object = top.keys != u32::MAX;
                match (self.peek(), object) {
                    (Some(b','), _) => {
                        self.p += 1;
                        self.ws();
                        if object {
                            self.key()?;
                        } else if self.peek() == Some(b']') {
                            return Err(self.fail("a trailing comma"));
                        }
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.p += 1;
                        self.close();
                    }
                    (None, _) => return Err(self.fail("the end of the text inside a container")),
                    (Some(_), true) => return Err(self.fail("a character where , or } belongs")),
                    (Some(_), false) => return Err(self.fail("a character where , or ] belongs")),
                }
            }
        }
    }

    /// Opens the container whose bracket is at `p`; skips the whitespace after it.
    fn open(&mut self, ty: u8) -> Result<(), NotJson> {
        if self.bufs.stack.len() >= self.max_nesting {
            return Err(self.fail("nesting deeper than 1000 arrays and objects"));
        }
        self.p += 1;
        let node = self.bufs.nodes.len() as u32;
        let keys = if ty == OBJECT {
            self.bufs.keys.len() as u32
        } else {
            u32::MAX
        };
        self.push(ty, 0, 0, 0);
        self.bufs.stack.push(Frame {
            node,
            keys,
            count: 0,
        });
        self.ws();
        Ok(())
    }

    /// Closes the innermost container (its closing bracket has been read).
    fn close(&mut self) {
        let Some(f) = self.bufs.stack.pop() else {
            return;
        };
        let end = self.bufs.nodes.len() as u32;
        let mut count = f.count;
        if f.keys != u32::MAX {
            count -= self.dedupe(f.keys as usize);
            self.bufs.keys.truncate(f.keys as usize);
        }
        let n = &mut self.bufs.nodes[f.node as usize];
        n.a = end;
        n.b = count;
    }

    /// A member name, the colon and the whitespace after it.
    fn key(&mut self) -> Result<(), NotJson> {
        if self.peek() != Some(b'"') {
            return Err(self.fail(if self.peek() == Some(b'}') {
                "a trailing comma"
            } else {
                "a character where a member name (a string) belongs"
            }));
        }
        self.p += 1;
        let at = self.bufs.nodes.len() as u32;
        self.string()?;
        let n = self.bufs.nodes[at as usize];
        let name = if n.flags & ESCAPED != 0 {
            &self.bufs.strings.as_bytes()[n.a as usize..(n.a + n.b) as usize]
        } else {
            &self.b[n.a as usize..(n.a + n.b) as usize]
        };
        let h = fingerprint(name);
        self.bufs.keys.push((h, at));
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.fail("a character where : belongs"));
        }
        self.p += 1;
        self.ws();
        Ok(())
    }

    /// The name of the key node at `i`.
    fn name(&self, i: u32) -> &[u8] {
        let n = self.bufs.nodes[i as usize];
        let (a, b) = (n.a as usize, (n.a + n.b) as usize);
        if n.flags & ESCAPED != 0 {
            &self.bufs.strings.as_bytes()[a..b]
        } else {
            &self.b[a..b]
        }
    }

    /// Finds repeated names among the members of the object being closed (fingerprints from
    /// `keys[from..]`): the first key of a name gets the last value, later keys are dead.
    /// Returns how many members were dropped.
    fn dedupe(&mut self, from: usize) -> u32 {
        let n = self.bufs.keys.len() - from;
        if n < 2 {
            return 0;
        }
        if n > 16 {
            // Sorted by fingerprint, then by position: equal names end up next to each other.
            self.bufs.keys[from..].sort_unstable();
        }
        let mut dropped = 0;
        for j in from + 1..self.bufs.keys.len() {
            let (h, kj) = self.bufs.keys[j];
            // Small objects: compare with every earlier name; large ones: with the run of equal
            // fingerprints just before.
            let mut i = j;
            while i > from {
                i -= 1;
                let (g, ki) = self.bufs.keys[i];
                if g != h {
                    if n > 16 {
                        break;
                    }
                    continue;
                }
                if self.bufs.nodes[ki as usize].flags & DEAD != 0 || self.name(ki) != self.name(kj)
                {
                    continue;
                }
                // Earlier repeats are dead, so `ki` is the first key of this name.
                self.bufs.nodes[kj as usize].flags |= DEAD;
                self.bufs.nodes[ki as usize].c = kj + 1;
                dropped += 1;
                break;
            }
        }
        dropped
    }

    /// `true`, `false` or `null`.
    fn word(&mut self, w: &[u8], ty: u8, flags: u8) -> Result<(), NotJson> {
        if !self.b[self.p..].starts_with(w) {
            return Err(self.fail("a misspelt true, false or null"));
        }
        self.p += w.len();
        self.push(ty, flags, 0, 0);
        Ok(())
    }

    /// A string whose opening quote has been read.
    fn string(&mut self) -> Result<(), NotJson> {
        let start = self.p;
        let mut p = start;
        let mut flags = 0;
        loop {
            let Some(&c) = self.b.get(p) else {
                self.p = p;
                return Err(self.fail("the end of the text inside a string"));
            };
            match CLASSES[c as usize] {
                PLAIN => p += 1,
                QUOTE => break,
                HIGH => {
                    flags = WIDE;
                    p += 1;
                }
                BACKSLASH => {
                    self.p = p;
                    return self.escaped(start);
                }
                _ => {
                    self.p = p;
                    return Err(self.fail("a control character inside a string"));
                }
            }
        }
        self.p = p + 1;
        self.push(STRING, flags, start, p - start);
        Ok(())
    }

    /// The rest of a string from its first backslash (at `p`), unescaped into the side buffer.
    fn escaped(&mut self, start: usize) -> Result<(), NotJson> {
        let off = self.bufs.strings.len();
        self.bufs.strings.push_str(&self.text[start..self.p]);
        loop {
            let run = self.p;
            while let Some(&c) = self.b.get(self.p) {
                if matches!(CLASSES[c as usize], PLAIN | HIGH) {
                    self.p += 1;
                } else {
                    break;
                }
            }
            self.bufs.strings.push_str(&self.text[run..self.p]);
            match self.peek() {
                Some(b'"') => break,
                Some(b'\\') => {}
                Some(_) => return Err(self.fail("a control character inside a string")),
                None => return Err(self.fail("the end of the text inside a string")),
            }
            self.p += 1;
            let Some(e) = self.peek() else {
                return Err(self.fail("the end of the text inside a string"));
            };
            self.p += 1;
            let c = match e {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode()?,
                _ => {
                    self.p -= 1;
                    return Err(self.fail("an unknown escape in a string"));
                }
            };
            self.bufs.strings.push(c);
        }
        self.p += 1;
        let s = &self.bufs.strings[off..];
        let flags = ESCAPED | if s.is_ascii() { 0 } else { WIDE };
        let len = s.len();
        self.push(STRING, flags, off, len);
        Ok(())
    }

    /// Four hex digits at `p` (after `\u`), and a low surrogate escape after a high one.
    fn unicode(&mut self) -> Result<char, NotJson> {
        let hi = self.hex4()?;
        if !(0xD800..0xE000).contains(&hi) {
            return Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'));
        }
        if hi < 0xDC00 && self.b[self.p..].starts_with(b"\\u") {
            let save = self.p;
            self.p += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.p = save;
        }
        Ok('\u{FFFD}')
    }

    fn hex4(&mut self) -> Result<u32, NotJson> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.fail("a \\u escape without four hex digits")),
            };
            v = v * 16 + u32::from(d);
            self.p += 1;
        }
        Ok(v)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<(), NotJson> {
        let start = self.p;
        if self.peek() == Some(b'-') {
            self.p += 1;
        }
        match self.peek() {
            Some(b'0') => self.p += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("a minus sign without digits")),
        }
        let mut ty = INTEGER;
        let mut scale: i64 = 0;
        if self.peek() == Some(b'.') {
            self.p += 1;
            let from = self.p;
            self.digits();
            if self.p == from {
                return Err(self.fail("a decimal point without digits after it"));
            }
            ty = NUMBER;
            scale = (self.p - from) as i64;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.p += 1;
            let neg = match self.peek() {
                Some(b'-') => {
                    self.p += 1;
                    true
                }
                Some(b'+') => {
                    self.p += 1;
                    false
                }
                _ => false,
            };
            let mut exp: i64 = 0;
            let from = self.p;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                exp = (exp * 10 + i64::from(c - b'0')).min(1 << 40);
                self.p += 1;
            }
            if self.p == from {
                return Err(self.fail("an exponent without digits"));
            }
            let exp = if neg { -exp } else { exp };
            scale -= exp;
            if i32::try_from(exp).is_err() || i32::try_from(scale).is_err() {
                return Err(self.fail("a number whose exponent does not fit a Java int"));
            }
            ty = NUMBER;
        }
        self.push(ty, 0, start, self.p - start);
        Ok(())
    }

    #[inline(always)]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.p += 1;
        }
    }
}

/// A cheap fingerprint of a member name (length, first and last eight bytes).
fn fingerprint(s: &[u8]) -> u64 {
    let word = |b: &[u8]| b.iter().fold(0u64, |h, &c| h << 8 | u64::from(c));
    let n = s.len();
    let head = word(&s[..n.min(8)]);
    let tail = word(&s[n.saturating_sub(8)..]);
    (head ^ tail.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n as u64
}
