//! What a Lambda proxy event is written from: the request in its scope,
//! the API's identity, the route as each kind of API describes it; and the
//! headers as the function sees them (the edge's additions, grouping).

use crate::http::HeaderList;
use crate::model::Resource;
use crate::pipeline::exchange::RequestScope;

/// What every event is written from, beyond the request itself.
pub(crate) struct EventInput<'a> {
    pub scope: &'a RequestScope<'a>,
    pub api_id: &'a str,
    pub account_id: &'a str,
    pub domain_name: &'a str,
    pub domain_prefix: &'a str,
}

/// The route as a REST API's proxy event describes it.
pub(crate) struct RestRoute<'a> {
    pub resource: &'a Resource,
    pub operation_name: Option<&'a str>,
    pub deployment_id: &'a str,
    /// Whether the body goes base64-encoded (a binary media type).
    pub binary: bool,
}

/// The route as an HTTP API's events describe it.
pub(crate) struct HttpRoute<'a> {
    /// The matched route key (`GET /pets/{id}`, `$default`).
    pub route_key: &'a str,
    /// The route's resource path (`/pets/{id}`), for payload 1.0.
    pub resource_path: &'a str,
    /// The request path, decoded, stage included for a named stage.
    pub raw_path: &'a str,
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
pub(crate) fn grouped_headers(headers: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
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
pub(crate) fn grouped_query(query: &[(String, String)]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, value) in query {
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => groups.push((name, vec![value])),
        }
    }
    groups
}

/// The headers a deployed API's edge adds before the integration sees the
/// request: `Host` when the client sent none, the trace id and the
/// `X-Forwarded-*` trio.
pub(crate) fn add_rest_edge_headers(headers: &mut Vec<(String, String)>, input: &EventInput<'_>) {
    let scope = input.scope;
    if !headers.has("Host") {
        headers.push(("Host".to_string(), input.domain_name.to_string()));
    }
    if !headers.has("X-Amzn-Trace-Id") {
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
    if !headers.has("X-Forwarded-Port") {
        headers.push(("X-Forwarded-Port".to_string(), "443".to_string()));
    }
    if !headers.has("X-Forwarded-Proto") {
        headers.push(("X-Forwarded-Proto".to_string(), "https".to_string()));
    }
}

/// Content types whose bodies reach a 2.0 event as text; every other body
/// (no Content-Type included) arrives base64-encoded.
pub(crate) fn is_text(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else {
        return false;
    };
    let media = crate::http::media::essence(content_type);
    media.starts_with("text/")
        || matches!(
            media.as_str(),
            "application/json" | "application/xml" | "application/javascript"
        )
}

/// The headers the event shows: the client's, with the edge's trace and
/// forwarding headers; `Content-Length` of a bodyless request is `0`.
pub(crate) fn http_edge_headers(input: &EventInput<'_>) -> Vec<(String, String)> {
    let scope = input.scope;
    let request = scope.request;
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("Connection"))
        .cloned()
        .collect();
    if !headers.has("Host") {
        headers.push(("Host".to_string(), input.domain_name.to_string()));
    }
    if !headers.has("Content-Length") {
        headers.push(("Content-Length".to_string(), request.body.len().to_string()));
    }
    headers.push(("X-Amzn-Trace-Id".to_string(), scope.ids.trace_id.clone()));
    match headers
        .iter_mut()
        .find(|(n, _)| n.eq_ignore_ascii_case("X-Forwarded-For"))
    {
        Some((_, v)) => {
            v.push_str(", ");
            v.push_str(&request.source_ip);
        }
        None => headers.push(("X-Forwarded-For".to_string(), request.source_ip.clone())),
    }
    headers.push(("X-Forwarded-Port".to_string(), "443".to_string()));
    headers.push(("X-Forwarded-Proto".to_string(), "https".to_string()));
    headers
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
