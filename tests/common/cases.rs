//! Gateway behaviour as data. A case file is JSON:
//!
//! ```json
//! { "about": "what the file shows",
//!   "definition": { ...OpenAPI... },          // or "definitionFile": "examples/x/openapi.json"
//!   "options": { "stage": "dev", "stageVariables": {},
//!                "stages": { "prod": { "variables": {}, "canary": { "percentTraffic": 10, "stageVariableOverrides": {} } } } },
//!   "cases": [ {
//!     "name": "...",
//!     "request": { "method": "POST", "path": "/dev/pets", "query": "a=1",
//!                  "headers": [["Content-Type", "application/json"]], "body": "{}" },
//!     "test": false,                            // true: a console test invocation (path without stage)
//!     "stageVariables": {},                     // a test invocation's stage variables
//!     "calls": [ { "payload": {...}, "error": false }                  // a Lambda answer
//!              | { "status": 200, "headers": [["A", "b"]], "body": "..." } // an HTTP or AWS service answer
//!              | { "timeout": true } | { "failed": "why" } ],
//!     "expect": { "status": 400, "body": "...", "headers": [["x-amzn-ErrorType", "BadRequestException"]],
//!                 "log": ["a line of the execution log, after the timestamp"],
//!                 "calls": ["the exact payload of each call"] } } ] }
//! ```
//!
//! `expect` is checked exactly (headers as a subset, in any order); the
//! snapshot records everything else: each call's payload and the whole response.

use std::fmt::Write;

use portico::{CallResult, Gateway, Options, Request, Step, Target, TestInvoke};
use serde_json::Value as Json;

/// The time every case's request arrives at (2023-11-14T22:13:20Z).
pub const EPOCH_MS: u64 = 1_700_000_000_000;

fn options(value: &Json) -> Options {
    let mut options = Options::default();
    if let Some(stage) = value["stage"].as_str() {
        options.stage = Some(stage.to_string());
    }
    if let Some(vars) = value["stageVariables"].as_object() {
        for (k, v) in vars {
            options.stage_variables.insert(
                k.clone(),
                v.as_str().expect("stage variables are strings").to_string(),
            );
        }
    }
    for (name, stage) in value["stages"].as_object().into_iter().flatten() {
        let strings = |v: &Json| -> std::collections::BTreeMap<String, String> {
            v.as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        };
        options.stages.push(portico::model::Stage {
            name: name.clone(),
            variables: strings(&stage["variables"]),
            canary: stage["canary"].as_object().map(|c| portico::model::Canary {
                percent_traffic: c["percentTraffic"].as_f64().unwrap_or(0.0),
                stage_variable_overrides: strings(&c["stageVariableOverrides"]),
            }),
        });
    }
    options
}

fn request(value: &Json, index: usize) -> Request {
    let mut request = Request::new(
        value["method"].as_str().unwrap_or("GET"),
        value["path"].as_str().expect("a request has a path"),
    )
    .at(EPOCH_MS, index as u64 + 1);
    if let Some(query) = value["query"].as_str() {
        request = request.with_query(query);
    }
    for pair in value["headers"].as_array().into_iter().flatten() {
        request = request.with_header(
            pair[0].as_str().expect("header name"),
            pair[1].as_str().expect("header value"),
        );
    }
    match &value["body"] {
        Json::Null => {}
        Json::String(text) => request = request.with_body(text.as_bytes()),
        other => request = request.with_body(other.to_string().into_bytes()),
    }
    request
}

fn answer(value: &Json) -> CallResult {
    if value["timeout"].as_bool() == Some(true) {
        return CallResult::Timeout;
    }
    if let Some(message) = value["failed"].as_str() {
        return CallResult::Failed {
            message: message.to_string(),
        };
    }
    if let Some(status) = value["status"].as_u64() {
        let headers = value["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    p[0].as_str().expect("header name").to_string(),
                    p[1].as_str().expect("header value").to_string(),
                )
            })
            .collect();
        let body = match &value["body"] {
            Json::Null => Vec::new(),
            Json::String(text) => text.clone().into_bytes(),
            other => other.to_string().into_bytes(),
        };
        return CallResult::Http {
            status: status as u16,
            headers,
            body,
            latency_ms: 12,
        };
    }
    let payload = match &value["payload"] {
        Json::String(text) => text.clone().into_bytes(),
        other => other.to_string().into_bytes(),
    };
    CallResult::Lambda {
        payload,
        function_error: value["error"].as_bool().unwrap_or(false),
        latency_ms: 12,
    }
}

fn show_body(out: &mut String, body: &[u8]) {
    match std::str::from_utf8(body) {
        Ok(text) => {
            let _ = writeln!(out, "{text}");
        }
        Err(_) => {
            let _ = writeln!(out, "(binary, {} bytes)", body.len());
        }
    }
}

/// Runs a case file; returns the transcript for the snapshot. Panics on a
/// failed expectation, naming the case.
pub fn run(text: &str, root: &std::path::Path) -> String {
    let file: Json = serde_json::from_str(text).expect("a case file is JSON");
    let definition = match (&file["definition"], file["definitionFile"].as_str()) {
        (Json::Null, Some(path)) => std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("cannot read {path}: {e}")),
        (Json::String(text), _) => text.clone(),
        (doc, _) => doc.to_string(),
    };
    let mut gateway = Gateway::from_definition(&definition, options(&file["options"]))
        .unwrap_or_else(|e| panic!("the definition does not load: {e}"));
    let mut out = String::new();
    for (index, case) in file["cases"].as_array().expect("cases").iter().enumerate() {
        let name = case["name"].as_str().unwrap_or("(unnamed)");
        let request = request(&case["request"], index);
        let _ = writeln!(
            out,
            "=== {name}\n> {} {}{}{}",
            request.method,
            request.path,
            if request.query.is_empty() { "" } else { "?" },
            request.query
        );
        for (k, v) in &request.headers {
            let _ = writeln!(out, "> {k}: {v}");
        }
        if !request.body.is_empty() {
            let _ = write!(out, "> ");
            show_body(&mut out, &request.body);
        }
        let mut step = if case["test"].as_bool() == Some(true) {
            let stage_variables = case["stageVariables"].as_object().map(|vars| {
                vars.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            });
            gateway.begin_test(TestInvoke {
                request,
                stage_variables,
            })
        } else {
            gateway.begin(request)
        };
        let answers = case["calls"].as_array().cloned().unwrap_or_default();
        let mut payloads = Vec::new();
        let response = loop {
            match step {
                Step::Respond(response) => break response,
                Step::Call(call) => {
                    let payload = describe_call(&mut out, &call.target);
                    let reply = answers.get(payloads.len()).unwrap_or_else(|| {
                        panic!(
                            "{name}: call {} has no answer in `calls`",
                            payloads.len() + 1
                        )
                    });
                    payloads.push(payload);
                    step = gateway.resume(call.id, answer(reply)).expect("pending");
                }
            }
        };
        let _ = writeln!(out, "< {}", response.status);
        for (k, v) in &response.headers {
            let _ = writeln!(out, "< {k}: {v}");
        }
        let _ = write!(out, "< ");
        show_body(&mut out, &response.body);
        if let Some(log) = &response.log {
            let _ = writeln!(out, "--- log\n{log}");
        }
        check(name, &case["expect"], &response, &payloads);
    }
    out
}

/// Writes the call into the transcript; returns what `expect.calls` compares.
fn describe_call(out: &mut String, target: &Target) -> String {
    match target {
        Target::Lambda(invoke) => {
            let payload = String::from_utf8_lossy(&invoke.payload).into_owned();
            let _ = writeln!(out, "-> lambda {}: {payload}", invoke.function_name);
            payload
        }
        Target::Http(http) => {
            let _ = writeln!(out, "-> http {} {}", http.method, http.url);
            if let Some(id) = &http.connection_id {
                let _ = writeln!(out, "-> (vpc link {id})");
            }
            for (k, v) in &http.headers {
                let _ = writeln!(out, "-> {k}: {v}");
            }
            let body = String::from_utf8_lossy(&http.body).into_owned();
            if !body.is_empty() {
                let _ = writeln!(out, "-> {body}");
            }
            body
        }
        Target::Aws(aws) => {
            let _ = writeln!(out, "-> aws {} {} {}", aws.service, aws.method, aws.url);
            for (k, v) in &aws.headers {
                let _ = writeln!(out, "-> {k}: {v}");
            }
            let body = String::from_utf8_lossy(&aws.body).into_owned();
            if !body.is_empty() {
                let _ = writeln!(out, "-> {body}");
            }
            body
        }
    }
}

fn check(name: &str, expect: &Json, response: &portico::Response, payloads: &[String]) {
    if let Some(status) = expect["status"].as_u64() {
        assert_eq!(u64::from(response.status), status, "{name}: status");
    }
    match &expect["body"] {
        Json::Null => {}
        Json::String(body) => assert_eq!(&response.body_text(), body, "{name}: body"),
        json => {
            let got: Json = serde_json::from_slice(&response.body).unwrap_or_else(|e| {
                panic!(
                    "{name}: the body is not JSON ({e}): {}",
                    response.body_text()
                )
            });
            assert_eq!(&got, json, "{name}: body");
        }
    }
    for pair in expect["headers"].as_array().into_iter().flatten() {
        let (k, v) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        assert!(
            response.headers.iter().any(|(n, x)| n == k && x == v),
            "{name}: expected header {k}: {v} in {:?}",
            response.headers
        );
    }
    for line in expect["log"].as_array().into_iter().flatten() {
        let line = line.as_str().unwrap();
        let log = response
            .log
            .as_deref()
            .unwrap_or_else(|| panic!("{name}: no log"));
        assert!(
            log.lines()
                .any(|l| l.split_once(" : ").is_some_and(|(_, m)| m == line)),
            "{name}: expected the log line `{line}` in\n{log}"
        );
    }
    for (i, payload) in expect["calls"].as_array().into_iter().flatten().enumerate() {
        let got = payloads
            .get(i)
            .unwrap_or_else(|| panic!("{name}: call {} was not made", i + 1));
        match payload {
            Json::String(text) => assert_eq!(got, text, "{name}: payload of call {}", i + 1),
            json => assert_eq!(
                &serde_json::from_str::<Json>(got).expect("a JSON payload"),
                json,
                "{name}: payload of call {}",
                i + 1
            ),
        }
    }
}
