//! The compiled schema: a graph with one node per schema location (deduplicated, so recursive
//! schemas are finite; a `$ref` node forwards to its target), each holding its keyword
//! validators and the subschemas of its elements and members. `compile.rs` builds it from the
//! schema, `validate.rs` walks it; a keyword is a [`Keyword`] object, so this file names no
//! keyword.

use super::instance::Val;
use super::report::{Report, Trail};
use super::selectors::{Items, Props};

/// A compiled schema. Compile once, validate many instances.
pub struct Schema {
    pub(super) nodes: Box<[Node]>,
    pub(super) root: u32,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("nodes", &self.nodes.len())
            .finish_non_exhaustive()
    }
}

/// One schema location of the graph.
pub(crate) struct Node {
    /// The node this one stands for: itself, or (for a `$ref`) the end of the `$ref` chain.
    pub target: u32,
    /// Where the schema is, for `ValidationError::schema_pointer`.
    pub ptr: Box<str>,
    /// Keywords in fge's order (alphabetical, then `format`), each with the instance types
    /// it applies to.
    pub kws: Box<[Entry]>,
    pub props: Option<Box<Props>>,
    pub items: Option<Box<Items>>,
    /// The instance types `type` allows (`ANY` without `type`).
    pub types: u8,
}

/// A compiled keyword validator. Keywords with subschemas (`allOf`, `not`, schema
/// dependencies ...) apply them with `Schema::valid_at` and `Schema::collect_at` (`validate.rs`).
pub(crate) trait Keyword: Send + Sync {
    /// The keyword as fge names it (sort key and `ValidationError::keyword`).
    fn name(&self) -> &'static str;
    /// Whether `v` passes (no allocation).
    fn check(&self, s: &Schema, v: Val, t: &Trail) -> bool;
    /// fge's message for a failing `v`.
    fn message(&self, _s: &Schema, _v: Val) -> String {
        String::new()
    }
    /// Adds this keyword's errors for `v` to the report.
    fn report<'v>(&self, s: &Schema, v: Val<'v>, t: &Trail, at: &str, out: &mut Report<'v>) {
        if !self.check(s, v, t) {
            let m = self.message(s, v);
            out.push(at, self.name(), m);
        }
    }
}

/// A keyword and the instance types (bits of `schema::types`) it applies to.
pub(crate) struct Entry {
    pub types: u8,
    /// Whether `Schema::valid_at` runs it (false when the walk checks it more cheaply).
    pub fast: bool,
    pub kw: Box<dyn Keyword>,
}

pub(crate) fn entry(types: u8, kw: impl Keyword + 'static) -> Entry {
    Entry {
        types,
        fast: true,
        kw: Box::new(kw),
    }
}
