//! The walkthrough API (ML_Model) through the native pipeline, with a
//! scripted host standing in for the Lambda function.

mod common;

use common::{drive, headers, lambda_error, lambda_ok};
use portico::{ErrorKind, Gateway, Options, Request, Step, Target, TestInvoke};

const DEFINITION: &str = include_str!("../examples/ml-model/openapi.json");
const HANDLER_RESULT: &str =
    r#"{"statusCode":200,"body":"\"Our first API gateway test was a success!!\""}"#;
// 2026-11-25T11:31:20Z
const NOW: u64 = 1_795_606_280_000;

fn gateway() -> Gateway {
    Gateway::from_definition(DEFINITION, Options::default()).expect("the example imports")
}

#[test]
fn get_root_invokes_the_lambda_and_passes_its_result_through() {
    let mut gw = gateway();
    let step = gw.begin(Request::new("GET", "/dev/").at(NOW, 1));
    let mut invoked = Vec::new();
    let response = drive(&mut gw, step, |call| {
        let Target::Lambda(invoke) = &call.target else {
            panic!("the example only calls Lambda")
        };
        invoked.push((
            invoke.function_name.clone(),
            invoke.function_arn.clone(),
            invoke.payload.clone(),
            call.timeout_ms,
        ));
        lambda_ok(HANDLER_RESULT)
    });
    assert_eq!(
        invoked,
        vec![(
            "API_test".to_string(),
            "arn:aws:lambda:us-east-1:123456789012:function:API_test".to_string(),
            Vec::new(),
            29_000
        )]
    );
    assert_eq!(response.status, 200);
    assert_eq!(response.body_text(), HANDLER_RESULT);
    let h = headers(&response);
    assert_eq!(h[0], ("Date", "Wed, 25 Nov 2026 11:31:20 GMT"));
    assert_eq!(h[1], ("Content-Type", "application/json"));
    assert_eq!(h[2], ("Content-Length", "74"));
    assert_eq!(h[3].0, "x-amzn-RequestId");
    assert_eq!(h[4].0, "x-amz-apigw-id");
    assert_eq!(h[5].0, "X-Amzn-Trace-Id");
    assert!(h[5].1.starts_with("Root=1-6b06c708-"), "{h:?}");
    assert!(h[5].1.ends_with(";Sampled=0"));
    assert_eq!(h.len(), 6);
    assert_eq!(gw.pending_calls(), 0);
}

#[test]
fn the_stage_root_without_a_slash_is_the_root_resource() {
    let mut gw = gateway();
    let step = gw.begin(Request::new("GET", "/dev"));
    let response = drive(&mut gw, step, |_| lambda_ok(HANDLER_RESULT));
    assert_eq!(
        (response.status, response.body_text().as_str()),
        (200, HANDLER_RESULT)
    );
}

#[test]
fn unknown_paths_and_methods_are_missing_authentication_token() {
    for (method, path) in [("GET", "/dev/nope"), ("POST", "/dev/"), ("HEAD", "/dev/")] {
        let mut gw = gateway();
        let step = gw.begin(Request::new(method, path).at(NOW, 9));
        let Step::Respond(response) = step else {
            panic!("{method} {path} made a call")
        };
        assert_eq!(response.status, 403, "{method} {path}");
        // HEAD gets the headers of the answer without its body.
        let body = if method == "HEAD" {
            ""
        } else {
            r#"{"message":"Missing Authentication Token"}"#
        };
        assert_eq!(response.body_text(), body);
        assert_eq!(
            response.header("x-amzn-ErrorType"),
            Some("MissingAuthenticationTokenException")
        );
        assert_eq!(response.header("Content-Type"), Some("application/json"));
        assert_eq!(response.header("Content-Length"), Some("42"));
        assert!(response.header("x-amzn-RequestId").is_some());
    }
}

#[test]
fn a_path_outside_the_stage_is_forbidden() {
    for path in ["/prod/", "/", "/development"] {
        let mut gw = gateway();
        let Step::Respond(response) = gw.begin(Request::new("GET", path)) else {
            panic!("{path} made a call")
        };
        assert_eq!(response.status, 403, "{path}");
        assert_eq!(response.body_text(), r#"{"message":"Forbidden"}"#);
        assert_eq!(
            response.header("x-amzn-ErrorType"),
            Some("ForbiddenException")
        );
    }
}

#[test]
fn a_function_error_without_a_matching_pattern_takes_the_default_response() {
    // AWS: with only a default integration response, the Lambda error
    // document comes back as the 200 body.
    let error = r#"{"errorType":"Error","errorMessage":"boom","trace":["Error: boom","    at handler (file:///handlers.mjs:2:9)"]}"#;
    let mut gw = gateway();
    let step = gw.begin(Request::new("GET", "/dev/"));
    let response = drive(&mut gw, step, |_| lambda_error(error));
    assert_eq!(response.status, 200);
    assert_eq!(response.body_text(), error);
}

#[test]
fn an_unreachable_function_is_an_internal_server_error() {
    let mut gw = gateway();
    let step = gw.begin(Request::new("GET", "/dev/"));
    let response = drive(&mut gw, step, |_| portico::CallResult::Failed {
        message: "Function not found".into(),
    });
    assert_eq!(response.status, 500);
    assert_eq!(
        response.body_text(),
        r#"{"message": "Internal server error"}"#
    );
    assert_eq!(
        response.header("x-amzn-ErrorType"),
        Some("InternalServerErrorException")
    );
}

#[test]
fn resuming_twice_is_an_error_not_a_panic() {
    let mut gw = gateway();
    let Step::Call(call) = gw.begin(Request::new("GET", "/dev/")) else {
        panic!("expected a call")
    };
    assert!(gw.resume(call.id, lambda_ok("{}")).is_ok());
    let err = gw.resume(call.id, lambda_ok("{}")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidCall);
}

#[test]
fn test_invoke_returns_the_execution_log() {
    let mut gw = gateway();
    let step = gw.begin_test(TestInvoke {
        request: Request::new("GET", "/").at(NOW, 3),
        stage_variables: None,
    });
    let response = drive(&mut gw, step, |_| lambda_ok(HANDLER_RESULT));
    assert_eq!(response.status, 200);
    assert_eq!(response.body_text(), HANDLER_RESULT);
    let log = response.log.expect("a test invocation has a log");
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines[0].starts_with("Execution log for request "));
    let stamp = "Wed Nov 25 11:31:20 UTC 2026 : ";
    assert_eq!(
        lines[2],
        format!("{stamp}HTTP Method: GET, Resource Path: /")
    );
    assert_eq!(lines[3], format!("{stamp}Method request path: {{}}"));
    assert!(lines.contains(&format!("{stamp}Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:API_test/invocations").as_str()));
    assert_eq!(
        lines.last(),
        Some(&format!("{stamp}Method completed with status: 200").as_str())
    );
}

#[test]
fn malformed_definitions_name_the_json_pointer() {
    let cases = [
        ("{", ErrorKind::Syntax, None),
        ("[]", ErrorKind::InvalidDefinition, Some("")),
        (
            r#"{"openapi":"3.0.1","info":{"title":"T"},"paths":{"pets":1}}"#,
            ErrorKind::InvalidDefinition,
            Some("/paths/pets"),
        ),
        (
            r#"{"openapi":"3.0.1","info":{"title":"T"},"paths":{"/a/b":{"get":{"x-amazon-apigateway-integration":{"type":"lambda"}}}}}"#,
            ErrorKind::InvalidDefinition,
            Some("/paths/~1a~1b/get/x-amazon-apigateway-integration/type"),
        ),
    ];
    for (doc, kind, pointer) in cases {
        let err = Gateway::from_definition(doc, Options::default()).expect_err(doc);
        assert_eq!((err.kind(), err.pointer()), (kind, pointer), "{doc}: {err}");
    }
    let err = Gateway::from_definition(cases[3].0, Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid definition at /paths/~1a~1b/get/x-amazon-apigateway-integration/type: unknown integration type `lambda`; use one of aws, aws_proxy, http, http_proxy, mock"
    );
}
