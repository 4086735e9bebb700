//! Why a request ends early: the gateway response types (403 Missing
//! Authentication Token, 400 Invalid request body, 502 Internal server
//! error ...) with their defaults, and the [`Failure`] a stage raises.

/// A gateway response type. Every type can be customised; those raised by
/// authorizers, API keys, throttling and WAF arrive with those features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)]
pub(crate) enum ResponseType {
    AccessDenied,
    ApiConfigurationError,
    AuthorizerConfigurationError,
    AuthorizerFailure,
    BadRequestBody,
    BadRequestParameters,
    Default4xx,
    Default5xx,
    ExpiredToken,
    IntegrationFailure,
    IntegrationTimeout,
    InvalidApiKey,
    InvalidSignature,
    MissingAuthenticationToken,
    QuotaExceeded,
    RequestTooLarge,
    ResourceNotFound,
    Throttled,
    Unauthorized,
    UnsupportedMediaType,
    WafFiltered,
}

/// What differs between the types: name, default status, `x-amzn-ErrorType`,
/// default message, and whether the uncustomised body has a space after the
/// colon (`{"message": "..."}`, as the errors raised around the integration
/// are sent) or not (`{"message":"..."}`, the rendering of the default template).
struct Traits {
    name: &'static str,
    status: u16,
    error_type: &'static str,
    message: Option<&'static str>,
    spaced: bool,
}

const fn traits(
    name: &'static str,
    status: u16,
    error_type: &'static str,
    message: Option<&'static str>,
    spaced: bool,
) -> Traits {
    Traits {
        name,
        status,
        error_type,
        message,
        spaced,
    }
}

const INTERNAL: Option<&str> = Some("Internal server error");
const FORBIDDEN: Option<&str> = Some("Forbidden");

impl ResponseType {
    /// Every type, in the order of their names.
    #[cfg(test)]
    const ALL: [ResponseType; 21] = {
        use ResponseType::*;
        [
            AccessDenied,
            ApiConfigurationError,
            AuthorizerConfigurationError,
            AuthorizerFailure,
            BadRequestBody,
            BadRequestParameters,
            Default4xx,
            Default5xx,
            ExpiredToken,
            IntegrationFailure,
            IntegrationTimeout,
            InvalidApiKey,
            InvalidSignature,
            MissingAuthenticationToken,
            QuotaExceeded,
            RequestTooLarge,
            ResourceNotFound,
            Throttled,
            Unauthorized,
            UnsupportedMediaType,
            WafFiltered,
        ]
    };

    fn traits(self) -> Traits {
        use ResponseType::*;
        match self {
            AccessDenied => traits(
                "ACCESS_DENIED",
                403,
                "AccessDeniedException",
                Some("User is not authorized to access this resource"),
                false,
            ),
            ApiConfigurationError => traits(
                "API_CONFIGURATION_ERROR",
                500,
                "InternalServerErrorException",
                INTERNAL,
                true,
            ),
            AuthorizerConfigurationError => traits(
                "AUTHORIZER_CONFIGURATION_ERROR",
                500,
                "AuthorizerConfigurationException",
                None,
                true,
            ),
            AuthorizerFailure => traits(
                "AUTHORIZER_FAILURE",
                500,
                "AuthorizerFailureException",
                INTERNAL,
                true,
            ),
            BadRequestBody => traits(
                "BAD_REQUEST_BODY",
                400,
                "BadRequestException",
                Some("Invalid request body"),
                true,
            ),
            BadRequestParameters => traits(
                "BAD_REQUEST_PARAMETERS",
                400,
                "BadRequestException",
                Some("Missing required request parameters"),
                true,
            ),
            Default4xx => traits("DEFAULT_4XX", 400, "BadRequestException", None, false),
            Default5xx => traits(
                "DEFAULT_5XX",
                500,
                "InternalServerErrorException",
                INTERNAL,
                true,
            ),
            ExpiredToken => traits(
                "EXPIRED_TOKEN",
                403,
                "ExpiredTokenException",
                Some("The security token included in the request is expired"),
                false,
            ),
            IntegrationFailure => traits(
                "INTEGRATION_FAILURE",
                504,
                "InternalServerErrorException",
                INTERNAL,
                true,
            ),
            IntegrationTimeout => traits(
                "INTEGRATION_TIMEOUT",
                504,
                "InternalServerErrorException",
                Some("Endpoint request timed out"),
                true,
            ),
            InvalidApiKey => traits("INVALID_API_KEY", 403, "ForbiddenException", FORBIDDEN, false),
            InvalidSignature => traits(
                "INVALID_SIGNATURE",
                403,
                "InvalidSignatureException",
                Some("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."),
                false,
            ),
            MissingAuthenticationToken => traits(
                "MISSING_AUTHENTICATION_TOKEN",
                403,
                "MissingAuthenticationTokenException",
                Some("Missing Authentication Token"),
                false,
            ),
            QuotaExceeded => traits(
                "QUOTA_EXCEEDED",
                429,
                "LimitExceededException",
                Some("Limit Exceeded"),
                false,
            ),
            RequestTooLarge => traits(
                "REQUEST_TOO_LARGE",
                413,
                "BadRequestException",
                Some("Request Too Long"),
                true,
            ),
            ResourceNotFound => traits(
                "RESOURCE_NOT_FOUND",
                404,
                "ResourceNotFoundException",
                Some("Not Found"),
                false,
            ),
            Throttled => traits(
                "THROTTLED",
                429,
                "TooManyRequestsException",
                Some("Too Many Requests"),
                false,
            ),
            Unauthorized => traits(
                "UNAUTHORIZED",
                401,
                "UnauthorizedException",
                Some("Unauthorized"),
                false,
            ),
            UnsupportedMediaType => traits(
                "UNSUPPORTED_MEDIA_TYPE",
                415,
                "BadRequestException",
                Some("Unsupported Media Type"),
                false,
            ),
            WafFiltered => traits("WAF_FILTERED", 403, "ForbiddenException", FORBIDDEN, false),
        }
    }

    /// The type's name (`BAD_REQUEST_BODY`), as `$context.error.responseType` shows it.
    pub fn name(self) -> &'static str {
        self.traits().name
    }

    /// The status API Gateway answers with when the user changed nothing.
    pub fn default_status(self) -> u16 {
        self.traits().status
    }

    /// DEFAULT_4XX or DEFAULT_5XX: the customisation this type inherits.
    pub fn family(self) -> ResponseType {
        match self {
            ResponseType::Default4xx | ResponseType::Default5xx => self,
            _ if self.default_status() >= 500 => ResponseType::Default5xx,
            _ => ResponseType::Default4xx,
        }
    }
}

/// A gateway response about to be sent: its type, the message, and the
/// details a template may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub kind: ResponseType,
    /// `$context.error.message`; `None` renders as JSON `null`.
    pub message: Option<String>,
    /// The status when it differs from the type's default (a failing
    /// Lambda function is an INTEGRATION_FAILURE answered with 502).
    pub status: Option<u16>,
    /// `$context.error.validationErrorString`.
    pub validation_error: Option<String>,
}

impl Failure {
    /// A response of this type with its default message.
    pub fn new(kind: ResponseType) -> Failure {
        Failure {
            kind,
            message: kind.traits().message.map(str::to_string),
            status: None,
            validation_error: None,
        }
    }

    /// The same response with another message.
    pub fn with_message(mut self, message: impl Into<String>) -> Failure {
        self.message = Some(message.into());
        self
    }

    /// The same response with another default status.
    pub fn with_status(mut self, status: u16) -> Failure {
        self.status = Some(status);
        self
    }

    /// `$context.error.messageString`: the message as a JSON string literal.
    pub fn message_string(&self) -> String {
        match &self.message {
            Some(message) => serde_json::Value::from(message.as_str()).to_string(),
            None => "null".to_string(),
        }
    }

    /// The `x-amzn-ErrorType` header value.
    pub fn error_type(&self) -> &'static str {
        self.kind.traits().error_type
    }

    /// The body sent when no template applies.
    pub fn default_body(&self) -> String {
        let colon = if self.kind.traits().spaced { ": " } else { ":" };
        format!("{{\"message\"{colon}{}}}", self.message_string())
    }
}

/// A request ended by a stage: the gateway response to send, and the line
/// the execution log gives the reason in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Abort {
    pub failure: Failure,
    pub log_line: String,
}

impl Abort {
    pub fn new(failure: Failure, log_line: impl Into<String>) -> Abort {
        Abort {
            failure,
            log_line: log_line.into(),
        }
    }

    /// An API_CONFIGURATION_ERROR (500): the API as configured cannot serve
    /// the request.
    pub fn configuration(log_line: impl Into<String>) -> Abort {
        Abort::new(Failure::new(ResponseType::ApiConfigurationError), log_line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bodies_follow_the_two_spacings_aws_sends() {
        assert_eq!(
            Failure::new(ResponseType::MissingAuthenticationToken).default_body(),
            r#"{"message":"Missing Authentication Token"}"#
        );
        assert_eq!(
            Failure::new(ResponseType::BadRequestBody).default_body(),
            r#"{"message": "Invalid request body"}"#
        );
        assert_eq!(
            Failure::new(ResponseType::AuthorizerConfigurationError).default_body(),
            r#"{"message": null}"#
        );
        assert_eq!(
            Failure::new(ResponseType::BadRequestParameters)
                .with_message("Missing required request parameters: [a\"b]")
                .message_string(),
            r#""Missing required request parameters: [a\"b]""#
        );
    }

    #[test]
    fn every_type_name_is_a_model_type_name() {
        let names: Vec<&str> = ResponseType::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names, crate::model::GATEWAY_RESPONSE_TYPES);
    }
}
