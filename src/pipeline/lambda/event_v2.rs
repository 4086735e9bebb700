//! The payload format 2.0 event HTTP APIs write: cookies apart, headers
//! lower-cased and comma-joined, and a body that is text only for textual
//! media types.

use super::event_input::{http_edge_headers, is_text, EventInput, HttpRoute};
use crate::pipeline::json_out::JsonOut;

/// The payload format 2.0 event.
pub(crate) fn http_api_event_v2(input: &EventInput<'_>, route: &HttpRoute<'_>) -> Vec<u8> {
    let scope = input.scope;
    let request = scope.request;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut cookies: Vec<String> = Vec::new();
    for (name, value) in http_edge_headers(input) {
        let name = name.to_ascii_lowercase();
        if name == "cookie" {
            cookies.extend(
                value
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string),
            );
            continue;
        }
        match headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                v.push(',');
                v.push_str(&value);
            }
            None => headers.push((name, value)),
        }
    }
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut query: Vec<(&str, String)> = Vec::new();
    for (name, value) in scope.query() {
        match query.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                v.push(',');
                v.push_str(value);
            }
            None => query.push((name, value.clone())),
        }
    }
    let time = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms);
    let mut j = JsonOut::with_capacity(1024 + request.body.len() * 4 / 3);
    j.begin_object();
    j.field("version", "2.0");
    j.field("routeKey", route.route_key);
    j.field("rawPath", route.raw_path);
    j.field("rawQueryString", &request.query);
    if !cookies.is_empty() {
        j.key("cookies");
        j.begin_array();
        for c in &cookies {
            j.string(c);
        }
        j.end_array();
    }
    j.key("headers");
    j.strings_or_null(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if !query.is_empty() {
        j.key("queryStringParameters");
        j.strings_or_null(query.iter().map(|(k, v)| (*k, v.as_str())));
    }
    j.key("requestContext");
    j.begin_object();
    j.field("accountId", input.account_id);
    j.field("apiId", input.api_id);
    j.field("domainName", input.domain_name);
    j.field("domainPrefix", input.domain_prefix);
    j.key("http");
    j.begin_object();
    j.field("method", &request.method);
    j.field("path", route.raw_path);
    j.field("protocol", "HTTP/1.1");
    j.field("sourceIp", &request.source_ip);
    j.field("userAgent", request.header("User-Agent").unwrap_or(""));
    j.end_object();
    j.field("requestId", &scope.ids.extended_request_id);
    j.field("routeKey", route.route_key);
    j.field("stage", scope.stage);
    j.field("time", &time.clf());
    j.key("timeEpoch");
    j.int(request.time_epoch_ms as i64);
    j.end_object();
    if !scope.path_params.is_empty() {
        j.key("pathParameters");
        j.strings_or_null(
            scope
                .path_params
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
    }
    let text = is_text(request.header("Content-Type"));
    if !request.body.is_empty() {
        j.key("body");
        if text {
            j.string(&String::from_utf8_lossy(&request.body));
        } else {
            j.string(&crate::http::base64_encode(&request.body));
        }
    }
    j.key("isBase64Encoded");
    j.bool(!request.body.is_empty() && !text);
    if !scope.stage_variables.is_empty() {
        j.key("stageVariables");
        j.strings_or_null(
            scope
                .stage_variables
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
    }
    j.end_object();
    j.finish().into_bytes()
}
