//! A method: the method request, how it is authorized, and the method
//! responses it may answer with.

use std::collections::BTreeMap;

use serde_json::Value;

use super::integration::Integration;

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
