//! `pattern` (fge `PatternValidator`): strings only; ECMA 262 regex *search* (Rhino's
//! `RegExp.test`, here `crate::regex` in `Dialect::EcmaScript`). Message
//! `err.common.pattern.noMatch`: the regex and the string, both raw. A regex that runs out of
//! its step budget (`MatchError::Budget`) counts as "no match".

use crate::regex::{Dialect, Regex};
use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::STRING;
use serde_json::Value;

pub(crate) struct Pattern {
    re: Regex,
    src: Box<str>,
}

impl Keyword for Pattern {
    fn name(&self) -> &'static str {
        "pattern"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        let Some(s) = v.as_str() else { return true };
        self.re.is_match(s).unwrap_or(false)
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        messages::pattern(&self.src, v.as_str().unwrap_or_default())
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(p) = s.map.get("pattern") else {
        return Ok(());
    };
    let Value::String(src) = p else {
        return Err(cx.wrong(
            s,
            &["pattern"],
            "a string holding an ECMA 262 regular expression",
            p,
        ));
    };
    let re = Regex::new(src, Dialect::EcmaScript).map_err(|e| {
        cx.err(s, &["pattern"], format!("\"{src}\" is not a valid ECMA 262 regular expression ({e}); fix the pattern (in JSON, a backslash is written \\\\)"))
    })?;
    out.push(entry(
        STRING,
        Pattern {
            re,
            src: src.as_str().into(),
        },
    ));
    Ok(())
}
