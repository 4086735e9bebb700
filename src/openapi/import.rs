//! OpenAPI 3.0 -> RestApi, reporting every problem at its JSON pointer.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{escape_pointer_token, Error, ErrorKind};
use crate::model::{
    Integration, IntegrationResponse, IntegrationType, Method, MethodResponse, PassthroughBehavior,
    RestApi,
};

/// A part of the document that was imported with a caveat, at its JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where in the document (RFC 6901 JSON pointer).
    pub pointer: String,
    /// What was ignored or changed, as a sentence.
    pub message: String,
}

/// The result of an import: the API and what was imported with a caveat.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The imported API.
    pub api: RestApi,
    /// Parts imported with a caveat (or ignored).
    pub warnings: Vec<Warning>,
}

/// The operations an OpenAPI path item may hold, with the method each becomes.
const OPERATIONS: [(&str, &str); 8] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    ("x-amazon-apigateway-any-method", "ANY"),
];

/// Imports an OpenAPI 3.0 document given as JSON text.
///
/// # Errors
///
/// A document that is not JSON, not OpenAPI 3.0, or whose API Gateway
/// extensions are malformed; the error names the JSON pointer.
///
/// ```
/// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{}}"#;
/// let imported = portico::openapi::import(doc, "abc123").unwrap();
/// assert_eq!(imported.api.name, "T");
/// ```
pub fn import(text: &str, api_id: &str) -> Result<Imported, Error> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            format!("the definition is not valid JSON: {e}"),
        )
        .at_line(e.line(), e.column())
    })?;
    Importer {
        warnings: Vec::new(),
    }
    .document(&doc, api_id)
}

struct Importer {
    warnings: Vec<Warning>,
}

/// A JSON pointer under construction.
#[derive(Clone)]
struct Ptr(String);

impl Ptr {
    fn root() -> Ptr {
        Ptr(String::new())
    }
    fn key(&self, token: &str) -> Ptr {
        Ptr(format!("{}/{}", self.0, escape_pointer_token(token)))
    }
}

fn invalid(at: &Ptr, detail: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidDefinition, detail).at(at.0.clone())
}

fn object<'a>(value: &'a Value, at: &Ptr, what: &str) -> Result<&'a Map<String, Value>, Error> {
    value.as_object().ok_or_else(|| {
        invalid(
            at,
            format!("{what} must be an object, found {}", kind_of(value)),
        )
    })
}

fn string<'a>(value: &'a Value, at: &Ptr, what: &str) -> Result<&'a str, Error> {
    value.as_str().ok_or_else(|| {
        invalid(
            at,
            format!("{what} must be a string, found {}", kind_of(value)),
        )
    })
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string_map(value: &Value, at: &Ptr, what: &str) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for (k, v) in object(value, at, what)? {
        out.insert(k.clone(), string(v, &at.key(k), what)?.to_string());
    }
    Ok(out)
}

impl Importer {
    fn warn(&mut self, at: &Ptr, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: at.0.clone(),
            message: message.into(),
        });
    }

    fn document(mut self, doc: &Value, api_id: &str) -> Result<Imported, Error> {
        let root = Ptr::root();
        let top = object(doc, &root, "the definition")?;
        match top.get("openapi") {
            Some(Value::String(v)) if v.starts_with("3.0") => {}
            Some(v) => {
                let detail = format!("OpenAPI version {v} is not supported; use 3.0.x");
                return Err(invalid(&root.key("openapi"), detail));
            }
            None => {
                let detail = "the definition has no `openapi` field; expected OpenAPI 3.0";
                return Err(invalid(&root, detail));
            }
        }
        let info_at = root.key("info");
        let info = object(
            top.get("info")
                .ok_or_else(|| invalid(&root, "the definition has no `info` object"))?,
            &info_at,
            "`info`",
        )?;
        let title_at = info_at.key("title");
        let name = string(
            info.get("title")
                .ok_or_else(|| invalid(&info_at, "`info` has no `title` (the API's name)"))?,
            &title_at,
            "`info.title`",
        )?;
        let mut api = RestApi::new(api_id, name);
        if let Some(d) = info.get("description") {
            api.description =
                Some(string(d, &info_at.key("description"), "`info.description`")?.to_string());
        }
        if let Some(v) = info.get("version") {
            api.version = Some(match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
        }
        if let Some(types) = top.get("x-amazon-apigateway-binary-media-types") {
            let at = root.key("x-amazon-apigateway-binary-media-types");
            let list = types
                .as_array()
                .ok_or_else(|| invalid(&at, "binary media types must be a list of strings"))?;
            for (i, t) in list.iter().enumerate() {
                api.binary_media_types
                    .push(string(t, &at.key(&i.to_string()), "a binary media type")?.to_string());
            }
        }

        let paths_at = root.key("paths");
        let paths = object(
            top.get("paths")
                .ok_or_else(|| invalid(&root, "the definition has no `paths` object"))?,
            &paths_at,
            "`paths`",
        )?;
        for (path, item) in paths {
            let at = paths_at.key(path);
            if !path.starts_with('/') {
                return Err(invalid(
                    &at,
                    format!("the path `{path}` must start with `/`"),
                ));
            }
            let resource_path = if path.len() > 1 {
                path.trim_end_matches('/')
            } else {
                path
            };
            let index = api.ensure_resource(resource_path);
            let item = object(item, &at, "a path item")?;
            for (key, op) in item {
                let Some((_, http_method)) = OPERATIONS.iter().find(|(k, _)| k == key) else {
                    if key != "parameters" && !key.starts_with("x-") {
                        self.warn(
                            &at.key(key),
                            format!("`{key}` is not an operation API Gateway imports; ignored"),
                        );
                    }
                    continue;
                };
                let method = self.operation(op, &at.key(key), http_method)?;
                api.resources[index].methods.push(method);
            }
        }
        Ok(Imported {
            api,
            warnings: self.warnings,
        })
    }

    fn operation(&mut self, op: &Value, at: &Ptr, http_method: &str) -> Result<Method, Error> {
        let op = object(op, at, "an operation")?;
        let operation_name = match op.get("operationId") {
            Some(v) => Some(string(v, &at.key("operationId"), "`operationId`")?.to_string()),
            None => None,
        };
        let mut method_responses = BTreeMap::new();
        if let Some(responses) = op.get("responses") {
            let rat = at.key("responses");
            for (status, _) in object(responses, &rat, "`responses`")? {
                if status == "default" {
                    self.warn(
                        &rat.key(status),
                        "API Gateway has no `default` method response; ignored",
                    );
                    continue;
                }
                method_responses.insert(
                    status.clone(),
                    MethodResponse {
                        status_code: status.clone(),
                        ..MethodResponse::default()
                    },
                );
            }
        }
        let integration = match op.get("x-amazon-apigateway-integration") {
            Some(v) => Some(self.integration(v, &at.key("x-amazon-apigateway-integration"))?),
            None => None,
        };
        Ok(Method {
            http_method: http_method.to_string(),
            operation_name,
            integration,
            method_responses,
        })
    }

    fn integration(&mut self, value: &Value, at: &Ptr) -> Result<Integration, Error> {
        let obj = object(value, at, "`x-amazon-apigateway-integration`")?;
        let type_at = at.key("type");
        let kind_text = string(
            obj.get("type")
                .ok_or_else(|| invalid(at, "the integration has no `type`; use one of aws, aws_proxy, http, http_proxy, mock"))?,
            &type_at,
            "`type`",
        )?;
        let kind = IntegrationType::parse(kind_text).ok_or_else(|| {
            invalid(
                &type_at,
                format!("unknown integration type `{kind_text}`; use one of aws, aws_proxy, http, http_proxy, mock"),
            )
        })?;
        let mut integration = Integration {
            kind,
            http_method: None,
            uri: None,
            request_templates: BTreeMap::new(),
            passthrough_behavior: PassthroughBehavior::WhenNoMatch,
            timeout_in_millis: 29_000,
            responses: Vec::new(),
        };
        for (key, v) in obj {
            let kat = at.key(key);
            match key.as_str() {
                "type" => {}
                "httpMethod" => {
                    integration.http_method =
                        Some(string(v, &kat, "`httpMethod`")?.to_ascii_uppercase())
                }
                "uri" => integration.uri = Some(string(v, &kat, "`uri`")?.to_string()),
                "requestTemplates" => {
                    integration.request_templates = string_map(v, &kat, "a request template")?
                }
                "passthroughBehavior" => {
                    let text = string(v, &kat, "`passthroughBehavior`")?;
                    integration.passthrough_behavior = PassthroughBehavior::parse(text).ok_or_else(|| {
                        invalid(&kat, format!("unknown passthrough behavior `{text}`; use when_no_match, when_no_templates or never"))
                    })?;
                }
                "timeoutInMillis" => {
                    let ms = v
                        .as_u64()
                        .filter(|ms| (50..=29_000).contains(ms))
                        .ok_or_else(|| {
                            invalid(
                                &kat,
                                "`timeoutInMillis` must be a whole number from 50 to 29000",
                            )
                        })?;
                    integration.timeout_in_millis = ms as u32;
                }
                "responses" => {
                    for (pattern, r) in object(v, &kat, "the integration `responses`")? {
                        let response = integration_response(r, &kat.key(pattern), pattern)?;
                        integration.responses.push(response);
                    }
                }
                _ => self.warn(&kat, format!("`{key}` is not supported yet; ignored")),
            }
        }
        if kind != IntegrationType::Mock && integration.uri.is_none() {
            return Err(invalid(
                at,
                format!("a `{}` integration needs a `uri`", kind.as_str()),
            ));
        }
        Ok(integration)
    }
}

fn integration_response(
    value: &Value,
    at: &Ptr,
    pattern: &str,
) -> Result<IntegrationResponse, Error> {
    let obj = object(value, at, "an integration response")?;
    let status_at = at.key("statusCode");
    let status_code = match obj.get("statusCode") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(invalid(
                &status_at,
                format!("`statusCode` must be a string, found {}", kind_of(other)),
            ))
        }
        None => return Err(invalid(at, "the integration response has no `statusCode`")),
    };
    let mut response = IntegrationResponse {
        selection_pattern: (pattern != "default").then(|| pattern.to_string()),
        status_code,
        ..IntegrationResponse::default()
    };
    if let Some(t) = obj.get("responseTemplates") {
        response.response_templates =
            string_map(t, &at.key("responseTemplates"), "a response template")?;
    }
    if let Some(p) = obj.get("responseParameters") {
        response.response_parameters =
            string_map(p, &at.key("responseParameters"), "a response parameter")?;
    }
    Ok(response)
}
