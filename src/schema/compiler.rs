//! What a keyword compiles with: the schema object at hand ([`Ctx`]), the [`Compiler`] that
//! turns subschemas into graph nodes (queued, compiled later by `compile.rs`) and reports
//! schema errors, and readers for the common kinds of keyword value.

use super::error::SchemaError;
use super::graph::Node;
use super::resolver::{push_token, Loc, Resolver};
use super::types::ANY;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The schema object being compiled.
pub(crate) struct Ctx<'a, 's> {
    pub map: &'a Map<String, Value>,
    pub doc: u32,
    pub ptr: &'s str,
    pub base: &'s str,
}

/// The state of one compilation: the resolver, the nodes so far, and the locations still to
/// compile.
pub(crate) struct Compiler<'a> {
    pub res: Resolver<'a>,
    pub nodes: Vec<Node>,
    /// `"doc ptr"` → node.
    at: HashMap<String, u32>,
    queue: Vec<(u32, Loc, Option<String>)>,
}

/// How a value reads in an error sentence ("the number -1", "an empty array", ...).
pub(crate) fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let mut m = String::from("the string ");
            crate::java::write_string(&mut m, s);
            m
        }
        Value::Array(a) if a.is_empty() => "an empty array".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

impl<'a> Compiler<'a> {
    /// A compilation with nothing compiled yet, resolving locations with `resolver`.
    pub fn new(resolver: Resolver<'a>) -> Self {
        Compiler {
            res: resolver,
            nodes: Vec::new(),
            at: HashMap::new(),
            queue: Vec::new(),
        }
    }

    /// The next location to compile: its node, and the resolution scope if known.
    pub fn next_location(&mut self) -> Option<(u32, Loc, Option<String>)> {
        self.queue.pop()
    }

    /// The node for a location, queued for compilation if new. `base`: the resolution scope
    /// when known (inline subschemas), else computed from the document (`$ref` targets).
    pub fn node(&mut self, loc: Loc, base: Option<String>) -> u32 {
        let key = format!("{} {}", loc.doc, loc.ptr);
        if let Some(&i) = self.at.get(&key) {
            return i;
        }
        let i = self.nodes.len() as u32;
        self.nodes.push(Node {
            target: i,
            ptr: self.res.display(loc.doc, &loc.ptr).into(),
            kws: Box::new([]),
            props: None,
            items: None,
            types: ANY,
        });
        self.at.insert(key, i);
        self.queue.push((i, loc, base));
        i
    }

    /// A subschema of `s` at `s.ptr` + `path`; `v` is its value, which must be an object.
    pub fn sub(&mut self, s: &Ctx, v: &Value, path: &[&str]) -> Result<u32, SchemaError> {
        if !v.is_object() {
            return Err(self.wrong(s, path, SCHEMA, v));
        }
        let mut ptr = s.ptr.to_string();
        for t in path {
            push_token(&mut ptr, t);
        }
        Ok(self.node(Loc { doc: s.doc, ptr }, Some(s.base.to_string())))
    }

    /// A non-empty array of schemas (`allOf`, `anyOf`, `oneOf`, tuple `items`).
    pub fn sub_array(&mut self, s: &Ctx, key: &str, v: &Value) -> Result<Box<[u32]>, SchemaError> {
        let a = match v {
            Value::Array(a) if !a.is_empty() => a,
            _ => return Err(self.wrong(s, &[key], "a non-empty array of schemas", v)),
        };
        let mut out = Vec::with_capacity(a.len());
        for (i, e) in a.iter().enumerate() {
            out.push(self.sub(s, e, &[key, &i.to_string()])?);
        }
        Ok(out.into())
    }

    /// The common schema error: `"<path>" must be <what>, but it is <v>`.
    pub fn wrong(&self, s: &Ctx, path: &[&str], what: &str, v: &Value) -> SchemaError {
        let mut m = String::from("\"");
        m.push_str(&path.join("/"));
        m.push_str("\" must be ");
        m.push_str(what);
        m.push_str(", but it is ");
        m.push_str(&found(v));
        self.err(s, path, m)
    }

    pub fn err(&self, s: &Ctx, path: &[&str], message: String) -> SchemaError {
        let mut ptr = s.ptr.to_string();
        for t in path {
            push_token(&mut ptr, t);
        }
        SchemaError::new(self.res.display(s.doc, &ptr), message)
    }
}

/// What a schema is, for error sentences.
pub(crate) const SCHEMA: &str = "a schema (a JSON object, such as {} or {\"type\": \"string\"})";
pub(crate) const SCHEMA_MAP: &str = "an object whose members are schemas";

/// A non-negative integer keyword value (`minLength`, `maxItems`, ...); fge keeps it in a Java
/// `int`.
pub(crate) fn count(cx: &Compiler, s: &Ctx, key: &str) -> Result<Option<u64>, SchemaError> {
    let Some(v) = s.map.get(key) else {
        return Ok(None);
    };
    match v.as_u64() {
        Some(n) if n <= i32::MAX as u64 => Ok(Some(n)),
        _ => Err(cx.wrong(s, &[key], "a non-negative integer written without a decimal point, at most 2147483647 (fge keeps it in a Java int)", v)),
    }
}

/// A number keyword value (`minimum`, `maximum`, `multipleOf`).
pub(crate) fn number(
    cx: &Compiler,
    s: &Ctx,
    key: &str,
) -> Result<Option<serde_json::Number>, SchemaError> {
    match s.map.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) => Ok(Some(n.clone())),
        Some(v) => Err(cx.wrong(s, &[key], "a number (a JSON number, without quotes)", v)),
    }
}

/// `exclusiveMinimum` / `exclusiveMaximum`: a boolean, only next to its bound.
pub(crate) fn exclusive(
    cx: &Compiler,
    s: &Ctx,
    key: &str,
    bound: &str,
) -> Result<bool, SchemaError> {
    match s.map.get(key) {
        None => Ok(false),
        Some(Value::Bool(b)) if s.map.contains_key(bound) => Ok(*b),
        Some(Value::Bool(_)) => Err(cx.err(s, &[key], format!("\"{key}\" needs \"{bound}\" in the same schema (draft-04 dependency); add \"{bound}\" or remove \"{key}\""))),
        Some(v) => Err(cx.wrong(s, &[key], "true or false", v)),
    }
}
