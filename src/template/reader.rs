//! The template as a whole: its parameters and conditions, its resources
//! (those whose condition holds), SAM's `Globals`, and which API it serves.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::functions::template_functions;
use super::parts::{Template, IMPLICIT_HTTP_API, IMPLICIT_REST_API};
use super::{TemplateOptions, Translated};
use crate::error::{Error, ErrorKind};
use crate::openapi::intrinsics::{Resolver, ResourceRef, Scope, Stack};
use crate::openapi::json::{invalid, object, Pointer};
use crate::openapi::Warning;

/// Whether a parsed definition is a CloudFormation or SAM template rather
/// than an OpenAPI document.
pub(crate) fn is_template(doc: &Value) -> bool {
    let Some(top) = doc.as_object() else {
        return false;
    };
    if top.contains_key("openapi") || top.contains_key("swagger") {
        return false;
    }
    top.contains_key("AWSTemplateFormatVersion")
        || top.contains_key("Transform")
        || top
            .get("Resources")
            .and_then(Value::as_object)
            .is_some_and(|r| {
                r.values()
                    .any(|v| v.get("Type").is_some_and(Value::is_string))
            })
}

/// The kinds of API a template can define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ApiKind {
    /// `AWS::Serverless::Api`, or SAM's implicit `ServerlessRestApi`.
    SamRest,
    /// `AWS::Serverless::HttpApi`, or SAM's implicit `ServerlessHttpApi`.
    SamHttp,
    /// `AWS::ApiGateway::RestApi`.
    CfnRest,
    /// `AWS::ApiGatewayV2::Api`.
    CfnV2,
}

/// The property that names a resource of a type, as `Ref` returns it.
fn name_property(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => "FunctionName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::StepFunctions::StateMachine" => "StateMachineName",
        "AWS::Serverless::StateMachine" | "AWS::Events::EventBus" | "AWS::Kinesis::Stream" => {
            "Name"
        }
        "AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable" => "TableName",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::IAM::Role" => "RoleName",
        "AWS::ApiGateway::Model" => "Name",
        "AWS::ApiGateway::Stage" => "StageName",
        _ => return None,
    })
}

/// Reads a template and translates the API it serves.
///
/// # Errors
///
/// A template that names no API, an `api` option that names none of its
/// APIs, a parameter with no value, or a resource Portico cannot read; the
/// error names the JSON pointer and the fix.
pub(crate) fn translate(doc: &Value, options: &TemplateOptions) -> Result<Translated, Error> {
    let root = Pointer::root();
    let top = object(doc, &root, "the template")?;
    let mut warnings = Vec::new();
    let mut scope = Scope {
        stack_name: "portico".to_string(),
        ..Scope::default()
    };
    parameters(top, options, &mut scope, &mut warnings)?;
    if let Some(Value::Object(m)) = top.get("Mappings") {
        scope.mappings = m.clone();
    }
    if let Some(Value::Object(c)) = top.get("Conditions") {
        scope.conditions = c.clone();
    }
    let stack = Stack {
        region: options.region.clone(),
        account_id: options.account_id.clone(),
    };
    let resources_at = root.key("Resources");
    let all = match top.get("Resources") {
        Some(r) => object(r, &resources_at, "`Resources`")?,
        None => return Err(no_api(&Map::new())),
    };
    // Conditions first: a resource whose condition fails does not exist.
    let mut resources = Vec::new();
    for (id, resource) in all {
        let resource = object(resource, &resources_at.key(id), "a resource")?;
        if let Some(Value::String(condition)) = resource.get("Condition") {
            let mut resolver = Resolver::new(&stack, Some(&scope));
            if !resolver.holds(condition, &resources_at.key(id).key("Condition"))? {
                continue;
            }
        }
        resources.push((id.as_str(), resource));
    }
    for (id, resource) in &resources {
        let kind = resource
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let name = name_property(kind)
            .and_then(|p| resource.get("Properties")?.get(p))
            .and_then(Value::as_str)
            .map(str::to_string);
        scope.resources.insert(
            id.to_string(),
            ResourceRef {
                kind: kind.to_string(),
                name,
            },
        );
        if kind == "AWS::Serverless::Function"
            && resource
                .get("Properties")
                .and_then(|p| p.get("Role"))
                .is_none()
        {
            scope.resources.insert(
                format!("{id}Role"),
                ResourceRef {
                    kind: "AWS::IAM::Role".to_string(),
                    name: None,
                },
            );
        }
    }
    // Names written with intrinsics (`!Sub ${AWS::StackName}-items`) resolve
    // once every plain name is known.
    let named: Vec<(String, Value)> = resources
        .iter()
        .filter_map(|(id, r)| {
            let kind = r.get("Type")?.as_str()?;
            let value = r.get("Properties")?.get(name_property(kind)?)?;
            (!value.is_string()).then(|| (id.to_string(), value.clone()))
        })
        .collect();
    for (id, value) in named {
        let mut resolver = Resolver::new(&stack, Some(&scope));
        let at = resources_at.key(&id).key("Properties");
        if let Ok(Value::String(name)) = resolver.string(&value, &at).map(Value::String) {
            if let Some(r) = scope.resources.get_mut(&id) {
                r.name = Some(name);
            }
        }
    }
    let globals = match top.get("Globals") {
        Some(Value::Object(g)) => g.clone(),
        _ => Map::new(),
    };
    let mut template = Template {
        resources,
        stack,
        scope,
        globals,
        warnings,
        files: options.files,
    };
    let apis = apis(&template);
    for (id, kind) in &apis {
        let implicit = match kind {
            ApiKind::SamRest => IMPLICIT_REST_API,
            ApiKind::SamHttp => IMPLICIT_HTTP_API,
            _ => continue,
        };
        if id == implicit {
            template.scope.resources.insert(
                id.clone(),
                ResourceRef {
                    kind: if *kind == ApiKind::SamRest {
                        "AWS::Serverless::Api"
                    } else {
                        "AWS::Serverless::HttpApi"
                    }
                    .to_string(),
                    name: None,
                },
            );
        }
    }
    let (api_id, kind) = choose(&mut template, &apis, options.api, all)?;
    let api = match kind {
        ApiKind::SamRest => template.sam_rest_api(&api_id)?,
        ApiKind::SamHttp => template.sam_http_api(&api_id)?,
        ApiKind::CfnRest => template.cfn_rest_api(&api_id)?,
        ApiKind::CfnV2 => template.cfn_v2_api(&api_id)?,
    };
    let functions = template_functions(&mut template)?;
    let mut origins = api.origins;
    origins.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
    Ok(Translated {
        document: api.document,
        stage: api.stage,
        stage_variables: api.stage_variables,
        warnings: template.warnings,
        functions,
        origins,
    })
}

/// The template's parameters: overrides, else their `Default`.
fn parameters(
    top: &Map<String, Value>,
    options: &TemplateOptions,
    scope: &mut Scope,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let at = Pointer::root().key("Parameters");
    let declared = match top.get("Parameters") {
        Some(p) => object(p, &at, "`Parameters`")?.clone(),
        None => Map::new(),
    };
    let overrides = options.parameters.cloned().unwrap_or_default();
    for name in overrides.keys() {
        if !declared.contains_key(name) {
            warnings.push(Warning {
                pointer: at.0.clone(),
                message: format!(
                    "the parameter override `{name}` names no parameter of the template (it has: {})",
                    listed(declared.keys().map(String::as_str))
                ),
            });
        }
    }
    for (name, declaration) in &declared {
        let pat = at.key(name);
        let kind = declaration
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or("String");
        let value = match overrides.get(name) {
            Some(v) => v.clone(),
            None => match declaration.get("Default") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                Some(Value::Bool(b)) => b.to_string(),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
                    .collect::<Vec<_>>()
                    .join(","),
                _ => {
                    return Err(invalid(
                        &pat,
                        format!("the parameter `{name}` has no `Default`; give it a value with the `parameters` option ({{ {name}: '...' }}) or `--parameter-overrides {name}=...`"),
                    ))
                }
            },
        };
        if kind.starts_with("AWS::SSM::Parameter::Value") {
            warnings.push(Warning {
                pointer: pat.0.clone(),
                message: format!("the SSM parameter `{value}` cannot be read here; its name stands in for its value (pass the value with `parameters`)"),
            });
        }
        let value = if kind == "CommaDelimitedList" || kind.starts_with("List<") {
            Value::Array(
                value
                    .split(',')
                    .map(|s| Value::String(s.trim().to_string()))
                    .collect(),
            )
        } else {
            Value::String(value)
        };
        scope.parameters.insert(name.clone(), value);
    }
    Ok(())
}

/// A list of names as messages give it.
pub(super) fn listed<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// The APIs a template defines, in document order; SAM's implicit APIs
/// where the first function whose events make them is.
fn apis(template: &Template) -> Vec<(String, ApiKind)> {
    let mut out: Vec<(String, ApiKind)> = Vec::new();
    for (id, resource) in &template.resources {
        let kind = match resource.get("Type").and_then(Value::as_str) {
            Some("AWS::Serverless::Api") => Some(ApiKind::SamRest),
            Some("AWS::Serverless::HttpApi") => Some(ApiKind::SamHttp),
            Some("AWS::ApiGateway::RestApi") => Some(ApiKind::CfnRest),
            Some("AWS::ApiGatewayV2::Api") => Some(ApiKind::CfnV2),
            Some("AWS::Serverless::Function") => {
                let events = resource
                    .get("Properties")
                    .and_then(|p| p.get("Events"))
                    .and_then(Value::as_object);
                for event in events.into_iter().flat_map(|e| e.values()) {
                    let props = event.get("Properties");
                    let implicit = match event.get("Type").and_then(Value::as_str) {
                        Some("Api") if props.and_then(|p| p.get("RestApiId")).is_none() => {
                            Some((IMPLICIT_REST_API, ApiKind::SamRest))
                        }
                        Some("HttpApi") if props.and_then(|p| p.get("ApiId")).is_none() => {
                            Some((IMPLICIT_HTTP_API, ApiKind::SamHttp))
                        }
                        _ => None,
                    };
                    if let Some((name, kind)) = implicit {
                        if !out.iter().any(|(n, _)| n == name) {
                            out.push((name.to_string(), kind));
                        }
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(kind) = kind {
            out.push((id.to_string(), kind));
        }
    }
    out
}

/// The API to serve: the one `api` names, else the first (with a warning
/// that names the others).
fn choose(
    template: &mut Template,
    apis: &[(String, ApiKind)],
    wanted: Option<&str>,
    all: &Map<String, Value>,
) -> Result<(String, ApiKind), Error> {
    let names = || listed(apis.iter().map(|(n, _)| n.as_str()));
    if let Some(wanted) = wanted {
        return apis
            .iter()
            .find(|(n, _)| n == wanted)
            .cloned()
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidCall,
                    format!("the `api` option names `{wanted}`, which is not an API of the template; its APIs: {}", names()),
                )
            });
    }
    let Some(first) = apis.first().cloned() else {
        return Err(no_api(all));
    };
    if apis.len() > 1 {
        let others = listed(apis[1..].iter().map(|(n, _)| n.as_str()));
        let at = Pointer::root().key("Resources").key(&first.0);
        template.warn(
            &at,
            format!("the template defines {} APIs; Portico serves `{}`, the first; the others ({others}) are served with the `api` option (`--api <logicalId>`)", apis.len(), first.0),
        );
    }
    Ok(first)
}

/// The error for a template with no API, listing what it has.
fn no_api(all: &Map<String, Value>) -> Error {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for resource in all.values() {
        let kind = resource
            .get("Type")
            .and_then(Value::as_str)
            .unwrap_or("(no Type)");
        *counts.entry(kind).or_default() += 1;
    }
    let has: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    Error::new(
        ErrorKind::InvalidDefinition,
        format!(
            "the template defines no API: Portico serves an `AWS::Serverless::Api`, `AWS::Serverless::HttpApi`, `AWS::ApiGateway::RestApi` or `AWS::ApiGatewayV2::Api`, or an `AWS::Serverless::Function` with `Api` or `HttpApi` events; the template has {}",
            if has.is_empty() { "no resources".to_string() } else { has.join(", ") }
        ),
    )
    .at("/Resources")
}
