//! What every translator writes the same way into the OpenAPI document: its
//! sections, template properties renamed to an extension's keys, values as
//! text, CORS and request parameters. SAM's transform and CDK's resources
//! land in the same document shapes, so they are written from one place.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::openapi::json::Pointer;

/// `AWS::Serverless::HttpApi` `CorsConfiguration` and
/// `AWS::ApiGatewayV2::Api` `CorsConfiguration` keys, as
/// `x-amazon-apigateway-cors` names them.
const CORS_PROPERTIES: &[(&str, &str)] = &[
    ("AllowOrigins", "allowOrigins"),
    ("AllowHeaders", "allowHeaders"),
    ("AllowMethods", "allowMethods"),
    ("ExposeHeaders", "exposeHeaders"),
    ("MaxAge", "maxAge"),
    ("AllowCredentials", "allowCredentials"),
];

/// Whether a document is Swagger 2.0 (else OpenAPI 3).
pub(super) fn is_swagger(doc: &Value) -> bool {
    doc.get("swagger").is_some()
}

/// The security schemes section of a document, created if missing.
pub(super) fn schemes(doc: &mut Value) -> &mut Map<String, Value> {
    section(doc, "securityDefinitions", "securitySchemes")
}

/// The models section (`definitions` / `components.schemas`), created if missing.
pub(super) fn models_section(doc: &mut Value) -> &mut Map<String, Value> {
    section(doc, "definitions", "schemas")
}

/// A top-level Swagger section, or the OpenAPI 3 `components` one that
/// holds the same things, created if missing.
fn section<'d>(doc: &'d mut Value, swagger: &str, components: &str) -> &'d mut Map<String, Value> {
    let section = if is_swagger(doc) {
        &mut doc[swagger]
    } else {
        let parent = &mut doc["components"];
        if !parent.is_object() {
            *parent = Value::Object(Map::new());
        }
        &mut parent[components]
    };
    if !section.is_object() {
        *section = Value::Object(Map::new());
    }
    section.as_object_mut().expect("an object")
}

/// Where the security scheme `name` is in the document being written.
pub(super) fn scheme_pointer(doc: &Value, name: &str) -> String {
    let at = if is_swagger(doc) {
        Pointer::root().key("securityDefinitions")
    } else {
        Pointer::root().key("components").key("securitySchemes")
    };
    at.key(name).0
}

/// Copies each `(template name, extension name)` property `from` has into
/// `into`, under its extension name.
pub(super) fn copy_renamed(
    from: &Map<String, Value>,
    into: &mut Map<String, Value>,
    names: &[(&str, &str)],
) {
    for (template_name, extension_name) in names {
        if let Some(value) = from.get(*template_name) {
            into.insert((*extension_name).to_string(), value.clone());
        }
    }
}

/// A `CorsConfiguration` object as `x-amazon-apigateway-cors`.
pub(super) fn cors_extension(cors: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    copy_renamed(cors, &mut out, CORS_PROPERTIES);
    Value::Object(out)
}

/// A value where a string is expected: a string as itself, anything else
/// (a number, a boolean) as its JSON text.
pub(super) fn text(value: &Value) -> String {
    value
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| value.to_string())
}

/// A map of strings (stage variables, a function's environment), other
/// values written as text.
pub(super) fn string_map(value: Option<&Value>) -> BTreeMap<String, String> {
    value
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), text(v))).collect())
        .unwrap_or_default()
}

/// A `method.request.<place>.<name>` request parameter as a Swagger
/// parameter; `None` for a place that has no Swagger parameter. A path
/// parameter is always required.
pub(super) fn swagger_parameter(name: &str, required: bool) -> Option<Value> {
    let (place, param) = name.strip_prefix("method.request.")?.split_once('.')?;
    let place = match place {
        "querystring" => "query",
        "header" => "header",
        "path" => "path",
        _ => return None,
    };
    Some(
        json!({ "name": param, "in": place, "required": required || place == "path", "type": "string" }),
    )
}
