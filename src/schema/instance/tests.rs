//! The instance reader: what is JSON (Jackson's default reading), escapes, surrogates,
//! numbers, nesting, duplicate names, and the arena it builds.

use super::arena::hash_at;
use super::*;
use crate::schema::messages;

/// The instance printed back as fge prints it (compact, numbers as Jackson prints fge's nodes).
fn reprint(text: &str) -> String {
    let parsed = Parsed::new(text, MAX_NESTING).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    let doc = parsed.doc();
    messages::json(doc.at(0))
}

fn reason(text: &str) -> &'static str {
    match Parsed::new(text, MAX_NESTING) {
        Ok(_) => panic!("{text:?} was read as JSON"),
        Err(e) => e.reason,
    }
}

#[test]
fn accepts_json() {
    let cases = [
        ("{}", "{}"),
        (" \t\r\n[ 1 , 2 ]\n", "[1,2]"),
        ("\"x\"", "\"x\""),
        ("0", "0"),
        ("-0", "0"),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        ("[[],{},[{}]]", "[[],{},[{}]]"),
        (
            r#"{"a":{"b":[1,{"c":null}]},"d":"e"}"#,
            r#"{"a":{"b":[1,{"c":null}]},"d":"e"}"#,
        ),
        ("\"\u{7f}é😀\"", "\"\u{7f}é😀\""),
    ];
    for (text, want) in cases {
        assert_eq!(reprint(text), want, "{text:?}");
    }
}

#[test]
fn rejects_what_jackson_rejects() {
    let cases = [
        ("", "the end of the text where a value belongs"),
        ("   ", "the end of the text where a value belongs"),
        ("[1,]", "a trailing comma"),
        (r#"{"a":1,}"#, "a trailing comma"),
        ("[1 2]", "a character where , or ] belongs"),
        (r#"{"a" 1}"#, "a character where : belongs"),
        (r#"{"a":1 "b":2}"#, "a character where , or } belongs"),
        (
            "{a:1}",
            "a character where a member name (a string) belongs",
        ),
        (
            "{'a':1}",
            "a character where a member name (a string) belongs",
        ),
        ("['a']", "a character that starts no JSON value"),
        ("[1]]", "text after the JSON value"),
        ("{} {}", "text after the JSON value"),
        ("// c\n{}", "a character that starts no JSON value"),
        ("[1/* c */]", "a character where , or ] belongs"),
        ("[NaN]", "a character that starts no JSON value"),
        ("Infinity", "a character that starts no JSON value"),
        ("[-Infinity]", "a minus sign without digits"),
        ("+1", "a character that starts no JSON value"),
        ("01", "text after the JSON value"),
        ("-01", "text after the JSON value"),
        ("1.", "a decimal point without digits after it"),
        (".5", "a character that starts no JSON value"),
        ("1e", "an exponent without digits"),
        ("1e+", "an exponent without digits"),
        ("-", "a minus sign without digits"),
        ("0x10", "text after the JSON value"),
        ("tru", "a misspelt true, false or null"),
        ("nul", "a misspelt true, false or null"),
        ("True", "a character that starts no JSON value"),
        ("\"a", "the end of the text inside a string"),
        ("\"a\tb\"", "a control character inside a string"),
        ("\"a\nb\"", "a control character inside a string"),
        ("\"a\u{0}\"", "a control character inside a string"),
        (r#""\a""#, "an unknown escape in a string"),
        (r#""\'""#, "an unknown escape in a string"),
        (r#""\x41""#, "an unknown escape in a string"),
        (r#""\u12""#, "a \\u escape without four hex digits"),
        (r#""\u12G4""#, "a \\u escape without four hex digits"),
        ("\"a\\", "the end of the text inside a string"),
        ("[1", "the end of the text inside a container"),
        ("{\"a\":1", "the end of the text inside a container"),
        ("{\"a\"", "a character where : belongs"),
        ("\u{feff}{}", "a character that starts no JSON value"),
        ("\u{a0}{}", "a character that starts no JSON value"),
        (
            "1e2147483648",
            "a number whose exponent does not fit a Java int",
        ),
        (
            "1.5e-2147483647",
            "a number whose exponent does not fit a Java int",
        ),
        (
            "1e99999999999999999999",
            "a number whose exponent does not fit a Java int",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(reason(text), want, "{text:?}");
    }
    let e = Parsed::new("[1,]", MAX_NESTING).err().unwrap();
    assert_eq!(e.offset, 3);
    assert_eq!(e.to_string(), "not JSON: a trailing comma at byte 3");
}

#[test]
fn escapes_and_surrogates() {
    let cases = [
        (r#""a\"b\\c\/d""#, r#""a\"b\\c/d""#),
        (r#""\b\f\n\r\t""#, r#""\b\f\n\r\t""#),
        (r#""\u0041\u00e9\u00E9""#, "\"Aéé\""),
        (r#""\u0000\u001f""#, r#""\u0000\u001F""#),
        // A pair of surrogate escapes is one character.
        (r#""\ud83d\ude00""#, "\"😀\""),
        (r#""x\uD83D\uDE00y""#, "\"x😀y\""),
        // Lone surrogates (Jackson keeps them in the Java string) become U+FFFD.
        (r#""\ud83d""#, "\"\u{fffd}\""),
        (r#""\ude00""#, "\"\u{fffd}\""),
        (r#""\ud83dx""#, "\"\u{fffd}x\""),
        (r#""\ud83d\u0041""#, "\"\u{fffd}A\""),
        (r#""\ud83d\ud83d\ude00""#, "\"\u{fffd}😀\""),
        (r#""\ude00\ud83d""#, "\"\u{fffd}\u{fffd}\""),
    ];
    for (text, want) in cases {
        assert_eq!(reprint(text), want, "{text:?}");
    }
    // Escaped and unescaped strings side by side, as keys and values.
    let text = r#"{"k\u0031":"v\n1","k2":"v2","\u006b3":["\t",""]}"#;
    let parsed = Parsed::new(text, MAX_NESTING).unwrap();
    let doc = parsed.doc();
    let root = doc.at(0);
    let members: Vec<(&str, String)> = root
        .members()
        .map(|(k, v)| (k.as_str(), messages::json(v)))
        .collect();
    assert_eq!(
        members,
        [
            ("k1", r#""v\n1""#.to_string()),
            ("k2", r#""v2""#.to_string()),
            ("k3", r#"["\t",""]"#.to_string())
        ]
    );
    assert_eq!(root.get("k1").and_then(|v| v.as_str()), Some("v\n1"));
    // Lengths in code points.
    let parsed = Parsed::new(r#"["abc","é😀","\u00e9\ud83d\ude00","\ud83d"]"#, 9).unwrap();
    let doc = parsed.doc();
    let counts: Vec<usize> = doc.at(0).elements().map(|v| v.char_count()).collect();
    assert_eq!(counts, [3, 2, 2, 1]);
}

#[test]
fn numbers_keep_their_text() {
    use crate::schema::types::{INTEGER, NUMBER};
    let cases = [
        ("0", INTEGER, "0"),
        ("-0", INTEGER, "0"),
        ("42", INTEGER, "42"),
        ("-42", INTEGER, "-42"),
        ("9223372036854775807", INTEGER, "9223372036854775807"),
        ("9223372036854775808", INTEGER, "9223372036854775808"),
        ("-9223372036854775809", INTEGER, "-9223372036854775809"),
        (
            "123456789012345678901234567890",
            INTEGER,
            "123456789012345678901234567890",
        ),
        ("1.0", NUMBER, "1"),
        ("-0.0", NUMBER, "0"),
        ("0.0", NUMBER, "0"),
        ("1.50", NUMBER, "1.5"),
        ("100.0", NUMBER, "1E+2"),
        ("1e2", NUMBER, "1E+2"),
        ("1E2", NUMBER, "1E+2"),
        ("1e+2", NUMBER, "1E+2"),
        ("1e0", NUMBER, "1"),
        ("12.5e1", NUMBER, "125"),
        ("0.001", NUMBER, "0.001"),
        ("0.000001", NUMBER, "0.000001"),
        ("0.0000001", NUMBER, "1E-7"),
        ("-0.0000001", NUMBER, "-1E-7"),
        ("1.2345e-10", NUMBER, "1.2345E-10"),
        ("123.456", NUMBER, "123.456"),
        (
            "1.000000000000000000000000001",
            NUMBER,
            "1.000000000000000000000000001",
        ),
        (
            "0.1000000000000000055511151231257827",
            NUMBER,
            "0.1000000000000000055511151231257827",
        ),
        ("1e400", NUMBER, "1E+400"),
        ("-2.5e-400", NUMBER, "-2.5E-400"),
        ("1e007", NUMBER, "1E+7"),
        ("1e2147483647", NUMBER, "1E+2147483647"),
    ];
    for (text, ty, java) in cases {
        let parsed = Parsed::new(text, 1).unwrap();
        let doc = parsed.doc();
        let v = doc.at(0);
        assert_eq!(v.ty(), ty, "{text}");
        assert_eq!(messages::json(v), java, "{text}");
    }
}

#[test]
fn nesting_limit() {
    let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
    assert!(Parsed::new(&deep(MAX_NESTING), MAX_NESTING).is_ok());
    let e = Parsed::new(&deep(MAX_NESTING + 1), MAX_NESTING)
        .err()
        .unwrap();
    assert_eq!(e.reason, "nesting deeper than 1000 arrays and objects");
    assert_eq!(e.offset, MAX_NESTING);
    let objects = "{\"a\":".repeat(MAX_NESTING + 1) + "1" + &"}".repeat(MAX_NESTING + 1);
    assert!(Parsed::new(&objects, MAX_NESTING).is_err());
    // Values built in Rust are read without a limit.
    assert!(Parsed::new(&deep(5000), usize::MAX).is_ok());
}

#[test]
fn duplicate_names() {
    // The last value wins, at the place of the first name (Jackson's ObjectNode).
    let cases = [
        (r#"{"a":1,"b":2,"a":3}"#, r#"{"a":3,"b":2}"#, 2),
        (r#"{"a":1,"a":2,"a":3}"#, r#"{"a":3}"#, 1),
        (
            r#"{"a":[1],"b":{"a":1,"a":2},"a":{"x":[]}}"#,
            r#"{"a":{"x":[]},"b":{"a":2}}"#,
            2,
        ),
        (r#"{"a":1,"\u0061":2}"#, r#"{"a":2}"#, 1),
        (r#"{"":1,"":2}"#, r#"{"":2}"#, 1),
    ];
    for (text, want, len) in cases {
        let parsed = Parsed::new(text, MAX_NESTING).unwrap();
        let doc = parsed.doc();
        let root = doc.at(0);
        assert_eq!(messages::json(root), want, "{text}");
        assert_eq!(root.len(), len, "{text}");
    }
    // Many members: repeats found through the sorted fingerprints.
    let mut text = String::from("{");
    for i in 0..100 {
        text.push_str(&format!("\"k{}\":{i},", i % 40));
    }
    text.push_str("\"last\":true}");
    let parsed = Parsed::new(&text, MAX_NESTING).unwrap();
    let doc = parsed.doc();
    let root = doc.at(0);
    assert_eq!(root.len(), 41);
    let names: Vec<&str> = root.members().map(|(k, _)| k.as_str()).collect();
    let want: Vec<String> = (0..40)
        .map(|i| format!("k{i}"))
        .chain(["last".to_string()])
        .collect();
    assert_eq!(names, want);
    assert_eq!(root.get("k5").and_then(|v| v.as_i64()), Some(85));
    assert_eq!(root.get("k39").and_then(|v| v.as_i64()), Some(79));
}

#[test]
fn buffers_are_reused() {
    let first = Parsed::new(r#"{"a":"\n","b":[1,2,3]}"#, MAX_NESTING).unwrap();
    drop(first);
    // A second parse on the same thread starts from the spare buffers, cleared.
    let second = Parsed::new(r#"["\t"]"#, MAX_NESTING).unwrap();
    let doc = second.doc();
    assert_eq!(doc.nodes.len(), 2);
    assert_eq!(doc.strings, "\t");
    assert_eq!(messages::json(doc.at(0)), r#"["\t"]"#);
}

#[test]
fn name_hash_reads_in_place() {
    // A key's hash, computed in the text (reading past the name), matches the name alone.
    let text = "0123456789abcdefghijklmnopqrstuvwxyzé\"";
    for start in [0, 3, 9] {
        for len in 0..=text.len() - start - 3 {
            let name = &text.as_bytes()[start..start + len];
            assert_eq!(
                hash_at(text.as_bytes(), start, len),
                name_hash(name),
                "{start} {len}"
            );
        }
    }
    assert_ne!(name_hash(b"a"), name_hash(b"b"));
    assert_ne!(name_hash(b""), name_hash(b"\0"));
    assert_ne!(name_hash(b"unitPrice"), name_hash(b"unitprice"));
}
