//! What an HTTP API (API Gateway v2) does differently: proxy integrations
//! (Lambda with payload format 1.0 or 2.0, HTTP) and first-class AWS
//! service integrations, parameter mappings
//! instead of templates, a CORS configuration, its own errors.

pub(crate) mod cors;
pub(crate) mod integration;
pub(crate) mod mapping;
pub(crate) mod response;
mod service;
