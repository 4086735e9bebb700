//! An HTTP API's CORS configuration: API Gateway answers preflights itself
//! and puts the CORS headers on every response to an allowed origin,
//! replacing any the integration sent.

use crate::http::Response;
use crate::model::CorsConfiguration;
use crate::pipeline::exchange::RequestScope;
use crate::pipeline::respond::leading_headers;

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
pub(crate) fn preflight(cors: &CorsConfiguration, scope: &RequestScope<'_>) -> Option<Response> {
    let request = scope.request;
    if request.method != "OPTIONS" {
        return None;
    }
    let origin = request.header("Origin")?;
    request.header("Access-Control-Request-Method")?;
    let mut headers = leading_headers(request.time_epoch_ms, None, 0);
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
pub(crate) fn decorate(
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
