//! Lambda as API Gateway calls it: the proxy events it writes (payload
//! format 1.0 for REST and HTTP APIs, 2.0 for HTTP APIs), the proxy
//! responses it reads back, and the invocation itself (the function an
//! integration URI names, and the execution log's lines about the call).

mod event_input;
mod event_v1;
mod event_v2;
mod invoke;
mod response;

pub(crate) use event_input::{EventInput, HttpRoute, RestRoute, DROPPED_REQUEST_HEADERS};
pub(crate) use event_v1::{http_api_event_v1, rest_event};
pub(crate) use event_v2::http_api_event_v2;
pub(crate) use invoke::{error_message, function_for, invocation_log_lines, log_response};
pub(crate) use response::{parse_v1, parse_v2, Malformed};
