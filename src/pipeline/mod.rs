//! Method execution as a sans-IO state machine: [`Gateway::begin`] takes a
//! request and returns a [`Step`]; a [`Step::Call`] asks the host to invoke
//! a backend (a Lambda function, an HTTP endpoint, an AWS service), and
//! [`Gateway::resume`] continues with its result.

mod context;
mod execute;
mod gateway_response;
mod http_api;
mod integration_request;
mod integration_response;
mod json_out;
mod log;
pub(crate) mod models;
mod params;
mod proxy_event;
mod proxy_response;
mod templates;
mod validation;

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, ErrorKind};
use crate::http::Request;
use crate::ids::RequestIds;
use crate::model::{RestApi, Stage};
use crate::openapi::{self, ImportOptions, Warning};
use crate::router::Router;

pub use crate::http::Response;
use execute::Exchange;
use log::ExecutionLog;

/// How a gateway is deployed: its stages, their variables and the account.
/// What is left `None` comes from the document (an export's stage, API id
/// and region), else from the defaults (`dev`, `a1b2c3d4e5`, `us-east-1`).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The stage name, the first path segment (the default stage when
    /// `stages` names more).
    pub stage: Option<String>,
    /// The stage's variables (`$stageVariables`, `${stageVariables.x}`).
    pub stage_variables: BTreeMap<String, String>,
    /// More stages of the same deployment, each with its variables and
    /// canary settings.
    pub stages: Vec<Stage>,
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
            stages: Vec::new(),
            api_id: None,
            region: None,
            account_id: "123456789012".to_string(),
            fail_on_warnings: false,
        }
    }
}

/// The stages a gateway serves, resolved from the options and the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deployment {
    /// The stages; the first is the default.
    pub stages: Vec<Stage>,
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
    /// Invoke a Lambda function (the Lambda `Invoke` API, synchronous):
    /// `AWS` and `AWS_PROXY` integrations with Lambda.
    Lambda(LambdaInvoke),
    /// Send an HTTP request: `HTTP`, `HTTP_PROXY`, and either through a VPC link.
    Http(HttpCall),
    /// Call an AWS service API: `AWS` integrations with other services.
    Aws(AwsCall),
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
    /// The invocation's request id (the handler's `context.awsRequestId`,
    /// and the one the execution log names).
    pub request_id: String,
    /// The event, as the JSON bytes Lambda receives.
    pub payload: Vec<u8>,
}

/// An HTTP request to an integration endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCall {
    /// The method (`GET`).
    pub method: String,
    /// The absolute URL, query string included.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The VPC link the request goes through (`connectionType: VPC_LINK`),
    /// for the host to map to a local target.
    pub connection_id: Option<String>,
}

/// A call to an AWS service API (`arn:aws:apigateway:{region}:{service}:action/{Action}`
/// or `...:path/{path}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsCall {
    /// The service (`dynamodb`, `sqs`, `s3` ...).
    pub service: String,
    /// The region.
    pub region: String,
    /// The action of an action-style URI (`PutItem`).
    pub action: Option<String>,
    /// The path of a path-style URI (`my-bucket/{key}` rendered).
    pub path: Option<String>,
    /// The HTTP method the integration uses.
    pub method: String,
    /// The endpoint URL API Gateway would call.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body (the rendered request template).
    pub body: Vec<u8>,
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
    /// An HTTP endpoint or an AWS service answered.
    Http {
        /// The status code.
        status: u16,
        /// The headers, in order.
        headers: Vec<(String, String)>,
        /// The body.
        body: Vec<u8>,
        /// How long the request took, for the execution log.
        latency_ms: u32,
    },
    /// The call did not finish within [`Call::timeout_ms`].
    Timeout,
    /// The call could not be made (no such function, the network failed).
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
/// path without the stage, and the stage variables for this call only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestInvoke {
    /// The request; its `path` is the resource path with values (`/pets/1`).
    pub request: Request,
    /// Stage variables for this invocation (none when `None`, as in the console).
    pub stage_variables: Option<BTreeMap<String, String>>,
}

/// A REST API deployed to its stages, handling requests without doing I/O.
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
            .field("stage", &self.stage())
            .field("pending_calls", &self.pending.len())
            .finish()
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
    /// The stage name as `$context.stage` shows it.
    pub stage: &'a str,
    pub stage_variables: &'a BTreeMap<String, String>,
    /// Whether the canary deployment serves the request.
    pub canary: bool,
    /// Whether this is a console test invocation.
    pub test: bool,
    pub query: QueryView<'a>,
    /// The AWS endpoint's request id, once an AWS integration (Lambda
    /// non-proxy or another service) has answered: `$context.awsEndpointRequestId`.
    pub endpoint_request_id: Option<&'a str>,
}

/// The query string's parameters: parsed once per request, or on demand.
pub(crate) enum QueryView<'a> {
    Parsed(&'a [(String, String)]),
    Lazy(std::cell::OnceCell<Vec<(String, String)>>),
}

impl Scope<'_> {
    /// The query string's parameters, decoded, in order.
    pub fn query(&self) -> &[(String, String)] {
        match &self.query {
            QueryView::Parsed(pairs) => pairs,
            QueryView::Lazy(cell) => {
                cell.get_or_init(|| crate::http::parse_query(&self.request.query))
            }
        }
    }
}

impl Gateway {
    /// Imports a definition (OpenAPI 3.0 / Swagger 2.0, JSON or YAML text)
    /// and deploys it to its stages.
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

    /// Deploys an API model to its stages.
    ///
    /// # Errors
    ///
    /// A mapping template that does not parse (the error names the method,
    /// the content type, and the line and column), or a model that is not
    /// valid JSON Schema draft-04.
    pub fn new(api: RestApi, options: Options) -> Result<Gateway, Error> {
        Gateway::with_warnings(api, options, Vec::new())
    }

    fn with_warnings(
        api: RestApi,
        options: Options,
        warnings: Vec<Warning>,
    ) -> Result<Gateway, Error> {
        let hint = &api.deployment;
        // An HTTP API's default stage is `$default`, served without a prefix.
        let fallback = match api.protocol {
            crate::model::ApiProtocol::Rest => "dev",
            crate::model::ApiProtocol::Http => DEFAULT_STAGE,
        };
        let default = Stage {
            name: options
                .stage
                .or_else(|| hint.stage.clone())
                .unwrap_or_else(|| fallback.to_string()),
            variables: options.stage_variables,
            canary: None,
        };
        let mut stages = vec![default];
        for stage in options.stages {
            match stages.iter_mut().find(|s| s.name == stage.name) {
                Some(existing) => *existing = stage,
                None => stages.push(stage),
            }
        }
        if let Some(bad) = stages.iter().find(|s| {
            s.name.is_empty()
                || s.name.contains('/')
                || (s.name == DEFAULT_STAGE && api.protocol == crate::model::ApiProtocol::Rest)
        }) {
            return Err(Error::new(
                ErrorKind::InvalidCall,
                format!(
                    "`{}` is not a stage name: use letters, digits, `-` and `_`",
                    bad.name
                ),
            ));
        }
        let deployment = Deployment {
            stages,
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
        let (_, resource_path) = self.split_stage(path)?;
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

    /// [`Gateway::route`] without allocating: appends to `out` the resource
    /// index, 1 if `ANY` serves the request, and the UTF-16 ranges of the path
    /// parameter values in `path` (for the JS harness, which knows the names).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn locate(&self, method: &str, path: &str, out: &mut Vec<u32>) -> bool {
        let Some((_, resource_path)) = self.split_stage(path) else {
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

    /// The stage and the path after it, when the first segment names a stage.
    /// An HTTP API's `$default` stage takes every path no named stage does.
    fn split_stage<'p>(&self, path: &'p str) -> Option<(usize, &'p str)> {
        let stages = &self.deployment.stages;
        stages
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name != DEFAULT_STAGE)
            .find_map(|(i, s)| strip_stage(path, &s.name).map(|rest| (i, rest)))
            .or_else(|| {
                let i = stages.iter().position(|s| s.name == DEFAULT_STAGE)?;
                Some((i, if path.is_empty() { "/" } else { path }))
            })
    }

    /// The console's "Enable CORS" on the resource at `path` (an OPTIONS
    /// MOCK method answering preflights, `Access-Control-Allow-Origin` on the
    /// resource's non-proxy methods), applied to the deployed API.
    ///
    /// # Errors
    ///
    /// A path that names no resource.
    ///
    /// ```
    /// use portico::{Gateway, Options, Request, Step, model::cors::CorsOptions};
    /// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{"/pets":{"get":{
    ///   "responses":{"200":{"description":"ok"}},
    ///   "x-amazon-apigateway-integration":{"type":"mock","requestTemplates":{"application/json":"{\"statusCode\": 200}"},
    ///   "responses":{"default":{"statusCode":"200"}}}}}}}"#;
    /// let mut gateway = Gateway::from_definition(doc, Options::default())?;
    /// gateway.enable_cors("/pets", &CorsOptions::default())?;
    /// let Step::Respond(preflight) = gateway.begin(Request::new("OPTIONS", "/dev/pets")) else { unreachable!() };
    /// assert_eq!(preflight.header("Access-Control-Allow-Methods"), Some("GET,OPTIONS"));
    /// # Ok::<(), portico::Error>(())
    /// ```
    pub fn enable_cors(
        &mut self,
        path: &str,
        options: &crate::model::cors::CorsOptions,
    ) -> Result<(), Error> {
        let mut api = self.api.clone();
        crate::model::cors::enable(&mut api, path, options)
            .map_err(|message| Error::new(ErrorKind::InvalidCall, message))?;
        self.templates = templates::Templates::compile(&api)?;
        self.router = Router::new(&api);
        self.api = api;
        Ok(())
    }

    /// The region the gateway is deployed in.
    pub fn region(&self) -> &str {
        &self.deployment.region
    }

    /// The default stage (the first path segment of its requests).
    pub fn stage(&self) -> &str {
        &self.deployment.stages[0].name
    }

    /// Every stage the gateway serves, the default first.
    pub fn stages(&self) -> &[Stage] {
        &self.deployment.stages
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

    /// Starts handling a request whose path begins with a stage.
    pub fn begin(&mut self, mut request: Request) -> Step {
        request.drop_fragment();
        let ids = RequestIds::derive(request.seed, request.time_epoch_ms);
        let Some((index, resource_path)) = self.split_stage(&request.path) else {
            if self.api.protocol == crate::model::ApiProtocol::Http {
                let scope = Scope {
                    request: &request,
                    ids: &ids,
                    resource_path: &request.path,
                    resource: None,
                    path_params: &[],
                    stage: "",
                    stage_variables: &BTreeMap::new(),
                    canary: false,
                    test: false,
                    query: QueryView::Lazy(std::cell::OnceCell::new()),
                    endpoint_request_id: None,
                };
                return Step::Respond(http_api::error_response(404, "Not Found", &scope));
            }
            return Step::Respond(self.unknown_stage(&request, &ids));
        };
        // HTTP APIs route, and show, the path percent-decoded; REST APIs as sent.
        let resource_path = match self.api.protocol {
            crate::model::ApiProtocol::Rest => resource_path.to_string(),
            crate::model::ApiProtocol::Http => crate::http::percent_decode(resource_path),
        };
        let stage = &self.deployment.stages[index];
        let mut variables = stage.variables.clone();
        let canary = stage.canary.as_ref().is_some_and(|c| {
            // The seed is the host's randomness: its low bits pick the deployment.
            ((request.seed % 10_000) as f64) < c.percent_traffic * 100.0
        });
        if canary {
            let overrides = &stage
                .canary
                .as_ref()
                .expect("canary")
                .stage_variable_overrides;
            variables.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let stage_name = stage.name.clone();
        self.start(
            request,
            resource_path,
            ids,
            execute::StageRun {
                name: stage_name,
                variables,
                canary,
            },
            None,
        )
    }

    /// Starts a console test invocation: no stage in the path, the stage
    /// `test-invoke-stage`, an execution log in the response.
    pub fn begin_test(&mut self, test: TestInvoke) -> Step {
        let request = test.request;
        let ids = RequestIds::derive(request.seed, request.time_epoch_ms);
        let log = ExecutionLog::new(&ids.request_id, request.time_epoch_ms);
        let path = request.path.clone();
        self.start(
            request,
            path,
            ids,
            execute::StageRun {
                name: "test-invoke-stage".to_string(),
                variables: test.stage_variables.unwrap_or_default(),
                canary: false,
            },
            Some(log),
        )
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

    /// The answer for a path whose first segment is no stage of this API:
    /// nothing is deployed there, so no gateway response applies.
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

/// The name of an HTTP API's stage served without a path prefix.
pub(crate) const DEFAULT_STAGE: &str = "$default";

/// `/dev/pets` with stage `dev` -> `/pets`; `/dev` -> `/`.
fn strip_stage<'a>(path: &'a str, stage: &str) -> Option<&'a str> {
    let rest = path.strip_prefix('/')?.strip_prefix(stage)?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// The template for a response, as API Gateway picks it: the one for the
/// first media type of the request's Accept (`application/json` when there
/// is none), else the first template.
pub(crate) fn select_template<'a>(
    mut keys: impl Iterator<Item = &'a String> + Clone,
    accept: Option<&str>,
) -> Option<&'a String> {
    let wanted = accept
        .and_then(|a| a.split(',').next())
        .map(|a| a.split(';').next().unwrap_or("").trim())
        .filter(|a| !a.is_empty())
        .unwrap_or("application/json");
    keys.clone()
        .find(|k| k.eq_ignore_ascii_case(wanted))
        .or_else(|| keys.next())
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
