//! The top-level `x-amazon-apigateway-*` extensions: the settings of the
//! whole API (API keys, binary media types, validators, gateway responses,
//! policy, endpoint).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::importer::{Dialect, Importer};
use super::mappings::{mappings, Mapping};
use crate::error::Error;
use crate::model::{
    ApiKeySource, EndpointConfiguration, GatewayResponse, RequestValidator, ResponseType, RestApi,
};
use crate::openapi::ext;
use crate::openapi::json::{
    boolean, invalid, kind_of, object, one_of, status_code, string, string_list, string_map,
    unknown, whole, Pointer,
};

impl<'a> Importer<'a> {
    /// The top-level `x-amazon-apigateway-*` extensions.
    pub(super) fn api_extensions(
        &mut self,
        top: &'a Map<String, Value>,
        api: &mut RestApi,
    ) -> Result<(), Error> {
        let root = Pointer::root();
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
                ext::API_KEY_SOURCE
                | ext::REQUEST_VALIDATORS
                | ext::REQUEST_VALIDATOR
                | ext::GATEWAY_RESPONSES
                    if self.is_http_api() =>
                {
                    self.warn(&at, format!("`{key}` applies to REST APIs only; ignored"))
                }
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
                    self.warn(&at, "the resource policy is not enforced yet: every caller is allowed, as if the API had none");
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
                ext::IMPORTEXPORT_VERSION if !self.is_http_api() => {
                    self.warn(&at, format!("`{key}` applies to HTTP APIs only; ignored"))
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
                ext::CORS if self.is_http_api() => {
                    api.cors = Some(self.cors_configuration(v, &at)?)
                }
                ext::TAG_VALUE if self.is_http_api() => {}
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

    /// `x-amazon-apigateway-gateway-responses`.
    fn gateway_responses(
        &mut self,
        value: &Value,
        at: &Pointer,
    ) -> Result<BTreeMap<ResponseType, GatewayResponse>, Error> {
        let mut out = BTreeMap::new();
        for (name, v) in object(value, at, "`x-amazon-apigateway-gateway-responses`")? {
            let here = at.key(name);
            let Some(kind) = ResponseType::from_name(name) else {
                let names: Vec<&str> = ResponseType::ALL.iter().map(|t| t.name()).collect();
                return Err(invalid(
                    &here,
                    format!(
                        "`{name}` is not a gateway response type; use one of {}",
                        names.join(", ")
                    ),
                ));
            };
            let mut response = GatewayResponse::default();
            for (key, field) in object(v, &here, "a gateway response")? {
                let kat = here.key(key);
                match key.as_str() {
                    "statusCode" => {
                        response.status_code = Some(status_code(field, &kat)?);
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
            out.insert(kind, response);
        }
        Ok(out)
    }

    /// `x-amazon-apigateway-request-validators`.
    fn request_validators(
        &mut self,
        value: &Value,
        at: &Pointer,
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
    fn endpoint_configuration(
        &mut self,
        value: &Value,
        at: &Pointer,
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
