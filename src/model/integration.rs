//! An integration: the backend of a method, and how its results become
//! method responses.

use std::collections::BTreeMap;

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
#[derive(Clone, PartialEq, Default)]
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
    /// An HTTP API's first-class AWS service integration
    /// (`SQS-SendMessage` ...), whose `request_parameters` then name the
    /// action's parameters (`QueueUrl` -> `$request.body.url`).
    pub integration_subtype: Option<String>,
}

// By hand so the subtype shows only where there is one: every other
// integration reads as it always has.
impl std::fmt::Debug for Integration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct("Integration");
        out.field("kind", &self.kind)
            .field("http_method", &self.http_method)
            .field("uri", &self.uri)
            .field("connection_type", &self.connection_type)
            .field("connection_id", &self.connection_id)
            .field("credentials", &self.credentials)
            .field("request_parameters", &self.request_parameters)
            .field("request_templates", &self.request_templates)
            .field("passthrough_behavior", &self.passthrough_behavior)
            .field("content_handling", &self.content_handling)
            .field("timeout_in_millis", &self.timeout_in_millis)
            .field("cache_namespace", &self.cache_namespace)
            .field("cache_key_parameters", &self.cache_key_parameters)
            .field(
                "tls_insecure_skip_verification",
                &self.tls_insecure_skip_verification,
            )
            .field("responses", &self.responses)
            .field("payload_format_version", &self.payload_format_version)
            .field("http_response_parameters", &self.http_response_parameters);
        if let Some(subtype) = &self.integration_subtype {
            out.field("integration_subtype", subtype);
        }
        out.finish()
    }
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
