//! Integration response: from the backend's answer to the method
//! response. For the non-proxy integrations, the selection pattern picks
//! an integration response whose template (by Accept) and header mappings
//! shape the answer, with `$context.responseOverride` last; a proxy's
//! answer passes through under the header rules of the proxies.

use crate::http::HeaderList;
use crate::model::{ContentHandling, Integration, IntegrationType};
use crate::pipeline::context;
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::{Answer, Exchange, Next, Origin, ResponseOverride, Waiting};
use crate::pipeline::failure::{Abort, Failure, ResponseType};
use crate::pipeline::lambda;
use crate::pipeline::log::log_http_response;
use crate::pipeline::params::Source;
use crate::pipeline::render::{render, select_template};
use crate::pipeline::step::CallResult;

/// Continues a request with its call's result.
pub(crate) fn on_result(deployed: &Deployed, exchange: &mut Exchange, result: CallResult) -> Next {
    let integration = deployed
        .method_of(exchange)
        .integration
        .clone()
        .expect("a call is only made for a method with an integration");
    let lambda = matches!(exchange.waiting, Waiting::Lambda | Waiting::LambdaProxy);
    match result {
        CallResult::Timeout => Next::Fail(Abort::new(
            Failure::new(ResponseType::IntegrationTimeout),
            "Execution failed due to a timeout error",
        )),
        CallResult::Failed { message } if lambda => Next::Fail(Abort::configuration(format!(
            "Execution failed due to configuration error: {message}"
        ))),
        CallResult::Failed { message } => Next::Fail(Abort::new(
            Failure::new(ResponseType::IntegrationFailure)
                .with_message("Network error communicating with endpoint"),
            format!(
                "Execution failed due to a network error communicating with endpoint: {message}"
            ),
        )),
        CallResult::Lambda {
            payload,
            function_error,
            latency_ms,
        } => {
            lambda::log_response(exchange, &payload, function_error, latency_ms);
            if exchange.waiting == Waiting::LambdaProxy {
                return lambda_proxy_answer(deployed, exchange, &payload, function_error);
            }
            let incoming = Incoming::lambda(payload, function_error);
            respond(deployed, exchange, &integration, incoming)
        }
        CallResult::Http {
            status,
            headers,
            body,
            latency_ms,
        } => {
            if let Some(log) = exchange.log.as_mut() {
                log_http_response(log, status, &headers, &body, latency_ms);
            }
            if exchange.waiting == Waiting::HttpProxy {
                // An HTTP proxy's answer passes through, less the headers
                // API Gateway drops.
                return Next::Respond(Answer {
                    status,
                    headers: proxy_headers(headers),
                    body,
                    trace: None,
                    origin: Origin::Proxy,
                });
            }
            let incoming = Incoming::http(status, headers, body);
            respond(deployed, exchange, &integration, incoming)
        }
    }
}

/// A Lambda proxy integration's answer: the function's response object
/// is the method response.
fn lambda_proxy_answer(
    deployed: &Deployed,
    exchange: &Exchange,
    payload: &[u8],
    function_error: bool,
) -> Next {
    if function_error {
        let message = lambda::error_message(payload);
        let line = format!(
            "Lambda execution failed with status 200 due to customer function error: {message}. Lambda request id: {}",
            exchange.ids.derived_id(1)
        );
        return Next::Fail(Abort::new(
            Failure::new(ResponseType::IntegrationFailure).with_status(502),
            line,
        ));
    }
    let accept = exchange.request.header("Accept");
    match lambda::parse_v1(payload, &deployed.api.binary_media_types, accept) {
        Ok(parsed) => {
            let mut headers = proxy_headers(parsed.headers);
            if !headers.has("Content-Type") {
                headers.insert(
                    0,
                    ("Content-Type".to_string(), "application/json".to_string()),
                );
            }
            Next::Respond(Answer {
                status: parsed.status,
                headers,
                body: parsed.body,
                trace: Some(exchange.ids.sampled_trace()),
                origin: Origin::Proxy,
            })
        }
        Err(lambda::Malformed(reason)) => Next::Fail(
            Abort::new(
                Failure::new(ResponseType::ApiConfigurationError).with_status(502),
                "Execution failed due to configuration error: Malformed Lambda proxy response",
            )
            .with_detail(format!("Malformed Lambda proxy response: {reason}")),
        ),
    }
}

/// The method response for a non-proxy integration's answer (a MOCK's
/// included): the integration response it selects, mapped.
pub(crate) fn respond(
    deployed: &Deployed,
    exchange: &Exchange,
    integration: &Integration,
    incoming: Incoming,
) -> Next {
    match map(deployed, exchange, integration, &incoming) {
        Ok(mapped) => Next::Respond(Answer {
            status: mapped.status,
            headers: mapped.headers,
            body: mapped.body,
            trace: (integration.kind != IntegrationType::Mock)
                .then(|| exchange.ids.sampled_trace()),
            origin: Origin::Mapped,
        }),
        Err(abort) => Next::Fail(abort),
    }
}

/// What the integration answered, ready for response selection.
pub(crate) struct Incoming {
    /// What selection patterns are matched against: the backend's status,
    /// the Lambda error message (empty for a Lambda success), a MOCK's
    /// status.
    pub selector: String,
    /// The backend's status, for the log line when nothing matches.
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Incoming {
    pub fn mock(status: Option<u16>) -> Incoming {
        Incoming {
            selector: status.map(|s| s.to_string()).unwrap_or_default(),
            status: status.unwrap_or(200),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn lambda(payload: Vec<u8>, function_error: bool) -> Incoming {
        Incoming {
            selector: if function_error {
                lambda::error_message(&payload)
            } else {
                String::new()
            },
            status: 200,
            headers: vec![("Content-Type".to_string(), "application/json".to_string())],
            body: payload,
        }
    }

    pub fn http(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Incoming {
        Incoming {
            selector: status.to_string(),
            status,
            headers,
            body,
        }
    }
}

/// The method response an integration response produced.
struct MappedResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The index of the integration response for `selector`: the first whose
/// pattern matches the whole selector, else the default (no pattern).
fn select(integration: &Integration, selector: &str) -> Option<usize> {
    let responses = &integration.responses;
    responses
        .iter()
        .position(|r| {
            r.selection_pattern
                .as_deref()
                .is_some_and(|p| !p.is_empty() && full_match(p, selector))
        })
        .or_else(|| {
            responses
                .iter()
                .position(|r| r.selection_pattern.as_deref().is_none_or(str::is_empty))
        })
}

/// Whether a selection pattern (a Java regex) matches the whole text.
fn full_match(pattern: &str, text: &str) -> bool {
    crate::regex::Regex::new(pattern, crate::regex::Dialect::Java)
        .ok()
        .and_then(|re| re.full_match(text).ok())
        .unwrap_or(false)
}

/// Maps an integration's answer to the method response.
fn map(
    deployed: &Deployed,
    exchange: &Exchange,
    integration: &Integration,
    incoming: &Incoming,
) -> Result<MappedResponse, Abort> {
    let Some(index) = select(integration, &incoming.selector) else {
        return Err(Abort::configuration(format!("Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: {}", incoming.status)));
    };
    let selected = &integration.responses[index];
    if !deployed
        .method_of(exchange)
        .method_responses
        .contains_key(&selected.status_code)
    {
        return Err(Abort::configuration(format!(
            "Execution failed due to configuration error: Output mapping refers to an invalid method response: {}",
            selected.status_code
        )));
    }
    let mut status: u16 = selected.status_code.parse().unwrap_or(200);
    // An AWS integration's answer carries the request id of its invocation.
    let endpoint_id =
        (integration.kind == IntegrationType::Aws).then(|| exchange.ids.derived_id(1));
    let mut scope = exchange.scope();
    scope.endpoint_request_id = endpoint_id.as_deref();
    let accept = exchange.request.header("Accept");
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut overrides = None;
    let body = match select_template(selected.response_templates.keys(), accept) {
        Some(content_type) => {
            let template = deployed
                .templates
                .method(exchange.route.resource, &exchange.method_key)
                .and_then(|m| m.responses.get(index))
                .and_then(|t| t.get(content_type))
                .expect("every response template is compiled");
            let text = String::from_utf8_lossy(&incoming.body).into_owned();
            let (out, context) =
                render(deployed, template, &scope, None, text).map_err(Abort::configuration)?;
            overrides = Some(context);
            match selected.content_handling {
                Some(ContentHandling::ConvertToBinary) => {
                    crate::http::base64_decode(&out).unwrap_or_else(|_| out.into_bytes())
                }
                _ => out.into_bytes(),
            }
        }
        None => match selected.content_handling {
            Some(ContentHandling::ConvertToText) => {
                crate::http::base64_encode(&incoming.body).into_bytes()
            }
            Some(ContentHandling::ConvertToBinary) => {
                crate::http::base64_decode(&String::from_utf8_lossy(&incoming.body))
                    .unwrap_or_else(|_| incoming.body.clone())
            }
            None => incoming.body.clone(),
        },
    };
    let mut context = None;
    for (target, expression) in &selected.response_parameters {
        let Some(name) = target.strip_prefix("method.response.header.") else {
            continue;
        };
        let value = resolve_response_source(deployed, exchange, incoming, expression, &mut context);
        if let Some(value) = value {
            match headers
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(slot) => slot.1 = value,
                None => headers.push((name.to_string(), value)),
            }
        }
    }
    // A request template's overrides carry over; the response template's win.
    exchange.response_override.apply(&mut status, &mut headers);
    if let Some(context) = overrides {
        ResponseOverride::read(&context).apply(&mut status, &mut headers);
    }
    // Whatever the template's media type, the response is
    // `application/json` unless a mapping or an override says otherwise.
    if !headers.has("Content-Type") {
        headers.push(("Content-Type".to_string(), "application/json".to_string()));
    }
    Ok(MappedResponse {
        status,
        headers,
        body,
    })
}

/// A response parameter mapping's value.
fn resolve_response_source(
    deployed: &Deployed,
    exchange: &Exchange,
    incoming: &Incoming,
    expression: &str,
    context: &mut Option<crate::vtl::Value>,
) -> Option<String> {
    let scope = exchange.scope();
    match Source::parse(expression) {
        Source::Other(other) => {
            if let Some(name) = other.strip_prefix("integration.response.header.") {
                return incoming
                    .headers
                    .iter()
                    .rev()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone());
            }
            if let Some(name) = other.strip_prefix("integration.response.multivalueheader.") {
                return incoming.headers.joined(name);
            }
            let body = String::from_utf8_lossy(&incoming.body);
            if other == "integration.response.body" {
                return Some(body.into_owned());
            }
            let path = other.strip_prefix("integration.response.body.")?;
            crate::vtl::apigw::body_path_text(&body, path)
        }
        source => source.resolve(&scope, || {
            context
                .get_or_insert_with(|| context::value(deployed, &scope, None))
                .clone()
        }),
    }
}

/// The headers a proxy integration's response (an HTTP backend's, or a
/// Lambda function's) reaches the client with: the ones API Gateway sets
/// itself come back renamed `x-amzn-Remapped-<name>`, hop-by-hop ones are
/// dropped.
fn proxy_headers(headers: Vec<(String, String)>) -> Vec<(String, String)> {
    const REMAPPED: [&str; 5] = [
        "Connection",
        "Content-Length",
        "Date",
        "Server",
        "x-amzn-RequestId",
    ];
    const DROPPED: [&str; 3] = ["Transfer-Encoding", "Content-Encoding", "Via"];
    headers
        .into_iter()
        .filter(|(n, _)| !DROPPED.iter().any(|d| d.eq_ignore_ascii_case(n)))
        .map(
            |(name, value)| match REMAPPED.iter().find(|r| r.eq_ignore_ascii_case(&name)) {
                Some(canonical) => (format!("x-amzn-Remapped-{canonical}"), value),
                None => (name, value),
            },
        )
        .collect()
}
