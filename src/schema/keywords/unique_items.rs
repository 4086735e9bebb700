//! `uniqueItems` (fge `UniqueItemsValidator`): arrays only, when `true`; equality is fge's
//! `JsonNumEquals` ([`equal`]). Message `err.common.uniqueItems.duplicateElements` (no
//! arguments).

use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::number::BigDecimal;
use crate::schema::report::Trail;
use crate::schema::types::{ARRAY, BOOLEAN, INTEGER, NUMBER, OBJECT, STRING};
use serde_json::Value;
use std::hash::{DefaultHasher, Hash, Hasher};

/// fge's `JsonNumEquals`: numbers compare by value (`1 == 1.0`), containers member-wise,
/// everything else by type and value (`0 != false`).
pub(crate) fn equal(a: Val, b: Val) -> bool {
    const NUMERIC: u8 = INTEGER | NUMBER;
    let (x, y) = (a.ty(), b.ty());
    if x & NUMERIC != 0 && y & NUMERIC != 0 {
        if let (Some(p), Some(q)) = (a.as_i64(), b.as_i64()) {
            return p == q;
        }
        let (p, q) = (a.number_text(), b.number_text());
        return BigDecimal::from_json_text(p.unwrap_or(b"0"))
            == BigDecimal::from_json_text(q.unwrap_or(b"0"));
    }
    if x != y {
        return false;
    }
    match x {
        BOOLEAN => a.as_bool() == b.as_bool(),
        STRING => a.as_str() == b.as_str(),
        ARRAY => a.len() == b.len() && a.elements().zip(b.elements()).all(|(p, q)| equal(p, q)),
        OBJECT => {
            a.len() == b.len()
                && a.members().all(|(k, p)| {
                    b.get_hashed(k.bytes(), k.hash())
                        .is_some_and(|q| equal(p, q))
                })
        }
        _ => true,
    }
}

/// A hash consistent with [`equal`].
fn hash(v: Val, h: &mut DefaultHasher) {
    match v.ty() {
        INTEGER | NUMBER => BigDecimal::from_json_text(v.number_text().unwrap_or(b"0")).hash(h),
        BOOLEAN => v.as_bool().hash(h),
        STRING => v.as_str().hash(h),
        ARRAY => {
            (ARRAY, v.len()).hash(h);
            v.elements().for_each(|e| hash(e, h));
        }
        OBJECT => {
            let mut sum = 0u64;
            for (k, e) in v.members() {
                let mut m = DefaultHasher::new();
                k.bytes().hash(&mut m);
                hash(e, &mut m);
                sum = sum.wrapping_add(m.finish());
            }
            (OBJECT, v.len(), sum).hash(h);
        }
        t => t.hash(h),
    }
}

/// Whether the elements of `a` are pairwise different; long arrays compare only elements of
/// equal hash (hashes and node indexes go into `scratch`).
fn unique(a: Val, scratch: &mut Vec<(u64, u32)>) -> bool {
    if a.len() <= 32 {
        return a
            .elements()
            .enumerate()
            .all(|(i, x)| a.elements().take(i).all(|p| !equal(p, x)));
    }
    scratch.clear();
    scratch.extend(a.elements().map(|e| {
        let mut h = DefaultHasher::new();
        hash(e, &mut h);
        (h.finish(), e.index())
    }));
    scratch.sort_unstable();
    let mut start = 0;
    while start < scratch.len() {
        let mut end = start + 1;
        while end < scratch.len() && scratch[end].0 == scratch[start].0 {
            end += 1;
        }
        for i in start + 1..end {
            let x = a.node(scratch[i].1);
            if scratch[start..i].iter().any(|p| equal(a.node(p.1), x)) {
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
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        unique(v, &mut Vec::new())
    }
    fn message(&self, _: &Schema, _: Val) -> String {
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
