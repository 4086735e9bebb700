//! The gateway as its host sees it: import and deploy an API, then drive
//! requests through [`Gateway::begin`] and [`Gateway::resume`], with many
//! in flight at once.

use std::collections::HashMap;

use super::definition;
use super::deployed::{Deployed, Options};
use super::exchange::Exchange;
use super::flow::{self, Logging, Outcome, Parked};
use super::step::{Call, CallId, CallResult, Step, TestInvoke};
use super::templates::Templates;
use crate::error::{Error, ErrorKind};
use crate::http::Request;
use crate::model::{RestApi, Stage};
use crate::openapi::Warning;
use crate::router::{Route, Router};
use crate::template::FunctionInfo;

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

/// A REST API deployed to its stages, handling requests without doing I/O.
pub struct Gateway {
    deployed: Deployed,
    /// Requests waiting for a call's result, by call id.
    pending: HashMap<CallId, Exchange>,
    next_call: CallId,
    /// The Lambda functions the API invokes.
    functions: Vec<FunctionInfo>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("api", &self.deployed.api.name)
            .field("stage", &self.stage())
            .field("pending_calls", &self.pending.len())
            .finish()
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
    pub fn from_definition(text: &str, mut options: Options) -> Result<Gateway, Error> {
        let definition = definition::import(text, &mut options)?;
        let mut gateway = Gateway::with_warnings(definition.api, options, definition.warnings)?;
        gateway.functions = definition.functions;
        Ok(gateway)
    }

    /// Deploys an API model to its stages.
    ///
    /// # Errors
    ///
    /// A mapping template that does not parse (the error names the method,
    /// the content type, and the line and column), or a model that is not
    /// valid JSON Schema draft-04.
    pub fn new(api: RestApi, options: Options) -> Result<Gateway, Error> {
        let functions = crate::template::invoked(&api);
        let mut gateway = Gateway::with_warnings(api, options, Vec::new())?;
        gateway.functions = functions;
        Ok(gateway)
    }

    fn with_warnings(
        api: RestApi,
        options: Options,
        warnings: Vec<Warning>,
    ) -> Result<Gateway, Error> {
        Ok(Gateway {
            deployed: flow::deploy(api, options, warnings)?,
            pending: HashMap::new(),
            next_call: 1,
            functions: Vec::new(),
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
        let (offset, route) = self.find_route(method, path)?;
        let api = &self.deployed.api;
        let resource = &api.resources[route.resource];
        let (key, _) = resource.methods.get_key_value(route.method_key(method))?;
        Some(RouteMatch {
            resource_id: &resource.id,
            resource_path: &resource.path,
            method: key,
            path_parameters: route.path_params(api, &path[offset..]),
        })
    }

    /// The route API Gateway runs for a method and a path with its stage,
    /// and the length of the stage prefix in `path`: what [`Gateway::route`]
    /// reports, without allocating (the JS harness's routing fast path).
    pub(crate) fn find_route(&self, method: &str, path: &str) -> Option<(usize, Route)> {
        self.deployed.find_route(method, path)
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
    /// use portico::{Gateway, Options, Request, Step, console::CorsOptions};
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
        options: &crate::console::CorsOptions,
    ) -> Result<(), Error> {
        let mut api = self.deployed.api.clone();
        crate::console::enable_cors(&mut api, path, options)
            .map_err(|message| Error::new(ErrorKind::InvalidCall, message))?;
        self.deployed.templates = Templates::compile(&api)?;
        self.deployed.router = Router::new(&api);
        self.deployed.api = api;
        Ok(())
    }

    /// The region the gateway is deployed in.
    pub fn region(&self) -> &str {
        &self.deployed.deployment.region
    }

    /// The default stage (the first path segment of its requests).
    pub fn stage(&self) -> &str {
        &self.deployed.deployment.stages[0].name
    }

    /// Every stage the gateway serves, the default first.
    pub fn stages(&self) -> &[Stage] {
        &self.deployed.deployment.stages
    }

    /// The deployed API.
    pub fn api(&self) -> &RestApi {
        &self.deployed.api
    }

    /// What the import accepted with a caveat.
    pub fn warnings(&self) -> &[Warning] {
        &self.deployed.warnings
    }

    /// The Lambda functions the API invokes (integrations and authorizers),
    /// with what a template says about each.
    pub fn functions(&self) -> &[FunctionInfo] {
        &self.functions
    }

    /// How many requests are waiting for a [`Call`] result.
    pub fn pending_calls(&self) -> usize {
        self.pending.len()
    }

    /// Starts handling a request whose path begins with a stage.
    pub fn begin(&mut self, request: Request) -> Step {
        let outcome = flow::begin(&self.deployed, request, Logging::Off);
        self.step(outcome)
    }

    /// Starts a request as [`Gateway::begin`] does, keeping its execution
    /// log (in the response's `log`): what a host prints when the request
    /// fails. The log costs time, so [`Gateway::begin`] keeps none.
    ///
    /// ```
    /// use portico::{Gateway, Options, Request, Step};
    /// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{"/":{"get":{
    ///   "responses":{"200":{"description":"ok"}},
    ///   "x-amazon-apigateway-integration":{"type":"mock","responses":{"default":{"statusCode":"200"}}}}}}}"#;
    /// let mut gateway = Gateway::from_definition(doc, Options::default())?;
    /// let Step::Respond(response) = gateway.begin_logged(Request::new("GET", "/dev/")) else { unreachable!() };
    /// assert!(response.log.unwrap().ends_with(" : Method completed with status: 200\n"));
    /// # Ok::<(), portico::Error>(())
    /// ```
    pub fn begin_logged(&mut self, request: Request) -> Step {
        let outcome = flow::begin(&self.deployed, request, Logging::Kept);
        self.step(outcome)
    }

    /// Starts a console test invocation: no stage in the path, the stage
    /// `test-invoke-stage`, an execution log in the response.
    pub fn begin_test(&mut self, test: TestInvoke) -> Step {
        let outcome = flow::begin_test(&self.deployed, test);
        self.step(outcome)
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
        let outcome = flow::resume(&self.deployed, exchange, result);
        Ok(self.step(outcome))
    }

    /// A request answered, or parked until its call's result arrives.
    fn step(&mut self, outcome: Outcome) -> Step {
        match outcome {
            Outcome::Respond(response) => Step::Respond(response),
            Outcome::Call(parked) => {
                let Parked {
                    exchange,
                    target,
                    timeout_ms,
                } = *parked;
                let id = self.next_call;
                self.next_call += 1;
                self.pending.insert(id, exchange);
                Step::Call(Call {
                    id,
                    timeout_ms,
                    target,
                })
            }
        }
    }
}
