//! `java.util.List`'s methods (on an `ArrayList` or a json-smart
//! `JSONArray`), with Java's index exceptions, and the `Iterator` that
//! `iterator()` returns.

use std::cell::RefCell;
use std::rc::Rc;

use super::object::{object_method, ok, Outcome};
use crate::vtl::value::{write_json, List, Object, Value};
use Outcome::{NoSuchMethod, Threw};

/// What a list index may point at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IndexOf {
    /// An element: `0..len`.
    Element,
    /// A place between elements, where `add(i, x)` inserts and `subList`
    /// starts or ends: `0..=len`.
    Gap,
}

pub(super) fn list_method(list: &Rc<RefCell<List>>, name: &str, args: &[Value]) -> Outcome {
    let index = |v: &Value, len: usize, of: IndexOf| -> Result<usize, Outcome> {
        let end = match of {
            IndexOf::Element => len,
            IndexOf::Gap => len + 1,
        };
        match v.as_int() {
            Some(i) if i >= 0 && (i as usize) < end => Ok(i as usize),
            Some(i) => Err(Threw(format!(
                "java.lang.IndexOutOfBoundsException: Index {i} out of bounds for length {len}"
            ))),
            None => Err(NoSuchMethod),
        }
    };
    match (name, args) {
        ("size", []) => ok(Value::Int(list.borrow().items.len() as i64)),
        ("isEmpty", []) => ok(Value::Bool(list.borrow().items.is_empty())),
        ("get", [i]) => {
            let l = list.borrow();
            match index(i, l.items.len(), IndexOf::Element) {
                Ok(i) => ok(l.items[i].clone()),
                Err(e) => e,
            }
        }
        ("contains", [x]) => ok(Value::Bool(
            list.borrow().items.iter().any(|v| v.java_equals(x)),
        )),
        ("indexOf", [x]) => ok(Value::Int(
            list.borrow()
                .items
                .iter()
                .position(|v| v.java_equals(x))
                .map_or(-1, |i| i as i64),
        )),
        ("lastIndexOf", [x]) => ok(Value::Int(
            list.borrow()
                .items
                .iter()
                .rposition(|v| v.java_equals(x))
                .map_or(-1, |i| i as i64),
        )),
        ("add", [x]) => {
            list.borrow_mut().items.push(x.clone());
            ok(Value::Bool(true))
        }
        ("add", [i, x]) => {
            let len = list.borrow().items.len();
            match index(i, len, IndexOf::Gap) {
                Ok(i) => {
                    list.borrow_mut().items.insert(i, x.clone());
                    ok(Value::Null)
                }
                Err(e) => e,
            }
        }
        ("addAll", [Value::List(other)]) => {
            let items = other.borrow().items.clone();
            list.borrow_mut().items.extend(items);
            ok(Value::Bool(true))
        }
        ("set", [i, x]) => {
            let len = list.borrow().items.len();
            match index(i, len, IndexOf::Element) {
                Ok(i) => ok(std::mem::replace(
                    &mut list.borrow_mut().items[i],
                    x.clone(),
                )),
                Err(e) => e,
            }
        }
        ("remove", [Value::Int(i)]) => {
            let len = list.borrow().items.len();
            match index(&Value::Int(*i), len, IndexOf::Element) {
                Ok(i) => ok(list.borrow_mut().items.remove(i)),
                Err(e) => e,
            }
        }
        ("remove", [x]) => {
            let pos = list.borrow().items.iter().position(|v| v.java_equals(x));
            ok(Value::Bool(match pos {
                Some(i) => {
                    list.borrow_mut().items.remove(i);
                    true
                }
                None => false,
            }))
        }
        ("clear", []) => {
            list.borrow_mut().items.clear();
            ok(Value::Null)
        }
        ("subList", [a, b]) => {
            let l = list.borrow();
            let len = l.items.len();
            match (index(a, len, IndexOf::Gap), index(b, len, IndexOf::Gap)) {
                (Ok(a), Ok(b)) if a <= b => ok(Value::list(l.items[a..b].to_vec())),
                (Ok(a), Ok(b)) => Threw(format!(
                    "java.lang.IllegalArgumentException: fromIndex({a}) > toIndex({b})"
                )),
                (Err(e), _) | (_, Err(e)) => e,
            }
        }
        ("containsAll", [Value::List(other)]) => {
            let l = list.borrow();
            ok(Value::Bool(
                other
                    .borrow()
                    .items
                    .iter()
                    .all(|x| l.items.iter().any(|v| v.java_equals(x))),
            ))
        }
        ("iterator", []) => ok(Value::Object(Rc::new(JavaIterator {
            items: list.borrow().items.clone(),
            next: std::cell::Cell::new(0),
        }))),
        ("toJSONString", []) if list.borrow().json => {
            let mut out = String::new();
            write_json(&Value::List(list.clone()), &mut out);
            ok(Value::str(out))
        }
        _ => object_method(&Value::List(list.clone()), name, args),
    }
}

/// A `java.util.Iterator` over a snapshot of a list.
struct JavaIterator {
    items: Vec<Value>,
    next: std::cell::Cell<usize>,
}

impl Object for JavaIterator {
    fn class_name(&self) -> &str {
        "java.util.Iterator"
    }
    fn call(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let i = self.next.get();
        match (name, args) {
            ("hasNext", []) => Some(Ok(Value::Bool(i < self.items.len()))),
            ("next", []) => Some(match self.items.get(i) {
                Some(v) => {
                    self.next.set(i + 1);
                    Ok(v.clone())
                }
                None => Err("java.util.NoSuchElementException".into()),
            }),
            _ => None,
        }
    }
    fn to_java_string(&self) -> String {
        "java.util.ArrayList$Itr".into()
    }
    fn iterate(&self) -> Option<Vec<Value>> {
        let i = self.next.replace(self.items.len());
        Some(self.items[i.min(self.items.len())..].to_vec())
    }
}
