//! Method execution as a sans-IO state machine: [`Gateway::begin`] takes a
//! request and returns a [`Step`]; a [`Step::Call`] asks the host to invoke
//! a backend, and [`Gateway::resume`] continues with its result.

mod context;
mod gateway_response;
mod integration_request;
mod integration_response;
mod log;
pub(crate) mod models;
mod params;
mod templates;
mod validation;

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, ErrorKind};
use crate::http::Request;
use crate::ids::RequestIds;
use crate::model::{IntegrationType, RestApi, Stage};
use crate::openapi::{self, ImportOptions, Warning};
use crate::router::{Route, Router};

pub use crate::http::Response;
use gateway_response::{Customisation, Failure, ResponseType};
use log::ExecutionLog;

/// How a gateway is deployed: the stage, its variables and the account.
/// What is left `None` comes from the document (an export's stage, API id
/// and region), else from the defaults (`dev`, `a1b2c3d4e5`, `us-east-1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The stage name, the first path segment.
    pub stage: Option<String>,
    /// Stage variables (`$stageVariables`, `${stageVariables.x}`).
    pub stage_variables: BTreeMap<String, String>,
    /// The API id.
    pub api_id: Option<String>,
    /// The AWS region.
    pub region: Option<String>,
    /// The AWS account id (`123456789012`).
    pub account_id: String,
    /// Refuse a definition whose import has warnings.
    pub fail_on_warnings: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            stage: None,
            stage_variables: BTreeMap::new(),
            api_id: None,
            region: None,
            account_id: "123456789012".to_string(),
            fail_on_warnings: false,
        }
    }
}

/// The stage a gateway serves, resolved from the options and the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Deployment {
    pub stage: Stage,
    pub region: String,
    pub account_id: String,
}

/// Identifies one pending [`Call`] of one request.
pub type CallId = u64;

/// What the gateway needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The request is done: send this response.
    Respond(Response),
    /// Perform this call and pass its result to [`Gateway::resume`].
    Call(Call),
}

/// A backend invocation the host performs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Pass this to [`Gateway::resume`] with the result.
    pub id: CallId,
    /// Abort after this many milliseconds and resume with [`CallResult::Timeout`].
    pub timeout_ms: u32,
    /// What to invoke.
    pub target: Target,
}

/// The backend of a [`Call`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Invoke a Lambda function (the Lambda `Invoke` API, synchronous).
    Lambda(LambdaInvoke),
}

/// A synchronous Lambda invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LambdaInvoke {
    /// The function name (`API_test`).
    pub function_name: String,
    /// The full function ARN, qualifier included when there is one.
    pub function_arn: String,
    /// The alias or version after the name, if any.
    pub qualifier: Option<String>,
    /// The region in the function ARN.
    pub region: String,
    /// The event, as the JSON bytes Lambda receives.
    pub payload: Vec<u8>,
}

/// The outcome of a [`Call`], as the host observed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallResult {
    /// Lambda answered. A function error (the handler threw) is still an answer.
    Lambda {
        /// The response payload: the handler's result, or the error document
        /// (`{"errorType","errorMessage","trace"}`) on a function error.
        payload: Vec<u8>,
        /// Whether the payload is a function error (`X-Amz-Function-Error`).
        function_error: bool,
        /// How long the invocation took, for the execution log.
        latency_ms: u32,
    },
    /// The call did not finish within [`Call::timeout_ms`].
    Timeout,
    /// The call could not be made (the function does not exist, the network failed).
    Failed {
        /// What went wrong, for the execution log.
        message: String,
    },
}

/// The resource and method a request is routed to ([`Gateway::route`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch<'a> {
    /// The resource id.
    pub resource_id: &'a str,
    /// The resource path (`/pets/{petId}`).
    pub resource_path: &'a str,
    /// The method key that serves the request (`GET`, or `ANY`).
    pub method: &'a str,
    /// Path parameters, raw (not URL-decoded).
    pub path_parameters: Vec<(String, String)>,
}

/// A request for the console's Test button (TestInvokeMethod): a resource
/// path without the stage, and optional stage variables for this call only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestInvoke {
    /// The request; its `path` is the resource path with values (`/pets/1`).
    pub request: Request,
    /// Stage variables for this invocation; the gateway's own when `None`.
    pub stage_variables: Option<BTreeMap<String, String>>,
}

/// A REST API deployed to a stage, handling requests without doing I/O.
pub struct Gateway {
    api: RestApi,
    router: Router,
    templates: templates::Templates,
    models: models::Models,
    deployment: Deployment,
    warnings: Vec<Warning>,
    pending: HashMap<CallId, Exchange>,
    next_call: CallId,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("api", &self.api.name)
            .field("stage", &self.deployment.stage.name)
            .field("pending_calls", &self.pending.len())
            .finish()
    }
}

/// One request in flight.
struct Exchange {
    request: Request,
    /// The path after the stage, as requested (`/pets/1/`).
    resource_path: String,
    ids: RequestIds,
    route: Route,
    /// The method key on the resource (`GET`, or `ANY`).
    method_key: String,
    path_params: Vec<(String, String)>,
    stage_variables: BTreeMap<String, String>,
    log: Option<ExecutionLog>,
}

impl Exchange {
    fn scope(&self) -> Scope<'_> {
        Scope::new(
            &self.request,
            &self.ids,
            &self.resource_path,
            Some(self.route.resource),
            &self.path_params,
            &self.stage_variables,
        )
    }
}

/// What a request is known to be at some point of its execution: enough to
/// build `$context`, resolve parameter mappings and render gateway responses.
pub(crate) struct Scope<'a> {
    pub request: &'a Request,
    pub ids: &'a RequestIds,
    /// The path after the stage, as requested.
    pub resource_path: &'a str,
    /// The resource the request was routed to, if it was.
    pub resource: Option<usize>,
    pub path_params: &'a [(String, String)],
    pub stage_variables: &'a BTreeMap<String, String>,
    query: std::cell::OnceCell<Vec<(String, String)>>,
}

impl<'a> Scope<'a> {
    fn new(
        request: &'a Request,
        ids: &'a RequestIds,
        resource_path: &'a str,
        resource: Option<usize>,
        path_params: &'a [(String, String)],
        stage_variables: &'a BTreeMap<String, String>,
    ) -> Scope<'a> {
        Scope {
            request,
            ids,
            resource_path,
            resource,
            path_params,
            stage_variables,
            query: std::cell::OnceCell::new(),
        }
    }

    /// The query string's parameters, decoded, in order.
    pub fn query(&self) -> &[(String, String)] {
        self.query
            .get_or_init(|| crate::http::parse_query(&self.request.query))
    }
}

impl Gateway {
    /// Imports a definition (OpenAPI 3.0 JSON text) and deploys it to a stage.
    ///
    /// # Errors
    ///
    /// A definition that does not import; the error names the JSON pointer.
    ///
    /// ```
    /// use portico::{Gateway, Options, Request, Step};
    /// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{"/":{"get":{
    ///   "responses":{"200":{"description":"ok"}},
    ///   "x-amazon-apigateway-integration":{"type":"mock","responses":{"default":{"statusCode":"200"}}}}}}}"#;
    /// let mut gateway = Gateway::from_definition(doc, Options::default())?;
    /// let Step::Respond(response) = gateway.begin(Request::new("GET", "/dev/")) else { unreachable!() };
    /// assert_eq!(response.status, 200);
    /// # Ok::<(), portico::Error>(())
    /// ```
    pub fn from_definition(text: &str, options: Options) -> Result<Gateway, Error> {
        let import_options = ImportOptions {
            api_id: options.api_id.clone(),
            region: options.region.clone(),
            account_id: options.account_id.clone(),
            fail_on_warnings: options.fail_on_warnings,
        };
        let imported = openapi::import(text, &import_options)?;
        Gateway::with_warnings(imported.api, options, imported.warnings)
    }

    /// Deploys an API model to a stage.
    ///
    /// # Errors
    ///
    /// A mapping template that does not parse; the error names the method,
    /// the content type, and the line and column.
    pub fn new(api: RestApi, options: Options) -> Result<Gateway, Error> {
        Gateway::with_warnings(api, options, Vec::new())
    }

    fn with_warnings(
        api: RestApi,
        options: Options,
        warnings: Vec<Warning>,
    ) -> Result<Gateway, Error> {
        let hint = &api.deployment;
        let deployment = Deployment {
            stage: Stage {
                name: options
                    .stage
                    .or_else(|| hint.stage.clone())
                    .unwrap_or_else(|| "dev".to_string()),
                variables: options.stage_variables,
            },
            region: options
                .region
                .or_else(|| hint.region.clone())
                .unwrap_or_else(|| "us-east-1".to_string()),
            account_id: options.account_id,
        };
        Ok(Gateway {
            router: Router::new(&api),
            templates: templates::Templates::compile(&api)?,
            models: models::Models::compile(&api).map_err(models::ModelError::into_error)?,
            api,
            deployment,
            warnings,
            pending: HashMap::new(),
            next_call: 1,
        })
    }

    /// Which resource and method API Gateway would run for a request, if any.
    /// `path` starts with the stage, as in [`Gateway::begin`].
    ///
    /// ```
    /// use portico::{Gateway, Options};
    /// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{"/pets/{id}":{"get":{
    ///   "x-amazon-apigateway-integration":{"type":"mock"}}}}}"#;
    /// let gateway = Gateway::from_definition(doc, Options::default())?;
    /// let hit = gateway.route("GET", "/dev/pets/7").unwrap();
    /// assert_eq!((hit.resource_path, hit.method), ("/pets/{id}", "GET"));
    /// assert_eq!(hit.path_parameters, vec![("id".to_string(), "7".to_string())]);
    /// assert!(gateway.route("POST", "/dev/pets/7").is_none());
    /// # Ok::<(), portico::Error>(())
    /// ```
    pub fn route(&self, method: &str, path: &str) -> Option<RouteMatch<'_>> {
        let resource_path = strip_stage(path, &self.deployment.stage.name)?;
        let route = self.router.route(&self.api, method, resource_path)?;
        let resource = &self.api.resources[route.resource];
        let (key, _) = resource.methods.get_key_value(route.method_key(method))?;
        Some(RouteMatch {
            resource_id: &resource.id,
            resource_path: &resource.path,
            method: key,
            path_parameters: route.path_params(&self.api, resource_path),
        })
    }

    /// [`Gateway::route`] without allocating names: the resource index,
    /// whether `ANY` serves the request, and the UTF-16 ranges of the path
    /// parameter values in `path` (for the JS harness, which knows the names).
    /// [`Gateway::route`] without allocating: appends to `out` the resource
    /// index, 1 if `ANY` serves the request, and the UTF-16 ranges of the path
    /// parameter values in `path` (for the JS harness, which knows the names).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn locate(&self, method: &str, path: &str, out: &mut Vec<u32>) -> bool {
        let Some(resource_path) = strip_stage(path, &self.deployment.stage.name) else {
            return false;
        };
        let Some(route) = self.router.route(&self.api, method, resource_path) else {
            return false;
        };
        let offset = path.len() - resource_path.len();
        let ascii = path.is_ascii();
        let utf16 = |byte: usize| -> u32 {
            let byte = byte + offset;
            if ascii {
                byte as u32
            } else {
                path[..byte].encode_utf16().count() as u32
            }
        };
        out.push(route.resource as u32);
        out.push(u32::from(route.any));
        for &(start, end) in route.spans.as_slice() {
            out.push(utf16(start));
            out.push(utf16(end));
        }
        true
    }

    /// The region the gateway is deployed in.
    pub fn region(&self) -> &str {
        &self.deployment.region
    }

    /// The stage this gateway serves (the first path segment).
    pub fn stage(&self) -> &str {
        &self.deployment.stage.name
    }

    /// The deployed API.
    pub fn api(&self) -> &RestApi {
        &self.api
    }

    /// What the import accepted with a caveat.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// How many requests are waiting for a [`Call`] result.
    pub fn pending_calls(&self) -> usize {
        self.pending.len()
    }

    /// Starts handling a request whose path begins with the stage.
    pub fn begin(&mut self, request: Request) -> Step {
        let ids = RequestIds::derive(request.seed, request.time_epoch_ms);
        let Some(resource_path) =
            strip_stage(&request.path, &self.deployment.stage.name).map(str::to_string)
        else {
            return Step::Respond(self.unknown_stage(&request, &ids));
        };
        let stage_variables = self.deployment.stage.variables.clone();
        self.start(request, resource_path, ids, stage_variables, None)
    }

    /// Starts a console test invocation: no stage in the path, an execution
    /// log in the response.
    pub fn begin_test(&mut self, test: TestInvoke) -> Step {
        let request = test.request;
        let ids = RequestIds::derive(request.seed, request.time_epoch_ms);
        let stage_variables = test
            .stage_variables
            .unwrap_or_else(|| self.deployment.stage.variables.clone());
        let log = ExecutionLog::new(&ids.request_id, request.time_epoch_ms);
        let path = request.path.clone();
        self.start(request, path, ids, stage_variables, Some(log))
    }

    fn start(
        &mut self,
        request: Request,
        resource_path: String,
        ids: RequestIds,
        stage_variables: BTreeMap<String, String>,
        mut log: Option<ExecutionLog>,
    ) -> Step {
        let Some(route) = self
            .router
            .route(&self.api, &request.method, &resource_path)
        else {
            let scope = Scope::new(&request, &ids, &resource_path, None, &[], &stage_variables);
            let mut response = self.gateway_response(
                &Failure::new(ResponseType::MissingAuthenticationToken),
                &scope,
                log.is_some(),
            );
            if let Some(log) = log.as_mut() {
                log.line(format!(
                    "Missing Authentication Token for {} {resource_path}",
                    request.method
                ));
            }
            response.log = log.map(ExecutionLog::finish);
            return Step::Respond(response);
        };
        let method_key = route.method_key(&request.method).to_string();
        let path_params = route.path_params(&self.api, &resource_path);
        let exchange = Exchange {
            request,
            resource_path,
            ids,
            route,
            method_key,
            path_params,
            stage_variables,
            log,
        };
        self.integrate(exchange)
    }

    /// Continues a request with the result of its [`Call`].
    ///
    /// # Errors
    ///
    /// An id that is not pending (already resumed, or never issued).
    pub fn resume(&mut self, id: CallId, result: CallResult) -> Result<Step, Error> {
        let exchange = self.pending.remove(&id).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidCall,
                format!("call {id} is not pending: resume each call exactly once"),
            )
        })?;
        Ok(self.integration_result(exchange, result))
    }

    fn park(&mut self, exchange: Exchange) -> CallId {
        let id = self.next_call;
        self.next_call += 1;
        self.pending.insert(id, exchange);
        id
    }

    fn method_of(&self, exchange: &Exchange) -> &crate::model::Method {
        &self.api.resources[exchange.route.resource].methods[&exchange.method_key]
    }

    fn integrate(&mut self, mut exchange: Exchange) -> Step {
        let method = self.method_of(&exchange);
        let resource_path = self.api.resources[exchange.route.resource].path.clone();
        if let Some(log) = exchange.log.as_mut() {
            log.line(format!(
                "Starting execution for request: {}",
                exchange.ids.request_id
            ));
            log.line(format!(
                "HTTP Method: {}, Resource Path: {}",
                exchange.request.method, resource_path
            ));
            integration_request::log_method_request(log, &exchange.request, &exchange.path_params);
        }
        match validation::check(self, method, &exchange.scope()) {
            Ok(None) => {}
            Ok(Some(line)) => {
                if let Some(log) = exchange.log.as_mut() {
                    log.line(line);
                }
            }
            Err((failure, line)) => return self.finish_error(exchange, failure, &line),
        }
        let method = self.method_of(&exchange);
        let Some(integration) = method.integration.clone() else {
            return self.finish_error(
                exchange,
                Failure::new(ResponseType::ApiConfigurationError),
                "Execution failed due to configuration error: No integration defined for method",
            );
        };
        match integration.kind {
            IntegrationType::Mock => {
                let status = match self.request_body(&exchange, &integration) {
                    Ok(Some(text)) => integration_request::mock_status(&text),
                    Ok(None) => None,
                    Err((failure, line)) => return self.finish_error(exchange, failure, &line),
                };
                let selector = status.map(|s| s.to_string()).unwrap_or_default();
                let outcome = integration_response::Outcome {
                    selector,
                    body: Vec::new(),
                    lambda: false,
                };
                self.respond(exchange, &integration, outcome)
            }
            IntegrationType::Aws => {
                let target = integration_request::lambda_target(
                    integration.uri.as_deref().unwrap_or_default(),
                    &exchange.stage_variables,
                );
                let Some(target) = target else {
                    return self.finish_error(exchange, Failure::new(ResponseType::ApiConfigurationError),
                        "Execution failed due to configuration error: only Lambda functions are supported as AWS integrations");
                };
                let payload = match self.request_body(&exchange, &integration) {
                    Ok(Some(text)) => text.into_bytes(),
                    Ok(None) => exchange.request.body.clone(),
                    Err((failure, line)) => return self.finish_error(exchange, failure, &line),
                };
                if let Some(log) = exchange.log.as_mut() {
                    integration_request::log_lambda_request(log, &target, &payload, &self.deployment.region);
                }
                let timeout_ms = integration.timeout_in_millis;
                let id = self.park(exchange);
                Step::Call(Call {
                    id,
                    timeout_ms,
                    target: Target::Lambda(LambdaInvoke { payload, ..target }),
                })
            }
            _ => self.finish_error(exchange, Failure::new(ResponseType::ApiConfigurationError),
                "Execution failed due to configuration error: this integration type is not supported yet"),
        }
    }

    /// The integration request body: the request template's output, or
    /// `None` to pass the body through.
    fn request_body(
        &self,
        exchange: &Exchange,
        integration: &crate::model::Integration,
    ) -> Result<Option<String>, (Failure, String)> {
        let content_type = integration_request::template_for(integration, &exchange.request).map_err(|kind| {
            (Failure::new(kind), "Execution failed: no template matches the request's content type and the passthrough behavior refuses it".to_string())
        })?;
        let Some(content_type) = content_type else {
            return Ok(None);
        };
        let template = self
            .templates
            .method(exchange.route.resource, &exchange.method_key)
            .and_then(|m| m.request.get(&content_type))
            .expect("every request template is compiled");
        let body = String::from_utf8_lossy(&exchange.request.body).into_owned();
        self.render(template, &exchange.scope(), None, body)
            .map(Some)
            .map_err(|line| (Failure::new(ResponseType::ApiConfigurationError), line))
    }

    /// Renders a mapping template for a request, with `$input` over `body`;
    /// `Err` is the execution-log line saying why it failed.
    fn render(
        &self,
        template: &crate::vtl::Template,
        scope: &Scope<'_>,
        error: Option<&Failure>,
        body: String,
    ) -> Result<String, String> {
        let input = crate::vtl::apigw::Input {
            body,
            path: scope.path_params.to_vec(),
            querystring: scope.query().to_vec(),
            header: scope.request.headers.clone(),
        };
        let context = context::value(self, scope, error);
        let mut vars = crate::vtl::apigw::variables(input, context, scope.stage_variables);
        self.templates
            .engine
            .render(template, &mut vars)
            .map_err(|e| {
                format!(
                    "Execution failed due to configuration error: the mapping template failed: {e}"
                )
            })
    }

    fn integration_result(&mut self, mut exchange: Exchange, result: CallResult) -> Step {
        let method = self.method_of(&exchange);
        let integration = method
            .integration
            .clone()
            .expect("a call is only issued for a method with an integration");
        match result {
            CallResult::Lambda {
                payload,
                function_error,
                latency_ms,
            } => {
                if let Some(log) = exchange.log.as_mut() {
                    integration_response::log_lambda_response(
                        log,
                        &payload,
                        function_error,
                        latency_ms,
                    );
                }
                let selector = if function_error {
                    integration_response::lambda_error_message(&payload)
                } else {
                    String::new()
                };
                let outcome = integration_response::Outcome {
                    selector,
                    body: payload,
                    lambda: true,
                };
                self.respond(exchange, &integration, outcome)
            }
            CallResult::Timeout => self.finish_error(
                exchange,
                Failure::new(ResponseType::IntegrationTimeout),
                "Execution failed due to a timeout error",
            ),
            CallResult::Failed { message } => self.finish_error(
                exchange,
                Failure::new(ResponseType::ApiConfigurationError),
                &format!("Execution failed due to configuration error: {message}"),
            ),
        }
    }

    fn respond(
        &mut self,
        mut exchange: Exchange,
        integration: &crate::model::Integration,
        outcome: integration_response::Outcome,
    ) -> Step {
        let Some(index) = integration_response::select(integration, &outcome.selector) else {
            return self.finish_error(exchange, Failure::new(ResponseType::ApiConfigurationError),
                "Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: 200");
        };
        let selected = &integration.responses[index];
        let status: u16 = selected.status_code.parse().unwrap_or(200);
        let template = self
            .templates
            .method(exchange.route.resource, &exchange.method_key)
            .and_then(|m| m.responses.get(index))
            .and_then(|t| t.get("application/json"));
        let body = match template {
            Some(template) => {
                let text = String::from_utf8_lossy(&outcome.body).into_owned();
                match self.render(template, &exchange.scope(), None, text) {
                    Ok(out) => out.into_bytes(),
                    Err(line) => {
                        return self.finish_error(
                            exchange,
                            Failure::new(ResponseType::ApiConfigurationError),
                            &line,
                        )
                    }
                }
            }
            None => outcome.body,
        };
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        if outcome.lambda {
            headers.push((
                "X-Amzn-Trace-Id".to_string(),
                format!("{};Sampled=0", exchange.ids.trace_id),
            ));
        }
        if let Some(log) = exchange.log.as_mut() {
            log.line(format!(
                "Method response body after transformations: {}",
                String::from_utf8_lossy(&body)
            ));
            log.line(format!(
                "Method response headers: {}",
                log::java_map(headers.iter().rev().map(|(k, v)| (k.as_str(), v.as_str())))
            ));
            log.line("Successfully completed execution");
            log.line(format!("Method completed with status: {status}"));
        }
        let mut response = self.finalize(status, headers, body, &exchange);
        response.log = exchange.log.take().map(ExecutionLog::finish);
        Step::Respond(response)
    }

    /// Ends a request with a gateway response, logging why.
    fn finish_error(&mut self, mut exchange: Exchange, failure: Failure, log_line: &str) -> Step {
        let mut response =
            self.gateway_response(&failure, &exchange.scope(), exchange.log.is_some());
        if let Some(log) = exchange.log.as_mut() {
            log.line(log_line);
            log.line(format!("Method completed with status: {}", response.status));
        }
        response.log = exchange.log.take().map(ExecutionLog::finish);
        Step::Respond(response)
    }

    /// Adds the headers every API Gateway response carries.
    fn finalize(
        &self,
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        exchange: &Exchange,
    ) -> Response {
        let mut response = Response {
            status,
            headers: Vec::with_capacity(headers.len() + 5),
            body,
            log: None,
        };
        if exchange.log.is_none() {
            let date =
                crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms).http_date();
            response.headers.push(("Date".to_string(), date));
        }
        response.headers.extend(headers);
        if exchange.log.is_none() {
            response.headers.push((
                "Content-Length".to_string(),
                response.body.len().to_string(),
            ));
            response.headers.push((
                "x-amzn-RequestId".to_string(),
                exchange.ids.request_id.clone(),
            ));
            response.headers.push((
                "x-amz-apigw-id".to_string(),
                exchange.ids.extended_request_id.clone(),
            ));
        }
        response
    }

    /// The gateway response for a failure, as the API customised it: the
    /// type's own configuration, else DEFAULT_4XX / DEFAULT_5XX, else AWS's
    /// default. A test invocation shows only the error type and the
    /// customised headers, as the console does.
    fn gateway_response(&self, failure: &Failure, scope: &Scope<'_>, test: bool) -> Response {
        let custom = Customisation::lookup(&self.api.gateway_responses, failure.kind);
        let status = custom.status(failure);
        let mut content_type = "application/json".to_string();
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
                if let Ok(out) = self.render(template, scope, Some(failure), input) {
                    body = out;
                }
                content_type.clone_from(key);
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
        if !test {
            let date =
                crate::time::DateTime::from_epoch_ms(scope.request.time_epoch_ms).http_date();
            headers.push(("Date".to_string(), date));
            headers.push(("Content-Type".to_string(), content_type));
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
        if !test {
            headers.push((
                "x-amz-apigw-id".to_string(),
                scope.ids.extended_request_id.clone(),
            ));
        }
        Response {
            status,
            headers,
            body: body.into_bytes(),
            log: None,
        }
    }

    /// The answer for a path whose first segment is not this API's stage:
    /// no API is deployed there, so no gateway response applies.
    fn unknown_stage(&self, request: &Request, ids: &RequestIds) -> Response {
        let body = br#"{"message":"Forbidden"}"#.to_vec();
        let date = crate::time::DateTime::from_epoch_ms(request.time_epoch_ms).http_date();
        Response {
            status: 403,
            headers: vec![
                ("Date".to_string(), date),
                ("Content-Type".to_string(), "application/json".to_string()),
                ("Content-Length".to_string(), body.len().to_string()),
                ("x-amzn-RequestId".to_string(), ids.request_id.clone()),
                (
                    "x-amzn-ErrorType".to_string(),
                    "ForbiddenException".to_string(),
                ),
                (
                    "x-amz-apigw-id".to_string(),
                    ids.extended_request_id.clone(),
                ),
            ],
            body,
            log: None,
        }
    }
}

/// The template for a response: the one for the media type the client
/// accepts first, else `application/json`, else the first.
pub(crate) fn select_template<'a>(
    mut keys: impl Iterator<Item = &'a String> + Clone,
    accept: Option<&str>,
) -> Option<&'a String> {
    let wanted = accept.and_then(|a| a.split(',').next()).map(|a| {
        a.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    if let Some(wanted) = wanted {
        if let Some(key) = keys.clone().find(|k| k.eq_ignore_ascii_case(&wanted)) {
            return Some(key);
        }
    }
    keys.clone()
        .find(|k| k.as_str() == "application/json")
        .or_else(|| keys.next())
}

/// `/dev/pets` with stage `dev` -> `/pets`; `/dev` -> `/`.
fn strip_stage<'a>(path: &'a str, stage: &str) -> Option<&'a str> {
    let rest = path.strip_prefix('/')?.strip_prefix(stage)?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stage_is_the_first_segment() {
        assert_eq!(strip_stage("/dev/pets", "dev"), Some("/pets"));
        assert_eq!(strip_stage("/dev/", "dev"), Some("/"));
        assert_eq!(strip_stage("/dev", "dev"), Some("/"));
        assert_eq!(strip_stage("/development/pets", "dev"), None);
        assert_eq!(strip_stage("/prod/pets", "dev"), None);
        assert_eq!(strip_stage("/", "dev"), None);
    }
}
