//! What the gateway and its host exchange while a request runs: the
//! [`Step`] the gateway asks for, the [`Call`] the host performs, the
//! [`CallResult`] it reports back; and the console test's input.

use std::collections::BTreeMap;

use crate::http::{Request, Response};

/// Identifies one pending [`Call`] of one request.
pub type CallId = u64;

/// What the gateway needs next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The request is done: send this response.
    Respond(Response),
    /// Perform this call and pass its result to [`Gateway::resume`](crate::Gateway::resume).
    Call(Call),
}

/// A backend invocation the host performs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Pass this to [`Gateway::resume`](crate::Gateway::resume) with the result.
    pub id: CallId,
    /// Abort after this many milliseconds and resume with [`CallResult::Timeout`].
    pub timeout_ms: u32,
    /// What to invoke.
    pub target: Target,
}

/// The backend of a [`Call`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Invoke a Lambda function (the Lambda `Invoke` API, synchronous):
    /// `AWS` and `AWS_PROXY` integrations with Lambda.
    Lambda(LambdaInvoke),
    /// Send an HTTP request: `HTTP`, `HTTP_PROXY`, and either through a VPC link.
    Http(HttpCall),
    /// Call an AWS service API: `AWS` integrations with other services.
    Aws(AwsCall),
}

/// A synchronous Lambda invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LambdaInvoke {
    /// The function name (`API_test`).
    pub function_name: String,
    /// The full function ARN, qualifier included when there is one.
    pub function_arn: String,
    /// The alias or version after the name, if any.
    pub qualifier: Option<String>,
    /// The region in the function ARN.
    pub region: String,
    /// The invocation's request id (the handler's `context.awsRequestId`,
    /// and the one the execution log names).
    pub request_id: String,
    /// The event, as the JSON bytes Lambda receives.
    pub payload: Vec<u8>,
}

/// An HTTP request to an integration endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCall {
    /// The method (`GET`).
    pub method: String,
    /// The absolute URL, query string included.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The VPC link the request goes through (`connectionType: VPC_LINK`),
    /// for the host to map to a local target.
    pub connection_id: Option<String>,
}

/// A call to an AWS service API (`arn:aws:apigateway:{region}:{service}:action/{Action}`
/// or `...:path/{path}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsCall {
    /// The service (`dynamodb`, `sqs`, `s3` ...).
    pub service: String,
    /// The region.
    pub region: String,
    /// The action of an action-style URI (`PutItem`).
    pub action: Option<String>,
    /// The path of a path-style URI (`my-bucket/{key}` rendered).
    pub path: Option<String>,
    /// The HTTP method the integration uses.
    pub method: String,
    /// The endpoint URL API Gateway would call.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body (the rendered request template).
    pub body: Vec<u8>,
}

/// The outcome of a [`Call`], as the host observed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallResult {
    /// Lambda answered. A function error (the handler threw) is still an answer.
    Lambda {
        /// The response payload: the handler's result, or the error document
        /// (`{"errorType","errorMessage","trace"}`) on a function error.
        payload: Vec<u8>,
        /// Whether the payload is a function error (`X-Amz-Function-Error`).
        function_error: bool,
        /// How long the invocation took, for the execution log.
        latency_ms: u32,
    },
    /// An HTTP endpoint or an AWS service answered.
    Http {
        /// The status code.
        status: u16,
        /// The headers, in order.
        headers: Vec<(String, String)>,
        /// The body.
        body: Vec<u8>,
        /// How long the request took, for the execution log.
        latency_ms: u32,
    },
    /// The call did not finish within [`Call::timeout_ms`].
    Timeout,
    /// The call could not be made (no such function, the network failed).
    Failed {
        /// What went wrong, for the execution log.
        message: String,
    },
}

/// A request for the console's Test button (TestInvokeMethod): a resource
/// path without the stage, and the stage variables for this call only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestInvoke {
    /// The request; its `path` is the resource path with values (`/pets/1`).
    pub request: Request,
    /// Stage variables for this invocation (none when `None`, as in the console).
    pub stage_variables: Option<BTreeMap<String, String>>,
}
