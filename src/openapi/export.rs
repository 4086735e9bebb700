//! RestApi -> OpenAPI 3.0 or Swagger 2.0 with the API Gateway extensions,
//! shaped like API Gateway's own export, so that importing an export gives
//! back the same API.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::ext;
use super::import::OPERATIONS;
use crate::model::{
    model_url, ApiKeySource, AuthorizationType, Authorizer, AuthorizerType, ConnectionType,
    Integration, Method, RestApi,
};

/// The document format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// OpenAPI 3.0.1.
    OpenApi3,
    /// Swagger 2.0. It cannot give each response status its own media types,
    /// nor each request media type its own model; those come out merged.
    Swagger2,
}

/// Exports an API as it is deployed to `stage` in `region`.
///
/// ```
/// use portico::openapi::{export, import, ExportFormat, ImportOptions};
/// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{"/a":{"get":{
///   "responses":{"200":{"description":"ok"}},
///   "x-amazon-apigateway-integration":{"type":"mock","responses":{"default":{"statusCode":"200"}}}}}}}"#;
/// let api = import(doc, &ImportOptions::default()).unwrap().api;
/// let out = export(&api, ExportFormat::OpenApi3, "dev", "us-east-1");
/// assert_eq!(out["paths"]["/a"]["get"]["x-amazon-apigateway-integration"]["type"], "mock");
/// ```
pub fn export(api: &RestApi, format: ExportFormat, stage: &str, region: &str) -> Value {
    // HTTP APIs export as OpenAPI 3.0 only, as API Gateway's export does.
    let format = match api.protocol {
        crate::model::ApiProtocol::Http => ExportFormat::OpenApi3,
        crate::model::ApiProtocol::Rest => format,
    };
    Exporter { api, format }.document(stage, region)
}

struct Exporter<'a> {
    api: &'a RestApi,
    format: ExportFormat,
}

fn obj() -> Map<String, Value> {
    Map::new()
}

fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

fn string_map(map: &BTreeMap<String, String>) -> Value {
    Value::Object(map.iter().map(|(k, v)| (k.clone(), text(v))).collect())
}

fn string_list(list: &[String]) -> Value {
    Value::Array(list.iter().map(|v| text(v)).collect())
}

const SIGV4: &str = "sigv4";
const API_KEY: &str = "api_key";

impl Exporter<'_> {
    fn model_ref(&self, name: &str) -> Value {
        let mut r = obj();
        let prefix = match self.format {
            ExportFormat::OpenApi3 => "#/components/schemas/",
            ExportFormat::Swagger2 => "#/definitions/",
        };
        r.insert("$ref".into(), text(&format!("{prefix}{name}")));
        Value::Object(r)
    }

    /// A stored schema with model URLs turned back into document references.
    fn document_refs(&self, schema: &Value) -> Value {
        let prefix = model_url(&self.api.id, "");
        match schema {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let v = match (k.as_str(), v) {
                            ("$ref", Value::String(r)) if r.starts_with(&prefix) => {
                                return (
                                    k.clone(),
                                    self.model_ref(&r[prefix.len()..])["$ref"].clone(),
                                )
                            }
                            _ => self.document_refs(v),
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| self.document_refs(v)).collect())
            }
            other => other.clone(),
        }
    }

    fn document(&self, stage: &str, region: &str) -> Value {
        let api = self.api;
        let mut doc = obj();
        let mut info = obj();
        if let Some(d) = &api.description {
            info.insert("description".into(), text(d));
        }
        info.insert(
            "version".into(),
            text(api.version.as_deref().unwrap_or("1.0")),
        );
        info.insert("title".into(), text(&api.name));
        let execute_api = format!("{}.execute-api.{region}.amazonaws.com", api.id);
        let other_hosts = api.deployment.hosts.iter().filter(|h| **h != execute_api);
        match self.format {
            ExportFormat::OpenApi3 => {
                doc.insert("openapi".into(), text("3.0.1"));
                doc.insert("info".into(), Value::Object(info));
                let mut server = obj();
                server.insert(
                    "url".into(),
                    text(&format!("https://{execute_api}/{{basePath}}")),
                );
                let mut base = obj();
                // API Gateway's export writes the stage with a leading slash;
                // an HTTP API's `$default` stage has none.
                let base_path = if stage == "$default" {
                    String::new()
                } else {
                    format!("/{stage}")
                };
                base.insert("default".into(), text(&base_path));
                let mut vars = obj();
                vars.insert("basePath".into(), Value::Object(base));
                server.insert("variables".into(), Value::Object(vars));
                if let Some(cfg) = &api.endpoint_configuration {
                    server.insert(
                        ext::ENDPOINT_CONFIGURATION.into(),
                        self.endpoint_configuration(cfg),
                    );
                }
                let mut servers = vec![Value::Object(server)];
                for host in other_hosts {
                    let mut server = obj();
                    server.insert("url".into(), text(&format!("https://{host}")));
                    servers.push(Value::Object(server));
                }
                doc.insert("servers".into(), Value::Array(servers));
            }
            ExportFormat::Swagger2 => {
                doc.insert("swagger".into(), text("2.0"));
                doc.insert("info".into(), Value::Object(info));
                doc.insert("host".into(), text(&execute_api));
                doc.insert("basePath".into(), text(&format!("/{stage}")));
                doc.insert("schemes".into(), Value::Array(vec![text("https")]));
            }
        }

        let mut schemes = BTreeMap::new();
        let mut paths = obj();
        let mut resources: Vec<_> = api.resources.iter().collect();
        resources.sort_by(|a, b| a.path.cmp(&b.path));
        for resource in resources {
            if resource
                .methods
                .keys()
                .all(|k| k == crate::model::DEFAULT_ROUTE)
            {
                continue;
            }
            let mut item = obj();
            for (key, http_method) in OPERATIONS {
                if let Some(method) = resource.methods.get(http_method) {
                    item.insert(
                        key.into(),
                        self.operation(method, &resource.path, &mut schemes),
                    );
                }
            }
            paths.insert(resource.path.clone(), Value::Object(item));
        }
        if let Some(method) = api.resources[0].methods.get(crate::model::DEFAULT_ROUTE) {
            let mut op = self.operation(method, "/", &mut schemes);
            if let Value::Object(o) = &mut op {
                o.insert("isDefaultRoute".into(), Value::Bool(true));
            }
            let mut item = obj();
            item.insert(ext::ANY_METHOD.into(), op);
            paths.insert("/$default".into(), Value::Object(item));
        }
        doc.insert("paths".into(), Value::Object(paths));

        let mut models: Map<String, Value> = api
            .models
            .values()
            .map(|m| (m.name.clone(), self.document_refs(&m.schema)))
            .collect();
        // A built-in model a method uses is exported, as AWS does.
        let used = api
            .resources
            .iter()
            .flat_map(|r| r.methods.values())
            .flat_map(|m| {
                m.request_models.values().chain(
                    m.method_responses
                        .values()
                        .flat_map(|r| r.response_models.values()),
                )
            });
        for name in used {
            if !models.contains_key(name) {
                if let Some(model) = crate::model::built_in_model(name) {
                    models.insert(name.clone(), model.schema);
                }
            }
        }
        let security_schemes: Map<String, Value> = schemes.into_iter().collect();
        match self.format {
            ExportFormat::OpenApi3 => {
                let mut components = obj();
                if !models.is_empty() {
                    components.insert("schemas".into(), Value::Object(models));
                }
                if !security_schemes.is_empty() {
                    components.insert("securitySchemes".into(), Value::Object(security_schemes));
                }
                if !components.is_empty() {
                    doc.insert("components".into(), Value::Object(components));
                }
            }
            ExportFormat::Swagger2 => {
                if !security_schemes.is_empty() {
                    doc.insert(
                        "securityDefinitions".into(),
                        Value::Object(security_schemes),
                    );
                }
                if !models.is_empty() {
                    doc.insert("definitions".into(), Value::Object(models));
                }
            }
        }
        self.api_extensions(&mut doc);
        Value::Object(doc)
    }

    fn api_extensions(&self, doc: &mut Map<String, Value>) {
        let api = self.api;
        if let Some(policy) = &api.policy {
            doc.insert(ext::POLICY.into(), policy.clone());
        }
        if api.api_key_source == ApiKeySource::Authorizer {
            doc.insert(
                ext::API_KEY_SOURCE.into(),
                text(ApiKeySource::Authorizer.as_str()),
            );
        }
        if !api.binary_media_types.is_empty() {
            doc.insert(
                ext::BINARY_MEDIA_TYPES.into(),
                string_list(&api.binary_media_types),
            );
        }
        if let Some(size) = api.minimum_compression_size {
            doc.insert(ext::MINIMUM_COMPRESSION_SIZE.into(), Value::from(size));
        }
        if !api.request_validators.is_empty() {
            let validators = api
                .request_validators
                .iter()
                .map(|(name, v)| {
                    let mut o = obj();
                    o.insert(
                        "validateRequestBody".into(),
                        Value::Bool(v.validate_request_body),
                    );
                    o.insert(
                        "validateRequestParameters".into(),
                        Value::Bool(v.validate_request_parameters),
                    );
                    (name.clone(), Value::Object(o))
                })
                .collect();
            doc.insert(ext::REQUEST_VALIDATORS.into(), Value::Object(validators));
        }
        if let Some(name) = &api.default_request_validator {
            doc.insert(ext::REQUEST_VALIDATOR.into(), text(name));
        }
        if !api.gateway_responses.is_empty() {
            let responses = api
                .gateway_responses
                .iter()
                .map(|(kind, r)| {
                    let mut o = obj();
                    if let Some(status) = &r.status_code {
                        o.insert("statusCode".into(), text(status));
                    }
                    if !r.response_parameters.is_empty() {
                        o.insert(
                            "responseParameters".into(),
                            string_map(&r.response_parameters),
                        );
                    }
                    if !r.response_templates.is_empty() {
                        o.insert(
                            "responseTemplates".into(),
                            string_map(&r.response_templates),
                        );
                    }
                    (kind.name().to_string(), Value::Object(o))
                })
                .collect();
            doc.insert(ext::GATEWAY_RESPONSES.into(), Value::Object(responses));
        }
        if self.format == ExportFormat::Swagger2 {
            if let Some(cfg) = &api.endpoint_configuration {
                doc.insert(
                    ext::ENDPOINT_CONFIGURATION.into(),
                    self.endpoint_configuration(cfg),
                );
            }
        }
        if let Some(docs) = &api.documentation {
            doc.insert(ext::DOCUMENTATION.into(), docs.clone());
        }
        if let Some(cors) = &api.cors {
            let mut o = obj();
            o.insert("allowMethods".into(), string_list(&cors.allow_methods));
            o.insert("allowHeaders".into(), string_list(&cors.allow_headers));
            if !cors.expose_headers.is_empty() {
                o.insert("exposeHeaders".into(), string_list(&cors.expose_headers));
            }
            o.insert("maxAge".into(), Value::from(cors.max_age.unwrap_or(0)));
            o.insert(
                "allowCredentials".into(),
                Value::Bool(cors.allow_credentials),
            );
            o.insert("allowOrigins".into(), string_list(&cors.allow_origins));
            doc.insert(ext::CORS.into(), Value::Object(o));
        }
        if api.protocol == crate::model::ApiProtocol::Http {
            doc.insert(ext::IMPORTEXPORT_VERSION.into(), text("1.0"));
        }
    }

    fn endpoint_configuration(&self, cfg: &crate::model::EndpointConfiguration) -> Value {
        let mut o = obj();
        if !cfg.types.is_empty() {
            o.insert("types".into(), string_list(&cfg.types));
        }
        if !cfg.vpc_endpoint_ids.is_empty() {
            o.insert("vpcEndpointIds".into(), string_list(&cfg.vpc_endpoint_ids));
        }
        if cfg.disable_execute_api_endpoint {
            o.insert("disableExecuteApiEndpoint".into(), Value::Bool(true));
        }
        Value::Object(o)
    }

    fn operation(
        &self,
        method: &Method,
        path: &str,
        schemes: &mut BTreeMap<String, Value>,
    ) -> Value {
        let mut op = obj();
        if let Some(id) = &method.operation_name {
            op.insert("operationId".into(), text(id));
        }
        if self.format == ExportFormat::Swagger2 {
            let consumes: BTreeSet<&String> = method.request_models.keys().collect();
            if !consumes.is_empty() {
                op.insert(
                    "consumes".into(),
                    Value::Array(consumes.into_iter().map(|c| text(c)).collect()),
                );
            }
            let produces: BTreeSet<&String> = method
                .method_responses
                .values()
                .flat_map(|r| r.response_models.keys())
                .collect();
            if !produces.is_empty() {
                op.insert(
                    "produces".into(),
                    Value::Array(produces.into_iter().map(|c| text(c)).collect()),
                );
            }
        }
        let mut params = Vec::new();
        for (place, prefix) in [
            ("path", "method.request.path."),
            ("query", "method.request.querystring."),
            ("header", "method.request.header."),
        ] {
            for (key, required) in &method.request_parameters {
                let Some(name) = key.strip_prefix(prefix) else {
                    continue;
                };
                if place == "path" && !path.contains(&format!("{{{name}")) {
                    continue;
                }
                let mut p = obj();
                p.insert("name".into(), text(name));
                p.insert("in".into(), text(place));
                p.insert("required".into(), Value::Bool(*required || place == "path"));
                self.type_string(&mut p);
                params.push(Value::Object(p));
            }
        }
        if self.format == ExportFormat::Swagger2 {
            if let Some(model) = method.request_models.values().next() {
                let mut p = obj();
                p.insert("in".into(), text("body"));
                p.insert("name".into(), text(model));
                p.insert("required".into(), Value::Bool(true));
                p.insert("schema".into(), self.model_ref(model));
                params.push(Value::Object(p));
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if self.format == ExportFormat::OpenApi3 && !method.request_models.is_empty() {
            let content: Map<String, Value> = method
                .request_models
                .iter()
                .map(|(ct, model)| {
                    let mut media = obj();
                    media.insert("schema".into(), self.model_ref(model));
                    (ct.clone(), Value::Object(media))
                })
                .collect();
            let mut body = obj();
            body.insert("content".into(), Value::Object(content));
            body.insert("required".into(), Value::Bool(true));
            op.insert("requestBody".into(), Value::Object(body));
        }
        let mut responses = obj();
        for (status, r) in &method.method_responses {
            let mut out = obj();
            out.insert("description".into(), text(&format!("{status} response")));
            if !r.response_parameters.is_empty() {
                let headers: Map<String, Value> = r
                    .response_parameters
                    .iter()
                    .filter_map(|(key, required)| {
                        let name = key.strip_prefix("method.response.header.")?;
                        let mut h = obj();
                        if *required {
                            h.insert("required".into(), Value::Bool(true));
                        }
                        self.type_string(&mut h);
                        Some((name.to_string(), Value::Object(h)))
                    })
                    .collect();
                out.insert("headers".into(), Value::Object(headers));
            }
            match self.format {
                ExportFormat::OpenApi3
                    if !r.response_models.is_empty() || !r.examples.is_empty() =>
                {
                    let types: std::collections::BTreeSet<&String> =
                        r.response_models.keys().chain(r.examples.keys()).collect();
                    let content: Map<String, Value> = types
                        .into_iter()
                        .map(|ct| {
                            let mut media = obj();
                            if let Some(model) = r.response_models.get(ct) {
                                media.insert("schema".into(), self.model_ref(model));
                            }
                            if let Some(examples) = r.examples.get(ct) {
                                match examples.as_slice() {
                                    [(name, value)] if name == "default" => {
                                        media.insert("example".into(), value.clone());
                                    }
                                    _ => {
                                        let named: Map<String, Value> = examples
                                            .iter()
                                            .map(|(n, v)| {
                                                let mut e = obj();
                                                e.insert("value".into(), v.clone());
                                                (n.clone(), Value::Object(e))
                                            })
                                            .collect();
                                        media.insert("examples".into(), Value::Object(named));
                                    }
                                }
                            }
                            (ct.clone(), Value::Object(media))
                        })
                        .collect();
                    out.insert("content".into(), Value::Object(content));
                }
                ExportFormat::Swagger2 => {
                    if let Some(model) = r.response_models.values().next() {
                        out.insert("schema".into(), self.model_ref(model));
                    }
                    let examples: Map<String, Value> = r
                        .examples
                        .iter()
                        .filter_map(|(ct, named)| Some((ct.clone(), named.first()?.1.clone())))
                        .collect();
                    if !examples.is_empty() {
                        out.insert("examples".into(), Value::Object(examples));
                    }
                }
                _ => {}
            }
            responses.insert(status.clone(), Value::Object(out));
        }
        if self.api.protocol == crate::model::ApiProtocol::Http && responses.is_empty() {
            // An HTTP API export describes each route's default response.
            let route = if method.http_method == crate::model::DEFAULT_ROUTE {
                crate::model::DEFAULT_ROUTE.to_string()
            } else {
                format!("{} {path}", method.http_method)
            };
            let mut out = obj();
            out.insert(
                "description".into(),
                text(&format!("Default response for {route}")),
            );
            responses.insert("default".into(), Value::Object(out));
        }
        op.insert("responses".into(), Value::Object(responses));
        if let Some(security) = self.security(method, schemes) {
            op.insert("security".into(), security);
        }
        if let Some(v) = &method.request_validator {
            op.insert(ext::REQUEST_VALIDATOR.into(), text(v));
        }
        if let Some(integration) = &method.integration {
            op.insert(
                ext::INTEGRATION.into(),
                if self.api.protocol == crate::model::ApiProtocol::Http {
                    http_integration_value(integration)
                } else {
                    integration_value(integration)
                },
            );
        }
        Value::Object(op)
    }

    fn type_string(&self, target: &mut Map<String, Value>) {
        let mut t = obj();
        t.insert("type".into(), text("string"));
        match self.format {
            ExportFormat::OpenApi3 => {
                target.insert("schema".into(), Value::Object(t));
            }
            ExportFormat::Swagger2 => {
                target.insert("type".into(), text("string"));
            }
        }
    }

    fn security(&self, method: &Method, schemes: &mut BTreeMap<String, Value>) -> Option<Value> {
        let mut requirement = obj();
        match method.authorization_type {
            AuthorizationType::None => {}
            AuthorizationType::AwsIam => {
                requirement.insert(SIGV4.into(), Value::Array(Vec::new()));
                schemes.entry(SIGV4.to_string()).or_insert_with(|| {
                    let mut scheme = api_key_scheme("Authorization");
                    scheme.insert(ext::AUTHTYPE.into(), text("awsSigv4"));
                    Value::Object(scheme)
                });
            }
            AuthorizationType::Custom | AuthorizationType::CognitoUserPools => {
                let name = method.authorizer_id.clone().unwrap_or_default();
                requirement.insert(name.clone(), string_list(&method.authorization_scopes));
                if let Some(authorizer) = self.api.authorizers.get(&name) {
                    schemes.insert(name, authorizer_scheme(authorizer));
                }
            }
        }
        if method.api_key_required {
            requirement.insert(API_KEY.into(), Value::Array(Vec::new()));
            schemes
                .entry(API_KEY.to_string())
                .or_insert_with(|| Value::Object(api_key_scheme("x-api-key")));
        }
        (!requirement.is_empty()).then(|| Value::Array(vec![Value::Object(requirement)]))
    }
}

fn api_key_scheme(header: &str) -> Map<String, Value> {
    let mut scheme = obj();
    scheme.insert("type".into(), text("apiKey"));
    scheme.insert("name".into(), text(header));
    scheme.insert("in".into(), text("header"));
    scheme
}

fn authorizer_scheme(a: &Authorizer) -> Value {
    let mut scheme = obj();
    scheme.insert("type".into(), text("apiKey"));
    if let Some(header) = &a.header_name {
        scheme.insert("name".into(), text(header));
        scheme.insert("in".into(), text("header"));
    }
    if let Some(t) = &a.auth_type {
        scheme.insert(ext::AUTHTYPE.into(), text(t));
    }
    let mut spec = obj();
    spec.insert("type".into(), text(a.kind.as_str()));
    if let Some(uri) = &a.authorizer_uri {
        spec.insert("authorizerUri".into(), text(uri));
    }
    if let Some(c) = &a.authorizer_credentials {
        spec.insert("authorizerCredentials".into(), text(c));
    }
    if let Some(src) = &a.identity_source {
        spec.insert("identitySource".into(), text(src));
    }
    if let Some(e) = &a.identity_validation_expression {
        spec.insert("identityValidationExpression".into(), text(e));
    }
    if a.kind == AuthorizerType::CognitoUserPools {
        spec.insert("providerARNs".into(), string_list(&a.provider_arns));
    }
    spec.insert(
        "authorizerResultTtlInSeconds".into(),
        Value::from(a.result_ttl_in_seconds),
    );
    scheme.insert(ext::AUTHORIZER.into(), Value::Object(spec));
    Value::Object(scheme)
}

/// An HTTP API integration as its export writes it.
fn http_integration_value(i: &Integration) -> Value {
    let mut o = obj();
    if !i.http_response_parameters.is_empty() {
        let by_status: Map<String, Value> = i
            .http_response_parameters
            .iter()
            .map(|(status, map)| (status.clone(), string_map(map)))
            .collect();
        o.insert("responseParameters".into(), Value::Object(by_status));
    }
    if !i.request_parameters.is_empty() {
        o.insert(
            "requestParameters".into(),
            string_map(&i.request_parameters),
        );
    }
    if let Some(subtype) = &i.integration_subtype {
        o.insert("integrationSubtype".into(), text(subtype));
    }
    if let Some(role) = &i.credentials {
        o.insert("credentials".into(), text(role));
    }
    o.insert(
        "payloadFormatVersion".into(),
        text(i.payload_format_version.as_deref().unwrap_or("2.0")),
    );
    o.insert("type".into(), text(i.kind.as_str()));
    if let Some(m) = &i.http_method {
        o.insert("httpMethod".into(), text(m));
    }
    if let Some(uri) = &i.uri {
        o.insert("uri".into(), text(uri));
    }
    o.insert("connectionType".into(), text(i.connection_type.as_str()));
    if let Some(id) = &i.connection_id {
        o.insert("connectionId".into(), text(id));
    }
    o.insert("timeoutInMillis".into(), Value::from(i.timeout_in_millis));
    Value::Object(o)
}

fn integration_value(i: &Integration) -> Value {
    let mut o = obj();
    if let Some(m) = &i.http_method {
        o.insert("httpMethod".into(), text(m));
    }
    if let Some(uri) = &i.uri {
        o.insert("uri".into(), text(uri));
    }
    if !i.responses.is_empty() {
        let responses: Map<String, Value> = i
            .responses
            .iter()
            .map(|r| {
                let mut out = obj();
                out.insert("statusCode".into(), text(&r.status_code));
                if !r.response_parameters.is_empty() {
                    out.insert(
                        "responseParameters".into(),
                        string_map(&r.response_parameters),
                    );
                }
                if !r.response_templates.is_empty() {
                    out.insert(
                        "responseTemplates".into(),
                        string_map(&r.response_templates),
                    );
                }
                if let Some(c) = r.content_handling {
                    out.insert("contentHandling".into(), text(c.as_str()));
                }
                let key = r
                    .selection_pattern
                    .clone()
                    .unwrap_or_else(|| "default".to_string());
                (key, Value::Object(out))
            })
            .collect();
        o.insert("responses".into(), Value::Object(responses));
    }
    if !i.request_parameters.is_empty() {
        o.insert(
            "requestParameters".into(),
            string_map(&i.request_parameters),
        );
    }
    if !i.request_templates.is_empty() {
        o.insert("requestTemplates".into(), string_map(&i.request_templates));
    }
    o.insert(
        "passthroughBehavior".into(),
        text(i.passthrough_behavior.as_str()),
    );
    if let Some(c) = i.content_handling {
        o.insert("contentHandling".into(), text(c.as_str()));
    }
    if i.connection_type == ConnectionType::VpcLink {
        o.insert("connectionType".into(), text(i.connection_type.as_str()));
    }
    if let Some(id) = &i.connection_id {
        o.insert("connectionId".into(), text(id));
    }
    if let Some(c) = &i.credentials {
        o.insert("credentials".into(), text(c));
    }
    o.insert("timeoutInMillis".into(), Value::from(i.timeout_in_millis));
    if let Some(ns) = &i.cache_namespace {
        o.insert("cacheNamespace".into(), text(ns));
    }
    if !i.cache_key_parameters.is_empty() {
        o.insert(
            "cacheKeyParameters".into(),
            string_list(&i.cache_key_parameters),
        );
    }
    if i.tls_insecure_skip_verification {
        let mut tls = obj();
        tls.insert("insecureSkipVerification".into(), Value::Bool(true));
        o.insert("tlsConfig".into(), Value::Object(tls));
    }
    o.insert("type".into(), text(i.kind.as_str()));
    Value::Object(o)
}
