//! What every Java object answers (`toString`, `equals`, `hashCode`,
//! `getClass`), the outcome of a call (a value, no such method, or an
//! exception), and Java's `String.hashCode` that `hashCode` needs. The
//! leaf under the per-class method files.

use crate::vtl::value::Value;
use Outcome::NoSuchMethod;

/// What a call produced: a value, "no such method", or a Java exception.
pub enum Outcome {
    /// The method ran (a `void` method returns null).
    Value(Value),
    /// There is no such method for these arguments.
    NoSuchMethod,
    /// The method threw; the message names the exception.
    Threw(String),
}

/// A method's result.
pub(super) fn ok(v: Value) -> Outcome {
    Outcome::Value(v)
}

/// Methods every Java object has.
pub(super) fn object_method(target: &Value, name: &str, args: &[Value]) -> Outcome {
    match (name, args) {
        ("toString", []) => ok(Value::str(target.to_java_string())),
        ("equals", [other]) => ok(Value::Bool(target.java_equals(other))),
        ("hashCode", []) => ok(Value::Int(i64::from(crate::java::hash_code(
            &target.to_java_string(),
        )))),
        ("getClass", []) => ok(Value::str(format!("class {}", target.class_name()))),
        _ => NoSuchMethod,
    }
}
