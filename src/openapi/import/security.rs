//! Security schemes and requirements: authorizers, IAM, API keys.

use serde_json::{Map, Value};

use super::importer::Importer;
use crate::error::Error;
use crate::model::{AuthorizationType, Authorizer, AuthorizerType, Method, RestApi};
use crate::openapi::ext;
use crate::openapi::json::{invalid, object, one_of, string, string_list, whole, Pointer};

impl<'a> Importer<'a> {
    /// Security schemes, and authorizers from those with `x-amazon-apigateway-authorizer`.
    pub(super) fn security_schemes(
        &mut self,
        top: &'a Map<String, Value>,
        api: &mut RestApi,
    ) -> Result<(), Error> {
        let (container, at) = self.section(top, "securitySchemes", "securityDefinitions");
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
            if is_jwt(scheme) {
                // An HTTP API's JWT authorizer: read where a method uses it.
                continue;
            }
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

    /// Reads a security requirement list into the method's authorization.
    pub(super) fn security(
        &mut self,
        api: &RestApi,
        method: &mut Method,
        value: &'a Value,
        at: &Pointer,
    ) -> Result<(), Error> {
        let list = value
            .as_array()
            .ok_or_else(|| invalid(at, "`security` must be a list"))?;
        for (i, requirement) in list.iter().enumerate() {
            let rat = at.index(i);
            for (name, scopes) in object(requirement, &rat, "a security requirement")? {
                let here = rat.key(name);
                // API Gateway's import skips a requirement it cannot resolve
                // and keeps the method: the console's exports write `sigv4`,
                // hand-written documents `AWS_IAM` or `api_key` without a scheme.
                let Some((scheme_at, scheme)) = self.schemes.get(name).cloned() else {
                    self.warn(
                        &here,
                        format!("the security scheme `{name}` is not defined in the document's security schemes; the requirement is ignored and the method is open"),
                    );
                    continue;
                };
                let auth_type = scheme.get(ext::AUTHTYPE).and_then(Value::as_str);
                let setting = format!("scheme {name}");
                if is_jwt(scheme) {
                    self.warn_unenforced(
                        &setting,
                        &scheme_at.key(ext::AUTHORIZER),
                        format!("the JWT authorizer `{name}` is not enforced yet: Portico does not validate tokens, so the routes it guards answer requests that carry none"),
                    );
                    continue;
                }
                if let Some(authorizer) = api.authorizers.get(name) {
                    method.authorizer_id = Some(name.clone());
                    let what = if authorizer.kind == AuthorizerType::CognitoUserPools {
                        method.authorization_type = AuthorizationType::CognitoUserPools;
                        method.authorization_scopes = string_list(scopes, &here, "a scope")?;
                        "Cognito user pool authorizer"
                    } else {
                        method.authorization_type = AuthorizationType::Custom;
                        "Lambda authorizer"
                    };
                    self.warn_unenforced(
                        &setting,
                        &scheme_at.key(ext::AUTHORIZER),
                        format!("the {what} `{name}` is not enforced yet: Portico does not call it, so the methods it guards answer requests that carry no token as if they were authorized"),
                    );
                } else if auth_type.is_some_and(|t| t.eq_ignore_ascii_case("awsSigv4")) {
                    method.authorization_type = AuthorizationType::AwsIam;
                    self.warn_unenforced(
                        &setting,
                        &scheme_at,
                        format!("IAM authorization (`{name}`) is not enforced yet: the methods that require it answer unsigned requests"),
                    );
                } else if scheme.get("type").and_then(Value::as_str) == Some("apiKey")
                    && scheme.get("in").and_then(Value::as_str) == Some("header")
                    && scheme
                        .get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case("x-api-key"))
                {
                    method.api_key_required = true;
                    self.warn_unenforced(
                        &setting,
                        &scheme_at,
                        format!("API keys (`{name}`) are not checked yet: the methods that require one answer requests without an `x-api-key` header, and usage plans are not applied"),
                    );
                } else {
                    self.warn(&here, format!("the security scheme `{name}` has no API Gateway meaning (no authorizer, not awsSigv4, not an x-api-key header); ignored"));
                }
            }
        }
        Ok(())
    }
}

/// Whether a security scheme is an HTTP API's JWT authorizer.
fn is_jwt(scheme: &Map<String, Value>) -> bool {
    scheme
        .get(ext::AUTHORIZER)
        .and_then(|a| a.get("type"))
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("jwt"))
}
