//! `maximum` + `exclusiveMaximum` (fge `MaximumValidator`, digest `MaximumDigester`): integers
//! and numbers; exact comparison (fge uses `long` or `BigDecimal`). Messages
//! `err.common.maximum.tooLarge` (bound, instance) and, when equal and exclusive,
//! `err.common.maximum.notExclusive` (bound). The bound prints as fge's digest stores it (an
//! integral value that fits a `long` as an integer: `10.0` → `10`), the instance as Jackson
//! prints its node.

use super::{entry, Entry, Keyword};
use crate::schema::compile::{exclusive, number, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::number::{cmp, write_java};
use crate::schema::validate::{Trail, NUMERIC};
use crate::schema::{messages, Schema};
use serde_json::{Number, Value};
use std::cmp::Ordering;

pub(crate) struct Maximum {
    n: Number,
    exclusive: bool,
    text: Box<str>,
}

impl Keyword for Maximum {
    fn name(&self) -> &'static str {
        "maximum"
    }
    fn check(&self, _: &Schema, v: &Value, _: &Trail) -> bool {
        let Value::Number(x) = v else { return true };
        match cmp(x, &self.n) {
            Ordering::Less => true,
            Ordering::Equal => !self.exclusive,
            Ordering::Greater => false,
        }
    }
    fn message(&self, _: &Schema, v: &Value) -> String {
        let Value::Number(x) = v else {
            return String::new();
        };
        if cmp(x, &self.n) == Ordering::Greater {
            let mut found = String::new();
            write_java(&mut found, x, false);
            messages::maximum(&self.text, &found)
        } else {
            messages::maximum_exclusive(&self.text)
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let exclusive = exclusive(cx, s, "exclusiveMaximum", "maximum")?;
    if let Some(n) = number(cx, s, "maximum")? {
        let mut text = String::new();
        write_java(&mut text, &n, true);
        out.push(entry(
            NUMERIC,
            Maximum {
                n,
                exclusive,
                text: text.into(),
            },
        ));
    }
    Ok(())
}
