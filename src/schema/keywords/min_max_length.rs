//! `minLength` / `maxLength` (fge `MinLengthValidator` / `MaxLengthValidator`): strings only;
//! the length is in code points (`String.codePointCount`). Messages `err.common.minLength
//! .tooShort` / `err.common.maxLength.tooLong`: the string raw (not escaped) inside the
//! template's quotes, its length, the limit.

use crate::schema::compiler::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::Schema;
use crate::schema::graph::{entry, Entry, Keyword};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::STRING;

pub(crate) struct Length {
    limit: u64,
    max: bool,
}

impl Keyword for Length {
    fn name(&self) -> &'static str {
        if self.max {
            "maxLength"
        } else {
            "minLength"
        }
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        let n = v.char_count() as u64;
        if self.max {
            n <= self.limit
        } else {
            n >= self.limit
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let s = v.as_str().unwrap_or_default();
        let n = v.char_count();
        if self.max {
            messages::max_length(s, n, self.limit)
        } else {
            messages::min_length(s, n, self.limit)
        }
    }
}

/// Compiles `maxLength` (`max`) or `minLength`.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    max: bool,
) -> Result<(), SchemaError> {
    if let Some(limit) = count(cx, s, if max { "maxLength" } else { "minLength" })? {
        out.push(entry(STRING, Length { limit, max }));
    }
    Ok(())
}
