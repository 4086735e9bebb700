//! `allOf` (fge draft-v4 `AllOfValidator`): every instance type. fge validates each subschema
//! into its own report and adds one error, `err.draftv4.allOf.fail` (matched count, total);
//! the subschemas' own errors are only attached to that message (`reports`), not listed.

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::{Report, Trail};
use crate::schema::types::ANY;

pub(crate) struct AllOf(Box<[u32]>);

impl Keyword for AllOf {
    fn name(&self) -> &'static str {
        "allOf"
    }
    fn check(&self, s: &Schema, v: Val, t: &Trail) -> bool {
        self.0.iter().all(|&n| s.valid_at(n, v, t))
    }
    fn report<'v>(&self, s: &Schema, v: Val<'v>, t: &Trail, at: &str, out: &mut Report<'v>) {
        let matched = self.0.iter().filter(|&&n| s.valid_at(n, v, t)).count();
        if matched != self.0.len() {
            out.push(at, "allOf", messages::all_of(matched, self.0.len()));
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    if let Some(a) = s.map.get("allOf") {
        out.push(entry(ANY, AllOf(cx.sub_array(s, "allOf", a)?)));
    }
    Ok(())
}
