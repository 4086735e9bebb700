//! The way of a request through the gateway, and of the gateway through its
//! deployment: deploy; then per request find the stage and the route, run
//! the method request and the integration request, call the backend, and
//! turn its answer (or a failure) into the response.
//!
//! REST APIs and HTTP APIs take the same way with different stages; this
//! is the one place in the pipeline that tells them apart, and each `match`
//! on the protocol here hands the step to `rest/` or `http_api/`.

use super::deployed::{Deployed, Deployment, Options, DEFAULT_STAGE};
use super::exchange::{
    Answer, Exchange, Invocation, Next, Outgoing, RequestScope, ResponseOverride, StageRun, Waiting,
};
use super::failure::{Abort, Failure, ResponseType};
use super::log::{log_method_request, ExecutionLog};
use super::step::{CallResult, Target, TestInvoke};
use super::templates::Templates;
use super::{http_api, respond, rest};
use crate::error::{Error, ErrorKind};
use crate::http::{Request, Response};
use crate::ids::RequestIds;
use crate::model::{ApiProtocol, CompiledModels, ModelError, RestApi, Stage, DEFAULT_ROUTE};
use crate::openapi::Warning;
use crate::router::{Route, Router};

/// Where a step left the request: answered, or waiting for a call.
pub(super) enum Outcome {
    Respond(Response),
    Call(Box<Parked>),
}

/// A request waiting for the host to perform its call.
pub(super) struct Parked {
    pub exchange: Exchange,
    pub target: Target,
    pub timeout_ms: u32,
}

/// Deploys an API to the stages the options and the document name: the
/// default stage first (`dev` for a REST API, `$default` for an HTTP API,
/// unless either says otherwise), its templates and models compiled.
pub(super) fn deploy(
    api: RestApi,
    options: Options,
    warnings: Vec<Warning>,
) -> Result<Deployed, Error> {
    let hint = &api.deployment;
    // An HTTP API's default stage is `$default`, served without a prefix.
    let (fallback, default_stage_allowed) = match api.protocol {
        ApiProtocol::Rest => ("dev", false),
        ApiProtocol::Http => (DEFAULT_STAGE, true),
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
            || (s.name == DEFAULT_STAGE && !default_stage_allowed)
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
    Ok(Deployed {
        router: Router::new(&api),
        templates: Templates::compile(&api)?,
        models: CompiledModels::compile(&api).map_err(ModelError::into_error)?,
        api,
        deployment,
        warnings,
    })
}

/// Whether a stage request keeps an execution log (the host's choice: it
/// costs time, and explains a failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Logging {
    Off,
    Kept,
}

/// Starts a request whose path begins with a stage.
pub(super) fn begin(deployed: &Deployed, mut request: Request, logging: Logging) -> Outcome {
    request.drop_fragment();
    let ids = RequestIds::derive(request.seed, request.time_epoch_ms);
    let log = (logging == Logging::Kept)
        .then(|| ExecutionLog::new(&ids.request_id, request.time_epoch_ms));
    let protocol = deployed.api.protocol;
    let Some((index, resource_path)) = deployed.split_stage(&request.path) else {
        return Outcome::Respond(match protocol {
            ApiProtocol::Rest => rest::gateway_response::unknown_stage(&request, &ids),
            ApiProtocol::Http => {
                let stage = StageRun::none();
                let scope = RequestScope::unrouted(&request, &ids, &request.path, &stage, false);
                http_api::response::error(404, "Not Found", &scope)
            }
        });
    };
    // HTTP APIs route, and show, the path percent-decoded; REST APIs as sent.
    let resource_path = match protocol {
        ApiProtocol::Rest => resource_path.to_string(),
        ApiProtocol::Http => crate::http::percent_decode(resource_path),
    };
    let stage = deployed.stage_run(index, request.seed);
    start(
        deployed,
        request,
        resource_path,
        ids,
        stage,
        Invocation::Stage,
        log,
    )
}

/// Starts a console test invocation: no stage in the path, the stage
/// `test-invoke-stage`, an execution log in the response.
pub(super) fn begin_test(deployed: &Deployed, test: TestInvoke) -> Outcome {
    let request = test.request;
    let ids = RequestIds::derive(request.seed, request.time_epoch_ms);
    let log = ExecutionLog::new(&ids.request_id, request.time_epoch_ms);
    let path = request.path.clone();
    let stage = StageRun {
        name: "test-invoke-stage".to_string(),
        variables: test.stage_variables.unwrap_or_default(),
        canary: false,
    };
    start(
        deployed,
        request,
        path,
        ids,
        stage,
        Invocation::Test,
        Some(log),
    )
}

/// Continues a request with the result of its call.
pub(super) fn resume(deployed: &Deployed, mut exchange: Exchange, result: CallResult) -> Outcome {
    let next = match deployed.api.protocol {
        ApiProtocol::Rest => rest::integration_response::on_result(deployed, &mut exchange, result),
        ApiProtocol::Http => http_api::integration::on_result(deployed, &mut exchange, result),
    };
    conclude(deployed, exchange, next)
}

/// Routes a request in its stage: an HTTP API answers CORS preflights
/// itself and sends what no route takes to its `$default` route.
fn start(
    deployed: &Deployed,
    request: Request,
    resource_path: String,
    ids: RequestIds,
    stage: StageRun,
    invocation: Invocation,
    mut log: Option<ExecutionLog>,
) -> Outcome {
    let protocol = deployed.api.protocol;
    let api = &deployed.api;
    let test = invocation == Invocation::Test;
    let scope = RequestScope::unrouted(&request, &ids, &resource_path, &stage, test);
    let preflight = match (protocol, &api.cors) {
        (ApiProtocol::Http, Some(cors)) => http_api::cors::preflight(cors, &scope),
        _ => None,
    };
    if let Some(mut response) = preflight {
        if let Some(log) = log.as_mut() {
            log.line("CORS preflight answered by the API's CORS configuration");
        }
        response.log = log.map(ExecutionLog::finish);
        return Outcome::Respond(response);
    }
    let routed = deployed
        .router
        .route(api, &request.method, &resource_path)
        .map(|route| {
            let key = route.method_key(&request.method).to_string();
            (route, key)
        })
        .or_else(|| match protocol {
            ApiProtocol::Rest => None,
            ApiProtocol::Http => api.resources[0]
                .methods
                .contains_key(DEFAULT_ROUTE)
                .then(|| (Route::root(), DEFAULT_ROUTE.to_string())),
        });
    let Some((route, method_key)) = routed else {
        let mut response = match protocol {
            ApiProtocol::Rest => rest::gateway_response::send(
                deployed,
                &Failure::new(ResponseType::MissingAuthenticationToken),
                &scope,
                None,
            ),
            ApiProtocol::Http => http_api::response::error(404, "Not Found", &scope),
        };
        if let Some(log) = log.as_mut() {
            log.line(format!(
                "Missing Authentication Token for {} {resource_path}",
                request.method
            ));
        }
        response.log = log.map(ExecutionLog::finish);
        return Outcome::Respond(response);
    };
    let path_params = route.path_params(api, &resource_path);
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
        invocation,
        log,
        waiting: Waiting::Http,
        traced: false,
        response_override: ResponseOverride::default(),
    };
    integrate(deployed, exchange)
}

/// The method request and the integration request: the request becomes a
/// call for the host, or is answered at once.
fn integrate(deployed: &Deployed, mut exchange: Exchange) -> Outcome {
    if let Some(log) = exchange.log.as_mut() {
        let resource_path = &deployed.api.resources[exchange.route.resource].path;
        log.line(format!(
            "Starting execution for request: {}",
            exchange.ids.request_id
        ));
        log.line(format!(
            "HTTP Method: {}, Resource Path: {resource_path}",
            exchange.request.method
        ));
        log_method_request(log, &exchange.request, &exchange.path_params);
    }
    let next = match deployed.api.protocol {
        ApiProtocol::Rest => match rest::method_request::check(deployed, &mut exchange) {
            Ok(()) => rest::integration_request::integrate(deployed, &mut exchange),
            Err(abort) => Next::Fail(abort),
        },
        ApiProtocol::Http => http_api::integration::integrate(deployed, &exchange),
    };
    conclude(deployed, exchange, next)
}

/// Carries out what a stage decided.
fn conclude(deployed: &Deployed, mut exchange: Exchange, next: Next) -> Outcome {
    match next {
        Next::Call(outgoing) => {
            let Outgoing {
                target,
                waiting,
                timeout_ms,
                log_lines,
                overrides,
            } = *outgoing;
            for line in log_lines {
                exchange.line(line);
            }
            exchange.waiting = waiting;
            exchange.traced = waiting != Waiting::HttpProxy;
            exchange.response_override = overrides;
            Outcome::Call(Box::new(Parked {
                exchange,
                target,
                timeout_ms,
            }))
        }
        Next::Respond(answer) => Outcome::Respond(respond(deployed, exchange, answer)),
        Next::Fail(abort) => Outcome::Respond(fail(deployed, exchange, abort)),
    }
}

/// Sends the method response; a console test's ends the execution log.
fn respond(deployed: &Deployed, mut exchange: Exchange, answer: Answer) -> Response {
    if exchange.invocation == Invocation::Test {
        return respond::test_response(&mut exchange, answer);
    }
    let mut response = match deployed.api.protocol {
        ApiProtocol::Rest => rest::method_response::send(&exchange, answer),
        ApiProtocol::Http => http_api::response::send(deployed, &exchange, answer),
    };
    if let Some(mut log) = exchange.log.take() {
        log.line(format!("Method completed with status: {}", response.status));
        response.log = Some(log.finish());
    }
    response
}

/// Ends a request with a gateway response (an HTTP API's error), logging why.
fn fail(deployed: &Deployed, mut exchange: Exchange, abort: Abort) -> Response {
    let mut response = {
        let scope = exchange.scope();
        match deployed.api.protocol {
            ApiProtocol::Rest => {
                // The console shows only the error type of a gateway response.
                let trace = (exchange.traced && exchange.invocation == Invocation::Stage)
                    .then(|| exchange.ids.sampled_trace());
                rest::gateway_response::send(deployed, &abort.failure, &scope, trace)
            }
            ApiProtocol::Http => http_api::response::failure(&abort.failure, &scope),
        }
    };
    let stage_request = exchange.invocation == Invocation::Stage;
    if let Some(log) = exchange.log.as_mut() {
        log.line(&abort.log_line);
        if let Some(detail) = abort.detail.as_ref().filter(|_| stage_request) {
            log.line(format!("Portico: {detail}"));
        }
        log.line(format!("Method completed with status: {}", response.status));
    }
    response.log = exchange.log.take().map(ExecutionLog::finish);
    response
}
