//! What SAM writes into an API's document besides the routes: security
//! schemes and requirements from `Auth`, the CORS preflight methods from
//! `Cors`, gateway responses, models and binary media types.

use serde_json::{json, Map, Value};

use super::output::{cors_extension, is_swagger, models_section, scheme_pointer, schemes};
use super::parts::Template;
use super::sam::invocation_uri;
use crate::error::Error;
use crate::openapi::json::Pointer;

/// Adds a security scheme the transform generates, unless the document has
/// one by that name; a warning about it names `from` in the template.
fn add_scheme(
    doc: &mut Value,
    name: &str,
    scheme: Value,
    from: Option<&Pointer>,
    origins: &mut Vec<(String, String)>,
) {
    if schemes(doc).contains_key(name) {
        return;
    }
    if let Some(from) = from {
        origins.push((scheme_pointer(doc, name), from.0.clone()));
    }
    schemes(doc).insert(name.to_string(), scheme);
}

/// An extension at the top of the document, unless it is there already.
fn extension(doc: &mut Value, name: &str, value: Value) {
    if let Some(top) = doc.as_object_mut() {
        top.entry(name.to_string()).or_insert(value);
    }
}

impl Template<'_> {
    /// The security requirement of an `Api` event: its own `Auth`, else the
    /// API's defaults.
    pub(super) fn rest_security(
        &mut self,
        api_auth: &Map<String, Value>,
        event_auth: Option<&Value>,
        _at: &Pointer,
    ) -> Option<Value> {
        let event_auth = event_auth.and_then(Value::as_object);
        let authorizer = event_auth
            .and_then(|a| a.get("Authorizer"))
            .or_else(|| api_auth.get("DefaultAuthorizer"))
            .and_then(Value::as_str);
        let api_key = event_auth
            .and_then(|a| a.get("ApiKeyRequired"))
            .or_else(|| api_auth.get("ApiKeyRequired"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut requirement = Map::new();
        match authorizer {
            None | Some("NONE") => {}
            Some("AWS_IAM") => {
                requirement.insert("sigv4".to_string(), json!([]));
            }
            Some(name) => {
                let scopes = event_auth
                    .and_then(|a| a.get("AuthorizationScopes"))
                    .or_else(|| {
                        api_auth
                            .get("Authorizers")?
                            .get(name)?
                            .get("AuthorizationScopes")
                    })
                    .cloned()
                    .unwrap_or_else(|| json!([]));
                requirement.insert(name.to_string(), scopes);
            }
        }
        if api_key {
            requirement.insert("api_key".to_string(), json!([]));
        }
        (!requirement.is_empty()).then(|| json!([requirement]))
    }

    /// The security requirement of an `HttpApi` event.
    pub(super) fn http_security(
        &mut self,
        api_auth: &Map<String, Value>,
        event_auth: Option<&Value>,
    ) -> Option<Value> {
        let event_auth = event_auth.and_then(Value::as_object);
        let authorizer = event_auth
            .and_then(|a| a.get("Authorizer"))
            .or_else(|| api_auth.get("DefaultAuthorizer"))
            .and_then(Value::as_str)?;
        let jwt = api_auth
            .get("Authorizers")
            .and_then(|a| a.get(authorizer))
            .and_then(|a| a.get("JwtConfiguration"));
        if authorizer == "NONE" || jwt.is_some() {
            return None;
        }
        let scopes = event_auth
            .and_then(|a| a.get("AuthorizationScopes"))
            .cloned()
            .unwrap_or_else(|| json!([]));
        Some(json!([{ authorizer: scopes }]))
    }

    /// A REST API's `Auth`, `Cors`, `GatewayResponses`, `Models`,
    /// `BinaryMediaTypes`, `EndpointConfiguration` and `ApiKeySourceType`.
    pub(super) fn rest_extensions(
        &mut self,
        doc: &mut Value,
        props: &Map<String, Value>,
        auth: &Map<String, Value>,
        at: &Pointer,
        origins: &mut Vec<(String, String)>,
    ) -> Result<(), Error> {
        let auth_at = at.key("Auth");
        for (name, authorizer) in auth
            .get("Authorizers")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let authorizer_at = auth_at.key("Authorizers").key(name);
            let scheme = self.rest_authorizer(authorizer, &authorizer_at);
            add_scheme(doc, name, scheme, Some(&authorizer_at), origins);
        }
        let default_iam = auth.get("DefaultAuthorizer").and_then(Value::as_str) == Some("AWS_IAM");
        if default_iam || uses(doc, "sigv4") {
            let scheme = json!({
                "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4",
            });
            let from = default_iam.then(|| auth_at.key("DefaultAuthorizer"));
            add_scheme(doc, "sigv4", scheme, from.as_ref(), origins);
        }
        if uses(doc, "api_key") {
            let scheme = json!({ "type": "apiKey", "name": "x-api-key", "in": "header" });
            let from = auth
                .contains_key("ApiKeyRequired")
                .then(|| auth_at.key("ApiKeyRequired"));
            add_scheme(doc, "api_key", scheme, from.as_ref(), origins);
        }
        for unread in [
            "UsagePlan",
            "ResourcePolicy",
            "InvokeRole",
            "AddDefaultAuthorizerToCorsPreflight",
            "AddApiKeyRequiredToCorsPreflight",
        ] {
            if auth.contains_key(unread) {
                let what = if unread == "UsagePlan" {
                    "usage plans (quotas and throttling) are not enforced"
                } else {
                    "it is not enforced"
                };
                self.warn(
                    &auth_at.key(unread),
                    format!("`Auth.{unread}` is imported without effect: {what}"),
                );
            }
        }
        if let Some(cors) = props.get("Cors") {
            add_cors(doc, cors);
        }
        if let Some(Value::Object(responses)) = props.get("GatewayResponses") {
            let mut out = Map::new();
            for (kind, response) in responses {
                let mut entry = Map::new();
                if let Some(status) = response.get("StatusCode") {
                    entry.insert(
                        "statusCode".to_string(),
                        Value::String(
                            status
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| status.to_string()),
                        ),
                    );
                }
                let mut parameters = Map::new();
                for (section, place) in [
                    ("Headers", "header"),
                    ("Paths", "path"),
                    ("QueryStrings", "querystring"),
                ] {
                    for (name, value) in response
                        .get("ResponseParameters")
                        .and_then(|p| p.get(section))
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        parameters.insert(format!("gatewayresponse.{place}.{name}"), value.clone());
                    }
                }
                if !parameters.is_empty() {
                    entry.insert("responseParameters".to_string(), Value::Object(parameters));
                }
                if let Some(templates) = response.get("ResponseTemplates") {
                    entry.insert("responseTemplates".to_string(), templates.clone());
                }
                out.insert(kind.clone(), Value::Object(entry));
            }
            extension(
                doc,
                "x-amazon-apigateway-gateway-responses",
                Value::Object(out),
            );
        }
        if let Some(Value::Object(models)) = props.get("Models") {
            for (name, schema) in models {
                models_section(doc)
                    .entry(name.clone())
                    .or_insert(schema.clone());
            }
        }
        if let Some(Value::Array(types)) = props.get("BinaryMediaTypes") {
            let types: Vec<Value> = types
                .iter()
                .filter_map(Value::as_str)
                .map(|t| Value::String(t.replace("~1", "/")))
                .collect();
            extension(
                doc,
                "x-amazon-apigateway-binary-media-types",
                Value::Array(types),
            );
        }
        if let Some(source) = props.get("ApiKeySourceType") {
            extension(doc, "x-amazon-apigateway-api-key-source", source.clone());
        }
        let endpoint = props.get("EndpointConfiguration");
        let endpoint_type = endpoint
            .and_then(|e| e.get("Type").or(Some(e)))
            .and_then(Value::as_str);
        if endpoint_type == Some("PRIVATE") {
            self.warn(&at.key("EndpointConfiguration"), "a PRIVATE endpoint answers only from inside its VPC on AWS; Portico serves it to every caller");
        }
        Ok(())
    }

    /// A SAM REST authorizer (Cognito or Lambda) as a security scheme.
    fn rest_authorizer(&mut self, authorizer: &Value, at: &Pointer) -> Value {
        let identity = authorizer.get("Identity");
        let header = identity
            .and_then(|i| i.get("Header"))
            .and_then(Value::as_str)
            .unwrap_or("Authorization");
        if let Some(pools) = authorizer.get("UserPoolArn") {
            let arns = match pools {
                Value::Array(list) => list.clone(),
                other => vec![other.clone()],
            };
            return json!({
                "type": "apiKey", "name": header, "in": "header",
                "x-amazon-apigateway-authtype": "cognito_user_pools",
                "x-amazon-apigateway-authorizer": { "type": "cognito_user_pools", "providerARNs": arns },
            });
        }
        let arn = authorizer
            .get("FunctionArn")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let request = authorizer
            .get("FunctionPayloadType")
            .and_then(Value::as_str)
            == Some("REQUEST");
        let mut sources = Vec::new();
        if request {
            for (field, place) in [
                ("Headers", "header"),
                ("QueryStrings", "querystring"),
                ("StageVariables", "stageVariables"),
                ("Context", "context"),
            ] {
                for name in identity
                    .and_then(|i| i.get(field))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    sources.push(if place == "stageVariables" || place == "context" {
                        format!("{place}.{name}")
                    } else {
                        format!("method.request.{place}.{name}")
                    });
                }
            }
        } else {
            sources.push(format!("method.request.header.{header}"));
        }
        let ttl = identity
            .and_then(|i| i.get("ReauthorizeEvery"))
            .cloned()
            .unwrap_or(json!(300));
        let mut config = json!({
            "type": if request { "request" } else { "token" },
            "authorizerUri": invocation_uri(&self.stack.region, arn),
            "authorizerResultTtlInSeconds": ttl,
        });
        if !sources.is_empty() {
            config["identitySource"] = Value::String(sources.join(", "));
        }
        if let Some(expression) = identity.and_then(|i| i.get("ValidationExpression")) {
            config["identityValidationExpression"] = expression.clone();
        }
        if let Some(role) = authorizer.get("FunctionInvokeRole") {
            config["authorizerCredentials"] = role.clone();
        }
        if arn.is_empty() {
            self.warn(at, "the authorizer has neither `UserPoolArn` nor `FunctionArn`; it is imported without a function");
        }
        json!({
            "type": "apiKey", "name": if request { "Unused" } else { header }, "in": "header",
            "x-amazon-apigateway-authtype": "custom",
            "x-amazon-apigateway-authorizer": config,
        })
    }

    /// An HTTP API's `Auth` and `CorsConfiguration`.
    pub(super) fn http_extensions(
        &mut self,
        doc: &mut Value,
        props: &Map<String, Value>,
        auth: &Map<String, Value>,
        at: &Pointer,
        origins: &mut Vec<(String, String)>,
    ) -> Result<(), Error> {
        for (name, authorizer) in auth
            .get("Authorizers")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if authorizer.get("JwtConfiguration").is_some() {
                self.warn(&at.key("Auth").key("Authorizers").key(name), "JWT authorizers are not supported yet: the routes that use it are served without authorization");
                continue;
            }
            let scheme = {
                let arn = authorizer
                    .get("FunctionArn")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let headers = authorizer
                    .get("Identity")
                    .and_then(|i| i.get("Headers"))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let sources: Vec<Value> = headers
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|h| Value::String(format!("$request.header.{h}")))
                    .collect();
                json!({
                    "type": "apiKey", "name": "Authorization", "in": "header",
                    "x-amazon-apigateway-authorizer": {
                        "type": "request",
                        "authorizerUri": invocation_uri(&self.stack.region, arn),
                        "authorizerPayloadFormatVersion": authorizer.get("AuthorizerPayloadFormatVersion").cloned().unwrap_or(json!("2.0")),
                        "enableSimpleResponses": authorizer.get("EnableSimpleResponses").cloned().unwrap_or(json!(false)),
                        "identitySource": sources,
                    },
                })
            };
            let authorizer_at = at.key("Auth").key("Authorizers").key(name);
            add_scheme(doc, name, scheme, Some(&authorizer_at), origins);
        }
        if auth.contains_key("EnableIamAuthorizer") {
            self.warn(
                &at.key("Auth").key("EnableIamAuthorizer"),
                "IAM authorization is not enforced",
            );
        }
        match props.get("CorsConfiguration") {
            Some(Value::Bool(true)) => extension(
                doc,
                "x-amazon-apigateway-cors",
                json!({ "allowOrigins": ["*"], "allowHeaders": ["*"], "allowMethods": ["*"] }),
            ),
            Some(Value::Object(cors)) => {
                extension(doc, "x-amazon-apigateway-cors", cors_extension(cors));
            }
            _ => {}
        }
        Ok(())
    }
}

/// Whether any operation's security requirement names `scheme`.
fn uses(doc: &Value, scheme: &str) -> bool {
    doc.get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .any(|(_, item)| {
            item.as_object().into_iter().flatten().any(|(_, op)| {
                op.get("security")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .any(|r| r.get(scheme).is_some())
            })
        })
}

/// SAM's CORS preflight: an OPTIONS mock on every path that has none.
fn add_cors(doc: &mut Value, cors: &Value) {
    let (origin, headers, methods, max_age, credentials) = match cors {
        Value::String(origin) => (origin.clone(), None, None, None, false),
        Value::Object(c) => (
            c.get("AllowOrigin")
                .and_then(Value::as_str)
                .unwrap_or("'*'")
                .to_string(),
            c.get("AllowHeaders")
                .and_then(Value::as_str)
                .map(str::to_string),
            c.get("AllowMethods")
                .and_then(Value::as_str)
                .map(str::to_string),
            c.get("MaxAge").map(|m| {
                m.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("'{m}'"))
            }),
            c.get("AllowCredentials")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        ),
        _ => return,
    };
    let swagger = is_swagger(doc);
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        if item.contains_key("options") {
            continue;
        }
        let allow_methods = methods.clone().unwrap_or_else(|| {
            let mut verbs: Vec<String> = if item.contains_key("x-amazon-apigateway-any-method") {
                ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            } else {
                let mut v: Vec<String> = item
                    .keys()
                    .filter(|k| {
                        ["get", "put", "post", "delete", "patch", "head"].contains(&k.as_str())
                    })
                    .map(|k| k.to_ascii_uppercase())
                    .collect();
                v.push("OPTIONS".to_string());
                v
            };
            verbs.sort();
            format!("'{}'", verbs.join(","))
        });
        let mut parameters = Map::new();
        let mut declared = Map::new();
        let header = || {
            if swagger {
                json!({ "type": "string" })
            } else {
                json!({ "schema": { "type": "string" } })
            }
        };
        let mut add = |name: &str, value: String| {
            parameters.insert(
                format!("method.response.header.{name}"),
                Value::String(value),
            );
            declared.insert(name.to_string(), header());
        };
        if let Some(h) = &headers {
            add("Access-Control-Allow-Headers", h.clone());
        }
        add("Access-Control-Allow-Methods", allow_methods);
        add("Access-Control-Allow-Origin", origin.clone());
        if let Some(m) = &max_age {
            add("Access-Control-Max-Age", m.clone());
        }
        if credentials {
            add("Access-Control-Allow-Credentials", "'true'".to_string());
        }
        item.insert(
            "options".to_string(),
            json!({
                "summary": "CORS support",
                "x-amazon-apigateway-integration": {
                    "type": "mock",
                    "requestTemplates": { "application/json": "{\n  \"statusCode\" : 200\n}\n" },
                    "responses": { "default": { "statusCode": "200", "responseParameters": parameters, "responseTemplates": { "application/json": "{}\n" } } },
                },
                "responses": { "200": { "description": "Default response for CORS method", "headers": declared } },
            }),
        );
    }
}
