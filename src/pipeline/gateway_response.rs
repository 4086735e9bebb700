//! Gateway responses: the answers API Gateway gives on its own behalf
//! (403 Missing Authentication Token, 502 Internal server error ...).

/// A gateway response type, with its default status and error type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum GatewayResponseType {
    ApiConfigurationError,
    MissingAuthenticationToken,
    UnsupportedMediaType,
    /// Not a gateway response type: the path names no stage of the API, so
    /// no API's gateway responses apply.
    UnknownStage,
}

impl GatewayResponseType {
    /// The status API Gateway answers with when the user changed nothing.
    pub fn default_status(self) -> u16 {
        match self {
            GatewayResponseType::ApiConfigurationError => 500,
            GatewayResponseType::MissingAuthenticationToken => 403,
            GatewayResponseType::UnsupportedMediaType => 415,
            GatewayResponseType::UnknownStage => 403,
        }
    }

    /// The `x-amzn-ErrorType` header value.
    pub fn error_type(self) -> &'static str {
        match self {
            GatewayResponseType::ApiConfigurationError => "InternalServerErrorException",
            GatewayResponseType::MissingAuthenticationToken => {
                "MissingAuthenticationTokenException"
            }
            GatewayResponseType::UnsupportedMediaType => "BadRequestException",
            GatewayResponseType::UnknownStage => "ForbiddenException",
        }
    }

    /// The body API Gateway sends by default. The spacing differs between
    /// responses, and these are the bytes AWS sends.
    pub fn default_body(self) -> &'static str {
        match self {
            GatewayResponseType::ApiConfigurationError => r#"{"message": "Internal server error"}"#,
            GatewayResponseType::MissingAuthenticationToken => {
                r#"{"message":"Missing Authentication Token"}"#
            }
            GatewayResponseType::UnsupportedMediaType => r#"{"message":"Unsupported Media Type"}"#,
            GatewayResponseType::UnknownStage => r#"{"message":"Forbidden"}"#,
        }
    }
}
