//! An authorizer: a Lambda function or Cognito user pool that decides
//! whether a caller may call a method.

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
