use serde_json::Value;

use super::parse;

/// A YAML text and the JSON value it reads as, by topic.
const VALUES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/yaml-inputs/values.tsv"
));
/// A YAML text that does not read, and where and why: the line, the
/// column and a part of the message.
const ERRORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/yaml-inputs/errors.tsv"
));
/// Whole documents, each with the JSON value it reads as.
const DOCUMENTS: [(&str, &str); 2] = [
    (
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/yaml-inputs/aws-export.yaml"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/yaml-inputs/aws-export.json"
        )),
    ),
    (
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/yaml-inputs/sam-template.yaml"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/yaml-inputs/sam-template.json"
        )),
    ),
];

/// A row of a table, named by its line in the file.
struct Row {
    line: usize,
    fields: Vec<&'static str>,
}

/// The rows of a tab-separated table whose first line names the columns
/// `columns`.
fn rows(table: &'static str, columns: &[&str]) -> Vec<Row> {
    let mut lines = table.lines();
    assert_eq!(lines.next(), Some(columns.join("\t").as_str()), "header");
    let rows: Vec<Row> = lines
        .enumerate()
        .map(|(i, text)| {
            let fields: Vec<&str> = text.split('\t').collect();
            assert_eq!(fields.len(), columns.len(), "line {}: {text:?}", i + 2);
            Row {
                line: i + 2,
                fields,
            }
        })
        .collect();
    assert!(!rows.is_empty());
    rows
}

/// A text field as written in a table: `\n`, `\t` and `\r` stand for a
/// line break, a tab and a carriage return, `\u{feff}` for any
/// character, and `\\` for a backslash.
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let rest = chars.as_str();
                let hex = rest
                    .strip_prefix('{')
                    .and_then(|r| r.split_once('}'))
                    .map(|(hex, _)| hex)
                    .unwrap_or_else(|| panic!("\\u without {{hex}} in {field:?}"));
                let code = u32::from_str_radix(hex, 16).expect("hexadecimal");
                out.push(char::from_u32(code).expect("a character"));
                chars = rest[hex.len() + 2..].chars();
            }
            other => panic!("unknown escape \\{other:?} in {field:?}"),
        }
    }
    out
}

/// Why `yaml` does not read as `json`, if it does not.
fn mismatch(yaml: &str, json: &str) -> Option<String> {
    let want: Value = serde_json::from_str(json).expect("the expected value is JSON");
    let got = match parse(yaml) {
        Ok(got) => got,
        Err(e) => return Some(format!("{e}")),
    };
    // Equal values may still differ in the order of mapping keys, which
    // must be the document's: the texts tell.
    let (got_text, want_text) = (got.to_string(), want.to_string());
    if got != want {
        Some(format!("read as {got_text}"))
    } else if got_text != want_text {
        Some(format!("key order {got_text}"))
    } else {
        None
    }
}

#[test]
fn values() {
    let failed: Vec<String> = rows(VALUES, &["topic", "yaml", "json"])
        .into_iter()
        .filter_map(|row| {
            let [topic, yaml, json] = row.fields[..] else {
                unreachable!()
            };
            let why = mismatch(&unescape(yaml), json)?;
            Some(format!("values.tsv:{} ({topic}): {why}", row.line))
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn errors() {
    let failed: Vec<String> = rows(ERRORS, &["yaml", "line", "column", "message"])
        .into_iter()
        .filter_map(|row| {
            let [yaml, line, column, message] = row.fields[..] else {
                unreachable!()
            };
            let at: (usize, usize) = (line.parse().unwrap(), column.parse().unwrap());
            let why = match parse(&unescape(yaml)) {
                Ok(v) => format!("read as {v}"),
                Err(e) if !e.message.contains(&unescape(message)) => format!("{e}"),
                Err(e) if (e.line, e.column) != at => format!("{e}"),
                Err(e)
                    if !e
                        .to_string()
                        .ends_with(&format!("(line {line}, column {column})")) =>
                {
                    format!("{e}")
                }
                Err(_) => return None,
            };
            Some(format!("errors.tsv:{}: {why}", row.line))
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn documents() {
    for (yaml, json) in DOCUMENTS {
        assert_eq!(mismatch(yaml, json), None, "{yaml}");
        assert_eq!(mismatch(&yaml.replace('\n', "\r\n"), json), None, "{yaml}");
    }
}

#[test]
fn truncated_input_never_panics() {
    let values = rows(VALUES, &["topic", "yaml", "json"])
        .into_iter()
        .map(|r| r.fields[1]);
    let errors = rows(ERRORS, &["yaml", "line", "column", "message"])
        .into_iter()
        .map(|r| r.fields[0]);
    let mut texts: Vec<String> = values.chain(errors).map(unescape).collect();
    texts.extend(DOCUMENTS.iter().map(|(yaml, _)| yaml.to_string()));
    for text in texts {
        for (end, _) in text.char_indices() {
            let _ = parse(&text[..end]); // Ok or Err, but no panic
        }
    }
}

#[test]
fn limits() {
    let e = parse(&"[".repeat(300)).unwrap_err();
    assert!(e.message.contains("more than 256 levels"), "{e}");
    let nested = "- ".repeat(255) + "x";
    assert!(parse(&format!("- {nested}"))
        .unwrap_err()
        .message
        .contains("256 levels"));
    assert_eq!(
        parse(&nested).unwrap().to_string(),
        "[".repeat(255) + "\"x\"" + &"]".repeat(255)
    );
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        bomb += &format!(
            "a{i}: &a{i} [*a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}]\n",
            i - 1
        );
    }
    assert!(parse(&bomb).unwrap_err().message.contains("aliases expand"));
}
