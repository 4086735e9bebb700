//! Case-insensitive comparison of characters, on simple (one-char) case mappings.

/// How a character or class compares with the text: Java's `CASE_INSENSITIVE` (`(?i)`, ASCII
/// only) and with `UNICODE_CASE` (`(?iu)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fold {
    Exact,
    Ascii,
    Unicode,
}

impl Fold {
    /// Whether `a` and `b` are the same character under this folding.
    pub fn same(self, a: char, b: char) -> bool {
        a == b
            || match self {
                Fold::Exact => false,
                Fold::Ascii => a.eq_ignore_ascii_case(&b),
                Fold::Unicode => {
                    simple_upper(a) == simple_upper(b) || simple_lower(a) == simple_lower(b)
                }
            }
    }

    /// Whether `c`, or one of its case variants under this folding, is in `lo..=hi`.
    pub fn in_range(self, c: char, lo: char, hi: char) -> bool {
        let r = |x: char| lo <= x && x <= hi;
        r(c) || match self {
            Fold::Exact => false,
            Fold::Ascii => r(c.to_ascii_lowercase()) || r(c.to_ascii_uppercase()),
            Fold::Unicode => r(simple_lower(c)) || r(simple_upper(c)),
        }
    }
}

/// `c`'s simple (one-char) upper-case mapping; `c` itself when the mapping is longer.
pub(super) fn simple_upper(c: char) -> char {
    single(c.to_uppercase(), c)
}

/// `c`'s simple (one-char) lower-case mapping; `c` itself when the mapping is longer.
pub(super) fn simple_lower(c: char) -> char {
    single(c.to_lowercase(), c)
}

fn single(mut it: impl Iterator<Item = char>, c: char) -> char {
    match (it.next(), it.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}
