//! Why a request ends early: the [`Failure`] a stage raises (a gateway
//! response type, its message and details), and the [`Abort`] that carries
//! it with the execution log's reason.

pub(crate) use crate::model::ResponseType;

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
            message: kind.default_message().map(str::to_string),
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
        self.kind.error_type()
    }

    /// The body sent when no template applies.
    pub fn default_body(&self) -> String {
        let colon = if self.kind.spaced_body() { ": " } else { ":" };
        format!("{{\"message\"{colon}{}}}", self.message_string())
    }
}

/// A request ended by a stage: the gateway response to send, the line
/// the execution log gives the reason in, and what Portico can say beyond
/// API Gateway's words (kept out of a console test's log, which is AWS's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Abort {
    pub failure: Failure,
    pub log_line: String,
    pub detail: Option<String>,
}

impl Abort {
    pub fn new(failure: Failure, log_line: impl Into<String>) -> Abort {
        Abort {
            failure,
            log_line: log_line.into(),
            detail: None,
        }
    }

    /// The same abort, with Portico's explanation of it.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Abort {
        self.detail = Some(detail.into());
        self
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
}
