//! Portico: Amazon API Gateway as a WebAssembly module.
//!
//! The core decides everything API Gateway decides and performs no I/O. A
//! host (the JS harness, or a Rust test) drives a [`Gateway`]:
//! [`Gateway::begin`] returns a [`Step`]; a [`Step::Call`] asks the host to
//! invoke a backend (a Lambda function), and [`Gateway::resume`] continues
//! with the [`CallResult`] until a [`Step::Respond`] carries the response.
//!
//! ```
//! use portico::{CallResult, Gateway, Options, Request, Step, Target};
//!
//! let definition = include_str!("../examples/ml-model/openapi.json");
//! let mut gateway = Gateway::from_definition(definition, Options::default())?;
//! let mut step = gateway.begin(Request::new("GET", "/dev/"));
//! let response = loop {
//!     match step {
//!         Step::Respond(response) => break response,
//!         Step::Call(call) => {
//!             let Target::Lambda(invoke) = &call.target else { unreachable!() };
//!             assert_eq!(invoke.function_name, "API_test");
//!             let payload = br#"{"statusCode":200,"body":"\"hi\""}"#.to_vec();
//!             let result = CallResult::Lambda { payload, function_error: false, latency_ms: 1 };
//!             step = gateway.resume(call.id, result)?;
//!         }
//!     }
//! };
//! assert_eq!(response.status, 200);
//! assert_eq!(response.body_text(), r#"{"statusCode":200,"body":"\"hi\""}"#);
//! assert_eq!(response.header("content-type"), Some("application/json"));
//! # Ok::<(), portico::Error>(())
//! ```
#![deny(
    missing_docs,
    missing_debug_implementations,
    dead_code,
    unsafe_op_in_unsafe_fn,
    rustdoc::broken_intra_doc_links
)]

pub mod console;
mod error;
mod http;
mod ids;
mod java;
mod jsonpath;
pub mod model;
pub mod openapi;
mod pipeline;
mod regex;
mod router;
pub mod schema;
mod template;
mod time;
pub mod vtl;
// What crosses the JS boundary: built for the wasm exports, and natively
// for its own tests.
#[cfg(any(target_arch = "wasm32", test))]
mod wire;

#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzz;

/// The README's Rust examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The Rust examples of `docs/rust.md`, run as doctests.
#[doc = include_str!("../docs/rust.md")]
#[cfg(doctest)]
pub struct RustGuideDoctests;

pub use error::{Error, ErrorKind};
pub use http::{Request, Response};
pub use pipeline::{
    AwsCall, Call, CallId, CallResult, Gateway, HttpCall, LambdaInvoke, Options, RouteMatch, Step,
    Target, TestInvoke,
};
pub use template::{definition_files, FunctionInfo};
