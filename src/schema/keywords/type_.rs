//! `type` (fge `DraftV4TypeValidator`, digest `DraftV4TypeDigester`): applies to every
//! instance. Message `err.common.typeNoMatch`: found = the instance's `NodeType` name, allowed =
//! the allowed types as a JSON array in `NodeType` order (array, boolean, integer, null, number,
//! object, string); `"number"` also allows and lists `"integer"`.

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::{self as v, type_name};
use serde_json::Value;

const NAMES: [(&str, u8); 7] = [
    ("array", v::ARRAY),
    ("boolean", v::BOOLEAN),
    ("integer", v::INTEGER),
    ("null", v::NULL),
    ("number", v::NUMBER),
    ("object", v::OBJECT),
    ("string", v::STRING),
];

pub(crate) struct Type {
    mask: u8,
    allowed: Box<str>,
}

impl Keyword for Type {
    fn name(&self) -> &'static str {
        "type"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        self.mask & v.ty() != 0
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        messages::type_(type_name(v.ty()), &self.allowed)
    }
}

/// Compiles `type`; returns the allowed types (`ANY` without `type`), which
/// `Schema::valid_at` checks itself (the entry is only for the report).
pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<u8, SchemaError> {
    let Some(t) = s.map.get("type") else {
        return Ok(v::ANY);
    };
    const WHAT: &str = "one of \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\" (or a non-empty array of them without repeats)";
    let one = |cx: &Compiler, path: &[&str], t: &Value| -> Result<u8, SchemaError> {
        match NAMES.iter().find(|(n, _)| t.as_str() == Some(n)) {
            Some((_, b)) => Ok(*b),
            None => Err(cx.wrong(s, path, WHAT, t)),
        }
    };
    let mut mask = 0;
    match t {
        Value::Array(a) => {
            if a.is_empty() {
                return Err(cx.wrong(s, &["type"], WHAT, t));
            }
            for (i, e) in a.iter().enumerate() {
                let b = one(cx, &["type", &i.to_string()], e)?;
                if mask & b != 0 {
                    return Err(cx.wrong(
                        s,
                        &["type", &i.to_string()],
                        "listed only once (remove the repeat)",
                        e,
                    ));
                }
                mask |= b;
            }
        }
        t => mask = one(cx, &["type"], t)?,
    }
    if mask & v::NUMBER != 0 {
        mask |= v::INTEGER;
    }
    let allowed =
        messages::string_array(NAMES.iter().filter(|(_, b)| mask & b != 0).map(|(n, _)| *n));
    let mut e = entry(
        v::ANY,
        Type {
            mask,
            allowed: allowed.into(),
        },
    );
    e.fast = false;
    out.push(e);
    Ok(mask)
}
