//! The pipeline benchmark's native side: the API and requests of
//! `pkg-tests/bench/pipeline.mjs` through `Gateway::begin` / `resume` with
//! the Lambda answers scripted. Prints `{"custom": rate, "proxy": rate}`
//! (requests per second, the median of five rounds).

use std::time::{Duration, Instant};

use portico::{CallResult, Gateway, Options, Request, Step};

const BODY: &str = r#"{"customer":{"email":"ann@example.com","name":"Ann"},"items":[{"sku":"ABC-1234","quantity":2},{"sku":"XYZ-0001","quantity":1}],"note":"leave at the door"}"#;

fn run(gateway: &mut Gateway, request: &Request, answer: &[u8], expect: u16) {
    let mut step = gateway.begin(request.clone());
    loop {
        match step {
            Step::Respond(response) => {
                assert_eq!(response.status, expect, "{}", response.body_text());
                return;
            }
            Step::Call(call) => {
                let result = CallResult::Lambda {
                    payload: answer.to_vec(),
                    function_error: false,
                    latency_ms: 0,
                };
                step = gateway.resume(call.id, result).expect("pending");
            }
        }
    }
}

fn rate(mut f: impl FnMut()) -> f64 {
    for _ in 0..2_000 {
        f();
    }
    let mut rates = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < Duration::from_millis(400) {
            for _ in 0..64 {
                f();
            }
            n += 64;
        }
        rates.push(n as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    rates[2]
}

fn main() {
    let definition = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pkg-tests/bench/fixtures/orders-api.json"
    ))
    .expect("the benchmark API");
    let mut gateway = Gateway::from_definition(&definition, Options::default()).expect("imports");
    let post = Request::new("POST", "/dev/shops/s1/orders")
        .with_header("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com")
        .with_header("Content-Type", "application/json")
        .with_header("X-Api-Version", "2")
        .with_body(BODY)
        .at(1_700_000_000_000, 7);
    let custom_answer = br#"{"id":"o-1","total":42.5,"count":2,"location":"/shops/s1/orders/o-1"}"#;
    let get = Request::new("GET", "/dev/shops/s1/orders/o-1")
        .with_header("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com")
        .at(1_700_000_000_000, 8);
    let proxy_answer = br#"{"statusCode":200,"headers":{"Content-Type":"application/json"},"body":"{\"id\":\"o-1\",\"shop\":\"s1\"}"}"#;
    let custom = rate(|| run(&mut gateway, &post, custom_answer, 201));
    let proxy = rate(|| run(&mut gateway, &get, proxy_answer, 200));
    println!("{{\"custom\": {custom:.0}, \"proxy\": {proxy:.0}}}");
}
