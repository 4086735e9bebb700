//! A Lambda invocation as API Gateway makes it: the function an
//! integration URI names, and the execution log's lines about the Invoke
//! request and Lambda's answer.

use std::collections::BTreeMap;

use crate::pipeline::deployed::Deployed;
use crate::pipeline::exchange::Exchange;
use crate::pipeline::failure::Abort;
use crate::pipeline::log::{
    endpoint_request_lines, java_map, masked_authorization, security_token,
};
use crate::pipeline::params::substitute_stage_variables;
use crate::pipeline::step::LambdaInvoke;

/// The execution-log lines of a Lambda invocation request.
pub(crate) fn invocation_log_lines(
    deployed: &Deployed,
    exchange: &Exchange,
    target: &LambdaInvoke,
    payload: &[u8],
) -> Vec<String> {
    if exchange.log.is_none() {
        return Vec::new();
    }
    let region = if target.region.is_empty() {
        deployed.deployment.region.as_str()
    } else {
        &target.region
    };
    let uri = format!(
        "https://lambda.{region}.amazonaws.com/2015-03-31/functions/{}/invocations",
        target.function_arn
    );
    let api_id = &deployed.api.id;
    let time = crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms);
    let resource_path = exchange.resource_path.trim_start_matches('/');
    let source_arn = format!(
        "arn:aws:execute-api:{region}:{}:{api_id}/{}/{}/{resource_path}",
        deployed.deployment.account_id, exchange.stage.name, exchange.request.method
    );
    let signature = crate::ids::sha256_hex(exchange.ids.request_id.as_bytes());
    let headers: Vec<(String, String)> = [
        ("X-Amz-Date", time.amz_date()),
        ("x-amzn-apigateway-api-id", api_id.clone()),
        ("Accept", "application/json".to_string()),
        ("User-Agent", format!("AmazonAPIGateway_{api_id}")),
        ("Host", format!("lambda.{region}.amazonaws.com")),
        ("X-Amz-Content-Sha256", crate::ids::sha256_hex(payload)),
        ("X-Amzn-Trace-Id", exchange.ids.trace_id.clone()),
        (
            "x-amzn-lambda-integration-tag",
            exchange.ids.request_id.clone(),
        ),
        ("Authorization", masked_authorization(&signature)),
        ("X-Amz-Source-Arn", source_arn),
        ("X-Amz-Security-Token", security_token(&exchange.ids)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    // Lambda's request map has grown past 12 entries: 32 buckets.
    endpoint_request_lines(&uri, &headers, payload, 32)
}

/// The function an integration URI names, or the configuration error
/// that ends the request when it names none.
pub(crate) fn function_for(
    uri: &str,
    stage_variables: &BTreeMap<String, String>,
) -> Result<LambdaInvoke, Abort> {
    lambda_target(uri, stage_variables).ok_or_else(|| {
        Abort::configuration(format!(
            "Execution failed due to configuration error: `{uri}` is not a Lambda function invocation URI"
        ))
    })
}

/// The function an integration URI names:
/// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`,
/// with `${stageVariables.x}` substituted; a response streaming URI
/// (`.../2021-11-15/functions/{ARN}/response-streaming-invocations`) names
/// its function the same way, and is invoked buffered.
fn lambda_target(uri: &str, stage_variables: &BTreeMap<String, String>) -> Option<LambdaInvoke> {
    let uri = substitute_stage_variables(uri, stage_variables);
    let rest = uri.split_once(":lambda:path/")?.1;
    let invocation = rest.split_once("/functions/")?.1;
    let function = invocation
        .strip_suffix("/response-streaming-invocations")
        .or_else(|| invocation.strip_suffix("/invocations"))?;
    let mut parts = function.split(':');
    let (name, qualifier, region) = if function.starts_with("arn:") {
        // arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]
        let region = parts.nth(3)?.to_string();
        let kind = parts.nth(1)?;
        if kind != "function" {
            return None;
        }
        let name = parts.next()?.to_string();
        (name, parts.next().map(str::to_string), region)
    } else {
        let name = parts.next()?.to_string();
        let region = uri.split(':').nth(3).unwrap_or_default().to_string();
        (name, parts.next().map(str::to_string), region)
    };
    if name.is_empty() {
        return None;
    }
    Some(LambdaInvoke {
        function_name: name,
        function_arn: function.to_string(),
        qualifier,
        region,
        request_id: String::new(),
        payload: Vec::new(),
    })
}

/// The `errorMessage` of a Lambda function error document.
pub(crate) fn error_message(payload: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| {
            v.get("errorMessage")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// The log lines of Lambda's answer in a test invocation: status, latency,
/// the Invoke API's response headers, the payload.
pub(crate) fn log_response(
    exchange: &mut Exchange,
    payload: &[u8],
    function_error: bool,
    latency_ms: u32,
) {
    let Some(log) = exchange.log.as_mut() else {
        return;
    };
    let ids = &exchange.ids;
    let time = crate::time::DateTime::from_epoch_ms(exchange.request.time_epoch_ms);
    log.line(format!(
        "Received response. Status: 200, Integration latency: {latency_ms} ms"
    ));
    let lambda_id = ids.derived_id(1);
    let length = payload.len().to_string();
    let trace = ids.trace_id.replacen("Root=", "root=", 1) + ";sampled=0";
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(9);
    let date = time.http_date();
    headers.push(("Date", &date));
    headers.push(("Content-Type", "application/json"));
    headers.push(("Content-Length", &length));
    headers.push(("Connection", "keep-alive"));
    headers.push(("x-amzn-RequestId", &lambda_id));
    if function_error {
        headers.push(("X-Amz-Function-Error", "Unhandled"));
    }
    headers.push(("x-amzn-Remapped-Content-Length", "0"));
    headers.push(("X-Amz-Executed-Version", "$LATEST"));
    headers.push(("X-Amzn-Trace-Id", &trace));
    log.line(format!("Endpoint response headers: {}", java_map(headers)));
    log.line(format!(
        "Endpoint response body before transformations: {}",
        String::from_utf8_lossy(payload)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_uris_name_the_function() {
        let vars = BTreeMap::from([("fn".to_string(), "orders".to_string())]);
        let t = lambda_target("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:API_test/invocations", &vars).unwrap();
        assert_eq!(
            (t.function_name.as_str(), t.qualifier, t.region.as_str()),
            ("API_test", None, "us-east-1")
        );
        assert_eq!(
            t.function_arn,
            "arn:aws:lambda:us-east-1:123456789012:function:API_test"
        );
        let t = lambda_target("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}:live/invocations", &vars).unwrap();
        assert_eq!(
            (t.function_name.as_str(), t.qualifier.as_deref()),
            ("orders", Some("live"))
        );
        let t = lambda_target("arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:1:function:Streamer/response-streaming-invocations", &vars).unwrap();
        assert_eq!(t.function_name, "Streamer");
        assert!(lambda_target(
            "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
            &vars
        )
        .is_none());
    }
}
