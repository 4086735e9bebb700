//! `enum` (fge `EnumValidator`): applies to every instance; equality is fge's `JsonNumEquals`
//! (numbers by value, `1 == 1.0`; `0 != false`). Message `err.common.enum.notInEnum`: the
//! instance and the `enum` array as Jackson prints them (compact JSON, schema order).

use super::unique_items::equal;
use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::{Doc, Parsed, Parts, Val};
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::ANY;
use serde_json::Value;

/// The `enum` array, read like an instance (so values compare as instances do).
pub(crate) struct Enum {
    json: Box<str>,
    parts: Parts,
    /// The node of each value.
    values: Box<[u32]>,
    /// The array as Jackson prints it.
    text: Box<str>,
}

impl Enum {
    fn doc(&self) -> Doc<'_> {
        self.parts.doc(&self.json)
    }
}

impl Keyword for Enum {
    fn name(&self) -> &'static str {
        "enum"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        let doc = self.doc();
        self.values.iter().any(|&i| equal(doc.at(i), v))
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        messages::enum_(&messages::json(v), &self.text)
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(e) = s.map.get("enum") else {
        return Ok(());
    };
    if !matches!(e, Value::Array(a) if !a.is_empty()) {
        return Err(cx.wrong(s, &["enum"], "a non-empty array of the allowed values", e));
    }
    let json: Box<str> = serde_json::to_string(e).unwrap_or_default().into();
    let Ok(parsed) = Parsed::new(&json, usize::MAX) else {
        return Err(cx.wrong(s, &["enum"], "a non-empty array of the allowed values", e));
    };
    let parts = parsed.into_parts();
    let doc = parts.doc(&json);
    let root = doc.at(0);
    let values: Vec<Val> = root.elements().collect();
    for (i, x) in values.iter().enumerate() {
        if values[..i].iter().any(|y| equal(*x, *y)) {
            return Err(cx.err(
                s,
                &["enum", &i.to_string()],
                format!(
                    "\"enum\" values must be unique, but {} is listed twice; remove the repeat",
                    messages::json(*x)
                ),
            ));
        }
    }
    let text = messages::json(root).into();
    let values = values.iter().map(|v| v.index()).collect();
    out.push(entry(
        ANY,
        Enum {
            json,
            parts,
            values,
            text,
        },
    ));
    Ok(())
}
