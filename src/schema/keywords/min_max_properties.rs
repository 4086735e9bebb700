//! `minProperties` / `maxProperties` (fge draft-v4 `MinPropertiesValidator` /
//! `MaxPropertiesValidator`): objects only. Messages `err.draftv4.minProperties
//! .notEnoughMembers` / `err.draftv4.maxProperties.tooManyMembers`: the member count, then the
//! limit.

use crate::schema::compiler::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::Schema;
use crate::schema::graph::{entry, Entry, Keyword};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::OBJECT;

pub(crate) struct PropertyCount {
    limit: u64,
    max: bool,
}

impl Keyword for PropertyCount {
    fn name(&self) -> &'static str {
        if self.max {
            "maxProperties"
        } else {
            "minProperties"
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
            messages::max_properties(v.len(), self.limit)
        } else {
            messages::min_properties(v.len(), self.limit)
        }
    }
}

/// Compiles `maxProperties` (`max`) or `minProperties`.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    max: bool,
) -> Result<(), SchemaError> {
    if let Some(limit) = count(
        cx,
        s,
        if max {
            "maxProperties"
        } else {
            "minProperties"
        },
    )? {
        out.push(entry(OBJECT, PropertyCount { limit, max }));
    }
    Ok(())
}
