//! Import of OpenAPI 3.0 / Swagger 2.0 documents (JSON or YAML) with
//! `x-amazon-apigateway-*` extensions into a [`RestApi`](crate::model::RestApi),
//! and export back.

mod export;
pub(crate) mod ext;
mod import;
pub(crate) mod intrinsics;
pub(crate) mod json;
mod warning;
pub(crate) mod yaml;

pub use export::{export, ExportFormat};
pub use import::{
    import, import_value, parse_document, ImportOptions, Imported, Warning, DEFAULT_API_ID,
};
pub(crate) use import::{parse_last_wins, warnings_as_error};
