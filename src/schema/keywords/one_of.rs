//! `oneOf` (fge draft-v4 `OneOfValidator`): every instance type. One error when the number of
//! matching subschemas is not exactly one, `err.draftv4.oneOf.fail` (matched, total); the
//! subschemas' errors are only attached to it, not listed.

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::{Report, Trail};
use crate::schema::types::ANY;

pub(crate) struct OneOf(Box<[u32]>);

impl Keyword for OneOf {
    fn name(&self) -> &'static str {
        "oneOf"
    }
    fn check(&self, s: &Schema, v: Val, t: &Trail) -> bool {
        let mut matched = 0;
        for &n in self.0.iter() {
            if s.valid_at(n, v, t) {
                matched += 1;
                if matched > 1 {
                    return false;
                }
            }
        }
        matched == 1
    }
    fn report<'v>(&self, s: &Schema, v: Val<'v>, t: &Trail, at: &str, out: &mut Report<'v>) {
        let matched = self.0.iter().filter(|&&n| s.valid_at(n, v, t)).count();
        if matched != 1 {
            out.push(at, "oneOf", messages::one_of(matched, self.0.len()));
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    if let Some(a) = s.map.get("oneOf") {
        out.push(entry(ANY, OneOf(cx.sub_array(s, "oneOf", a)?)));
    }
    Ok(())
}
