//! The Java methods and properties templates call on values: String,
//! Integer/Long/Double, Boolean, List, Map and Map.Entry, as Velocity's
//! introspection finds them.

use std::cell::RefCell;
use std::rc::Rc;

use super::value::{java_double, Key, List, Map, Object, StrKey, Value};
use crate::regex::{Dialect, Regex};

/// What a call produced: a value, "no such method", or a Java exception.
pub enum Outcome {
    /// The method ran (a `void` method returns null).
    Value(Value),
    /// There is no such method for these arguments.
    NoSuchMethod,
    /// The method threw; the message names the exception.
    Threw(String),
}

use Outcome::{NoSuchMethod, Threw};

fn ok(v: Value) -> Outcome {
    Outcome::Value(v)
}

/// `$value.name(args)`.
pub fn call(target: &Value, name: &str, args: &[Value]) -> Outcome {
    match target {
        Value::Str(s) => string_method(s, name, args),
        Value::Int(_) | Value::Float(_) => number_method(target, name, args),
        Value::Bool(b) => bool_method(*b, name, args),
        Value::List(list) => list_method(list, name, args),
        Value::Map(map) => map_method(map, name, args),
        Value::Object(o) => match o.call(name, args) {
            Some(Ok(v)) => ok(v),
            Some(Err(e)) => Threw(e),
            None => object_method(target, name, args),
        },
        Value::Null | Value::Block(_) => NoSuchMethod,
    }
}

/// Methods every Java object has.
fn object_method(target: &Value, name: &str, args: &[Value]) -> Outcome {
    match (name, args) {
        ("toString", []) => ok(Value::str(target.to_java_string())),
        ("equals", [other]) => ok(Value::Bool(target.java_equals(other))),
        ("hashCode", []) => ok(Value::Int(java_hash(&target.to_java_string()) as i64)),
        ("getClass", []) => ok(Value::str(format!("class {}", target.class_name()))),
        _ => NoSuchMethod,
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

/// Java's `String.hashCode`.
pub fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
}

/// A Java `int` argument.
fn int(v: &Value) -> Option<i64> {
    v.as_int()
}

/// Converts a Java index to a char boundary (indexes count UTF-16 units).
fn utf16_to_byte(s: &str, index: i64) -> Option<usize> {
    if index < 0 {
        return None;
    }
    let mut units = 0i64;
    for (byte, c) in s.char_indices() {
        if units == index {
            return Some(byte);
        }
        units += c.len_utf16() as i64;
        if units > index {
            return None;
        }
    }
    (units == index).then_some(s.len())
}

fn utf16_len(s: &str) -> i64 {
    s.encode_utf16().count() as i64
}

fn byte_to_utf16(s: &str, byte: usize) -> i64 {
    s[..byte].encode_utf16().count() as i64
}

fn out_of_bounds(what: &str, index: i64, len: i64) -> Outcome {
    Threw(format!(
        "java.lang.StringIndexOutOfBoundsException: {what} {index}, length {len}"
    ))
}

fn regex(pattern: &str) -> Result<Regex, Outcome> {
    Regex::new(pattern, Dialect::Java)
        .map_err(|e| Threw(format!("java.util.regex.PatternSyntaxException: {e}")))
}

fn string_method(s: &Rc<str>, name: &str, args: &[Value]) -> Outcome {
    let str_arg = |i: usize| args.get(i).and_then(Value::as_str);
    match (name, args.len()) {
        ("length", 0) => ok(Value::Int(utf16_len(s))),
        ("isEmpty", 0) => ok(Value::Bool(s.is_empty())),
        ("toString" | "intern" | "toCharSequence", 0) => ok(Value::Str(s.clone())),
        ("toLowerCase", 0) => ok(Value::str(s.to_lowercase())),
        ("toUpperCase", 0) => ok(Value::str(s.to_uppercase())),
        ("trim", 0) => ok(Value::str(s.trim_matches(|c: char| c <= ' '))),
        ("hashCode", 0) => ok(Value::Int(java_hash(s) as i64)),
        ("equals", 1) => ok(Value::Bool(str_arg(0) == Some(&**s))),
        ("equalsIgnoreCase", 1) => ok(Value::Bool(
            str_arg(0).is_some_and(|o| o.to_lowercase() == s.to_lowercase()),
        )),
        ("contentEquals", 1) => ok(Value::Bool(args[0].to_java_string() == **s)),
        ("contains", 1) => match &args[0] {
            Value::Null => Threw("java.lang.NullPointerException".into()),
            other => ok(Value::Bool(s.contains(&*other.to_java_string()))),
        },
        ("startsWith", 1) => match str_arg(0) {
            Some(p) => ok(Value::Bool(s.starts_with(p))),
            None => NoSuchMethod,
        },
        ("startsWith", 2) => match (str_arg(0), int(&args[1])) {
            (Some(p), Some(from)) => ok(Value::Bool(
                utf16_to_byte(s, from).is_some_and(|b| s[b..].starts_with(p)),
            )),
            _ => NoSuchMethod,
        },
        ("endsWith", 1) => match str_arg(0) {
            Some(p) => ok(Value::Bool(s.ends_with(p))),
            None => NoSuchMethod,
        },
        ("indexOf" | "lastIndexOf", 1 | 2) => {
            let needle = match &args[0] {
                Value::Str(n) => n.to_string(),
                // indexOf(int ch): a code point.
                Value::Int(c) => match char::from_u32(*c as u32) {
                    Some(c) => c.to_string(),
                    None => return ok(Value::Int(-1)),
                },
                _ => return NoSuchMethod,
            };
            let last = name == "lastIndexOf";
            let from = match args.get(1) {
                Some(v) => match int(v) {
                    Some(f) => Some(f),
                    None => return NoSuchMethod,
                },
                None => None,
            };
            let len = utf16_len(s);
            let found = if last {
                let limit = from.map_or(len, |f| f.min(len));
                if limit < 0 {
                    None
                } else {
                    let end = utf16_to_byte(s, limit).unwrap_or(s.len());
                    let upto = (end + needle.len()).min(s.len());
                    let mut end_byte = upto;
                    while !s.is_char_boundary(end_byte) {
                        end_byte -= 1;
                    }
                    s[..end_byte].rfind(&*needle)
                }
            } else {
                let start = from.map_or(0, |f| f.max(0));
                if start > len {
                    None
                } else {
                    let b = utf16_to_byte(s, start).unwrap_or(s.len());
                    s[b..].find(&*needle).map(|i| i + b)
                }
            };
            ok(Value::Int(found.map_or(-1, |b| byte_to_utf16(s, b))))
        }
        ("substring", 1 | 2) => {
            let len = utf16_len(s);
            let (Some(begin), end) = (int(&args[0]), args.get(1).map(int)) else {
                return NoSuchMethod;
            };
            let end = match end {
                Some(Some(e)) => e,
                Some(None) => return NoSuchMethod,
                None => len,
            };
            if begin < 0 || end > len || begin > end {
                return Threw(format!(
                    "java.lang.StringIndexOutOfBoundsException: begin {begin}, end {end}, length {len}"
                ));
            }
            match (utf16_to_byte(s, begin), utf16_to_byte(s, end)) {
                (Some(b), Some(e)) => ok(Value::str(&s[b..e])),
                _ => Threw(
                    "java.lang.StringIndexOutOfBoundsException: a surrogate pair was split".into(),
                ),
            }
        }
        ("charAt", 1) => {
            let Some(i) = int(&args[0]) else {
                return NoSuchMethod;
            };
            let units: Vec<u16> = s.encode_utf16().collect();
            match usize::try_from(i).ok().and_then(|i| units.get(i)) {
                Some(&u) => ok(Value::str(String::from_utf16_lossy(&[u]))),
                None => out_of_bounds("index", i, units.len() as i64),
            }
        }
        ("concat", 1) => match str_arg(0) {
            Some(o) => ok(Value::str(format!("{s}{o}"))),
            None => Threw("java.lang.NullPointerException".into()),
        },
        ("replace", 2) => {
            let (from, to) = (args[0].to_java_string(), args[1].to_java_string());
            if args[0].is_null() || args[1].is_null() {
                return Threw("java.lang.NullPointerException".into());
            }
            if from.is_empty() {
                // Java inserts the replacement around every character.
                let mut out = to.clone();
                for c in s.chars() {
                    out.push(c);
                    out.push_str(&to);
                }
                return ok(Value::str(out));
            }
            ok(Value::str(s.replace(&*from, &to)))
        }
        ("replaceAll" | "replaceFirst", 2) => {
            let (Some(pattern), Some(with)) = (str_arg(0), str_arg(1)) else {
                return Threw("java.lang.NullPointerException".into());
            };
            let re = match regex(pattern) {
                Ok(re) => re,
                Err(e) => return e,
            };
            let result = if name == "replaceAll" {
                re.replace_all(s, with)
            } else {
                re.replace_first(s, with)
            };
            match result {
                Ok(out) => ok(Value::str(out)),
                Err(e) => Threw(format!("java.lang.IllegalArgumentException: {e}")),
            }
        }
        ("matches", 1) => {
            let Some(pattern) = str_arg(0) else {
                return Threw("java.lang.NullPointerException".into());
            };
            let re = match regex(pattern) {
                Ok(re) => re,
                Err(e) => return e,
            };
            match re.full_match(s) {
                Ok(m) => ok(Value::Bool(m)),
                Err(e) => Threw(e.to_string()),
            }
        }
        ("split", 1 | 2) => {
            let Some(pattern) = str_arg(0) else {
                return Threw("java.lang.NullPointerException".into());
            };
            let limit = match args.get(1) {
                Some(v) => match int(v) {
                    Some(l) => l as i32,
                    None => return NoSuchMethod,
                },
                None => 0,
            };
            let re = match regex(pattern) {
                Ok(re) => re,
                Err(e) => return e,
            };
            match re.split(s, limit) {
                Ok(parts) => ok(Value::list(parts.into_iter().map(Value::str).collect())),
                Err(e) => Threw(e.to_string()),
            }
        }
        ("compareTo" | "compareToIgnoreCase", 1) => {
            let Some(other) = str_arg(0) else {
                return NoSuchMethod;
            };
            let (a, b) = if name == "compareTo" {
                (s.to_string(), other.to_string())
            } else {
                (s.to_lowercase(), other.to_lowercase())
            };
            ok(Value::Int(java_compare(&a, &b)))
        }
        ("toCharArray", 0) => ok(Value::list(
            s.encode_utf16()
                .map(|u| Value::str(String::from_utf16_lossy(&[u])))
                .collect(),
        )),
        ("codePointAt", 1) => {
            let Some(i) = int(&args[0]) else {
                return NoSuchMethod;
            };
            match utf16_to_byte(s, i).and_then(|b| s[b..].chars().next()) {
                Some(c) => ok(Value::Int(c as i64)),
                None => out_of_bounds("index", i, utf16_len(s)),
            }
        }
        ("isBlank", 0) => ok(Value::Bool(s.chars().all(char::is_whitespace))),
        ("strip", 0) => ok(Value::str(s.trim())),
        ("repeat", 1) => match int(&args[0]) {
            Some(n) if (0..=1_000_000).contains(&n) => ok(Value::str(s.repeat(n as usize))),
            Some(n) => Threw(format!(
                "java.lang.IllegalArgumentException: count is negative: {n}"
            )),
            None => NoSuchMethod,
        },
        ("getBytes", 0) => ok(Value::list(
            s.bytes().map(|b| Value::Int(b as i8 as i64)).collect(),
        )),
        // Static methods, callable on any String as Java allows.
        ("valueOf", 1) => ok(Value::str(args[0].to_java_string())),
        ("join", _) if args.len() >= 2 => {
            let sep = args[0].to_java_string();
            let items: Vec<String> = match &args[1] {
                Value::List(l) if args.len() == 2 => {
                    l.borrow().items.iter().map(Value::to_java_string).collect()
                }
                _ => args[1..].iter().map(Value::to_java_string).collect(),
            };
            ok(Value::str(items.join(&sep)))
        }
        ("format", _) if !args.is_empty() => {
            match java_format(&args[0].to_java_string(), &args[1..]) {
                Ok(out) => ok(Value::str(out)),
                Err(e) => Threw(e),
            }
        }
        _ => object_method(&Value::Str(s.clone()), name, args),
    }
}

/// Java's `String.compareTo`: by UTF-16 units, then by length.
fn java_compare(a: &str, b: &str) -> i64 {
    let (mut x, mut y) = (a.encode_utf16(), b.encode_utf16());
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p != q => return p as i64 - q as i64,
            (Some(_), Some(_)) => {}
            _ => return utf16_len(a) - utf16_len(b),
        }
    }
}

/// A small `String.format`: `%s`, `%d`, `%f` with width, zero padding and
/// precision, `%%` and `%n`.
fn java_format(format: &str, args: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let mut next = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = chars.peek() {
            if d.is_ascii_digit() || d == '.' || d == '-' || d == ',' {
                spec.push(d);
                chars.next();
            } else {
                break;
            }
        }
        let conversion = chars
            .next()
            .ok_or("java.util.UnknownFormatConversionException: Conversion = '%'")?;
        if conversion == '%' {
            out.push('%');
            continue;
        }
        if conversion == 'n' {
            out.push('\n');
            continue;
        }
        let arg = args.get(next).cloned().unwrap_or(Value::Null);
        next += 1;
        let left = spec.starts_with('-');
        let spec = spec.trim_start_matches('-');
        let zero = spec.starts_with('0');
        let (width, precision) = match spec.split_once('.') {
            Some((w, p)) => (w.parse::<usize>().unwrap_or(0), p.parse::<usize>().ok()),
            None => (spec.parse::<usize>().unwrap_or(0), None),
        };
        let text = match conversion {
            's' | 'S' => {
                let t = arg.to_java_string();
                let t = match precision {
                    Some(p) => t.chars().take(p).collect(),
                    None => t,
                };
                if conversion == 'S' {
                    t.to_uppercase()
                } else {
                    t
                }
            }
            'd' => match arg {
                Value::Int(i) => i.to_string(),
                other => {
                    return Err(format!(
                        "java.util.IllegalFormatConversionException: d != {}",
                        other.class_name()
                    ))
                }
            },
            'f' => match arg.as_number() {
                Some(n) => format!("{:.*}", precision.unwrap_or(6), n.as_f64()),
                None => return Err("java.util.IllegalFormatConversionException: f".into()),
            },
            'b' => (!arg.is_null() && !matches!(arg, Value::Bool(false))).to_string(),
            other => {
                return Err(format!(
                    "java.util.UnknownFormatConversionException: Conversion = '{other}'"
                ))
            }
        };
        let pad = width.saturating_sub(text.chars().count());
        if left {
            out.push_str(&text);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if zero && conversion != 's' {
            let (sign, digits) = text
                .strip_prefix('-')
                .map_or(("", text.as_str()), |d| ("-", d));
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&text);
        }
    }
    Ok(out)
}

fn number_method(target: &Value, name: &str, args: &[Value]) -> Outcome {
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
            super::value::Number::Int(i) => i,
            super::value::Number::Float(f) => f as i64,
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
            super::value::Number::Int(i) if i32::try_from(i).is_ok() => i,
            super::value::Number::Int(i) => (i ^ (i >> 32)) as i32 as i64,
            super::value::Number::Float(f) => {
                let bits = f.to_bits();
                (bits ^ (bits >> 32)) as i32 as i64
            }
        })),
        _ => {
            let _ = java_double;
            object_method(target, name, args)
        }
    }
}

fn bool_method(b: bool, name: &str, args: &[Value]) -> Outcome {
    match (name, args) {
        ("booleanValue", []) => ok(Value::Bool(b)),
        ("parseBoolean" | "valueOf", [Value::Str(s)]) => {
            ok(Value::Bool(s.eq_ignore_ascii_case("true")))
        }
        _ => object_method(&Value::Bool(b), name, args),
    }
}

fn list_method(list: &Rc<RefCell<List>>, name: &str, args: &[Value]) -> Outcome {
    let index = |v: &Value, len: usize, inclusive: bool| -> Result<usize, Outcome> {
        match v.as_int() {
            Some(i) if i >= 0 && (i as usize) < len + usize::from(inclusive) => Ok(i as usize),
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
            match index(i, l.items.len(), false) {
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
            match index(i, len, true) {
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
            match index(i, len, false) {
                Ok(i) => ok(std::mem::replace(
                    &mut list.borrow_mut().items[i],
                    x.clone(),
                )),
                Err(e) => e,
            }
        }
        ("remove", [Value::Int(i)]) => {
            let len = list.borrow().items.len();
            match index(&Value::Int(*i), len, false) {
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
            match (index(a, len, true), index(b, len, true)) {
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
            super::value::write_json(&Value::List(list.clone()), &mut out);
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

fn map_method(map: &Rc<RefCell<Map>>, name: &str, args: &[Value]) -> Outcome {
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

#[cfg(test)]
mod tests {
    use super::*;

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
