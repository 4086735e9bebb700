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

/// One node. `ty` is the type bit of `validate` (`NULL` ... `OBJECT`).
/// Containers: `a` = index after the subtree, `b` = number of elements or (distinct) members.
/// Strings: `a`, `b` = start and length in the text or, with `ESCAPED`, in the side buffer.
/// Numbers: `a`, `b` = start and length in the text. A key: `c` = the value node when a later
/// duplicate replaced it (else 0, which is never a member value).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Node {
    pub ty: u8,
    pub flags: u8,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

/// A parsed instance: the text and its arena.
pub(crate) struct Parsed<'t> {
    text: &'t str,
    bufs: Buffers,
}

/// The vectors a parse fills; kept for the next parse on this thread.
#[derive(Default)]
pub(crate) struct Buffers {
    pub nodes: Vec<Node>,
    pub strings: String,
    /// Parser scratch: open containers, and member-name fingerprints of open objects.
    pub stack: Vec<parse::Frame>,
    pub keys: Vec<(u64, u32)>,
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
        bufs.nodes.clear();
        bufs.strings.clear();
        let result = parse::parse(text, &mut bufs, max_nesting);
        let parsed = Parsed { text, bufs };
        result.map(|()| parsed)
    }

    /// The view the validator reads.
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            text: self.text,
            nodes: &self.bufs.nodes,
            strings: &self.bufs.strings,
        }
    }

    /// The arena, to keep (an `enum` keeps its values this way).
    pub fn into_parts(mut self) -> (Box<[Node]>, Box<str>) {
        let nodes = std::mem::take(&mut self.bufs.nodes).into_boxed_slice();
        let strings = std::mem::take(&mut self.bufs.strings).into_boxed_str();
        (nodes, strings)
    }
}

impl Drop for Parsed<'_> {
    fn drop(&mut self) {
        if self.bufs.nodes.capacity() <= KEEP_NODES {
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
}

impl<'d> Doc<'d> {
    /// The node at `i` as a handle.
    #[inline]
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

    /// The text of a string node.
    #[inline(always)]
    fn string(&self, n: Node) -> &'d str {
        let (a, b) = (n.a as usize, n.a as usize + n.b as usize);
        if n.flags & ESCAPED != 0 {
            &self.strings[a..b]
        } else {
            &self.text[a..b]
        }
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
    #[inline]
    pub fn as_i64(self) -> Option<i64> {
        let n = self.doc.node(self.i);
        if n.ty != INTEGER {
            return None;
        }
        super::number::parse_i64(&self.doc.text.as_bytes()[n.a as usize..(n.a + n.b) as usize])
    }

    /// Number of array elements or object members (0 for other values).
    #[inline]
    pub fn len(self) -> usize {
        let n = self.doc.node(self.i);
        if n.ty & (ARRAY | OBJECT) != 0 {
            n.b as usize
        } else {
            0
        }
    }

    /// The elements of an array (nothing for other values).
    #[inline]
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
    #[inline]
    pub fn members(self) -> Members<'d> {
        let n = self.doc.node(self.i);
        let end = if n.ty == OBJECT { n.a } else { self.i + 1 };
        Members {
            doc: self.doc,
            i: self.i + 1,
            end,
        }
    }

    /// The member called `name`.
    #[inline]
    pub fn get(self, name: &str) -> Option<Val<'d>> {
        self.members()
            .find(|(k, _)| k.len() == name.len() && k.as_bytes() == name.as_bytes())
            .map(|(_, v)| v)
    }

    /// Whether the object has a member called `name`.
    #[inline]
    pub fn has(self, name: &str) -> bool {
        self.get(name).is_some()
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
    #[inline]
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
    type Item = (&'d str, Val<'d>);
    #[inline]
    fn next(&mut self) -> Option<(&'d str, Val<'d>)> {
        while self.i < self.end {
            let key = self.doc.node(self.i);
            let value = self.i + 1;
            self.i = self.doc.after(value);
            if key.flags & DEAD != 0 {
                continue;
            }
            let value = if key.c != 0 { key.c } else { value };
            return Some((self.doc.string(key), self.doc.at(value)));
        }
        None
    }
}
