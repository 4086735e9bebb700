//! `minLength` / `maxLength` (fge `MinLengthValidator` / `MaxLengthValidator`): strings only;
//! the length is in code points (`String.codePointCount`). Messages `err.common.minLength
//! .tooShort` / `err.common.maxLength.tooLong`: the string raw (not escaped) inside the
//! template's quotes, its length, the limit.

use super::{entry, Entry, Keyword};
use crate::schema::compile::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::validate::{Trail, STRING};
use crate::schema::{messages, Schema};
use serde_json::Value;

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
    fn check(&self, _: &Schema, v: &Value, _: &Trail) -> bool {
        let Value::String(s) = v else { return true };
        // The byte length bounds the code point count from above; count no further than needed.
        let limit = self.limit as usize;
        if self.max {
            s.len() <= limit || s.chars().take(limit + 1).count() <= limit
        } else {
            s.len() >= limit && s.chars().take(limit).count() >= limit
        }
    }
    fn message(&self, _: &Schema, v: &Value) -> String {
        let s = v.as_str().unwrap_or_default();
        let n = s.chars().count();
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
