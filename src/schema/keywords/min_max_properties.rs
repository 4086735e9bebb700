//! `minProperties` / `maxProperties` (fge draft-v4 `MinPropertiesValidator` /
//! `MaxPropertiesValidator`): objects only. Messages `err.draftv4.minProperties
//! .notEnoughMembers` / `err.draftv4.maxProperties.tooManyMembers`: the member count, then the
//! limit.

use super::bound::Bound;
use crate::schema::compiler::{count, Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::types::OBJECT;

pub(crate) struct PropertyCount {
    limit: u64,
    bound: Bound,
}

impl Keyword for PropertyCount {
    fn name(&self) -> &'static str {
        self.bound.pick("minProperties", "maxProperties")
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        self.bound.allows(v.len() as u64, self.limit)
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        match self.bound {
            Bound::Min => messages::min_properties(v.len(), self.limit),
            Bound::Max => messages::max_properties(v.len(), self.limit),
        }
    }
}

/// Compiles `minProperties` or `maxProperties`.
pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
    bound: Bound,
) -> Result<(), SchemaError> {
    if let Some(limit) = count(cx, s, bound.pick("minProperties", "maxProperties"))? {
        out.push(entry(OBJECT, PropertyCount { limit, bound }));
    }
    Ok(())
}
