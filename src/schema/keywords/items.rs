//! `items` and `additionalItems`.
//!
//! Children (fge `ArraySchemaSelector`, digest `ArraySchemaDigester`): with `items` a schema,
//! every element is validated against it; with `items` an array, element *i* against
//! `items[i]` and the rest against `additionalItems` if that is a schema; **without `items`,
//! every element is validated against `additionalItems` when it is a schema** (an fge
//! behaviour; the specification would ignore `additionalItems` there).
//!
//! The `additionalItems` keyword validator (fge `AdditionalItemsValidator`, digest
//! `AdditionalItemsDigester`) only acts when it is `false` and `items` is an array:
//! `err.common.additionalItems.notAllowed` (allowed count, found count).

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::selectors::Items;
use crate::schema::types::ARRAY;
use serde_json::Value;

pub(crate) struct AdditionalItems {
    allowed: usize,
}

impl Keyword for AdditionalItems {
    fn name(&self) -> &'static str {
        "additionalItems"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        v.len() <= self.allowed
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        messages::additional_items(self.allowed, v.len())
    }
}

pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
) -> Result<Option<Box<Items>>, SchemaError> {
    let additional = match s.map.get("additionalItems") {
        None | Some(Value::Bool(true)) => None,
        Some(Value::Bool(false)) => Some(None),
        Some(a @ Value::Object(_)) => Some(Some(cx.sub(s, a, &["additionalItems"])?)),
        Some(a) => {
            return Err(cx.wrong(s, &["additionalItems"], "a boolean or a schema (object)", a));
        }
    };
    let items = match s.map.get("items") {
        None => additional.flatten().map(Items::Additional),
        Some(i @ Value::Object(_)) => Some(Items::All(cx.sub(s, i, &["items"])?)),
        Some(i @ Value::Array(_)) => {
            let t = cx.sub_array(s, "items", i)?;
            if additional == Some(None) {
                out.push(entry(ARRAY, AdditionalItems { allowed: t.len() }));
            }
            Some(Items::Tuple(t, additional.flatten()))
        }
        Some(i) => {
            return Err(cx.wrong(
                s,
                &["items"],
                "a schema (object) or a non-empty array of schemas",
                i,
            ));
        }
    };
    Ok(items.map(Box::new))
}
