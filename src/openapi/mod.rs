//! Import of OpenAPI documents with `x-amazon-apigateway-*` extensions into
//! a [`RestApi`](crate::model::RestApi).

mod import;

pub use import::{import, Imported, Warning};
