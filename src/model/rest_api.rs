//! The API itself: its settings, and which kind of API it is.

use std::collections::BTreeMap;

use serde_json::Value;

use super::authorizer::Authorizer;
use super::gateway_response::{GatewayResponse, ResponseType};
use super::models::{Model, RequestValidator};
use super::resource::{resource_id, Resource};
use super::stage::DeploymentHint;

/// A REST API: what `GetRestApi`, `GetResources` and friends describe.
#[derive(Debug, Clone, PartialEq)]
pub struct RestApi {
    /// The API id (`$context.apiId`).
    pub id: String,
    /// The API name (`info.title`).
    pub name: String,
    /// The description (`info.description`).
    pub description: Option<String>,
    /// The version label (`info.version`).
    pub version: Option<String>,
    /// The resources; index 0 is the root `/`, parents come before children.
    pub resources: Vec<Resource>,
    /// Models (JSON Schema draft-04) by name.
    pub models: BTreeMap<String, Model>,
    /// Request validators by name.
    pub request_validators: BTreeMap<String, RequestValidator>,
    /// The validator methods use when they name none
    /// (top-level `x-amazon-apigateway-request-validator`).
    pub default_request_validator: Option<String>,
    /// Customised gateway responses by type (`DEFAULT_4XX` ...).
    pub gateway_responses: BTreeMap<ResponseType, GatewayResponse>,
    /// Authorizers by name.
    pub authorizers: BTreeMap<String, Authorizer>,
    /// Media types treated as binary (`x-amazon-apigateway-binary-media-types`).
    pub binary_media_types: Vec<String>,
    /// Where API keys come from.
    pub api_key_source: ApiKeySource,
    /// Responses at least this large are compressed; `None` disables compression.
    pub minimum_compression_size: Option<u32>,
    /// Endpoint types and VPC endpoints.
    pub endpoint_configuration: Option<EndpointConfiguration>,
    /// The resource policy, as a JSON document.
    pub policy: Option<Value>,
    /// Documentation parts (`x-amazon-apigateway-documentation`), kept as written.
    pub documentation: Option<Value>,
    /// The deployment the document describes: stage name, API id, region.
    pub deployment: DeploymentHint,
    /// A REST API (v1) or an HTTP API (v2).
    pub protocol: ApiProtocol,
    /// An HTTP API's CORS configuration (`x-amazon-apigateway-cors`).
    pub cors: Option<CorsConfiguration>,
}

impl RestApi {
    /// An API with only the root resource and no methods.
    pub fn new(id: &str, name: &str) -> RestApi {
        RestApi {
            id: id.to_string(),
            name: name.to_string(),
            description: None,
            version: None,
            resources: vec![Resource {
                id: resource_id(id, "/"),
                parent: None,
                path_part: String::new(),
                path: "/".to_string(),
                methods: BTreeMap::new(),
            }],
            models: BTreeMap::new(),
            request_validators: BTreeMap::new(),
            default_request_validator: None,
            gateway_responses: BTreeMap::new(),
            authorizers: BTreeMap::new(),
            binary_media_types: Vec::new(),
            api_key_source: ApiKeySource::Header,
            minimum_compression_size: None,
            endpoint_configuration: None,
            policy: None,
            documentation: None,
            deployment: DeploymentHint::default(),
            protocol: ApiProtocol::Rest,
            cors: None,
        }
    }

    /// The resource at a resource path (`/pets/{petId}`), if there is one.
    pub fn resource(&self, path: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.path == path)
    }

    /// The children of a resource, by index.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.resources
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.parent == Some(index))
            .map(|(i, _)| i)
    }
}

/// Which kind of API Gateway API a definition describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiProtocol {
    /// A REST API (API Gateway v1): mapping templates, validation, gateway responses.
    #[default]
    Rest,
    /// An HTTP API (API Gateway v2): proxy integrations, routes with a
    /// `$default` catch-all, payload format 2.0, CORS configuration.
    Http,
}

/// An HTTP API's CORS configuration: API Gateway answers preflights and
/// adds the headers to responses for allowed origins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CorsConfiguration {
    /// Allowed origins (`https://app.example`, `*`, `https://*`).
    pub allow_origins: Vec<String>,
    /// Allowed methods (`GET`, `*`).
    pub allow_methods: Vec<String>,
    /// Allowed request headers (`authorization`, `*`).
    pub allow_headers: Vec<String>,
    /// Response headers the browser may read.
    pub expose_headers: Vec<String>,
    /// How long a preflight may be cached, in seconds.
    pub max_age: Option<u32>,
    /// Whether credentials are allowed.
    pub allow_credentials: bool,
}

/// The method key of an HTTP API's `$default` route, kept on the root resource.
pub const DEFAULT_ROUTE: &str = "$default";

/// Where API keys are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiKeySource {
    /// The `x-api-key` header.
    #[default]
    Header,
    /// The authorizer's `usageIdentifierKey`.
    Authorizer,
}

impl ApiKeySource {
    /// Both sources.
    pub const ALL: [ApiKeySource; 2] = [ApiKeySource::Header, ApiKeySource::Authorizer];

    /// API Gateway's spelling (`AUTHORIZER`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiKeySource::Header => "HEADER",
            ApiKeySource::Authorizer => "AUTHORIZER",
        }
    }
}

/// The endpoint configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndpointConfiguration {
    /// `EDGE`, `REGIONAL` or `PRIVATE`.
    pub types: Vec<String>,
    /// VPC endpoint ids for private APIs.
    pub vpc_endpoint_ids: Vec<String>,
    /// Whether the default execute-api endpoint is disabled.
    pub disable_execute_api_endpoint: bool,
}
