//! Schema → validator graph (`graph.rs`). Every schema location becomes one node, compiled
//! from a work queue, so long `$ref` chains do not deepen the stack; the keywords of each are
//! compiled by `keywords/`. Syntax is checked keyword by keyword as fge's syntax checkers do
//! (draft-04 metaschema rules), with an error that names the keyword, what is wrong and how to
//! fix it.

use super::compiler::{found, Compiler, Ctx, SCHEMA_MAP};
use super::error::SchemaError;
use super::graph::Node;
use super::keywords;
use super::resolver::{resolve, Documents, Loc, Resolver};
use serde_json::Value;

/// Compiles the schema and everything it refers to; returns the nodes and the root.
pub(crate) fn compile(
    root: &Value,
    base_uri: &str,
    docs: &Documents,
) -> Result<(Box<[Node]>, u32), SchemaError> {
    let mut cx = Compiler::new(Resolver::new(root, base_uri, docs));
    let root = cx.node(
        Loc {
            doc: 0,
            ptr: String::new(),
        },
        None,
    );
    while let Some((idx, loc, base)) = cx.next_location() {
        let base = base.unwrap_or_else(|| cx.res.base_at(&loc));
        compile_node(&mut cx, idx, &loc, &base)?;
    }
    link(&mut cx.nodes)?;
    let root = cx.nodes[root as usize].target;
    Ok((cx.nodes.into(), root))
}

fn compile_node(cx: &mut Compiler, idx: u32, loc: &Loc, base: &str) -> Result<(), SchemaError> {
    let display = |cx: &Compiler| cx.res.display(loc.doc, &loc.ptr);
    let Some(v) = cx.res.value(loc) else {
        return Err(SchemaError::new(
            display(cx),
            "the schema location does not exist",
        ));
    };
    let Value::Object(map) = v else {
        let mut m = String::from(
            "a schema must be a JSON object, such as {} or {\"type\": \"string\"}, but this is ",
        );
        m.push_str(&found(v));
        return Err(SchemaError::new(display(cx), m));
    };
    let mut s = Ctx {
        map,
        doc: loc.doc,
        ptr: &loc.ptr,
        base,
    };
    if let Some(target) = keywords::ref_::compile(cx, &s)? {
        cx.nodes[idx as usize].target = target;
        return Ok(());
    }
    let scope;
    match map.get("id") {
        Some(Value::String(id)) => {
            scope = resolve(base, id);
            s.base = &scope;
        }
        Some(other) => return Err(cx.wrong(&s, &["id"], "a string (a URI reference)", other)),
        None => {}
    }
    for key in ["$schema", "title", "description"] {
        if let Some(v) = map.get(key) {
            if !v.is_string() {
                return Err(cx.wrong(&s, &[key], "a string", v));
            }
        }
    }
    if let Some(d) = map.get("definitions") {
        let Value::Object(defs) = d else {
            return Err(cx.wrong(&s, &["definitions"], SCHEMA_MAP, d));
        };
        for (name, def) in defs {
            cx.sub(&s, def, &["definitions", name])?;
        }
    }
    let c = keywords::compile(cx, &s)?;
    let node = &mut cx.nodes[idx as usize];
    node.kws = c.kws.into();
    node.props = c.props;
    node.items = c.items;
    node.types = c.types;
    Ok(())
}

/// Points every `$ref` node at the end of its chain; a chain that comes back to itself
/// without reaching a real schema is an error (fge: "JSON Reference loop").
fn link(nodes: &mut [Node]) -> Result<(), SchemaError> {
    let n = nodes.len();
    for i in 0..n {
        let (mut t, mut steps) = (i, 0);
        while nodes[t].target as usize != t {
            t = nodes[t].target as usize;
            steps += 1;
            if steps > n {
                return Err(SchemaError::new(
                    nodes[i].ptr.to_string(),
                    "\"$ref\" loop: following the references comes back here without reaching a schema; make one of them point to a schema with keywords",
                ));
            }
        }
        nodes[i].target = t as u32;
    }
    Ok(())
}
