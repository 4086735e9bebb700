//! Values as a Velocity template sees them: Java objects, with Java's
//! `toString`, `equals` and number semantics; the context (`Vars`) that
//! holds them and the fast hash of its maps; and JSON in and out, as
//! json-smart prints it and as `$input.path` reads a payload.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use indexmap::IndexMap;

/// A value in a template: `null`, a Java boxed primitive, a string, a list,
/// a map, or a host object (`$input`, `$util`, `$foreach` ...).
#[derive(Clone, Default)]
pub enum Value {
    /// `null`, and undefined references.
    #[default]
    Null,
    /// `java.lang.Boolean`.
    Bool(bool),
    /// `java.lang.Integer` / `java.lang.Long`.
    Int(i64),
    /// `java.lang.Double`.
    Float(f64),
    /// `java.lang.String`.
    Str(Rc<str>),
    /// `java.util.List` (shared and mutable, as Java references are).
    List(Rc<RefCell<List>>),
    /// `java.util.Map` with insertion order (`LinkedHashMap`).
    Map(Rc<RefCell<Map>>),
    /// An object supplied by the host.
    Object(Rc<dyn Object>),
    /// A `#define` block or a block macro's `$bodyContent`, rendered where
    /// it is referenced.
    Block(Rc<BlockRef>),
}

/// A block rendered where it is referenced.
pub struct BlockRef {
    /// The statements.
    pub block: Rc<super::ast::Block>,
    /// `#define` blocks count their own depth; bodies count as macro calls.
    pub define: bool,
    /// For a block macro's body: the macro's name (its body scope's name).
    pub name: Rc<str>,
    /// How many renderings of this block are in progress (recursion).
    pub depth: std::cell::Cell<usize>,
}

impl std::fmt::Debug for BlockRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockRef")
            .field("statements", &self.block.len())
            .finish_non_exhaustive()
    }
}

/// A list and how Java prints it.
#[derive(Clone, Default, Debug)]
pub struct List {
    /// The items.
    pub items: Vec<Value>,
    /// A json-smart `JSONArray` (from `$input.path`) prints as compact JSON;
    /// an `ArrayList` (a template literal) prints as `[a, b]`.
    pub json: bool,
}

/// A map: keys are Java objects compared with `equals`.
pub type Map = IndexMap<Key, Value, FastHash>;

/// A fast, non-cryptographic hash for the engine's maps (FxHash's
/// multiply-rotate): template variables and JSON keys are short, and
/// SipHash dominated rendering time.
#[derive(Clone, Copy, Default, Debug)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut tail = 0u64;
        for (i, &b) in chunks.remainder().iter().enumerate() {
            tail |= u64::from(b) << (8 * i);
        }
        self.add(tail);
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Builds [`FastHasher`]s.
pub type FastHash = std::hash::BuildHasherDefault<FastHasher>;

/// Variables of a rendering (the Velocity context).
pub type Vars = std::collections::HashMap<Rc<str>, Value, FastHash>;

/// A map key: the hashable subset of values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// `null`.
    Null,
    /// A Boolean key.
    Bool(bool),
    /// An Integer or Long key.
    Int(i64),
    /// A Double key, by its bits (Java's `Double.equals`).
    Float(u64),
    /// A String key.
    Str(Rc<str>),
}

impl Key {
    /// The key for a value; lists, maps and objects key by their string form.
    pub fn of(value: &Value) -> Key {
        match value {
            Value::Null => Key::Null,
            Value::Bool(b) => Key::Bool(*b),
            Value::Int(i) => Key::Int(*i),
            Value::Float(f) => Key::Float(f.to_bits()),
            Value::Str(s) => Key::Str(s.clone()),
            other => Key::Str(other.to_java_string().into()),
        }
    }

    /// The key as a value.
    pub fn to_value(&self) -> Value {
        match self {
            Key::Null => Value::Null,
            Key::Bool(b) => Value::Bool(*b),
            Key::Int(i) => Value::Int(*i),
            Key::Float(bits) => Value::Float(f64::from_bits(*bits)),
            Key::Str(s) => Value::Str(s.clone()),
        }
    }

    /// The key as Java prints it.
    pub fn to_java_string(&self) -> String {
        self.to_value().to_java_string()
    }
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // A string key hashes as the bare string, so `StrKey` can look it up
        // without allocating.
        match self {
            Key::Str(s) => s.hash(state),
            Key::Null => state.write_u8(0),
            Key::Bool(b) => state.write_u8(1 + u8::from(*b)),
            Key::Int(i) => i.hash(state),
            Key::Float(bits) => bits.hash(state),
        }
    }
}

/// A borrowed string key, for lookups that must not allocate.
#[derive(Hash)]
pub struct StrKey<'a>(pub &'a str);

impl indexmap::Equivalent<Key> for StrKey<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        matches!(key, Key::Str(s) if &**s == self.0)
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        Key::Str(s.into())
    }
}

/// A host object: properties, methods and a string form.
pub trait Object {
    /// The Java class name, for error messages (`Input`).
    fn class_name(&self) -> &str;
    /// `$obj.name` (a getter); `None` when there is no such property.
    fn property(&self, name: &str) -> Option<Value> {
        let _ = name;
        None
    }
    /// `$obj.name(args)`; `None` when there is no such method.
    fn call(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let _ = (name, args);
        None
    }
    /// `toString()`.
    fn to_java_string(&self) -> String;
    /// The object's scope, when it is a `#break` target (`$foreach`, `$macro` ...).
    fn scope_id(&self) -> Option<usize> {
        None
    }
    /// What `#foreach` iterates when given this object, if anything.
    fn iterate(&self) -> Option<Vec<Value>> {
        None
    }
}

impl Value {
    /// A string value.
    pub fn str(s: impl Into<Rc<str>>) -> Value {
        Value::Str(s.into())
    }

    /// A new `ArrayList`.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(List { items, json: false })))
    }

    /// A new `LinkedHashMap`.
    pub fn map(map: Map) -> Value {
        Value::Map(Rc::new(RefCell::new(map)))
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The Java class name (`java.lang.String`), for messages.
    pub fn class_name(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(_) => "java.lang.Boolean".into(),
            Value::Int(i) if i32::try_from(*i).is_ok() => "java.lang.Integer".into(),
            Value::Int(_) => "java.lang.Long".into(),
            Value::Float(_) => "java.lang.Double".into(),
            Value::Str(_) => "java.lang.String".into(),
            Value::List(l) if l.borrow().json => "net.minidev.json.JSONArray".into(),
            Value::List(_) => "java.util.ArrayList".into(),
            Value::Map(_) => "java.util.LinkedHashMap".into(),
            Value::Object(o) => o.class_name().into(),
            Value::Block(_) => "org.apache.velocity.runtime.directive.Block$Reference".into(),
        }
    }

    /// Java's `toString()`; `null` prints as `null` (callers decide what an
    /// unset reference renders as).
    pub fn to_java_string(&self) -> String {
        let mut out = String::new();
        self.write_java(&mut out);
        out
    }

    /// Appends `toString()` to `out`.
    pub fn write_java(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Float(f) => out.push_str(&crate::java::double_to_string(*f)),
            Value::Str(s) => out.push_str(s),
            Value::List(list) => {
                let list = list.borrow();
                if list.json {
                    write_json(self, out);
                    return;
                }
                out.push('[');
                for (i, item) in list.items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_java(out);
                }
                out.push(']');
            }
            Value::Map(map) => {
                out.push('{');
                for (i, (k, v)) in map.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&k.to_java_string());
                    out.push('=');
                    v.write_java(out);
                }
                out.push('}');
            }
            Value::Object(o) => out.push_str(&o.to_java_string()),
            // Blocks are rendered by the evaluator before they are printed.
            Value::Block(_) => {}
        }
    }

    /// Velocity's truth: `null` and `false` are false, everything else true.
    pub fn truthy(&self) -> bool {
        !matches!(self, Value::Null | Value::Bool(false))
    }

    /// The value as a number, when it is one.
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Value::Int(i) => Some(Number::Int(*i)),
            Value::Float(f) => Some(Number::Float(*f)),
            _ => None,
        }
    }

    /// The value as a Java `int` argument, when it is an integer.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The string slice, when the value is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Java `equals`, as Velocity's `==` applies it: numbers compare by
    /// value across Integer/Long/Double, values of different classes compare
    /// by their string forms.
    pub fn velocity_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Null, _) | (_, Value::Null) => false,
            (a, b) if a.as_number().is_some() && b.as_number().is_some() => {
                a.as_number().unwrap().compare(b.as_number().unwrap())
                    == Some(std::cmp::Ordering::Equal)
            }
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::List(a), Value::List(b)) => {
                Rc::ptr_eq(a, b) || list_equals(&a.borrow().items, &b.borrow().items)
            }
            (Value::Map(a), Value::Map(b)) => {
                Rc::ptr_eq(a, b) || map_equals(&a.borrow(), &b.borrow())
            }
            (a, b) => a.to_java_string() == b.to_java_string(),
        }
    }

    /// Java `equals` proper (as `List.contains`, `String.equals` use it).
    pub fn java_equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Int(_), Value::Float(_)) | (Value::Float(_), Value::Int(_)) => false,
            (Value::Str(_), Value::Str(_))
            | (Value::Bool(_), Value::Bool(_))
            | (Value::Null, Value::Null)
            | (Value::List(_), Value::List(_))
            | (Value::Map(_), Value::Map(_)) => self.velocity_eq(other),
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
            (Value::Block(a), Value::Block(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

fn list_equals(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.java_equals(y))
}

fn map_equals(a: &Map, b: &Map) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| v.java_equals(w)))
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Str(s) => write!(f, "{s:?}"),
            other => f.write_str(&other.to_java_string()),
        }
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.java_equals(other)
    }
}

/// A Java number: Integer/Long or Double.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// Integer or Long.
    Int(i64),
    /// Double.
    Float(f64),
}

impl Number {
    /// The value as a double.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    /// Numeric comparison (Velocity's `MathUtils.compare`).
    pub fn compare(self, other: Number) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }

    /// The value as a template value.
    pub fn to_value(self) -> Value {
        match self {
            Number::Int(i) => Value::Int(i),
            Number::Float(f) => Value::Float(f),
        }
    }
}

/// Compact JSON, as json-smart's `toJSONString` writes it.
pub fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&crate::java::double_to_string(*f)),
        Value::Str(s) => crate::java::write_string(out, s),
        Value::List(list) => {
            out.push('[');
            for (i, item) in list.borrow().items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, v)) in map.borrow().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                crate::java::write_string(out, &k.to_java_string());
                out.push(':');
                write_json(v, out);
            }
            out.push('}');
        }
        Value::Object(o) => crate::java::write_string(out, &o.to_java_string()),
        Value::Block(_) => out.push_str("\"\""),
    }
}

/// Converts parsed JSON into template values: objects become ordered maps
/// (`{k=v}` when printed), arrays json-smart arrays (JSON when printed).
pub fn from_json(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::str(s.as_str()),
        serde_json::Value::Array(items) => Value::List(Rc::new(RefCell::new(List {
            items: items.iter().map(from_json).collect(),
            json: true,
        }))),
        serde_json::Value::Object(map) => Value::map(
            map.iter()
                .map(|(k, v)| (Key::from(k.as_str()), from_json(v)))
                .collect(),
        ),
    }
}

/// Parses JSON text straight into template values (no intermediate
/// `serde_json::Value`): what `$input.path` navigates.
///
/// # Errors
///
/// Text that is not JSON, with serde_json's description.
pub fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::collections::HashMap;

    /// Object keys repeat (arrays of similar objects): each distinct key is
    /// allocated once per document.
    type Interner = RefCell<HashMap<Box<str>, Rc<str>, FastHash>>;

    #[derive(Clone, Copy)]
    struct Seed<'i>(&'i Interner);

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = Value;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    struct KeySeed<'i>(&'i Interner);

    impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
        type Value = Rc<str>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Rc<str>, D::Error> {
            let key = std::borrow::Cow::<'de, str>::deserialize(d)?;
            let mut interner = self.0.borrow_mut();
            if let Some(rc) = interner.get(&*key) {
                return Ok(rc.clone());
            }
            let rc: Rc<str> = Rc::from(&*key);
            interner.insert(Box::from(&*key), rc.clone());
            Ok(rc)
        }
    }

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = Value;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
            Ok(Value::Bool(b))
        }
        fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
            Ok(Value::Int(i))
        }
        fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
            Ok(match i64::try_from(u) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Float(u as f64),
            })
        }
        fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
            Ok(Value::Float(f))
        }
        fn visit_str<E>(self, s: &str) -> Result<Value, E> {
            Ok(Value::str(s))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(v) = seq.next_element_seed(self)? {
                items.push(v);
            }
            Ok(Value::List(Rc::new(RefCell::new(List {
                items,
                json: true,
            }))))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
            let mut map =
                Map::with_capacity_and_hasher(access.size_hint().unwrap_or(0), FastHash::default());
            while let Some(key) = access.next_key_seed(KeySeed(self.0))? {
                let v = access.next_value_seed(self)?;
                map.insert(Key::Str(key), v);
            }
            Ok(Value::map(map))
        }
    }

    use serde::Deserialize as _;
    let interner = Interner::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed(&interner).deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_json_matches_from_json() {
        let text = r#"{"a":[1,-2,3.5,1e3,18446744073709551615,"x\n\u00e9"],"b":{"c":null,"d":true},"a2":{}}"#;
        let direct = parse_json(text).unwrap();
        let via = from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(direct.to_java_string(), via.to_java_string());
        assert!(direct.java_equals(&via));
        assert!(parse_json("{\"a\":").is_err());
    }

    #[test]
    fn collections_print_like_java_and_json_smart() {
        let map = Value::map(Map::from_iter([
            (Key::from("a"), Value::Int(1)),
            (
                Key::from("b"),
                Value::list(vec![Value::str("x"), Value::Null]),
            ),
        ]));
        assert_eq!(map.to_java_string(), "{a=1, b=[x, null]}");
        let json: serde_json::Value =
            serde_json::from_str(r#"{"a":[1,"two",{"b":true}],"c":{"d":1.5}}"#).unwrap();
        assert_eq!(
            from_json(&json).to_java_string(),
            r#"{a=[1,"two",{"b":true}], c={d=1.5}}"#
        );
    }

    #[test]
    fn equality_follows_velocity() {
        assert!(Value::Int(5).velocity_eq(&Value::Float(5.0)));
        assert!(Value::Int(5).velocity_eq(&Value::str("5")));
        assert!(!Value::Int(5).java_equals(&Value::Float(5.0)));
        assert!(!Value::Null.velocity_eq(&Value::str("")));
    }
}
