//! The view the validator walks: [`Doc`] over an arena, [`Val`] handles to its nodes, [`Key`]s
//! of object members.

use super::arena::{name_hash, word, Node, DEAD, ESCAPED, REDIRECT, TRUE, WIDE};
use crate::schema::types::{ARRAY, BOOLEAN, INTEGER, NUMBER, OBJECT, STRING};

/// An arena kept apart from the parse buffers (read with [`Parts::doc`]).
pub(crate) struct Parts {
    pub(super) nodes: Box<[Node]>,
    pub(super) strings: Box<str>,
    pub(super) redirects: Box<[(u32, u32)]>,
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

/// The arena as slices: what [`Val`] handles point into.
#[derive(Clone, Copy)]
pub(crate) struct Doc<'d> {
    pub text: &'d str,
    pub nodes: &'d [Node],
    pub strings: &'d str,
    pub(super) redirects: &'d [(u32, u32)],
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
        crate::schema::number::int_at(self.doc.text.as_bytes(), n.a as usize, n.b as usize)
    }

    /// The number compared with the integer `bound`, when that is quick (an integer that
    /// fits an `i64`, or a decimal without exponent and with at most 18 integer digits).
    #[inline(always)]
    pub fn cmp_int(self, bound: i64) -> Option<std::cmp::Ordering> {
        let n = self.doc.node(self.i);
        let text = self.doc.text.as_bytes();
        match n.ty {
            INTEGER => {
                Some(crate::schema::number::int_at(text, n.a as usize, n.b as usize)?.cmp(&bound))
            }
            NUMBER => crate::schema::number::cmp_int_at(text, n.a as usize, n.b as usize, bound),
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
