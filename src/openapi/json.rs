//! Typed reading of a JSON document with JSON pointers for every error.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{escape_pointer_token, Error, ErrorKind};

/// A JSON pointer under construction (RFC 6901).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pointer(pub String);

impl Pointer {
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    /// The pointer to a member or an index of the value here.
    pub fn key(&self, token: &str) -> Pointer {
        let mut s = String::with_capacity(self.0.len() + token.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        s.push_str(&escape_pointer_token(token));
        Pointer(s)
    }

    pub fn index(&self, i: usize) -> Pointer {
        self.key(&i.to_string())
    }
}

/// An invalid-definition error at `at`.
#[cold]
pub(crate) fn invalid(at: &Pointer, detail: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidDefinition, detail).at(at.0.clone())
}

pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn object<'a>(
    value: &'a Value,
    at: &Pointer,
    what: &str,
) -> Result<&'a Map<String, Value>, Error> {
    value.as_object().ok_or_else(|| {
        invalid(
            at,
            format!("{what} must be an object, found {}", kind_of(value)),
        )
    })
}

pub(crate) fn string<'a>(value: &'a Value, at: &Pointer, what: &str) -> Result<&'a str, Error> {
    value.as_str().ok_or_else(|| {
        invalid(
            at,
            format!("{what} must be a string, found {}", kind_of(value)),
        )
    })
}

pub(crate) fn boolean(value: &Value, at: &Pointer, what: &str) -> Result<bool, Error> {
    match value {
        Value::Bool(b) => Ok(*b),
        // Exports and hand-written files alike sometimes quote booleans.
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(invalid(
            at,
            format!("{what} must be true or false, found {}", kind_of(other)),
        )),
    }
}

pub(crate) fn array<'a>(value: &'a Value, at: &Pointer, what: &str) -> Result<&'a [Value], Error> {
    value.as_array().map(Vec::as_slice).ok_or_else(|| {
        invalid(
            at,
            format!("{what} must be a list, found {}", kind_of(value)),
        )
    })
}

pub(crate) fn string_list(value: &Value, at: &Pointer, what: &str) -> Result<Vec<String>, Error> {
    let items = array(value, at, what)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(string(item, &at.index(i), what)?.to_string());
    }
    Ok(out)
}

pub(crate) fn string_map(
    value: &Value,
    at: &Pointer,
    what: &str,
) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for (k, v) in object(value, at, what)? {
        out.insert(k.clone(), string(v, &at.key(k), what)?.to_string());
    }
    Ok(out)
}

/// A whole number within `range`, also when written as a numeric string.
pub(crate) fn whole(
    value: &Value,
    at: &Pointer,
    what: &str,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, Error> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    n.filter(|n| range.contains(n)).ok_or_else(|| {
        invalid(
            at,
            format!(
                "{what} must be a whole number from {} to {}",
                range.start(),
                range.end()
            ),
        )
    })
}

/// The one of `choices` whose `name` is `text`, compared without regard to
/// ASCII case, as API Gateway compares the values of its enums.
pub(crate) fn named<T: Copy>(text: &str, choices: &[T], name: fn(T) -> &'static str) -> Option<T> {
    choices
        .iter()
        .copied()
        .find(|&choice| name(choice).eq_ignore_ascii_case(text))
}

/// The one of `choices` that `text` names (see [`named`]); any other text is
/// refused with the list of names.
pub(crate) fn one_of<T: Copy>(
    text: &str,
    at: &Pointer,
    what: &str,
    choices: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, Error> {
    named(text, choices, name).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|&choice| name(choice)).collect();
        unknown(at, what, text, &names)
    })
}

/// The error for a value outside a closed list:
/// "unknown endpoint type `X`; use EDGE, REGIONAL or PRIVATE".
#[cold]
pub(crate) fn unknown(at: &Pointer, what: &str, text: &str, choices: &[&str]) -> Error {
    let listed = match choices {
        [first @ .., last] if !first.is_empty() => format!("{} or {last}", first.join(", ")),
        _ => choices.join(""),
    };
    invalid(at, format!("unknown {what} `{text}`; use {listed}"))
}

/// A string or a number, as text (status codes are written both ways).
pub(crate) fn text_or_number(value: &Value, at: &Pointer, what: &str) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(invalid(
            at,
            format!("{what} must be a string, found {}", kind_of(other)),
        )),
    }
}

/// Whether `text` is a status code API Gateway accepts: three digits, 100 to 599.
pub(crate) fn is_status_code(text: &str) -> bool {
    text.len() == 3
        && text.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'5').contains(&text.as_bytes()[0])
}

/// A `statusCode`, written as a string or a number.
pub(crate) fn status_code(value: &Value, at: &Pointer) -> Result<String, Error> {
    let status = text_or_number(value, at, "`statusCode`")?;
    if is_status_code(&status) {
        Ok(status)
    } else {
        Err(invalid(
            at,
            format!("`{status}` is not a status code; use 100 to 599"),
        ))
    }
}
