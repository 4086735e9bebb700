//! Tests of fge's messages, report order and schema errors; the tables of keyword and format
//! messages, format rules and schema errors are data files under `tests/schema-inputs/`.

use super::*;
use serde_json::json;

const KEYWORD_MESSAGES: &str = include_str!("../../tests/schema-inputs/keyword-messages.tsv");
const FORMAT_MESSAGES: &str = include_str!("../../tests/schema-inputs/format-messages.tsv");
const FORMAT_RULES: &str = include_str!("../../tests/schema-inputs/format-rules.tsv");
const SCHEMA_ERRORS: &str = include_str!("../../tests/schema-inputs/schema-errors.tsv");

/// The rows of a table: after its `#` comments, a header line naming the `columns`, then one
/// row per line, tab-separated; each with its line number.
fn rows<'t, const N: usize>(table: &'t str, columns: [&str; N]) -> Vec<(usize, [&'t str; N])> {
    let mut lines = table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'));
    assert_eq!(
        lines.next().map(|(_, l)| l),
        Some(columns.join("\t").as_str())
    );
    let rows: Vec<_> = lines
        .map(|(i, l)| {
            let fields: Vec<&str> = l.split('\t').collect();
            let fields = fields.try_into().unwrap_or_else(|f: Vec<&str>| {
                panic!("line {}: {} fields, not {N}", i + 1, f.len())
            });
            (i + 1, fields)
        })
        .collect();
    assert!(!rows.is_empty(), "a table without rows");
    rows
}

fn json_field(line: usize, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("line {line}: {e}"))
}

fn errors(schema: Value, instance: Value) -> Vec<String> {
    let s = Schema::compile(&schema, "", &Documents::new()).unwrap();
    let errs = s.validate(&instance);
    assert_eq!(
        s.is_valid(&instance),
        errs.is_empty(),
        "is_valid disagrees for {schema} / {instance}"
    );
    errs.into_iter().map(|e| e.message).collect()
}

fn one(schema: Value, instance: Value) -> String {
    let e = errors(schema.clone(), instance.clone());
    assert_eq!(e.len(), 1, "{schema} / {instance}: {e:?}");
    e[0].clone()
}

#[test]
fn keyword_messages() {
    for (line, [schema, instance, want]) in
        rows(KEYWORD_MESSAGES, ["schema", "instance", "message"])
    {
        let (schema, instance) = (json_field(line, schema), json_field(line, instance));
        assert_eq!(
            one(schema.clone(), instance.clone()),
            want,
            "keyword-messages.tsv:{line}: {schema} / {instance}"
        );
    }
}

#[test]
fn format_messages() {
    for (line, [fmt, instance, want]) in rows(FORMAT_MESSAGES, ["format", "instance", "message"]) {
        assert_eq!(
            one(json!({"format": fmt}), json!(instance)),
            want,
            "format-messages.tsv:{line}: {fmt} / {instance:?}"
        );
    }
}

#[test]
fn format_rules() {
    for (line, [fmt, text, valid]) in rows(FORMAT_RULES, ["format", "instance", "valid"]) {
        let schema = Schema::compile(&json!({ "format": fmt }), "", &Documents::new()).unwrap();
        let want: bool = valid
            .parse()
            .unwrap_or_else(|_| panic!("line {line}: {valid:?}"));
        assert_eq!(
            schema.is_valid(&json!(text)),
            want,
            "format-rules.tsv:{line}: {fmt} / {text:?}"
        );
    }
}

#[test]
fn report_order() {
    let s = |schema: Value, instance: Value| {
        Schema::validation_error_string(
            &Schema::compile(&schema, "", &Documents::new())
                .unwrap()
                .validate(&instance),
        )
    };
    // Keywords run in name order; a failing object keeps fge from visiting its members.
    assert_eq!(
        s(
            json!({"type": "object", "required": ["a"], "additionalProperties": false, "properties": {"b": {"type": "string"}}}),
            json!({"b": 1, "c": 2})
        ),
        r#"[object instance has properties which are not allowed by the schema: ["c"], object has missing required properties (["a"])]"#
    );
    // Members in sorted name order; every member's own keywords still run after an error...
    assert_eq!(
        s(
            json!({"properties": {"b": {"type": "string"}, "a": {"type": "string"}}}),
            json!({"b": 1, "a": 2})
        ),
        r#"[instance type (integer) does not match any allowed primitive type (allowed: ["string"]), instance type (integer) does not match any allowed primitive type (allowed: ["string"])]"#
    );
    // ... but not their members.
    assert_eq!(
        s(
            json!({"properties": {"a": {"type": "string"}, "b": {"properties": {"x": {"type": "string"}}}}}),
            json!({"a": 1, "b": {"x": 1}})
        ),
        r#"[instance type (integer) does not match any allowed primitive type (allowed: ["string"])]"#
    );
    // Children are reported where they are; format runs last.
    assert_eq!(
        s(
            json!({"items": {"type": "string", "format": "email", "minLength": 5}}),
            json!(["x"])
        ),
        r#"[string "x" is too short (length: 1, required minimum: 5), string "x" is not a valid email address]"#
    );
    // Schema dependencies report into the same list; anyOf only its summary.
    assert_eq!(
        s(
            json!({"dependencies": {"a": {"required": ["b"]}}, "anyOf": [{"required": ["x"]}, {"required": ["y"]}]}),
            json!({"a": 1})
        ),
        r#"[instance failed to match at least one required schema among 2, object has missing required properties (["b"])]"#
    );
    assert_eq!(s(json!({}), json!(1)), "[]");
}

#[test]
fn pointers() {
    let schema = json!({"definitions": {"n": {"minimum": 3}}, "properties": {"a/b": {"items": {"$ref": "#/definitions/n"}}}});
    let e = Schema::compile(&schema, "", &Documents::new())
        .unwrap()
        .validate(&json!({"a/b": [5, 1]}));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].instance_pointer, "/a~1b/1");
    assert_eq!(e[0].schema_pointer, "/definitions/n/minimum");
    assert_eq!(e[0].keyword, "minimum");
}

#[test]
fn references() {
    let mut docs = Documents::new();
    let base = "https://apigateway.amazonaws.com/restapis/abc/models/";
    docs.insert(&format!("{base}Tag"), json!({"type": "object", "properties": {"name": {"type": "string"}, "parent": {"$ref": "Pet"}}}));
    docs.insert(&format!("{base}Pet"), json!({"type": "object", "required": ["id"], "properties": {"tags": {"type": "array", "items": {"$ref": format!("{base}Tag")}}}}));
    let pet = Schema::compile(&json!({"$ref": "Pet"}), &format!("{base}Order"), &docs).unwrap();
    assert!(pet.is_valid(&json!({"id": 1, "tags": [{"name": "x", "parent": {"id": 2}}]})));
    let e = pet.validate(&json!({"id": 1, "tags": [{"name": 3}]}));
    assert_eq!(
        e[0].schema_pointer,
        format!("{base}Tag#/properties/name/type")
    );
    assert_eq!(e[0].instance_pointer, "/tags/0/name");
    // Recursion through "#" terminates; a loop that consumes nothing hits the depth guard.
    let tree = Schema::compile(
        &json!({"properties": {"kids": {"items": {"$ref": "#"}}}, "required": ["v"]}),
        "",
        &docs,
    )
    .unwrap();
    assert!(!tree.is_valid(&json!({"v": 1, "kids": [{"v": 2, "kids": [{}]}]})));
    let looping = Schema::compile(
        &json!({"anyOf": [{"type": "null"}, {"$ref": "#"}]}),
        "",
        &docs,
    )
    .unwrap();
    assert!(!looping.is_valid(&json!(1)));
    assert_eq!(looping.validate(&json!(1)).len(), 1);
}

#[test]
fn schema_errors() {
    for (line, [schema, want]) in rows(SCHEMA_ERRORS, ["schema", "error"]) {
        let schema = json_field(line, schema);
        let got = Schema::compile(&schema, "", &Documents::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            got == want
                || (want.starts_with('(') || want.starts_with("\"$ref\" loop"))
                    && got.contains(want),
            "schema-errors.tsv:{line}: {schema}: {got}"
        );
    }
    // Unknown keywords are ignored.
    assert!(Schema::compile(
        &json!({"x-anything": [1], "example": {}}),
        "",
        &Documents::new()
    )
    .is_ok());
}

#[test]
fn loops() {
    let docs = Documents::new();
    // Exponential without loop detection: every branch re-enters the root for the same value.
    let s = Schema::compile(
        &json!({"anyOf": [{"$ref": "#"}, {"$ref": "#"}, {"$ref": "#"}]}),
        "",
        &docs,
    )
    .unwrap();
    assert!(!s.is_valid(&json!(1)));
    assert_eq!(
        Schema::validation_error_string(&s.validate(&json!(1))),
        "[instance failed to match at least one required schema among 3]"
    );
    let s = Schema::compile(&json!({"definitions": {"a": {"allOf": [{"$ref": "#/definitions/a"}]}}, "properties": {"x": {"$ref": "#/definitions/a"}}}), "", &docs).unwrap();
    assert_eq!(
        Schema::validation_error_string(&s.validate(&json!({"x": 1}))),
        "[instance failed to match all required schemas (matched only 0 out of 1)]"
    );
    // Schema dependencies report into the main list, so the loop shows there.
    let s = Schema::compile(&json!({"dependencies": {"a": {"$ref": "#"}}}), "", &docs).unwrap();
    let e = s.validate(&json!({"a": 1}));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].message, "validation loop: schema \"#\" visited twice for the same instance (or nesting deeper than 512 schemas)");
    assert!(!s.is_valid(&json!({"a": 1})));
    // Not a loop: the same schema for the same value through sibling paths.
    let s = Schema::compile(&json!({"definitions": {"i": {"type": "integer"}}, "allOf": [{"properties": {"foo": {"$ref": "#/definitions/i"}}}, {"additionalProperties": {"$ref": "#/definitions/i"}}]}), "", &docs).unwrap();
    assert!(s.is_valid(&json!({"foo": 1})));
    // Deep but finite recursion.
    let mut deep = json!(null);
    for _ in 0..100 {
        deep = json!([deep]);
    }
    let s = Schema::compile(&json!({"items": {"$ref": "#"}}), "", &docs).unwrap();
    assert!(s.is_valid(&deep));
}

#[test]
fn keyword_order() {
    let schema = json!({
        "uniqueItems": true, "type": "array", "required": ["a"], "pattern": "x", "oneOf": [{}], "not": {},
        "multipleOf": 2, "minimum": 1, "minProperties": 1, "minLength": 1, "minItems": 1, "maximum": 9,
        "maxProperties": 9, "maxLength": 9, "maxItems": 9, "enum": [1], "dependencies": {"a": ["b"]},
        "anyOf": [{}], "allOf": [{}], "additionalProperties": false, "items": [{}], "additionalItems": false,
        "format": "email"
    });
    let s = Schema::compile(&schema, "", &Documents::new()).unwrap();
    let names: Vec<&str> = s.nodes[s.root as usize]
        .kws
        .iter()
        .map(|e| e.kw.name())
        .collect();
    let mut sorted = names[..names.len() - 1].to_vec();
    sorted.sort();
    assert_eq!(&names[..names.len() - 1], &sorted[..]);
    assert_eq!(names.len(), 22);
    assert_eq!(names[names.len() - 1], "format");
}

#[test]
fn metaschema() {
    let meta: Value = serde_json::from_str(DRAFT4_METASCHEMA).unwrap();
    let s = Schema::compile(
        &json!({"$ref": "http://json-schema.org/draft-04/schema#"}),
        "",
        &Documents::new(),
    )
    .unwrap();
    assert!(s.is_valid(&meta));
    assert!(s.is_valid(&json!({"type": ["string", "null"], "properties": {"a": {"minLength": 1}}})));
    assert!(!s.is_valid(&json!({"required": []})));
    assert!(!s.is_valid(&json!({"type": "integr"})));
    assert!(!s.is_valid(&json!({"exclusiveMinimum": true})));
    // The bundled metaschema compiles on its own too.
    assert!(Schema::compile(
        &meta,
        "http://json-schema.org/draft-04/schema",
        &Documents::new()
    )
    .is_ok());
}

/// Messages for instances read from text: numbers print as Jackson prints fge's nodes, exactly
/// as written (integers of any size stay integers).
#[test]
fn numbers_from_text() {
    let check = |schema: Value, text: &str, want: &[&str]| {
        let s = Schema::compile(&schema, "", &Documents::new()).unwrap();
        let got: Vec<String> = s
            .validate_text(text)
            .unwrap()
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(got, want, "{schema} / {text}");
        assert_eq!(
            s.is_valid_text(text),
            Ok(want.is_empty()),
            "{schema} / {text}"
        );
    };
    let int = json!({"type": "integer"});
    let not_int = [
        r#"instance type (number) does not match any allowed primitive type (allowed: ["integer"])"#,
    ];
    check(int.clone(), "1", &[]);
    check(int.clone(), "-0", &[]);
    check(int.clone(), "123456789012345678901234567890", &[]);
    check(int.clone(), "-123456789012345678901234567890", &[]);
    check(int.clone(), "1.0", &not_int);
    check(int.clone(), "1e2", &not_int);
    check(int.clone(), "-0.0", &not_int);
    let min = json!({"minimum": 5});
    let lower = |found: &str| {
        format!("numeric instance is lower than the required minimum (minimum: 5, found: {found})")
    };
    check(min.clone(), "1.0", &[&lower("1")]);
    check(min.clone(), "-0", &[&lower("0")]);
    check(min.clone(), "4.50", &[&lower("4.5")]);
    check(
        min.clone(),
        "4.999999999999999999999",
        &[&lower("4.999999999999999999999")],
    );
    check(min.clone(), "-1e30", &[&lower("-1E+30")]);
    check(min.clone(), "5.000000000000000000001", &[]);
    check(min.clone(), "1e2", &[]);
    check(
        min.clone(),
        "-123456789012345678901234567890",
        &[&lower("-123456789012345678901234567890")],
    );
    let max = json!({"maximum": 50.0, "exclusiveMaximum": true});
    check(
        max.clone(),
        "1e2",
        &["numeric instance is greater than the required maximum (maximum: 50, found: 1E+2)"],
    );
    check(
        max.clone(),
        "50",
        &["numeric instance is not strictly lower than the required maximum 50"],
    );
    check(
        max.clone(),
        "5.0e1",
        &["numeric instance is not strictly lower than the required maximum 50"],
    );
    check(max.clone(), "49.99999999999999999999", &[]);
    check(max.clone(), "123456789012345678901234567890", &["numeric instance is greater than the required maximum (maximum: 50, found: 123456789012345678901234567890)"]);
    let positive = json!({"minimum": 0, "exclusiveMinimum": true});
    let not_above = ["numeric instance is not strictly greater than the required minimum 0"];
    check(positive.clone(), "-0.0", &not_above);
    check(positive.clone(), "0.000", &not_above);
    check(positive.clone(), "-0", &not_above);
    check(positive.clone(), "0.001", &[]);
    check(
        positive.clone(),
        "-0.5",
        &["numeric instance is lower than the required minimum (minimum: 0, found: -0.5)"],
    );
    check(
        positive.clone(),
        "-1.0",
        &["numeric instance is lower than the required minimum (minimum: 0, found: -1)"],
    );
    check(positive.clone(), "999999999999999999.5", &[]);
    check(positive, "-9999999999999999999.5", &["numeric instance is lower than the required minimum (minimum: 0, found: -9999999999999999999.5)"]);
    let range = json!({"minimum": -3, "maximum": 3});
    check(range.clone(), "-3.0", &[]);
    check(
        range.clone(),
        "-3.01",
        &["numeric instance is lower than the required minimum (minimum: -3, found: -3.01)"],
    );
    check(range.clone(), "3.00", &[]);
    check(
        range.clone(),
        "3.001",
        &["numeric instance is greater than the required maximum (maximum: 3, found: 3.001)"],
    );
    check(range, "-2.99", &[]);
    let cents = json!({"multipleOf": 0.01});
    check(cents.clone(), "123456789012345678901234567890.01", &[]);
    check(cents.clone(), "1e-2", &[]);
    check(cents.clone(), "1e300", &[]);
    check(
        cents.clone(),
        "123456789012345678901234567890.001",
        &["remainder of division is not zero (123456789012345678901234567890.001 / 0.01)"],
    );
    check(
        json!({"multipleOf": 7}),
        "70000000000000000000000000000000000000000000000000",
        &[],
    );
    check(json!({"multipleOf": 7}), "70000000000000000000000000000000000000000000000001", &["remainder of division is not zero (70000000000000000000000000000000000000000000000001 / 7)"]);
    check(json!({"enum": [1, "a"]}), "1.0", &[]);
    check(json!({"enum": [100]}), "1e2", &[]);
    check(
        json!({"enum": [1]}),
        "12345678901234567890123",
        &["instance value (12345678901234567890123) not found in enum (possible values: [1])"],
    );
    let unique = json!({"uniqueItems": true});
    check(
        unique.clone(),
        "[1, 1.0]",
        &["array must not contain duplicate elements"],
    );
    check(
        unique.clone(),
        "[1e2, 100]",
        &["array must not contain duplicate elements"],
    );
    check(
        unique.clone(),
        "[-0, 0.0]",
        &["array must not contain duplicate elements"],
    );
    check(
        unique.clone(),
        "[12345678901234567890123, 12345678901234567890124]",
        &[],
    );
    check(
        unique.clone(),
        "[{\"a\": 1, \"b\": [2.0]}, {\"b\": [2], \"a\": 1.00}]",
        &["array must not contain duplicate elements"],
    );
    let many: Vec<String> = (0..40).map(|i| format!("{i}.5")).collect();
    check(unique.clone(), &format!("[{}]", many.join(",")), &[]);
    check(
        unique,
        &format!("[{}, 3.50]", many.join(",")),
        &["array must not contain duplicate elements"],
    );
}

/// Text entry points: not JSON is an error (the caller reports it in API Gateway's words),
/// duplicate names keep the last value.
#[test]
fn text_entry_points() {
    let s = Schema::compile(
        &json!({"properties": {"a": {"type": "string"}}, "enum": [{"a": "x", "b": 1}]}),
        "",
        &Documents::new(),
    )
    .unwrap();
    assert!(s.validate_text("{\"a\": 1,}").is_err());
    assert!(s.is_valid_text("").is_err());
    assert_eq!(s.is_valid_text(r#"{"a": 1, "b": 1, "a": "x"}"#), Ok(true));
    assert_eq!(
        s.validate_text(r#"{"a": "x", "b": 2, "a": 3}"#)
            .unwrap()
            .into_iter()
            .map(|e| e.message)
            .collect::<Vec<_>>(),
        [
            r#"instance value ({"a":3,"b":2}) not found in enum (possible values: [{"a":"x","b":1}])"#
        ]
    );
}

/// `required` names that are all `properties` are checked during the member walk; the report
/// is the same as for the keyword.
#[test]
fn required_with_properties() {
    let s = Schema::compile(
        &json!({"properties": {"a": {}, "b": {"type": "string"}}, "required": ["b", "a"]}),
        "",
        &Documents::new(),
    )
    .unwrap();
    let cases = [
        (
            "{}",
            vec![r#"object has missing required properties (["a","b"])"#],
        ),
        (
            r#"{"a": 1}"#,
            vec![r#"object has missing required properties (["b"])"#],
        ),
        (r#"{"a": 1, "b": "x"}"#, vec![]),
        (r#"{"b": "x", "a": 1, "b": "y", "c": 2}"#, vec![]),
        (
            r#"{"a": 1, "b": 2}"#,
            vec![
                r#"instance type (integer) does not match any allowed primitive type (allowed: ["string"])"#,
            ],
        ),
        (r#"{"a": 1, "b": 2, "b": "x"}"#, vec![]),
        ("[]", vec![]),
    ];
    for (text, want) in cases {
        let got: Vec<String> = s
            .validate_text(text)
            .unwrap()
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(got, want, "{text}");
        assert_eq!(s.is_valid_text(text), Ok(want.is_empty()), "{text}");
    }
    // A name outside `properties`, and `required` beyond the first 64 properties.
    let mut props = serde_json::Map::new();
    for i in 0..70 {
        props.insert(format!("p{i}"), json!({}));
    }
    for schema in [
        json!({"properties": {"a": {}}, "required": ["a", "c"]}),
        json!({"properties": props, "required": ["p69", "p1"]}),
    ] {
        let s = Schema::compile(&schema, "", &Documents::new()).unwrap();
        assert_eq!(s.is_valid_text(r#"{"a": 1, "p1": 1}"#), Ok(false));
        assert_eq!(
            s.is_valid_text(r#"{"a": 1, "c": 1, "p1": 1, "p69": 1}"#),
            Ok(true)
        );
    }
}
