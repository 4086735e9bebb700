//! What only an HTTP API's export (API Gateway v2) holds: the `$default`
//! route, the CORS configuration, and the integration fields an HTTP API
//! reads its own way.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::importer::Importer;
use super::operations::PathItem;
use crate::error::Error;
use crate::model::{CorsConfiguration, Integration, RestApi, DEFAULT_ROUTE};
use crate::openapi::ext;
use crate::openapi::json::{boolean, invalid, object, string, string_map, whole, Pointer};

/// Whether an OpenAPI 3 document is an HTTP API's export: its
/// import/export version, a CORS configuration, a `$default` route or a
/// payload format version on an integration.
pub(super) fn describes_http_api(top: &Map<String, Value>) -> bool {
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
            path: "/",
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
