//! `multipleOf` (fge `MultipleOfValidator` via `DivisorValidator`, digest `MultipleOfDigester`):
//! integers and numbers; exact decimal remainder (fge: `long %` or `BigDecimal.remainder`).
//! Message `err.common.divisor.nonZeroRemainder`: instance, then divisor (as `minimum` prints
//! them).

use crate::schema::compiler::{number, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::number::{write_java, BigDecimal, KeywordNumber, NumberOrigin};
use crate::schema::report::Trail;
use crate::schema::types::NUMERIC;

pub(crate) struct MultipleOf {
    by: KeywordNumber,
    text: Box<str>,
}

impl Keyword for MultipleOf {
    fn name(&self) -> &'static str {
        "multipleOf"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        if let (Some(a), Some(b)) = (v.as_i64(), self.by.int) {
            return a % b == 0;
        }
        BigDecimal::from_json_text(v.number_text().unwrap_or(b"0"))
            .is_multiple_of(&self.by.decimal())
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let mut found = String::new();
        write_java(
            &mut found,
            v.number_text().unwrap_or(b"0"),
            NumberOrigin::Instance,
        );
        messages::multiple_of(&found, &self.text)
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(by) = number(cx, s, "multipleOf")? else {
        return Ok(());
    };
    let by = KeywordNumber::new(&by);
    if by.decimal() <= BigDecimal::from_json_text(b"0") {
        let v = &s.map["multipleOf"];
        return Err(cx.wrong(
            s,
            &["multipleOf"],
            "greater than 0 (a divisor such as 1 or 0.01)",
            v,
        ));
    }
    let text = by.java().into();
    out.push(entry(NUMERIC, MultipleOf { by, text }));
    Ok(())
}
