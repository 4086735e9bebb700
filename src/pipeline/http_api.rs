//! What differs for HTTP APIs (API Gateway v2): the payload format 2.0
//! event and response, the 1.0 event's HTTP API variant, the errors
//! (`{"message":"Not Found"}`, `Internal Server Error`, `Service
//! Unavailable`) with `apigw-requestid`, and the CORS configuration.

use serde_json::Value;

use super::json_out::JsonOut;
use super::proxy_response::ProxyResponse;
use super::Scope;
use crate::http::{HeaderList, Response};
use crate::model::CorsConfiguration;

/// Content types whose bodies reach a 2.0 event as text; every other body
/// (no Content-Type included) arrives base64-encoded.
pub(super) fn is_text(content_type: Option<&str>) -> bool {
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

/// What the event is built from, beyond the request.
pub(super) struct EventSource<'a> {
    pub scope: &'a Scope<'a>,
    /// The matched route key (`GET /pets/{id}`, `$default`).
    pub route_key: &'a str,
    /// The route's resource path (`/pets/{id}`), for payload 1.0.
    pub resource_path: &'a str,
    /// The request path, decoded, stage included for a named stage.
    pub raw_path: &'a str,
    pub api_id: &'a str,
    pub account_id: &'a str,
    pub domain_name: &'a str,
    pub domain_prefix: &'a str,
}

/// The headers the event shows: the client's, with the edge's trace and
/// forwarding headers; `Content-Length` of a bodyless request is `0`.
fn edge_headers(source: &EventSource<'_>) -> Vec<(String, String)> {
    let scope = source.scope;
    let request = scope.request;
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("Connection"))
        .cloned()
        .collect();
    let has = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    if !has(&headers, "Host") {
        headers.push(("Host".to_string(), source.domain_name.to_string()));
    }
    if !has(&headers, "Content-Length") {
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

/// The payload format 2.0 event.
pub(super) fn event_v2(source: &EventSource<'_>) -> Vec<u8> {
    let scope = source.scope;
    let request = scope.request;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut cookies: Vec<String> = Vec::new();
    for (name, value) in edge_headers(source) {
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
    j.field("routeKey", source.route_key);
    j.field("rawPath", source.raw_path);
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
    j.field("accountId", source.account_id);
    j.field("apiId", source.api_id);
    j.field("domainName", source.domain_name);
    j.field("domainPrefix", source.domain_prefix);
    j.key("http");
    j.begin_object();
    j.field("method", &request.method);
    j.field("path", source.raw_path);
    j.field("protocol", "HTTP/1.1");
    j.field("sourceIp", &request.source_ip);
    j.field("userAgent", request.header("User-Agent").unwrap_or(""));
    j.end_object();
    j.field("requestId", &scope.ids.extended_request_id);
    j.field("routeKey", source.route_key);
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
            j.string(&crate::ids::base64(&request.body));
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
pub(super) fn event_v1(source: &EventSource<'_>) -> Vec<u8> {
    let scope = source.scope;
    let request = scope.request;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in edge_headers(source) {
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
    let mut query: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, value) in scope.query() {
        match query.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => query.push((name, vec![value])),
        }
    }
    let time = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms);
    let mut j = JsonOut::with_capacity(1536 + request.body.len() * 4 / 3);
    j.begin_object();
    j.field("version", "1.0");
    j.field("resource", source.resource_path);
    j.field("path", source.raw_path);
    j.field("httpMethod", &request.method);
    j.key("headers");
    j.strings_or_null(
        groups
            .iter()
            .map(|(k, v)| (k.as_str(), v.last().expect("a value").as_str())),
    );
    j.key("multiValueHeaders");
    let multi: Vec<(&str, Vec<&str>)> = groups
        .iter()
        .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
        .collect();
    j.lists_or_null(&multi);
    j.key("queryStringParameters");
    j.strings_or_null(query.iter().map(|(k, v)| (*k, *v.last().expect("a value"))));
    j.key("multiValueQueryStringParameters");
    j.lists_or_null(&query);
    j.key("requestContext");
    j.begin_object();
    j.field("accountId", source.account_id);
    j.field("apiId", source.api_id);
    j.field("domainName", source.domain_name);
    j.field("domainPrefix", source.domain_prefix);
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
    j.field("path", source.raw_path);
    j.field("protocol", "HTTP/1.1");
    j.field("requestId", &scope.ids.extended_request_id);
    j.field("requestTime", &time.clf());
    j.key("requestTimeEpoch");
    j.int(request.time_epoch_ms as i64);
    j.field("resourceId", source.route_key);
    j.field("resourcePath", source.resource_path);
    j.field("stage", scope.stage);
    j.end_object();
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
    let text = is_text(request.header("Content-Type"));
    j.key("body");
    if request.body.is_empty() {
        j.null();
    } else if text {
        j.string(&String::from_utf8_lossy(&request.body));
    } else {
        j.string(&crate::ids::base64(&request.body));
    }
    j.key("isBase64Encoded");
    j.bool(!request.body.is_empty() && !text);
    j.end_object();
    j.finish().into_bytes()
}

/// A payload format 2.0 response: an object with `statusCode` is read as
/// the response (`headers` comma-joined, `cookies` as Set-Cookie, a base64
/// body decoded); anything else that is JSON is a 200 with that JSON (a
/// string without its quotes).
pub(super) fn parse_v2(payload: &[u8]) -> Result<ProxyResponse, ()> {
    let value: Value = serde_json::from_slice(payload).map_err(|_| ())?;
    let object = match &value {
        Value::Object(object) if object.contains_key("statusCode") => object,
        Value::String(text) => {
            return Ok(json_answer(text.clone().into_bytes()));
        }
        _ => {
            let text = std::str::from_utf8(payload).map_err(|_| ())?.trim();
            return Ok(json_answer(text.as_bytes().to_vec()));
        }
    };
    let status = match &object["statusCode"] {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()).ok_or(())?,
        Value::String(s) => s.trim().parse::<u16>().map_err(|_| ())?,
        _ => return Err(()),
    };
    if !(100..=599).contains(&status) {
        return Err(());
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    match object.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                let value = match value {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => continue,
                    _ => return Err(()),
                };
                headers.push((name.clone(), value));
            }
        }
        Some(_) => return Err(()),
    }
    match object.get("cookies") {
        None | Some(Value::Null) => {}
        Some(Value::Array(cookies)) => {
            for cookie in cookies {
                let cookie = cookie.as_str().ok_or(())?;
                headers.push(("set-cookie".to_string(), cookie.to_string()));
            }
        }
        Some(_) => return Err(()),
    }
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
    {
        headers.insert(
            0,
            (
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            ),
        );
    }
    let base64 = matches!(object.get("isBase64Encoded"), Some(Value::Bool(true)));
    let body = match object.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) if base64 => {
            crate::vtl::apigw::base64_decode(text).map_err(|_| ())?
        }
        Some(Value::String(text)) => text.clone().into_bytes(),
        Some(other) => other.to_string().into_bytes(),
    };
    Ok(ProxyResponse {
        status,
        headers,
        body,
    })
}

/// A 200 `application/json` answer with this body.
fn json_answer(body: Vec<u8>) -> ProxyResponse {
    ProxyResponse {
        status: 200,
        headers: vec![("Content-Type".to_string(), "application/json".to_string())],
        body,
    }
}

/// An HTTP API's own answer (`{"message":"Not Found"}` ...): `Date`,
/// `Content-Type`, `Content-Length`, `apigw-requestid`.
pub(super) fn error_response(status: u16, message: &str, scope: &Scope<'_>) -> Response {
    let body = format!("{{\"message\":\"{message}\"}}").into_bytes();
    let date = crate::time::DateTime::from_epoch_ms(scope.request.time_epoch_ms).http_date();
    Response {
        status,
        headers: vec![
            ("Date".to_string(), date),
            ("Content-Type".to_string(), "application/json".to_string()),
            ("Content-Length".to_string(), body.len().to_string()),
            (
                "apigw-requestid".to_string(),
                scope.ids.extended_request_id.clone(),
            ),
        ],
        body: if scope.request.method == "HEAD" {
            Vec::new()
        } else {
            body
        },
        log: None,
    }
}

/// Whether a CORS configuration allows an origin: listed, `*`, or a
/// scheme wildcard (`https://*`).
fn origin_allowed(cors: &CorsConfiguration, origin: &str) -> bool {
    cors.allow_origins.iter().any(|allowed| {
        allowed == "*"
            || allowed.eq_ignore_ascii_case(origin)
            || allowed
                .strip_suffix('*')
                .is_some_and(|scheme| scheme.ends_with("://") && origin.starts_with(scheme))
    })
}

/// The `access-control-allow-origin` value for an allowed origin: `*`
/// when every origin is allowed without credentials, else the origin itself.
fn allow_origin_value(cors: &CorsConfiguration, origin: &str) -> String {
    if cors.allow_origins.iter().any(|o| o == "*") && !cors.allow_credentials {
        "*".to_string()
    } else {
        origin.to_string()
    }
}

/// The answer to a CORS preflight (OPTIONS with `Origin` and
/// `Access-Control-Request-Method`), which API Gateway gives itself when
/// the API has a CORS configuration; `None` when the request is no preflight.
pub(super) fn preflight(cors: &CorsConfiguration, scope: &Scope<'_>) -> Option<Response> {
    let request = scope.request;
    if request.method != "OPTIONS" {
        return None;
    }
    let origin = request.header("Origin")?;
    request.header("Access-Control-Request-Method")?;
    let date = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms).http_date();
    let mut headers = vec![
        ("Date".to_string(), date),
        ("Content-Length".to_string(), "0".to_string()),
    ];
    if origin_allowed(cors, origin) {
        let mut middle = Vec::new();
        if !cors.allow_methods.is_empty() {
            middle.push(("access-control-allow-methods", cors.allow_methods.join(",")));
        }
        if !cors.allow_headers.is_empty() {
            middle.push(("access-control-allow-headers", cors.allow_headers.join(",")));
        }
        if let Some(age) = cors.max_age {
            middle.push(("access-control-max-age", age.to_string()));
        }
        push_cors(cors, origin, middle, &mut headers);
    }
    headers.push((
        "apigw-requestid".to_string(),
        scope.ids.extended_request_id.clone(),
    ));
    Some(Response {
        status: 204,
        headers,
        body: Vec::new(),
        log: None,
    })
}

/// Adds the CORS headers to a response for a request from an allowed
/// origin, replacing any the integration sent (API Gateway ignores those).
pub(super) fn decorate(
    cors: &CorsConfiguration,
    origin: Option<&str>,
    headers: &mut Vec<(String, String)>,
) {
    headers.retain(|(n, _)| !n.to_ascii_lowercase().starts_with("access-control-"));
    let Some(origin) = origin.filter(|o| origin_allowed(cors, o)) else {
        return;
    };
    let mut middle = Vec::new();
    if !cors.expose_headers.is_empty() {
        middle.push((
            "access-control-expose-headers",
            cors.expose_headers.join(","),
        ));
    }
    push_cors(cors, origin, middle, headers);
}

/// The CORS headers of an answer to an allowed origin: the origin (and the
/// credentials flag) first, `middle` next, `vary: origin` last unless every
/// origin is allowed.
fn push_cors(
    cors: &CorsConfiguration,
    origin: &str,
    middle: Vec<(&str, String)>,
    headers: &mut Vec<(String, String)>,
) {
    headers.push((
        "access-control-allow-origin".to_string(),
        allow_origin_value(cors, origin),
    ));
    if cors.allow_credentials {
        headers.push((
            "access-control-allow-credentials".to_string(),
            "true".to_string(),
        ));
    }
    headers.extend(middle.into_iter().map(|(n, v)| (n.to_string(), v)));
    if !cors.allow_origins.iter().any(|o| o == "*") {
        headers.push(("vary".to_string(), "origin".to_string()));
    }
}

/// A mapping value's source in an HTTP API (`$request.header.x`,
/// `$request.querystring.x`, `$request.path.x`, `$request.path`,
/// `$context.x`, `$stageVariables.x`, or static text, `${...}` included).
fn mapping_value(source: &str, scope: &Scope<'_>, route_path: &str) -> Option<String> {
    let one = |expr: &str| -> Option<String> {
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

/// The request an HTTP_PROXY integration sends: the URI (route variables
/// filled, the whole path appended for the `$default` route), the client's
/// query string and headers, then the integration's mappings.
pub(super) fn proxy_request(
    uri: &str,
    scope: &Scope<'_>,
    default_route: bool,
    mappings: &std::collections::BTreeMap<String, String>,
) -> (String, Vec<(String, String)>) {
    let route_path = scope.resource_path;
    let values: std::collections::BTreeMap<String, String> =
        scope.path_params.iter().cloned().collect();
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
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        let encoded: Vec<String> = query
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    crate::http::percent_encode_unreserved(k),
                    crate::http::percent_encode_unreserved(v)
                )
            })
            .collect();
        url.push_str(&encoded.join("&"));
    }
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
pub(super) fn map_response(
    mappings: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    scope: &Scope<'_>,
    status: &mut u16,
    headers: &mut Vec<(String, String)>,
) {
    let Some(map) = mappings.get(&status.to_string()) else {
        return;
    };
    let response_header = |headers: &[(String, String)], name: &str| {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut new_status = None;
    for (key, source) in map {
        let value = match source.strip_prefix("$response.header.") {
            Some(name) => Some(response_header(headers, name)).filter(|v| !v.is_empty()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_content_types_stay_text() {
        assert!(is_text(Some("application/json; charset=utf-8")));
        assert!(is_text(Some("text/csv")));
        assert!(!is_text(Some("application/x-www-form-urlencoded")));
        assert!(!is_text(None));
    }

    #[test]
    fn a_result_without_status_code_is_a_json_200() {
        let r = parse_v2(br#""hello""#).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"hello"[..]));
        let r = parse_v2(br#"{"a": 1}"#).unwrap();
        assert_eq!(r.body, br#"{"a": 1}"#);
        assert_eq!(r.headers[0].1, "application/json");
        let r = parse_v2(br#"{"statusCode": 201, "cookies": ["a=1"], "body": "x"}"#).unwrap();
        assert_eq!(r.status, 201);
        assert_eq!(
            r.headers,
            vec![
                (
                    "Content-Type".to_string(),
                    "text/plain; charset=utf-8".to_string()
                ),
                ("set-cookie".to_string(), "a=1".to_string())
            ]
        );
        assert!(parse_v2(b"not json").is_err());
    }
}
