//! Mapping templates as data: each `tests/vtl-inputs/*.vtl` file holds a
//! JSON context, a `---` line, and a template. The context gives the request
//! (`body`, `path`, `querystring`, `header`), `context`, `stageVariables`,
//! plain variables (`vars`) and the engine (`"engine": "velocity"` for plain
//! Velocity 1.7; API Gateway's settings otherwise). The snapshot is the
//! output, or `!!!ERROR!!!` and the error. Files named `err_*` must fail.

use std::collections::BTreeMap;

use portico::vtl::{apigw, from_json, Config, Engine, Value};
use serde_json::Value as Json;

fn pairs(value: &Json) -> Vec<(String, String)> {
    value
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string()),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn run(input: &str) -> String {
    let (context, template) = input
        .split_once("\n---\n")
        .expect("a JSON context, ---, a template");
    let ctx: Json = serde_json::from_str(context).expect("the context is JSON");
    let config = match ctx["engine"].as_str() {
        Some("velocity") => Config::velocity(),
        _ => Config::api_gateway(),
    };
    let engine = Engine::new(config);
    let body = match &ctx["body"] {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    };
    let stage: BTreeMap<String, String> = pairs(&ctx["stageVariables"]).into_iter().collect();
    let context_value = match &ctx["context"] {
        Json::Null => Value::map(Default::default()),
        other => from_json(other),
    };
    let mut vars = apigw::variables(
        apigw::Input {
            body,
            path: pairs(&ctx["path"]),
            querystring: pairs(&ctx["querystring"]),
            header: pairs(&ctx["header"]),
        },
        context_value,
        &stage,
    );
    if let Some(extra) = ctx["vars"].as_object() {
        for (k, v) in extra {
            vars.insert(k.as_str().into(), from_json(v));
        }
    }
    let result = engine
        .parse(template)
        .and_then(|t| engine.render(&t, &mut vars));
    match result {
        Ok(out) => out,
        Err(e) => format!("!!!ERROR!!!\n{e}\n"),
    }
}

#[test]
fn vtl_inputs() {
    insta::glob!("vtl-inputs/*.vtl", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let output = run(&input);
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(
            name.starts_with("err_"),
            output.starts_with("!!!ERROR!!!"),
            "{name}: files named err_* must fail, others must render:\n{output}"
        );
        insta::assert_snapshot!(output);
    });
}
