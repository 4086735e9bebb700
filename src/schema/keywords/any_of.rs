//! `anyOf` (fge draft-v4 `AnyOfValidator`): every instance type. One error when no subschema
//! matches, `err.common.schema.noMatch` (number of subschemas); the subschemas' errors are only
//! attached to it (`reports`), not listed.

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::ANY;

pub(crate) struct AnyOf(Box<[u32]>);

impl Keyword for AnyOf {
    fn name(&self) -> &'static str {
        "anyOf"
    }
    fn check(&self, s: &Schema, v: Val, t: &Trail) -> bool {
        self.0.iter().any(|&n| s.valid_at(n, v, t))
    }
    fn message(&self, _: &Schema, _: Val) -> String {
        messages::any_of(self.0.len())
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    if let Some(a) = s.map.get("anyOf") {
        out.push(entry(ANY, AnyOf(cx.sub_array(s, "anyOf", a)?)));
    }
    Ok(())
}
