//! JSONPath as evaluated by Jayway JsonPath (`com.jayway.jsonpath`, Java), which API Gateway uses for
//! `$input.path(..)` / `$input.json(..)`: selects exactly what Jayway selects with its default
//! configuration (json-smart provider, no options), quirks included. The tests replay the output of the
//! real library (2.9 line, as shaded in `wiremock-standalone` 3.13.2) for the 955 (document, path) cases
//! in `tests/jsonpath-inputs/`.
//!
//! Results: a definite path gives `Selected::One`; whenever Jayway's `read` throws (PathNotFoundException,
//! or e.g. `min()` of an empty array) the result is `Selected::Missing`, also for indefinite paths such as
//! `$.absent[*]`; otherwise an indefinite path gives `Selected::Many` in Jayway's order. Jayway returns
//! json-smart values: decimals are Java Doubles (`1e3` reads back as `1000.0`), which callers rendering
//! `$input.json` may want to imitate.
//!
//! Regex filters (`=~ /re/flags`) act like Java's `Pattern.compile(re, flags).matcher(text).matches()`
//! (whole-text match) through [`crate::regex`]; of the flags only `i` is honoured. An invalid regex is
//! not detected when parsing and matches nothing.
//!
//! Deliberate differences: a function must end the path (Jayway turns `$.a.length().b` into nonsense);
//! unknown functions, and JSON literals/arguments that serde_json rejects, are parse errors (Jayway
//! fails when reading); Jayway's cache of compiled paths, which carries deep-scan state from one read to
//! the next, is not emulated; integers beyond 64 bits are f64; NaN/infinite aggregates become `null`;
//! Java's `Double.toString` is taken to print the shortest round-trip digits (JDK 19+; JDK 17 rarely
//! differs), which matters only where Jayway compares a decimal with a string or regex.
use serde_json::Value;
use std::fmt;

use ast::Segment;
pub use ast::{JsonPath, Selected};

mod ast;
mod eval;
mod filter;
mod node;
mod number;
mod parse;

/// Why a path did not compile.
#[derive(Debug, Clone, PartialEq)]
pub struct PathError {
    pub position: usize,
    pub message: String,
    path: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, m) = (&self.path, &self.message);
        write!(
            f,
            "invalid JSONPath `{p}` at position {}: {m}",
            self.position
        )
    }
}

impl std::error::Error for PathError {}

impl JsonPath {
    /// Compiles like Jayway's `PathCompiler` (a path not starting with `$` or `@` gets `$.` in front).
    pub fn parse(path: &str) -> Result<JsonPath, PathError> {
        parse::compile(path, 0, 0).map_err(|e| PathError {
            position: e.position,
            message: e.message.to_string(),
            path: path.into(),
        })
    }

    /// Whether Jayway treats the path as definite. A multi-property bracket at the end counts as
    /// definite: Jayway merges the properties into one object.
    pub fn is_definite(&self) -> bool {
        match self.segments.split_last() {
            Some((last, before)) => {
                last.is_definite_at_end() && before.iter().all(Segment::is_definite)
            }
            None => true,
        }
    }

    /// Evaluates against a document.
    pub fn select<'a>(&self, root: &'a Value) -> Selected<'a> {
        eval::select(self, root)
    }

    /// Whether the segments before segment `i` select at most one node.
    fn definite_before(&self, i: usize) -> bool {
        self.segments[..i].iter().all(Segment::is_definite)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;
    use std::borrow::Cow;

    /// Jayway's answers, one row per (document, path); the file's header says how they were made.
    const JAYWAY: &str = include_str!("../../tests/jsonpath-inputs/jayway-2.9.tsv");
    /// The documents the rows name, by name.
    const DOCUMENTS: &str = include_str!("../../tests/jsonpath-inputs/documents.json");

    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                x == y || (x - y).abs() <= 1e-15 * x.abs().max(y.abs())
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| k == l && same(v, w))
            }
            _ => a == b,
        }
    }

    #[test]
    fn api() {
        let v: Value = serde_json::from_str(r#"{"a":{"b":[1,2],"c":null}}"#).unwrap();
        let sel = |p: &str| JsonPath::parse(p).unwrap().select(&v);
        let definite = [
            ("$", 1),
            ("a.b[0]", 1),
            ("$.a['b','c']", 1),
            ("$.a['b','c'].x", 0),
        ];
        let more = [
            ("$..b", 0),
            ("$.a.b[0,1]", 0),
            ("$.a.b[:1]", 0),
            ("$.a.*", 0),
            ("$..b.sum()", 1),
        ];
        for (p, d) in definite
            .into_iter()
            .chain(more)
            .chain([("$.a.b[?(@)]", 0), ("$.a.b.max()", 1)])
        {
            assert_eq!(JsonPath::parse(p).unwrap().is_definite(), d == 1, "{p}");
        }
        assert!(matches!(sel("$.a.b"), Selected::One(Cow::Borrowed(_))));
        assert!(matches!(
            sel("$.a.b.length()"),
            Selected::One(Cow::Owned(_))
        ));
        assert_eq!(sel("$.a.c"), Selected::One(Cow::Owned(Value::Null)));
        assert_eq!(sel("$.a.x"), Selected::Missing);
        assert_eq!(sel("$.x[*]"), Selected::Missing);
        let one = Selected::Many(vec![Cow::Borrowed(&v["a"]["b"][0])]);
        assert_eq!(sel("$.a.b[?(@ =~ /1/)]"), one);
        let e = JsonPath::parse("$.a b").err().unwrap();
        assert_eq!(
            (e.position, e.message.contains("brackets")),
            (3, true),
            "{e}"
        );
        assert!(
            e.to_string()
                .starts_with("invalid JSONPath `$.a b` at position 3: "),
            "{e}"
        );
        assert_eq!(JsonPath::parse("a b").err().unwrap().position, 1);
    }

    #[test]
    fn limits() {
        let mut deep = Value::from(1);
        for _ in 0..300 {
            deep = Value::Object(Map::from_iter([(
                "a".to_string(),
                Value::Array(vec![deep]),
            )]));
        }
        let long = format!("${}", ".a[0]".repeat(300));
        assert_eq!(
            JsonPath::parse(&long).unwrap().select(&deep),
            Selected::Missing
        );
        assert!(
            matches!(JsonPath::parse("$..a").unwrap().select(&deep), Selected::Many(v) if (30..300).contains(&v.len()))
        );
        for p in [
            format!("$[?({}@)]", "!".repeat(5000)),
            format!("$[?({}@{})]", "(".repeat(5000), ")".repeat(5000)),
        ] {
            assert!(JsonPath::parse(&p).is_err());
        }
        let nested = format!("$[?(@{})]", "[?(@".repeat(100) + &")]".repeat(100));
        assert!(JsonPath::parse(&nested).is_err());
    }

    #[test]
    fn matches_jayway() {
        let documents: Map<String, Value> = serde_json::from_str(DOCUMENTS).unwrap();
        let mut rows = JAYWAY.lines().filter(|l| !l.starts_with('#'));
        assert_eq!(rows.next(), Some("document\tpath\tdefinite\tresult"));
        let (mut n, mut bad) = (0, Vec::new());
        for line in rows {
            let f: Vec<&str> = line.splitn(4, '\t').collect();
            let root = (documents.get(f[0])).unwrap_or_else(|| panic!("no document {}", f[0]));
            let (path, def, want) = (&f[1].replace("<TAB>", "\t"), f[2], f[3]);
            n += 1;
            let parsed = JsonPath::parse(path);
            let got = match (&parsed, def) {
                (Err(_), "P") => continue,
                (Err(e), _) => format!("parse error {e}"),
                (Ok(_), "P") => "parsed".into(),
                (Ok(p), _) if p.is_definite() != (def == "1") => "wrong definiteness".into(),
                (Ok(p), _) => match (p.select(root), want.starts_with('!')) {
                    (Selected::Missing, true) => continue,
                    (Selected::One(v), false)
                        if def == "1" && same(&v, &serde_json::from_str(want).unwrap()) =>
                    {
                        continue
                    }
                    (Selected::Many(v), false) if def == "0" => {
                        let v = Value::Array(v.into_iter().map(Cow::into_owned).collect());
                        if same(&v, &serde_json::from_str(want).unwrap()) {
                            continue;
                        }
                        format!("{v}")
                    }
                    (s, _) => format!("{s:?}"),
                },
            };
            bad.push(format!("{} {path}: want {want} got {got}", f[0]));
        }
        assert!(n >= 955, "only {n} rows: rows were lost");
        assert!(
            bad.is_empty(),
            "{} of {n} cases differ:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }
}
