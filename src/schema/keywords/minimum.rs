//! `minimum` + `exclusiveMinimum` (fge `MinimumValidator`, digest `MinimumDigester`): integers
//! and numbers; exact comparison (fge uses `long` or `BigDecimal`). Messages
//! `err.common.minimum.tooSmall` (bound, instance) and, when equal and exclusive,
//! `err.common.minimum.notExclusive` (bound). The bound prints as fge's digest stores it (an
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

pub(crate) struct Minimum {
    bound: Bound,
    exclusive: bool,
    text: Box<str>,
}

impl Minimum {
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

impl Keyword for Minimum {
    fn name(&self) -> &'static str {
        "minimum"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        match self.order(v) {
            Ordering::Greater => true,
            Ordering::Equal => !self.exclusive,
            Ordering::Less => false,
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        if self.order(v) == Ordering::Less {
            let mut found = String::new();
            write_java(&mut found, v.number_text().unwrap_or(b"0"), false);
            messages::minimum(&self.text, &found)
        } else {
            messages::minimum_exclusive(&self.text)
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let exclusive = exclusive(cx, s, "exclusiveMinimum", "minimum")?;
    if let Some(n) = number(cx, s, "minimum")? {
        let bound = Bound::new(&n);
        let text = bound.java().into();
        out.push(entry(
            NUMERIC,
            Minimum {
                bound,
                exclusive,
                text,
            },
        ));
    }
    Ok(())
}
