//! `uniqueItems` (fge `UniqueItemsValidator`): arrays only, when `true`; equality is fge's
//! `JsonNumEquals` ([`equal`]). Message `err.common.uniqueItems.duplicateElements` (no
//! arguments).

use super::{entry, Entry, Keyword};
use crate::schema::compile::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::number::{self, Dec};
use crate::schema::validate::{Trail, ARRAY};
use crate::schema::{messages, Schema};
use serde_json::Value;
use std::hash::{DefaultHasher, Hash, Hasher};

/// fge's `JsonNumEquals`: numbers compare by value (`1 == 1.0`), containers member-wise,
/// everything else by type and value (`0 != false`).
pub(crate) fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => number::eq(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| equal(p, q)))
        }
        _ => a == b,
    }
}

/// A hash consistent with [`equal`].
fn hash(v: &Value, h: &mut DefaultHasher) {
    match v {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => (2u8, Dec::of(n)).hash(h),
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(a) => {
            (4u8, a.len()).hash(h);
            a.iter().for_each(|e| hash(e, h));
        }
        Value::Object(o) => {
            let mut sum = 0u64;
            for (k, e) in o {
                let mut m = DefaultHasher::new();
                k.hash(&mut m);
                hash(e, &mut m);
                sum = sum.wrapping_add(m.finish());
            }
            (5u8, o.len(), sum).hash(h);
        }
    }
}

fn unique(a: &[Value]) -> bool {
    if a.len() <= 32 {
        return (1..a.len()).all(|i| a[..i].iter().all(|p| !equal(p, &a[i])));
    }
    let mut hashes: Vec<(u64, usize)> = a
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut h = DefaultHasher::new();
            hash(e, &mut h);
            (h.finish(), i)
        })
        .collect();
    hashes.sort_unstable();
    let mut start = 0;
    while start < hashes.len() {
        let mut end = start + 1;
        while end < hashes.len() && hashes[end].0 == hashes[start].0 {
            end += 1;
        }
        for i in start + 1..end {
            if hashes[start..i]
                .iter()
                .any(|p| equal(&a[p.1], &a[hashes[i].1]))
            {
                return false;
            }
        }
        start = end;
    }
    true
}

pub(crate) struct UniqueItems;

impl Keyword for UniqueItems {
    fn name(&self) -> &'static str {
        "uniqueItems"
    }
    fn check(&self, _: &Schema, v: &Value, _: &Trail) -> bool {
        v.as_array().is_none_or(|a| unique(a))
    }
    fn message(&self, _: &Schema, _: &Value) -> String {
        messages::UNIQUE_ITEMS.to_string()
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    match s.map.get("uniqueItems") {
        None | Some(Value::Bool(false)) => Ok(()),
        Some(Value::Bool(true)) => {
            out.push(entry(ARRAY, UniqueItems));
            Ok(())
        }
        Some(v) => Err(cx.wrong(s, &["uniqueItems"], "true or false", v)),
    }
}
