//! A scripted host: drives a gateway and answers each call from a closure.

#![allow(dead_code)]

pub mod cases;

use portico::{Call, CallResult, Gateway, Response, Step};

/// Runs a step loop to the response, answering calls with `host`.
pub fn drive(
    gateway: &mut Gateway,
    mut step: Step,
    mut host: impl FnMut(&Call) -> CallResult,
) -> Response {
    loop {
        match step {
            Step::Respond(response) => return response,
            Step::Call(call) => {
                let result = host(&call);
                step = gateway
                    .resume(call.id, result)
                    .expect("the call is pending");
            }
        }
    }
}

/// A Lambda success with this JSON payload.
pub fn lambda_ok(payload: &str) -> CallResult {
    CallResult::Lambda {
        payload: payload.as_bytes().to_vec(),
        function_error: false,
        latency_ms: 5,
    }
}

/// A Lambda function error with this error document.
pub fn lambda_error(payload: &str) -> CallResult {
    CallResult::Lambda {
        payload: payload.as_bytes().to_vec(),
        function_error: true,
        latency_ms: 5,
    }
}

/// Header names and values in order, for exact comparisons.
pub fn headers(response: &Response) -> Vec<(&str, &str)> {
    response
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}
