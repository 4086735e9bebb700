//! Method response: what a REST API sends the client. The headers API
//! Gateway adds around the integration's (`Date`, `Content-Type`,
//! `Content-Length`, `x-amzn-RequestId` first; `x-amz-apigw-id` and the
//! trace id last), and the examples a MOCK method's responses carry.

use crate::http::{HeaderList, Response};
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::{Answer, Exchange, Origin};
use crate::pipeline::respond::{body_unless_head, leading_headers};

/// The response a REST API sends for a method response.
pub(crate) fn send(exchange: &Exchange, answer: Answer) -> Response {
    let Answer {
        status,
        mut headers,
        body,
        trace,
        ..
    } = answer;
    let content_type = headers.take("Content-Type");
    let mut out = leading_headers(exchange.request.time_epoch_ms, content_type, body.len());
    out.push((
        "x-amzn-RequestId".to_string(),
        exchange.ids.request_id.clone(),
    ));
    out.extend(headers);
    out.push((
        "x-amz-apigw-id".to_string(),
        exchange.ids.extended_request_id.clone(),
    ));
    if let Some(trace) = trace {
        out.push(("X-Amzn-Trace-Id".to_string(), trace));
    }
    Response {
        status,
        headers: out,
        body: body_unless_head(&exchange.request.method, body),
        log: None,
    }
}

/// Prism's `Prefer: code=404, example=missing` on a MOCK method whose
/// responses have examples: answers with the example (a Portico
/// convenience for frontend work; API Gateway ignores the header).
pub(crate) fn preferred_example(deployed: &Deployed, exchange: &mut Exchange) -> Option<Answer> {
    let (status, content_type, body) = example_for(deployed, exchange)?;
    exchange.line(format!(
        "Prefer chose an example of the {status} response (a Portico convenience: API Gateway ignores Prefer)"
    ));
    Some(Answer {
        status,
        headers: vec![("Content-Type".to_string(), content_type)],
        body: body.into_bytes(),
        trace: None,
        origin: Origin::Mapped,
    })
}

/// The example `Prefer` asks for: status, media type and body.
fn example_for(deployed: &Deployed, exchange: &Exchange) -> Option<(u16, String, String)> {
    let prefer = exchange.request.header("Prefer")?;
    let mut code = None;
    let mut name = None;
    for token in prefer.split([',', ';']) {
        match token.trim().split_once('=') {
            Some(("code", v)) => code = Some(v.trim().trim_matches('"').to_string()),
            Some(("example", v)) => name = Some(v.trim().trim_matches('"').to_string()),
            _ => {}
        }
    }
    if code.is_none() && name.is_none() {
        return None;
    }
    let method = deployed.method_of(exchange);
    let (status, content_type, body): (String, String, String) = method
        .method_responses
        .values()
        .filter(|r| code.as_deref().is_none_or(|c| c == r.status_code))
        .find_map(|r| {
            r.examples.iter().find_map(|(content_type, examples)| {
                let (_, value) = examples
                    .iter()
                    .find(|(n, _)| name.as_deref().is_none_or(|wanted| wanted == n))?;
                let body = match value {
                    serde_json::Value::String(text) if !content_type.contains("json") => {
                        text.clone()
                    }
                    other => other.to_string(),
                };
                Some((r.status_code.clone(), content_type.clone(), body))
            })
        })?;
    Some((status.parse().ok()?, content_type, body))
}
