//! One request in flight, and what the stages tell the flow to do next.
//! Every stage reads and writes these types; they depend on no stage, so
//! the arrows run flow -> stages -> here.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use super::failure::Abort;
use super::log::ExecutionLog;
use super::step::Target;
use crate::http::{HeaderList, Request};
use crate::ids::RequestIds;
use crate::router::Route;
use crate::vtl::{Key, Value};

/// The stage a request runs in: its name, its variables (canary overrides
/// applied) and whether the canary serves it.
pub(super) struct StageRun {
    pub name: String,
    pub variables: BTreeMap<String, String>,
    pub canary: bool,
}

impl StageRun {
    /// No stage: a request whose path names none.
    pub fn none() -> StageRun {
        StageRun {
            name: String::new(),
            variables: BTreeMap::new(),
            canary: false,
        }
    }
}

/// How a request came in: through a stage, or the console's Test button
/// (whose `$context`, event and error answers differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Invocation {
    Stage,
    Test,
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

/// One routed request in flight.
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
    pub invocation: Invocation,
    /// The execution log: always kept for a console test, and for a stage
    /// request when the host asks for it (to explain a failure).
    pub log: Option<ExecutionLog>,
    pub waiting: Waiting,
    /// Whether a call went out whose failure answers with the trace id
    /// (every integration but MOCK and HTTP_PROXY).
    pub traced: bool,
    /// What the request template set in `$context.responseOverride`.
    pub response_override: ResponseOverride,
}

impl Exchange {
    /// What the request is known to be: everything but the parked state.
    pub fn scope(&self) -> RequestScope<'_> {
        RequestScope {
            request: &self.request,
            ids: &self.ids,
            resource_path: &self.resource_path,
            resource: Some(self.route.resource),
            path_params: &self.path_params,
            stage: &self.stage.name,
            stage_variables: &self.stage.variables,
            canary: self.stage.canary,
            test: self.invocation == Invocation::Test,
            query: QueryView::Parsed(&self.query),
            endpoint_request_id: None,
        }
    }

    /// Adds a line to the execution log, when one is kept.
    pub fn line(&mut self, line: impl AsRef<str>) {
        if let Some(log) = self.log.as_mut() {
            log.line(line);
        }
    }
}

/// What a request is known to be at some point of its execution: enough to
/// build `$context`, resolve parameter mappings and render gateway responses.
pub(crate) struct RequestScope<'a> {
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

impl<'a> RequestScope<'a> {
    /// A request not (yet) routed to a resource.
    pub fn unrouted(
        request: &'a Request,
        ids: &'a RequestIds,
        resource_path: &'a str,
        stage: &'a StageRun,
        test: bool,
    ) -> RequestScope<'a> {
        RequestScope {
            request,
            ids,
            resource_path,
            resource: None,
            path_params: &[],
            stage: &stage.name,
            stage_variables: &stage.variables,
            canary: stage.canary,
            test,
            query: QueryView::Lazy(OnceCell::new()),
            endpoint_request_id: None,
        }
    }

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

/// The query string's parameters: parsed once per request, or on demand.
pub(crate) enum QueryView<'a> {
    Parsed(&'a [(String, String)]),
    Lazy(OnceCell<Vec<(String, String)>>),
}

/// What a stage decided: call the backend, answer, or end the request with
/// a gateway response.
pub(super) enum Next {
    Call(Box<Outgoing>),
    Respond(Answer),
    Fail(Abort),
}

/// A call for the host, with the execution-log lines that describe it.
pub(super) struct Outgoing {
    pub target: Target,
    pub waiting: Waiting,
    pub timeout_ms: u32,
    pub log_lines: Vec<String>,
    /// The request template's `$context.responseOverride`, for the response.
    pub overrides: ResponseOverride,
}

/// Where a method response's headers came from, which decides how the
/// console lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// Passed through from a proxy integration: the backend's headers, then
    /// the trace id.
    Proxy,
    /// Mapped by an integration response: the trace id, then the mapped headers.
    Mapped,
}

/// A method response, before the headers every response carries.
pub(super) struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The `X-Amzn-Trace-Id` header of a response from a called integration.
    pub trace: Option<String>,
    pub origin: Origin,
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
    pub fn read(context: &Value) -> ResponseOverride {
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
            headers.set(name, value.clone());
        }
    }
}
