//! Gateway responses: the answers API Gateway gives on its own behalf,
//! as the API customised them (the type's own configuration, else
//! DEFAULT_4XX / DEFAULT_5XX, else AWS's default: a status, header
//! mappings and body templates).

use crate::http::{HeaderList, Request, Response};
use crate::ids::RequestIds;
use crate::model::GatewayResponse;
use crate::pipeline::context;
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::RequestScope;
use crate::pipeline::failure::{Failure, ResponseType};
use crate::pipeline::params;
use crate::pipeline::render::{render, select_template};
use crate::pipeline::respond::{body_unless_head, leading_headers};

/// The gateway response for a failure, as the API customised it. A test
/// invocation shows only the error type and the customised headers, as the
/// console does. `trace` is the X-Ray header of a failure after the
/// integration was called.
pub(crate) fn send(
    deployed: &Deployed,
    failure: &Failure,
    scope: &RequestScope<'_>,
    trace: Option<String>,
) -> Response {
    let custom = Customisation::lookup(&deployed.api.gateway_responses, failure.kind);
    let status = custom.status(failure);
    let mut body = failure.default_body();
    let mut extra = Vec::new();
    if let Some(config) = custom.effective() {
        body = format!("{{\"message\":{}}}", failure.message_string());
        let accept = scope.request.header("Accept");
        if let Some(key) = select_template(config.response_templates.keys(), accept) {
            let template = deployed
                .templates
                .gateway
                .get(&custom.source)
                .and_then(|t| t.get(key))
                .expect("every gateway response template is compiled");
            let input = String::from_utf8_lossy(&scope.request.body).into_owned();
            if let Ok((out, _)) = render(deployed, template, scope, Some(failure), input) {
                body = out;
            }
        }
        let mut context = None;
        for (target, expression) in &config.response_parameters {
            let Some(name) = target.strip_prefix("gatewayresponse.header.") else {
                continue;
            };
            let value = params::Source::parse(expression).resolve(scope, || {
                context
                    .get_or_insert_with(|| context::value(deployed, scope, Some(failure)))
                    .clone()
            });
            if let Some(value) = value {
                extra.push((name.to_string(), value));
            }
        }
    }
    let mut headers = if scope.test {
        Vec::with_capacity(extra.len() + 2)
    } else {
        let content_type = ("Content-Type".to_string(), "application/json".to_string());
        let mut headers =
            leading_headers(scope.request.time_epoch_ms, Some(content_type), body.len());
        headers.push(("x-amzn-RequestId".to_string(), scope.ids.request_id.clone()));
        headers
    };
    headers.push((
        "x-amzn-ErrorType".to_string(),
        failure.error_type().to_string(),
    ));
    for (name, value) in extra {
        headers.set(&name, value);
    }
    if !scope.test {
        headers.push((
            "x-amz-apigw-id".to_string(),
            scope.ids.extended_request_id.clone(),
        ));
    }
    if let Some(trace) = trace {
        headers.push(("X-Amzn-Trace-Id".to_string(), trace));
    }
    let body = if scope.test {
        body.into_bytes()
    } else {
        body_unless_head(&scope.request.method, body.into_bytes())
    };
    Response {
        status,
        headers,
        body,
        log: None,
    }
}

/// The answer for a path whose first segment is no stage of the API:
/// nothing is deployed there, so no gateway response applies.
pub(crate) fn unknown_stage(request: &Request, ids: &RequestIds) -> Response {
    let body = br#"{"message":"Forbidden"}"#.to_vec();
    let content_type = ("Content-Type".to_string(), "application/json".to_string());
    let mut headers = leading_headers(request.time_epoch_ms, Some(content_type), body.len());
    headers.extend([
        ("x-amzn-RequestId".to_string(), ids.request_id.clone()),
        (
            "x-amzn-ErrorType".to_string(),
            "ForbiddenException".to_string(),
        ),
        (
            "x-amz-apigw-id".to_string(),
            ids.extended_request_id.clone(),
        ),
    ]);
    Response {
        status: 403,
        headers,
        body,
        log: None,
    }
}

/// The customisation that applies to a type: its own, else its family's.
struct Customisation<'a> {
    /// The type's own configuration, if the user gave one.
    pub own: Option<&'a GatewayResponse>,
    /// DEFAULT_4XX or DEFAULT_5XX, if the user gave one.
    pub family: Option<&'a GatewayResponse>,
    /// The type whose configuration supplies headers and templates.
    pub source: ResponseType,
}

impl<'a> Customisation<'a> {
    pub fn lookup(
        responses: &'a std::collections::BTreeMap<ResponseType, GatewayResponse>,
        kind: ResponseType,
    ) -> Customisation<'a> {
        let own = responses.get(&kind);
        let family = responses.get(&kind.family());
        Customisation {
            own,
            family,
            source: if own.is_some() { kind } else { kind.family() },
        }
    }

    /// The configuration whose headers and templates apply.
    pub fn effective(&self) -> Option<&'a GatewayResponse> {
        self.own.or(self.family)
    }

    /// The status: the type's own setting, else its family's, else the
    /// failure's.
    pub fn status(&self, failure: &Failure) -> u16 {
        let configured = |r: Option<&GatewayResponse>| {
            r.and_then(|r| r.status_code.as_deref())
                .and_then(|s| s.parse::<u16>().ok())
        };
        configured(self.own)
            .or_else(|| configured(self.family))
            .or(failure.status)
            .unwrap_or_else(|| failure.kind.default_status())
    }
}
