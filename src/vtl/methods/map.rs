//! `java.util.Map`'s methods (on a `LinkedHashMap`), and the `Map.Entry`
//! objects `entrySet()` returns.

use std::cell::RefCell;
use std::rc::Rc;

use super::object::{object_method, ok, Outcome};
use crate::vtl::value::{Key, Map, Object, Value};

/// A `Map.Entry` from `entrySet()`.
struct Entry {
    key: Value,
    value: Value,
}

impl Object for Entry {
    fn class_name(&self) -> &str {
        "java.util.Map$Entry"
    }
    fn property(&self, name: &str) -> Option<Value> {
        match name {
            "key" => Some(self.key.clone()),
            "value" => Some(self.value.clone()),
            _ => None,
        }
    }
    fn call(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        match (name, args) {
            ("getKey", []) => Some(Ok(self.key.clone())),
            ("getValue", []) => Some(Ok(self.value.clone())),
            _ => None,
        }
    }
    fn to_java_string(&self) -> String {
        format!(
            "{}={}",
            self.key.to_java_string(),
            self.value.to_java_string()
        )
    }
}

pub(super) fn map_method(map: &Rc<RefCell<Map>>, name: &str, args: &[Value]) -> Outcome {
    match (name, args) {
        ("size", []) => ok(Value::Int(map.borrow().len() as i64)),
        ("isEmpty", []) => ok(Value::Bool(map.borrow().is_empty())),
        ("get", [k]) => ok(map
            .borrow()
            .get(&Key::of(k))
            .cloned()
            .unwrap_or(Value::Null)),
        ("getOrDefault", [k, d]) => ok(map
            .borrow()
            .get(&Key::of(k))
            .cloned()
            .unwrap_or_else(|| d.clone())),
        ("containsKey", [k]) => ok(Value::Bool(map.borrow().contains_key(&Key::of(k)))),
        ("containsValue", [v]) => ok(Value::Bool(map.borrow().values().any(|x| x.java_equals(v)))),
        ("keySet", []) => ok(Value::list(
            map.borrow().keys().map(Key::to_value).collect(),
        )),
        ("values", []) => ok(Value::list(map.borrow().values().cloned().collect())),
        ("entrySet", []) => ok(Value::list(
            map.borrow()
                .iter()
                .map(|(k, v)| {
                    Value::Object(Rc::new(Entry {
                        key: k.to_value(),
                        value: v.clone(),
                    }))
                })
                .collect(),
        )),
        ("put", [k, v]) => ok(map
            .borrow_mut()
            .insert(Key::of(k), v.clone())
            .unwrap_or(Value::Null)),
        ("putAll", [Value::Map(other)]) => {
            let entries: Vec<(Key, Value)> = other
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            map.borrow_mut().extend(entries);
            ok(Value::Null)
        }
        ("remove", [k]) => ok(map
            .borrow_mut()
            .shift_remove(&Key::of(k))
            .unwrap_or(Value::Null)),
        ("clear", []) => {
            map.borrow_mut().clear();
            ok(Value::Null)
        }
        _ => object_method(&Value::Map(map.clone()), name, args),
    }
}
