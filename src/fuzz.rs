//! Entry points for the fuzz targets in `fuzz/`: one per parser that reads
//! text from users (definitions, templates, bodies, patterns, paths). Each
//! takes raw bytes, must return without panicking, and must stop within
//! the engine's own budgets. Built with the `fuzzing` feature, and in tests,
//! where every input the fuzzers ever found a crash with is replayed.

use std::collections::BTreeMap;

/// The YAML reader (OpenAPI, SAM and CloudFormation documents).
pub fn yaml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = crate::openapi::yaml::parse(&text);
}

/// The request body reader behind validation (Jackson's JSON), through a
/// schema that uses the keywords whose checks walk the body.
pub fn json_body(data: &[u8]) {
    thread_local! {
        static SCHEMA: crate::schema::Schema = {
            let schema = serde_json::json!({
                "type": "object",
                "required": ["a"],
                "properties": {
                    "a": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 8},
                    "b": {"type": "array", "items": {"type": "number", "minimum": 0}, "uniqueItems": true},
                    "c": {"enum": [1, "x", null, {"k": [true]}]}
                },
                "additionalProperties": {"type": ["integer", "object"], "multipleOf": 3}
            });
            crate::schema::Schema::compile(&schema, "https://example.com/fuzz", &crate::schema::Documents::new())
                .expect("the fuzz schema compiles")
        };
    }
    let text = String::from_utf8_lossy(data);
    SCHEMA.with(|schema| {
        let _ = schema.validate_text(&text);
        let _ = schema.is_valid_text(&text);
    });
}

/// The regex engine (selection patterns and templates in Java's dialect,
/// JSON Schema `pattern` in ECMAScript's): the first byte picks the dialect,
/// then `pattern NUL text`.
pub fn regex(data: &[u8]) {
    use crate::regex::{Dialect, Regex};
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let dialect = if first & 1 == 0 {
        Dialect::Java
    } else {
        Dialect::EcmaScript
    };
    let text = String::from_utf8_lossy(rest);
    let (pattern, subject) = text.split_once('\0').unwrap_or((&text, "subject"));
    let Ok(regex) = Regex::new(pattern, dialect) else {
        return;
    };
    let _ = regex.is_match(subject);
    let _ = regex.full_match(subject);
    let _ = regex.replace_all(subject, "[$0]");
    let _ = regex.split(subject, -1);
}

/// The VTL parser, and the evaluator on what parses, with API Gateway's
/// variables over a small JSON body.
pub fn vtl(data: &[u8]) {
    use crate::vtl::{apigw, from_json, Config, Engine};
    let text = String::from_utf8_lossy(data);
    let engine = Engine::new(Config::api_gateway());
    let Ok(template) = engine.parse(&text) else {
        return;
    };
    let input = apigw::Input {
        body: r#"{"a":[1,2,{"b":"x"}],"s":"text","n":1.5}"#.to_string(),
        path: vec![("id".to_string(), "7".to_string())],
        querystring: vec![("q".to_string(), "1".to_string())],
        header: vec![("Accept".to_string(), "application/json".to_string())],
    };
    let context = from_json(&serde_json::json!({"requestId": "r", "stage": "dev"}));
    let stage_variables = BTreeMap::from([("v".to_string(), "1".to_string())]);
    let mut vars = apigw::variables(input, context, &stage_variables);
    let _ = engine.render(&template, &mut vars);
}

/// The JSONPath parser and evaluator (`$input.path`, `$input.json`):
/// `path NUL document`.
pub fn jsonpath(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (path, document) = text
        .split_once('\0')
        .unwrap_or((&text, r#"{"a":[1,{"b":2}],"c":"x"}"#));
    let Ok(path) = crate::jsonpath::JsonPath::parse(path) else {
        return;
    };
    let _ = path.is_definite();
    if let Ok(document) = serde_json::from_str::<serde_json::Value>(document) {
        let _ = path.select(&document);
    }
}

/// OpenAPI import, deployment (templates and models compiled) and a
/// request through what was deployed.
pub fn openapi(data: &[u8]) {
    use crate::{CallResult, Gateway, Options, Request, Step};
    let text = String::from_utf8_lossy(data);
    let Ok(mut gateway) = Gateway::from_definition(&text, Options::default()) else {
        return;
    };
    let paths: Vec<String> = gateway
        .api()
        .resources
        .iter()
        .take(4)
        .map(|r| r.path.replace(['{', '}', '+'], ""))
        .collect();
    let stage = gateway.stage().to_string();
    for path in paths {
        let request = Request::new("POST", &format!("/{stage}{path}"))
            .with_header("Content-Type", "application/json")
            .with_body(r#"{"a":1}"#);
        let mut step = gateway.begin(request);
        while let Step::Call(call) = step {
            let result = CallResult::Lambda {
                payload: br#"{"statusCode":200,"body":"ok"}"#.to_vec(),
                function_error: false,
                latency_ms: 1,
            };
            match gateway.resume(call.id, result) {
                Ok(next) => step = next,
                Err(_) => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Every input a fuzzer crashed on, replayed: `tests/fuzz-regressions/<target>/*`.
    #[test]
    fn inputs_that_once_crashed_stay_fixed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
        type Entry = fn(&[u8]);
        let targets: [(&str, Entry); 6] = [
            ("yaml", super::yaml),
            ("json_body", super::json_body),
            ("regex", super::regex),
            ("vtl", super::vtl),
            ("jsonpath", super::jsonpath),
            ("openapi", super::openapi),
        ];
        let mut replayed = 0;
        for folder in std::fs::read_dir(&root).expect("tests/fuzz-regressions exists") {
            let folder = folder.expect("a readable entry").path();
            let name = folder.file_name().unwrap_or_default().to_string_lossy();
            let Some((_, run)) = targets.iter().find(|(target, _)| *target == name) else {
                panic!("{}: no fuzz target is named `{name}`", folder.display());
            };
            for case in std::fs::read_dir(&folder).expect("a readable folder") {
                let path = case.expect("a readable entry").path();
                run(&std::fs::read(&path).expect("a readable case"));
                replayed += 1;
            }
        }
        assert!(
            replayed >= 2,
            "only {replayed} cases found under {}",
            root.display()
        );
    }
}
