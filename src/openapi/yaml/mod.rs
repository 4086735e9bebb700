//! A small, dependency-free YAML 1.2 parser that produces `serde_json::Value`.
//!
//! It covers the JSON-compatible subset that OpenAPI/Swagger documents and AWS SAM
//! templates use: block and flow collections, all scalar styles, the core schema,
//! anchors/aliases/merge keys, standard tags and CloudFormation short-form tags.
//! Mapping keys are always strings: a plain key keeps its text as written (`200`).
//!
//! `document.rs` reads the document around its root node; `nodes.rs` reads
//! collections, `scalars.rs` scalars as written, and `resolve.rs` turns them
//! into values. They share the `Parser` of `scanner.rs`, which knows the
//! text's lines, blanks and comments.

mod document;
mod error;
mod nodes;
mod resolve;
mod scalars;
mod scanner;
#[cfg(test)]
mod tests;

pub use document::parse;
pub(crate) use document::parse_last_wins;
