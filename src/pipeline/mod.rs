//! Method execution as a sans-IO state machine: [`Gateway::begin`] takes a
//! request and returns a [`Step`]; a [`Step::Call`] asks the host to invoke
//! a backend (a Lambda function, an HTTP endpoint, an AWS service), and
//! [`Gateway::resume`] continues with its result.
//!
//! The arrows point one way: `gateway` drives `flow`, the only place that
//! tells REST APIs from HTTP APIs; `flow` hands each step to `rest/`,
//! `http_api/` and `lambda/`; every stage reads the `deployed` API and
//! works on the request's `exchange`, with the support modules
//! (`context`, `params`, `render`, `respond`, `log`, `templates`,
//! `json_out`) beneath them.

mod context;
mod definition;
mod deployed;
mod exchange;
mod failure;
mod flow;
mod gateway;
mod http_api;
mod json_out;
mod lambda;
mod log;
mod params;
mod render;
mod respond;
mod rest;
mod step;
mod templates;

pub use deployed::Options;
pub use gateway::{Gateway, RouteMatch};
pub use step::{
    AwsCall, Call, CallId, CallResult, HttpCall, LambdaInvoke, Step, Target, TestInvoke,
};
