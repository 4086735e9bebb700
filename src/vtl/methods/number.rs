//! The methods of `java.lang.Integer` / `Long` / `Double` and `Boolean`,
//! including the static ones (`parseInt`, `valueOf` ...) Velocity lets a
//! template call on an instance.

use super::object::{object_method, ok, Outcome};
use crate::vtl::value::{Number, Value};
use Outcome::{NoSuchMethod, Threw};

pub(super) fn number_method(target: &Value, name: &str, args: &[Value]) -> Outcome {
    let n = target.as_number().expect("a number");
    let parse_int = |s: &str| -> Outcome {
        match s.trim_start_matches('+').parse::<i64>() {
            Ok(i)
                if s.starts_with(['+', '-'])
                    || s.bytes().next().is_some_and(|b| b.is_ascii_digit()) =>
            {
                ok(Value::Int(i))
            }
            _ => Threw(format!(
                "java.lang.NumberFormatException: For input string: \"{s}\""
            )),
        }
    };
    match (name, args) {
        ("intValue", []) => ok(Value::Int(n.as_f64() as i64 as i32 as i64)),
        ("longValue", []) => ok(Value::Int(match n {
            Number::Int(i) => i,
            Number::Float(f) => f as i64,
        })),
        ("doubleValue" | "floatValue", []) => ok(Value::Float(n.as_f64())),
        ("toString", []) => ok(Value::str(target.to_java_string())),
        ("compareTo", [other]) => match other.as_number() {
            Some(o) => ok(Value::Int(match n.compare(o) {
                Some(std::cmp::Ordering::Less) => -1,
                Some(std::cmp::Ordering::Greater) => 1,
                _ => 0,
            })),
            None => NoSuchMethod,
        },
        ("isNaN", []) => ok(Value::Bool(n.as_f64().is_nan())),
        ("isInfinite", []) => ok(Value::Bool(n.as_f64().is_infinite())),
        // Static methods of Integer, Long and Double, on an instance.
        ("parseInt" | "parseLong" | "valueOf", [Value::Str(s)])
            if matches!(target, Value::Int(_)) =>
        {
            parse_int(s)
        }
        ("parseDouble" | "valueOf", [Value::Str(s)]) => match s.trim().parse::<f64>() {
            Ok(f) if !s.trim().is_empty() => ok(Value::Float(f)),
            _ => Threw(format!(
                "java.lang.NumberFormatException: For input string: \"{s}\""
            )),
        },
        ("toString", [v]) => ok(Value::str(v.to_java_string())),
        ("toHexString", [Value::Int(i)]) => ok(Value::str(format!("{:x}", *i as i32))),
        ("max", [Value::Int(a), Value::Int(b)]) => ok(Value::Int(*a.max(b))),
        ("min", [Value::Int(a), Value::Int(b)]) => ok(Value::Int(*a.min(b))),
        ("hashCode", []) => ok(Value::Int(match n {
            Number::Int(i) if i32::try_from(i).is_ok() => i,
            Number::Int(i) => (i ^ (i >> 32)) as i32 as i64,
            Number::Float(f) => {
                let bits = f.to_bits();
                (bits ^ (bits >> 32)) as i32 as i64
            }
        })),
        _ => object_method(target, name, args),
    }
}

pub(super) fn bool_method(b: bool, name: &str, args: &[Value]) -> Outcome {
    match (name, args) {
        ("booleanValue", []) => ok(Value::Bool(b)),
        ("parseBoolean" | "valueOf", [Value::Str(s)]) => {
            ok(Value::Bool(s.eq_ignore_ascii_case("true")))
        }
        _ => object_method(&Value::Bool(b), name, args),
    }
}
