//! `enum` (fge `EnumValidator`): applies to every instance; equality is fge's `JsonNumEquals`
//! (numbers by value, `1 == 1.0`; `0 != false`). Message `err.common.enum.notInEnum`: the
//! instance and the `enum` array as Jackson prints them (compact JSON, schema order).

use super::unique_items::equal;
use super::{entry, Entry, Keyword};
use crate::schema::compile::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::validate::{Trail, ANY};
use crate::schema::{messages, Schema};
use serde_json::Value;

pub(crate) struct Enum {
    values: Box<[Value]>,
    text: Box<str>,
}

impl Keyword for Enum {
    fn name(&self) -> &'static str {
        "enum"
    }
    fn check(&self, _: &Schema, v: &Value, _: &Trail) -> bool {
        self.values.iter().any(|e| equal(e, v))
    }
    fn message(&self, _: &Schema, v: &Value) -> String {
        messages::enum_(&messages::json(v), &self.text)
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(e) = s.map.get("enum") else {
        return Ok(());
    };
    let a = match e {
        Value::Array(a) if !a.is_empty() => a,
        _ => {
            return Err(cx.wrong(s, &["enum"], "a non-empty array of the allowed values", e));
        }
    };
    for (i, x) in a.iter().enumerate() {
        if a[..i].iter().any(|y| equal(x, y)) {
            return Err(cx.err(
                s,
                &["enum", &i.to_string()],
                format!(
                    "\"enum\" values must be unique, but {} is listed twice; remove the repeat",
                    messages::json(x)
                ),
            ));
        }
    }
    out.push(entry(
        ANY,
        Enum {
            text: messages::json(e).into(),
            values: a.clone().into(),
        },
    ));
    Ok(())
}
