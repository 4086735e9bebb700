//! Integration request: what the backend receives.

use std::collections::BTreeMap;

use super::gateway_response::ResponseType;
use super::log::{java_map, ExecutionLog};
use super::LambdaInvoke;
use crate::http::Request;
use crate::model::{Integration, PassthroughBehavior};

/// The content type whose request template applies, or `None` to pass the
/// body through; `Err` when the passthrough behaviour refuses the request.
pub(super) fn template_for(
    integration: &Integration,
    request: &Request,
) -> Result<Option<String>, ResponseType> {
    // API Gateway assumes application/json when the client sends no Content-Type.
    let content_type = request
        .header("Content-Type")
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_else(|| "application/json".to_string());
    if integration.request_templates.contains_key(&content_type) {
        return Ok(Some(content_type));
    }
    match integration.passthrough_behavior {
        PassthroughBehavior::WhenNoMatch => Ok(None),
        PassthroughBehavior::WhenNoTemplates if integration.request_templates.is_empty() => {
            Ok(None)
        }
        _ => Err(ResponseType::UnsupportedMediaType),
    }
}

/// The status a MOCK integration's rendered request template asks for:
/// `{"statusCode": 200}`, also in the common not-quite-JSON `{statusCode: 200}`.
pub(super) fn mock_status(text: &str) -> Option<u16> {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(text) {
        return match map.get("statusCode")? {
            serde_json::Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
    }
    let at = text.find("statusCode")?;
    let rest = text[at + "statusCode".len()..].trim_start();
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The function an integration URI names:
/// `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations`,
/// with `${stageVariables.x}` substituted.
pub(super) fn lambda_target(
    uri: &str,
    stage_variables: &BTreeMap<String, String>,
) -> Option<LambdaInvoke> {
    let uri = substitute_stage_variables(uri, stage_variables);
    let rest = uri.split_once(":lambda:path/")?.1;
    let function = rest
        .split_once("/functions/")?
        .1
        .strip_suffix("/invocations")?;
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
        payload: Vec::new(),
    })
}

/// Replaces `${stageVariables.name}` with the variable's value (empty when unset).
pub(super) fn substitute_stage_variables(text: &str, vars: &BTreeMap<String, String>) -> String {
    const OPEN: &str = "${stageVariables.";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        match after.find('}') {
            Some(end) => {
                out.push_str(vars.get(&after[..end]).map(String::as_str).unwrap_or(""));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub(super) fn log_method_request(
    log: &mut ExecutionLog,
    request: &Request,
    path_params: &[(String, String)],
) {
    log.line(format!(
        "Method request path: {}",
        java_map(path_params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    ));
    let query: Vec<(&str, &str)> = request
        .query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    log.line(format!("Method request query string: {}", java_map(query)));
    log.line(format!(
        "Method request headers: {}",
        java_map(
            request
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
        )
    ));
    log.line(format!(
        "Method request body before transformations: {}",
        String::from_utf8_lossy(&request.body)
    ));
}

pub(super) fn log_lambda_request(
    log: &mut ExecutionLog,
    target: &LambdaInvoke,
    payload: &[u8],
    region: &str,
) {
    let region = if target.region.is_empty() {
        region
    } else {
        &target.region
    };
    let uri = format!(
        "https://lambda.{region}.amazonaws.com/2015-03-31/functions/{}/invocations",
        target.function_arn
    );
    log.line(format!("Endpoint request URI: {uri}"));
    log.line(format!(
        "Endpoint request body after transformations: {}",
        String::from_utf8_lossy(payload)
    ));
    log.line(format!("Sending request to {uri}"));
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
        assert!(lambda_target(
            "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
            &vars
        )
        .is_none());
    }

    #[test]
    fn mock_status_reads_json_and_the_common_shorthand() {
        assert_eq!(mock_status(r#"{"statusCode": 200}"#), Some(200));
        assert_eq!(mock_status("{statusCode: 404}"), Some(404));
        assert_eq!(mock_status("{ 'statusCode' : '500' }"), Some(500));
        assert_eq!(mock_status("{}"), None);
    }
}
