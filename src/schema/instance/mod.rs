//! The instance: JSON text read in one pass into a flat arena of nodes, and a small `Copy`
//! handle ([`Val`]) the validator walks.
//!
//! Nodes are in preorder. A container node records where its subtree ends (the index after
//! its last descendant) and how many children it has; an object's children are key, value,
//! key, value, ... (a key is a string node). A string without escapes is a span of the text;
//! an escaped one is unescaped once into a side buffer. A number is the span of its text and
//! whether it is an `integer` or a `number` (fge's `NodeType`: a fraction or an exponent makes
//! it a `number`, as Jackson reads it into a `DecimalNode`); keywords read the value from the
//! text when they need it (`schema::number::Decimal`).
//!
//! What the parser accepts is Jackson's default (`ObjectMapper.readTree` without features),
//! RFC 8259: see `parse.rs` for the edge cases. Duplicate member names: the last value wins
//! at the place of the first name, as Jackson's `ObjectNode` (a `LinkedHashMap`) keeps them;
//! the earlier key is redirected to the later value and the later key is skipped.
//!
//! The arena vectors are reused across calls on the same thread (a spare set is kept), so a
//! validation allocates nothing once the buffers have grown to the body size.
//!
//! Layout: `arena.rs` holds the node and the name hash, `parse.rs` the reader and the
//! buffers it fills ([`Parsed`]), `doc.rs` the view over them ([`Doc`], [`Val`], [`Key`]).

mod arena;
mod doc;
mod parse;
#[cfg(test)]
mod tests;

pub(crate) use arena::name_hash;
pub(crate) use doc::{Doc, Key, Parts, Val};
pub(crate) use parse::Parsed;
pub use parse::{NotJson, MAX_NESTING};
