//! `minLength` / `maxLength` (fge `MinLengthValidator` / `MaxLengthValidator`): strings only;
//! the length is in code points (`String.codePointCount`). Messages `err.common.minLength
//! .tooShort` / `err.common.maxLength.tooLong`: the string raw (not escaped) inside the
//! template's quotes, its length, the limit.

use super::bound::Bound;
use crate::schema::compiler::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::STRING;

pub(crate) struct Length {
    limit: u64,
    bound: Bound,
}

impl Keyword for Length {
    fn name(&self) -> &'static str {
        self.bound.pick("minLength", "maxLength")
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        self.bound.allows(v.char_count() as u64, self.limit)
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let s = v.as_str().unwrap_or_default();
        let n = v.char_count();
        match self.bound {
            Bound::Min => messages::min_length(s, n, self.limit),
            Bound::Max => messages::max_length(s, n, self.limit),
        }
    }
}

/// Compiles `minLength` or `maxLength`.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    bound: Bound,
) -> Result<(), SchemaError> {
    if let Some(limit) = count(cx, s, bound.pick("minLength", "maxLength"))? {
        out.push(entry(STRING, Length { limit, bound }));
    }
    Ok(())
}
