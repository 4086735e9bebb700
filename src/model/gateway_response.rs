//! Gateway responses: what API Gateway answers with when it refuses or
//! fails a request itself. The types with their defaults (status,
//! `x-amzn-ErrorType`, message), and a type's customisation.

use std::collections::BTreeMap;

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

/// A gateway response type. Every type can be customised; those raised by
/// authorizers, API keys, throttling and WAF arrive with those features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResponseType {
    /// The authorizer denied the caller (403).
    AccessDenied,
    /// The API as configured cannot serve the request (500).
    ApiConfigurationError,
    /// The authorizer could not be called, or answered nonsense (500).
    AuthorizerConfigurationError,
    /// The authorizer failed to authorize the caller (500).
    AuthorizerFailure,
    /// The body failed the request validator (400).
    BadRequestBody,
    /// Required request parameters are missing (400).
    BadRequestParameters,
    /// Any 4XX type the API did not customise inherits this one.
    Default4xx,
    /// Any 5XX type the API did not customise inherits this one.
    Default5xx,
    /// The AWS credentials have expired (403).
    ExpiredToken,
    /// The integration failed (504; 502 for a failing Lambda proxy).
    IntegrationFailure,
    /// The integration did not answer in time (504).
    IntegrationTimeout,
    /// The API key is not valid for the stage (403).
    InvalidApiKey,
    /// The SigV4 signature does not match (403).
    InvalidSignature,
    /// No resource and method take the request, or no credentials came with an IAM-authorised one (403).
    MissingAuthenticationToken,
    /// The usage plan's quota is used up (429).
    QuotaExceeded,
    /// The request is larger than API Gateway accepts (413).
    RequestTooLarge,
    /// The resource is not found (404).
    ResourceNotFound,
    /// Throttled by the usage plan, the method or the account (429).
    Throttled,
    /// The authorizer found no valid credentials (401).
    Unauthorized,
    /// No mapping template for the request's content type, and passthrough refuses it (415).
    UnsupportedMediaType,
    /// AWS WAF blocked the request (403).
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
    pub const ALL: [ResponseType; 21] = {
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

    /// The type a name (`BAD_REQUEST_BODY`) stands for.
    pub fn from_name(name: &str) -> Option<ResponseType> {
        ResponseType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The `x-amzn-ErrorType` header API Gateway sends with the response.
    pub fn error_type(self) -> &'static str {
        self.traits().error_type
    }

    /// The message when the user changed nothing (`$context.error.message`).
    pub fn default_message(self) -> Option<&'static str> {
        self.traits().message
    }

    /// Whether the uncustomised body is written `{"message": "..."}` (the
    /// errors raised around the integration) rather than `{"message":"..."}`.
    pub(crate) fn spaced_body(self) -> bool {
        self.traits().spaced
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
