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

/// The limits too large to write as data files: API Gateway refuses templates
/// over 300 KB, and a render stops once its output passes 10 MB (the largest
/// payload API Gateway carries).
#[test]
fn size_limits() {
    let engine = Engine::new(Config::api_gateway());
    let just_fits = "x".repeat(300 * 1024);
    let fits = engine.parse(&just_fits).unwrap();
    assert_eq!(
        engine.render(&fits, &mut Default::default()).unwrap().len(),
        300 * 1024
    );
    let too_large = format!("{just_fits}y");
    let error = engine.parse(&too_large).unwrap_err();
    assert_eq!(
        error.to_string(),
        "limit reached: the template is 307201 bytes; the limit is 307200 bytes (line 1, column 1)"
    );

    let kilobyte = "0123456789abcdef".repeat(64);
    let flood = format!("#foreach($i in [1..1000])#foreach($j in [1..1000])\n{kilobyte}#end#end");
    let template = engine.parse(&flood).unwrap();
    let error = engine
        .render(&template, &mut Default::default())
        .unwrap_err();
    // The place is the loop that was writing when the output passed the limit.
    assert_eq!(
        error.to_string(),
        "limit reached: the output exceeds 10485760 bytes (line 1, column 26)"
    );
}
