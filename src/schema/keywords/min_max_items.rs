//! `minItems` / `maxItems` (fge `MinItemsValidator` / `MaxItemsValidator`): arrays only.
//! Messages `err.common.minItems.arrayTooShort` / `err.common.maxItems.arrayTooLarge`: the
//! limit, then the array size.

use super::bound::Bound;
use crate::schema::compiler::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::ARRAY;

pub(crate) struct ItemCount {
    limit: u64,
    bound: Bound,
}

impl Keyword for ItemCount {
    fn name(&self) -> &'static str {
        self.bound.pick("minItems", "maxItems")
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        self.bound.allows(v.len() as u64, self.limit)
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        match self.bound {
            Bound::Min => messages::min_items(self.limit, v.len()),
            Bound::Max => messages::max_items(self.limit, v.len()),
        }
    }
}

/// Compiles `minItems` or `maxItems`.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    bound: Bound,
) -> Result<(), SchemaError> {
    if let Some(limit) = count(cx, s, bound.pick("minItems", "maxItems"))? {
        out.push(entry(ARRAY, ItemCount { limit, bound }));
    }
    Ok(())
}
