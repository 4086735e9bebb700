//! `x-amazon-apigateway-integration`: an operation's backend, its
//! integration responses, and the checks API Gateway makes of its target.

use std::collections::BTreeMap;

use serde_json::Value;

use super::http_api::REST_ONLY_INTEGRATION_FIELDS;
use super::importer::Importer;
use super::mappings::{mappings, Mapping};
use super::source::{unrendered, unrendered_placeholder};
use crate::error::Error;
use crate::model::{
    service_subtype, ConnectionType, ContentHandling, Integration, IntegrationResponse,
    IntegrationType, PassthroughBehavior, SERVICE_SUBTYPES,
};
use crate::openapi::json::{
    boolean, invalid, named, object, one_of, status_code, string, string_list, string_map, unknown,
    whole, Pointer,
};

impl Importer<'_> {
    /// `x-amazon-apigateway-integration` on an operation.
    pub(super) fn integration(
        &mut self,
        value: &Value,
        at: &Pointer,
    ) -> Result<Integration, Error> {
        let obj = object(value, at, "`x-amazon-apigateway-integration`")?;
        const TYPES: &str = "use one of aws, aws_proxy, http, http_proxy, mock";
        let type_value = obj
            .get("type")
            .ok_or_else(|| invalid(at, format!("the integration has no `type`; {TYPES}")))?;
        let type_at = at.key("type");
        let type_text = string(type_value, &type_at, "`type`")?;
        let kind =
            named(type_text, &IntegrationType::ALL, IntegrationType::as_str).ok_or_else(|| {
                invalid(
                    &type_at,
                    format!("unknown integration type `{type_text}`; {TYPES}"),
                )
            })?;
        let mut integration = Integration {
            kind,
            timeout_in_millis: if self.is_http_api() { 30_000 } else { 29_000 },
            ..Integration::default()
        };
        if self.is_http_api() {
            if let Some(v) = obj.get("integrationSubtype") {
                integration.integration_subtype =
                    Some(self.service_integration(obj, v, &at.key("integrationSubtype"))?);
            }
        }
        for (key, v) in obj {
            let kat = at.key(key);
            if self.is_http_api() {
                if key == "integrationSubtype" {
                    continue;
                }
                if let Some(name) = &integration.integration_subtype {
                    if key == "requestParameters" {
                        integration.request_parameters = service_parameters(name, v, &kat)?;
                        continue;
                    }
                }
                let rest_mapping = key == "requestParameters"
                    && v.as_object()
                        .is_some_and(|m| m.keys().any(|k| k.starts_with("integration.request.")));
                if rest_mapping || REST_ONLY_INTEGRATION_FIELDS.contains(&key.as_str()) {
                    self.warn(&kat, format!("`{key}` applies to REST APIs only; ignored"));
                    continue;
                }
                if self.http_integration_field(&mut integration, key, v, &kat)? {
                    continue;
                }
            }
            match key.as_str() {
                "type" => {}
                "httpMethod" => {
                    integration.http_method =
                        Some(string(v, &kat, "`httpMethod`")?.to_ascii_uppercase())
                }
                "uri" => integration.uri = Some(self.stack.resolve(v, &kat)?),
                "connectionType" => {
                    let text = string(v, &kat, "`connectionType`")?;
                    integration.connection_type = one_of(
                        text,
                        &kat,
                        "connection type",
                        &ConnectionType::ALL,
                        ConnectionType::as_str,
                    )?;
                }
                "connectionId" => integration.connection_id = Some(self.stack.resolve(v, &kat)?),
                "credentials" => integration.credentials = Some(self.stack.resolve(v, &kat)?),
                "requestParameters" => {
                    integration.request_parameters = mappings(v, &kat, Mapping::IntegrationRequest)?
                }
                "requestTemplates" => {
                    integration.request_templates = string_map(v, &kat, "a request template")?
                }
                "passthroughBehavior" => {
                    let text = string(v, &kat, "`passthroughBehavior`")?;
                    integration.passthrough_behavior = one_of(
                        text,
                        &kat,
                        "passthrough behavior",
                        &PassthroughBehavior::ALL,
                        PassthroughBehavior::as_str,
                    )?;
                }
                "contentHandling" => {
                    integration.content_handling = Some(content_handling(v, &kat)?)
                }
                "timeoutInMillis" => {
                    integration.timeout_in_millis =
                        whole(v, &kat, "`timeoutInMillis`", 50..=300_000)? as u32;
                    if integration.timeout_in_millis > 29_000 {
                        self.warn(&kat, "timeouts above 29000 ms need a quota increase on AWS (Regional and private APIs only)");
                    }
                }
                "cacheNamespace" => {
                    integration.cache_namespace =
                        Some(string(v, &kat, "`cacheNamespace`")?.to_string())
                }
                "cacheKeyParameters" => {
                    integration.cache_key_parameters =
                        string_list(v, &kat, "a cache key parameter")?
                }
                "tlsConfig" => {
                    for (tk, tv) in object(v, &kat, "`tlsConfig`")? {
                        if tk == "insecureSkipVerification" {
                            integration.tls_insecure_skip_verification =
                                boolean(tv, &kat.key(tk), "`insecureSkipVerification`")?;
                        } else {
                            self.warn(
                                &kat.key(tk),
                                format!("`{tk}` applies to HTTP APIs only; ignored"),
                            );
                        }
                    }
                }
                "responses" => {
                    for (pattern, r) in object(v, &kat, "the integration `responses`")? {
                        integration.responses.push(integration_response(
                            r,
                            &kat.key(pattern),
                            pattern,
                        )?);
                    }
                }
                "payloadFormatVersion" | "integrationSubtype" => {
                    self.warn(&kat, format!("`{key}` applies to HTTP APIs only; ignored"))
                }
                "responseTransferMode" => {
                    let mode = string(v, &kat, "`responseTransferMode`")?;
                    if mode == "STREAM" {
                        self.warn(&kat, "response streaming is buffered: Portico invokes the function as a normal (buffered) Lambda proxy and sends its whole response at once");
                    } else if mode != "BUFFERED" {
                        return Err(invalid(
                            &kat,
                            format!(
                                "unknown response transfer mode `{mode}`; use BUFFERED or STREAM"
                            ),
                        ));
                    }
                }
                "description" => {}
                _ => self.warn(
                    &kat,
                    format!("`{key}` is not an integration field; ignored"),
                ),
            }
        }
        self.check_integration_target(&integration, at)?;
        Ok(integration)
    }

    fn check_integration_target(
        &mut self,
        integration: &Integration,
        at: &Pointer,
    ) -> Result<(), Error> {
        let kind = integration.kind;
        // A service integration names its action by subtype, not by URI.
        if kind == IntegrationType::Mock || integration.integration_subtype.is_some() {
            return Ok(());
        }
        let Some(uri) = integration.uri.as_deref() else {
            return Err(invalid(
                at,
                format!("the `{}` integration needs a `uri`", kind.as_str()),
            ));
        };
        if integration.http_method.is_none() {
            return Err(invalid(
                at,
                format!(
                    "the `{}` integration needs an `httpMethod` (POST for Lambda functions)",
                    kind.as_str()
                ),
            ));
        }
        let uri_at = at.key("uri");
        if let Some(placeholder) = unrendered_placeholder(uri) {
            return Err(unrendered(&uri_at, uri, placeholder));
        }
        match kind {
            IntegrationType::Aws | IntegrationType::AwsProxy => {
                let service_part = uri
                    .strip_prefix("arn:")
                    .and_then(|r| r.split_once(":apigateway:"))
                    .map(|(_, rest)| rest);
                let well_formed = service_part.is_some_and(|rest| {
                    let mut parts = rest.splitn(3, ':');
                    let (_region, service, action) = (parts.next(), parts.next(), parts.next());
                    service.is_some_and(|s| !s.is_empty())
                        && action
                            .is_some_and(|a| a.starts_with("path/") || a.starts_with("action/"))
                });
                if !well_formed {
                    return Err(invalid(
                        &uri_at,
                        format!("`{uri}` is not an AWS integration URI; expected arn:aws:apigateway:{{region}}:{{service}}:path/... or :action/..."),
                    ));
                }
                if kind == IntegrationType::AwsProxy && !uri.contains(":lambda:path/") {
                    return Err(invalid(
                        &uri_at,
                        "an `aws_proxy` integration must invoke a Lambda function (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations)",
                    ));
                }
            }
            _ => {
                let http = uri.starts_with("http://") || uri.starts_with("https://");
                if !http && !uri.starts_with("${stageVariables.") {
                    return Err(invalid(&uri_at, format!("`{uri}` is not an HTTP(S) URL")));
                }
            }
        }
        if integration.connection_type == ConnectionType::VpcLink
            && integration.connection_id.is_none()
        {
            return Err(invalid(at, "a VPC_LINK integration needs a `connectionId`"));
        }
        Ok(())
    }
}

impl Importer<'_> {
    /// An HTTP API integration's `integrationSubtype`, which must be one
    /// API Gateway has; its parameters are read by [`service_parameters`].
    fn service_integration(
        &mut self,
        integration: &serde_json::Map<String, Value>,
        value: &Value,
        at: &Pointer,
    ) -> Result<String, Error> {
        let name = string(value, at, "`integrationSubtype`")?;
        if service_subtype(name).is_none() {
            let names: Vec<&str> = SERVICE_SUBTYPES.iter().map(|s| s.name).collect();
            return Err(unknown(at, "integration subtype", name, &names));
        }
        if !integration.contains_key("requestParameters") {
            return Err(invalid(
                at,
                format!("the `{name}` integration needs `requestParameters` naming its parameters"),
            ));
        }
        Ok(name.to_string())
    }
}

/// A service integration's `requestParameters`: the action's parameters
/// (`QueueUrl`, `MessageBody` ...) and where each value comes from.
fn service_parameters(
    subtype: &str,
    value: &Value,
    at: &Pointer,
) -> Result<BTreeMap<String, String>, Error> {
    let spec = service_subtype(subtype).expect("the subtype was checked");
    let parameters = string_map(value, at, "a service integration parameter")?;
    for name in parameters.keys() {
        if !spec.takes(name) {
            let mut known: Vec<&str> = spec.required.to_vec();
            known.extend(spec.optional);
            return Err(invalid(
                &at.key(name),
                format!(
                    "`{subtype}` takes no parameter `{name}`; it takes {}",
                    known.join(", ")
                ),
            ));
        }
    }
    let missing: Vec<&str> = spec
        .required
        .iter()
        .copied()
        .filter(|p| !parameters.contains_key(*p))
        .collect();
    if !missing.is_empty() {
        return Err(invalid(
            at,
            format!("`{subtype}` needs the parameter(s) {}", missing.join(", ")),
        ));
    }
    Ok(parameters)
}

fn content_handling(value: &Value, at: &Pointer) -> Result<ContentHandling, Error> {
    let text = string(value, at, "`contentHandling`")?;
    one_of(
        text,
        at,
        "content handling",
        &ContentHandling::ALL,
        ContentHandling::as_str,
    )
}

fn integration_response(
    value: &Value,
    at: &Pointer,
    pattern: &str,
) -> Result<IntegrationResponse, Error> {
    let obj = object(value, at, "an integration response")?;
    let status_at = at.key("statusCode");
    let status_code = match obj.get("statusCode") {
        Some(v) => status_code(v, &status_at)?,
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
        response.response_parameters = mappings(
            p,
            &at.key("responseParameters"),
            Mapping::IntegrationResponse,
        )?;
    }
    if let Some(c) = obj.get("contentHandling") {
        response.content_handling = Some(content_handling(c, &at.key("contentHandling"))?);
    }
    Ok(response)
}
