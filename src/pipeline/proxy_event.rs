//! The Lambda proxy integration's event (payload format 1.0), written with
//! the keys in the order API Gateway writes them.

use super::json_out::JsonOut;
use super::Scope;
use crate::model::Resource;

/// What the event is built from, beyond the request itself.
pub(super) struct EventSource<'a> {
    pub scope: &'a Scope<'a>,
    pub resource: &'a Resource,
    pub operation_name: Option<&'a str>,
    /// The stage (`test-invoke-stage` for a console test).
    pub stage: &'a str,
    pub test: bool,
    pub api_id: &'a str,
    pub account_id: &'a str,
    pub domain_name: &'a str,
    pub domain_prefix: &'a str,
    pub deployment_id: &'a str,
    /// Whether the body goes base64-encoded (a binary media type).
    pub binary: bool,
}

/// Request headers API Gateway never hands to an integration.
pub(crate) const DROPPED_REQUEST_HEADERS: [&str; 11] = [
    "Connection",
    "Content-Length",
    "Content-MD5",
    "Expect",
    "Max-Forwards",
    "Proxy-Authenticate",
    "Server",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
];

fn dropped(name: &str) -> bool {
    DROPPED_REQUEST_HEADERS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(name))
}

/// Headers grouped by case-insensitive name (the first spelling wins),
/// sorted case-insensitively as API Gateway sorts them, values in order.
pub(super) fn grouped_headers(headers: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        if dropped(name) {
            continue;
        }
        match groups
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some((_, values)) => values.push(value),
            None => groups.push((name, vec![value])),
        }
    }
    groups.sort_by(|(a, _), (b, _)| {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    });
    groups
}

/// Query parameters grouped by name, in order of first appearance.
fn grouped_query(query: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, value) in query {
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => groups.push((name, vec![value])),
        }
    }
    groups
}

/// The event, as the JSON bytes the function receives.
pub(super) fn event(source: &EventSource<'_>) -> Vec<u8> {
    let scope = source.scope;
    let request = scope.request;
    let mut j = JsonOut::with_capacity(1536 + request.body.len() * 4 / 3);
    j.begin_object();
    j.field("resource", &source.resource.path);
    j.field("path", scope.resource_path);
    j.field("httpMethod", &request.method);

    let mut headers: Vec<(String, String)> = request.headers.clone();
    if !source.test {
        add_edge_headers(&mut headers, source);
    }
    let groups = grouped_headers(&headers);
    j.key("headers");
    j.strings_or_null(
        groups
            .iter()
            .map(|(n, v)| (*n, *v.last().expect("a group has a value"))),
    );
    j.key("multiValueHeaders");
    j.lists_or_null(&groups);

    let query = grouped_query(scope.query());
    j.key("queryStringParameters");
    j.strings_or_null(
        query
            .iter()
            .map(|(n, v)| (*n, *v.last().expect("a group has a value"))),
    );
    j.key("multiValueQueryStringParameters");
    j.lists_or_null(&query);

    // Path parameters arrive as sent, percent-encoding kept (as `path`).
    j.key("pathParameters");
    j.strings_or_null(
        scope
            .path_params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str())),
    );
    j.key("stageVariables");
    j.strings_or_null(
        scope
            .stage_variables
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );

    j.key("requestContext");
    request_context(&mut j, source);

    j.key("body");
    if request.body.is_empty() {
        j.null();
    } else if source.binary {
        j.string(&crate::ids::base64(&request.body));
    } else {
        j.string(&String::from_utf8_lossy(&request.body));
    }
    j.key("isBase64Encoded");
    j.bool(source.binary && !request.body.is_empty());
    j.end_object();
    j.finish().into_bytes()
}

/// The headers a deployed API's edge adds before the integration sees the
/// request: `Host` when the client sent none, the trace id and the
/// `X-Forwarded-*` trio.
fn add_edge_headers(headers: &mut Vec<(String, String)>, source: &EventSource<'_>) {
    let scope = source.scope;
    let has = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if !has(headers, "Host") {
        headers.push(("Host".to_string(), source.domain_name.to_string()));
    }
    if !has(headers, "X-Amzn-Trace-Id") {
        headers.push(("X-Amzn-Trace-Id".to_string(), scope.ids.trace_id.clone()));
    }
    let ip = &scope.request.source_ip;
    match headers
        .iter_mut()
        .rev()
        .find(|(n, _)| n.eq_ignore_ascii_case("X-Forwarded-For"))
    {
        Some((_, value)) => {
            value.push_str(", ");
            value.push_str(ip);
        }
        None => headers.push(("X-Forwarded-For".to_string(), ip.clone())),
    }
    if !has(headers, "X-Forwarded-Port") {
        headers.push(("X-Forwarded-Port".to_string(), "443".to_string()));
    }
    if !has(headers, "X-Forwarded-Proto") {
        headers.push(("X-Forwarded-Proto".to_string(), "https".to_string()));
    }
}

fn request_context(j: &mut JsonOut, source: &EventSource<'_>) {
    let scope = source.scope;
    let request = scope.request;
    let time = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms);
    j.begin_object();
    j.field("resourceId", &source.resource.id);
    j.field("resourcePath", &source.resource.path);
    if let Some(name) = source.operation_name {
        j.field("operationName", name);
    }
    j.field("httpMethod", &request.method);
    j.field("extendedRequestId", &scope.ids.extended_request_id);
    j.field("requestTime", &time.clf());
    j.key("path");
    if source.test {
        j.string(&source.resource.path);
    } else {
        j.string(&format!("/{}{}", source.stage, scope.resource_path));
    }
    j.field("accountId", source.account_id);
    j.field("protocol", "HTTP/1.1");
    j.field("stage", source.stage);
    j.field("domainPrefix", source.domain_prefix);
    j.key("requestTimeEpoch");
    j.int(request.time_epoch_ms as i64);
    j.field("requestId", &scope.ids.request_id);
    j.key("identity");
    identity(j, source);
    j.field("domainName", source.domain_name);
    j.field("deploymentId", source.deployment_id);
    j.field("apiId", source.api_id);
    j.end_object();
}

/// `requestContext.identity`: a deployed request's caller is anonymous; a
/// console test's is the console user (with the test API key).
fn identity(j: &mut JsonOut, source: &EventSource<'_>) {
    let request = source.scope.request;
    let user_agent = request.header("User-Agent");
    j.begin_object();
    if source.test {
        use super::context::{
            test_user_arn, TEST_ACCESS_KEY, TEST_API_KEY, TEST_API_KEY_ID, TEST_CALLER,
            TEST_SOURCE_IP,
        };
        let caller = test_user_arn(source.account_id);
        for (key, value) in [
            ("cognitoIdentityPoolId", None),
            ("cognitoIdentityId", None),
            ("apiKey", Some(TEST_API_KEY)),
            ("principalOrgId", None),
            ("cognitoAuthenticationType", None),
            ("userArn", Some(caller.as_str())),
            ("apiKeyId", Some(TEST_API_KEY_ID)),
            ("userAgent", user_agent),
            ("accountId", Some(source.account_id)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_group_and_sort_without_regard_to_case() {
        let headers: Vec<(String, String)> = [
            ("X-B", "1"),
            ("accept", "a"),
            ("Content-Length", "3"),
            ("x-b", "2"),
            ("Host", "h"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(
            grouped_headers(&headers),
            vec![
                ("accept", vec!["a"]),
                ("Host", vec!["h"]),
                ("X-B", vec!["1", "2"])
            ]
        );
    }
}
