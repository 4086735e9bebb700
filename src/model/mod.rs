//! The API definition, mirroring API Gateway's own resources: a
//! [`RestApi`] holds [`Resource`]s, which hold [`Method`]s, which hold an
//! [`Integration`] and its responses; plus the API-wide models, request
//! validators, gateway responses and authorizers.
//!
//! Maps keyed by name, status or content type are `BTreeMap`s: API Gateway
//! itself treats them as unordered, and a sorted map makes two imports of
//! the same API compare equal.

#[doc(hidden)]
pub mod cors;
mod resources;

use std::collections::BTreeMap;

use serde_json::Value;

pub use resources::TreeError;

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
    pub gateway_responses: BTreeMap<String, GatewayResponse>,
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

/// A stage: a deployment of the API under a name, with its variables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stage {
    /// The stage name, the first path segment of every request (`dev`).
    pub name: String,
    /// Stage variables (`$stageVariables`, `${stageVariables.x}`).
    pub variables: BTreeMap<String, String>,
    /// A canary release on this stage, if there is one.
    pub canary: Option<Canary>,
}

/// A stage's canary settings: a share of the traffic goes to the canary
/// deployment, which sees its own stage variable overrides
/// (`$context.isCanaryRequest` is true for it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Canary {
    /// The percentage of requests the canary serves (0.0 to 100.0).
    pub percent_traffic: f64,
    /// Stage variables that differ for the canary.
    pub stage_variable_overrides: BTreeMap<String, String>,
}

/// What an exported document says about where the API was deployed
/// (`servers` / `host` + `basePath`). Options given to the gateway win.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeploymentHint {
    /// The stage (`basePath` of an export).
    pub stage: Option<String>,
    /// The API id in an `execute-api` host.
    pub api_id: Option<String>,
    /// The region in an `execute-api` host.
    pub region: Option<String>,
    /// Every host the document names (execute-api and custom domains).
    pub hosts: Vec<String>,
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

/// A resource id shaped like API Gateway's (ten lower-case alphanumerics),
/// stable for a given API id and path so that exports and tests repeat.
pub(crate) fn resource_id(api_id: &str, path: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in api_id.bytes().chain([0]).chain(path.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = String::with_capacity(10);
    for _ in 0..10 {
        out.push(DIGITS[(h % 36) as usize] as char);
        h /= 36;
    }
    out
}

/// A resource: one node of the path tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The resource id (`$context.resourceId`).
    pub id: String,
    /// The index of the parent resource; `None` for the root.
    pub parent: Option<usize>,
    /// The last path segment (`{petId}`); empty for the root.
    pub path_part: String,
    /// The full resource path (`/pets/{petId}`).
    pub path: String,
    /// The methods by HTTP method (`GET`, `ANY` ...).
    pub methods: BTreeMap<String, Method>,
}

impl Resource {
    /// The method with this HTTP method (`GET`, `ANY` ...), if defined.
    pub fn method(&self, http_method: &str) -> Option<&Method> {
        self.methods.get(http_method)
    }

    /// Whether the last segment is greedy (`{proxy+}`).
    pub fn is_greedy(&self) -> bool {
        self.path_part.starts_with('{') && self.path_part.ends_with("+}")
    }

    /// Whether the last segment is a variable (`{id}` or `{proxy+}`).
    pub fn is_variable(&self) -> bool {
        self.path_part.starts_with('{')
    }
}

/// How a method is authorized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthorizationType {
    /// Open.
    #[default]
    None,
    /// Signature Version 4 (`awsSigv4`).
    AwsIam,
    /// A Lambda authorizer.
    Custom,
    /// A Cognito user pool authorizer.
    CognitoUserPools,
}

impl AuthorizationType {
    /// API Gateway's spelling (`AWS_IAM`).
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizationType::None => "NONE",
            AuthorizationType::AwsIam => "AWS_IAM",
            AuthorizationType::Custom => "CUSTOM",
            AuthorizationType::CognitoUserPools => "COGNITO_USER_POOLS",
        }
    }
}

/// A method on a resource: the method request and its integration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Method {
    /// `GET`, `POST` ... or `ANY`.
    pub http_method: String,
    /// The OpenAPI `operationId`.
    pub operation_name: Option<String>,
    /// How callers are authorized.
    pub authorization_type: AuthorizationType,
    /// The authorizer's name, for `CUSTOM` and `COGNITO_USER_POOLS`.
    pub authorizer_id: Option<String>,
    /// OAuth scopes a Cognito authorizer requires.
    pub authorization_scopes: Vec<String>,
    /// Whether an API key is required.
    pub api_key_required: bool,
    /// Declared request parameters (`method.request.querystring.q`) and whether each is required.
    pub request_parameters: BTreeMap<String, bool>,
    /// Request models by content type.
    pub request_models: BTreeMap<String, String>,
    /// The request validator's name.
    pub request_validator: Option<String>,
    /// The backend, if one is configured.
    pub integration: Option<Integration>,
    /// Method responses by status code.
    pub method_responses: BTreeMap<String, MethodResponse>,
}

/// A method response: a status the method may answer with.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MethodResponse {
    /// The status code (`200`).
    pub status_code: String,
    /// Response header declarations (`method.response.header.X`) and whether each is required.
    pub response_parameters: BTreeMap<String, bool>,
    /// Models by content type.
    pub response_models: BTreeMap<String, String>,
    /// Examples of the response body by content type, named (an unnamed
    /// `example` is `default`). API Gateway ignores them; Portico answers
    /// with them for `Prefer: code=..., example=...` on MOCK methods.
    pub examples: BTreeMap<String, Vec<(String, Value)>>,
}

/// The kind of backend an integration calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IntegrationType {
    /// An AWS service action, Lambda non-proxy included.
    Aws,
    /// Lambda proxy.
    AwsProxy,
    /// An HTTP backend with mappings.
    Http,
    /// An HTTP backend, passed through.
    HttpProxy,
    /// No backend: the gateway answers from templates.
    #[default]
    Mock,
}

impl IntegrationType {
    /// Every integration type.
    pub const ALL: [IntegrationType; 5] = [
        IntegrationType::Aws,
        IntegrationType::AwsProxy,
        IntegrationType::Http,
        IntegrationType::HttpProxy,
        IntegrationType::Mock,
    ];

    /// The spelling API Gateway's export uses (`aws_proxy`).
    pub fn as_str(self) -> &'static str {
        match self {
            IntegrationType::Aws => "aws",
            IntegrationType::AwsProxy => "aws_proxy",
            IntegrationType::Http => "http",
            IntegrationType::HttpProxy => "http_proxy",
            IntegrationType::Mock => "mock",
        }
    }
}

/// What happens to a request whose Content-Type has no request template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PassthroughBehavior {
    /// Pass the body through when no template matches (the default).
    #[default]
    WhenNoMatch,
    /// Pass the body through only when no template is defined at all.
    WhenNoTemplates,
    /// Never pass through: 415 when no template matches.
    Never,
}

impl PassthroughBehavior {
    /// Every passthrough behavior.
    pub const ALL: [PassthroughBehavior; 3] = [
        PassthroughBehavior::WhenNoMatch,
        PassthroughBehavior::WhenNoTemplates,
        PassthroughBehavior::Never,
    ];

    /// The spelling API Gateway's export uses (`when_no_match`).
    pub fn as_str(self) -> &'static str {
        match self {
            PassthroughBehavior::WhenNoMatch => "when_no_match",
            PassthroughBehavior::WhenNoTemplates => "when_no_templates",
            PassthroughBehavior::Never => "never",
        }
    }
}

/// How a payload is converted between text and binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentHandling {
    /// Base64-encode a binary payload into text.
    ConvertToText,
    /// Base64-decode a text payload into binary.
    ConvertToBinary,
}

impl ContentHandling {
    /// Both conversions.
    pub const ALL: [ContentHandling; 2] = [
        ContentHandling::ConvertToText,
        ContentHandling::ConvertToBinary,
    ];

    /// API Gateway's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentHandling::ConvertToText => "CONVERT_TO_TEXT",
            ContentHandling::ConvertToBinary => "CONVERT_TO_BINARY",
        }
    }
}

/// How the backend is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConnectionType {
    /// Over the internet (the default).
    #[default]
    Internet,
    /// Through a VPC link (`connectionId`).
    VpcLink,
}

impl ConnectionType {
    /// Both connection types.
    pub const ALL: [ConnectionType; 2] = [ConnectionType::Internet, ConnectionType::VpcLink];

    /// API Gateway's spelling (`VPC_LINK`).
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionType::Internet => "INTERNET",
            ConnectionType::VpcLink => "VPC_LINK",
        }
    }
}

/// The backend of a method.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Integration {
    /// The kind of backend.
    pub kind: IntegrationType,
    /// The method used to call the backend (`POST` for Lambda).
    pub http_method: Option<String>,
    /// The backend URI (an ARN for AWS integrations, a URL for HTTP).
    pub uri: Option<String>,
    /// Internet or VPC link.
    pub connection_type: ConnectionType,
    /// The VPC link id (may be `${stageVariables.x}`).
    pub connection_id: Option<String>,
    /// The role API Gateway assumes to call an AWS service.
    pub credentials: Option<String>,
    /// Integration request parameter mappings (`integration.request.header.X` -> source).
    pub request_parameters: BTreeMap<String, String>,
    /// Request templates by content type.
    pub request_templates: BTreeMap<String, String>,
    /// What happens when no request template matches.
    pub passthrough_behavior: PassthroughBehavior,
    /// Text/binary conversion of the request payload.
    pub content_handling: Option<ContentHandling>,
    /// How long the backend may take, in milliseconds (default 29000).
    pub timeout_in_millis: u32,
    /// The cache namespace.
    pub cache_namespace: Option<String>,
    /// Request parameters that form the cache key.
    pub cache_key_parameters: Vec<String>,
    /// Skip TLS verification of an HTTP backend's certificate.
    pub tls_insecure_skip_verification: bool,
    /// Integration responses in document order; the default one has no pattern.
    pub responses: Vec<IntegrationResponse>,
    /// An HTTP API integration's payload format (`1.0` or `2.0`).
    pub payload_format_version: Option<String>,
    /// An HTTP API integration's response mappings by status code
    /// (`overwrite:header.x`, `overwrite:statuscode` ...).
    pub http_response_parameters: BTreeMap<String, BTreeMap<String, String>>,
}

/// How an integration result becomes a method response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntegrationResponse {
    /// The Java regex matched against the whole backend status or Lambda
    /// error message; `None` for the default response.
    pub selection_pattern: Option<String>,
    /// The method response status this maps to.
    pub status_code: String,
    /// Response templates by content type.
    pub response_templates: BTreeMap<String, String>,
    /// Response header mappings (`method.response.header.X` -> expression).
    pub response_parameters: BTreeMap<String, String>,
    /// Text/binary conversion of the response payload.
    pub content_handling: Option<ContentHandling>,
}

/// A model: a named JSON Schema (draft-04).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The model name.
    pub name: String,
    /// The content type (`application/json`).
    pub content_type: String,
    /// The schema, with references as written in the document.
    pub schema: Value,
    /// The description.
    pub description: Option<String>,
}

/// A request validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestValidator {
    /// Validate the body against the method's model.
    pub validate_request_body: bool,
    /// Validate that required parameters are present.
    pub validate_request_parameters: bool,
}

/// A customised gateway response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GatewayResponse {
    /// The status, overriding the type's default.
    pub status_code: Option<String>,
    /// Header mappings (`gatewayresponse.header.X` -> expression).
    pub response_parameters: BTreeMap<String, String>,
    /// Body templates by content type.
    pub response_templates: BTreeMap<String, String>,
}

/// The kind of an authorizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthorizerType {
    /// A Lambda authorizer that receives a token.
    #[default]
    Token,
    /// A Lambda authorizer that receives the request's parameters.
    Request,
    /// A Cognito user pool.
    CognitoUserPools,
}

impl AuthorizerType {
    /// Every authorizer type.
    pub const ALL: [AuthorizerType; 3] = [
        AuthorizerType::Token,
        AuthorizerType::Request,
        AuthorizerType::CognitoUserPools,
    ];

    /// The spelling the export uses.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthorizerType::Token => "token",
            AuthorizerType::Request => "request",
            AuthorizerType::CognitoUserPools => "cognito_user_pools",
        }
    }
}

/// An authorizer, from a security scheme with `x-amazon-apigateway-authorizer`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Authorizer {
    /// The security scheme's name.
    pub name: String,
    /// Token, request or Cognito.
    pub kind: AuthorizerType,
    /// `x-amazon-apigateway-authtype` (`custom`, `cognito_user_pools`, `awsSigv4`).
    pub auth_type: Option<String>,
    /// The Lambda function's invocation URI.
    pub authorizer_uri: Option<String>,
    /// The role used to invoke the authorizer.
    pub authorizer_credentials: Option<String>,
    /// Where the identity comes from (`method.request.header.Authorization`).
    pub identity_source: Option<String>,
    /// A regex the token must match.
    pub identity_validation_expression: Option<String>,
    /// How long results are cached (default 300).
    pub result_ttl_in_seconds: u32,
    /// Cognito user pool ARNs.
    pub provider_arns: Vec<String>,
    /// The scheme's header name (`in: header`, `name: Authorization`).
    pub header_name: Option<String>,
}

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

/// The models every REST API has without defining them: `Empty` and `Error`.
pub fn built_in_model(name: &str) -> Option<Model> {
    let schema = match name {
        "Empty" => serde_json::json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "title": "Empty Schema",
            "type": "object"
        }),
        "Error" => serde_json::json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "title": "Error Schema",
            "type": "object",
            "properties": {"message": {"type": "string"}}
        }),
        _ => return None,
    };
    Some(Model {
        name: name.to_string(),
        content_type: "application/json".to_string(),
        schema,
        description: None,
    })
}

/// The canonical form of a reference between models inside API Gateway:
/// how a stored schema names another model of the same API.
pub(crate) fn model_url(api_id: &str, name: &str) -> String {
    format!("https://apigateway.amazonaws.com/restapis/{api_id}/models/{name}")
}

/// Every gateway response type API Gateway defines for REST APIs.
pub const GATEWAY_RESPONSE_TYPES: [&str; 21] = [
    "ACCESS_DENIED",
    "API_CONFIGURATION_ERROR",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "AUTHORIZER_FAILURE",
    "BAD_REQUEST_BODY",
    "BAD_REQUEST_PARAMETERS",
    "DEFAULT_4XX",
    "DEFAULT_5XX",
    "EXPIRED_TOKEN",
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
    "INVALID_API_KEY",
    "INVALID_SIGNATURE",
    "MISSING_AUTHENTICATION_TOKEN",
    "QUOTA_EXCEEDED",
    "REQUEST_TOO_LARGE",
    "RESOURCE_NOT_FOUND",
    "THROTTLED",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "WAF_FILTERED",
];
