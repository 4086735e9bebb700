//! Payload format 1.0 events: a REST API's Lambda proxy event, and the
//! variant HTTP APIs write, each with the keys in the order API Gateway
//! writes them.

use super::event_input::{
    add_rest_edge_headers, grouped_headers, grouped_query, http_edge_headers, is_text, EventInput,
    HttpRoute, RestRoute,
};
use crate::pipeline::context::{
    test_user_arn, TEST_ACCESS_KEY, TEST_API_KEY, TEST_API_KEY_ID, TEST_CALLER, TEST_SOURCE_IP,
};
use crate::pipeline::exchange::RequestScope;
use crate::pipeline::json_out::JsonOut;

/// A REST API's Lambda proxy event, as the JSON bytes the function receives.
pub(crate) fn rest_event(input: &EventInput<'_>, route: &RestRoute<'_>) -> Vec<u8> {
    let scope = input.scope;
    let request = scope.request;
    let mut j = JsonOut::with_capacity(1536 + request.body.len() * 4 / 3);
    j.begin_object();
    j.field("resource", &route.resource.path);
    j.field("path", scope.resource_path);
    j.field("httpMethod", &request.method);

    let mut headers: Vec<(String, String)> = request.headers.clone();
    if !input.scope.test {
        add_rest_edge_headers(&mut headers, input);
    }
    j.last_and_all("headers", "multiValueHeaders", &grouped_headers(&headers));
    j.last_and_all(
        "queryStringParameters",
        "multiValueQueryStringParameters",
        &grouped_query(scope.query()),
    );

    // Path parameters arrive as sent, percent-encoding kept (as `path`).
    write_path_and_stage_variables(&mut j, scope);

    j.key("requestContext");
    request_context(&mut j, input, route);

    write_body(&mut j, &request.body, route.binary);
    j.end_object();
    j.finish().into_bytes()
}

fn request_context(j: &mut JsonOut, input: &EventInput<'_>, route: &RestRoute<'_>) {
    let scope = input.scope;
    let request = scope.request;
    let time = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms);
    j.begin_object();
    j.field("resourceId", &route.resource.id);
    j.field("resourcePath", &route.resource.path);
    if let Some(name) = route.operation_name {
        j.field("operationName", name);
    }
    j.field("httpMethod", &request.method);
    j.field("extendedRequestId", &scope.ids.extended_request_id);
    j.field("requestTime", &time.clf());
    j.key("path");
    if input.scope.test {
        j.string(&route.resource.path);
    } else {
        j.string(&format!("/{}{}", input.scope.stage, scope.resource_path));
    }
    j.field("accountId", input.account_id);
    j.field("protocol", "HTTP/1.1");
    j.field("stage", input.scope.stage);
    j.field("domainPrefix", input.domain_prefix);
    j.key("requestTimeEpoch");
    j.int(request.time_epoch_ms as i64);
    j.field("requestId", &scope.ids.request_id);
    j.key("identity");
    identity(j, input);
    j.field("domainName", input.domain_name);
    j.field("deploymentId", route.deployment_id);
    j.field("apiId", input.api_id);
    j.end_object();
}

/// `requestContext.identity`: a deployed request's caller is anonymous; a
/// console test's is the console user (with the test API key).
fn identity(j: &mut JsonOut, input: &EventInput<'_>) {
    let request = input.scope.request;
    let user_agent = request.header("User-Agent");
    j.begin_object();
    if input.scope.test {
        let caller = test_user_arn(input.account_id);
        for (key, value) in [
            ("cognitoIdentityPoolId", None),
            ("cognitoIdentityId", None),
            ("apiKey", Some(TEST_API_KEY)),
            ("principalOrgId", None),
            ("cognitoAuthenticationType", None),
            ("userArn", Some(caller.as_str())),
            ("apiKeyId", Some(TEST_API_KEY_ID)),
            ("userAgent", user_agent),
            ("accountId", Some(input.account_id)),
            ("caller", Some(TEST_CALLER)),
            ("sourceIp", Some(TEST_SOURCE_IP)),
            ("accessKey", Some(TEST_ACCESS_KEY)),
            ("cognitoAuthenticationProvider", None),
            ("user", Some(TEST_CALLER)),
        ] {
            j.opt_field(key, value);
        }
    } else {
        for (key, value) in [
            ("cognitoIdentityPoolId", None),
            ("accountId", None),
            ("cognitoIdentityId", None),
            ("caller", None),
            ("sourceIp", Some(request.source_ip.as_str())),
            ("principalOrgId", None),
            ("accessKey", None),
            ("cognitoAuthenticationType", None),
            ("cognitoAuthenticationProvider", None),
            ("userArn", None),
            ("userAgent", user_agent),
            ("user", None),
        ] {
            j.opt_field(key, value);
        }
    }
    j.end_object();
}

/// Headers API Gateway spells its own way in an HTTP API's 1.0 event.
const CANONICAL: [&str; 8] = [
    "Content-Length",
    "Content-Type",
    "Host",
    "User-Agent",
    "X-Amzn-Trace-Id",
    "X-Forwarded-For",
    "X-Forwarded-Port",
    "X-Forwarded-Proto",
];

/// The payload format 1.0 event as HTTP APIs write it: a `version` key,
/// `requestContext` and `identity` in alphabetical order, the route key as
/// `resourceId`, the 16-character request id.
pub(crate) fn http_api_event_v1(input: &EventInput<'_>, route: &HttpRoute<'_>) -> Vec<u8> {
    let scope = input.scope;
    let request = scope.request;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in http_edge_headers(input) {
        let name = CANONICAL
            .iter()
            .find(|c| c.eq_ignore_ascii_case(&name))
            .map_or(name, |c| (*c).to_string());
        match groups
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(&name))
        {
            Some((_, values)) => values.push(value),
            None => groups.push((name, vec![value])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let time = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms);
    let mut j = JsonOut::with_capacity(1536 + request.body.len() * 4 / 3);
    j.begin_object();
    j.field("version", "1.0");
    j.field("resource", route.resource_path);
    j.field("path", route.raw_path);
    j.field("httpMethod", &request.method);
    let groups: Vec<(&str, Vec<&str>)> = groups
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
        .collect();
    j.last_and_all("headers", "multiValueHeaders", &groups);
    j.last_and_all(
        "queryStringParameters",
        "multiValueQueryStringParameters",
        &grouped_query(scope.query()),
    );
    j.key("requestContext");
    j.begin_object();
    j.field("accountId", input.account_id);
    j.field("apiId", input.api_id);
    j.field("domainName", input.domain_name);
    j.field("domainPrefix", input.domain_prefix);
    j.field("extendedRequestId", &scope.ids.extended_request_id);
    j.field("httpMethod", &request.method);
    j.key("identity");
    j.begin_object();
    for key in [
        "accessKey",
        "accountId",
        "caller",
        "cognitoAmr",
        "cognitoAuthenticationProvider",
        "cognitoAuthenticationType",
        "cognitoIdentityId",
        "cognitoIdentityPoolId",
        "principalOrgId",
        "sourceIp",
        "user",
        "userAgent",
        "userArn",
    ] {
        j.key(key);
        match key {
            "sourceIp" => j.string(&request.source_ip),
            "userAgent" => j.opt_string(request.header("User-Agent")),
            _ => j.null(),
        }
    }
    j.end_object();
    j.field("path", route.raw_path);
    j.field("protocol", "HTTP/1.1");
    j.field("requestId", &scope.ids.extended_request_id);
    j.field("requestTime", &time.clf());
    j.key("requestTimeEpoch");
    j.int(request.time_epoch_ms as i64);
    j.field("resourceId", route.route_key);
    j.field("resourcePath", route.resource_path);
    j.field("stage", scope.stage);
    j.end_object();
    write_path_and_stage_variables(&mut j, scope);
    let text = is_text(request.header("Content-Type"));
    write_body(&mut j, &request.body, !text);
    j.end_object();
    j.finish().into_bytes()
}

/// `pathParameters` and `stageVariables`, each `null` when there are none.
fn write_path_and_stage_variables(j: &mut JsonOut, scope: &RequestScope<'_>) {
    j.key("pathParameters");
    j.strings_or_null(
        scope
            .path_params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    j.key("stageVariables");
    j.strings_or_null(
        scope
            .stage_variables
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
}

/// `body` (`null` when empty, base64 when the body goes `base64`-encoded)
/// and `isBase64Encoded`.
fn write_body(j: &mut JsonOut, body: &[u8], base64: bool) {
    j.key("body");
    if body.is_empty() {
        j.null();
    } else if base64 {
        j.string(&crate::http::base64_encode(body));
    } else {
        j.string(&String::from_utf8_lossy(body));
    }
    j.key("isBase64Encoded");
    j.bool(base64 && !body.is_empty());
}
