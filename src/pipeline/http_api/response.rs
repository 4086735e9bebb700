//! What an HTTP API sends: `Date`, `Content-Type`, `Content-Length`, the
//! integration's headers (CORS ones replaced by the API's CORS
//! configuration), `apigw-requestid` last; and its own errors, which are
//! no gateway responses (`{"message":"Not Found"}`, `Internal Server
//! Error`, `Service Unavailable`).

use super::cors;
use crate::http::{HeaderList, Response};
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::{Answer, Exchange, RequestScope};
use crate::pipeline::failure::{Failure, ResponseType};
use crate::pipeline::respond::{body_unless_head, leading_headers};

/// The response an HTTP API sends for an integration's answer.
pub(crate) fn send(deployed: &Deployed, exchange: &Exchange, answer: Answer) -> Response {
    let Answer {
        status,
        mut headers,
        body,
        ..
    } = answer;
    if let Some(config) = &deployed.api.cors {
        cors::decorate(config, exchange.request.header("Origin"), &mut headers);
    }
    let content_type = headers.take("Content-Type");
    let mut out = leading_headers(exchange.request.time_epoch_ms, content_type, body.len());
    out.extend(headers);
    out.push((
        "apigw-requestid".to_string(),
        exchange.ids.extended_request_id.clone(),
    ));
    Response {
        status,
        headers: out,
        body: body_unless_head(&exchange.request.method, body),
        log: None,
    }
}

/// The error an HTTP API answers a failure with: it has no gateway
/// responses, so a timeout is 503 and anything else 500.
pub(crate) fn failure(failure: &Failure, scope: &RequestScope<'_>) -> Response {
    match failure.kind {
        ResponseType::IntegrationTimeout => error(503, "Service Unavailable", scope),
        _ => error(500, "Internal Server Error", scope),
    }
}

/// An HTTP API's own answer (`{"message":"Not Found"}` ...): `Date`,
/// `Content-Type`, `Content-Length`, `apigw-requestid`.
pub(crate) fn error(status: u16, message: &str, scope: &RequestScope<'_>) -> Response {
    let body = format!("{{\"message\":\"{message}\"}}").into_bytes();
    let content_type = ("Content-Type".to_string(), "application/json".to_string());
    let mut headers = leading_headers(scope.request.time_epoch_ms, Some(content_type), body.len());
    headers.push((
        "apigw-requestid".to_string(),
        scope.ids.extended_request_id.clone(),
    ));
    Response {
        status,
        headers,
        body: body_unless_head(&scope.request.method, body),
        log: None,
    }
}
