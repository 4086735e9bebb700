//! Method request: what a request must carry before it reaches the
//! integration. The method's request validator checks the required
//! parameters, then the body against the model for its content type.

use crate::model::Method;
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::{Exchange, RequestScope};
use crate::pipeline::failure::{Abort, Failure, ResponseType};

/// Runs the method's request validator, if it has one, and logs the
/// outcome; `Err` ends the request with the validator's gateway response.
pub(crate) fn check(deployed: &Deployed, exchange: &mut Exchange) -> Result<(), Abort> {
    let method = deployed.method_of(exchange);
    if let Some(line) = validate(deployed, method, &exchange.scope())? {
        exchange.line(line);
    }
    Ok(())
}

/// `Ok` carries the execution-log line of a validation that ran.
fn validate(
    deployed: &Deployed,
    method: &Method,
    scope: &RequestScope<'_>,
) -> Result<Option<String>, Abort> {
    let api = &deployed.api;
    let Some(validator) = method
        .request_validator
        .as_ref()
        .or(api.default_request_validator.as_ref())
        .and_then(|name| api.request_validators.get(name))
    else {
        return Ok(None);
    };
    if validator.validate_request_parameters {
        let missing = missing_parameters(method, scope);
        if !missing.is_empty() {
            let message = format!(
                "Missing required request parameters: [{}]",
                missing.join(", ")
            );
            let failure = Failure {
                validation_error: Some(message.clone()),
                ..Failure::new(ResponseType::BadRequestParameters).with_message(message.clone())
            };
            return Err(Abort::new(failure, message));
        }
    }
    let content_type = crate::http::media_type(scope.request.header("Content-Type"));
    if validator.validate_request_body {
        let model = method
            .request_models
            .get(&content_type)
            .or_else(|| method.request_models.get("$default"));
        if let Some(model) = model {
            if let Err(errors) = deployed.models.validate_body(model, &scope.request.body) {
                let detail = format!("[{}]", errors.join(", "));
                let line = format!(
                    "Request body does not match model schema for content type {content_type}: {detail}"
                );
                let failure = Failure {
                    validation_error: Some(detail),
                    ..Failure::new(ResponseType::BadRequestBody)
                };
                return Err(Abort::new(failure, line));
            }
        }
    }
    Ok(Some(format!(
        "Request validation succeeded for content type {content_type}"
    )))
}

/// The names of the required parameters the request lacks (or sends
/// empty), ordered by their full key (`method.request.header.*` before
/// `method.request.path.*` before `method.request.querystring.*`, then by
/// name), as API Gateway lists them.
fn missing_parameters(method: &Method, scope: &RequestScope<'_>) -> Vec<String> {
    let mut missing = Vec::new();
    // A BTreeMap iterates in key order, which is the order AWS lists them in.
    for (key, &required) in &method.request_parameters {
        if !required {
            continue;
        }
        let Some((location, name)) = key
            .strip_prefix("method.request.")
            .and_then(|k| k.split_once('.'))
        else {
            continue;
        };
        let present = match location {
            "header" | "multivalueheader" => scope
                .request
                .headers
                .iter()
                .any(|(n, v)| n.eq_ignore_ascii_case(name) && !v.is_empty()),
            "querystring" | "multivaluequerystring" => scope
                .query()
                .iter()
                .any(|(n, v)| n == name && !v.is_empty()),
            "path" => scope
                .path_params
                .iter()
                .any(|(n, v)| n == name && !v.is_empty()),
            _ => true,
        };
        if !present {
            missing.push(name.to_string());
        }
    }
    missing
}
