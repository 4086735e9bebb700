//! `minimum` + `exclusiveMinimum` and `maximum` + `exclusiveMaximum` (fge `MinimumValidator` /
//! `MaximumValidator`, digests `MinimumDigester` / `MaximumDigester`): integers and numbers;
//! exact comparison (fge uses `long` or `BigDecimal`). Messages `err.common.minimum.tooSmall`
//! / `err.common.maximum.tooLarge` (bound, instance) and, when equal and exclusive,
//! `err.common.{minimum,maximum}.notExclusive` (bound). The bound prints as fge's digest
//! stores it (an integral value that fits a `long` as an integer: `10.0` → `10`), the
//! instance as Jackson prints its node.

use super::bound::Bound;
use crate::schema::compiler::{exclusive, number, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::number::{write_java, BigDecimal, KeywordNumber, NumberOrigin};
use crate::schema::report::Trail;
use crate::schema::types::NUMERIC;
use std::cmp::Ordering;

pub(crate) struct Limit {
    value: KeywordNumber,
    exclusive: bool,
    text: Box<str>,
    bound: Bound,
}

impl Limit {
    /// The instance compared with the bound.
    #[inline]
    fn order(&self, v: Val) -> Ordering {
        if let Some(o) = self.value.int.and_then(|b| v.cmp_int(b)) {
            return o;
        }
        let text = v.number_text().unwrap_or(b"0");
        BigDecimal::from_json_text(text).cmp(&self.value.decimal())
    }

    /// Which side of the bound fails: above it for `maximum`, below it for `minimum`.
    fn beyond(&self) -> Ordering {
        self.bound.pick(Ordering::Less, Ordering::Greater)
    }
}

impl Keyword for Limit {
    fn name(&self) -> &'static str {
        self.bound.pick("minimum", "maximum")
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        match self.order(v) {
            Ordering::Equal => !self.exclusive,
            o => o != self.beyond(),
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        match (self.order(v) == self.beyond(), self.bound) {
            (true, bound) => {
                let mut found = String::new();
                write_java(
                    &mut found,
                    v.number_text().unwrap_or(b"0"),
                    NumberOrigin::Instance,
                );
                match bound {
                    Bound::Min => messages::minimum(&self.text, &found),
                    Bound::Max => messages::maximum(&self.text, &found),
                }
            }
            (false, Bound::Min) => messages::minimum_exclusive(&self.text),
            (false, Bound::Max) => messages::maximum_exclusive(&self.text),
        }
    }
}

/// Compiles `minimum` or `maximum`, with its boolean exclusive.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    bound: Bound,
) -> Result<(), SchemaError> {
    let name = bound.pick("minimum", "maximum");
    let exclusive_name = bound.pick("exclusiveMinimum", "exclusiveMaximum");
    let exclusive = exclusive(cx, s, exclusive_name, name)?;
    if let Some(n) = number(cx, s, name)? {
        let value = KeywordNumber::new(&n);
        let text = value.java().into();
        out.push(entry(
            NUMERIC,
            Limit {
                value,
                exclusive,
                text,
                bound,
            },
        ));
    }
    Ok(())
}
