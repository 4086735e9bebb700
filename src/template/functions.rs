//! The Lambda functions an API invokes (its integrations and authorizers),
//! with what the template says about each: what `lambdas` is keyed by, and
//! where a local server finds the code.

use std::collections::BTreeMap;

use serde_json::Value;

use super::output::string_map;
use super::parts::Template;
use super::sam::operation_pointer;
use crate::error::{escape_pointer_token, Error};
use crate::model::{RestApi, DEFAULT_ROUTE};

/// A Lambda function the API invokes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FunctionInfo {
    /// The function's name in its ARN: the key `lambdas` is looked up by.
    pub name: String,
    /// The function's ARN.
    pub arn: String,
    /// Where the definition references it (a JSON pointer).
    pub pointer: String,
    /// The template's logical id for it.
    pub logical_id: Option<String>,
    /// Its `FunctionName` property.
    pub function_name: Option<String>,
    /// Its `Handler` (`app.lambdaHandler`).
    pub handler: Option<String>,
    /// Its `CodeUri` (relative to the template).
    pub code_uri: Option<String>,
    /// Its `Runtime` (`nodejs20.x`).
    pub runtime: Option<String>,
    /// Its `Environment.Variables`.
    pub environment: BTreeMap<String, String>,
    /// Its `Timeout` in seconds.
    pub timeout: Option<u32>,
    /// Its `MemorySize` in MB.
    pub memory_size: Option<u32>,
    /// The asset folder CDK names in `Metadata.aws:asset:path`.
    pub asset_path: Option<String>,
}

/// Every function a template declares.
pub(super) fn template_functions(template: &mut Template) -> Result<Vec<FunctionInfo>, Error> {
    let mut out = Vec::new();
    let ids: Vec<(String, bool)> = template
        .resources
        .iter()
        .filter_map(|(id, r)| match r.get("Type").and_then(Value::as_str) {
            Some("AWS::Serverless::Function") => Some((id.to_string(), true)),
            Some("AWS::Lambda::Function") => Some((id.to_string(), false)),
            _ => None,
        })
        .collect();
    for (id, serverless) in ids {
        let props = template.properties(&id)?;
        let text = |key: &str| props.get(key).and_then(Value::as_str).map(str::to_string);
        let number = |key: &str| {
            props
                .get(key)
                .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
                .map(|n| n as u32)
        };
        let function_name = text("FunctionName");
        let code_uri = if serverless { text("CodeUri") } else { None };
        let asset_path = template
            .metadata(&id)
            .and_then(|m| m.get("aws:asset:path"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let environment = string_map(props.get("Environment").and_then(|e| e.get("Variables")));
        out.push(FunctionInfo {
            name: function_name.clone().unwrap_or_else(|| id.clone()),
            arn: template.function_arn(&id),
            pointer: format!("/Resources/{id}"),
            logical_id: Some(id.clone()),
            function_name,
            handler: text("Handler"),
            code_uri,
            runtime: text("Runtime"),
            environment,
            timeout: number("Timeout"),
            memory_size: number("MemorySize"),
            asset_path,
        });
    }
    Ok(out)
}

/// The functions an API invokes: each Lambda ARN in an integration's
/// `uri` or an authorizer's `authorizerUri`, with the pointer of the
/// OpenAPI field that names it, each name once.
pub(crate) fn invoked(api: &RestApi) -> Vec<FunctionInfo> {
    let mut out: Vec<FunctionInfo> = Vec::new();
    let mut add = |uri: Option<&String>, pointer: String| {
        let Some((arn, name)) = uri.and_then(|u| function_of(u)) else {
            return;
        };
        if !out.iter().any(|f| f.name == name) {
            out.push(FunctionInfo {
                name,
                arn,
                pointer,
                ..FunctionInfo::default()
            });
        }
    };
    for resource in &api.resources {
        for (key, method) in &resource.methods {
            let (path, operation) = match key.as_str() {
                DEFAULT_ROUTE => ("/$default", "x-amazon-apigateway-any-method".to_string()),
                "ANY" => (
                    resource.path.as_str(),
                    "x-amazon-apigateway-any-method".to_string(),
                ),
                other => (resource.path.as_str(), other.to_ascii_lowercase()),
            };
            let uri = method.integration.as_ref().and_then(|i| i.uri.as_ref());
            let pointer = format!(
                "{}/x-amazon-apigateway-integration/uri",
                operation_pointer(path, &operation)
            );
            add(uri, pointer);
        }
    }
    for (name, authorizer) in &api.authorizers {
        let pointer = format!(
            "/components/securitySchemes/{}/x-amazon-apigateway-authorizer/authorizerUri",
            escape_pointer_token(name)
        );
        add(authorizer.authorizer_uri.as_ref(), pointer);
    }
    out
}

/// The function ARN (unqualified) and name a Lambda integration URI or an
/// HTTP API's function ARN names; none when a stage variable picks it.
fn function_of(uri: &str) -> Option<(String, String)> {
    let arn = match uri.split_once(":lambda:path/2015-03-31/functions/") {
        Some((_, rest)) => rest.strip_suffix("/invocations").unwrap_or(rest),
        None if uri.starts_with("arn:") && uri.contains(":lambda:") => uri,
        None => return None,
    };
    let (_, after) = arn.split_once(":function:")?;
    let name = after.split(':').next()?;
    if name.is_empty() || name.contains("${") {
        return None;
    }
    let unqualified = &arn[..arn.len() - after.len() + name.len()];
    Some((unqualified.to_string(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::function_of;

    #[test]
    fn function_names_come_from_integration_uris() {
        let uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:Hello:live/invocations";
        assert_eq!(
            function_of(uri),
            Some((
                "arn:aws:lambda:us-east-1:1:function:Hello".to_string(),
                "Hello".to_string()
            ))
        );
        assert_eq!(
            function_of("arn:aws:lambda:us-east-1:1:function:Bye"),
            Some((
                "arn:aws:lambda:us-east-1:1:function:Bye".to_string(),
                "Bye".to_string()
            ))
        );
        assert_eq!(function_of("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${stageVariables.fn}/invocations"), None);
        assert_eq!(function_of("https://example.com"), None);
    }
}
