//! `minItems` / `maxItems` (fge `MinItemsValidator` / `MaxItemsValidator`): arrays only.
//! Messages `err.common.minItems.arrayTooShort` / `err.common.maxItems.arrayTooLarge`: the
//! limit, then the array size.

use crate::schema::compiler::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::Schema;
use crate::schema::graph::{entry, Entry, Keyword};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::ARRAY;

pub(crate) struct ItemCount {
    limit: u64,
    max: bool,
}

impl Keyword for ItemCount {
    fn name(&self) -> &'static str {
        if self.max {
            "maxItems"
        } else {
            "minItems"
        }
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        let n = v.len() as u64;
        if self.max {
            n <= self.limit
        } else {
            n >= self.limit
        }
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        if self.max {
            messages::max_items(self.limit, v.len())
        } else {
            messages::min_items(self.limit, v.len())
        }
    }
}

/// Compiles `maxItems` (`max`) or `minItems`.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    max: bool,
) -> Result<(), SchemaError> {
    if let Some(limit) = count(cx, s, if max { "maxItems" } else { "minItems" })? {
        out.push(entry(ARRAY, ItemCount { limit, max }));
    }
    Ok(())
}
