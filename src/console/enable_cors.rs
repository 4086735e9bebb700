//! The console's "Enable CORS" action on a resource: an OPTIONS method with a
//! MOCK integration answering the preflight, `Access-Control-Allow-Origin`
//! on the resource's other (non-proxy) methods, and optionally the CORS
//! headers on the DEFAULT_4XX / DEFAULT_5XX gateway responses.

use std::collections::BTreeMap;

use crate::model::{
    AuthorizationType, GatewayResponse, Integration, IntegrationResponse, IntegrationType, Method,
    MethodResponse, PassthroughBehavior, ResponseType, RestApi,
};

/// What "Enable CORS" writes; the defaults are the console's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorsOptions {
    /// `Access-Control-Allow-Origin` (`*`).
    pub allow_origin: String,
    /// `Access-Control-Allow-Headers`.
    pub allow_headers: String,
    /// `Access-Control-Allow-Methods`; `None` lists the resource's methods
    /// and OPTIONS, alphabetically.
    pub allow_methods: Option<String>,
    /// Also add the headers to the DEFAULT_4XX and DEFAULT_5XX gateway responses.
    pub gateway_responses: bool,
}

impl Default for CorsOptions {
    fn default() -> CorsOptions {
        CorsOptions {
            allow_origin: "*".to_string(),
            allow_headers: "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token"
                .to_string(),
            allow_methods: None,
            gateway_responses: false,
        }
    }
}

const ORIGIN: &str = "Access-Control-Allow-Origin";
const HEADERS: &str = "Access-Control-Allow-Headers";
const METHODS: &str = "Access-Control-Allow-Methods";

fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', ""))
}

/// Enables CORS on the resource at `path`, as the console does.
///
/// # Errors
///
/// A path that names no resource of the API.
///
/// ```
/// use portico::console::{enable_cors, CorsOptions};
/// use portico::openapi::{import, ImportOptions};
/// let doc = r#"{"openapi":"3.0.1","info":{"title":"T","version":"1"},"paths":{"/pets":{"get":{
///   "responses":{"200":{"description":"ok"}},
///   "x-amazon-apigateway-integration":{"type":"mock","responses":{"default":{"statusCode":"200"}}}}}}}"#;
/// let mut api = import(doc, &ImportOptions::default()).unwrap().api;
/// enable_cors(&mut api, "/pets", &CorsOptions::default()).unwrap();
/// let pets = api.resource("/pets").unwrap();
/// let preflight = &pets.method("OPTIONS").unwrap().method_responses["200"];
/// assert!(preflight.response_parameters.contains_key("method.response.header.Access-Control-Allow-Methods"));
/// assert!(enable_cors(&mut api, "/cats", &CorsOptions::default()).is_err());
/// ```
pub fn enable_cors(api: &mut RestApi, path: &str, options: &CorsOptions) -> Result<(), String> {
    let index = api
        .resources
        .iter()
        .position(|r| r.path == path)
        .ok_or_else(|| {
            format!("`{path}` is not a resource of the API; enable CORS on one of its resource paths (`/pets/{{petId}}`)")
        })?;
    let resource = &mut api.resources[index];
    let methods = options.allow_methods.clone().unwrap_or_else(|| {
        let mut names: Vec<&str> = resource
            .methods
            .keys()
            .map(String::as_str)
            .filter(|m| *m != "ANY")
            .chain(["OPTIONS"])
            .collect();
        if resource.methods.contains_key("ANY") {
            names.extend(["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"]);
        }
        names.sort_unstable();
        names.dedup();
        names.join(",")
    });
    for method in resource.methods.values_mut() {
        let Some(integration) = method.integration.as_mut() else {
            continue;
        };
        // A proxy's backend sends its own headers.
        if matches!(
            integration.kind,
            IntegrationType::AwsProxy | IntegrationType::HttpProxy
        ) || method.http_method == "OPTIONS"
        {
            continue;
        }
        method
            .method_responses
            .entry("200".to_string())
            .or_insert_with(|| MethodResponse {
                status_code: "200".to_string(),
                ..MethodResponse::default()
            })
            .response_parameters
            .insert(format!("method.response.header.{ORIGIN}"), false);
        for response in integration
            .responses
            .iter_mut()
            .filter(|r| r.status_code == "200")
        {
            response.response_parameters.insert(
                format!("method.response.header.{ORIGIN}"),
                quoted(&options.allow_origin),
            );
        }
    }
    let headers = [
        (HEADERS, quoted(&options.allow_headers)),
        (METHODS, quoted(&methods)),
        (ORIGIN, quoted(&options.allow_origin)),
    ];
    let preflight = Method {
        http_method: "OPTIONS".to_string(),
        authorization_type: AuthorizationType::None,
        method_responses: BTreeMap::from([(
            "200".to_string(),
            MethodResponse {
                status_code: "200".to_string(),
                response_parameters: headers
                    .iter()
                    .map(|(h, _)| (format!("method.response.header.{h}"), false))
                    .collect(),
                response_models: BTreeMap::from([(
                    "application/json".to_string(),
                    "Empty".to_string(),
                )]),
                ..MethodResponse::default()
            },
        )]),
        integration: Some(Integration {
            kind: IntegrationType::Mock,
            passthrough_behavior: PassthroughBehavior::WhenNoMatch,
            request_templates: BTreeMap::from([(
                "application/json".to_string(),
                "{\"statusCode\": 200}".to_string(),
            )]),
            timeout_in_millis: 29_000,
            responses: vec![IntegrationResponse {
                selection_pattern: None,
                status_code: "200".to_string(),
                response_parameters: headers
                    .iter()
                    .map(|(h, v)| (format!("method.response.header.{h}"), v.clone()))
                    .collect(),
                response_templates: BTreeMap::new(),
                content_handling: None,
            }],
            ..Integration::default()
        }),
        ..Method::default()
    };
    resource.methods.insert("OPTIONS".to_string(), preflight);
    if options.gateway_responses {
        for kind in [ResponseType::Default4xx, ResponseType::Default5xx] {
            let response = api
                .gateway_responses
                .entry(kind)
                .or_insert_with(|| GatewayResponse {
                    status_code: None,
                    response_parameters: BTreeMap::new(),
                    response_templates: BTreeMap::from([(
                        "application/json".to_string(),
                        "{\"message\":$context.error.messageString}".to_string(),
                    )]),
                });
            for (header, value) in &headers {
                response
                    .response_parameters
                    .insert(format!("gatewayresponse.header.{header}"), value.clone());
            }
        }
    }
    Ok(())
}
