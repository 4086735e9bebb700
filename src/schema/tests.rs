//! Table-driven tests of fge's messages, report order and schema errors.

use super::*;
use serde_json::json;

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
    let cases: Vec<(Value, Value, &str)> = vec![
        (
            json!({"type": "integer"}),
            json!("x"),
            r#"instance type (string) does not match any allowed primitive type (allowed: ["integer"])"#,
        ),
        (
            json!({"type": "number"}),
            json!("x"),
            r#"instance type (string) does not match any allowed primitive type (allowed: ["integer","number"])"#,
        ),
        (
            json!({"type": ["string", "null"]}),
            json!(1),
            r#"instance type (integer) does not match any allowed primitive type (allowed: ["null","string"])"#,
        ),
        (
            json!({"type": "integer"}),
            json!(1.0),
            r#"instance type (number) does not match any allowed primitive type (allowed: ["integer"])"#,
        ),
        (
            json!({"type": ["object", "array", "boolean"]}),
            json!(null),
            r#"instance type (null) does not match any allowed primitive type (allowed: ["array","boolean","object"])"#,
        ),
        (
            json!({"enum": ["dog", "cat", "fish"]}),
            json!("bird"),
            r#"instance value ("bird") not found in enum (possible values: ["dog","cat","fish"])"#,
        ),
        (
            json!({"enum": [1, 1.50, {"a": [true, null]}, "q\"\n\u{1}é"]}),
            json!(2.50),
            r#"instance value (2.5) not found in enum (possible values: [1,1.5,{"a":[true,null]},"q\"\n\u0001é"])"#,
        ),
        (
            json!({"enum": [0]}),
            json!(false),
            "instance value (false) not found in enum (possible values: [0])",
        ),
        (
            json!({"enum": [1]}),
            json!(100.0),
            "instance value (1E+2) not found in enum (possible values: [1])",
        ),
        (
            json!({"required": ["to", "subject", "body"]}),
            json!({"subject": 1}),
            r#"object has missing required properties (["body","to"])"#,
        ),
        (
            json!({"properties": {"a": {}}, "patternProperties": {"^x": {}}, "additionalProperties": false}),
            json!({"a": 1, "z": 1, "b": 2, "xy": 3}),
            r#"object instance has properties which are not allowed by the schema: ["b","z"]"#,
        ),
        (
            json!({"dependencies": {"a": ["d", "c", "b"]}}),
            json!({"a": 1, "c": 2}),
            r#"property "a" of object has missing property dependencies (schema requires ["b","c","d"]; missing: ["b","d"])"#,
        ),
        (
            json!({"minItems": 2}),
            json!([1]),
            "array is too short: must have at least 2 elements but instance has 1 elements",
        ),
        (
            json!({"maxItems": 1}),
            json!([1, 2]),
            "array is too long: must have at most 1 elements but instance has 2 elements",
        ),
        (
            json!({"items": [{}], "additionalItems": false}),
            json!([1, 2, 3]),
            "schema only allows 1 elements in array but instance has 3 elements",
        ),
        (
            json!({"uniqueItems": true}),
            json!([1, 1.0]),
            "array must not contain duplicate elements",
        ),
        (
            json!({"minLength": 4}),
            json!("a\"b"),
            r#"string "a"b" is too short (length: 3, required minimum: 4)"#,
        ),
        (
            json!({"minLength": 3}),
            json!("é😀"),
            r#"string "é😀" is too short (length: 2, required minimum: 3)"#,
        ),
        (
            json!({"maxLength": 3}),
            json!("abcd"),
            r#"string "abcd" is too long (length: 4, maximum allowed: 3)"#,
        ),
        (
            json!({"pattern": "^[a-z]+$"}),
            json!("ABC"),
            r#"ECMA 262 regex "^[a-z]+$" does not match input string "ABC""#,
        ),
        (
            json!({"minimum": 10}),
            json!(5),
            "numeric instance is lower than the required minimum (minimum: 10, found: 5)",
        ),
        (
            json!({"minimum": 10, "exclusiveMinimum": true}),
            json!(10),
            "numeric instance is not strictly greater than the required minimum 10",
        ),
        (
            json!({"minimum": 1.5}),
            json!(0.10),
            "numeric instance is lower than the required minimum (minimum: 1.5, found: 0.1)",
        ),
        (
            json!({"minimum": 100.0}),
            json!(1e1),
            "numeric instance is lower than the required minimum (minimum: 100, found: 1E+1)",
        ),
        (
            json!({"minimum": 0.0000001}),
            json!(-3),
            "numeric instance is lower than the required minimum (minimum: 1E-7, found: -3)",
        ),
        (
            json!({"maximum": 10}),
            json!(11),
            "numeric instance is greater than the required maximum (maximum: 10, found: 11)",
        ),
        (
            json!({"maximum": 10, "exclusiveMaximum": true}),
            json!(10.0),
            "numeric instance is not strictly lower than the required maximum 10",
        ),
        (
            json!({"maximum": 2.5}),
            json!(12.75),
            "numeric instance is greater than the required maximum (maximum: 2.5, found: 12.75)",
        ),
        (
            json!({"multipleOf": 2}),
            json!(7),
            "remainder of division is not zero (7 / 2)",
        ),
        (
            json!({"multipleOf": 0.01}),
            json!(1.234),
            "remainder of division is not zero (1.234 / 0.01)",
        ),
        (
            json!({"minProperties": 1}),
            json!({}),
            "object has too few properties (found 0 but schema requires at least 1)",
        ),
        (
            json!({"maxProperties": 2}),
            json!({"a": 1, "b": 2, "c": 3}),
            "object has too many properties (found 3 but schema requires at most 2)",
        ),
        (
            json!({"allOf": [{"type": "string"}, {"maxLength": 1}]}),
            json!("ab"),
            "instance failed to match all required schemas (matched only 1 out of 2)",
        ),
        (
            json!({"anyOf": [{"type": "string"}, {"type": "null"}]}),
            json!(1),
            "instance failed to match at least one required schema among 2",
        ),
        (
            json!({"oneOf": [{"type": "string"}, {"type": "null"}]}),
            json!(1),
            "instance failed to match exactly one schema (matched 0 out of 2)",
        ),
        (
            json!({"oneOf": [{"type": "integer"}, {"minimum": 0}]}),
            json!(1),
            "instance failed to match exactly one schema (matched 2 out of 2)",
        ),
        (
            json!({"not": {"type": "string"}}),
            json!("x"),
            "instance matched a schema which it should not have",
        ),
    ];
    for (schema, instance, want) in cases {
        assert_eq!(
            one(schema.clone(), instance.clone()),
            want,
            "{schema} / {instance}"
        );
    }
}

#[test]
fn format_messages() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("date-time", json!("2020-13-01T00:00:00Z"), "string \"2020-13-01T00:00:00Z\" is invalid against requested date format(s) [yyyy-MM-dd'T'HH:mm:ssZ, yyyy-MM-dd'T'HH:mm:ss.SSSZ]"),
        ("email", json!("x"), r#"string "x" is not a valid email address"#),
        ("hostname", json!("-a.com"), r#"string "-a.com" is not a valid hostname"#),
        ("ipv4", json!("1.2.3"), r#"string "1.2.3" is not a valid IPv4 address"#),
        ("ipv6", json!("1::2::3"), r#"string "1::2::3" is not a valid IPv6 address"#),
        ("uri", json!("a b"), r#"string "a b" is not a valid URI"#),
        ("regex", json!("("), r#"string "(" is not a valid ECMA 262 regular expression"#),
        ("uuid", json!("123"), r#"input string "123" is not a valid UUID"#),
        ("mac", json!("00:11:22"), r#"input string "00:11:22" is not a valid MAC address"#),
        ("json-pointer", json!("a/b"), r#"input string "a/b" is not a valid JSON Pointer"#),
        ("md5", json!("abc"), "input string has incorrect length (3, expected 32)"),
        ("sha1", json!("z".repeat(40)), "illegal character \"z\" in input at index 0"),
        ("base64", json!("abc"), "input has illegal length (must be a multiple of 4, found 3)"),
        ("base64", json!("ab*="), "illegal character \"*\" at index 2 (not in Base64 alphabet)"),
    ];
    for (fmt, instance, want) in cases {
        assert_eq!(
            one(json!({"format": fmt}), instance.clone()),
            want,
            "{fmt} / {instance}"
        );
    }
}

#[test]
fn format_rules() {
    let cases: Vec<(&str, &str, bool)> = vec![
        ("date-time", "2020-02-29T23:59:59Z", true),
        ("date-time", "2019-02-29T23:59:59Z", false),
        ("date-time", "2020-01-01t00:00:00z", true),
        ("date-time", "2020-01-01T00:00:00.1+0530", true),
        ("date-time", "2020-01-01T00:00:00.1234Z", false),
        ("date-time", "2020-01-01T00:00:00+01", true),
        ("date-time", "2020-01-01T00:00:00+24:00", false),
        ("date-time", "2020-01-01 00:00:00Z", false),
        ("email", "joe.bloggs@example.com", true),
        ("email", "Joe Bloggs <joe@example.com>", true),
        ("email", "joe@", false),
        ("email", "a@b,c@d", false),
        ("email", "joe@exa mple.com", false),
        ("email", "\"joe bloggs\"@example.com", true),
        ("hostname", "www.example.com", true),
        ("hostname", "a_b.example.com", true),
        ("hostname", "example.com.", true),
        ("hostname", "example.123", false),
        (
            "hostname",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
            false,
        ),
        ("ipv4", "192.168.0.1", true),
        ("ipv4", "192.168.0.01", false),
        ("ipv4", "256.0.0.1", false),
        ("ipv4", "::ffff:1.2.3.4", true),
        ("ipv6", "::ffff:1.2.3.4", false),
        ("ipv6", "::1", true),
        ("ipv6", "1:2:3:4:5:6:7:8", true),
        ("ipv6", "1:2:3:4:5:6:7:8:9", false),
        ("ipv6", "::1.2.3.4", true),
        ("uri", "http://example.com/a?b#c", true),
        ("uri", "relative/path", true),
        ("uri", "//host/x", true),
        ("uri", "http://[::1]:80/", true),
        ("uri", "http://[::1/", false),
        ("uri", "http://a%zz/", false),
        ("uri", "1http://x", false),
        ("uri", "", true),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000", true),
        ("uuid", "1-2-3-4-5", true),
        ("uuid", "1-2-3-4", false),
        ("mac", "00:1a:zz:33:44:55", true),
        ("base64", "YWJj", true),
        ("base64", "YQ==", true),
        ("json-pointer", "/a~0b/c~1d", true),
        ("json-pointer", "/a~2", false),
        ("unknown-format", "anything", true),
    ];
    for (fmt, s, want) in cases {
        let schema = Schema::compile(&json!({ "format": fmt }), "", &Documents::new()).unwrap();
        assert_eq!(schema.is_valid(&json!(s)), want, "{fmt} / {s:?}");
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
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"minimum": "x"}),
            r##""minimum" must be a number (a JSON number, without quotes), but it is the string "x" (at /minimum)"##,
        ),
        (
            json!({"required": []}),
            r##""required" must be a non-empty array of property names (draft-04 does not allow []; remove the keyword instead), but it is an empty array (at /required)"##,
        ),
        (
            json!({"type": "integr"}),
            r##""type" must be one of "array", "boolean", "integer", "null", "number", "object", "string" (or a non-empty array of them without repeats), but it is the string "integr" (at /type)"##,
        ),
        (
            json!({"properties": {"a": {"maxLength": -1}}}),
            r##""maxLength" must be a non-negative integer written without a decimal point, at most 2147483647 (fge keeps it in a Java int), but it is the number -1 (at /properties/a/maxLength)"##,
        ),
        (
            json!({"minLength": 1.5}),
            r##""minLength" must be a non-negative integer written without a decimal point, at most 2147483647 (fge keeps it in a Java int), but it is the number 1.5 (at /minLength)"##,
        ),
        (
            json!({"properties": {"a": []}}),
            r##""properties/a" must be a schema (a JSON object, such as {} or {"type": "string"}), but it is an empty array (at /properties/a)"##,
        ),
        (
            json!([]),
            r##"a schema must be a JSON object, such as {} or {"type": "string"}, but this is an empty array (at )"##,
        ),
        (
            json!({"$ref": "#/definitions/missing"}),
            r##""$ref": "#/definitions/missing" points to nothing: "" has no "/definitions/missing"; fix the JSON pointer (escape "/" as ~1 and "~" as ~0) (at /$ref)"##,
        ),
        (
            json!({"$ref": "http://example.com/other"}),
            r##""$ref": "http://example.com/other" points to "http://example.com/other", which is no known document (nor an "id" in one); refer to another model of the API (#/components/schemas/Name), or give the validator that document (at /$ref)"##,
        ),
        (
            json!({"$ref": "#foo"}),
            r##""$ref": "#foo" names "#foo", but no schema declares "id": "#foo" in ""; declare it or use a JSON pointer fragment (at /$ref)"##,
        ),
        (
            json!({"exclusiveMaximum": true}),
            r##""exclusiveMaximum" needs "maximum" in the same schema (draft-04 dependency); add "maximum" or remove "exclusiveMaximum" (at /exclusiveMaximum)"##,
        ),
        (
            json!({"multipleOf": 0}),
            r##""multipleOf" must be greater than 0 (a divisor such as 1 or 0.01), but it is the number 0 (at /multipleOf)"##,
        ),
        (
            json!({"enum": [1, 1.0]}),
            r##""enum" values must be unique, but 1 is listed twice; remove the repeat (at /enum/1)"##,
        ),
        (
            json!({"pattern": "("}),
            r##""(" is not a valid ECMA 262 regular expression (Unclosed group near index 1); fix the pattern (in JSON, a backslash is written \\) (at /pattern)"##,
        ),
        (
            json!({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}),
            r##""$ref" loop: following the references comes back here without reaching a schema; make one of them point to a schema with keywords (at )"##,
        ),
        (
            json!({"allOf": []}),
            r##""allOf" must be a non-empty array of schemas, but it is an empty array (at /allOf)"##,
        ),
        (
            json!({"additionalProperties": "no"}),
            r##""additionalProperties" must be a boolean or a schema (object), but it is the string "no" (at /additionalProperties)"##,
        ),
        (
            json!({"type": ["string", "string"]}),
            r##""type/1" must be listed only once (remove the repeat), but it is the string "string" (at /type/1)"##,
        ),
        (
            json!({"dependencies": {"a": 1}}),
            r##""dependencies/a" must be a schema (object) or a non-empty array of property names, but it is the number 1 (at /dependencies/a)"##,
        ),
    ];
    for (schema, want) in cases {
        let got = Schema::compile(&schema, "", &Documents::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            got == want
                || (want.starts_with('(') || want.starts_with("\"$ref\" loop"))
                    && got.contains(want),
            "{schema}: {got}"
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
