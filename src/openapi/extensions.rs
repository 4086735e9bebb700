//! The `x-amazon-apigateway-*` extensions, read into the model.

use std::collections::BTreeMap;

use serde_json::Value;

use super::import::Importer;
use super::json::{
    boolean, invalid, named, object, one_of, string, string_list, string_map, text_or_number,
    unknown, whole, Ptr,
};
use crate::error::Error;
use crate::model::{
    ConnectionType, ContentHandling, EndpointConfiguration, GatewayResponse, Integration,
    IntegrationResponse, IntegrationType, PassthroughBehavior, RequestValidator,
    GATEWAY_RESPONSE_TYPES,
};

/// Where a parameter mapping is used, which decides its allowed sides.
#[derive(Clone, Copy)]
pub(super) enum Mapping {
    IntegrationRequest,
    IntegrationResponse,
    GatewayResponse,
}

impl Mapping {
    fn target_prefixes(self) -> &'static [&'static str] {
        match self {
            Mapping::IntegrationRequest => &[
                "integration.request.header.",
                "integration.request.querystring.",
                "integration.request.path.",
                "integration.request.multivalueheader.",
                "integration.request.multivaluequerystring.",
            ],
            Mapping::IntegrationResponse => &["method.response.header."],
            Mapping::GatewayResponse => &["gatewayresponse.header."],
        }
    }

    fn source_ok(self, source: &str) -> bool {
        if source.len() >= 2 && source.starts_with('\'') && source.ends_with('\'') {
            return true;
        }
        let named = |prefix: &str| source.strip_prefix(prefix).is_some_and(|n| !n.is_empty());
        let method_request = [
            "method.request.path.",
            "method.request.querystring.",
            "method.request.header.",
            "method.request.multivalueheader.",
            "method.request.multivaluequerystring.",
        ]
        .iter()
        .any(|p| named(p));
        let common = named("context.") || named("stageVariables.") || method_request;
        match self {
            Mapping::IntegrationRequest => {
                common || source == "method.request.body" || named("method.request.body.")
            }
            Mapping::IntegrationResponse => {
                common
                    || named("integration.response.header.")
                    || named("integration.response.multivalueheader.")
                    || source == "integration.response.body"
                    || named("integration.response.body.")
            }
            Mapping::GatewayResponse => common,
        }
    }
}

/// Reads an HTTP API parameter mapping (`overwrite:header.x`,
/// `append:querystring.y`, `remove:header.z`, `overwrite:path`, and for
/// responses `overwrite:statuscode`), checking the keys.
fn http_mappings(
    value: &Value,
    at: &Ptr,
    response: bool,
) -> Result<BTreeMap<String, String>, Error> {
    let map = string_map(value, at, "a parameter mapping")?;
    for key in map.keys() {
        let (action, target) = key.split_once(':').unwrap_or(("", key));
        let known_target = target.starts_with("header.")
            || (!response && (target.starts_with("querystring.") || target == "path"))
            || (response && target == "statuscode");
        if !matches!(action, "overwrite" | "append" | "remove") || !known_target {
            let targets = if response {
                "header.<name> or statuscode"
            } else {
                "header.<name>, querystring.<name> or path"
            };
            return Err(invalid(
                &at.key(key),
                format!("`{key}` is not an HTTP API mapping; write overwrite:, append: or remove: followed by {targets}"),
            ));
        }
    }
    Ok(map)
}

/// Reads a parameter mapping object, checking both sides of every entry.
pub(super) fn mappings(
    value: &Value,
    at: &Ptr,
    kind: Mapping,
) -> Result<BTreeMap<String, String>, Error> {
    let map = string_map(value, at, "a parameter mapping")?;
    for (target, source) in &map {
        let here = at.key(target);
        let prefixes = kind.target_prefixes();
        if !prefixes
            .iter()
            .any(|p| target.len() > p.len() && target.starts_with(p))
        {
            return Err(invalid(
                &here,
                format!(
                    "invalid mapping target `{target}`; expected {}<name>",
                    prefixes.join("<name>, ")
                ),
            ));
        }
        if !kind.source_ok(source) {
            return Err(invalid(
                &here,
                format!(
                    "invalid mapping expression `{source}`; use method.request.(path|querystring|header).<name>, \
                     context.<name>, stageVariables.<name>, a body or response expression where allowed, or a 'quoted literal'"
                ),
            ));
        }
    }
    Ok(map)
}

impl Importer<'_> {
    /// `x-amazon-apigateway-integration` on an operation.
    pub(super) fn integration(&mut self, value: &Value, at: &Ptr) -> Result<Integration, Error> {
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
            timeout_in_millis: if self.http { 30_000 } else { 29_000 },
            ..Integration::default()
        };
        for (key, v) in obj {
            let kat = at.key(key);
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
                "requestParameters" if self.http => {
                    integration.request_parameters = http_mappings(v, &kat, false)?
                }
                "responseParameters" if self.http => {
                    for (status, map) in object(v, &kat, "`responseParameters`")? {
                        integration
                            .http_response_parameters
                            .insert(status.clone(), http_mappings(map, &kat.key(status), true)?);
                    }
                }
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
                "timeoutInMillis" if self.http => {
                    integration.timeout_in_millis =
                        whole(v, &kat, "`timeoutInMillis`", 50..=30_000)? as u32;
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
                "payloadFormatVersion" if self.http => {
                    let version = match v {
                        Value::Number(n) => format!("{:.1}", n.as_f64().unwrap_or(2.0)),
                        other => string(other, &kat, "`payloadFormatVersion`")?.to_string(),
                    };
                    if version != "1.0" && version != "2.0" {
                        return Err(invalid(
                            &kat,
                            format!("payload format `{version}` is not one API Gateway has; use 1.0 or 2.0"),
                        ));
                    }
                    integration.payload_format_version = Some(version);
                }
                "payloadFormatVersion" | "integrationSubtype" => {
                    self.warn(&kat, format!("`{key}` applies to HTTP APIs only; ignored"))
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
        at: &Ptr,
    ) -> Result<(), Error> {
        let kind = integration.kind;
        if kind == IntegrationType::Mock {
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

    /// `x-amazon-apigateway-gateway-responses`.
    pub(super) fn gateway_responses(
        &mut self,
        value: &Value,
        at: &Ptr,
    ) -> Result<BTreeMap<String, GatewayResponse>, Error> {
        let mut out = BTreeMap::new();
        for (name, v) in object(value, at, "`x-amazon-apigateway-gateway-responses`")? {
            let here = at.key(name);
            if !GATEWAY_RESPONSE_TYPES.contains(&name.as_str()) {
                return Err(invalid(
                    &here,
                    format!(
                        "`{name}` is not a gateway response type; use one of {}",
                        GATEWAY_RESPONSE_TYPES.join(", ")
                    ),
                ));
            }
            let mut response = GatewayResponse::default();
            for (key, field) in object(v, &here, "a gateway response")? {
                let kat = here.key(key);
                match key.as_str() {
                    "statusCode" => {
                        let status = text_or_number(field, &kat, "`statusCode`")?;
                        check_status(&status, &kat)?;
                        response.status_code = Some(status);
                    }
                    "responseParameters" => {
                        response.response_parameters =
                            mappings(field, &kat, Mapping::GatewayResponse)?
                    }
                    "responseTemplates" => {
                        response.response_templates =
                            string_map(field, &kat, "a response template")?
                    }
                    _ => self.warn(
                        &kat,
                        format!("`{key}` is not a gateway response field; ignored"),
                    ),
                }
            }
            out.insert(name.clone(), response);
        }
        Ok(out)
    }

    /// `x-amazon-apigateway-request-validators`.
    pub(super) fn request_validators(
        &mut self,
        value: &Value,
        at: &Ptr,
    ) -> Result<BTreeMap<String, RequestValidator>, Error> {
        let mut out = BTreeMap::new();
        for (name, v) in object(value, at, "`x-amazon-apigateway-request-validators`")? {
            let here = at.key(name);
            let mut validator = RequestValidator::default();
            for (key, field) in object(v, &here, "a request validator")? {
                let kat = here.key(key);
                match key.as_str() {
                    "validateRequestBody" => {
                        validator.validate_request_body =
                            boolean(field, &kat, "`validateRequestBody`")?
                    }
                    "validateRequestParameters" => {
                        validator.validate_request_parameters =
                            boolean(field, &kat, "`validateRequestParameters`")?
                    }
                    _ => self.warn(
                        &kat,
                        format!("`{key}` is not a request validator field; ignored"),
                    ),
                }
            }
            out.insert(name.clone(), validator);
        }
        Ok(out)
    }

    /// `x-amazon-apigateway-endpoint-configuration`.
    pub(super) fn endpoint_configuration(
        &mut self,
        value: &Value,
        at: &Ptr,
    ) -> Result<EndpointConfiguration, Error> {
        let mut config = EndpointConfiguration::default();
        for (key, v) in object(value, at, "`x-amazon-apigateway-endpoint-configuration`")? {
            let kat = at.key(key);
            match key.as_str() {
                "types" => {
                    config.types = string_list(v, &kat, "an endpoint type")?;
                    // Unlike API Gateway's enums, endpoint types are compared as written.
                    for (i, t) in config.types.iter().enumerate() {
                        if !ENDPOINT_TYPES.contains(&t.as_str()) {
                            return Err(unknown(
                                &kat.index(i),
                                "endpoint type",
                                t,
                                &ENDPOINT_TYPES,
                            ));
                        }
                    }
                }
                "vpcEndpointIds" => {
                    config.vpc_endpoint_ids = string_list(v, &kat, "a VPC endpoint id")?
                }
                "disableExecuteApiEndpoint" => {
                    config.disable_execute_api_endpoint =
                        boolean(v, &kat, "`disableExecuteApiEndpoint`")?
                }
                _ => self.warn(
                    &kat,
                    format!("`{key}` is not an endpoint configuration field; ignored"),
                ),
            }
        }
        Ok(config)
    }
}

/// The endpoint types an API may have.
const ENDPOINT_TYPES: [&str; 3] = ["EDGE", "REGIONAL", "PRIVATE"];

fn content_handling(value: &Value, at: &Ptr) -> Result<ContentHandling, Error> {
    let text = string(value, at, "`contentHandling`")?;
    one_of(
        text,
        at,
        "content handling",
        &ContentHandling::ALL,
        ContentHandling::as_str,
    )
}

fn check_status(status: &str, at: &Ptr) -> Result<(), Error> {
    let ok = status.len() == 3
        && status.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'5').contains(&status.as_bytes()[0]);
    if ok {
        Ok(())
    } else {
        Err(invalid(
            at,
            format!("`{status}` is not a status code; use 100 to 599"),
        ))
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
        Some(v) => text_or_number(v, &status_at, "`statusCode`")?,
        None => return Err(invalid(at, "the integration response has no `statusCode`")),
    };
    check_status(&status_code, &status_at)?;
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
