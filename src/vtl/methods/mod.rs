//! The Java methods and properties templates call on values: String,
//! Integer/Long/Double, Boolean, List, Map and Map.Entry, as Velocity's
//! introspection finds them. This file dispatches a call or a property
//! (`$x.name`, which tries a map key, then `getName()` / `isName()`) by the
//! value's class; each class's methods are in a file of their own, and
//! [`object`] holds what every Java object answers.

mod list;
mod map;
mod number;
mod object;
mod string;

use crate::vtl::value::{StrKey, Value};
use object::{object_method, ok};

pub use object::Outcome;
use Outcome::{NoSuchMethod, Threw};

/// `$value.name(args)`.
pub fn call(target: &Value, name: &str, args: &[Value]) -> Outcome {
    match target {
        Value::Str(s) => string::string_method(s, name, args),
        Value::Int(_) | Value::Float(_) => number::number_method(target, name, args),
        Value::Bool(b) => number::bool_method(*b, name, args),
        Value::List(list) => list::list_method(list, name, args),
        Value::Map(map) => map::map_method(map, name, args),
        Value::Object(o) => match o.call(name, args) {
            Some(Ok(v)) => ok(v),
            Some(Err(e)) => Threw(e),
            None => object_method(target, name, args),
        },
        Value::Null | Value::Block(_) => NoSuchMethod,
    }
}

/// `$value.name`: a map key, else a `getName()` / `isName()` getter.
pub fn property(target: &Value, name: &str) -> Option<Value> {
    match target {
        Value::Map(map) => {
            let map = map.borrow();
            Some(map.get(&StrKey(name)).cloned().unwrap_or(Value::Null))
        }
        Value::Object(o) => o.property(name).or_else(|| getter(target, name)),
        Value::Null => None,
        _ => getter(target, name),
    }
}

/// `getName()` / `getname()` / `isName()` on a non-map value.
fn getter(target: &Value, name: &str) -> Option<Value> {
    let mut chars = name.chars();
    let first = chars.next()?;
    let capitalised: String = first.to_uppercase().chain(chars).collect();
    for prefix in ["get", "is"] {
        for candidate in [format!("{prefix}{capitalised}"), format!("{prefix}{name}")] {
            if let Outcome::Value(v) = call(target, &candidate, &[]) {
                if prefix == "is" && !matches!(v, Value::Bool(_)) {
                    continue;
                }
                return Some(v);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vtl::value::Map;

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    fn run(target: Value, name: &str, args: &[Value]) -> String {
        match call(&target, name, args) {
            Outcome::Value(v) => format!("{v:?}"),
            Outcome::NoSuchMethod => "no such method".into(),
            Outcome::Threw(e) => format!("threw {e}"),
        }
    }

    #[test]
    fn string_methods_behave_like_java() {
        let rows: &[(&str, &[Value], &str)] = &[
            ("length", &[], "5"),
            ("substring", &[Value::Int(1), Value::Int(3)], "\"el\""),
            (
                "substring",
                &[Value::Int(4), Value::Int(2)],
                "threw java.lang.StringIndexOutOfBoundsException: begin 4, end 2, length 5",
            ),
            ("indexOf", &[s("l")], "2"),
            ("indexOf", &[s("l"), Value::Int(3)], "3"),
            ("lastIndexOf", &[s("l")], "3"),
            ("lastIndexOf", &[s("l"), Value::Int(2)], "2"),
            ("indexOf", &[s("z")], "-1"),
            ("replace", &[s("l"), s("L")], "\"heLLo\""),
            ("replaceAll", &[s("l+"), s("[$0]")], "\"he[ll]o\""),
            ("matches", &[s("h.*o")], "true"),
            ("matches", &[s("h.*l")], "false"),
            ("split", &[s("l")], "[he, , o]"),
            ("charAt", &[Value::Int(1)], "\"e\""),
            (
                "charAt",
                &[Value::Int(9)],
                "threw java.lang.StringIndexOutOfBoundsException: index 9, length 5",
            ),
            ("toUpperCase", &[], "\"HELLO\""),
            ("equalsIgnoreCase", &[s("HeLLo")], "true"),
            ("compareTo", &[s("help")], "-4"),
            ("hashCode", &[], "99162322"),
            ("concat", &[s("!")], "\"hello!\""),
            (
                "format",
                &[
                    s("%05d|%-4s|%.2f"),
                    Value::Int(42),
                    s("ab"),
                    Value::Float(1.23456),
                ],
                "\"00042|ab  |1.23\"",
            ),
            ("nosuch", &[], "no such method"),
        ];
        for (name, args, expected) in rows {
            assert_eq!(run(s("hello"), name, args), *expected, "{name}{args:?}");
        }
    }

    #[test]
    fn collections_and_numbers() {
        let list = Value::list(vec![Value::Int(1), s("a")]);
        assert_eq!(run(list.clone(), "add", &[Value::Int(2)]), "true");
        assert_eq!(run(list.clone(), "size", &[]), "3");
        assert_eq!(
            run(list.clone(), "get", &[Value::Int(5)]),
            "threw java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 3"
        );
        let map = Value::map(Map::default());
        assert_eq!(run(map.clone(), "put", &[s("k"), Value::Int(1)]), "null");
        assert_eq!(run(map.clone(), "put", &[s("k"), Value::Int(2)]), "1");
        assert_eq!(run(map.clone(), "keySet", &[]), "[k]");
        assert_eq!(format!("{:?}", property(&map, "k").unwrap()), "2");
        assert_eq!(run(Value::Int(0), "parseInt", &[s("42")]), "42");
        assert_eq!(
            run(Value::Int(0), "parseInt", &[s("4x")]),
            "threw java.lang.NumberFormatException: For input string: \"4x\""
        );
        assert_eq!(format!("{:?}", property(&list, "empty").unwrap()), "false");
        assert_eq!(format!("{:?}", property(&s(""), "empty").unwrap()), "true");
    }
}
