//! An HTTP API's parameter mappings: what an HTTP proxy integration sends
//! (the client's request with headers, query parameters and the path
//! overwritten, appended or removed) and how the integration's response is
//! changed on its way back.

use std::collections::BTreeMap;

use crate::http::HeaderList;
use crate::pipeline::exchange::RequestScope;

/// A mapping value's source in an HTTP API (`$request.header.x`,
/// `$request.querystring.x`, `$request.path.x`, `$request.path`,
/// `$request.body`, `$request.body.x.y`, `$context.x`,
/// `$stageVariables.x`, or static text, `${...}` included).
pub(crate) fn mapping_value(
    source: &str,
    scope: &RequestScope<'_>,
    route_path: &str,
) -> Option<String> {
    let one = |expr: &str| -> Option<String> {
        if expr == "$request.body" {
            return Some(String::from_utf8_lossy(&scope.request.body).into_owned());
        }
        if let Some(path) = expr.strip_prefix("$request.body.") {
            return body_member(&scope.request.body, path);
        }
        if let Some(name) = expr.strip_prefix("$request.header.") {
            return scope.request.headers.joined(name);
        }
        if let Some(name) = expr.strip_prefix("$request.querystring.") {
            let values: Vec<&str> = scope
                .query()
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .collect();
            return (!values.is_empty()).then(|| values.join(","));
        }
        if let Some(name) = expr.strip_prefix("$request.path.") {
            return scope
                .path_params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone());
        }
        if expr == "$request.path" {
            return Some(route_path.to_string());
        }
        if let Some(name) = expr.strip_prefix("$stageVariables.") {
            return scope.stage_variables.get(name).cloned();
        }
        if let Some(name) = expr.strip_prefix("$context.") {
            return match name {
                "requestId" | "extendedRequestId" => Some(scope.ids.extended_request_id.clone()),
                "stage" => Some(scope.stage.to_string()),
                "httpMethod" => Some(scope.request.method.clone()),
                "identity.sourceIp" => Some(scope.request.source_ip.clone()),
                "identity.userAgent" => scope.request.header("User-Agent").map(str::to_string),
                "path" => Some(scope.request.path.clone()),
                _ => None,
            };
        }
        None
    };
    if source.starts_with('$') && !source.contains("${") {
        return one(source);
    }
    // Static text, with `${...}` expressions interpolated.
    let mut out = String::new();
    let mut rest = source;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find('}') else {
            break;
        };
        out.push_str(&one(&format!("${}", &rest[at + 2..at + end])).unwrap_or_default());
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The member of a JSON body at a dotted path (`detail.id`): a string as
/// it is, anything else as JSON text.
fn body_member(body: &[u8], path: &str) -> Option<String> {
    let parsed: serde_json::Value = serde_json::from_slice(body).ok()?;
    let mut value = &parsed;
    for key in path.split('.') {
        value = match value {
            serde_json::Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            other => other.get(key)?,
        };
    }
    Some(match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    })
}

/// The request an HTTP_PROXY integration sends: the URI (route variables
/// filled, the whole path appended for the `$default` route), the client's
/// query string and headers, then the integration's mappings.
pub(crate) fn proxy_request(
    uri: &str,
    scope: &RequestScope<'_>,
    default_route: bool,
    mappings: &BTreeMap<String, String>,
) -> (String, Vec<(String, String)>) {
    let route_path = scope.resource_path;
    let values: BTreeMap<String, String> = scope.path_params.iter().cloned().collect();
    let mut url = crate::http::fill_path(uri, &values);
    let mut path_override = None;
    let mut headers: Vec<(String, String)> = scope
        .request
        .headers
        .iter()
        .filter(|(n, _)| {
            !["Host", "Connection", "Content-Length", "Transfer-Encoding"]
                .iter()
                .any(|d| d.eq_ignore_ascii_case(n))
        })
        .cloned()
        .collect();
    let mut query: Vec<(String, String)> = scope.query().to_vec();
    for (key, source) in mappings {
        let (action, target) = key.split_once(':').unwrap_or(("overwrite", key));
        let value = mapping_value(source, scope, route_path);
        if target == "path" {
            path_override = value;
            continue;
        }
        let (is_header, name) = match target.split_once('.') {
            Some(("header", name)) => (true, name),
            Some(("querystring", name)) => (false, name),
            _ => continue,
        };
        let list = if is_header { &mut headers } else { &mut query };
        let same = |n: &str| {
            if is_header {
                n.eq_ignore_ascii_case(name)
            } else {
                n == name
            }
        };
        match action {
            "remove" => list.retain(|(n, _)| !same(n)),
            "append" => {
                if let Some(value) = value {
                    list.push((name.to_string(), value));
                }
            }
            _ => {
                list.retain(|(n, _)| !same(n));
                if let Some(value) = value {
                    list.push((name.to_string(), value));
                }
            }
        }
    }
    if let Some(path) = path_override {
        let origin_end = url.find("://").map_or(0, |i| i + 3);
        let path_start = url[origin_end..]
            .find('/')
            .map_or(url.len(), |i| origin_end + i);
        url.truncate(path_start);
        url.push_str(&path);
    } else if default_route {
        url = format!("{}{}", url.trim_end_matches('/'), scope.resource_path);
    }
    crate::http::append_query(&mut url, &query);
    headers.push(("X-Amzn-Trace-Id".to_string(), scope.ids.trace_id.clone()));
    headers.push((
        "X-Forwarded-For".to_string(),
        scope.request.source_ip.clone(),
    ));
    headers.push(("X-Forwarded-Port".to_string(), "443".to_string()));
    headers.push(("X-Forwarded-Proto".to_string(), "https".to_string()));
    (url, headers)
}

/// An integration's `responseParameters` for the status: headers
/// overwritten, appended or removed, and `overwrite:statuscode`.
pub(crate) fn map_response(
    mappings: &BTreeMap<String, BTreeMap<String, String>>,
    scope: &RequestScope<'_>,
    status: &mut u16,
    headers: &mut Vec<(String, String)>,
) {
    let Some(map) = mappings.get(&status.to_string()) else {
        return;
    };
    let mut new_status = None;
    for (key, source) in map {
        let value = match source.strip_prefix("$response.header.") {
            Some(name) => headers.joined(name).filter(|v| !v.is_empty()),
            None => mapping_value(source, scope, scope.resource_path),
        };
        let (action, target) = key.split_once(':').unwrap_or(("overwrite", key));
        if target == "statuscode" {
            new_status = value.and_then(|v| v.trim().parse::<u16>().ok());
            continue;
        }
        let Some(name) = target.strip_prefix("header.") else {
            continue;
        };
        match action {
            "remove" => headers.remove_all(name),
            "append" => {
                if let Some(value) = value {
                    headers.push((name.to_string(), value));
                }
            }
            _ => {
                headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
                if let Some(value) = value {
                    headers.push((name.to_string(), value));
                }
            }
        }
    }
    if let Some(code) = new_status.filter(|c| (200..=599).contains(c)) {
        *status = code;
    }
}
