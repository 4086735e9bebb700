//! The API definition, mirroring API Gateway's own resources: a
//! [`RestApi`] holds [`Resource`]s, which hold [`Method`]s, which hold an
//! [`Integration`] and its responses.

use std::collections::BTreeMap;

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
    /// Media types treated as binary (`x-amazon-apigateway-binary-media-types`).
    pub binary_media_types: Vec<String>,
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
                methods: Vec::new(),
            }],
            binary_media_types: Vec::new(),
        }
    }

    /// The resource at a resource path (`/pets/{petId}`), if there is one.
    pub fn resource(&self, path: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.path == path)
    }

    /// The index of the resource at `path`, creating it and its missing
    /// ancestors (as API Gateway's import does).
    pub fn ensure_resource(&mut self, path: &str) -> usize {
        if let Some(i) = self.resources.iter().position(|r| r.path == path) {
            return i;
        }
        let (parent_path, part) = match path.rfind('/') {
            Some(0) => ("/", &path[1..]),
            Some(i) => (&path[..i], &path[i + 1..]),
            None => ("/", path),
        };
        let parent = self.ensure_resource(parent_path);
        self.resources.push(Resource {
            id: resource_id(&self.id, path),
            parent: Some(parent),
            path_part: part.to_string(),
            path: path.to_string(),
            methods: Vec::new(),
        });
        self.resources.len() - 1
    }
}

/// A resource id shaped like API Gateway's (ten lower-case alphanumerics),
/// stable for a given API id and path so that exports and tests are repeatable.
fn resource_id(api_id: &str, path: &str) -> String {
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
    /// The methods defined on this resource.
    pub methods: Vec<Method>,
}

impl Resource {
    /// The method with this HTTP method (`GET`, `ANY` ...), if defined.
    pub fn method(&self, http_method: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.http_method == http_method)
    }
}

/// A method on a resource: the method request and its integration.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// `GET`, `POST` ... or `ANY`.
    pub http_method: String,
    /// The OpenAPI `operationId`.
    pub operation_name: Option<String>,
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
    /// Response header declarations (`method.response.header.X` -> required).
    pub response_parameters: BTreeMap<String, bool>,
    /// Models by content type.
    pub response_models: BTreeMap<String, String>,
}

/// The kind of backend an integration calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    Mock,
}

impl IntegrationType {
    /// Parses the OpenAPI spelling (`aws_proxy`), case-insensitively.
    pub fn parse(s: &str) -> Option<IntegrationType> {
        Some(match s.to_ascii_lowercase().as_str() {
            "aws" => IntegrationType::Aws,
            "aws_proxy" => IntegrationType::AwsProxy,
            "http" => IntegrationType::Http,
            "http_proxy" => IntegrationType::HttpProxy,
            "mock" => IntegrationType::Mock,
            _ => return None,
        })
    }

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
    /// Parses the OpenAPI spelling (`when_no_match`), case-insensitively.
    pub fn parse(s: &str) -> Option<PassthroughBehavior> {
        Some(match s.to_ascii_lowercase().as_str() {
            "when_no_match" => PassthroughBehavior::WhenNoMatch,
            "when_no_templates" => PassthroughBehavior::WhenNoTemplates,
            "never" => PassthroughBehavior::Never,
            _ => return None,
        })
    }
}

/// The backend of a method.
#[derive(Debug, Clone, PartialEq)]
pub struct Integration {
    /// The kind of backend.
    pub kind: IntegrationType,
    /// The method used to call the backend (`POST` for Lambda).
    pub http_method: Option<String>,
    /// The backend URI (an ARN for AWS integrations, a URL for HTTP).
    pub uri: Option<String>,
    /// Request templates by content type.
    pub request_templates: BTreeMap<String, String>,
    /// What happens when no request template matches.
    pub passthrough_behavior: PassthroughBehavior,
    /// How long the backend may take, in milliseconds (default 29000).
    pub timeout_in_millis: u32,
    /// Integration responses in document order; the default one has no pattern.
    pub responses: Vec<IntegrationResponse>,
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
}
