//! OpenAPI 3.0 and Swagger 2.0 -> RestApi, reporting every problem at its
//! JSON pointer. Parts API Gateway ignores are warnings; with
//! `fail_on_warnings` they are errors, as with API Gateway's `failonwarnings`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::ext;
use super::intrinsics::Stack;
use super::json::{boolean, invalid, kind_of, object, one_of, string, string_list, whole, Ptr};
use crate::error::{Error, ErrorKind};
use crate::model::{
    model_url, ApiKeySource, AuthorizationType, Authorizer, AuthorizerType, Method, MethodResponse,
    Model, RestApi,
};

/// A part of the document imported with a caveat, at its JSON pointer.
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

/// How to import: the ids a document does not carry, and strictness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The API id; else the one in an execute-api server URL; else `a1b2c3d4e5`.
    pub api_id: Option<String>,
    /// The region CloudFormation pseudo parameters resolve to; else the
    /// one in an execute-api server URL; else `us-east-1`.
    pub region: Option<String>,
    /// The account CloudFormation pseudo parameters resolve to.
    pub account_id: String,
    /// Treat every warning as an error.
    pub fail_on_warnings: bool,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            api_id: None,
            region: None,
            account_id: "123456789012".to_string(),
            fail_on_warnings: false,
        }
    }
}

/// The API id used when neither the options nor the document give one.
pub const DEFAULT_API_ID: &str = "a1b2c3d4e5";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    OpenApi3,
    Swagger2,
}

/// The operations a path item may hold, with the method each becomes.
pub(super) const OPERATIONS: [(&str, &str); 8] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    (ext::ANY_METHOD, "ANY"),
];

/// Whether an OpenAPI 3 document is an HTTP API's export: its
/// import/export version, a CORS configuration, a `$default` route or a
/// payload format version on an integration.
fn is_http_api(top: &Map<String, Value>) -> bool {
    if top.contains_key(ext::IMPORTEXPORT_VERSION) || top.contains_key(ext::CORS) {
        return true;
    }
    let Some(Value::Object(paths)) = top.get("paths") else {
        return false;
    };
    paths.contains_key("/$default")
        || paths.values().filter_map(Value::as_object).any(|item| {
            item.values()
                .filter_map(|op| op.get(ext::INTEGRATION))
                .any(|i| i.get("payloadFormatVersion").is_some())
        })
}

/// Parses a definition given as JSON or YAML text.
///
/// # Errors
///
/// Text that is neither; the error gives the line and column.
pub fn parse_document(text: &str) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| {
            // serde_json's message ends with its own "at line L column C".
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            Error::new(
                ErrorKind::Syntax,
                format!("the definition is not valid JSON: {message}"),
            )
            .at_line(e.line(), e.column())
        })
    } else {
        super::yaml::parse(text).map_err(|e| {
            Error::new(
                ErrorKind::Syntax,
                format!("the definition is not valid YAML: {}", e.message),
            )
            .at_line(e.line, e.column)
        })
    }
}

/// Imports an OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML text).
///
/// # Errors
///
/// A document that does not parse, is not OpenAPI 3.0 / Swagger 2.0, or
/// whose API Gateway extensions are malformed; the error names the JSON
/// pointer. With `fail_on_warnings`, also any warning.
///
/// ```
/// use portico::openapi::{import, ImportOptions};
/// let doc = "openapi: 3.0.1\ninfo: {title: Pets, version: '1'}\npaths: {}\n";
/// let imported = import(doc, &ImportOptions::default()).unwrap();
/// assert_eq!(imported.api.name, "Pets");
/// ```
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, Error> {
    import_value(&parse_document(text)?, options)
}

/// Imports a document already parsed into JSON values.
///
/// # Errors
///
/// As [`import`].
pub fn import_value(doc: &Value, options: &ImportOptions) -> Result<Imported, Error> {
    let mut importer = Importer {
        warnings: Vec::new(),
        stack: Stack {
            region: String::new(),
            account_id: options.account_id.clone(),
        },
        doc,
        dialect: Dialect::OpenApi3,
        api_id: String::new(),
        schemes: BTreeMap::new(),
        model_pointers: BTreeMap::new(),
        http: false,
    };
    let api = importer.document(options)?;
    if let Err(e) = crate::pipeline::models::Models::compile(&api) {
        let at = importer
            .model_pointers
            .get(&e.model)
            .map(|p| format!("{}{}", p.0, e.pointer))
            .unwrap_or_default();
        return Err(Error::new(
            ErrorKind::InvalidDefinition,
            format!(
                "the model `{}` is not a valid JSON Schema (draft-04), as API Gateway requires: {}",
                e.model, e.message
            ),
        )
        .at(at));
    }
    let warnings = importer.warnings;
    if options.fail_on_warnings && !warnings.is_empty() {
        let listed: Vec<String> = warnings
            .iter()
            .map(|w| format!("at {}: {}", display(&w.pointer), w.message))
            .collect();
        return Err(Error::new(
            ErrorKind::Unsupported,
            format!(
                "failOnWarnings is set and the import has {} warning(s): {}",
                warnings.len(),
                listed.join("; ")
            ),
        )
        .at(warnings[0].pointer.clone()));
    }
    Ok(Imported { api, warnings })
}

fn display(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document root"
    } else {
        pointer
    }
}

pub(crate) struct Importer<'a> {
    pub warnings: Vec<Warning>,
    pub stack: Stack,
    doc: &'a Value,
    dialect: Dialect,
    api_id: String,
    /// Security schemes by name, with where they are.
    schemes: BTreeMap<String, (Ptr, &'a Map<String, Value>)>,
    /// Where each model's schema is in the document.
    model_pointers: BTreeMap<String, Ptr>,
    /// Whether the document is an HTTP API's (API Gateway v2).
    pub http: bool,
}

impl<'a> Importer<'a> {
    pub(super) fn warn(&mut self, at: &Ptr, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: at.0.clone(),
            message: message.into(),
        });
    }

    fn document(&mut self, options: &ImportOptions) -> Result<RestApi, Error> {
        let root = Ptr::root();
        let top = object(self.doc, &root, "the definition")?;
        self.dialect = match (top.get("openapi"), top.get("swagger")) {
            (Some(Value::String(v)), _) if v.starts_with("3.0") => Dialect::OpenApi3,
            (Some(Value::String(v)), _) if v.starts_with("3.") => {
                return Err(invalid(
                    &root.key("openapi"),
                    format!("OpenAPI {v} is not supported by API Gateway's import; use 3.0.x"),
                ))
            }
            (_, Some(v)) if v.as_str() == Some("2.0") => Dialect::Swagger2,
            (Some(v), _) | (_, Some(v)) => {
                return Err(invalid(
                    &root,
                    format!("unsupported document version {v}; use OpenAPI 3.0.x or Swagger 2.0"),
                ))
            }
            (None, None) => {
                return Err(invalid(
                    &root,
                    "the definition has neither `openapi` nor `swagger`; expected an OpenAPI 3.0 or Swagger 2.0 document",
                ))
            }
        };

        let info_at = root.key("info");
        let info = object(
            top.get("info").ok_or_else(|| {
                invalid(
                    &root,
                    "the definition has no `info`; it holds the API's name (`info.title`)",
                )
            })?,
            &info_at,
            "`info`",
        )?;

        self.http = self.dialect == Dialect::OpenApi3 && is_http_api(top);
        let hint = self.deployment(top)?;
        self.stack.region = options
            .region
            .clone()
            .or_else(|| hint.region.clone())
            .unwrap_or_else(|| "us-east-1".to_string());
        let title = info
            .get("title")
            .ok_or_else(|| invalid(&info_at, "`info` has no `title`, the API's name"))?;
        // SAM templates name APIs after their stack: `!Sub ${AWS::StackName}-api`.
        let name = self.stack.resolve(title, &info_at.key("title"))?;
        self.api_id = options
            .api_id
            .clone()
            .or_else(|| hint.api_id.clone())
            .unwrap_or_else(|| DEFAULT_API_ID.to_string());
        let mut api = RestApi::new(&self.api_id, &name);
        api.deployment = hint;
        if self.http {
            api.protocol = crate::model::ApiProtocol::Http;
        }
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

        self.api_level(top, &mut api)?;
        self.models(top, &mut api)?;
        self.security_schemes(top, &mut api)?;

        let paths_at = root.key("paths");
        let paths = object(
            top.get("paths")
                .ok_or_else(|| invalid(&root, "the definition has no `paths` object"))?,
            &paths_at,
            "`paths`",
        )?;
        for (path, item) in paths {
            self.path_item(&mut api, path, item, &paths_at.key(path), top)?;
        }
        Ok(api)
    }

    /// An HTTP API's `$default` route: the `/$default` path's ANY operation,
    /// kept on the root resource under the key `$default`.
    fn default_route(
        &mut self,
        api: &mut RestApi,
        item: &'a Value,
        at: &Ptr,
        top: &'a Map<String, Value>,
    ) -> Result<(), Error> {
        let item = object(item, at, "a path item")?;
        let key = ext::ANY_METHOD;
        let Some(op) = item.get(key) else {
            return Err(invalid(
                at,
                "the `$default` route is an `x-amazon-apigateway-any-method` operation; write it there",
            ));
        };
        let method_at = at.key(key);
        let mut method = self.operation(api, op, &method_at, "ANY", "/", &[], at, top)?;
        method.http_method = crate::model::DEFAULT_ROUTE.to_string();
        api.resources[0]
            .methods
            .insert(crate::model::DEFAULT_ROUTE.to_string(), method);
        Ok(())
    }

    /// `x-amazon-apigateway-cors`.
    fn cors_configuration(
        &mut self,
        value: &Value,
        at: &Ptr,
    ) -> Result<crate::model::CorsConfiguration, Error> {
        let mut cors = crate::model::CorsConfiguration::default();
        for (key, v) in object(value, at, "`x-amazon-apigateway-cors`")? {
            let kat = at.key(key);
            let list = |v: &Value| -> Result<Vec<String>, Error> {
                let items = v
                    .as_array()
                    .ok_or_else(|| invalid(&kat, format!("`{key}` must be a list of strings")))?;
                items
                    .iter()
                    .map(|i| string(i, &kat, "an entry").map(str::to_string))
                    .collect()
            };
            match key.as_str() {
                "allowOrigins" => cors.allow_origins = list(v)?,
                "allowMethods" => cors.allow_methods = list(v)?,
                "allowHeaders" => cors.allow_headers = list(v)?,
                "exposeHeaders" => cors.expose_headers = list(v)?,
                "maxAge" => cors.max_age = Some(whole(v, &kat, "`maxAge`", 0..=86_400)? as u32),
                "allowCredentials" => {
                    cors.allow_credentials = boolean(v, &kat, "`allowCredentials`")?
                }
                _ => self.warn(&kat, format!("`{key}` is not a CORS setting; ignored")),
            }
        }
        if cors.allow_credentials && cors.allow_origins.iter().any(|o| o == "*") {
            return Err(invalid(
                at,
                "allow-credentials is not supported if 'allow-origin' is *; list the origins instead",
            ));
        }
        Ok(cors)
    }

    /// Where the document says the API is deployed: OpenAPI 3 `servers`,
    /// Swagger 2 `host` and `basePath`.
    fn deployment(
        &mut self,
        top: &'a Map<String, Value>,
    ) -> Result<crate::model::DeploymentHint, Error> {
        let mut hint = crate::model::DeploymentHint::default();
        let root = Ptr::root();
        let mut urls = Vec::new();
        match self.dialect {
            Dialect::OpenApi3 => {
                if let Some(servers) = top.get("servers") {
                    let at = root.key("servers");
                    let list = servers
                        .as_array()
                        .ok_or_else(|| invalid(&at, "`servers` must be a list"))?;
                    for (i, server) in list.iter().enumerate() {
                        let sat = at.index(i);
                        let server = object(server, &sat, "a server")?;
                        let Some(url) = server.get("url") else {
                            continue;
                        };
                        let mut url = string(url, &sat.key("url"), "a server `url`")?.to_string();
                        if let Some(vars) = server.get("variables") {
                            for (name, var) in
                                object(vars, &sat.key("variables"), "server `variables`")?
                            {
                                let default = var
                                    .get("default")
                                    .and_then(Value::as_str)
                                    .unwrap_or_default();
                                url = url.replace(&format!("{{{name}}}"), default);
                            }
                        }
                        urls.push(url);
                    }
                }
            }
            Dialect::Swagger2 => {
                let host = top.get("host").and_then(Value::as_str).unwrap_or_default();
                let base = top.get("basePath").and_then(Value::as_str).unwrap_or("/");
                if !host.is_empty() || base != "/" {
                    urls.push(format!("https://{host}{base}"));
                }
            }
        }
        for url in urls {
            let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(&url);
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let path = path.trim_matches('/');
            if !host.is_empty() && !host.contains('{') {
                let labels: Vec<&str> = host.split('.').collect();
                if labels.len() >= 4 && labels[1] == "execute-api" {
                    hint.api_id.get_or_insert_with(|| labels[0].to_string());
                    hint.region.get_or_insert_with(|| labels[2].to_string());
                }
                if !hint.hosts.iter().any(|h| h == host) {
                    hint.hosts.push(host.to_string());
                }
            }
            // An export's base path is its stage; only a single segment can be one.
            if !path.is_empty() && !path.contains('/') && !path.contains('{') {
                hint.stage.get_or_insert_with(|| path.to_string());
            }
        }
        Ok(hint)
    }

    /// The top-level `x-amazon-apigateway-*` extensions.
    fn api_level(&mut self, top: &'a Map<String, Value>, api: &mut RestApi) -> Result<(), Error> {
        let root = Ptr::root();
        if self.dialect == Dialect::OpenApi3 {
            // OpenAPI 3 exports put the endpoint configuration inside the server.
            if let Some(Value::Array(servers)) = top.get("servers") {
                for (i, server) in servers.iter().enumerate() {
                    if let Some(cfg) = server.get(ext::ENDPOINT_CONFIGURATION) {
                        let at = root
                            .key("servers")
                            .index(i)
                            .key(ext::ENDPOINT_CONFIGURATION);
                        api.endpoint_configuration = Some(self.endpoint_configuration(cfg, &at)?);
                    }
                }
            }
        }
        for (key, v) in top {
            let at = root.key(key);
            match key.as_str() {
                ext::API_KEY_SOURCE => {
                    let text = string(v, &at, "the API key source")?.to_ascii_uppercase();
                    api.api_key_source = one_of(
                        &text,
                        &at,
                        "API key source",
                        &ApiKeySource::ALL,
                        ApiKeySource::as_str,
                    )?;
                }
                ext::BINARY_MEDIA_TYPES => {
                    api.binary_media_types = string_list(v, &at, "a binary media type")?
                }
                ext::MINIMUM_COMPRESSION_SIZE => {
                    api.minimum_compression_size =
                        Some(whole(v, &at, "the minimum compression size", 0..=10_485_760)? as u32)
                }
                ext::REQUEST_VALIDATORS => {
                    api.request_validators = self.request_validators(v, &at)?
                }
                ext::REQUEST_VALIDATOR => {
                    api.default_request_validator =
                        Some(string(v, &at, "the default request validator")?.to_string())
                }
                ext::GATEWAY_RESPONSES => api.gateway_responses = self.gateway_responses(v, &at)?,
                ext::POLICY => {
                    api.policy = Some(match v {
                        Value::String(s) => serde_json::from_str(s).map_err(|e| {
                            invalid(&at, format!("the policy is not a JSON document: {e}"))
                        })?,
                        Value::Object(_) => v.clone(),
                        other => {
                            return Err(invalid(
                                &at,
                                format!("the policy must be an object, found {}", kind_of(other)),
                            ))
                        }
                    })
                }
                ext::ENDPOINT_CONFIGURATION => {
                    api.endpoint_configuration = Some(self.endpoint_configuration(v, &at)?)
                }
                ext::DOCUMENTATION => {
                    object(v, &at, "the documentation")?;
                    api.documentation = Some(v.clone())
                }
                ext::IMPORTEXPORT_VERSION => {
                    let version = string(v, &at, "the import/export version")?;
                    if version != "1.0" {
                        self.warn(
                            &at,
                            format!("import/export version `{version}` is unknown; read as 1.0"),
                        );
                    }
                }
                ext::CORS if self.http => api.cors = Some(self.cors_configuration(v, &at)?),
                ext::TAG_VALUE if self.http => {}
                ext::CORS | ext::INTEGRATIONS | ext::TAG_VALUE => {
                    self.warn(&at, format!("`{key}` applies to HTTP APIs only; ignored"))
                }
                k if k.starts_with(ext::PREFIX) => self.warn(
                    &at,
                    format!(
                        "`{k}` is not an extension API Gateway reads at the top level; ignored"
                    ),
                ),
                "openapi"
                | "swagger"
                | "info"
                | "servers"
                | "paths"
                | "components"
                | "security"
                | "tags"
                | "externalDocs"
                | "host"
                | "basePath"
                | "schemes"
                | "consumes"
                | "produces"
                | "definitions"
                | "parameters"
                | "responses"
                | "securityDefinitions" => {}
                k if k.starts_with("x-") => {}
                k => self.warn(
                    &at,
                    format!("`{k}` is not part of the document format; ignored"),
                ),
            }
        }
        if let Some(name) = &api.default_request_validator {
            if !api.request_validators.contains_key(name) {
                return Err(invalid(
                    &root.key(ext::REQUEST_VALIDATOR),
                    format!("the request validator `{name}` is not defined in x-amazon-apigateway-request-validators"),
                ));
            }
        }
        Ok(())
    }

    /// `components.schemas` (OpenAPI 3) or `definitions` (Swagger 2).
    fn models(&mut self, top: &'a Map<String, Value>, api: &mut RestApi) -> Result<(), Error> {
        let (container, at) = match self.dialect {
            Dialect::OpenApi3 => (
                top.get("components").and_then(|c| c.get("schemas")),
                Ptr::root().key("components").key("schemas"),
            ),
            Dialect::Swagger2 => (top.get("definitions"), Ptr::root().key("definitions")),
        };
        let Some(container) = container else {
            return Ok(());
        };
        for (name, schema) in object(container, &at, "the schemas")? {
            let here = at.key(name);
            object(schema, &here, "a schema")?;
            if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                self.warn(
                    &here,
                    format!(
                        "API Gateway model names are alphanumeric; `{name}` is kept as written"
                    ),
                );
            }
            self.model_pointers.insert(name.clone(), here.clone());
            let description = schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string);
            api.models.insert(
                name.clone(),
                Model {
                    name: name.clone(),
                    content_type: "application/json".to_string(),
                    schema: self.canonical_refs(schema),
                    description,
                },
            );
        }
        Ok(())
    }

    /// A schema with its references to other models rewritten to the form
    /// API Gateway stores (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`).
    fn canonical_refs(&self, schema: &Value) -> Value {
        match schema {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let v = match (k.as_str(), v) {
                            ("$ref", Value::String(r)) => match self.local_model_name(r) {
                                Some(name) => Value::String(model_url(&self.api_id, name)),
                                None => v.clone(),
                            },
                            _ => self.canonical_refs(v),
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| self.canonical_refs(v)).collect())
            }
            other => other.clone(),
        }
    }

    /// The model a document reference names: `#/components/schemas/Name`
    /// in OpenAPI 3, `#/definitions/Name` in Swagger 2. (In OpenAPI 3,
    /// `#/definitions/x` inside a schema is the schema's own business.)
    fn local_model_name<'r>(&self, reference: &'r str) -> Option<&'r str> {
        let prefix = match self.dialect {
            Dialect::OpenApi3 => "#/components/schemas/",
            Dialect::Swagger2 => "#/definitions/",
        };
        reference.strip_prefix(prefix).filter(|n| !n.contains('/'))
    }

    /// Security schemes, and authorizers from those with `x-amazon-apigateway-authorizer`.
    fn security_schemes(
        &mut self,
        top: &'a Map<String, Value>,
        api: &mut RestApi,
    ) -> Result<(), Error> {
        let (container, at) = match self.dialect {
            Dialect::OpenApi3 => (
                top.get("components").and_then(|c| c.get("securitySchemes")),
                Ptr::root().key("components").key("securitySchemes"),
            ),
            Dialect::Swagger2 => (
                top.get("securityDefinitions"),
                Ptr::root().key("securityDefinitions"),
            ),
        };
        let Some(container) = container else {
            return Ok(());
        };
        for (name, scheme) in object(container, &at, "the security schemes")? {
            let here = at.key(name);
            let scheme = object(scheme, &here, "a security scheme")?;
            self.schemes.insert(name.clone(), (here.clone(), scheme));
            let Some(spec) = scheme.get(ext::AUTHORIZER) else {
                continue;
            };
            let sat = here.key(ext::AUTHORIZER);
            let mut authorizer = Authorizer {
                name: name.clone(),
                result_ttl_in_seconds: 300,
                auth_type: scheme
                    .get(ext::AUTHTYPE)
                    .and_then(Value::as_str)
                    .map(str::to_string),
                header_name: (scheme.get("in").and_then(Value::as_str) == Some("header"))
                    .then(|| {
                        scheme
                            .get("name")
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
                    .flatten(),
                ..Authorizer::default()
            };
            for (key, v) in object(spec, &sat, "`x-amazon-apigateway-authorizer`")? {
                let kat = sat.key(key);
                match key.as_str() {
                    "type" => {
                        let t = string(v, &kat, "the authorizer `type`")?;
                        authorizer.kind = one_of(
                            t,
                            &kat,
                            "authorizer type",
                            &AuthorizerType::ALL,
                            AuthorizerType::as_str,
                        )?;
                    }
                    "authorizerUri" => {
                        authorizer.authorizer_uri = Some(self.stack.resolve(v, &kat)?)
                    }
                    "authorizerCredentials" => {
                        authorizer.authorizer_credentials = Some(self.stack.resolve(v, &kat)?)
                    }
                    "identitySource" => {
                        authorizer.identity_source =
                            Some(string(v, &kat, "`identitySource`")?.to_string())
                    }
                    "identityValidationExpression" => {
                        authorizer.identity_validation_expression =
                            Some(string(v, &kat, "`identityValidationExpression`")?.to_string())
                    }
                    "authorizerResultTtlInSeconds" => {
                        authorizer.result_ttl_in_seconds =
                            whole(v, &kat, "`authorizerResultTtlInSeconds`", 0..=3600)? as u32
                    }
                    "providerARNs" => {
                        authorizer.provider_arns = string_list(v, &kat, "a provider ARN")?
                    }
                    "authorizerPayloadFormatVersion"
                    | "enableSimpleResponses"
                    | "jwtConfiguration" => {
                        self.warn(&kat, format!("`{key}` applies to HTTP APIs only; ignored"))
                    }
                    _ => self.warn(&kat, format!("`{key}` is not an authorizer field; ignored")),
                }
            }
            if authorizer.kind == AuthorizerType::CognitoUserPools {
                if authorizer.provider_arns.is_empty() {
                    return Err(invalid(
                        &sat,
                        "a cognito_user_pools authorizer needs `providerARNs`",
                    ));
                }
            } else if authorizer.authorizer_uri.is_none() {
                return Err(invalid(
                    &sat,
                    "a Lambda authorizer needs an `authorizerUri`",
                ));
            }
            api.authorizers.insert(name.clone(), authorizer);
        }
        Ok(())
    }

    /// Follows a local `$ref` (`#/...`) to the value it names.
    fn deref(&self, value: &'a Value, at: &Ptr) -> Result<(&'a Value, Ptr), Error> {
        let mut value = value;
        let mut at = at.clone();
        for _ in 0..16 {
            let Some(reference) = value.get("$ref") else {
                return Ok((value, at));
            };
            let reference = string(reference, &at.key("$ref"), "`$ref`")?;
            let pointer = reference.strip_prefix('#').ok_or_else(|| {
                invalid(
                    &at.key("$ref"),
                    format!("`{reference}` is not a local reference; API Gateway's import resolves only references within the document (#/...)"),
                )
            })?;
            value = self.doc.pointer(pointer).ok_or_else(|| {
                invalid(
                    &at.key("$ref"),
                    format!("`{reference}` does not point at anything in the document"),
                )
            })?;
            at = Ptr(pointer.to_string());
        }
        Err(invalid(&at, "the references form a loop"))
    }

    fn path_item(
        &mut self,
        api: &mut RestApi,
        path: &str,
        item: &'a Value,
        at: &Ptr,
        top: &'a Map<String, Value>,
    ) -> Result<(), Error> {
        if !path.starts_with('/') {
            return Err(invalid(
                at,
                format!("the path `{path}` must start with `/`"),
            ));
        }
        if self.http && path == "/$default" {
            return self.default_route(api, item, at, top);
        }
        let index = api
            .ensure_resource(path)
            .map_err(|e| invalid(at, e.to_string()))?;
        let item = object(item, at, "a path item")?;
        let shared: &[Value] = match item.get("parameters") {
            Some(v) => v
                .as_array()
                .ok_or_else(|| invalid(&at.key("parameters"), "`parameters` must be a list"))?,
            None => &[],
        };
        for (key, op) in item {
            let kat = at.key(key);
            let Some((_, http_method)) = OPERATIONS.iter().find(|(k, _)| k == key) else {
                match key.as_str() {
                    "parameters" | "summary" | "description" | "servers" => {}
                    "trace" => self.warn(&kat, "API Gateway has no TRACE methods; ignored"),
                    "$ref" => return Err(invalid(&kat, "path items given by `$ref` are not supported by API Gateway's import; write the operations here")),
                    k if k.starts_with(ext::PREFIX) => self.warn(&kat, format!("`{k}` is not an extension API Gateway reads on a path; ignored")),
                    k if k.starts_with("x-") => {}
                    k => self.warn(&kat, format!("`{k}` is not an operation; ignored")),
                }
                continue;
            };
            if api.resources[index].methods.contains_key(*http_method) {
                return Err(invalid(
                    &kat,
                    format!(
                        "{http_method} is defined twice on the resource {}",
                        api.resources[index].path
                    ),
                ));
            }
            let method = self.operation(
                api,
                op,
                &kat,
                http_method,
                path,
                shared,
                &at.key("parameters"),
                top,
            )?;
            api.resources[index]
                .methods
                .insert(http_method.to_string(), method);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        api: &mut RestApi,
        op: &'a Value,
        at: &Ptr,
        http_method: &str,
        path: &str,
        shared: &'a [Value],
        shared_at: &Ptr,
        top: &'a Map<String, Value>,
    ) -> Result<Method, Error> {
        let obj = object(op, at, "an operation")?;
        let mut method = Method {
            http_method: http_method.to_string(),
            ..Method::default()
        };
        // Path parameters exist whether or not the document declares them.
        for part in path.split('/') {
            if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                let name = name.strip_suffix('+').unwrap_or(name);
                method
                    .request_parameters
                    .insert(format!("method.request.path.{name}"), true);
            }
        }
        let hint = operation_hint(obj, http_method, path);
        let mut params: Vec<(&'a Value, Ptr)> = Vec::new();
        for (i, p) in shared.iter().enumerate() {
            params.push(self.deref(p, &shared_at.index(i))?);
        }
        if let Some(list) = obj.get("parameters") {
            let pat = at.key("parameters");
            let list = list
                .as_array()
                .ok_or_else(|| invalid(&pat, "`parameters` must be a list"))?;
            for (i, p) in list.iter().enumerate() {
                let (p, here) = self.deref(p, &pat.index(i))?;
                // An operation's parameter replaces a path-level one with the same name and place.
                let same = |q: &Value| q.get("name") == p.get("name") && q.get("in") == p.get("in");
                params.retain(|(q, _)| !same(q));
                params.push((p, here));
            }
        }
        for (param, here) in params {
            self.parameter(api, &mut method, param, &here, obj, top, &hint)?;
        }

        for (key, v) in obj {
            let kat = at.key(key);
            match key.as_str() {
                "operationId" => {
                    method.operation_name = Some(string(v, &kat, "`operationId`")?.to_string())
                }
                "requestBody" if self.dialect == Dialect::OpenApi3 => {
                    let (body, bat) = self.deref(v, &kat)?;
                    let body = object(body, &bat, "a request body")?;
                    if let Some(content) = body.get("content") {
                        let cat = bat.key("content");
                        for (content_type, media) in
                            object(content, &cat, "the request body `content`")?
                        {
                            let mat = cat.key(content_type);
                            if let Some(schema) = media.get("schema") {
                                let name = format!("{hint}Request");
                                let model =
                                    self.model_for(api, schema, &mat.key("schema"), &name)?;
                                method.request_models.insert(content_type.clone(), model);
                            }
                        }
                    }
                }
                "responses" => self.responses(api, &mut method, v, &kat, obj, top, &hint)?,
                "security" => {}
                ext::INTEGRATION => method.integration = Some(self.integration(v, &kat)?),
                ext::REQUEST_VALIDATOR => {
                    let name = string(v, &kat, "the request validator")?;
                    if !api.request_validators.contains_key(name) {
                        return Err(invalid(
                            &kat,
                            format!("the request validator `{name}` is not defined in x-amazon-apigateway-request-validators"),
                        ));
                    }
                    method.request_validator = Some(name.to_string());
                }
                ext::AUTH => {
                    let t = v.get("type").and_then(Value::as_str).unwrap_or_default();
                    method.authorization_type = one_of(
                        t,
                        &kat,
                        "auth type",
                        &[AuthorizationType::None, AuthorizationType::AwsIam],
                        AuthorizationType::as_str,
                    )?;
                }
                "parameters" | "summary" | "description" | "tags" | "deprecated"
                | "externalDocs" | "callbacks" | "servers" | "consumes" | "produces"
                | "schemes" => {}
                "isDefaultRoute" if self.http => {}
                k if k.starts_with(ext::PREFIX) => self.warn(
                    &kat,
                    format!("`{k}` is not an extension API Gateway reads on an operation; ignored"),
                ),
                k if k.starts_with("x-") => {}
                k => self.warn(&kat, format!("`{k}` is not an operation field; ignored")),
            }
        }
        let (security, sat) = match obj.get("security") {
            Some(s) => (Some(s), at.key("security")),
            None => (top.get("security"), Ptr::root().key("security")),
        };
        if let Some(security) = security {
            self.security(api, &mut method, security, &sat)?;
        }
        if method.integration.is_none() {
            self.warn(at, "the method has no x-amazon-apigateway-integration; API Gateway refuses to deploy it, and Portico answers it with 500");
        }
        self.check_responses(&method, at);
        Ok(method)
    }

    /// Warns about integration responses and mappings without the method
    /// response API Gateway requires for them.
    fn check_responses(&mut self, method: &Method, at: &Ptr) {
        let Some(integration) = &method.integration else {
            return;
        };
        let iat = at.key(ext::INTEGRATION).key("responses");
        for r in &integration.responses {
            let rat = iat.key(r.selection_pattern.as_deref().unwrap_or("default"));
            let Some(declared) = method.method_responses.get(&r.status_code) else {
                self.warn(
                    &rat,
                    format!(
                        "the status {} has no method response; API Gateway requires one",
                        r.status_code
                    ),
                );
                continue;
            };
            for target in r.response_parameters.keys() {
                if !declared.response_parameters.contains_key(target) {
                    let name = target.trim_start_matches("method.response.header.");
                    self.warn(
                        &rat.key("responseParameters").key(target),
                        format!("the {} method response does not declare the header `{name}`; API Gateway requires it", r.status_code),
                    );
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn parameter(
        &mut self,
        api: &mut RestApi,
        method: &mut Method,
        param: &'a Value,
        at: &Ptr,
        op: &'a Map<String, Value>,
        top: &'a Map<String, Value>,
        hint: &str,
    ) -> Result<(), Error> {
        let obj = object(param, at, "a parameter")?;
        let name = string(
            obj.get("name")
                .ok_or_else(|| invalid(at, "the parameter has no `name`"))?,
            &at.key("name"),
            "the parameter `name`",
        )?;
        let place = string(
            obj.get("in")
                .ok_or_else(|| invalid(at, "the parameter has no `in`"))?,
            &at.key("in"),
            "the parameter `in`",
        )?;
        let required = match obj.get("required") {
            Some(v) => boolean(v, &at.key("required"), "`required`")?,
            None => false,
        };
        let key = match place {
            "path" => format!("method.request.path.{name}"),
            "query" => format!("method.request.querystring.{name}"),
            "header" => format!("method.request.header.{name}"),
            "cookie" => {
                self.warn(
                    at,
                    format!("API Gateway has no cookie parameters; `{name}` is ignored"),
                );
                return Ok(());
            }
            "formData" => {
                self.warn(
                    at,
                    format!("API Gateway has no form parameters; `{name}` is ignored"),
                );
                return Ok(());
            }
            "body" if self.dialect == Dialect::Swagger2 => {
                let Some(schema) = obj.get("schema") else {
                    return Err(invalid(at, "a body parameter needs a `schema`"));
                };
                let model =
                    self.model_for(api, schema, &at.key("schema"), &format!("{hint}Request"))?;
                for content_type in media_types(op, top, "consumes") {
                    method.request_models.insert(content_type, model.clone());
                }
                return Ok(());
            }
            other => {
                return Err(invalid(
                    &at.key("in"),
                    format!("unknown parameter location `{other}`; use path, query or header"),
                ))
            }
        };
        if place == "path" {
            if !method.request_parameters.contains_key(&key) {
                self.warn(
                    at,
                    format!("the path has no `{{{name}}}` segment; the parameter is ignored"),
                );
            }
            return Ok(());
        }
        method.request_parameters.insert(key, required);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn responses(
        &mut self,
        api: &mut RestApi,
        method: &mut Method,
        value: &'a Value,
        at: &Ptr,
        op: &'a Map<String, Value>,
        top: &'a Map<String, Value>,
        hint: &str,
    ) -> Result<(), Error> {
        for (status, response) in object(value, at, "`responses`")? {
            let rat = at.key(status);
            let valid = status.len() == 3
                && status.bytes().all(|b| b.is_ascii_digit())
                && (b'1'..=b'5').contains(&status.as_bytes()[0]);
            if !valid {
                // An HTTP API export describes each route's `default` response.
                if !(self.http && status == "default") {
                    self.warn(
                        &rat,
                        format!(
                            "API Gateway method responses need a status code; `{status}` is ignored"
                        ),
                    );
                }
                continue;
            }
            let (response, rat) = self.deref(response, &rat)?;
            let response = object(response, &rat, "a response")?;
            let mut declared = MethodResponse {
                status_code: status.clone(),
                ..MethodResponse::default()
            };
            if let Some(headers) = response.get("headers") {
                let hat = rat.key("headers");
                for (name, header) in object(headers, &hat, "the response `headers`")? {
                    let (header, here) = self.deref(header, &hat.key(name))?;
                    let required = match header.get("required") {
                        Some(v) => boolean(v, &here.key("required"), "`required`")?,
                        None => false,
                    };
                    declared
                        .response_parameters
                        .insert(format!("method.response.header.{name}"), required);
                }
            }
            let model_hint = format!("{hint}Response{status}");
            match self.dialect {
                Dialect::OpenApi3 => {
                    if let Some(content) = response.get("content") {
                        let cat = rat.key("content");
                        for (content_type, media) in
                            object(content, &cat, "the response `content`")?
                        {
                            if let Some(schema) = media.get("schema") {
                                let schema_at = cat.key(content_type).key("schema");
                                let model = self.model_for(api, schema, &schema_at, &model_hint)?;
                                declared.response_models.insert(content_type.clone(), model);
                            }
                            let mut named = Vec::new();
                            if let Some(example) = media.get("example") {
                                named.push(("default".to_string(), example.clone()));
                            }
                            if let Some(Value::Object(examples)) = media.get("examples") {
                                for (name, example) in examples {
                                    if let Some(value) = example.get("value") {
                                        named.push((name.clone(), value.clone()));
                                    }
                                }
                            }
                            if !named.is_empty() {
                                declared.examples.insert(content_type.clone(), named);
                            }
                        }
                    }
                }
                Dialect::Swagger2 => {
                    if let Some(schema) = response.get("schema") {
                        let model = self.model_for(api, schema, &rat.key("schema"), &model_hint)?;
                        for content_type in media_types(op, top, "produces") {
                            declared.response_models.insert(content_type, model.clone());
                        }
                    }
                    if let Some(Value::Object(examples)) = response.get("examples") {
                        for (content_type, example) in examples {
                            declared.examples.insert(
                                content_type.clone(),
                                vec![("default".to_string(), example.clone())],
                            );
                        }
                    }
                }
            }
            method.method_responses.insert(status.clone(), declared);
        }
        Ok(())
    }

    /// The model a schema names, or a new model for an inline schema.
    fn model_for(
        &mut self,
        api: &mut RestApi,
        schema: &Value,
        at: &Ptr,
        hint: &str,
    ) -> Result<String, Error> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = self.local_model_name(reference).ok_or_else(|| {
                invalid(
                    &at.key("$ref"),
                    format!("`{reference}` does not name a model; refer to #/components/schemas/<name> (OpenAPI 3) or #/definitions/<name> (Swagger 2)"),
                )
            })?;
            if !api.models.contains_key(name) && crate::model::built_in_model(name).is_none() {
                return Err(invalid(
                    &at.key("$ref"),
                    format!("the model `{name}` is not defined; define it under the document's schemas (only `Empty` and `Error` are built in)"),
                ));
            }
            return Ok(name.to_string());
        }
        object(schema, at, "a schema")?;
        let mut name = hint.to_string();
        let mut n = 1;
        while api
            .models
            .get(&name)
            .is_some_and(|m| m.schema != self.canonical_refs(schema))
        {
            n += 1;
            name = format!("{hint}{n}");
        }
        self.warn(at, format!("the inline schema became the model `{name}`; define it under the document's schemas to name it yourself"));
        self.model_pointers.insert(name.clone(), at.clone());
        api.models.insert(
            name.clone(),
            Model {
                name: name.clone(),
                content_type: "application/json".to_string(),
                schema: self.canonical_refs(schema),
                description: None,
            },
        );
        Ok(name)
    }

    /// Reads a security requirement list into the method's authorization.
    fn security(
        &mut self,
        api: &RestApi,
        method: &mut Method,
        value: &'a Value,
        at: &Ptr,
    ) -> Result<(), Error> {
        let list = value
            .as_array()
            .ok_or_else(|| invalid(at, "`security` must be a list"))?;
        for (i, requirement) in list.iter().enumerate() {
            let rat = at.index(i);
            for (name, scopes) in object(requirement, &rat, "a security requirement")? {
                let here = rat.key(name);
                let Some((_, scheme)) = self.schemes.get(name).cloned() else {
                    return Err(invalid(
                        &here,
                        format!("the security scheme `{name}` is not defined in the document's security schemes"),
                    ));
                };
                let auth_type = scheme.get(ext::AUTHTYPE).and_then(Value::as_str);
                if let Some(authorizer) = api.authorizers.get(name) {
                    method.authorizer_id = Some(name.clone());
                    if authorizer.kind == AuthorizerType::CognitoUserPools {
                        method.authorization_type = AuthorizationType::CognitoUserPools;
                        method.authorization_scopes = string_list(scopes, &here, "a scope")?;
                    } else {
                        method.authorization_type = AuthorizationType::Custom;
                    }
                } else if auth_type.is_some_and(|t| t.eq_ignore_ascii_case("awsSigv4")) {
                    method.authorization_type = AuthorizationType::AwsIam;
                } else if scheme.get("type").and_then(Value::as_str) == Some("apiKey")
                    && scheme.get("in").and_then(Value::as_str) == Some("header")
                    && scheme
                        .get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case("x-api-key"))
                {
                    method.api_key_required = true;
                } else {
                    self.warn(&here, format!("the security scheme `{name}` has no API Gateway meaning (no authorizer, not awsSigv4, not an x-api-key header); ignored"));
                }
            }
        }
        Ok(())
    }
}

/// Swagger 2 media types of an operation: its own list, else the document's,
/// else `application/json`.
fn media_types(op: &Map<String, Value>, top: &Map<String, Value>, key: &str) -> Vec<String> {
    let list = op
        .get(key)
        .or_else(|| top.get(key))
        .and_then(Value::as_array);
    let types: Vec<String> = list
        .map(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if types.is_empty() {
        vec!["application/json".to_string()]
    } else {
        types
    }
}

/// The stem of generated model names: the operationId, or the method and path
/// (`POST /pets/{id}` -> `PostPetsId`), alphanumeric as model names must be.
fn operation_hint(op: &Map<String, Value>, http_method: &str, path: &str) -> String {
    let source = match op.get("operationId").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => format!("{http_method} {path}").to_ascii_lowercase(),
    };
    let mut out = String::new();
    let mut upper = true;
    for c in source.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}
