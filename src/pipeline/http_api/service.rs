//! An HTTP API's first-class AWS service integration (`integrationSubtype`):
//! the action's parameters, each mapped from the request, sent as one JSON
//! object to the host's registered service (`services['sqs:SendMessage']`),
//! whose answer the client gets as it is.

use serde_json::{Map, Value};

use super::mapping::mapping_value;
use crate::model::{service_subtype, Integration};
use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::{Exchange, Waiting};
use crate::pipeline::failure::Abort;
use crate::pipeline::log::endpoint_request_lines;
use crate::pipeline::step::{AwsCall, Target};

/// The call a service integration makes, with its execution-log lines.
pub(super) fn service_call(
    deployed: &Deployed,
    exchange: &Exchange,
    integration: &Integration,
    subtype: &str,
) -> Result<(Target, Waiting, Vec<String>), Abort> {
    let spec = service_subtype(subtype).ok_or_else(|| {
        Abort::configuration(format!(
            "Execution failed due to configuration error: `{subtype}` is not an integration subtype"
        ))
    })?;
    let scope = exchange.scope();
    let route_path = &deployed.api.resources[exchange.route.resource].path;
    let mut parameters = Map::new();
    for (name, source) in &integration.request_parameters {
        // A source that resolves to nothing leaves the parameter out, as
        // API Gateway does for a missing header or body member.
        if let Some(value) = mapping_value(source, &scope, route_path) {
            parameters.insert(name.clone(), Value::String(value));
        }
    }
    let region = parameters
        .get("Region")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| deployed.deployment.region.clone());
    let body = Value::Object(parameters).to_string().into_bytes();
    let url = format!("https://{}.{region}.amazonaws.com/", spec.service);
    let headers = vec![(
        "Content-Type".to_string(),
        "application/x-amz-json-1.0".to_string(),
    )];
    let lines = if exchange.log.is_some() {
        endpoint_request_lines(&url, &headers, &body, 16)
    } else {
        Vec::new()
    };
    let call = AwsCall {
        service: spec.service.to_string(),
        region,
        action: Some(spec.action.to_string()),
        path: None,
        method: "POST".to_string(),
        url,
        headers,
        body,
    };
    Ok((Target::Aws(call), Waiting::Aws, lines))
}
