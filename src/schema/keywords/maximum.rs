//! `maximum` + `exclusiveMaximum` (fge `MaximumValidator`, digest `MaximumDigester`): integers
//! and numbers; exact comparison (fge uses `long` or `BigDecimal`). Messages
//! `err.common.maximum.tooLarge` (bound, instance) and, when equal and exclusive,
//! `err.common.maximum.notExclusive` (bound). The bound prints as fge's digest stores it (an
//! integral value that fits a `long` as an integer: `10.0` → `10`), the instance as Jackson
//! prints its node.

use super::{entry, Entry, Keyword};
use crate::schema::compile::{exclusive, number, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::instance::Val;
use crate::schema::number::{write_java, Bound, Decimal};
use crate::schema::validate::{Trail, NUMERIC};
use crate::schema::{messages, Schema};
use std::cmp::Ordering;

pub(crate) struct Maximum {
    bound: Bound,
    exclusive: bool,
    text: Box<str>,
}

impl Maximum {
    /// The instance compared with the bound.
    #[inline]
    fn order(&self, v: Val) -> Ordering {
        if let Some(o) = self.bound.int.and_then(|b| v.cmp_int(b)) {
            return o;
        }
        let text = v.number_text().unwrap_or(b"0");
        Decimal::parse(text).cmp(&self.bound.decimal())
    }
}

impl Keyword for Maximum {
    fn name(&self) -> &'static str {
        "maximum"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        match self.order(v) {
            Ordering::Less => true,
            Ordering::Equal => !self.exclusive,
            Ordering::Greater => false,
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        if self.order(v) == Ordering::Greater {
            let mut found = String::new();
            write_java(&mut found, v.number_text().unwrap_or(b"0"), false);
            messages::maximum(&self.text, &found)
        } else {
            messages::maximum_exclusive(&self.text)
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let exclusive = exclusive(cx, s, "exclusiveMaximum", "maximum")?;
    if let Some(n) = number(cx, s, "maximum")? {
        let bound = Bound::new(&n);
        let text = bound.java().into();
        out.push(entry(
            NUMERIC,
            Maximum {
                bound,
                exclusive,
                text,
            },
        ));
    }
    Ok(())
}
