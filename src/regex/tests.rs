//! The oracle tables (`tests/regex-inputs/*.tsv`: what OpenJDK 17 and Node 20 answered,
//! computed once by a throwaway oracle program; `BUDGET` rows are deliberate deviations), and
//! tests of the API and the one-pass matcher.

use super::error::{MatchError, ReplaceError};
use super::pattern::budget;
use super::*;

const JAVA: &str = include_str!("../../tests/regex-inputs/java-jdk17.tsv");
const ECMASCRIPT: &str = include_str!("../../tests/regex-inputs/ecmascript-node20.tsv");

/// One row of an oracle table (the columns are described at the top of each file).
struct Row<'t> {
    line: usize,
    op: &'t str,
    pattern: String,
    text: String,
    argument: String,
    expected: String,
}

/// The rows of a table, after its `#` comments and its header line.
fn rows(table: &str) -> Vec<Row<'_>> {
    let mut lines = table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'));
    let header = lines.next().map(|(_, l)| l);
    assert_eq!(header, Some("op\tpattern\ttext\targument\texpected"));
    lines
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            let [op, pattern, text, argument, expected] = f[..] else {
                panic!("line {}: {} fields, not 5", i + 1, f.len());
            };
            Row {
                line: i + 1,
                op,
                pattern: unescape(pattern),
                text: unescape(text),
                argument: unescape(argument),
                expected: unescape(expected),
            }
        })
        .collect()
}

/// A field with its `<U+XXXX>` escapes replaced by the characters.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(at) = rest.find("<U+") {
        let end = at + rest[at..].find('>').expect("an unclosed <U+");
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex digits after <U+");
        out.push_str(&rest[..at]);
        out.push(char::from_u32(code).expect("a Unicode scalar value"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Formats what we compute the same way the oracle printed the real engine's answer.
fn run(dialect: Dialect, row: &Row) -> String {
    let (text, arg) = (row.text.as_str(), row.argument.as_str());
    let re = match Regex::new(&row.pattern, dialect) {
        Ok(re) => re,
        Err(e) if dialect == Dialect::Java => return format!("ERR {} @{}", e.message, e.position),
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
    let out = match row.op {
        "full_match" => re.full_match(text).map(|b| b.to_string()),
        "is_match" => re.is_match(text).map(|b| b.to_string()),
        "find_all" => re
            .matches(text, 50)
            .map(|ms| ms.iter().map(|m| groups(m)).collect::<Vec<_>>().join(";")),
        "find_at" => re
            .find_at(text, arg.parse().unwrap())
            .map(|m| m.map_or("none".into(), |c| groups(&c.slots))),
        "replace_all" | "replace_first" => {
            let r = if row.op == "replace_all" {
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
        "split" => re.split(text, arg.parse().unwrap()).map(|v| {
            let q = |s: &String| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
            format!("[{}]", v.iter().map(q).collect::<Vec<_>>().join(","))
        }),
        op => panic!("line {}: unknown op {op:?}", row.line),
    };
    out.unwrap_or_else(|_| "BUDGET".into())
}

#[test]
fn oracle_tables() {
    let mut failed = 0;
    for (file, dialect, table) in [
        ("java-jdk17.tsv", Dialect::Java, JAVA),
        ("ecmascript-node20.tsv", Dialect::EcmaScript, ECMASCRIPT),
    ] {
        let rows = rows(table);
        assert!(!rows.is_empty(), "{file} has no rows");
        for row in &rows {
            let got = run(dialect, row);
            if got != row.expected {
                failed += 1;
                let (p, t, a, want) = (&row.pattern, &row.text, &row.argument, &row.expected);
                eprintln!(
                    "FAIL {file}:{} {} {p:?} on {t:?} ({a:?}): got {got:?}, want {want:?}",
                    row.line, row.op
                );
            }
        }
    }
    assert_eq!(failed, 0, "{failed} oracle rows failed");
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
