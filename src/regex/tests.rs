//! Table-driven tests. Expectations come from OpenJDK 17 (`java.util.regex`) and Node 20
//! (`RegExp`), computed once by a throwaway oracle; `BUDGET` rows are deliberate deviations.

use super::error::{MatchError, ReplaceError};
use super::pattern::budget;
use super::*;

/// Formats what we compute the same way the oracle printed the real engine's answer.
fn run(dialect: &str, op: &str, pattern: &str, text: &str, arg: &str) -> String {
    let java = dialect == "J";
    let re = match Regex::new(
        pattern,
        if java {
            Dialect::Java
        } else {
            Dialect::EcmaScript
        },
    ) {
        Ok(re) => re,
        Err(e) if java => return format!("ERR {} @{}", e.message, e.position),
        Err(_) => return "ERR".into(),
    };
    let groups = |slots: &[usize]| {
        let g = |i: usize| {
            if slots[2 * i] == usize::MAX {
                "-".to_string()
            } else {
                format!("{},{}", slots[2 * i], slots[2 * i + 1])
            }
        };
        (0..slots.len() / 2).map(g).collect::<Vec<_>>().join(" ")
    };
    let out = match op {
        "m" => re.full_match(text).map(|b| b.to_string()),
        "t" => re.is_match(text).map(|b| b.to_string()),
        "f" => re
            .matches(text, 50)
            .map(|ms| ms.iter().map(|m| groups(m)).collect::<Vec<_>>().join(";")),
        "a" => re
            .find_at(text, arg.parse().unwrap())
            .map(|m| m.map_or("none".into(), |c| groups(&c.slots))),
        "r" | "1" => {
            let r = if op == "r" {
                re.replace_all(text, arg)
            } else {
                re.replace_first(text, arg)
            };
            match r {
                Err(ReplaceError::Budget) => Err(MatchError::Budget),
                Err(e) => Ok(format!("EXC {e}")),
                Ok(s) => Ok(s),
            }
        }
        "s" => re.split(text, arg.parse().unwrap()).map(|v| {
            let q = |s: &String| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
            format!("[{}]", v.iter().map(q).collect::<Vec<_>>().join(","))
        }),
        _ => unreachable!(),
    };
    out.unwrap_or_else(|_| "BUDGET".into())
}

#[test]
fn cases() {
    let mut failed = 0;
    for &(d, op, p, t, arg, want) in CASES {
        let got = run(d, op, p, t, arg);
        if got != want {
            failed += 1;
            eprintln!("FAIL {d} {op} {p:?} on {t:?} ({arg:?}): got {got:?}, want {want:?}");
        }
    }
    assert_eq!(failed, 0, "{failed} of {} cases failed", CASES.len());
}

#[test]
fn api() {
    let re = Regex::new(r"(?<y>\d{4})-(?<m>\d\d)", Dialect::Java).unwrap();
    let text = "on 2024-05, é 1999-12";
    let c = re.find_at(text, 5).unwrap().unwrap();
    assert_eq!(
        (c.len(), c.group(0), c.name("m"), c.get(text, 1)),
        (3, Some((15, 22)), Some((20, 22)), Some("1999"))
    );
    assert_eq!(
        (re.group_count(), re.group_index("m"), c.group(3)),
        (2, Some(2), None)
    );
    assert_eq!(re.find_at(text, 100).unwrap(), None);
    assert_eq!(
        Regex::new("(", Dialect::Java).unwrap_err().to_string(),
        "Unclosed group near index 1"
    );
    assert_eq!(
        MatchError::Budget.to_string(),
        "the regular expression needs too many steps on this input"
    );
    assert_eq!(
        ReplaceError::NoNamedGroup("x".into()).to_string(),
        "No group with name {x}"
    );
    // Deep nesting is an error, not a stack overflow; long inputs do not recurse.
    assert!(Regex::new(&"(".repeat(300), Dialect::Java).is_err());
    let long = "ab".repeat(50_000);
    assert!(Regex::new("(?:ab)*", Dialect::Java)
        .unwrap()
        .full_match(&long)
        .unwrap());
    assert!(Regex::new("(a|b)*", Dialect::EcmaScript)
        .unwrap()
        .full_match(&long)
        .unwrap());
}

#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
// BEGIN CASES
    ("J", "m", "abc", "abc", "", "true"), ("J", "m", "abc", "abcd", "", "false"), ("J", "f", "abc", "xabcabc", "", "1,4;4,7"),
    ("J", "f", "a.c", "abc a\nc a\rc a\u{85}c a\u{2028}c aéc", "", "0,3;23,27"), ("J", "f", "(?s)a.c", "a\nc a\u{2028}c", "", "0,3;4,9"),
    ("J", "f", "(?d)a.c", "a\nc a\rc a\u{85}c", "", "4,7;8,12"), ("E", "f", "a.c", "a\nc a\rc a\u{85}c a\u{2028}c", "", "8,12"),
    ("J", "f", "\\t\\n\\r\\f\\a\\e", "\t\n\r\u{c}\u{7}\u{1b}", "", "0,6"), ("J", "f", "\\x41\\x{1F600}\\u0042", "A😀B", "", "0,6"),
    ("J", "f", "\\0101\\011\\0377", "A\tÿ", "", "0,4"), ("J", "f", "\\cA\\c[", "\u{1}\u{1b}", "", "0,2"),
    ("J", "f", "\\uD83D\\uDE00", "x😀", "", "1,5"), ("J", "f", "\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\\\\\|\\^\\$", ".*+?()[]{}\\|^$", "", "0,14"),
    ("J", "f", "\\Qa.b*\\E+", "a.b* a.b** a.bb", "", "0,4;5,10"), ("J", "f", "x\\Q(\\Ey", "x(y", "", "0,3"),
    ("J", "f", "\\Qa.b", "a.b axb", "", "0,3"), ("J", "f", "]}", "a]}", "", "1,3"),
    ("E", "f", "\\t\\v\\f\\x41\\u0042\\cJ", "\t\u{b}\u{c}AB\n", "", "0,6"), ("E", "f", "\\a\\e\\z\\q", "aezq", "", "0,4"),
    ("E", "f", "\\cj\\cJ", "\n\n", "", "0,2"),
    ("E", "f", "\\x4g\\u12\\c1", "x4gu12\\c1", "", "0,9"), ("E", "f", "\\u{1F600}", "😀", "u", "0,4"), ("E", "f", "\\8\\9", "89", "", "0,2"),
    ("E", "f", "\\1\\01\\011", "\u{1}\u{1}\t", "", "0,3"), ("E", "f", "\\0", "\u{0}", "", "0,1"), ("J", "f", "[abc]+", "xxabcbayc", "", "2,7;8,9"),
    ("J", "f", "[^abc]+", "xxabcbayc", "", "0,2;7,8"), ("J", "f", "[a-cx-z]+", "abwxyz", "", "0,2;3,6"),
    ("J", "f", "[a-c[x-z]]+", "abwxyz", "", "0,2;3,6"), ("J", "f", "[a-z&&[^aeiou]]+", "hello world", "", "0,1;2,4;6,7;8,11"),
    ("J", "f", "[^a-z&&[aeiou]]+", "hello", "", "0,1;2,4"), ("J", "f", "[a-z&&def]+", "abcdefg", "", "3,6"),
    ("J", "f", "[\\w&&[^\\d]]+", "ab12cd", "", "0,2;4,6"), ("J", "f", "[[a-c][x-z]&&[b-y]]+", "abcxyz", "", "1,5"),
    ("J", "f", "[\\w-z]+", "a-z!", "", "0,3"), ("J", "f", "[]a]+", "x]a]", "", "1,4"), ("J", "f", "[^]a]+", "]ab", "", "2,3"),
    ("J", "f", "[\\d\\s]+", "a1 2b", "", "1,4"), ("J", "f", "[-a]+", "-a-b", "", "0,3"), ("J", "f", "[a-]+", "-a-b", "", "0,3"),
    ("J", "f", "[\\[\\]]+", "a[]b", "", "1,3"), ("J", "f", "[\\x41-\\x43]+", "ABCD", "", "0,3"), ("J", "f", "[\\u00e0-\\u00ff]+", "aàéÿ", "", "1,7"),
    ("J", "f", "[a&b]+", "a&b&&", "", "0,5"), ("J", "f", "[.*+]+", "a.*+", "", "1,4"), ("J", "f", "[\\p{L}&&[^a-z]]+", "abCDéÉ", "", "2,8"),
    ("E", "f", "[a[b]+", "a[b]]", "", "0,3"), ("E", "f", "[\\d-z]+", "1-z", "", "0,3"), ("E", "f", "[]a]", "a", "", ""),
    ("E", "f", "[^]", "ab", "", "0,1;1,2"), ("E", "f", "[\\b]", "a\u{8}", "", "1,2"), ("E", "f", "[a&&b]+", "a&&b", "", "0,4"),
    ("J", "f", "\\d+", "12٣4", "", "0,2;4,5"), ("J", "f", "\\w+", "aé_1", "", "0,1;3,5"), ("J", "f", "\\s+", "a \t\n\u{b}\u{c}\r\u{a0}b", "", "1,7"),
    ("J", "f", "\\D\\W\\S", "a!b", "", "0,3"), ("J", "f", "(?U)\\w+", "aé_1", "", "0,5"), ("J", "f", "(?U)\\d+", "12٣4", "", "0,5"),
    ("J", "f", "\\h+\\v+", "a \u{a0}\n\u{b}", "", "1,6"), ("J", "f", "\\R", "a\r\nb\nc\rd", "", "1,3;4,5;6,7"),
    ("J", "f", "\\p{Lower}+\\p{Upper}+", "abCD", "", "0,4"), ("J", "f", "\\p{Alpha}\\p{Digit}\\p{Alnum}", "a1b", "", "0,3"),
    ("J", "f", "\\p{Punct}+", "a!\"#$%&()*+,-./:;<=>?@[]^_`{|}~b", "", "1,31"), ("J", "f", "\\p{Space}+", "a \t\nb", "", "1,4"),
    ("J", "f", "\\p{XDigit}+", "0fAgG", "", "0,3"), ("J", "f", "\\p{Blank}+\\p{Cntrl}", "a \t\u{1}", "", "1,4"),
    ("J", "f", "\\p{L}+", "abéΩ1", "", "0,6"), ("J", "f", "\\p{Lu}+", "aBÉΩc", "", "1,6"), ("J", "f", "\\p{Ll}+", "Abéω", "", "1,6"),
    ("J", "f", "\\pL+\\PL+", "ab12", "", "0,4"), ("J", "f", "\\p{N}+", "a12b", "", "1,3"), ("J", "f", "\\p{IsAlphabetic}+", "abé1", "", "0,4"),
    ("J", "f", "\\p{javaLowerCase}+", "aBé", "", "0,1;2,4"), ("J", "f", "\\p{IsLu}+", "aBC", "", "1,3"), ("J", "f", "\\p{P}+", "a!b$c", "", "1,2"),
    ("J", "f", "\\p{Z}+", "a \u{2003}b", "", "1,5"), ("J", "f", "\\P{Alpha}+", "ab12cd", "", "2,4"), ("J", "f", "[\\P{L}]+", "ab12", "", "2,4"),
    ("J", "f", "\\p{gc=Lu}", "aB", "", "1,2"), ("J", "f", "\\p{javaWhitespace}+", "a \t\u{a0}", "", "1,3"),
    ("E", "f", "\\s+", "a \t\u{a0}\u{2003}\u{feff}\u{2028}b", "", "1,14"), ("E", "f", "\\d+\\w+", "12٣é", "", "0,2"),
    ("E", "f", "\\p{L}+", "ab1é", "u", "0,2;3,5"), ("E", "f", "\\p{Lu}", "aB", "u", "1,2"), ("E", "f", "\\P{L}+", "ab12", "u", "2,4"),
    ("J", "f", "^a", "aa", "", "0,1"), ("J", "f", "a$", "aa\n", "", "1,2"), ("J", "f", "a$", "aa\n\n", "", ""), ("J", "f", "a$", "a\r\n", "", "0,1"),
    ("J", "f", "$", "a\n", "", "1,1;2,2"), ("J", "f", "a$", "a\u{2028}", "", "0,1"), ("J", "m", "a$", "a\n", "", "false"),
    ("J", "t", "a\\z", "a\n", "", "false"), ("J", "t", "a\\Z", "a\n", "", "true"), ("J", "f", "\\Aa", "aa", "", "0,1"),
    ("J", "f", "(?m)^a", "a\na\r\na", "", "0,1;2,3;5,6"), ("J", "f", "(?m)a$", "a\na\r\na", "", "0,1;2,3;5,6"),
    ("J", "f", "(?m)^", "a\nb\n", "", "0,0;2,2"), ("J", "f", "(?m)^", "", "", ""), ("J", "f", "(?m)$", "a\r\nb", "", "1,1;4,4"),
    ("J", "f", "(?m)^$", "a\n\nb", "", "2,2"), ("J", "f", "(?md)^.", "a\rb\nc", "", "0,1;4,5"),
    ("J", "f", "\\bfoo\\b", "foo foobar afoo foo", "", "0,3;16,19"), ("J", "f", "\\B\\w", "ab cd", "", "1,2;4,5"),
    ("J", "f", "\\b", "é", "", "0,0;2,2"), ("J", "f", "\\Ga", "aab", "", "0,1;1,2"), ("J", "a", "\\Ga", "aab", "1", "1,2"),
    ("J", "a", "\\Ga", "bab", "0", "none"), ("J", "f", "\\G\\w", "ab cd", "", "0,1;1,2"), ("E", "f", "a$", "a\n", "", ""),
    ("E", "f", "\\b", "é a", "", "3,3;4,4"), ("E", "f", "^a|b$", "ab\nab", "", "0,1;4,5"), ("J", "f", "(a)(b(c))", "abc", "", "0,3 0,1 1,3 2,3"),
    ("J", "f", "(?:a)(b)", "ab", "", "0,2 1,2"), ("J", "f", "(?<first>\\w+) (?<second>\\w+)", "hello world", "", "0,11 0,5 6,11"),
    ("J", "f", "(\\w)\\1", "aabbcd", "", "0,2 0,1;2,4 2,3"), ("J", "f", "(?<x>a)\\k<x>", "aa", "", "0,2 0,1"),
    ("J", "f", "(a)\\10", "aa0 a", "", "0,3 0,1"),
    ("J", "f", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)\\11", "abcdefghijkk abcdefghijka1", "", "0,12 0,1 1,2 2,3 3,4 4,5 5,6 6,7 7,8 8,9 9,10 10,11"),
    ("J", "f", "(a)|\\1b", "b ab", "", "2,3 2,3"), ("J", "f", "\\2(a)", "aa", "", ""), ("J", "f", "(a\\1?){2}", "aaa", "", "0,3 1,3"),
    ("J", "f", "(?i)(a)\\1", "aA", "", "0,2 0,1"), ("E", "f", "(a)|\\1b", "b", "", "0,1 -"), ("E", "f", "(a\\1)", "a", "", "0,1 0,1"),
    ("E", "f", "(?<x>a)\\k<x>", "aa", "", "0,2 0,1"), ("E", "f", "\\k<x>(?<x>a)", "aa", "", "0,1 0,1;1,2 1,2"), ("E", "f", "\\k", "k", "", "0,1"),
    ("E", "f", "\\1(a)", "a", "", "0,1 0,1"), ("J", "f", "a(?=b)", "ab ac", "", "0,1"), ("J", "f", "a(?!b)", "ab ac", "", "3,4"),
    ("J", "f", "(?<=a)b", "ab cb", "", "1,2"), ("J", "f", "(?<!a)b", "ab cb", "", "4,5"), ("J", "f", "(?<=ab|c)d", "abd cd bd", "", "2,3;5,6"),
    ("J", "f", "(?<=a+)b", "aab b", "", "2,3"), ("J", "f", "(?<=\\d{1,3})x", "12x x", "", "2,3"),
    ("J", "f", "(?=(\\w+))\\w", "ab", "", "0,1 0,2;1,2 1,2"), ("J", "f", "(?<=(a|bc))d", "ad bcd", "", "1,2 0,1;5,6 3,5"),
    ("J", "f", "\\w+(?<!s)\\b", "cats dog", "", "5,8"), ("J", "f", "(?=a)*b", "b", "", "0,1"), ("J", "f", "(?<=^|,)\\w*", "a,,b", "", "0,1;2,2;3,4"),
    ("E", "f", "(?<=\\$)\\d+", "$12 $3", "", "1,3;5,6"), ("E", "f", "(?<!a)b", "ab cb", "", "4,5"), ("E", "f", "a(?=(b))", "ab", "", "0,1 1,2"),
    ("E", "f", "(?<=a+)b", "aab", "", "2,3"), ("J", "f", "<.+>", "<a><b>", "", "0,6"), ("J", "f", "<.+?>", "<a><b>", "", "0,3;3,6"),
    ("J", "f", "a{2}", "aaaaa", "", "0,2;2,4"), ("J", "f", "a{2,}", "aaaaa", "", "0,5"), ("J", "f", "a{2,3}", "aaaaa", "", "0,3;3,5"),
    ("J", "f", "a{2,3}?", "aaaaa", "", "0,2;2,4"), ("J", "f", "a{0}b", "ab", "", "1,2"), ("J", "f", "(ab){2,3}", "abababab", "", "0,6 4,6"),
    ("J", "f", "(ab){2}?", "ababab", "", "0,4 2,4"), ("J", "f", "a*+a", "aaa", "", ""), ("J", "f", "a++b", "aab", "", "0,3"),
    ("J", "f", "(?>a|ab)c", "abc ac", "", "4,6"), ("J", "f", "(?>a+)b", "aab", "", "0,3"), ("J", "f", "(ab)*+ab", "abab", "", ""),
    ("J", "f", "(a|b)*?c", "abc", "", "0,3 1,2"), ("J", "f", "x??y", "xy", "", "0,2"), ("J", "f", "(a+)+b", "aab", "", "0,3 0,2"),
    ("J", "f", "(a|ab)(c|bcd)(d*)", "abcd", "", "0,4 0,1 1,4 4,4"), ("J", "f", "((a)|b)+", "ab", "", "0,2 1,2 0,1"),
    ("J", "f", "(a*)(a*)", "aaa", "", "0,3 0,3 3,3;3,3 3,3 3,3"), ("J", "f", "(a*?)(a*)", "aaa", "", "0,3 0,0 0,3;3,3 3,3 3,3"),
    ("J", "f", "(a|)*", "ab", "", "0,1 1,1;1,1 1,1;2,2 2,2"), ("J", "f", "(a*)*", "b", "", "0,0 0,0;1,1 1,1"),
    ("J", "f", "(a*)+b", "aab", "", "0,3 2,2"), ("J", "f", "(|a)+", "aa", "", "0,0 0,0;1,1 1,1;2,2 2,2"), ("J", "f", "(a?)+?b", "ab", "", "0,2 0,1"),
    ("J", "f", "(?:a|b)*", "abba", "", "0,4;4,4"), ("J", "m", "(a+)+", "aaaa", "", "true"), ("J", "m", ".*foo", "xfooxxfoo", "", "true"),
    ("J", "m", "(\\d+)-(\\d+)", "12-345", "", "true"), ("J", "f", "(.)*", "abc", "", "0,3 2,3;3,3 -"),
    ("J", "f", "(x(y)?)+", "xyx", "", "0,3 2,3 1,2"), ("J", "f", "a|ab", "ab", "", "0,1"), ("J", "f", "ab|a", "ab", "", "0,2"),
    ("J", "f", "(a{1,2}){2}", "aaaa", "", "0,4 2,4"), ("J", "f", "é+", "ééa", "", "0,4"), ("J", "f", "[é-ü]{2}", "éüx", "", "0,4"),
    ("E", "f", "a{,3}", "a{,3}", "", "0,5"), ("E", "f", "x{foo}", "x{foo}", "", "0,6"), ("E", "f", "a{2}", "aaa", "", "0,2"),
    ("E", "f", "((a)|b)+", "ab", "", "0,2 1,2 -"), ("E", "f", "(a|)*", "ab", "", "0,1 0,1;1,1 -;2,2 -"), ("E", "f", "(a*)*", "b", "", "0,0 -;1,1 -"),
    ("E", "f", "(z)((a+)?(b+)?(c))*", "zaacbbbcac", "", "0,10 0,1 8,10 8,9 - 9,10"), ("E", "f", "(?:(a)|b)+", "ab", "", "0,2 -"),
    ("E", "f", "<.+?>", "<a><b>", "", "0,3;3,6"), ("E", "m", "\\d+", "123", "", "true"), ("E", "t", "^\\d+$", "12\n", "", "false"),
    ("J", "f", "(?i)abc", "ABC aBc", "", "0,3;4,7"), ("J", "f", "(?i)é", "É", "", ""), ("J", "f", "(?iu)é", "É", "", "0,2"),
    ("J", "f", "(?i)[a-c]+", "ABCD", "", "0,3"), ("J", "f", "(?i)[^a]", "A", "", ""), ("J", "f", "(?i)\\p{Lower}", "A", "", "0,1"),
    ("J", "f", "(?i)\\x41", "a", "", "0,1"), ("J", "f", "(?i:a)b", "ab Ab AB", "", "0,2;3,5"), ("J", "f", "(?i)a(?-i)b", "AB Ab", "", "3,5"),
    ("J", "f", "a(?i)b|c", "aB C", "", "0,2;3,4"), ("J", "f", "(?iu)[à-ÿ]+", "ÀÉ", "", "0,4"), ("J", "f", "(?x) a b # comment\n c", "abc", "", "0,3"),
    ("J", "f", "(?x)[a b]+", "a b", "", "0,1;2,3"), ("J", "f", "(?x)a\\ b", "a b", "", "0,3"), ("J", "f", "(?s:.)(.)", "\n\n", "", ""),
    ("J", "f", "(?i)(?<n>a)\\k<n>", "aA", "", "0,2 0,1"), ("J", "m", "a|ab", "ab", "", "true"), ("J", "t", "a|ab", "ab", "", "true"),
    ("J", "m", "\\d+", "12a", "", "false"), ("J", "m", "", "", "", "true"), ("J", "f", "", "ab", "", "0,0;1,1;2,2"),
    ("J", "m", "(?:x)*", "xx", "", "true"), ("J", "a", "\\d+", "a12b34", "3", "4,6"), ("J", "a", "\\d+", "a12b34", "6", "none"),
    ("J", "a", "^a", "aa", "1", "none"), ("J", "f", "\\d*", "a12b", "", "0,0;1,3;3,3;4,4"), ("J", "f", "a*", "baaac", "", "0,0;1,4;4,4;5,5"),
    ("J", "s", ",", "a,b,,c,,", "0", "[\"a\",\"b\",\"\",\"c\"]"), ("J", "s", ",", "a,b,,c,,", "-1", "[\"a\",\"b\",\"\",\"c\",\"\",\"\"]"),
    ("J", "s", ",", "a,b,,c,,", "2", "[\"a\",\"b,,c,,\"]"), ("J", "s", ",", "a,b,,c,,", "1", "[\"a,b,,c,,\"]"),
    ("J", "s", ",", ",a,b", "0", "[\"\",\"a\",\"b\"]"), ("J", "s", ",", "", "0", "[\"\"]"), ("J", "s", ",", "abc", "0", "[\"abc\"]"),
    ("J", "s", ",", ",", "0", "[]"), ("J", "s", ",", ",", "-1", "[\"\",\"\"]"), ("J", "s", "", "abc", "0", "[\"a\",\"b\",\"c\"]"),
    ("J", "s", "", "abc", "2", "[\"a\",\"bc\"]"), ("J", "s", "x*", "axxb", "0", "[\"a\",\"\",\"b\"]"),
    ("J", "s", "o", "boo:and:foo", "5", "[\"b\",\"\",\":and:f\",\"\",\"\"]"),
    ("J", "s", "o", "boo:and:foo", "-2", "[\"b\",\"\",\":and:f\",\"\",\"\"]"), ("J", "s", "o", "boo:and:foo", "0", "[\"b\",\"\",\":and:f\"]"),
    ("J", "s", ":", "boo:and:foo", "2", "[\"boo\",\"and:foo\"]"), ("J", "s", "\\s+", " a  b ", "0", "[\"\",\"a\",\"b\"]"),
    ("J", "s", "(?=b)", "abab", "0", "[\"a\",\"ba\",\"b\"]"), ("J", "s", "\\.", "a.b.c", "0", "[\"a\",\"b\",\"c\"]"),
    ("J", "s", "|", "a|b", "0", "[\"a\",\"|\",\"b\"]"), ("J", "s", "\\|", "a|b", "0", "[\"a\",\"b\"]"),
    ("J", "s", "(?<=,)", "a,b,", "-1", "[\"a,\",\"b,\",\"\"]"), ("J", "s", "\\b", "hi there", "0", "[\"hi\",\" \",\"there\"]"),
    ("J", "s", "é", "aébéc", "0", "[\"a\",\"b\",\"c\"]"), ("J", "s", "^", "a\nb", "0", "[\"a\nb\"]"),
    ("J", "s", "(?m)^", "a\nb", "0", "[\"a\n\",\"b\"]"), ("J", "s", "a*", "aab", "0", "[\"\",\"\",\"b\"]"),
    ("J", "s", ",", "a,b", "-5", "[\"a\",\"b\"]"), ("J", "r", "a(b)c", "xabcyabc", "[$1]", "x[b]y[b]"),
    ("J", "r", "(?<n>b)", "abc", "<${n}>", "a<b>c"), ("J", "r", "b", "abc", "\\$\\\\", "a$\\c"), ("J", "r", "(a)", "aa", "$10", "a0a0"),
    ("J", "r", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "abcdefghij", "$10$11", "ja1"), ("J", "r", "(a)", "a", "$2", "EXC No group 2"),
    ("J", "r", "(a)", "a", "${x}", "EXC No group with name {x}"), ("J", "r", "(a)", "a", "$a", "EXC Illegal group reference"),
    ("J", "r", "(a)", "a", "x\\", "EXC character to be escaped is missing"),
    ("J", "r", "(a)", "a", "x$", "EXC Illegal group reference: group index is missing"),
    ("J", "r", "(a)", "a", "${}", "EXC named capturing group has 0 length name"),
    ("J", "r", "(a)", "a", "${1a}", "EXC capturing group name {1a} starts with digit character"),
    ("J", "r", "(a)", "a", "${a", "EXC named capturing group is missing trailing '}'"), ("J", "r", "z", "abc", "$9", "abc"),
    ("J", "1", "a", "aaa", "b", "baa"), ("J", "1", "(a)(x)?", "aaa", "[$2]", "[]aa"), ("J", "r", "a*", "baaac", "-", "-b--c-"),
    ("J", "r", "x*", "", "-", "-"), ("J", "r", "", "abc", "-", "-a-b-c-"), ("J", "r", "(?<=a)", "aa", "-", "a-a-"),
    ("J", "r", "é", "aéb", "e", "aeb"), ("J", "r", "(\\w+)@(\\w+)", "me@host you@there", "$2 at $1", "host at me there at you"),
    ("J", "r", "\\s+", "a  b \n c", " ", "a b c"), ("J", "1", "b*", "abc", "X", "Xabc"), ("J", "r", "\\G\\d", "12a3", "x", "xxa3"),
    ("J", "r", "(a)|b", "ab", "[$1]", "[a][]"), ("J", "f", "(", "x", "", "ERR Unclosed group @1"),
    ("J", "f", "(a(b)", "x", "", "ERR Unclosed group @5"), ("J", "f", "*a", "x", "", "ERR Dangling meta character '*' @0"),
    ("J", "f", "+", "x", "", "ERR Dangling meta character '+' @0"), ("J", "f", "a|?", "x", "", "ERR Dangling meta character '?' @2"),
    ("J", "f", "a**", "x", "", "ERR Dangling meta character '*' @2"), ("J", "f", "[a", "x", "", "ERR Unclosed character class @1"),
    ("J", "f", "[]", "x", "", "ERR Unclosed character class @1"), ("J", "f", "[a-z&&[b", "x", "", "ERR Unclosed character class @7"),
    ("J", "f", "{", "x", "", "ERR Illegal repetition @1"), ("J", "f", "a{", "x", "", "ERR Illegal repetition @2"),
    ("J", "f", "x{foo}", "x", "", "ERR Illegal repetition @2"), ("J", "f", "a{,3}", "x", "", "ERR Illegal repetition @2"),
    ("J", "f", "a{3", "x", "", "ERR Unclosed counted closure @3"), ("J", "f", "x{2,1}", "x", "", "ERR Illegal repetition range @5"),
    ("J", "f", "\\q", "x", "", "ERR Illegal/unsupported escape sequence @1"),
    ("J", "f", "a\\y", "x", "", "ERR Illegal/unsupported escape sequence @2"),
    ("J", "f", "[\\b]", "x", "", "ERR Illegal/unsupported escape sequence @2"), ("J", "f", "[z-a]", "x", "", "ERR Illegal character range @3"),
    ("J", "f", "a)", "x", "", "ERR Unmatched closing ')' @0"), ("J", "f", "ab)", "x", "", "ERR Unmatched closing ')' @1"),
    ("J", "f", "(?z)", "x", "", "ERR Unknown inline modifier @2"), ("J", "f", "(?", "x", "", "ERR Unknown inline modifier @2"),
    ("J", "f", "(?<1x>a)", "x", "", "ERR capturing group name does not start with a Latin letter @3"),
    ("J", "f", "(?<a", "x", "", "ERR named capturing group is missing trailing '>' @4"),
    ("J", "f", "(?<x>a)(?<x>b)", "x", "", "ERR Named capturing group <x> is already defined @11"),
    ("J", "f", "\\k<x>(?<x>a)", "x", "", "ERR named capturing group <x> does not exist @4"),
    ("J", "f", "\\p{Foo}", "x", "", "ERR Unknown character property name {Foo} @6"),
    ("J", "f", "\\xg", "x", "", "ERR Illegal hexadecimal escape sequence @2"),
    ("J", "f", "\\x{110000}", "x", "", "ERR Hexadecimal codepoint is too big @8"),
    ("J", "f", "\\u12", "x", "", "ERR Illegal Unicode escape sequence @4"), ("J", "f", "\\09", "x", "", "ERR Illegal octal escape sequence @2"),
    ("J", "f", "\\c", "x", "", "ERR Illegal control escape sequence @1"), ("J", "f", "\\", "x", "", "ERR Unexpected internal error @1"),
    ("J", "f", "(?<=(a)\\1)b", "x", "", "ERR Look-behind group does not have an obvious maximum length @8"),
    ("J", "f", "\\k", "x", "", "ERR \\k is not followed by '<' for named capturing group @2"),
    ("J", "f", "x\\p", "x", "", "ERR Unknown character property name {\u{0}} @3"), ("E", "f", "(?i)a", "x", "", "ERR"),
    ("E", "f", "a**", "x", "", "ERR"), ("E", "f", "(", "x", "", "ERR"), ("E", "f", "[a", "x", "", "ERR"),
    ("E", "f", "(?<n>a)(?<n>b)", "x", "", "ERR"), ("E", "f", "a{2,1}", "x", "", "ERR"), ("E", "f", "*", "x", "", "ERR"),
    ("E", "f", "(?<=a)*", "x", "", "ERR"), ("E", "f", "\\k<y>(?<x>a)", "x", "", "ERR"), ("E", "f", "[z-a]", "x", "", "ERR"),
    ("E", "f", "a)", "x", "", "ERR"), ("E", "f", "(?>a)", "x", "", "ERR"), ("E", "f", "a++", "x", "", "ERR"), ("E", "f", "\\", "x", "", "ERR"),
    ("J", "f", "(?<=(a+))b", "aab", "", "2,3 1,2"), ("J", "f", "(a|ab)*c", "abac", "", "0,4 2,3"), ("J", "f", "[ab]*+b", "aab", "", ""),
    ("J", "f", "(?:a{2})*", "aaaaa", "", "0,4;4,4;5,5"), ("J", "f", "a+?", "aaa", "", "0,1;1,2;2,3"), ("J", "f", "(a){0}b", "ab", "", "1,2 -"),
    ("J", "f", "a{1,3}+a", "aaaa", "", "0,4"), ("J", "f", "\\B", "", "", "0,0"), ("J", "f", "\\b", "", "", ""),
    ("J", "t", "a\\Z", "a\r\n", "", "true"), ("J", "t", "a$", "a\r\n", "", "true"), ("J", "f", "(?m)a$", "a\u{2028}a\u{85}", "", "0,1;4,5"),
    ("J", "f", "[😀-😂]+", "a😁😂b", "", "1,9"), ("J", "f", ".", "😀é", "", "0,4;4,6"), ("J", "f", "(?x)[a # c\n b]+", "a#cb", "", "0,1;3,4"),
    ("J", "f", "a||b", "ab", "", "0,1;1,1;2,2"), ("J", "f", "(|)", "a", "", "0,0 0,0;1,1 1,1"),
    ("J", "f", ")", "x", "", "ERR Unmatched closing ')' @0"), ("J", "f", "\\p{L", "x", "", "ERR Unclosed character family @4"),
    ("J", "f", "\\x{}", "x", "", "ERR Illegal hexadecimal escape sequence @2"), ("J", "f", "(?!(a))\\w", "ab", "", "1,2 -"),
    ("E", "f", "(?<=(\\d+)(\\d+))$", "1053", "", "4,4 2,3 3,4"), ("E", "f", "(?<=(a+))b", "aab", "", "2,3 1,2"),
    ("J", "f", "(\\d+)\\s\\1", "12 12 13 1", "", "0,5 0,2"), ("J", "f", "(?i)(?u)straße", "STRASSE straße STRAßE", "", "8,15;16,23"),
    ("J", "f", "(?i)[^\\W]+", "aB_", "", "0,3"), ("J", "f", "\\s\\S\\w\\W\\d\\D", " xa!1z", "", "0,6"),
    ("J", "f", "(a)?(b)?c", "ac bc c", "", "0,2 0,1 -;3,5 - 3,4;6,7 - -"), ("J", "f", "(?:(a)|(b))+", "ab", "", "0,2 0,1 1,2"),
    ("J", "f", "(a)(?:x|\\1)", "aa ax", "", "0,2 0,1;3,5 3,4"), ("J", "m", "(?s).*", "a\nb", "", "true"), ("J", "m", ".*", "a\nb", "", "false"),
    ("J", "f", "(?<=\\G..)", "abcde", "", "2,2;4,4"), ("J", "f", "[^\\n]+", "a\nb", "", "0,1;2,3"),
    ("J", "f", "(?<year>\\d{4})|(?<word>[a-z]+)", "ab 2024", "", "0,2 - 0,2;3,7 3,7 -"),
    ("J", "r", "(?<year>\\d{4})|(?<word>[a-z]+)", "ab 2024", "<${word}|${year}>", "<ab|> <|2024>"),
    ("J", "r", "(\\d)(?=(\\d{3})+$)", "1234567", "$1,", "1,234,567"), ("J", "1", "(\\w+) (\\w+)", "hello big world", "$2 $1", "big hello world"),
    ("J", "s", "\\d", "a1b2c3", "0", "[\"a\",\"b\",\"c\"]"), ("J", "s", "\\d", "a1b2c3", "-1", "[\"a\",\"b\",\"c\",\"\"]"),
    ("J", "s", "(,)", "a,b", "0", "[\"a\",\"b\"]"), ("J", "s", "\\W+", "Hello, World!", "0", "[\"Hello\",\"World\"]"),
    ("E", "f", "[\\s\\S]+", "a\nb", "", "0,3"), ("E", "f", "^$", "", "", "0,0"), ("E", "f", "\\bfoo\\b", "foo afoo", "", "0,3"),
    ("E", "f", "a|ab|abc", "abc", "", "0,1"), ("E", "m", "[a-z]+(?:-[a-z]+)*", "foo-bar", "", "true"),
    ("E", "m", "^[A-Z]{2,3}\\d?$", "AB1", "", "true"), ("E", "m", "\\w+@\\w+\\.com", "me@x.com", "", "true"),
    ("E", "f", "(?:(b?))?", " ", "", "0,0 -;1,1 -"), ("E", "f", "(b{0,2}){2}?(?!\\B\\1)+", "abaa", "", "0,0 0,0;1,2 1,2;4,4 4,4"),
    ("E", "f", "(?:(c??|b+?){1,2}x)?", "bx", "", "0,2 0,1;2,2 -"),
    ("J", "f", "(?<=(ab)*)x", "abx", "", "ERR Look-behind group does not have an obvious maximum length @8"),
    ("J", "f", "(?<=(?:a|b)+)x", "abx", "", "ERR Look-behind group does not have an obvious maximum length @11"),
    ("J", "f", "(?<=ba+?)x", "bax", "", "ERR Look-behind group does not have an obvious maximum length @7"),
    ("J", "f", "(?<=a+b+)x", "abx", "", "2,3"), ("J", "f", "(?<=(ab){0,3})x", "abx", "", "2,3 -"), ("J", "f", "(?<=(a|bc)?)x", "bcx", "", "2,3 -"),
    ("J", "f", "(?<=(?:ab)*+)x", "abx", "", "ERR Look-behind group does not have an obvious maximum length @11"),
    ("J", "f", "[\\Q]-\\E]+", "a]-b", "", "1,3"), ("J", "f", "(?md)^", "a\n\rb\n", "", "0,0;2,2"), ("E", "f", "(?:)*a", "a", "", "0,1"),
    ("J", "f", "(?:)*a", "a", "", "0,1"), ("J", "m", "(a+)+b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", "BUDGET"),
    ("J", "t", "(a|aa)+c", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", "BUDGET"), ("E", "t", "^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "", "BUDGET"),
    ("J", "r", "(x+x+)+y", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "-", "BUDGET"), ("J", "s", "(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0", "BUDGET"),
    // END CASES
];

/// The one-pass matcher for anchored sequences agrees with the backtracking engine, and is
/// used exactly where it is exact.
#[test]
fn anchored_fast_path() {
    let used = [
        "^ord_[0-9a-f]{12}$",
        "^[A-Z]{2}$",
        "^[A-Z]{3}-[0-9]{4}$",
        "^\\+?[0-9 ]{7,20}$",
        "^[a-zA-Z0-9_-]+$",
        "^\\d{4}-\\d{2}-\\d{2}",
        "^a*b+c$",
        "^é+x",
        "^[^x]*x",
        "^\\w+@\\w+$",
        "^",
        "^$",
        "^a{2,}?b",
    ];
    let not_used = [
        "ord_[0-9a-f]{12}$",
        "^a*a$",
        "^[a-z]*[e-f]",
        "^\\d*\\w",
        "^(ab)+$",
        "^a|b$",
        "^[a-z]*[0-9]?x",
        "^\\s*\\S",
        "^a*b+c?$",
    ];
    let texts = [
        "",
        "a",
        "ab",
        "aab",
        "aabbc",
        "aabbcc",
        "b",
        "x",
        "éx",
        "ééx",
        "ord_0123456789ab",
        "ord_0123456789abc",
        "ord_0123456789AB",
        "GB",
        "GBR",
        "gb",
        "ABC-1234",
        "ABC-123",
        "+44 20 7946 0000",
        "+44",
        "44 20 7946 0000 1234567",
        "abc_DEF-9",
        "abc def",
        "2024-01-31",
        "2024-1-31",
        "x@y",
        "a@b@c",
        "aab",
        "aaab",
        "abc1",
        "a1",
        "٣٣٣٣-٣٣-٣٣",
    ];
    for p in used.iter().chain(&not_used) {
        let re = Regex::new(p, Dialect::EcmaScript).unwrap();
        assert_eq!(re.anchored.is_some(), used.contains(p), "fast path for {p}");
        for t in texts {
            let slow = exec::test(&re.prog, t, 0, exec::Extent::Find, &mut budget(t)).unwrap();
            assert_eq!(re.is_match(t), Ok(slow), "{p} on {t:?}");
        }
    }
}
