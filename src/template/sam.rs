//! The SAM transform of an API: `AWS::Serverless::Api` / `HttpApi` with
//! their definition, and the routes their functions' `Api` / `HttpApi`
//! events add, as the transform writes them into the OpenAPI document.

use serde_json::{json, Map, Value};

use super::output::{string_map, swagger_parameter};
use super::parts::{with_title, ApiDocument, Template, IMPLICIT_HTTP_API, IMPLICIT_REST_API};
use crate::error::{escape_pointer_token, Error};
use crate::openapi::intrinsics::Resolver;
use crate::openapi::json::{invalid, Pointer};
use crate::openapi::parse_document;

/// `AWS::Serverless::Api` properties read, or known to change nothing locally.
const REST_PROPERTIES: &[&str] = &[
    "StageName",
    "DefinitionBody",
    "DefinitionUri",
    "Cors",
    "Auth",
    "GatewayResponses",
    "Models",
    "Variables",
    "EndpointConfiguration",
    "BinaryMediaTypes",
    "Name",
    "Description",
    "Tags",
    "TracingEnabled",
    "AccessLogSetting",
    "OpenApiVersion",
    "PropagateTags",
    "FailOnWarnings",
    "Mode",
    "AlwaysDeploy",
    "ApiKeySourceType",
    "MergeDefinitions",
];

/// `AWS::Serverless::HttpApi` properties read, or known to change nothing locally.
const HTTP_PROPERTIES: &[&str] = &[
    "StageName",
    "DefinitionBody",
    "DefinitionUri",
    "CorsConfiguration",
    "Auth",
    "StageVariables",
    "Name",
    "Description",
    "Tags",
    "AccessLogSettings",
    "FailOnWarnings",
    "PropagateTags",
    "DefaultRouteSettings",
    "RouteSettings",
];

/// Where a function's event is in the template.
pub(super) fn event_pointer(function: &str, event: &str) -> Pointer {
    Pointer::root()
        .key("Resources")
        .key(function)
        .key("Properties")
        .key("Events")
        .key(event)
}

/// The pointer of an operation in an OpenAPI document.
pub(super) fn operation_pointer(path: &str, method: &str) -> String {
    format!("/paths/{}/{}", escape_pointer_token(path), method)
}

/// A Lambda proxy integration URI for a function ARN.
pub(super) fn invocation_uri(region: &str, arn: &str) -> String {
    format!("arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations")
}

/// An event's method as an OpenAPI operation key.
fn operation_key(method: &str) -> String {
    let lower = method.to_ascii_lowercase();
    if lower == "any" || lower == "x-amazon-apigateway-any-method" {
        "x-amazon-apigateway-any-method".to_string()
    } else {
        lower
    }
}

/// One `Api` or `HttpApi` event of a function, resolved.
pub(super) struct Event {
    pub function: String,
    pub name: String,
    pub properties: Map<String, Value>,
}

impl Template<'_> {
    /// The properties of an API, implicit ones included (only `Globals` then).
    fn api_properties(&mut self, id: &str, section: &str) -> Result<Map<String, Value>, Error> {
        if self.kind(id).is_some() {
            return self.properties(id);
        }
        let global = match self.globals.get(section) {
            Some(Value::Object(g)) => Value::Object(g.clone()),
            _ => return Ok(Map::new()),
        };
        let mut resolver = Resolver::new(&self.stack, Some(&self.scope));
        let resolved = resolver.tree(&global, &Pointer::root().key("Globals").key(section))?;
        self.warnings.append(&mut resolver.warnings);
        Ok(match resolved {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        })
    }

    /// The events of `event_type` that attach to the API `api_id`.
    fn events(
        &mut self,
        api_id: &str,
        event_type: &str,
        api_key: &str,
        implicit: &str,
    ) -> Result<Vec<Event>, Error> {
        let mut out = Vec::new();
        for function in self.of_kind("AWS::Serverless::Function") {
            let Some(Value::Object(events)) = self.raw_property(function, "Events") else {
                continue;
            };
            for (name, event) in events {
                if event.get("Type").and_then(Value::as_str) != Some(event_type) {
                    continue;
                }
                let raw = event.get("Properties");
                let target = raw.and_then(|p| p.get(api_key)).map(Template::raw_ref);
                let attached = match target {
                    None => api_id == implicit,
                    Some(named) => named == Some(api_id),
                };
                if !attached {
                    continue;
                }
                let at = event_pointer(function, name).key("Properties");
                let mut resolver = Resolver::new(&self.stack, Some(&self.scope));
                let resolved = match raw {
                    Some(raw) => resolver.tree(raw, &at)?,
                    None => None,
                };
                self.warnings.append(&mut resolver.warnings);
                let properties = match resolved {
                    Some(Value::Object(m)) => m,
                    _ => Map::new(),
                };
                out.push(Event {
                    function: function.to_string(),
                    name: name.clone(),
                    properties,
                });
            }
        }
        Ok(out)
    }

    /// The document a `DefinitionBody` or `DefinitionUri` gives, if any.
    fn definition(
        &mut self,
        id: &str,
        props: &Map<String, Value>,
        origins: &mut Vec<(String, String)>,
    ) -> Result<Option<Value>, Error> {
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        if let Some(body) = props.get("DefinitionBody") {
            origins.push((String::new(), at.key("DefinitionBody").0));
            let name = props.get("Name");
            return Ok(Some(with_title(body.clone(), name, &self.scope.stack_name)));
        }
        let Some(uri) = props.get("DefinitionUri") else {
            return Ok(None);
        };
        let uri_at = at.key("DefinitionUri");
        let Some(path) = uri.as_str().filter(|p| !p.starts_with("s3://")) else {
            return Err(invalid(
                &uri_at,
                "`DefinitionUri` names an S3 object, which Portico cannot fetch; download it and give its local path (relative to the template)",
            ));
        };
        let path = path.trim_start_matches("./");
        let text = self
            .files
            .and_then(|f| f.get(path).or_else(|| f.get(&format!("./{path}"))));
        let Some(text) = text else {
            return Err(invalid(
                &uri_at,
                format!("`DefinitionUri` names the file `{path}`, which was not given: pass its text in the `files` option (`files: {{ '{path}': text }}`); `portico serve` reads it relative to the template"),
            ));
        };
        let parsed = parse_document(text)
            .map_err(|e| invalid(&uri_at, format!("the file `{path}` does not parse: {e}")))?;
        // Intrinsics in the file resolve in the template's scope, as SAM's
        // transform does for an `AWS::Include`d definition.
        let mut resolver = Resolver::new(&self.stack, Some(&self.scope));
        let resolved = resolver.tree(&parsed, &Pointer::root())?;
        for mut w in resolver.warnings.drain(..) {
            w.message = format!("in `{path}`: {}", w.message);
            self.warnings.push(w);
        }
        Ok(resolved)
    }

    /// Warns about the properties of an API that Portico does not read.
    fn unread(&mut self, id: &str, props: &Map<String, Value>, known: &[&str], what: &str) {
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        for key in props.keys() {
            if !known.contains(&key.as_str()) {
                self.warn(
                    &at.key(key),
                    format!(
                        "the {what} property `{key}` is not read by Portico; it has no effect here"
                    ),
                );
            }
        }
    }

    /// An `AWS::Serverless::Api`, or the implicit `ServerlessRestApi`.
    pub(super) fn sam_rest_api(&mut self, id: &str) -> Result<ApiDocument, Error> {
        let props = self.api_properties(id, "Api")?;
        self.unread(id, &props, REST_PROPERTIES, "`AWS::Serverless::Api`");
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        let mut origins = Vec::new();
        let mut doc = match self.definition(id, &props, &mut origins)? {
            Some(doc) => doc,
            None => json!({
                "swagger": "2.0",
                "info": { "version": "1.0", "title": props.get("Name").and_then(Value::as_str).unwrap_or(&self.scope.stack_name) },
                "paths": {},
            }),
        };
        let events = self.events(id, "Api", "RestApiId", IMPLICIT_REST_API)?;
        let auth = props
            .get("Auth")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for event in &events {
            let at = event_pointer(&event.function, &event.name).key("Properties");
            let (Some(path), Some(method)) = (
                event.properties.get("Path").and_then(Value::as_str),
                event.properties.get("Method").and_then(Value::as_str),
            ) else {
                return Err(invalid(&at, "an `Api` event needs a `Path` and a `Method`"));
            };
            let key = operation_key(method);
            let uri = invocation_uri(&self.stack.region, &self.function_arn(&event.function));
            let mut operation = json!({
                "x-amazon-apigateway-integration": { "type": "aws_proxy", "httpMethod": "POST", "uri": uri },
                "responses": {},
            });
            let parameters = request_parameters(event.properties.get("RequestParameters"));
            if !parameters.is_empty() {
                operation["parameters"] = Value::Array(parameters);
            }
            let security = self.rest_security(&auth, event.properties.get("Auth"), &at);
            if let Some(security) = security {
                operation["security"] = security;
            }
            for unread in ["RequestModel", "TimeoutInMillis"] {
                if event.properties.contains_key(unread) {
                    self.warn(&at.key(unread), format!("the `Api` event property `{unread}` is not read by Portico; it has no effect here"));
                }
            }
            if insert_operation(&mut doc, path, &key, operation) {
                origins.push((operation_pointer(path, &key), at.0.clone()));
            }
        }
        self.rest_extensions(&mut doc, &props, &auth, &at, &mut origins)?;
        let stage = props
            .get("StageName")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| (id == IMPLICIT_REST_API).then(|| "Prod".to_string()));
        Ok(ApiDocument {
            document: doc,
            stage,
            stage_variables: string_map(props.get("Variables")),
            origins,
        })
    }

    /// An `AWS::Serverless::HttpApi`, or the implicit `ServerlessHttpApi`.
    pub(super) fn sam_http_api(&mut self, id: &str) -> Result<ApiDocument, Error> {
        let props = self.api_properties(id, "HttpApi")?;
        self.unread(id, &props, HTTP_PROPERTIES, "`AWS::Serverless::HttpApi`");
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        let mut origins = Vec::new();
        let mut doc = match self.definition(id, &props, &mut origins)? {
            Some(doc) => doc,
            None => json!({
                "openapi": "3.0.1",
                "info": { "version": "1.0", "title": props.get("Name").and_then(Value::as_str).unwrap_or(&self.scope.stack_name) },
                "paths": {},
            }),
        };
        let events = self.events(id, "HttpApi", "ApiId", IMPLICIT_HTTP_API)?;
        let auth = props
            .get("Auth")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for event in &events {
            let at = event_pointer(&event.function, &event.name).key("Properties");
            let path = event
                .properties
                .get("Path")
                .and_then(Value::as_str)
                .unwrap_or("$default");
            let method = event
                .properties
                .get("Method")
                .and_then(Value::as_str)
                .unwrap_or("ANY");
            let (path, key) = if path == "$default" {
                (
                    "/$default".to_string(),
                    "x-amazon-apigateway-any-method".to_string(),
                )
            } else {
                (path.to_string(), operation_key(method))
            };
            let arn = invocation_uri(&self.stack.region, &self.function_arn(&event.function));
            let version = event
                .properties
                .get("PayloadFormatVersion")
                .and_then(Value::as_str)
                .unwrap_or("2.0");
            let mut integration = json!({ "type": "aws_proxy", "httpMethod": "POST", "uri": arn, "payloadFormatVersion": version });
            if let Some(t) = event.properties.get("TimeoutInMillis") {
                integration["timeoutInMillis"] = t.clone();
            }
            let mut operation =
                json!({ "x-amazon-apigateway-integration": integration, "responses": {} });
            if let Some(security) = self.http_security(&auth, event.properties.get("Auth")) {
                operation["security"] = security;
            }
            if insert_operation(&mut doc, &path, &key, operation) {
                origins.push((operation_pointer(&path, &key), at.0.clone()));
            }
        }
        self.http_extensions(&mut doc, &props, &auth, &at, &mut origins)?;
        mark_http_api(&mut doc);
        let stage = props
            .get("StageName")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| "$default".to_string());
        Ok(ApiDocument {
            document: doc,
            stage: Some(stage),
            stage_variables: string_map(props.get("StageVariables")),
            origins,
        })
    }
}

/// Marks a document as an HTTP API's: the type is where it is imported
/// (here, the template's resource type), never the document's content.
pub(super) fn mark_http_api(doc: &mut Value) {
    if let Some(top) = doc.as_object_mut() {
        top.entry("x-amazon-apigateway-importexport-version")
            .or_insert_with(|| Value::String("1.0".to_string()));
    }
}

/// Adds an operation unless the document already has it; whether it did.
pub(super) fn insert_operation(doc: &mut Value, path: &str, key: &str, operation: Value) -> bool {
    let Some(top) = doc.as_object_mut() else {
        return false;
    };
    let paths = top
        .entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(paths) = paths.as_object_mut() else {
        return false;
    };
    let item = paths
        .entry(path.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(item) = item.as_object_mut() else {
        return false;
    };
    if item.contains_key(key) {
        return false;
    }
    item.insert(key.to_string(), operation);
    true
}

/// An `Api` event's `RequestParameters` (`method.request.header.X`, or a
/// map of those to `{Required, Caching}`) as Swagger parameters.
fn request_parameters(value: Option<&Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for item in value.and_then(Value::as_array).into_iter().flatten() {
        let entries: Vec<(String, bool)> = match item {
            Value::String(s) => vec![(s.clone(), false)],
            Value::Object(m) => m
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.get("Required").and_then(Value::as_bool).unwrap_or(false),
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        out.extend(
            entries
                .into_iter()
                .filter_map(|(name, required)| swagger_parameter(&name, required)),
        );
    }
    out
}
