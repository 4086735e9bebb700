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
//!
//! Speed notes (the crate is built for size, so little is inlined unless asked): the hot
//! helpers are `#[inline(always)]` and keep the position in a local; nodes are stored into a
//! pre-filled vector; plain string bytes are skipped eight at a time.

use super::arena::{grow, hash_at, load, name_hash, Node};
use super::arena::{DEAD, ESCAPED, REDIRECT, TRUE, WIDE};
use super::doc::{Doc, Parts};
use crate::schema::types::{ARRAY, BOOLEAN, INTEGER, NULL, NUMBER, OBJECT, STRING};
use std::cell::Cell;
use std::fmt;

/// How deep arrays and objects may nest in an instance (Jackson 2.15's default
/// `StreamReadConstraints.maxNestingDepth`).
pub const MAX_NESTING: usize = 1000;

/// The text is not JSON (API Gateway's message for this is "Unknown error parsing request
/// body"); `offset` is the byte where reading stopped and `reason` says what was wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotJson {
    /// Byte offset into the text.
    pub offset: usize,
    /// What the parser expected or found, e.g. `"a trailing comma"`.
    pub reason: &'static str,
}

impl fmt::Display for NotJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not JSON: {} at byte {}", self.reason, self.offset)
    }
}

impl std::error::Error for NotJson {}

/// A parsed instance: the text and its arena.
pub(crate) struct Parsed<'t> {
    text: &'t str,
    bufs: Buffers,
}

/// The vectors a parse fills; kept for the next parse on this thread.
#[derive(Default)]
pub(crate) struct Buffers {
    /// The nodes are `nodes[..len]`. A boxed slice rather than a `Vec` (grown by doubling),
    /// so that storing a node is an indexed store.
    pub nodes: Box<[Node]>,
    pub len: usize,
    pub strings: String,
    /// (key node, value node) of keys whose value a later duplicate replaced.
    pub redirects: Vec<(u32, u32)>,
    /// Parser scratch: open containers, and (name hash, key node) of an object with
    /// repeated names.
    pub stack: Vec<Frame>,
    pub keys: Vec<(u32, u32)>,
}

thread_local! {
    static SPARE: Cell<Option<Buffers>> = const { Cell::new(None) };
}

/// Buffers larger than this (in nodes) are dropped after use rather than kept.
const KEEP_NODES: usize = 1 << 20;

impl<'t> Parsed<'t> {
    /// Parses `text`; `max_nesting` limits how deep containers nest.
    pub fn new(text: &'t str, max_nesting: usize) -> Result<Parsed<'t>, NotJson> {
        let mut bufs = SPARE.with(Cell::take).unwrap_or_default();
        bufs.len = 0;
        bufs.strings.clear();
        bufs.redirects.clear();
        let result = parse(text, &mut bufs, max_nesting);
        let parsed = Parsed { text, bufs };
        result.map(|()| parsed)
    }

    /// The view the validator reads.
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            text: self.text,
            nodes: &self.bufs.nodes[..self.bufs.len],
            strings: &self.bufs.strings,
            redirects: &self.bufs.redirects,
        }
    }

    /// The arena, to keep (an `enum` keeps its values this way).
    pub fn into_parts(mut self) -> Parts {
        Parts {
            nodes: self.bufs.nodes[..self.bufs.len].into(),
            strings: std::mem::take(&mut self.bufs.strings).into(),
            redirects: std::mem::take(&mut self.bufs.redirects).into(),
        }
    }
}

impl Drop for Parsed<'_> {
    fn drop(&mut self) {
        if self.bufs.nodes.len() <= KEEP_NODES {
            let bufs = std::mem::take(&mut self.bufs);
            SPARE.with(|s| s.set(Some(bufs)));
        }
    }
}

/// An open container: its node, how many children it has so far, and for an object a filter
/// of its members' name hashes (bit `hash % 64`) and whether two names may be the same.
#[derive(Clone, Copy, Debug)]
pub(super) struct Frame {
    node: u32,
    count: u32,
    names: u64,
    object: bool,
    repeat: bool,
}

impl Frame {
    const TOP: Frame = Frame {
        node: TOP,
        count: 0,
        names: 0,
        object: false,
        repeat: false,
    };
}

/// No container is open.
const TOP: u32 = u32::MAX;

/// Bytes that end a plain run inside a string: the quote, the backslash, control characters.
const STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is a quote, a backslash or a control character, or
/// of a later byte (bytes from 0x80 count as plain here; they are noted separately). The
/// lowest bit set is exact: the borrow tricks only mark extra bytes above a true one.
#[inline(always)]
fn stops(x: u64) -> u64 {
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGHS;
    let ascii = !x & HIGHS;
    let control = x.wrapping_sub(ONES * 0x20) & ascii;
    zero(x ^ (ONES * b'"' as u64)) | zero(x ^ (ONES * b'\\' as u64)) | control
}

struct Parser<'t, 'b> {
    text: &'t str,
    b: &'t [u8],
    bufs: &'b mut Buffers,
    max_nesting: usize,
}

/// Reads `text` into `bufs` (nodes from `bufs.len` = 0 on).
pub(super) fn parse(text: &str, bufs: &mut Buffers, max_nesting: usize) -> Result<(), NotJson> {
    bufs.stack.clear();
    if text.len() >= u32::MAX as usize {
        return Err(fail(0, "a text longer than 4 GiB"));
    }
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        bufs,
        max_nesting,
    };
    p.run()
}

#[cold]
#[inline(never)]
fn fail(offset: usize, reason: &'static str) -> NotJson {
    NotJson { offset, reason }
}

impl Parser<'_, '_> {
    #[inline(always)]
    fn ws(&self, p: usize) -> usize {
        // Compact JSON has none: one comparison.
        if self.at(p) > b' ' {
            return p;
        }
        self.more_ws(p)
    }

    fn more_ws(&self, mut p: usize) -> usize {
        while p < self.b.len() && matches!(self.b[p], b' ' | b'\n' | b'\r' | b'\t') {
            p += 1;
        }
        p
    }

    #[inline(always)]
    fn at(&self, p: usize) -> u8 {
        if p < self.b.len() {
            self.b[p]
        } else {
            0
        }
    }

    #[inline(always)]
    fn push(&mut self, ty: u8, flags: u8, a: usize, b: usize, c: u32) {
        let n = self.bufs.len;
        if n == self.bufs.nodes.len() {
            grow(&mut self.bufs.nodes, self.b.len() / 8);
        }
        self.bufs.nodes[n] = Node {
            ty,
            flags,
            a: a as u32,
            b: b as u32,
            c,
        };
        self.bufs.len = n + 1;
    }

    fn run(&mut self) -> Result<(), NotJson> {
        let mut cur = Frame::TOP;
        let mut p = self.ws(0);
        loop {
            // A value starts at `p`.
            let c = self.at(p);
            match c {
                b'"' => p = self.string(p + 1, false)?.0,
                b'{' | b'[' => {
                    if self.bufs.stack.len() >= self.max_nesting {
                        return Err(fail(p, "nesting deeper than 1000 arrays and objects"));
                    }
                    let object = c == b'{';
                    self.bufs.stack.push(cur);
                    cur = Frame {
                        node: self.bufs.len as u32,
                        object,
                        ..Frame::TOP
                    };
                    self.push(if object { OBJECT } else { ARRAY }, 0, 0, 0, 0);
                    p = self.ws(p + 1);
                    if self.at(p) != if object { b'}' } else { b']' } {
                        if object {
                            p = self.key(p, &mut cur)?;
                        }
                        continue;
                    }
                    p += 1;
                    cur = self.close(cur);
                }
                b'-' | b'0'..=b'9' => p = self.number(p)?,
                b't' => p = self.word(p, b"true", BOOLEAN, TRUE)?,
                b'f' => p = self.word(p, b"false", BOOLEAN, 0)?,
                b'n' => p = self.word(p, b"null", NULL, 0)?,
                _ if p >= self.b.len() => {
                    return Err(fail(p, "the end of the text where a value belongs"));
                }
                _ => return Err(fail(p, "a character that starts no JSON value")),
            }
            // A value ended: a separator, or the end of one or more containers.
            loop {
                p = self.ws(p);
                if cur.node == TOP {
                    return match p < self.b.len() {
                        false => Ok(()),
                        true => Err(fail(p, "text after the JSON value")),
                    };
                }
                cur.count += 1;
                match (self.at(p), cur.object) {
                    (b',', object) => {
                        p = self.ws(p + 1);
                        if object {
                            p = self.key(p, &mut cur)?;
                        } else if self.at(p) == b']' {
                            return Err(fail(p, "a trailing comma"));
                        }
                        break;
                    }
                    (b'}', true) | (b']', false) => {
                        p += 1;
                        cur = self.close(cur);
                    }
                    _ if p >= self.b.len() => {
                        return Err(fail(p, "the end of the text inside a container"));
                    }
                    (_, true) => return Err(fail(p, "a character where , or } belongs")),
                    (_, false) => return Err(fail(p, "a character where , or ] belongs")),
                }
            }
        }
    }

    /// Closes the container `f` (its closing bracket has been read); returns its parent.
    #[inline(always)]
    fn close(&mut self, f: Frame) -> Frame {
        let mut count = f.count;
        if f.repeat {
            count -= self.dedupe(f.node);
        }
        let end = self.bufs.len as u32;
        let n = &mut self.bufs.nodes[f.node as usize];
        n.a = end;
        n.b = count;
        self.bufs.stack.pop().unwrap_or(Frame::TOP)
    }

    /// A member name at `p`, the colon and the whitespace after it; returns where the value
    /// starts.
    #[inline(always)]
    fn key(&mut self, p: usize, cur: &mut Frame) -> Result<usize, NotJson> {
        if self.at(p) != b'"' {
            return Err(fail(
                p,
                if self.at(p) == b'}' {
                    "a trailing comma"
                } else {
                    "a character where a member name (a string) belongs"
                },
            ));
        }
        let (p, hash) = self.string(p + 1, true)?;
        let bit = 1u64 << (hash & 63);
        cur.repeat |= cur.names & bit != 0;
        cur.names |= bit;
        let p = self.ws(p);
        if self.at(p) != b':' {
            return Err(fail(p, "a character where : belongs"));
        }
        Ok(self.ws(p + 1))
    }

    /// Whether key nodes `i` and `j` hold the same name.
    fn same_name(&self, i: u32, j: u32) -> bool {
        let (a, b) = (self.bufs.nodes[i as usize], self.bufs.nodes[j as usize]);
        self.name(a) == self.name(b)
    }

    fn name(&self, n: Node) -> &[u8] {
        let (a, b) = (n.a as usize, (n.a + n.b) as usize);
        if n.flags & ESCAPED != 0 {
            &self.bufs.strings.as_bytes()[a..b]
        } else {
            &self.b[a..b]
        }
    }

    /// Finds repeated names among the members of the object at `obj`, which is being closed
    /// (its filter saw two names with the same hash bit): the first key of a name gets the
    /// last value, later keys are dead. Returns how many members were dropped.
    #[inline(never)]
    fn dedupe(&mut self, obj: u32) -> u32 {
        // (hash, key node) of the members, sorted by hash then position: equal names end up
        // next to each other, in document order.
        let mut keys = std::mem::take(&mut self.bufs.keys);
        keys.clear();
        let (mut k, end) = (obj + 1, self.bufs.len as u32);
        while k < end {
            keys.push((self.bufs.nodes[k as usize].c, k));
            let v = self.bufs.nodes[k as usize + 1];
            k = if v.ty & (ARRAY | OBJECT) != 0 {
                v.a
            } else {
                k + 2
            };
        }
        keys.sort_unstable();
        let mut dropped = 0;
        for j in 1..keys.len() {
            let (h, kj) = keys[j];
            let mut i = j;
            while i > 0 && keys[i - 1].0 == h {
                i -= 1;
                let ki = keys[i].1;
                if self.bufs.nodes[ki as usize].flags & DEAD != 0 || !self.same_name(ki, kj) {
                    continue;
                }
                // Earlier repeats are dead, so `ki` is the first key of this name.
                self.bufs.nodes[kj as usize].flags |= DEAD;
                self.bufs.nodes[ki as usize].flags |= REDIRECT;
                match self.bufs.redirects.iter_mut().find(|r| r.0 == ki) {
                    Some(r) => r.1 = kj + 1,
                    None => self.bufs.redirects.push((ki, kj + 1)),
                }
                dropped += 1;
                break;
            }
        }
        self.bufs.keys = keys;
        dropped
    }

    /// `true`, `false` or `null` at `p`.
    #[inline(always)]
    fn word(&mut self, p: usize, w: &[u8], ty: u8, flags: u8) -> Result<usize, NotJson> {
        let mut i = 0;
        while i < w.len() {
            if self.at(p + i) != w[i] {
                return Err(fail(p, "a misspelt true, false or null"));
            }
            i += 1;
        }
        self.push(ty, flags, 0, 0, 0);
        Ok(p + w.len())
    }

    /// A string whose opening quote is just before `start`; returns the position after the
    /// closing quote, and for a key its name hash (kept in the node too).
    #[inline(always)]
    fn string(&mut self, start: usize, key: bool) -> Result<(usize, u32), NotJson> {
        let b = self.b;
        let mut p = start;
        let mut high = 0u64;
        loop {
            while let Some(x) = load(b, p) {
                let m = stops(x);
                // (Bytes past the string may set `high`: then `WIDE` is only a maybe.)
                high |= x;
                if m != 0 {
                    // Straight to the first stop byte.
                    p += (m.trailing_zeros() / 8) as usize;
                    break;
                }
                p += 8;
            }
            if p >= b.len() {
                return Err(fail(p, "the end of the text inside a string"));
            }
            let c = b[p];
            if !STOP[c as usize] {
                high |= u64::from(c);
                p += 1;
                continue;
            }
            if c == b'"' {
                break;
            }
            if c == b'\\' {
                return self.escaped(start, p, key);
            }
            return Err(fail(p, "a control character inside a string"));
        }
        let flags = if high & HIGHS != 0 { WIDE } else { 0 };
        let hash = if key { hash_at(b, start, p - start) } else { 0 };
        self.push(STRING, flags, start, p - start, hash);
        Ok((p + 1, hash))
    }

    /// The rest of a string from its first backslash (at `p`), unescaped into the side buffer.
    #[inline(never)]
    fn escaped(&mut self, start: usize, mut p: usize, key: bool) -> Result<(usize, u32), NotJson> {
        let off = self.bufs.strings.len();
        self.bufs.strings.push_str(&self.text[start..p]);
        loop {
            let run = p;
            while p < self.b.len() && !STOP[self.b[p] as usize] {
                p += 1;
            }
            self.bufs.strings.push_str(&self.text[run..p]);
            match self.at(p) {
                b'"' => break,
                b'\\' => {}
                _ if p >= self.b.len() => {
                    return Err(fail(p, "the end of the text inside a string"));
                }
                _ => return Err(fail(p, "a control character inside a string")),
            }
            let c = match self.at(p + 1) {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let (c, q) = self.unicode(p + 2)?;
                    p = q - 2;
                    c
                }
                _ if p + 1 >= self.b.len() => {
                    return Err(fail(p + 1, "the end of the text inside a string"));
                }
                _ => return Err(fail(p + 1, "an unknown escape in a string")),
            };
            self.bufs.strings.push(c);
            p += 2;
        }
        let s = &self.bufs.strings[off..];
        let flags = ESCAPED | if s.is_ascii() { 0 } else { WIDE };
        let hash = if key { name_hash(s.as_bytes()) } else { 0 };
        let len = s.len();
        self.push(STRING, flags, off, len, hash);
        Ok((p + 1, hash))
    }

    /// Four hex digits at `p` (after `\u`), and a low surrogate escape after a high one;
    /// returns the character and the position after its digits.
    fn unicode(&self, p: usize) -> Result<(char, usize), NotJson> {
        let hi = self.hex4(p)?;
        if !(0xD800..0xE000).contains(&hi) {
            return Ok((char::from_u32(hi).unwrap_or('\u{FFFD}'), p + 4));
        }
        if hi < 0xDC00 && self.at(p + 4) == b'\\' && self.at(p + 5) == b'u' {
            let lo = self.hex4(p + 6)?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok((char::from_u32(c).unwrap_or('\u{FFFD}'), p + 10));
            }
        }
        Ok(('\u{FFFD}', p + 4))
    }

    fn hex4(&self, p: usize) -> Result<u32, NotJson> {
        let mut v = 0;
        for i in p..p + 4 {
            let d = match self.at(i) {
                c @ b'0'..=b'9' => c - b'0',
                c @ b'a'..=b'f' => c - b'a' + 10,
                c @ b'A'..=b'F' => c - b'A' + 10,
                _ => return Err(fail(i, "a \\u escape without four hex digits")),
            };
            v = v * 16 + u32::from(d);
        }
        Ok(v)
    }

    #[inline(always)]
    fn digits(&self, mut p: usize) -> usize {
        while self.at(p).is_ascii_digit() {
            p += 1;
        }
        p
    }

    /// A number at `start`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    #[inline(always)]
    fn number(&mut self, start: usize) -> Result<usize, NotJson> {
        let mut p = start;
        if self.at(p) == b'-' {
            p += 1;
        }
        match self.at(p) {
            b'0' => p += 1,
            b'1'..=b'9' => p = self.digits(p + 1),
            _ => return Err(fail(p, "a minus sign without digits")),
        }
        let mut ty = INTEGER;
        if matches!(self.at(p), b'.' | b'e' | b'E') {
            p = self.decimal(p)?;
            ty = NUMBER;
        }
        self.push(ty, 0, start, p - start, 0);
        Ok(p)
    }

    /// The fraction and exponent of a number, from `p` (at `.`, `e` or `E`).
    fn decimal(&self, mut p: usize) -> Result<usize, NotJson> {
        let mut scale: i64 = 0;
        if self.at(p) == b'.' {
            let q = self.digits(p + 1);
            if q == p + 1 {
                return Err(fail(q, "a decimal point without digits after it"));
            }
            scale = (q - p - 1) as i64;
            p = q;
        }
        if matches!(self.at(p), b'e' | b'E') {
            p += 1;
            let neg = self.at(p) == b'-';
            if matches!(self.at(p), b'-' | b'+') {
                p += 1;
            }
            let mut exp: i64 = 0;
            let q = self.digits(p);
            if q == p {
                return Err(fail(q, "an exponent without digits"));
            }
            for &c in &self.b[p..q] {
                exp = (exp * 10 + i64::from(c - b'0')).min(1 << 40);
            }
            let exp = if neg { -exp } else { exp };
            scale -= exp;
            if i32::try_from(exp).is_err() || i32::try_from(scale).is_err() {
                return Err(fail(q, "a number whose exponent does not fit a Java int"));
            }
            p = q;
        }
        Ok(p)
    }
}
