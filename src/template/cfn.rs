//! `AWS::ApiGateway::*` resources (as CDK synthesizes them) and
//! `AWS::ApiGatewayV2::*` HTTP APIs, written as the OpenAPI document an
//! export of the deployed API would be.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::output::{
    copy_renamed, cors_extension, models_section, scheme_pointer, schemes, string_map,
    swagger_parameter, text,
};
use super::parts::{with_title, ApiDocument, Template};
use super::sam::{insert_operation, mark_http_api, operation_pointer};
use crate::error::Error;
use crate::openapi::intrinsics::stand_in_id;
use crate::openapi::json::{invalid, Pointer};

/// `AWS::ApiGateway::Method` properties read, or known to change nothing locally.
const METHOD_PROPERTIES: &[&str] = &[
    "HttpMethod",
    "ResourceId",
    "RestApiId",
    "AuthorizationType",
    "AuthorizerId",
    "AuthorizationScopes",
    "ApiKeyRequired",
    "RequestParameters",
    "RequestModels",
    "RequestValidatorId",
    "Integration",
    "MethodResponses",
    "OperationName",
];

/// `AWS::ApiGateway::RestApi` properties read, or known to change nothing locally.
const REST_API_PROPERTIES: &[&str] = &[
    "Name",
    "Description",
    "Body",
    "BodyS3Location",
    "BinaryMediaTypes",
    "ApiKeySourceType",
    "EndpointConfiguration",
    "Policy",
    "Tags",
    "FailOnWarnings",
    "Parameters",
    "Mode",
    "CloneFrom",
    "Version",
];

/// `AWS::ApiGateway::Authorizer` properties, as `x-amazon-apigateway-authorizer` names them.
const AUTHORIZER_PROPERTIES: &[(&str, &str)] = &[
    ("AuthorizerUri", "authorizerUri"),
    ("AuthorizerCredentials", "authorizerCredentials"),
    (
        "AuthorizerResultTtlInSeconds",
        "authorizerResultTtlInSeconds",
    ),
    (
        "IdentityValidationExpression",
        "identityValidationExpression",
    ),
    ("ProviderARNs", "providerARNs"),
];

/// `AWS::ApiGateway::GatewayResponse` properties, as
/// `x-amazon-apigateway-gateway-responses` names them.
const GATEWAY_RESPONSE_PROPERTIES: &[(&str, &str)] = &[
    ("StatusCode", "statusCode"),
    ("ResponseParameters", "responseParameters"),
    ("ResponseTemplates", "responseTemplates"),
];

/// A method's `Integration` properties copied as they are into
/// `x-amazon-apigateway-integration` (the enums are lowered apart).
const INTEGRATION_PROPERTIES: &[(&str, &str)] = &[
    ("Uri", "uri"),
    ("IntegrationHttpMethod", "httpMethod"),
    ("RequestTemplates", "requestTemplates"),
    ("RequestParameters", "requestParameters"),
    ("ContentHandling", "contentHandling"),
    ("TimeoutInMillis", "timeoutInMillis"),
    ("Credentials", "credentials"),
    ("ConnectionId", "connectionId"),
    ("CacheKeyParameters", "cacheKeyParameters"),
    ("CacheNamespace", "cacheNamespace"),
];

/// An `IntegrationResponses` entry's properties besides its status code, as
/// the integration's `responses` name them.
const INTEGRATION_RESPONSE_PROPERTIES: &[(&str, &str)] = &[
    ("ResponseParameters", "responseParameters"),
    ("ResponseTemplates", "responseTemplates"),
    ("ContentHandling", "contentHandling"),
];

/// `AWS::ApiGatewayV2::Integration` properties, as an HTTP API's
/// `x-amazon-apigateway-integration` names them.
const V2_INTEGRATION_PROPERTIES: &[(&str, &str)] = &[
    ("IntegrationUri", "uri"),
    ("TimeoutInMillis", "timeoutInMillis"),
    ("IntegrationSubtype", "integrationSubtype"),
    ("RequestParameters", "requestParameters"),
    ("CredentialsArn", "credentials"),
    ("ConnectionType", "connectionType"),
    ("ConnectionId", "connectionId"),
];

/// An enum value as the OpenAPI extensions write it (`AWS_PROXY` -> `aws_proxy`).
fn lower(value: Option<&Value>) -> Option<Value> {
    value
        .and_then(Value::as_str)
        .map(|s| Value::String(s.to_ascii_lowercase()))
}

/// The name a named sub-resource goes by: its `Name`, else its logical id.
fn named(props: &Map<String, Value>, id: &str) -> String {
    props
        .get("Name")
        .and_then(Value::as_str)
        .unwrap_or(id)
        .to_string()
}

impl<'t> Template<'t> {
    /// The resources of a type that belong to the API `api` (by `api_key`).
    fn children(&self, kind: &str, api_key: &str, api: &str) -> Vec<&'t str> {
        self.of_kind(kind)
            .into_iter()
            .filter(|id| self.raw_property(id, api_key).and_then(Template::raw_ref) == Some(api))
            .collect()
    }

    /// The path of an `AWS::ApiGateway::Resource` (or of the root).
    fn resource_path(&mut self, reference: Option<&Value>, depth: usize) -> Result<String, Error> {
        let Some(reference) = reference else {
            return Ok("/".to_string());
        };
        let is_root = matches!(reference, Value::Object(m) if m.contains_key("Fn::GetAtt"));
        let Some(id) = Template::raw_ref(reference).filter(|_| !is_root && depth < 64) else {
            return Ok("/".to_string());
        };
        if self.kind(id) != Some("AWS::ApiGateway::Resource") {
            return Ok("/".to_string());
        }
        let parent = self.raw_property(id, "ParentId");
        let base = self.resource_path(parent, depth + 1)?;
        let props = self.properties(id)?;
        let part = props
            .get("PathPart")
            .and_then(Value::as_str)
            .unwrap_or_default();
        Ok(format!("{}/{part}", base.trim_end_matches('/')))
    }

    /// An `AWS::ApiGateway::RestApi` with its resources.
    pub(super) fn cfn_rest_api(&mut self, id: &str) -> Result<ApiDocument, Error> {
        let props = self.properties(id)?;
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        for key in props.keys() {
            if !REST_API_PROPERTIES.contains(&key.as_str()) {
                self.warn(&at.key(key), format!("the `AWS::ApiGateway::RestApi` property `{key}` is not read by Portico; it has no effect here"));
            }
        }
        if props.contains_key("BodyS3Location") {
            return Err(invalid(&at.key("BodyS3Location"), "`BodyS3Location` names an S3 object, which Portico cannot fetch; put the definition in `Body` (or serve the OpenAPI file itself)"));
        }
        let mut origins = Vec::new();
        let mut doc = match props.get("Body") {
            Some(body) => {
                origins.push((String::new(), at.key("Body").0));
                with_title(body.clone(), props.get("Name"), id)
            }
            None => {
                json!({ "swagger": "2.0", "info": { "version": "1.0", "title": named(&props, id) }, "paths": {} })
            }
        };
        if let Some(Value::Array(types)) = props.get("BinaryMediaTypes") {
            doc["x-amazon-apigateway-binary-media-types"] = Value::Array(
                types
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|t| Value::String(t.replace("~1", "/")))
                    .collect(),
            );
        }
        if let Some(source) = props.get("ApiKeySourceType") {
            doc["x-amazon-apigateway-api-key-source"] = source.clone();
        }
        if let Some(policy) = props.get("Policy") {
            doc["x-amazon-apigateway-policy"] = policy.clone();
            origins.push((
                "/x-amazon-apigateway-policy".to_string(),
                at.key("Policy").0,
            ));
        }
        let endpoint = props
            .get("EndpointConfiguration")
            .and_then(|e| e.get("Types"))
            .and_then(Value::as_array);
        if endpoint.is_some_and(|t| t.iter().any(|t| t == "PRIVATE")) {
            self.warn(&at.key("EndpointConfiguration"), "a PRIVATE endpoint answers only from inside its VPC on AWS; Portico serves it to every caller");
        }

        let mut models = Map::new();
        for model in self.children("AWS::ApiGateway::Model", "RestApiId", id) {
            let mp = self.properties(model)?;
            let schema = match mp.get("Schema") {
                Some(Value::String(text)) => serde_json::from_str(text).map_err(|e| {
                    invalid(
                        &Pointer::root()
                            .key("Resources")
                            .key(model)
                            .key("Properties")
                            .key("Schema"),
                        format!("the model's `Schema` is not JSON: {e}"),
                    )
                })?,
                Some(other) => other.clone(),
                None => json!({}),
            };
            models.insert(named(&mp, model), schema);
        }
        if !models.is_empty() {
            let section = models_section(&mut doc);
            for (name, schema) in models {
                section.entry(name).or_insert(schema);
            }
        }

        let mut validators = BTreeMap::new();
        let mut validator_section = Map::new();
        for validator in self.children("AWS::ApiGateway::RequestValidator", "RestApiId", id) {
            let vp = self.properties(validator)?;
            let name = named(&vp, validator);
            validator_section.insert(name.clone(), json!({
                "validateRequestBody": vp.get("ValidateRequestBody").cloned().unwrap_or(json!(false)),
                "validateRequestParameters": vp.get("ValidateRequestParameters").cloned().unwrap_or(json!(false)),
            }));
            validators.insert(validator.to_string(), name);
        }
        if !validator_section.is_empty() {
            doc["x-amazon-apigateway-request-validators"] = Value::Object(validator_section);
        }

        let mut authorizers = BTreeMap::new();
        for authorizer in self.children("AWS::ApiGateway::Authorizer", "RestApiId", id) {
            let ap = self.properties(authorizer)?;
            let name = named(&ap, authorizer);
            let kind = ap.get("Type").and_then(Value::as_str).unwrap_or("TOKEN");
            let source = ap
                .get("IdentitySource")
                .and_then(Value::as_str)
                .unwrap_or("method.request.header.Authorization");
            let header = source
                .strip_prefix("method.request.header.")
                .unwrap_or("Authorization");
            let mut config = Map::new();
            config.insert("type".to_string(), json!(kind.to_ascii_lowercase()));
            copy_renamed(&ap, &mut config, AUTHORIZER_PROPERTIES);
            config.insert(
                "identitySource".to_string(),
                Value::String(source.to_string()),
            );
            let scheme = json!({
                "type": "apiKey", "name": header, "in": "header",
                "x-amazon-apigateway-authtype": if kind == "COGNITO_USER_POOLS" { "cognito_user_pools" } else { "custom" },
                "x-amazon-apigateway-authorizer": config,
            });
            schemes(&mut doc).insert(name.clone(), scheme);
            let resource_at = Pointer::root().key("Resources").key(authorizer);
            origins.push((scheme_pointer(&doc, &name), resource_at.0));
            authorizers.insert(authorizer.to_string(), name);
        }

        // Where the first method asks for an API key, or IAM authorization.
        let mut api_key_at: Option<Pointer> = None;
        let mut iam_at: Option<Pointer> = None;
        for method in self.children("AWS::ApiGateway::Method", "RestApiId", id) {
            let method_at = Pointer::root()
                .key("Resources")
                .key(method)
                .key("Properties");
            let resource = self.raw_property(method, "ResourceId");
            let path = self.resource_path(resource, 0)?;
            let mp = self.properties(method)?;
            for key in mp.keys() {
                if !METHOD_PROPERTIES.contains(&key.as_str()) {
                    self.warn(&method_at.key(key), format!("the `AWS::ApiGateway::Method` property `{key}` is not read by Portico; it has no effect here"));
                }
            }
            let verb = mp
                .get("HttpMethod")
                .and_then(Value::as_str)
                .unwrap_or("GET");
            let key = if verb.eq_ignore_ascii_case("ANY") {
                "x-amazon-apigateway-any-method".to_string()
            } else {
                verb.to_ascii_lowercase()
            };
            let mut operation = Map::new();
            if let Some(name) = mp.get("OperationName") {
                operation.insert("operationId".to_string(), name.clone());
            }
            let mut parameters: Vec<Value> = mp
                .get("RequestParameters")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(name, required)| {
                    swagger_parameter(name, required.as_bool().unwrap_or(false))
                })
                .collect();
            if let Some(Value::Object(request_models)) = mp.get("RequestModels") {
                if let Some(model) = request_models.values().find_map(Value::as_str) {
                    parameters.push(json!({ "in": "body", "name": model, "required": true, "schema": { "$ref": format!("#/definitions/{model}") } }));
                }
                let types: Vec<&String> = request_models.keys().collect();
                operation.insert("consumes".to_string(), json!(types));
            }
            if !parameters.is_empty() {
                operation.insert("parameters".to_string(), Value::Array(parameters));
            }
            if let Some(validator) = self
                .raw_property(method, "RequestValidatorId")
                .and_then(Template::raw_ref)
                .and_then(|v| validators.get(v))
            {
                operation.insert(
                    "x-amazon-apigateway-request-validator".to_string(),
                    Value::String(validator.clone()),
                );
            }
            let mut requirement = Map::new();
            let scopes = mp.get("AuthorizationScopes").cloned().unwrap_or(json!([]));
            match mp.get("AuthorizationType").and_then(Value::as_str) {
                Some("AWS_IAM") => {
                    iam_at.get_or_insert_with(|| method_at.key("AuthorizationType"));
                    requirement.insert("sigv4".to_string(), json!([]));
                }
                Some("CUSTOM" | "COGNITO_USER_POOLS") => {
                    let authorizer = self
                        .raw_property(method, "AuthorizerId")
                        .and_then(Template::raw_ref)
                        .and_then(|a| authorizers.get(a));
                    match authorizer {
                        Some(name) => {
                            requirement.insert(name.clone(), scopes);
                        }
                        None => self.warn(&method_at.key("AuthorizerId"), "the method's `AuthorizerId` names no `AWS::ApiGateway::Authorizer` of this API; the method is imported without one"),
                    }
                }
                _ => {}
            }
            if mp.get("ApiKeyRequired").and_then(Value::as_bool) == Some(true) {
                api_key_at.get_or_insert_with(|| method_at.key("ApiKeyRequired"));
                requirement.insert("api_key".to_string(), json!([]));
            }
            if !requirement.is_empty() {
                operation.insert("security".to_string(), json!([requirement]));
            }
            if let Some(Value::Object(integration)) = mp.get("Integration") {
                operation.insert(
                    "x-amazon-apigateway-integration".to_string(),
                    integration_extension(integration),
                );
            }
            let mut responses = Map::new();
            for response in mp
                .get("MethodResponses")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let code = response
                    .get("StatusCode")
                    .map(|c| {
                        c.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| c.to_string())
                    })
                    .unwrap_or_else(|| "200".to_string());
                let mut entry = json!({ "description": format!("{code} response") });
                let headers: Map<String, Value> = response
                    .get("ResponseParameters")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter_map(|(k, _)| k.strip_prefix("method.response.header."))
                    .map(|h| (h.to_string(), json!({ "type": "string" })))
                    .collect();
                if !headers.is_empty() {
                    entry["headers"] = Value::Object(headers);
                }
                if let Some(model) = response
                    .get("ResponseModels")
                    .and_then(Value::as_object)
                    .and_then(|m| m.values().find_map(Value::as_str))
                {
                    entry["schema"] = json!({ "$ref": format!("#/definitions/{model}") });
                }
                responses.insert(code, entry);
            }
            operation.insert("responses".to_string(), Value::Object(responses));
            if insert_operation(&mut doc, &path, &key, Value::Object(operation)) {
                origins.push((operation_pointer(&path, &key), method_at.0.clone()));
            }
        }
        if let Some(at) = api_key_at {
            origins.push((scheme_pointer(&doc, "api_key"), at.0));
            schemes(&mut doc)
                .entry("api_key")
                .or_insert(json!({ "type": "apiKey", "name": "x-api-key", "in": "header" }));
        }
        if let Some(at) = iam_at {
            origins.push((scheme_pointer(&doc, "sigv4"), at.0));
            schemes(&mut doc).entry("sigv4").or_insert(
                json!({ "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4" }),
            );
        }

        let mut gateway_responses = Map::new();
        for response in self.children("AWS::ApiGateway::GatewayResponse", "RestApiId", id) {
            let rp = self.properties(response)?;
            let Some(kind) = rp.get("ResponseType").and_then(Value::as_str) else {
                continue;
            };
            let mut entry = Map::new();
            copy_renamed(&rp, &mut entry, GATEWAY_RESPONSE_PROPERTIES);
            gateway_responses.insert(kind.to_string(), Value::Object(entry));
        }
        if !gateway_responses.is_empty() {
            doc["x-amazon-apigateway-gateway-responses"] = Value::Object(gateway_responses);
        }

        let mut parts = Vec::new();
        for part in self.children("AWS::ApiGateway::DocumentationPart", "RestApiId", id) {
            let pp = self.properties(part)?;
            let mut location = Map::new();
            for (k, v) in pp
                .get("Location")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                let mut key = k.clone();
                key[..1].make_ascii_lowercase();
                location.insert(key, v.clone());
            }
            let properties = match pp.get("Properties") {
                Some(Value::String(text)) => {
                    serde_json::from_str(text).unwrap_or(Value::String(text.clone()))
                }
                Some(other) => other.clone(),
                None => json!({}),
            };
            parts.push(json!({ "location": location, "properties": properties }));
        }
        if !parts.is_empty() {
            doc["x-amazon-apigateway-documentation"] =
                json!({ "version": "1.0", "documentationParts": parts });
        }

        for kind in [
            "AWS::ApiGateway::UsagePlan",
            "AWS::ApiGateway::ApiKey",
            "AWS::ApiGateway::UsagePlanKey",
        ] {
            for plan in self.of_kind(kind) {
                let at = Pointer::root().key("Resources").key(plan);
                self.warn(&at, format!("`{kind}` is imported without effect: API keys are not checked against it and usage plans (quotas, throttling) are not enforced"));
            }
        }

        let (stage, stage_variables) = self.cfn_stage(
            id,
            "AWS::ApiGateway::Stage",
            "RestApiId",
            "Variables",
            "AWS::ApiGateway::Deployment",
        )?;
        Ok(ApiDocument {
            document: doc,
            stage,
            stage_variables,
            origins,
        })
    }

    /// The stage a template deploys an API to: its `Stage` resource, else a
    /// `Deployment`'s `StageName`.
    fn cfn_stage(
        &mut self,
        api: &str,
        stage_kind: &str,
        api_key: &str,
        variables: &str,
        deployment_kind: &str,
    ) -> Result<(Option<String>, BTreeMap<String, String>), Error> {
        if let Some(stage) = self.children(stage_kind, api_key, api).first().copied() {
            let sp = self.properties(stage)?;
            let name = sp
                .get("StageName")
                .and_then(Value::as_str)
                .map(str::to_string);
            return Ok((name, string_map(sp.get(variables))));
        }
        for deployment in self.children(deployment_kind, api_key, api) {
            let dp = self.properties(deployment)?;
            if let Some(name) = dp.get("StageName").and_then(Value::as_str) {
                return Ok((
                    Some(name.to_string()),
                    string_map(dp.get("StageDescription").and_then(|d| d.get("Variables"))),
                ));
            }
        }
        Ok((None, BTreeMap::new()))
    }

    /// An `AWS::ApiGatewayV2::Api` of protocol HTTP with its routes.
    pub(super) fn cfn_v2_api(&mut self, id: &str) -> Result<ApiDocument, Error> {
        let props = self.properties(id)?;
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        if props.get("ProtocolType").and_then(Value::as_str) == Some("WEBSOCKET") {
            return Err(invalid(&at.key("ProtocolType"), "WebSocket APIs are not supported yet; Portico serves REST and HTTP APIs (pick another with the `api` option)"));
        }
        if props.contains_key("BodyS3Location") {
            return Err(invalid(&at.key("BodyS3Location"), "`BodyS3Location` names an S3 object, which Portico cannot fetch; put the definition in `Body`"));
        }
        let mut origins = Vec::new();
        let mut doc = match props.get("Body") {
            Some(body) => {
                origins.push((String::new(), at.key("Body").0));
                with_title(body.clone(), props.get("Name"), id)
            }
            None => {
                json!({ "openapi": "3.0.1", "info": { "version": "1.0", "title": named(&props, id) }, "paths": {} })
            }
        };
        if let Some(target) = props.get("Target").and_then(Value::as_str) {
            let integration = json!({ "type": "aws_proxy", "httpMethod": "POST", "uri": self.lambda_uri(target), "payloadFormatVersion": "2.0" });
            let route = props
                .get("RouteKey")
                .and_then(Value::as_str)
                .unwrap_or("$default");
            self.add_v2_route(&mut doc, route, integration, json!({}), &mut origins, &at);
        }
        let mut integrations = BTreeMap::new();
        for integration in self.children("AWS::ApiGatewayV2::Integration", "ApiId", id) {
            let ip = self.properties(integration)?;
            let mut ext = json!({
                "type": lower(ip.get("IntegrationType")).unwrap_or(json!("aws_proxy")),
                "httpMethod": ip.get("IntegrationMethod").cloned().unwrap_or(json!("POST")),
                "payloadFormatVersion": ip.get("PayloadFormatVersion").cloned().unwrap_or(json!("2.0")),
            });
            copy_renamed(
                &ip,
                ext.as_object_mut().expect("an object"),
                V2_INTEGRATION_PROPERTIES,
            );
            if let Some(uri) = ext.get("uri").and_then(Value::as_str) {
                ext["uri"] = Value::String(self.lambda_uri(uri));
            }
            integrations.insert(stand_in_id(integration), ext);
        }
        for route in self.children("AWS::ApiGatewayV2::Route", "ApiId", id) {
            let rp = self.properties(route)?;
            let route_at = Pointer::root()
                .key("Resources")
                .key(route)
                .key("Properties");
            let key = rp
                .get("RouteKey")
                .and_then(Value::as_str)
                .unwrap_or("$default");
            let target = rp.get("Target").and_then(Value::as_str).unwrap_or_default();
            let integration = target
                .strip_prefix("integrations/")
                .and_then(|t| integrations.get(t))
                .cloned();
            let Some(integration) = integration else {
                self.warn(&route_at.key("Target"), "the route's `Target` names no `AWS::ApiGatewayV2::Integration` of this API; the route is left out");
                continue;
            };
            let operation = json!({});
            if let Some(kind) = rp
                .get("AuthorizationType")
                .and_then(Value::as_str)
                .filter(|k| *k != "NONE")
            {
                self.warn(
                    &route_at.key("AuthorizationType"),
                    format!(
                        "`{kind}` authorization of an `AWS::ApiGatewayV2::Route` is not enforced"
                    ),
                );
            }
            self.add_v2_route(
                &mut doc,
                key,
                integration,
                operation,
                &mut origins,
                &route_at,
            );
        }
        if let Some(cors) = props.get("CorsConfiguration").and_then(Value::as_object) {
            doc["x-amazon-apigateway-cors"] = cors_extension(cors);
        }
        mark_http_api(&mut doc);
        let (stage, variables) = self.cfn_stage(
            id,
            "AWS::ApiGatewayV2::Stage",
            "ApiId",
            "StageVariables",
            "AWS::ApiGatewayV2::Deployment",
        )?;
        Ok(ApiDocument {
            document: doc,
            stage: stage.or_else(|| Some("$default".to_string())),
            stage_variables: variables,
            origins,
        })
    }

    /// An HTTP API's integration target: a function ARN as its invocation URI.
    fn lambda_uri(&self, target: &str) -> String {
        if target.starts_with("arn:aws:lambda:") {
            super::sam::invocation_uri(&self.stack.region, target)
        } else {
            target.to_string()
        }
    }

    /// Adds an HTTP API route (`GET /items`, `$default`) to a document.
    fn add_v2_route(
        &mut self,
        doc: &mut Value,
        route: &str,
        integration: Value,
        mut operation: Value,
        origins: &mut Vec<(String, String)>,
        at: &Pointer,
    ) {
        let (path, key) = match route.split_once(' ') {
            Some((verb, path)) if verb != "ANY" => (path.to_string(), verb.to_ascii_lowercase()),
            Some((_, path)) => (
                path.to_string(),
                "x-amazon-apigateway-any-method".to_string(),
            ),
            None => (
                "/$default".to_string(),
                "x-amazon-apigateway-any-method".to_string(),
            ),
        };
        operation["x-amazon-apigateway-integration"] = integration;
        operation["responses"] = json!({});
        if insert_operation(doc, &path, &key, operation) {
            origins.push((operation_pointer(&path, &key), at.0.clone()));
        }
    }
}

/// A method's `Integration` as `x-amazon-apigateway-integration`.
fn integration_extension(integration: &Map<String, Value>) -> Value {
    let mut ext = Map::new();
    if let Some(kind) = lower(integration.get("Type")) {
        ext.insert("type".to_string(), kind);
    }
    copy_renamed(integration, &mut ext, INTEGRATION_PROPERTIES);
    for (from, to) in [
        ("PassthroughBehavior", "passthroughBehavior"),
        ("ConnectionType", "connectionType"),
    ] {
        if let Some(v) = lower(integration.get(from)) {
            ext.insert(to.to_string(), v);
        }
    }
    let mut responses = Map::new();
    for response in integration
        .get("IntegrationResponses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let pattern = response
            .get("SelectionPattern")
            .and_then(Value::as_str)
            .filter(|p| !p.is_empty())
            .unwrap_or("default");
        let mut entry = Map::new();
        if let Some(code) = response.get("StatusCode") {
            entry.insert("statusCode".to_string(), Value::String(text(code)));
        }
        if let Some(response) = response.as_object() {
            copy_renamed(response, &mut entry, INTEGRATION_RESPONSE_PROPERTIES);
        }
        responses.insert(pattern.to_string(), Value::Object(entry));
    }
    if !responses.is_empty() {
        ext.insert("responses".to_string(), Value::Object(responses));
    }
    Value::Object(ext)
}
