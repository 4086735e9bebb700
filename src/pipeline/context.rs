//! `$context` as mapping templates see it.

use super::deployed::Deployed;
use super::exchange::RequestScope;
use super::failure::Failure;
use crate::time::DateTime;
use crate::vtl::{Key, Map, Value};

fn s(text: &str) -> Value {
    Value::str(text)
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::map(
        entries
            .into_iter()
            .map(|(k, v)| (Key::from(k), v))
            .collect::<Map>(),
    )
}

/// The console test's caller: the console user's IAM identity on AWS, a
/// stand-in of the same shape here, with the test API key.
pub(super) const TEST_CALLER: &str = "AIDAPORTICOTESTINVOKE";
pub(super) const TEST_ACCESS_KEY: &str = "ASIAPORTICOTESTINVOKE";
pub(super) const TEST_API_KEY: &str = "test-invoke-api-key";
pub(super) const TEST_API_KEY_ID: &str = "test-invoke-api-key-id";
pub(super) const TEST_SOURCE_IP: &str = "test-invoke-source-ip";

/// The console test caller's ARN.
pub(super) fn test_user_arn(account_id: &str) -> String {
    format!("arn:aws:iam::{account_id}:user/portico")
}

/// The `$context` map of a request. `requestOverride` and
/// `responseOverride` are maps the template may fill.
pub(super) fn value(
    deployed: &Deployed,
    scope: &RequestScope<'_>,
    error: Option<&Failure>,
) -> Value {
    let request = scope.request;
    let resource = scope.resource.map(|r| &deployed.api.resources[r]);
    let api_id = deployed.api.id.as_str();
    let (domain, prefix) = domain(deployed, scope);
    let stage = scope.stage;
    let user_agent = request.header("User-Agent").map(s).unwrap_or(Value::Null);
    let account = deployed.deployment.account_id.as_str();
    let identity = if scope.test {
        let user_arn = test_user_arn(account);
        map(vec![
            ("accountId", s(account)),
            ("apiKey", s(TEST_API_KEY)),
            ("apiKeyId", s(TEST_API_KEY_ID)),
            ("caller", s(TEST_CALLER)),
            ("cognitoAuthenticationProvider", Value::Null),
            ("cognitoAuthenticationType", Value::Null),
            ("cognitoIdentityId", Value::Null),
            ("cognitoIdentityPoolId", Value::Null),
            ("principalOrgId", Value::Null),
            ("sourceIp", s(TEST_SOURCE_IP)),
            ("user", s(TEST_CALLER)),
            ("userAgent", user_agent),
            ("userArn", s(&user_arn)),
        ])
    } else {
        map(vec![
            ("accountId", Value::Null),
            ("apiKey", Value::Null),
            ("apiKeyId", Value::Null),
            ("caller", Value::Null),
            ("cognitoAuthenticationProvider", Value::Null),
            ("cognitoAuthenticationType", Value::Null),
            ("cognitoIdentityId", Value::Null),
            ("cognitoIdentityPoolId", Value::Null),
            ("principalOrgId", Value::Null),
            ("sourceIp", s(&request.source_ip)),
            ("user", Value::Null),
            ("userAgent", user_agent),
            ("userArn", Value::Null),
        ])
    };
    let overrides = |keys: &[&str]| {
        map(keys
            .iter()
            .map(|k| (*k, Value::map(Map::default())))
            .collect())
    };
    map(vec![
        ("accountId", s(&deployed.deployment.account_id)),
        ("apiId", s(api_id)),
        ("authorizer", Value::map(Map::default())),
        (
            "awsEndpointRequestId",
            scope.endpoint_request_id.map_or(Value::Null, s),
        ),
        ("deploymentId", s(&crate::model::resource_id(api_id, stage))),
        ("domainName", s(&domain)),
        ("domainPrefix", s(&prefix)),
        (
            "error",
            match error {
                None => map(vec![
                    ("message", Value::Null),
                    ("messageString", Value::Null),
                    ("responseType", Value::Null),
                    ("validationErrorString", Value::Null),
                ]),
                Some(failure) => map(vec![
                    ("message", failure.message.as_deref().map_or(Value::Null, s)),
                    ("messageString", s(&failure.message_string())),
                    ("responseType", s(failure.kind.name())),
                    (
                        "validationErrorString",
                        failure.validation_error.as_deref().map_or(Value::Null, s),
                    ),
                ]),
            },
        ),
        ("extendedRequestId", s(&scope.ids.extended_request_id)),
        ("httpMethod", s(&request.method)),
        ("identity", identity),
        ("isCanaryRequest", Value::Bool(scope.canary)),
        (
            "path",
            if scope.test {
                resource.map_or(Value::Null, |r| s(&r.path))
            } else {
                s(&format!("/{stage}{}", scope.resource_path))
            },
        ),
        ("protocol", s("HTTP/1.1")),
        ("requestId", s(&scope.ids.request_id)),
        (
            "requestOverride",
            overrides(&["header", "path", "querystring"]),
        ),
        (
            "requestTime",
            s(&DateTime::from_epoch_ms(request.time_epoch_ms).clf()),
        ),
        ("requestTimeEpoch", Value::Int(request.time_epoch_ms as i64)),
        ("resourceId", resource.map_or(Value::Null, |r| s(&r.id))),
        ("resourcePath", resource.map_or(Value::Null, |r| s(&r.path))),
        ("responseOverride", overrides(&["header"])),
        ("stage", s(stage)),
        // Set only for a stage with an AWS WAF web ACL, which Portico has no notion of.
        ("wafResponseCode", Value::Null),
        ("webaclArn", Value::Null),
        ("xrayTraceId", s(&scope.ids.trace_id)),
    ])
}

/// `$context.domainName` and `$context.domainPrefix`: the host the client
/// called (its `Host` header), else the API's execute-api domain; a console
/// test's are `testPrefix.testDomainName` and `testPrefix`.
pub(super) fn domain(deployed: &Deployed, scope: &RequestScope<'_>) -> (String, String) {
    if scope.test {
        return (
            "testPrefix.testDomainName".to_string(),
            "testPrefix".to_string(),
        );
    }
    let name = match scope.request.header("Host") {
        Some(host) if !host.is_empty() => host.to_string(),
        _ => format!(
            "{}.execute-api.{}.amazonaws.com",
            deployed.api.id, deployed.deployment.region
        ),
    };
    let prefix = name.split('.').next().unwrap_or_default().to_string();
    (name, prefix)
}
