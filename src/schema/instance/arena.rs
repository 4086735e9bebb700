//! The arena's node, its flags, and the hash of member names that keys store.

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

/// One node. `ty` is a type bit of `schema::types` (`NULL` ... `OBJECT`).
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

/// Grows `b` to at least `min` elements (doubling).
#[cold]
#[inline(never)]
pub(crate) fn grow<T: Clone + Default>(b: &mut Box<[T]>, min: usize) {
    let mut v = std::mem::take(b).into_vec();
    let len = (v.len() * 2).max(min).max(16);
    v.resize(len, T::default());
    *b = v.into();
}
