//! One request's way through method execution: method request (routing,
//! validation), integration request, the call, integration response,
//! method response; and the gateway responses that end it early.

use std::collections::BTreeMap;

use super::gateway_response::{Customisation, Failure, ResponseType};
use super::integration_request::{self, Outgoing};
use super::integration_response::{self, Incoming};
use super::log::{self, ExecutionLog};
use super::{context, params, proxy_response, validation};
use super::{http_api, select_template, Call, CallResult, Gateway, QueryView, Scope, Step};
use crate::http::{HeaderList, Request, Response};
use crate::ids::RequestIds;
use crate::model::{ApiProtocol, Integration, IntegrationType, Method, DEFAULT_ROUTE};
use crate::router::Route;

/// The stage a request runs in: its name, its variables (canary overrides
/// applied) and whether the canary serves it.
pub(super) struct StageRun {
    pub name: String,
    pub variables: BTreeMap<String, String>,
    pub canary: bool,
}

/// What kind of answer a parked request waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Waiting {
    LambdaProxy,
    Lambda,
    HttpProxy,
    Http,
    Aws,
}

/// One request in flight.
pub(super) struct Exchange {
    pub request: Request,
    /// The path after the stage, as requested (`/pets/1/`).
    pub resource_path: String,
    pub query: Vec<(String, String)>,
    pub ids: RequestIds,
    pub route: Route,
    /// The method key on the resource (`GET`, or `ANY`).
    pub method_key: String,
    pub path_params: Vec<(String, String)>,
    pub stage: StageRun,
    pub log: Option<ExecutionLog>,
    pub waiting: Waiting,
    /// Whether a call went out whose failure answers with the trace id
    /// (every integration but MOCK and HTTP_PROXY).
    pub traced: bool,
    /// What the request template set in `$context.responseOverride`.
    pub response_override: integration_response::ResponseOverride,
}

impl Exchange {
    pub fn scope(&self) -> Scope<'_> {
        Scope {
            request: &self.request,
            ids: &self.ids,
            resource_path: &self.resource_path,
            resource: Some(self.route.resource),
            path_params: &self.path_params,
            stage: &self.stage.name,
            stage_variables: &self.stage.variables,
            canary: self.stage.canary,
            test: self.log.is_some(),
            query: QueryView::Parsed(&self.query),
            endpoint_request_id: None,
        }
    }

    fn line(&mut self, line: impl AsRef<str>) {
        if let Some(log) = self.log.as_mut() {
            log.line(line);
        }
    }

    /// The console's lines for a Lambda's answer, in a test.
    fn log_lambda_response(&mut self, payload: &[u8], function_error: bool, latency_ms: u32) {
        if let Some(log) = self.log.as_mut() {
            let time = crate::time::DateTime::from_epoch_ms(self.request.time_epoch_ms);
            integration_response::log_lambda_response(
                log,
                payload,
                function_error,
                latency_ms,
                &self.ids,
                &time,
            );
        }
    }
}

impl Gateway {
    pub(super) fn start(
        &mut self,
        request: Request,
        resource_path: String,
        ids: RequestIds,
        stage: StageRun,
        mut log: Option<ExecutionLog>,
    ) -> Step {
        let http = self.api.protocol == ApiProtocol::Http;
        let scope = Scope {
            request: &request,
            ids: &ids,
            resource_path: &resource_path,
            resource: None,
            path_params: &[],
            stage: &stage.name,
            stage_variables: &stage.variables,
            canary: stage.canary,
            test: log.is_some(),
            query: QueryView::Lazy(std::cell::OnceCell::new()),
            endpoint_request_id: None,
        };
        // An HTTP API with a CORS configuration answers preflights itself.
        if let Some(preflight) = self
            .api
            .cors
            .as_ref()
            .filter(|_| http)
            .and_then(|cors| http_api::preflight(cors, &scope))
        {
            let mut response = preflight;
            if let Some(log) = log.as_mut() {
                log.line("CORS preflight answered by the API's CORS configuration");
            }
            response.log = log.map(ExecutionLog::finish);
            return Step::Respond(response);
        }
        let routed = self
            .router
            .route(&self.api, &request.method, &resource_path)
            .map(|route| {
                let key = route.method_key(&request.method).to_string();
                (route, key)
            })
            .or_else(|| {
                // An HTTP API's `$default` route takes what no route does.
                let has_default = http && self.api.resources[0].methods.contains_key(DEFAULT_ROUTE);
                has_default.then(|| (Route::root(), DEFAULT_ROUTE.to_string()))
            });
        let Some((route, method_key)) = routed else {
            let mut response = if http {
                http_api::error_response(404, "Not Found", &scope)
            } else {
                self.gateway_response(
                    &Failure::new(ResponseType::MissingAuthenticationToken),
                    &scope,
                    None,
                )
            };
            if let Some(log) = log.as_mut() {
                log.line(format!(
                    "Missing Authentication Token for {} {resource_path}",
                    request.method
                ));
            }
            response.log = log.map(ExecutionLog::finish);
            return Step::Respond(response);
        };
        let path_params = route.path_params(&self.api, &resource_path);
        let query = crate::http::parse_query(&request.query);
        let exchange = Exchange {
            request,
            resource_path,
            query,
            ids,
            route,
            method_key,
            path_params,
            stage,
            log,
            waiting: Waiting::Http,
            traced: false,
            response_override: Default::default(),
        };
        self.integrate(exchange)
    }

    pub(super) fn method_of(&self, exchange: &Exchange) -> &Method {
        &self.api.resources[exchange.route.resource].methods[&exchange.method_key]
    }

    fn integrate(&mut self, mut exchange: Exchange) -> Step {
        if let Some(log) = exchange.log.as_mut() {
            let resource_path = &self.api.resources[exchange.route.resource].path;
            log.line(format!(
                "Starting execution for request: {}",
                exchange.ids.request_id
            ));
            log.line(format!(
                "HTTP Method: {}, Resource Path: {resource_path}",
                exchange.request.method
            ));
            integration_request::log_method_request(log, &exchange.request, &exchange.path_params);
        }
        if self.api.protocol == ApiProtocol::Http {
            return self.integrate_http(exchange);
        }
        let method = self.method_of(&exchange);
        match validation::check(self, method, &exchange.scope()) {
            Ok(None) => {}
            Ok(Some(line)) => exchange.line(line),
            Err((failure, line)) => return self.fail(exchange, failure, &line),
        }
        let Some(integration) = self.method_of(&exchange).integration.clone() else {
            return self.fail(
                exchange,
                Failure::new(ResponseType::ApiConfigurationError),
                "Execution failed due to configuration error: No integration defined for method",
            );
        };
        if integration.kind == IntegrationType::Mock {
            if let Some(example) = self.example_for(&exchange) {
                return self.preferred_example(exchange, example);
            }
        }
        let outgoing = integration_request::prepare(self, &exchange, &integration);
        match outgoing {
            Err((failure, line)) => self.fail(exchange, failure, &line),
            Ok(Outgoing::Mock { status, overrides }) => {
                exchange.response_override = overrides;
                let incoming = Incoming::mock(status);
                self.integration_response(exchange, &integration, incoming)
            }
            Ok(Outgoing::Call {
                target,
                waiting,
                log_lines,
                overrides,
            }) => {
                exchange.response_override = overrides;
                for line in log_lines {
                    exchange.line(line);
                }
                exchange.waiting = waiting;
                exchange.traced = waiting != Waiting::HttpProxy;
                let timeout_ms = integration.timeout_in_millis;
                let id = self.park(exchange);
                Step::Call(Call {
                    id,
                    timeout_ms,
                    target: *target,
                })
            }
        }
    }

    /// An HTTP API's integration request: a Lambda proxy (payload 1.0 or
    /// 2.0) or an HTTP proxy; no validation, no templates.
    fn integrate_http(&mut self, exchange: Exchange) -> Step {
        let method = self.method_of(&exchange);
        let Some(integration) = method.integration.clone() else {
            return self.fail(
                exchange,
                Failure::new(ResponseType::ApiConfigurationError),
                "Execution failed due to configuration error: No integration defined for route",
            );
        };
        let scope = exchange.scope();
        let uri = integration_request::substitute_stage_variables(
            integration.uri.as_deref().unwrap_or_default(),
            scope.stage_variables,
        );
        let default_route = exchange.method_key == DEFAULT_ROUTE;
        let resource_path = &self.api.resources[exchange.route.resource].path;
        let route_key = if default_route {
            DEFAULT_ROUTE.to_string()
        } else {
            format!("{} {resource_path}", exchange.method_key)
        };
        let (target, waiting, log_lines) = match integration.kind {
            IntegrationType::AwsProxy => {
                let Some(target) = integration_request::lambda_target(&uri, scope.stage_variables)
                else {
                    drop(scope);
                    return self.fail(
                        exchange,
                        Failure::new(ResponseType::ApiConfigurationError),
                        &format!("Execution failed due to configuration error: `{uri}` is not a Lambda function invocation URI"),
                    );
                };
                let (domain, prefix) = context::domain(self, &scope);
                let raw_path = if scope.stage == super::DEFAULT_STAGE {
                    exchange.resource_path.clone()
                } else {
                    format!("/{}{}", scope.stage, exchange.resource_path)
                };
                let source = http_api::EventSource {
                    scope: &scope,
                    route_key: &route_key,
                    resource_path: if default_route {
                        "/$default"
                    } else {
                        resource_path
                    },
                    raw_path: &raw_path,
                    api_id: &self.api.id,
                    account_id: &self.deployment.account_id,
                    domain_name: &domain,
                    domain_prefix: &prefix,
                };
                let payload = if integration.payload_format_version.as_deref() == Some("1.0") {
                    http_api::event_v1(&source)
                } else {
                    http_api::event_v2(&source)
                };
                let invoke = super::LambdaInvoke {
                    payload,
                    request_id: exchange.ids.derived_id(1),
                    ..target
                };
                let lines = integration_request::lambda_log_lines(
                    self,
                    &exchange,
                    &invoke,
                    &invoke.payload,
                );
                (super::Target::Lambda(invoke), Waiting::LambdaProxy, lines)
            }
            IntegrationType::HttpProxy => {
                let (url, headers) = http_api::proxy_request(
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
                    integration_request::endpoint_log_lines(
                        &url,
                        &headers,
                        &exchange.request.body,
                        16,
                    )
                } else {
                    Vec::new()
                };
                let call = super::HttpCall {
                    method,
                    url,
                    headers,
                    body: exchange.request.body.clone(),
                    connection_id: integration.connection_id.clone(),
                };
                (super::Target::Http(call), Waiting::HttpProxy, lines)
            }
            other => {
                drop(scope);
                return self.fail(
                    exchange,
                    Failure::new(ResponseType::ApiConfigurationError),
                    &format!("Execution failed due to configuration error: HTTP APIs integrate with Lambda (aws_proxy) and HTTP endpoints (http_proxy), not `{}`", other.as_str()),
                );
            }
        };
        drop(scope);
        let mut exchange = exchange;
        for line in log_lines {
            exchange.line(line);
        }
        exchange.waiting = waiting;
        let timeout_ms = integration.timeout_in_millis;
        let id = self.park(exchange);
        Step::Call(Call {
            id,
            timeout_ms,
            target,
        })
    }

    /// Prism's `Prefer: code=404, example=missing` on a MOCK method whose
    /// responses have examples: answers with the example (a Portico
    /// convenience for frontend work; API Gateway ignores the header).
    fn preferred_example(
        &mut self,
        mut exchange: Exchange,
        (status, content_type, body): (u16, String, String),
    ) -> Step {
        exchange.line(format!(
            "Prefer chose an example of the {status} response (a Portico convenience: API Gateway ignores Prefer)"
        ));
        let headers = vec![("Content-Type".to_string(), content_type)];
        self.method_response(exchange, status, headers, body.into_bytes(), None, false)
    }

    /// The example `Prefer` asks for: status, media type and body.
    fn example_for(&self, exchange: &Exchange) -> Option<(u16, String, String)> {
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
        let method = self.method_of(exchange);
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

    pub(super) fn integration_result(
        &mut self,
        mut exchange: Exchange,
        result: CallResult,
    ) -> Step {
        let integration = self
            .method_of(&exchange)
            .integration
            .clone()
            .expect("a call is only made for a method with an integration");
        let lambda = matches!(exchange.waiting, Waiting::Lambda | Waiting::LambdaProxy);
        if self.api.protocol == ApiProtocol::Http {
            return self.http_api_result(exchange, &integration, result);
        }
        match result {
            CallResult::Timeout => self.fail(
                exchange,
                Failure::new(ResponseType::IntegrationTimeout),
                "Execution failed due to a timeout error",
            ),
            CallResult::Failed { message } if lambda => self.fail(
                exchange,
                Failure::new(ResponseType::ApiConfigurationError),
                &format!("Execution failed due to configuration error: {message}"),
            ),
            CallResult::Failed { message } => self.fail(
                exchange,
                Failure::new(ResponseType::IntegrationFailure)
                    .with_message("Network error communicating with endpoint"),
                &format!("Execution failed due to a network error communicating with endpoint: {message}"),
            ),
            CallResult::Lambda {
                payload,
                function_error,
                latency_ms,
            } => {
                exchange.log_lambda_response(&payload, function_error, latency_ms);
                if exchange.waiting == Waiting::LambdaProxy {
                    return self.proxy_result(exchange, &payload, function_error);
                }
                let incoming = Incoming::lambda(payload, function_error);
                self.integration_response(exchange, &integration, incoming)
            }
            CallResult::Http {
                status,
                headers,
                body,
                latency_ms,
            } => {
                if let Some(log) = exchange.log.as_mut() {
                    integration_response::log_http_response(
                        log, status, &headers, &body, latency_ms,
                    );
                }
                if exchange.waiting == Waiting::HttpProxy {
                    return self.http_proxy_result(exchange, status, headers, body);
                }
                let incoming = Incoming::http(status, headers, body);
                self.integration_response(exchange, &integration, incoming)
            }
        }
    }

    /// An HTTP API's integration answer: a Lambda proxy's result read by its
    /// payload format, an HTTP proxy's response passed through; then the
    /// integration's response mappings.
    fn http_api_result(
        &mut self,
        mut exchange: Exchange,
        integration: &Integration,
        result: CallResult,
    ) -> Step {
        let (status, headers, body) = match result {
            CallResult::Timeout => {
                return self.fail(
                    exchange,
                    Failure::new(ResponseType::IntegrationTimeout),
                    "Execution failed due to a timeout error",
                )
            }
            CallResult::Failed { message } => {
                return self.fail(
                    exchange,
                    Failure::new(ResponseType::IntegrationFailure),
                    &format!("Execution failed due to an integration error: {message}"),
                )
            }
            CallResult::Lambda {
                payload,
                function_error,
                latency_ms,
            } => {
                exchange.log_lambda_response(&payload, function_error, latency_ms);
                if function_error {
                    let message = integration_response::lambda_error_message(&payload);
                    return self.fail(
                        exchange,
                        Failure::new(ResponseType::IntegrationFailure),
                        &format!(
                            "Lambda execution failed due to customer function error: {message}"
                        ),
                    );
                }
                let parsed = if integration.payload_format_version.as_deref() == Some("1.0") {
                    proxy_response::parse(&payload, &[], None).map(|mut r| {
                        if !r
                            .headers
                            .iter()
                            .any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
                        {
                            r.headers.insert(
                                0,
                                ("Content-Type".to_string(), "application/json".to_string()),
                            );
                        }
                        r
                    })
                } else {
                    http_api::parse_v2(&payload)
                };
                match parsed {
                    Ok(r) => (r.status, r.headers, r.body),
                    Err(()) => {
                        return self.fail(
                            exchange,
                            Failure::new(ResponseType::ApiConfigurationError),
                            "Execution failed due to configuration error: Malformed Lambda proxy response",
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
                    integration_response::log_http_response(
                        log, status, &headers, &body, latency_ms,
                    );
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
        let mut status = status;
        let mut headers = headers;
        http_api::map_response(
            &integration.http_response_parameters,
            &exchange.scope(),
            &mut status,
            &mut headers,
        );
        self.method_response(exchange, status, headers, body, None, true)
    }

    /// A Lambda proxy integration's answer: the function's response object
    /// is the method response.
    fn proxy_result(&mut self, exchange: Exchange, payload: &[u8], function_error: bool) -> Step {
        if function_error {
            let message = integration_response::lambda_error_message(payload);
            let line = format!(
                "Lambda execution failed with status 200 due to customer function error: {message}. Lambda request id: {}",
                exchange.ids.derived_id(1)
            );
            return self.fail(
                exchange,
                Failure::new(ResponseType::IntegrationFailure).with_status(502),
                &line,
            );
        }
        let accept = exchange.request.header("Accept").map(str::to_string);
        match proxy_response::parse(payload, &self.api.binary_media_types, accept.as_deref()) {
            Ok(parsed) => {
                let mut headers = integration_response::proxy_headers(parsed.headers);
                if !headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("Content-Type"))
                {
                    headers.insert(
                        0,
                        ("Content-Type".to_string(), "application/json".to_string()),
                    );
                }
                let trace = format!("{};Sampled=0", exchange.ids.trace_id);
                self.method_response(
                    exchange,
                    parsed.status,
                    headers,
                    parsed.body,
                    Some(trace),
                    true,
                )
            }
            Err(()) => self.fail(
                exchange,
                Failure::new(ResponseType::ApiConfigurationError).with_status(502),
                "Execution failed due to configuration error: Malformed Lambda proxy response",
            ),
        }
    }

    /// An HTTP proxy integration's answer passes through, less the headers
    /// API Gateway drops.
    fn http_proxy_result(
        &mut self,
        exchange: Exchange,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Step {
        let headers = integration_response::proxy_headers(headers);
        self.method_response(exchange, status, headers, body, None, true)
    }

    /// Integration response for the non-proxy integrations: pick the
    /// response by selection pattern, map the body and the headers.
    fn integration_response(
        &mut self,
        exchange: Exchange,
        integration: &Integration,
        incoming: Incoming,
    ) -> Step {
        match integration_response::map(self, &exchange, integration, &incoming) {
            Ok(mapped) => {
                let trace = (integration.kind != IntegrationType::Mock)
                    .then(|| format!("{};Sampled=0", exchange.ids.trace_id));
                self.method_response(
                    exchange,
                    mapped.status,
                    mapped.headers,
                    mapped.body,
                    trace,
                    false,
                )
            }
            Err((failure, line)) => self.fail(exchange, failure, &line),
        }
    }

    /// Sends the method response: the log's last lines, the headers every
    /// API Gateway response carries, no body for HEAD. The console lists a
    /// proxy's headers as the backend gave them, then the trace id; a
    /// mapped response's trace id first, then its headers.
    fn method_response(
        &mut self,
        mut exchange: Exchange,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        trace: Option<String>,
        proxy: bool,
    ) -> Step {
        let test = exchange.log.is_some();
        if test {
            let mut listed: Vec<(String, String)> = Vec::with_capacity(headers.len() + 1);
            let trace_pair = trace.clone().map(|t| ("X-Amzn-Trace-Id".to_string(), t));
            if !proxy {
                listed.extend(trace_pair.clone());
            }
            listed.extend(headers);
            if proxy {
                listed.extend(trace_pair);
            }
            if let Some(log) = exchange.log.as_mut() {
                log.line(format!(
                    "Method response body after transformations: {}",
                    String::from_utf8_lossy(&body)
                ));
                log.line(format!(
                    "Method response headers: {}",
                    log::java_map(listed.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                ));
                log.line("Successfully completed execution");
                log.line(format!("Method completed with status: {status}"));
            }
            return Step::Respond(Response {
                status,
                headers: listed,
                body,
                log: exchange.log.take().map(ExecutionLog::finish),
            });
        }
        let mut headers = headers;
        if self.api.protocol == ApiProtocol::Http {
            return Step::Respond(self.http_api_response(&exchange, status, headers, body));
        }
        let mut out = Vec::with_capacity(headers.len() + 6);
        let date = crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms).http_date();
        out.push(("Date".to_string(), date));
        out.extend(headers.take("Content-Type"));
        out.push(("Content-Length".to_string(), body.len().to_string()));
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
        let body = if exchange.request.method == "HEAD" {
            Vec::new()
        } else {
            body
        };
        Step::Respond(Response {
            status,
            headers: out,
            body,
            log: None,
        })
    }

    /// An HTTP API's response: `Date`, `Content-Type`, `Content-Length`, the
    /// integration's headers (CORS ones replaced by the API's CORS
    /// configuration), `apigw-requestid` last.
    fn http_api_response(
        &self,
        exchange: &Exchange,
        status: u16,
        mut headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Response {
        if let Some(cors) = &self.api.cors {
            http_api::decorate(cors, exchange.request.header("Origin"), &mut headers);
        }
        let mut out = Vec::with_capacity(headers.len() + 4);
        let date = crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms).http_date();
        out.push(("Date".to_string(), date));
        out.extend(headers.take("Content-Type"));
        out.push(("Content-Length".to_string(), body.len().to_string()));
        out.extend(headers);
        out.push((
            "apigw-requestid".to_string(),
            exchange.ids.extended_request_id.clone(),
        ));
        let body = if exchange.request.method == "HEAD" {
            Vec::new()
        } else {
            body
        };
        Response {
            status,
            headers: out,
            body,
            log: None,
        }
    }

    /// Ends a request with a gateway response, logging why.
    pub(super) fn fail(
        &mut self,
        mut exchange: Exchange,
        failure: Failure,
        log_line: &str,
    ) -> Step {
        // The console shows only the error type of a gateway response.
        let trace = (exchange.traced && exchange.log.is_none())
            .then(|| format!("{};Sampled=0", exchange.ids.trace_id));
        let mut response = if self.api.protocol == ApiProtocol::Http {
            // HTTP APIs have no gateway responses: a timeout is 503, the rest 500.
            let (status, message) = match failure.kind {
                ResponseType::IntegrationTimeout => (503, "Service Unavailable"),
                _ => (500, "Internal Server Error"),
            };
            http_api::error_response(status, message, &exchange.scope())
        } else {
            self.gateway_response(&failure, &exchange.scope(), trace)
        };
        if let Some(log) = exchange.log.as_mut() {
            log.line(log_line);
            log.line(format!("Method completed with status: {}", response.status));
        }
        response.log = exchange.log.take().map(ExecutionLog::finish);
        Step::Respond(response)
    }

    /// Renders a mapping template for a request, with `$input` over `body`.
    /// `Ok` has the output and `$context` as the template left it (its
    /// `requestOverride` / `responseOverride`); `Err` the log line.
    pub(super) fn render(
        &self,
        template: &crate::vtl::Template,
        scope: &Scope<'_>,
        error: Option<&Failure>,
        body: String,
    ) -> Result<(String, crate::vtl::Value), String> {
        let input = crate::vtl::apigw::Input {
            body,
            path: scope.path_params.to_vec(),
            querystring: scope.query().to_vec(),
            header: scope.request.headers.clone(),
        };
        let context = context::value(self, scope, error);
        let mut vars = crate::vtl::apigw::variables(input, context.clone(), scope.stage_variables);
        let out = self
            .templates
            .engine
            .render(template, &mut vars)
            .map_err(|e| {
                format!(
                    "Execution failed due to configuration error: the mapping template failed: {e}"
                )
            })?;
        Ok((out, context))
    }

    /// The gateway response for a failure, as the API customised it: the
    /// type's own configuration, else DEFAULT_4XX / DEFAULT_5XX, else AWS's
    /// default. A test invocation shows only the error type and the
    /// customised headers, as the console does. `trace` is the X-Ray
    /// header of a failure after the integration was called.
    pub(super) fn gateway_response(
        &self,
        failure: &Failure,
        scope: &Scope<'_>,
        trace: Option<String>,
    ) -> Response {
        let custom = Customisation::lookup(&self.api.gateway_responses, failure.kind);
        let status = custom.status(failure);
        let mut body = failure.default_body();
        let mut extra = Vec::new();
        if let Some(config) = custom.effective() {
            body = format!("{{\"message\":{}}}", failure.message_string());
            let accept = scope.request.header("Accept");
            if let Some(key) = select_template(config.response_templates.keys(), accept) {
                let template = self
                    .templates
                    .gateway
                    .get(custom.source)
                    .and_then(|t| t.get(key))
                    .expect("every gateway response template is compiled");
                let input = String::from_utf8_lossy(&scope.request.body).into_owned();
                if let Ok((out, _)) = self.render(template, scope, Some(failure), input) {
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
                        .get_or_insert_with(|| context::value(self, scope, Some(failure)))
                        .clone()
                });
                if let Some(value) = value {
                    extra.push((name.to_string(), value));
                }
            }
        }
        let mut headers = Vec::with_capacity(extra.len() + 6);
        if !scope.test {
            let date =
                crate::time::DateTime::from_epoch_ms(scope.request.time_epoch_ms).http_date();
            headers.push(("Date".to_string(), date));
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
            headers.push(("Content-Length".to_string(), body.len().to_string()));
            headers.push(("x-amzn-RequestId".to_string(), scope.ids.request_id.clone()));
        }
        headers.push((
            "x-amzn-ErrorType".to_string(),
            failure.error_type().to_string(),
        ));
        for (name, value) in extra {
            match headers
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(&name))
            {
                Some(slot) => slot.1 = value,
                None => headers.push((name, value)),
            }
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
        let body = if scope.request.method == "HEAD" && !scope.test {
            Vec::new()
        } else {
            body.into_bytes()
        };
        Response {
            status,
            headers,
            body,
            log: None,
        }
    }
}
