//! What a compiled path is: its segments, the filters and function
//! arguments inside them, and what evaluating it selects. The parser
//! (`parse.rs`, `filter.rs`) builds these; the evaluator (`eval.rs`,
//! `node.rs`) reads them; this file imports neither.

use serde_json::Value;
use std::borrow::Cow;

use crate::java::OwnedBigDecimal;

/// A compiled JSONPath.
pub struct JsonPath {
    pub(super) segments: Vec<Segment>,
}

/// What a path selects.
#[derive(Debug, PartialEq)]
pub enum Selected<'a> {
    One(Cow<'a, Value>),
    Missing,
    Many(Vec<Cow<'a, Value>>),
}

/// One step of a path.
pub(super) enum Segment {
    /// `.a`, `['a']`, or `['a','b']` (at the end, Jayway merges these into one object).
    Properties(Vec<String>),
    /// `[0]` or `[0,2]`; negative indexes count from the end.
    Indexes(Vec<i32>),
    /// `[from:to]`; a step is ignored.
    Slice { from: Option<i32>, to: Option<i32> },
    /// `.*` or `[*]`.
    Wildcard,
    /// `..`: the next segment applies at every depth.
    DeepScan,
    /// `[?(…)]`.
    Filter(Box<Filter>),
    /// `.length()` and the like; always the last segment.
    Function(Function, Vec<Argument>),
}

impl Segment {
    /// Whether the segment selects at most one node anywhere but at the end of a path.
    pub(super) fn is_definite(&self) -> bool {
        match self {
            Segment::Properties(names) => names.len() == 1,
            Segment::Indexes(indexes) => indexes.len() == 1,
            Segment::Function(..) => true,
            _ => false,
        }
    }

    /// Whether the segment counts as definite at the end of a path, where several properties
    /// become one object.
    pub(super) fn is_definite_at_end(&self) -> bool {
        matches!(self, Segment::Properties(_)) || self.is_definite()
    }
}

/// The functions Jayway knows.
#[derive(Clone, Copy)]
pub(super) enum Function {
    /// `length()`, also written `size()`.
    Length,
    Keys,
    First,
    Last,
    Index,
    Concat,
    Append,
    Aggregate(Aggregate),
}

/// The functions over the numbers of an array and of the arguments.
#[derive(Clone, Copy)]
pub(super) enum Aggregate {
    Min,
    Max,
    Avg,
    Stddev,
    Sum,
}

/// A function argument: JSON, or a path evaluated against the document.
pub(super) enum Argument {
    Json(Value),
    Path(JsonPath),
}

/// A filter expression, `[?(…)]`.
pub(super) enum Filter {
    Or(Vec<Filter>),
    And(Vec<Filter>),
    Not(Box<Filter>),
    /// `@.a`: the path selects something (checked against the item, even when it starts with `$`).
    Exists(JsonPath),
    /// `left op right`.
    Relation(Operand, Op, Operand),
}

/// Jayway's relational operators (`RelationalOperator`), written case-insensitively.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Op {
    /// `==`
    Equal,
    /// `!=`
    NotEqual,
    /// `===`: equal and of the same kind.
    TypedEqual,
    /// `!==`
    TypedNotEqual,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
    /// `=~`
    RegexMatch,
    In,
    NotIn,
    SubsetOf,
    AnyOf,
    NoneOf,
    Size,
    Empty,
    Contains,
    Exists,
    /// `ALL`, `TYPE` and `MATCHES` parse, but Jayway cannot evaluate them in a filter written as text.
    All,
    Type,
    Matches,
}

/// One side of a relation.
pub(super) enum Operand {
    Path(JsonPath, PathRoot),
    Literal(Literal),
    /// `/pattern/flags`
    Regex {
        pattern: String,
        flags: String,
    },
}

/// What a path in a filter starts from.
#[derive(Clone, Copy)]
pub(super) enum PathRoot {
    /// `$`
    Document,
    /// `@`
    Item,
}

/// A literal in a filter.
pub(super) enum Literal {
    Null,
    Bool(bool),
    Number(OwnedBigDecimal),
    String(String),
    /// `{…}` or `[…]`
    Json(Value),
}
