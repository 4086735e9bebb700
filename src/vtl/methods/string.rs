//! `java.lang.String`'s methods, with Java's indexes in UTF-16 units, its
//! exceptions' messages, `java.util.regex` for `matches`, `replaceAll` and
//! `split`, `compareTo` and a small `String.format`.

use std::rc::Rc;

use super::object::{object_method, ok, Outcome};
use crate::regex::{Dialect, Regex};
use crate::vtl::value::Value;
use Outcome::{NoSuchMethod, Threw};

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

pub(super) fn string_method(s: &Rc<str>, name: &str, args: &[Value]) -> Outcome {
    let str_arg = |i: usize| args.get(i).and_then(Value::as_str);
    match (name, args.len()) {
        ("length", 0) => ok(Value::Int(crate::java::length(s) as i64)),
        ("isEmpty", 0) => ok(Value::Bool(s.is_empty())),
        ("toString" | "intern" | "toCharSequence", 0) => ok(Value::Str(s.clone())),
        ("toLowerCase", 0) => ok(Value::str(s.to_lowercase())),
        ("toUpperCase", 0) => ok(Value::str(s.to_uppercase())),
        ("trim", 0) => ok(Value::str(s.trim_matches(|c: char| c <= ' '))),
        ("hashCode", 0) => ok(Value::Int(i64::from(crate::java::hash_code(s)))),
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
            let len = crate::java::length(s) as i64;
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
            let len = crate::java::length(s) as i64;
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
            ok(Value::Int(crate::java::compare_to(&a, &b)))
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
                None => out_of_bounds("index", i, crate::java::length(s) as i64),
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
