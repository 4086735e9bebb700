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

/// Defines [`ResponseType`] from one table, one row per type: the
/// variant, its name, default status, `x-amzn-ErrorType`, default message,
/// and whether the uncustomised body has a space after the colon
/// (`{"message": "..."}`, as the errors raised around the integration are
/// sent) or not (`{"message":"..."}`, the rendering of the default template).
macro_rules! response_types {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal, $status:literal, $error_type:literal, $message:expr, $spaced:literal;)*) => {
        /// A gateway response type. Every type can be customised; those raised by
        /// authorizers, API keys, throttling and WAF arrive with those features.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ResponseType {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ResponseType {
            /// Every type, in the order of their names.
            pub const ALL: &'static [ResponseType] = &[$(ResponseType::$variant),*];

            fn traits(self) -> Traits {
                match self {
                    $(ResponseType::$variant => Traits {
                        name: $name,
                        status: $status,
                        error_type: $error_type,
                        message: $message,
                        spaced: $spaced,
                    },)*
                }
            }
        }
    };
}

/// What differs between the types.
struct Traits {
    name: &'static str,
    status: u16,
    error_type: &'static str,
    message: Option<&'static str>,
    spaced: bool,
}

const INTERNAL: Option<&str> = Some("Internal server error");
const FORBIDDEN: Option<&str> = Some("Forbidden");

response_types! {
    /// The authorizer denied the caller (403).
    AccessDenied = "ACCESS_DENIED", 403, "AccessDeniedException", Some("User is not authorized to access this resource"), false;
    /// The API as configured cannot serve the request (500).
    ApiConfigurationError = "API_CONFIGURATION_ERROR", 500, "InternalServerErrorException", INTERNAL, true;
    /// The authorizer could not be called, or answered nonsense (500).
    AuthorizerConfigurationError = "AUTHORIZER_CONFIGURATION_ERROR", 500, "AuthorizerConfigurationException", None, true;
    /// The authorizer failed to authorize the caller (500).
    AuthorizerFailure = "AUTHORIZER_FAILURE", 500, "AuthorizerFailureException", INTERNAL, true;
    /// The body failed the request validator (400).
    BadRequestBody = "BAD_REQUEST_BODY", 400, "BadRequestException", Some("Invalid request body"), true;
    /// Required request parameters are missing (400).
    BadRequestParameters = "BAD_REQUEST_PARAMETERS", 400, "BadRequestException", Some("Missing required request parameters"), true;
    /// Any 4XX type the API did not customise inherits this one.
    Default4xx = "DEFAULT_4XX", 400, "BadRequestException", None, false;
    /// Any 5XX type the API did not customise inherits this one.
    Default5xx = "DEFAULT_5XX", 500, "InternalServerErrorException", INTERNAL, true;
    /// The AWS credentials have expired (403).
    ExpiredToken = "EXPIRED_TOKEN", 403, "ExpiredTokenException", Some("The security token included in the request is expired"), false;
    /// The integration failed (504; 502 for a failing Lambda proxy).
    IntegrationFailure = "INTEGRATION_FAILURE", 504, "InternalServerErrorException", INTERNAL, true;
    /// The integration did not answer in time (504).
    IntegrationTimeout = "INTEGRATION_TIMEOUT", 504, "InternalServerErrorException", Some("Endpoint request timed out"), true;
    /// The API key is not valid for the stage (403).
    InvalidApiKey = "INVALID_API_KEY", 403, "ForbiddenException", FORBIDDEN, false;
    /// The SigV4 signature does not match (403).
    InvalidSignature = "INVALID_SIGNATURE", 403, "InvalidSignatureException", Some("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."), false;
    /// No resource and method take the request, or no credentials came with an IAM-authorised one (403).
    MissingAuthenticationToken = "MISSING_AUTHENTICATION_TOKEN", 403, "MissingAuthenticationTokenException", Some("Missing Authentication Token"), false;
    /// The usage plan's quota is used up (429).
    QuotaExceeded = "QUOTA_EXCEEDED", 429, "LimitExceededException", Some("Limit Exceeded"), false;
    /// The request is larger than API Gateway accepts (413).
    RequestTooLarge = "REQUEST_TOO_LARGE", 413, "BadRequestException", Some("Request Too Long"), true;
    /// The resource is not found (404).
    ResourceNotFound = "RESOURCE_NOT_FOUND", 404, "ResourceNotFoundException", Some("Not Found"), false;
    /// Throttled by the usage plan, the method or the account (429).
    Throttled = "THROTTLED", 429, "TooManyRequestsException", Some("Too Many Requests"), false;
    /// The authorizer found no valid credentials (401).
    Unauthorized = "UNAUTHORIZED", 401, "UnauthorizedException", Some("Unauthorized"), false;
    /// No mapping template for the request's content type, and passthrough refuses it (415).
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE", 415, "BadRequestException", Some("Unsupported Media Type"), false;
    /// AWS WAF blocked the request (403).
    WafFiltered = "WAF_FILTERED", 403, "ForbiddenException", FORBIDDEN, false;
}

impl ResponseType {
    /// The type's name (`BAD_REQUEST_BODY`), as `$context.error.responseType` shows it.
    pub fn name(self) -> &'static str {
        self.traits().name
    }

    /// The type a name (`BAD_REQUEST_BODY`) stands for.
    pub fn from_name(name: &str) -> Option<ResponseType> {
        ResponseType::ALL.iter().copied().find(|t| t.name() == name)
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
