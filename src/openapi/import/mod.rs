//! OpenAPI 3.0 and Swagger 2.0 -> RestApi, reporting every problem at its
//! JSON pointer. Parts API Gateway ignores are warnings; with
//! `fail_on_warnings` they are errors, as with API Gateway's `failonwarnings`.
//!
//! `document.rs` reads the document as a whole and hands each part to its
//! reader: the API-wide extensions, the models, the security schemes, then
//! every path and operation with its integration. What only an HTTP API's
//! export holds is read in `http_api.rs`; the state they share is the
//! `Importer` in `importer.rs`.

mod api_extensions;
mod document;
mod http_api;
mod importer;
mod integration;
mod mappings;
mod models;
mod operations;
mod security;
mod source;

pub use document::{import, import_value, parse_document, ImportOptions, Imported, DEFAULT_API_ID};
pub(crate) use document::{parse_last_wins, warnings_as_error};
pub use importer::Warning;
pub(crate) use operations::OPERATIONS;
