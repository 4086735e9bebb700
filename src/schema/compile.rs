//! Schema → validator graph. Every schema location becomes one [`Node`] (deduplicated by
//! location, so recursive schemas are finite graphs); a `$ref` node forwards to its target.
//! Locations are compiled from a work queue, so long `$ref` chains do not deepen the stack.
//! Syntax is checked keyword by keyword as fge's syntax checkers do (draft-04 metaschema
//! rules), with an error that names the keyword, what is wrong and how to fix it.

use super::error::SchemaError;
use super::keywords::{self, Entry, Items, Props};
use super::resolver::{push_token, Loc, Resolver};
use super::Documents;
use serde_json::{Map, Value};
use std::collections::HashMap;

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

/// The schema object being compiled.
pub(crate) struct Ctx<'a, 's> {
    pub map: &'a Map<String, Value>,
    pub doc: u32,
    pub ptr: &'s str,
    pub base: &'s str,
}

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
            super::messages::write_quoted(&mut m, s);
            m
        }
        Value::Array(a) if a.is_empty() => "an empty array".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

impl<'a> Compiler<'a> {
    /// Compiles the schema and everything it refers to; returns the nodes and the root.
    pub fn run(
        root: &'a Value,
        base_uri: &str,
        docs: &'a Documents,
    ) -> Result<(Box<[Node]>, u32), SchemaError> {
        let mut cx = Compiler {
            res: Resolver::new(root, base_uri, docs),
            nodes: Vec::new(),
            at: HashMap::new(),
            queue: Vec::new(),
        };
        let root = cx.node(
            Loc {
                doc: 0,
                ptr: String::new(),
            },
            None,
        );
        while let Some((idx, loc, base)) = cx.queue.pop() {
            let base = base.unwrap_or_else(|| cx.res.base_at(&loc));
            cx.compile_node(idx, &loc, &base)?;
        }
        cx.link()?;
        let root = cx.nodes[root as usize].target;
        Ok((cx.nodes.into(), root))
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
            types: super::types::ANY,
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

    fn compile_node(&mut self, idx: u32, loc: &Loc, base: &str) -> Result<(), SchemaError> {
        let display = |cx: &Self| cx.res.display(loc.doc, &loc.ptr);
        let Some(v) = self.res.value(loc) else {
            return Err(SchemaError::new(
                display(self),
                "the schema location does not exist",
            ));
        };
        let Value::Object(map) = v else {
            let mut m = String::from("a schema must be a JSON object, such as {} or {\"type\": \"string\"}, but this is ");
            m.push_str(&found(v));
            return Err(SchemaError::new(display(self), m));
        };
        let mut s = Ctx {
            map,
            doc: loc.doc,
            ptr: &loc.ptr,
            base,
        };
        if let Some(target) = keywords::ref_::compile(self, &s)? {
            self.nodes[idx as usize].target = target;
            return Ok(());
        }
        let scope;
        match map.get("id") {
            Some(Value::String(id)) => {
                scope = super::resolver::resolve(base, id);
                s.base = &scope;
            }
            Some(other) => {
                return Err(self.wrong(&s, &["id"], "a string (a URI reference)", other))
            }
            None => {}
        }
        for key in ["$schema", "title", "description"] {
            if let Some(v) = map.get(key) {
                if !v.is_string() {
                    return Err(self.wrong(&s, &[key], "a string", v));
                }
            }
        }
        if let Some(d) = map.get("definitions") {
            let Value::Object(defs) = d else {
                return Err(self.wrong(&s, &["definitions"], SCHEMA_MAP, d));
            };
            for (name, def) in defs {
                self.sub(&s, def, &["definitions", name])?;
            }
        }
        let c = keywords::compile(self, &s)?;
        let node = &mut self.nodes[idx as usize];
        node.kws = c.kws.into();
        node.props = c.props;
        node.items = c.items;
        node.types = c.types;
        Ok(())
    }

    /// Points every `$ref` node at the end of its chain; a chain that comes back to itself
    /// without reaching a real schema is an error (fge: "JSON Reference loop").
    fn link(&mut self) -> Result<(), SchemaError> {
        let n = self.nodes.len();
        for i in 0..n {
            let (mut t, mut steps) = (i, 0);
            while self.nodes[t].target as usize != t {
                t = self.nodes[t].target as usize;
                steps += 1;
                if steps > n {
                    return Err(SchemaError::new(
                        self.nodes[i].ptr.to_string(),
                        "\"$ref\" loop: following the references comes back here without reaching a schema; make one of them point to a schema with keywords",
                    ));
                }
            }
            self.nodes[i].target = t as u32;
        }
        Ok(())
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
