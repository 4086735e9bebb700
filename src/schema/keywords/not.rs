//! `not` (fge draft-v4 `NotValidator`): every instance type; `err.draftv4.not.fail` when the
//! subschema matches.

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::ANY;

pub(crate) struct Not(u32);

impl Keyword for Not {
    fn name(&self) -> &'static str {
        "not"
    }
    fn check(&self, s: &Schema, v: Val, t: &Trail) -> bool {
        !s.valid_at(self.0, v, t)
    }
    fn message(&self, _: &Schema, _: Val) -> String {
        messages::NOT.to_string()
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    if let Some(n) = s.map.get("not") {
        out.push(entry(ANY, Not(cx.sub(s, n, &["not"])?)));
    }
    Ok(())
}
