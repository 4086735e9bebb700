//! `java.lang.String`'s arithmetic, which works on UTF-16 code units.

/// `String.hashCode()`: over UTF-16 code units, `h = 31 * h + c`.
pub(crate) fn hash_code(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// `String.length()`: UTF-16 code units.
pub(crate) fn length(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The order `String.compareTo` sorts in: by UTF-16 code units, which
/// differs from `str`'s order only between supplementary characters and
/// U+E000..U+FFFF.
pub(crate) fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `String.compareTo`: the difference of the first differing UTF-16 code
/// units, else of the lengths in code units.
pub(crate) fn compare_to(a: &str, b: &str) -> i64 {
    let (mut x, mut y) = (a.encode_utf16(), b.encode_utf16());
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p != q => return i64::from(p) - i64::from(q),
            (Some(_), Some(_)) => {}
            (Some(_), None) => return 1 + x.count() as i64,
            (None, Some(_)) => return -1 - y.count() as i64,
            (None, None) => return 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_codes_and_comparisons_are_javas() {
        // Values printed by OpenJDK 17.
        assert_eq!(hash_code(""), 0);
        assert_eq!(hash_code("Accept"), 1_955_373_352);
        assert_eq!(hash_code("x-amzn-lambda-integration-tag"), -758_926_765);
        assert_eq!(hash_code("😀"), 1_772_899);
        assert_eq!(compare_to("apple", "banana"), -1);
        assert_eq!(compare_to("a", "abc"), -2);
        assert_eq!(compare_to("abc", "a"), 2);
        assert_eq!(compare_to("😀", "\u{ffff}"), -10_178);
        assert_eq!(compare_to("same", "same"), 0);
        assert_eq!(compare("😀", "\u{ffff}"), std::cmp::Ordering::Less);
        assert!("😀" > "\u{ffff}", "str order differs");
        assert_eq!(length("a😀"), 3);
    }
}
