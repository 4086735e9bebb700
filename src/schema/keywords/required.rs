//! `required` (fge `RequiredKeywordValidator`, digest `RequiredDigester`): objects only. The
//! digester sorts the names (`String.compareTo`) and the validator keeps them in a set, so the
//! missing names are reported sorted and without repeats, as a JSON array (`err.common.object
//! .missingMembers`).

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::{name_hash, Val};
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::selectors::Props;
use crate::schema::types::OBJECT;
use serde_json::Value;

pub(crate) struct Required {
    names: Box<[Box<str>]>,
    hashes: Box<[u32]>,
}

impl Keyword for Required {
    fn name(&self) -> &'static str {
        "required"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        (self.names.iter().zip(self.hashes.iter())).all(|(n, h)| v.has_hashed(n.as_bytes(), *h))
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let missing = self.names.iter().filter(|n| !v.has(n));
        messages::required(&messages::string_array(missing.map(|n| &**n)))
    }
}

/// Checks a non-empty array of unique strings (`required`, property dependencies).
pub(crate) fn names(
    cx: &Compiler,
    s: &Ctx,
    path: &[&str],
    v: &Value,
) -> Result<Vec<Box<str>>, SchemaError> {
    let a = match v {
        Value::Array(a) if !a.is_empty() => a,
        _ => {
            return Err(cx.wrong(s, path, "a non-empty array of property names (draft-04 does not allow []; remove the keyword instead)", v));
        }
    };
    let mut out: Vec<Box<str>> = Vec::with_capacity(a.len());
    for (i, e) in a.iter().enumerate() {
        let mut p = path.to_vec();
        let idx = i.to_string();
        p.push(&idx);
        let Value::String(n) = e else {
            return Err(cx.wrong(s, &p, "a property name (a string)", e));
        };
        if out.iter().any(|o| **o == **n) {
            return Err(cx.wrong(s, &p, "listed only once (names must be unique)", e));
        }
        out.push(n.as_str().into());
    }
    Ok(out)
}

/// The names in Java `String` order.
pub(crate) fn sorted(names: &[Box<str>]) -> Box<[Box<str>]> {
    let mut v: Vec<&str> = names.iter().map(|n| &**n).collect();
    messages::sort_names(&mut v, crate::java::compare);
    v.into_iter().map(Box::from).collect()
}

/// Compiles `required`; when all the names are `properties` of the same schema (`props`),
/// `Schema::valid_at` checks them while visiting the members instead.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    props: Option<&mut Props>,
) -> Result<(), SchemaError> {
    let Some(r) = s.map.get("required") else {
        return Ok(());
    };
    let names = sorted(&names(cx, s, &["required"], r)?);
    let fused = props.is_some_and(|p| p.take_required(&names));
    let mut e = entry(
        OBJECT,
        Required {
            hashes: names.iter().map(|n| name_hash(n.as_bytes())).collect(),
            names,
        },
    );
    e.fast = !fused;
    out.push(e);
    Ok(())
}
