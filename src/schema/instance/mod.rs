//! The instance: JSON text read in one pass into a flat arena of nodes, and a small `Copy`
//! handle ([`Val`]) the validator walks.
//!
//! Nodes are in preorder. A container node records where its subtree ends (the index after
//! its last descendant) and how many children it has; an object's children are key, value,
//! key, value, ... (a key is a string node). A string without escapes is a span of the text;
//! an escaped one is unescaped once into a side buffer. A number is the span of its text and
//! whether it is an `integer` or a `number` (fge's `NodeType`: a fraction or an exponent makes
//! it a `number`, as Jackson reads it into a `DecimalNode`); keywords read the value from the
//! text when they need it ([`crate::schema::number::Decimal`]).
//!
//! What the parser accepts is Jackson's default (`ObjectMapper.readTree` without features),
//! RFC 8259: see `parse.rs` for the edge cases. Duplicate member names: the last value wins
//! at the place of the first name, as Jackson's `ObjectNode` (a `LinkedHashMap`) keeps them;
//! the earlier key is redirected to the later value and the later key is skipped.
//!
//! The arena vectors are reused across calls on the same thread (a spare set is kept), so a
//! validation allocates nothing once the buffers have grown to the body size.

mod parse;
#[cfg(test)]
mod tests;

use super::validate::{ARRAY, BOOLEAN, INTEGER, NUMBER, OBJECT, STRING};
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

/// A string node's text is in the side buffer (it had escapes).
pub(crate) const ESCAPED: u8 = 1;
/// A string node holds a character outside ASCII.
pub(crate) const WIDE: u8 = 2;
/// A boolean node is `true`.
pub(crate) const TRUE: u8 = 4;
/// A key whose member a later duplicate replaced (skipped when iterating).
pub(crate) const DEAD: u8 = 8;
/// A key whose value is a later duplicate's (found in `Doc::redirects`).
pub(crate) const REDIRECT: u8 = 16;

/// One node. `ty` is the type bit of `validate` (`NULL` ... `OBJECT`).
/// Containers: `a` = index after the subtree, `b` = number of elements or (distinct) members.
/// Strings: `a`, `b` = start and length in the text or, with `ESCAPED`, in the side buffer;
/// a key has its [`name_hash`] in `c`. Numbers: `a`, `b` = start and length in the text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Node {
    pub ty: u8,
    pub flags: u8,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

/// The hash of a member name stored in its key node; compiled schemas hash their property
/// names the same way. It mixes the length with the first and the last eight bytes, so it
/// costs the same for any name (names that differ only in the middle collide, which costs a
/// byte comparison).
#[inline]
pub(crate) fn name_hash(name: &[u8]) -> u32 {
    hash_at(name, 0, name.len())
}

/// [`name_hash`] of `b[at..at + n]`.
#[inline(always)]
pub(crate) fn hash_at(b: &[u8], at: usize, n: usize) -> u32 {
    let (lo, hi) = if n <= 8 {
        (word(b, at, n), 0)
    } else {
        (word(b, at, 8), word(b, at + n - 8, 8))
    };
    let h = (lo ^ hi.rotate_left(23) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as u32
}

/// The `n` (at most 8) bytes at `b[at..]` as a little-endian word.
#[inline(always)]
pub(crate) fn word(b: &[u8], at: usize, n: usize) -> u64 {
    if let Some(w) = load(b, at) {
        return if n == 8 { w } else { w & ((1 << (8 * n)) - 1) };
    }
    let mut w = 0;
    let mut i = 0;
    while i < n {
        w |= u64::from(b[at + i]) << (8 * i);
        i += 1;
    }
    w
}

/// Eight bytes at `b[at..]` as a little-endian word, if there are eight (this form compiles
/// to one load).
#[inline(always)]
pub(crate) fn load(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..)
        .and_then(|r| r.first_chunk::<8>())
        .map(|c| u64::from_le_bytes(*c))
}

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
    pub stack: Vec<parse::Frame>,
    pub keys: Vec<(u32, u32)>,
}

/// Grows `b` to at least `min` elements (doubling).
#[cold]
#[inline(never)]
pub(crate) fn grow<T: Clone + Default>(b: &mut Box<[T]>, min: usize) {
    let mut v = std::mem::take(b).into_vec();
    let len = (v.len() * 2).max(min).max(16);
    v.resize(len, T::default());
    *b = v.into();
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
        let result = parse::parse(text, &mut bufs, max_nesting);
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

/// An arena kept apart from the parse buffers (read with [`Parts::doc`]).
pub(crate) struct Parts {
    nodes: Box<[Node]>,
    strings: Box<str>,
    redirects: Box<[(u32, u32)]>,
}

impl Parts {
    /// The view of the arena over `text`, the text it was parsed from.
    pub fn doc<'d>(&'d self, text: &'d str) -> Doc<'d> {
        Doc {
            text,
            nodes: &self.nodes,
            strings: &self.strings,
            redirects: &self.redirects,
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

/// The arena as slices: what [`Val`] handles point into.
#[derive(Clone, Copy)]
pub(crate) struct Doc<'d> {
    pub text: &'d str,
    pub nodes: &'d [Node],
    pub strings: &'d str,
    redirects: &'d [(u32, u32)],
}

impl<'d> Doc<'d> {
    /// The node at `i` as a handle.
    #[inline(always)]
    pub fn at(&'d self, i: u32) -> Val<'d> {
        Val { doc: self, i }
    }

    #[inline(always)]
    fn node(&self, i: u32) -> Node {
        self.nodes[i as usize]
    }

    /// The index after the subtree at `i`.
    #[inline(always)]
    fn after(&self, i: u32) -> u32 {
        let n = self.node(i);
        if n.ty & (ARRAY | OBJECT) != 0 {
            n.a
        } else {
            i + 1
        }
    }

    /// The bytes of a string node.
    #[inline(always)]
    fn bytes(&self, n: Node) -> &'d [u8] {
        let (a, b) = (n.a as usize, n.a as usize + n.b as usize);
        if n.flags & ESCAPED != 0 {
            &self.strings.as_bytes()[a..b]
        } else {
            &self.text.as_bytes()[a..b]
        }
    }

    /// The text of a string node.
    #[inline]
    fn string(&self, n: Node) -> &'d str {
        let (a, b) = (n.a as usize, n.a as usize + n.b as usize);
        if n.flags & ESCAPED != 0 {
            &self.strings[a..b]
        } else {
            &self.text[a..b]
        }
    }

    /// Whether the string node `n` holds `name`, compared byte by byte.
    #[inline(always)]
    fn holds(&self, n: Node, name: &[u8]) -> bool {
        if n.b as usize != name.len() {
            return false;
        }
        let src = if n.flags & ESCAPED != 0 {
            self.strings.as_bytes()
        } else {
            self.text.as_bytes()
        };
        // Eight bytes at a time (the hash already matched, so this is nearly always equal).
        let (a, len) = (n.a as usize, name.len());
        let mut i = 0;
        while i + 8 <= len {
            if word(src, a + i, 8) != word(name, i, 8) {
                return false;
            }
            i += 8;
        }
        i == len || word(src, a + i, len - i) == word(name, i, len - i)
    }

    /// The value node of the key at `k` (a later duplicate's value if one replaced it).
    #[cold]
    fn redirected(&self, k: u32) -> u32 {
        self.redirects
            .iter()
            .find(|r| r.0 == k)
            .map_or(k + 1, |r| r.1)
    }
}

/// A node of an instance: a cheap `Copy` handle (the arena and an index).
#[derive(Clone, Copy)]
pub(crate) struct Val<'d> {
    doc: &'d Doc<'d>,
    i: u32,
}

impl<'d> Val<'d> {
    /// The node's index; the same value always has the same index (validation loops).
    #[inline(always)]
    pub fn index(self) -> u32 {
        self.i
    }

    /// Another node of the same instance, by index.
    #[inline]
    pub fn node(self, i: u32) -> Val<'d> {
        self.doc.at(i)
    }

    /// fge's type of the value, a type bit of `validate`.
    #[inline(always)]
    pub fn ty(self) -> u8 {
        self.doc.node(self.i).ty
    }

    /// The string, if this is one.
    #[inline]
    pub fn as_str(self) -> Option<&'d str> {
        let n = self.doc.node(self.i);
        (n.ty == STRING).then(|| self.doc.string(n))
    }

    /// Length in code points of a string (Java `codePointCount`); 0 for other values.
    #[inline]
    pub fn char_count(self) -> usize {
        let n = self.doc.node(self.i);
        match n.ty {
            STRING if n.flags & WIDE == 0 => n.b as usize,
            STRING => self.doc.string(n).chars().count(),
            _ => 0,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(self) -> Option<bool> {
        let n = self.doc.node(self.i);
        (n.ty == BOOLEAN).then_some(n.flags & TRUE != 0)
    }

    /// The text of a number as written, if this is one.
    #[inline]
    pub fn number_text(self) -> Option<&'d [u8]> {
        let n = self.doc.node(self.i);
        (n.ty & (INTEGER | NUMBER) != 0)
            .then(|| &self.doc.text.as_bytes()[n.a as usize..(n.a + n.b) as usize])
    }

    /// The value of an integer that fits an `i64`.
    #[inline(always)]
    pub fn as_i64(self) -> Option<i64> {
        let n = self.doc.node(self.i);
        if n.ty != INTEGER {
            return None;
        }
        super::number::int_at(self.doc.text.as_bytes(), n.a as usize, n.b as usize)
    }

    /// The number compared with the integer `bound`, when that is quick (an integer that
    /// fits an `i64`, or a decimal without exponent and with at most 18 integer digits).
    #[inline(always)]
    pub fn cmp_int(self, bound: i64) -> Option<std::cmp::Ordering> {
        let n = self.doc.node(self.i);
        let text = self.doc.text.as_bytes();
        match n.ty {
            INTEGER => Some(super::number::int_at(text, n.a as usize, n.b as usize)?.cmp(&bound)),
            NUMBER => super::number::cmp_int_at(text, n.a as usize, n.b as usize, bound),
            _ => None,
        }
    }

    /// Number of array elements or object members (0 for other values).
    #[inline(always)]
    pub fn len(self) -> usize {
        let n = self.doc.node(self.i);
        if n.ty & (ARRAY | OBJECT) != 0 {
            n.b as usize
        } else {
            0
        }
    }

    /// The elements of an array (nothing for other values).
    #[inline(always)]
    pub fn elements(self) -> Elements<'d> {
        let n = self.doc.node(self.i);
        let end = if n.ty == ARRAY { n.a } else { self.i + 1 };
        Elements {
            doc: self.doc,
            i: self.i + 1,
            end,
        }
    }

    /// The members of an object in document order, each name once (nothing for other values).
    #[inline(always)]
    pub fn members(self) -> Members<'d> {
        let n = self.doc.node(self.i);
        let end = if n.ty == OBJECT { n.a } else { self.i + 1 };
        Members {
            doc: self.doc,
            i: self.i + 1,
            end,
        }
    }

    /// The member called `name`, whose [`name_hash`] is `hash`.
    #[inline]
    pub fn get_hashed(self, name: &[u8], hash: u32) -> Option<Val<'d>> {
        self.members()
            .find(|(k, _)| k.is(name, hash))
            .map(|(_, v)| v)
    }

    /// The member called `name`.
    pub fn get(self, name: &str) -> Option<Val<'d>> {
        self.get_hashed(name.as_bytes(), name_hash(name.as_bytes()))
    }

    /// Whether the object has a member called `name`, whose [`name_hash`] is `hash`.
    #[inline]
    pub fn has_hashed(self, name: &[u8], hash: u32) -> bool {
        self.get_hashed(name, hash).is_some()
    }

    /// Whether the object has a member called `name`.
    pub fn has(self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// A member name of an instance object.
#[derive(Clone, Copy)]
pub(crate) struct Key<'d> {
    doc: &'d Doc<'d>,
    i: u32,
}

impl<'d> Key<'d> {
    /// The name.
    #[inline]
    pub fn as_str(self) -> &'d str {
        self.doc.string(self.doc.node(self.i))
    }

    /// The name's [`name_hash`].
    #[inline(always)]
    pub fn hash(self) -> u32 {
        self.doc.node(self.i).c
    }

    /// Whether the name is `name`, whose [`name_hash`] is `hash`.
    #[inline(always)]
    pub fn is(self, name: &[u8], hash: u32) -> bool {
        let n = self.doc.node(self.i);
        n.c == hash && self.doc.holds(n, name)
    }

    /// The name's bytes.
    #[inline]
    pub fn bytes(self) -> &'d [u8] {
        self.doc.bytes(self.doc.node(self.i))
    }
}

/// Iterator over array elements.
pub(crate) struct Elements<'d> {
    doc: &'d Doc<'d>,
    i: u32,
    end: u32,
}

impl<'d> Iterator for Elements<'d> {
    type Item = Val<'d>;
    #[inline(always)]
    fn next(&mut self) -> Option<Val<'d>> {
        if self.i >= self.end {
            return None;
        }
        let v = self.doc.at(self.i);
        self.i = self.doc.after(self.i);
        Some(v)
    }
}

/// Iterator over object members: (name, value).
pub(crate) struct Members<'d> {
    doc: &'d Doc<'d>,
    i: u32,
    end: u32,
}

impl<'d> Iterator for Members<'d> {
    type Item = (Key<'d>, Val<'d>);
    #[inline(always)]
    fn next(&mut self) -> Option<(Key<'d>, Val<'d>)> {
        while self.i < self.end {
            let k = self.i;
            let flags = self.doc.node(k).flags;
            self.i = self.doc.after(k + 1);
            if flags & (DEAD | REDIRECT) == 0 {
                return Some((
                    Key {
                        doc: self.doc,
                        i: k,
                    },
                    self.doc.at(k + 1),
                ));
            }
            if flags & DEAD == 0 {
                let v = self.doc.redirected(k);
                return Some((
                    Key {
                        doc: self.doc,
                        i: k,
                    },
                    self.doc.at(v),
                ));
            }
        }
        None
    }
}
