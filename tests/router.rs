//! Routing rules as data: each `tests/router-inputs/*.txt` file holds a JSON
//! context (`{"routes": ["GET /pets/{id}", ...]}`), a `---` line, and one
//! request per line (`GET /dev/pets/1`). Every route gets a MOCK integration;
//! the snapshot shows where each request lands, or the gateway's answer.

use portico::{Gateway, Options, Request, Step};
use serde_json::{json, Map, Value};

fn definition(routes: &[Value]) -> String {
    let mut paths = Map::new();
    for route in routes {
        let (method, path) = route.as_str().unwrap().split_once(' ').unwrap();
        let key = match method {
            "ANY" => "x-amazon-apigateway-any-method".to_string(),
            m => m.to_ascii_lowercase(),
        };
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[key] = json!({
            "responses": {"200": {"description": "ok"}},
            "x-amazon-apigateway-integration": {
                "type": "mock",
                "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
                "responses": {"default": {"statusCode": "200"}}
            }
        });
    }
    json!({"openapi": "3.0.1", "info": {"title": "routes", "version": "1"}, "paths": paths})
        .to_string()
}

fn run(input: &str) -> String {
    let (context, requests) = input
        .split_once("\n---\n")
        .expect("a context, ---, and requests");
    let context: Value = serde_json::from_str(context).expect("the context is JSON");
    let routes = context["routes"].as_array().expect("`routes` is a list");
    let mut gateway = match Gateway::from_definition(&definition(routes), Options::default()) {
        Ok(g) => g,
        Err(e) => return format!("!!!ERROR!!!\n{e}\n"),
    };
    let mut out = String::new();
    for line in requests.lines().filter(|l| !l.trim().is_empty()) {
        let (method, target) = line.split_once(' ').unwrap();
        let target = target.split('#').next().unwrap();
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let routed = match gateway.route(method, path) {
            Some(hit) => {
                let params: Vec<String> = hit
                    .path_parameters
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                format!("{} {} {}", hit.method, hit.resource_path, params.join(" "))
            }
            None => "no route".to_string(),
        };
        let request = Request::new(method, path).with_query(query);
        let Step::Respond(response) = gateway.begin(request) else {
            panic!("a MOCK integration makes no call")
        };
        let answer = match response.header("x-amzn-ErrorType") {
            Some(error) => format!("{} {} {}", response.status, error, response.body_text()),
            None => response.status.to_string(),
        };
        out.push_str(&format!("{line} -> {} -> {answer}\n", routed.trim_end()));
    }
    out
}

#[test]
fn router_inputs() {
    insta::glob!("router-inputs/*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(run(&input));
    });
}
