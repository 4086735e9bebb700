//! Integration response: from the backend's answer to the method response,
//! for the non-proxy integrations (selection pattern, template by Accept,
//! header mappings, `$context.responseOverride`), and the header rules of
//! the proxies.

use super::execute::Exchange;
use super::gateway_response::{Failure, ResponseType};
use super::log::{java_map, ExecutionLog};
use super::params::Source;
use super::{select_template, Gateway};
use crate::http::HeaderList;
use crate::ids::RequestIds;
use crate::model::{ContentHandling, Integration, IntegrationType};

/// What the integration answered, ready for response selection.
pub(super) struct Incoming {
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
                lambda_error_message(&payload)
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
pub(super) struct Mapped {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The index of the integration response for `selector`: the first whose
/// pattern matches the whole selector, else the default (no pattern).
pub(super) fn select(integration: &Integration, selector: &str) -> Option<usize> {
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
pub(super) fn map(
    gateway: &Gateway,
    exchange: &Exchange,
    integration: &Integration,
    incoming: &Incoming,
) -> Result<Mapped, (Failure, String)> {
    let Some(index) = select(integration, &incoming.selector) else {
        return Err((
            Failure::new(ResponseType::ApiConfigurationError),
            format!("Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: {}", incoming.status),
        ));
    };
    let selected = &integration.responses[index];
    if !gateway
        .method_of(exchange)
        .method_responses
        .contains_key(&selected.status_code)
    {
        return Err((
            Failure::new(ResponseType::ApiConfigurationError),
            format!(
                "Execution failed due to configuration error: Output mapping refers to an invalid method response: {}",
                selected.status_code
            ),
        ));
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
            let template = gateway
                .templates
                .method(exchange.route.resource, &exchange.method_key)
                .and_then(|m| m.responses.get(index))
                .and_then(|t| t.get(content_type))
                .expect("every response template is compiled");
            let text = String::from_utf8_lossy(&incoming.body).into_owned();
            let (out, context) = gateway
                .render(template, &scope, None, text)
                .map_err(|line| (Failure::new(ResponseType::ApiConfigurationError), line))?;
            overrides = Some(context);
            match selected.content_handling {
                Some(ContentHandling::ConvertToBinary) => {
                    crate::vtl::apigw::base64_decode(&out).unwrap_or_else(|_| out.into_bytes())
                }
                _ => out.into_bytes(),
            }
        }
        None => match selected.content_handling {
            Some(ContentHandling::ConvertToText) => crate::ids::base64(&incoming.body).into_bytes(),
            Some(ContentHandling::ConvertToBinary) => {
                crate::vtl::apigw::base64_decode(&String::from_utf8_lossy(&incoming.body))
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
        let value = resolve_response_source(gateway, exchange, incoming, expression, &mut context);
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
    Ok(Mapped {
        status,
        headers,
        body,
    })
}

/// A response parameter mapping's value.
fn resolve_response_source(
    gateway: &Gateway,
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
                .get_or_insert_with(|| super::context::value(gateway, &scope, None))
                .clone()
        }),
    }
}

/// What a template put in `$context.responseOverride`: a status (ignored
/// outside 100-599) and headers, which win over the mapped ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ResponseOverride {
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
}

impl ResponseOverride {
    /// Reads `$context.responseOverride` as a template left it.
    pub fn read(context: &crate::vtl::Value) -> ResponseOverride {
        use crate::vtl::{Key, Value};
        let mut out = ResponseOverride::default();
        let Value::Map(context) = context else {
            return out;
        };
        let context = context.borrow();
        let Some(Value::Map(overrides)) = context.get(&Key::from("responseOverride")) else {
            return out;
        };
        let overrides = overrides.borrow();
        if let Some(value) = overrides.get(&Key::from("status")) {
            let code = value.to_java_string().trim().parse::<u16>().ok();
            out.status = code.filter(|c| (100..=599).contains(c));
        }
        if let Some(Value::Map(set)) = overrides.get(&Key::from("header")) {
            out.headers = set
                .borrow()
                .iter()
                .map(|(k, v)| (k.to_java_string(), v.to_java_string()))
                .collect();
        }
        out
    }

    /// Applies the overrides to a response's status and headers.
    pub fn apply(&self, status: &mut u16, headers: &mut Vec<(String, String)>) {
        if let Some(code) = self.status {
            *status = code;
        }
        for (name, value) in &self.headers {
            match headers
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(slot) => slot.1.clone_from(value),
                None => headers.push((name.clone(), value.clone())),
            }
        }
    }
}

/// The headers a proxy integration's response (an HTTP backend's, or a
/// Lambda function's) reaches the client with: the ones API Gateway sets
/// itself come back renamed `x-amzn-Remapped-<name>`, hop-by-hop ones are
/// dropped.
pub(super) fn proxy_headers(headers: Vec<(String, String)>) -> Vec<(String, String)> {
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

/// The `errorMessage` of a Lambda function error document.
pub(super) fn lambda_error_message(payload: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| {
            v.get("errorMessage")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// The log lines of Lambda's answer: status, latency, the Invoke API's
/// response headers, the payload.
pub(super) fn log_lambda_response(
    log: &mut ExecutionLog,
    payload: &[u8],
    function_error: bool,
    latency_ms: u32,
    ids: &RequestIds,
    time: &crate::time::DateTime,
) {
    log.line(format!(
        "Received response. Status: 200, Integration latency: {latency_ms} ms"
    ));
    let lambda_id = ids.derived_id(1);
    let length = payload.len().to_string();
    let trace = ids.trace_id.replacen("Root=", "root=", 1) + ";sampled=0";
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(9);
    let date = time.http_date();
    headers.push(("Date", &date));
    headers.push(("Content-Type", "application/json"));
    headers.push(("Content-Length", &length));
    headers.push(("Connection", "keep-alive"));
    headers.push(("x-amzn-RequestId", &lambda_id));
    if function_error {
        headers.push(("X-Amz-Function-Error", "Unhandled"));
    }
    headers.push(("x-amzn-Remapped-Content-Length", "0"));
    headers.push(("X-Amz-Executed-Version", "$LATEST"));
    headers.push(("X-Amzn-Trace-Id", &trace));
    log.line(format!("Endpoint response headers: {}", java_map(headers)));
    log.line(format!(
        "Endpoint response body before transformations: {}",
        String::from_utf8_lossy(payload)
    ));
}

/// The log lines of an HTTP endpoint's (or AWS service's) answer.
pub(super) fn log_http_response(
    log: &mut ExecutionLog,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    latency_ms: u32,
) {
    log.line(format!(
        "Received response. Status: {status}, Integration latency: {latency_ms} ms"
    ));
    log.line(format!(
        "Endpoint response headers: {}",
        java_map(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    ));
    log.line(format!(
        "Endpoint response body before transformations: {}",
        String::from_utf8_lossy(body)
    ));
}
