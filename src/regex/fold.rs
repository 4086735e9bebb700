//! Case-insensitive comparison of characters, on simple (one-char) case mappings.

/// Simple (one-char) case mapping; `c` itself when the mapping is longer.
pub(super) fn simple(c: char, upper: bool) -> char {
    fn single(mut it: impl Iterator<Item = char>, c: char) -> char {
        match (it.next(), it.next()) {
            (Some(x), None) => x,
            _ => c,
        }
    }
    if upper {
        single(c.to_uppercase(), c)
    } else {
        single(c.to_lowercase(), c)
    }
}

pub(super) fn fold_eq(a: char, b: char, f: u8) -> bool {
    a == b
        || match f {
            1 => a.eq_ignore_ascii_case(&b),
            2 => simple(a, true) == simple(b, true) || simple(a, false) == simple(b, false),
            _ => false,
        }
}
