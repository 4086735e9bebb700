//! An HTTP API's integration: a Lambda proxy (payload format 1.0 or 2.0),
//! an HTTP proxy or an AWS service (`service.rs`), without validation or
//! templates; and the answer, changed by the integration's response mappings.

use super::{mapping, service};
use crate::http::HeaderList;
use crate::model::{Integration, IntegrationType, DEFAULT_ROUTE};
use crate::pipeline::context;
use crate::pipeline::deployed::{Deployed, DEFAULT_STAGE};
use crate::pipeline::exchange::{
    Answer, Exchange, Next, Origin, Outgoing, ResponseOverride, Waiting,
};
use crate::pipeline::failure::{Abort, Failure, ResponseType};
use crate::pipeline::lambda::{self, EventInput, HttpRoute};
use crate::pipeline::log::{endpoint_request_lines, log_http_response};
use crate::pipeline::params::substitute_stage_variables;
use crate::pipeline::step::{CallResult, HttpCall, LambdaInvoke, Target};

/// The route's integration as a call for the host.
pub(crate) fn integrate(deployed: &Deployed, exchange: &Exchange) -> Next {
    let method = deployed.method_of(exchange);
    let Some(integration) = &method.integration else {
        return Next::Fail(Abort::configuration(
            "Execution failed due to configuration error: No integration defined for route",
        ));
    };
    let scope = exchange.scope();
    let uri = substitute_stage_variables(
        integration.uri.as_deref().unwrap_or_default(),
        scope.stage_variables,
    );
    let default_route = exchange.method_key == DEFAULT_ROUTE;
    if let Some(subtype) = &integration.integration_subtype {
        return match service::service_call(deployed, exchange, integration, subtype) {
            Ok((target, waiting, log_lines)) => Next::Call(Box::new(Outgoing {
                target,
                waiting,
                timeout_ms: integration.timeout_in_millis,
                log_lines,
                overrides: ResponseOverride::default(),
            })),
            Err(abort) => Next::Fail(abort),
        };
    }
    let (target, waiting, log_lines) = match integration.kind {
        IntegrationType::AwsProxy => {
            let function = match lambda::function_for(&uri, scope.stage_variables) {
                Ok(function) => function,
                Err(abort) => return Next::Fail(abort),
            };
            let resource_path = &deployed.api.resources[exchange.route.resource].path;
            let route_key = if default_route {
                DEFAULT_ROUTE.to_string()
            } else {
                format!("{} {resource_path}", exchange.method_key)
            };
            let raw_path = if scope.stage == DEFAULT_STAGE {
                exchange.resource_path.clone()
            } else {
                format!("/{}{}", scope.stage, exchange.resource_path)
            };
            let (domain_name, domain_prefix) = context::domain(deployed, &scope);
            let input = EventInput {
                scope: &scope,
                api_id: &deployed.api.id,
                account_id: &deployed.deployment.account_id,
                domain_name: &domain_name,
                domain_prefix: &domain_prefix,
            };
            let route = HttpRoute {
                route_key: &route_key,
                resource_path: if default_route {
                    "/$default"
                } else {
                    resource_path
                },
                raw_path: &raw_path,
            };
            let payload = if payload_format_1(integration) {
                lambda::http_api_event_v1(&input, &route)
            } else {
                lambda::http_api_event_v2(&input, &route)
            };
            let lines = lambda::invocation_log_lines(deployed, exchange, &function, &payload);
            let invoke = LambdaInvoke {
                payload,
                request_id: exchange.ids.derived_id(1),
                ..function
            };
            (Target::Lambda(invoke), Waiting::LambdaProxy, lines)
        }
        IntegrationType::HttpProxy => {
            let (url, headers) = mapping::proxy_request(
                &uri,
                &scope,
                default_route,
                &integration.request_parameters,
            );
            let method = match integration.http_method.as_deref() {
                Some("ANY") | None => exchange.request.method.clone(),
                Some(m) => m.to_string(),
            };
            let lines = if exchange.log.is_some() {
                endpoint_request_lines(&url, &headers, &exchange.request.body, 16)
            } else {
                Vec::new()
            };
            let call = HttpCall {
                method,
                url,
                headers,
                body: exchange.request.body.clone(),
                connection_id: integration.connection_id.clone(),
            };
            (Target::Http(call), Waiting::HttpProxy, lines)
        }
        other => {
            return Next::Fail(Abort::configuration(format!(
                "Execution failed due to configuration error: HTTP APIs integrate with Lambda (aws_proxy) and HTTP endpoints (http_proxy), not `{}`",
                other.as_str()
            )));
        }
    };
    Next::Call(Box::new(Outgoing {
        target,
        waiting,
        timeout_ms: integration.timeout_in_millis,
        log_lines,
        overrides: ResponseOverride::default(),
    }))
}

/// Whether a Lambda integration speaks payload format 1.0 (else 2.0).
fn payload_format_1(integration: &Integration) -> bool {
    integration.payload_format_version.as_deref() == Some("1.0")
}

/// The integration's answer: a Lambda proxy's result read by its payload
/// format, an HTTP proxy's response passed through; then the integration's
/// response mappings.
pub(crate) fn on_result(deployed: &Deployed, exchange: &mut Exchange, result: CallResult) -> Next {
    let integration = deployed
        .method_of(exchange)
        .integration
        .clone()
        .expect("a call is only made for a route with an integration");
    let (mut status, mut headers, body) = match result {
        CallResult::Timeout => {
            return Next::Fail(Abort::new(
                Failure::new(ResponseType::IntegrationTimeout),
                "Execution failed due to a timeout error",
            ))
        }
        CallResult::Failed { message } => {
            return Next::Fail(Abort::new(
                Failure::new(ResponseType::IntegrationFailure),
                format!("Execution failed due to an integration error: {message}"),
            ))
        }
        CallResult::Lambda {
            payload,
            function_error,
            latency_ms,
        } => {
            lambda::log_response(exchange, &payload, function_error, latency_ms);
            if function_error {
                let message = lambda::error_message(&payload);
                return Next::Fail(Abort::new(
                    Failure::new(ResponseType::IntegrationFailure),
                    format!("Lambda execution failed due to customer function error: {message}"),
                ));
            }
            let parsed = if payload_format_1(&integration) {
                lambda::parse_v1(&payload, &[], None).map(|mut r| {
                    if !r.headers.has("Content-Type") {
                        r.headers.insert(
                            0,
                            ("Content-Type".to_string(), "application/json".to_string()),
                        );
                    }
                    r
                })
            } else {
                lambda::parse_v2(&payload)
            };
            match parsed {
                Ok(r) => (r.status, r.headers, r.body),
                Err(lambda::Malformed(reason)) => {
                    return Next::Fail(
                        Abort::configuration(
                            "Execution failed due to configuration error: Malformed Lambda proxy response",
                        )
                        .with_detail(format!("Malformed Lambda proxy response: {reason}")),
                    )
                }
            }
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
            let headers = headers
                .into_iter()
                .filter(|(n, _)| {
                    !["Connection", "Content-Length", "Date", "Transfer-Encoding"]
                        .iter()
                        .any(|d| d.eq_ignore_ascii_case(n))
                })
                .collect();
            (status, headers, body)
        }
    };
    mapping::map_response(
        &integration.http_response_parameters,
        &exchange.scope(),
        &mut status,
        &mut headers,
    );
    Next::Respond(Answer {
        status,
        headers,
        body,
        trace: None,
        origin: Origin::Proxy,
    })
}
