//! What every response the gateway sends has in common: it starts with
//! `Date`, the content type and `Content-Length`, and has no body for HEAD;
//! a console test's response instead lists the method response's own
//! headers and ends the execution log.

use super::exchange::{Answer, Exchange, Origin};
use super::log::{java_map, ExecutionLog};
use crate::http::Response;
use crate::time::DateTime;

/// `Date`, the content type (when there is one) and `Content-Length`.
pub(super) fn leading_headers(
    time_epoch_ms: u64,
    content_type: Option<(String, String)>,
    body_len: usize,
) -> Vec<(String, String)> {
    let mut headers = Vec::with_capacity(8);
    headers.push((
        "Date".to_string(),
        DateTime::from_epoch_ms(time_epoch_ms).http_date(),
    ));
    headers.extend(content_type);
    headers.push(("Content-Length".to_string(), body_len.to_string()));
    headers
}

/// The body, unless the request was HEAD (whose response has none, while
/// its `Content-Length` still tells the length).
pub(super) fn body_unless_head(method: &str, body: Vec<u8>) -> Vec<u8> {
    if method == "HEAD" {
        Vec::new()
    } else {
        body
    }
}

/// A console test's response: the method response's headers as the console
/// lists them (a proxy's as the backend gave them, then the trace id; a
/// mapped response's trace id first), and the log's last lines.
pub(super) fn test_response(exchange: &mut Exchange, answer: Answer) -> Response {
    let Answer {
        status,
        headers,
        body,
        trace,
        origin,
    } = answer;
    let mut listed: Vec<(String, String)> = Vec::with_capacity(headers.len() + 1);
    let trace = trace.map(|t| ("X-Amzn-Trace-Id".to_string(), t));
    if origin == Origin::Mapped {
        listed.extend(trace.clone());
    }
    listed.extend(headers);
    if origin == Origin::Proxy {
        listed.extend(trace);
    }
    if let Some(log) = exchange.log.as_mut() {
        log.line(format!(
            "Method response body after transformations: {}",
            String::from_utf8_lossy(&body)
        ));
        log.line(format!(
            "Method response headers: {}",
            java_map(listed.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        ));
        log.line("Successfully completed execution");
        log.line(format!("Method completed with status: {status}"));
    }
    Response {
        status,
        headers: listed,
        body,
        log: exchange.log.take().map(ExecutionLog::finish),
    }
}
