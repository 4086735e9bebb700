//! `multipleOf` (fge `MultipleOfValidator` via `DivisorValidator`, digest `MultipleOfDigester`):
//! integers and numbers; exact decimal remainder (fge: `long %` or `BigDecimal.remainder`).
//! Message `err.common.divisor.nonZeroRemainder`: instance, then divisor (as `minimum` prints
//! them).

use super::{entry, Entry, Keyword};
use crate::schema::compile::{number, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::number::{write_java, Dec};
use crate::schema::validate::{Trail, NUMERIC};
use crate::schema::{messages, Schema};
use serde_json::{Number, Value};

pub(crate) struct MultipleOf {
    by: Number,
    dec: Dec,
    text: Box<str>,
}

impl Keyword for MultipleOf {
    fn name(&self) -> &'static str {
        "multipleOf"
    }
    fn check(&self, _: &Schema, v: &Value, _: &Trail) -> bool {
        let Value::Number(x) = v else { return true };
        if let (Some(a), Some(b)) = (x.as_i64(), self.by.as_i64()) {
            return a % b == 0;
        }
        Dec::of(x).is_multiple_of(self.dec)
    }
    fn message(&self, _: &Schema, v: &Value) -> String {
        let mut found = String::new();
        if let Value::Number(x) = v {
            write_java(&mut found, x, false);
        }
        messages::multiple_of(&found, &self.text)
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(by) = number(cx, s, "multipleOf")? else {
        return Ok(());
    };
    let dec = Dec::of(&by);
    if dec.neg || dec.mant == 0 {
        let v = &s.map["multipleOf"];
        return Err(cx.wrong(
            s,
            &["multipleOf"],
            "greater than 0 (a divisor such as 1 or 0.01)",
            v,
        ));
    }
    let mut text = String::new();
    write_java(&mut text, &by, true);
    out.push(entry(
        NUMERIC,
        MultipleOf {
            by,
            dec,
            text: text.into(),
        },
    ));
    Ok(())
}
