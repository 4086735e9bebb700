//! What only an HTTP API's export (API Gateway v2) holds: the `$default`
//! route, the CORS configuration, and the integration fields an HTTP API
//! reads its own way.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::importer::Importer;
use super::operations::PathItem;
use crate::error::Error;
use crate::model::{ApiProtocol, CorsConfiguration, Integration, RestApi, DEFAULT_ROUTE};
use crate::openapi::ext;
use crate::openapi::json::{boolean, invalid, object, string, string_map, whole, Pointer};

/// Which kind of API an OpenAPI 3 document is imported as when the caller
/// does not say. On AWS the endpoint imported into decides, and each kind
/// ignores (with a warning) what only the other has; a document is guessed
/// an HTTP API's by its export markers (import/export version, CORS
/// configuration, a `$default` route, a payload format version), unless it
/// holds something only a REST API has, which wins: REST documents often
/// carry HTTP API fields copied from elsewhere, never the reverse.
pub(super) fn guess_api_type(top: &Map<String, Value>) -> ApiProtocol {
    let Some(paths) = top.get("paths").and_then(Value::as_object) else {
        return ApiProtocol::Rest;
    };
    let integrations = || {
        paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| item.values())
            .filter_map(|op| op.get(ext::INTEGRATION).and_then(Value::as_object))
    };
    let operations_only_rest = paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(Value::as_object)
        .any(|op| op.contains_key(ext::REQUEST_VALIDATOR) || op.contains_key(ext::AUTH));
    let only_rest = REST_ONLY_TOP_LEVEL.iter().any(|k| top.contains_key(*k))
        || operations_only_rest
        || integrations().any(rest_only_integration);
    if only_rest {
        return ApiProtocol::Rest;
    }
    let http_markers = top.contains_key(ext::IMPORTEXPORT_VERSION)
        || top.contains_key(ext::CORS)
        || paths.contains_key("/$default")
        || integrations().any(|i| i.contains_key("payloadFormatVersion"));
    if http_markers {
        ApiProtocol::Http
    } else {
        ApiProtocol::Rest
    }
}

/// Top-level extensions only a REST API has.
const REST_ONLY_TOP_LEVEL: [&str; 4] = [
    ext::GATEWAY_RESPONSES,
    ext::REQUEST_VALIDATORS,
    ext::REQUEST_VALIDATOR,
    ext::API_KEY_SOURCE,
];

/// Integration fields only a REST API's integrations have.
pub(super) const REST_ONLY_INTEGRATION_FIELDS: [&str; 6] = [
    "requestTemplates",
    "passthroughBehavior",
    "responses",
    "contentHandling",
    "cacheNamespace",
    "cacheKeyParameters",
];

/// Whether an integration holds what only a REST API's can: a mapping
/// template, integration responses, a non-proxy type (`aws`, `http`,
/// `mock`), or a REST parameter mapping (`integration.request.*`).
fn rest_only_integration(integration: &Map<String, Value>) -> bool {
    let kind = integration
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let rest_mapping = integration
        .get("requestParameters")
        .and_then(Value::as_object)
        .is_some_and(|m| m.keys().any(|k| k.starts_with("integration.request.")));
    matches!(kind.as_str(), "aws" | "http" | "mock")
        || rest_mapping
        || REST_ONLY_INTEGRATION_FIELDS
            .iter()
            .any(|k| integration.contains_key(*k))
}

impl<'a> Importer<'a> {
    /// An HTTP API's `$default` route: the `/$default` path's ANY operation,
    /// kept on the root resource under the key `$default`.
    pub(super) fn default_route(
        &mut self,
        api: &mut RestApi,
        item: &'a Value,
        at: &Pointer,
        top: &'a Map<String, Value>,
    ) -> Result<(), Error> {
        let item = object(item, at, "a path item")?;
        let Some(op) = item.get(ext::ANY_METHOD) else {
            return Err(invalid(
                at,
                "the `$default` route is an `x-amazon-apigateway-any-method` operation; write it there",
            ));
        };
        let method_at = at.key(ext::ANY_METHOD);
        let inherited = PathItem {
            path: "/".to_string(),
            parameters: &[],
            parameters_at: at.key("parameters"),
            top,
        };
        let mut method = self.operation(api, &inherited, op, &method_at, "ANY")?;
        method.http_method = DEFAULT_ROUTE.to_string();
        api.resources[0]
            .methods
            .insert(DEFAULT_ROUTE.to_string(), method);
        Ok(())
    }

    /// `x-amazon-apigateway-cors`.
    pub(super) fn cors_configuration(
        &mut self,
        value: &Value,
        at: &Pointer,
    ) -> Result<CorsConfiguration, Error> {
        let mut cors = CorsConfiguration::default();
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

    /// Reads an integration field the way an HTTP API does; `Ok(false)` for
    /// a field it reads as a REST API does.
    pub(super) fn http_integration_field(
        &mut self,
        integration: &mut Integration,
        key: &str,
        value: &Value,
        at: &Pointer,
    ) -> Result<bool, Error> {
        match key {
            "requestParameters" => {
                integration.request_parameters = http_mappings(value, at, HttpMapping::Request)?
            }
            "responseParameters" => {
                for (status, map) in object(value, at, "`responseParameters`")? {
                    integration.http_response_parameters.insert(
                        status.clone(),
                        http_mappings(map, &at.key(status), HttpMapping::Response)?,
                    );
                }
            }
            "timeoutInMillis" => {
                integration.timeout_in_millis =
                    whole(value, at, "`timeoutInMillis`", 50..=30_000)? as u32;
            }
            "payloadFormatVersion" => {
                let version = match value {
                    Value::Number(n) => format!("{:.1}", n.as_f64().unwrap_or(2.0)),
                    other => string(other, at, "`payloadFormatVersion`")?.to_string(),
                };
                if version != "1.0" && version != "2.0" {
                    return Err(invalid(
                        at,
                        format!(
                            "payload format `{version}` is not one API Gateway has; use 1.0 or 2.0"
                        ),
                    ));
                }
                integration.payload_format_version = Some(version);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Which parameters an HTTP API mapping sets.
#[derive(Clone, Copy)]
enum HttpMapping {
    /// The integration request's headers, query string and path.
    Request,
    /// The response's headers and status code.
    Response,
}

/// Reads an HTTP API parameter mapping (`overwrite:header.x`,
/// `append:querystring.y`, `remove:header.z`, `overwrite:path`, and for
/// responses `overwrite:statuscode`), checking the keys.
fn http_mappings(
    value: &Value,
    at: &Pointer,
    side: HttpMapping,
) -> Result<BTreeMap<String, String>, Error> {
    let map = string_map(value, at, "a parameter mapping")?;
    for key in map.keys() {
        let (action, target) = key.split_once(':').unwrap_or(("", key));
        let known_target = target.starts_with("header.")
            || match side {
                HttpMapping::Request => target.starts_with("querystring.") || target == "path",
                HttpMapping::Response => target == "statuscode",
            };
        if !matches!(action, "overwrite" | "append" | "remove") || !known_target {
            let targets = match side {
                HttpMapping::Request => "header.<name>, querystring.<name> or path",
                HttpMapping::Response => "header.<name> or statuscode",
            };
            return Err(invalid(
                &at.key(key),
                format!("`{key}` is not an HTTP API mapping; write overwrite:, append: or remove: followed by {targets}"),
            ));
        }
    }
    Ok(map)
}
