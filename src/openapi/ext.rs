//! The names of API Gateway's OpenAPI extensions, written once for the
//! import, the export and the messages that point into a document.

/// What every API Gateway extension's name starts with.
pub(crate) const PREFIX: &str = "x-amazon-apigateway-";

/// A path item's operation for every method (`ANY`).
pub(crate) const ANY_METHOD: &str = "x-amazon-apigateway-any-method";
/// Where API keys come from (`HEADER` or `AUTHORIZER`).
pub(crate) const API_KEY_SOURCE: &str = "x-amazon-apigateway-api-key-source";
/// An operation's IAM authorization (`NONE` or `AWS_IAM`).
pub(crate) const AUTH: &str = "x-amazon-apigateway-auth";
/// A security scheme's Lambda or Cognito authorizer.
pub(crate) const AUTHORIZER: &str = "x-amazon-apigateway-authorizer";
/// A security scheme's kind (`custom`, `cognito_user_pools`, `awsSigv4`).
pub(crate) const AUTHTYPE: &str = "x-amazon-apigateway-authtype";
/// Media types treated as binary.
pub(crate) const BINARY_MEDIA_TYPES: &str = "x-amazon-apigateway-binary-media-types";
/// An HTTP API's CORS configuration.
pub(crate) const CORS: &str = "x-amazon-apigateway-cors";
/// Documentation parts.
pub(crate) const DOCUMENTATION: &str = "x-amazon-apigateway-documentation";
/// Endpoint types and VPC endpoints.
pub(crate) const ENDPOINT_CONFIGURATION: &str = "x-amazon-apigateway-endpoint-configuration";
/// Customised gateway responses by type.
pub(crate) const GATEWAY_RESPONSES: &str = "x-amazon-apigateway-gateway-responses";
/// The version of an HTTP API's export format.
pub(crate) const IMPORTEXPORT_VERSION: &str = "x-amazon-apigateway-importexport-version";
/// An operation's backend.
pub(crate) const INTEGRATION: &str = "x-amazon-apigateway-integration";
/// An HTTP API's reusable integrations.
pub(crate) const INTEGRATIONS: &str = "x-amazon-apigateway-integrations";
/// The smallest response body that is compressed.
pub(crate) const MINIMUM_COMPRESSION_SIZE: &str = "x-amazon-apigateway-minimum-compression-size";
/// The resource policy.
pub(crate) const POLICY: &str = "x-amazon-apigateway-policy";
/// The request validator of an operation, or of every operation at the top level.
pub(crate) const REQUEST_VALIDATOR: &str = "x-amazon-apigateway-request-validator";
/// The request validators by name.
pub(crate) const REQUEST_VALIDATORS: &str = "x-amazon-apigateway-request-validators";
/// An HTTP API's tag value.
pub(crate) const TAG_VALUE: &str = "x-amazon-apigateway-tag-value";
