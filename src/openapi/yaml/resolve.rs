//! From a node as written to its value: the core schema (`null`, `true`,
//! `12`), the standard tags (`!!str` ...), and CloudFormation's short-form
//! tags (`!Ref x` -> `{"Ref": "x"}`).

use serde_json::{Map, Number, Value};

use super::error::YamlError;
use super::scanner::Parser;

/// How a scalar's text becomes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolution {
    /// A plain scalar: `null`, `true`, `12` ... by the core schema.
    CoreSchema,
    /// A quoted or block scalar, or a collection: as written.
    AsWritten,
}

/// Core-schema number: `None` if `t` is not a number (or an integer too large to be
/// exact), `Some(None)` for infinity/NaN, which JSON cannot hold.
fn number(t: &str) -> Option<Option<Number>> {
    let digits = |s: &str, radix| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(d) = t.strip_prefix(prefix) {
            return u64::from_str_radix(d, radix)
                .ok()
                .filter(|_| digits(d, radix))
                .map(|n| Some(n.into()));
        }
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits(body, 10) {
        return match t.starts_with('-') {
            true => t.parse::<i64>().ok().map(|n| Some(n.into())),
            false => body.parse::<u64>().ok().map(|n| Some(n.into())),
        };
    }
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(t, ".nan" | ".NaN" | ".NAN") {
        return Some(None);
    }
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(k) => (&body[..k], Some(&body[k + 1..])),
        None => (body, None),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let all = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    if !all(int) || !all(frac) || int.is_empty() && frac.is_empty() || !exp_ok {
        return None;
    }
    // Rewritten as a JSON number and read by serde_json, so a float in a YAML document
    // becomes exactly the value the same number gets in a JSON document.
    let int = int.trim_start_matches('0');
    let mut json = String::from(if t.starts_with('-') { "-" } else { "" });
    json.push_str(if int.is_empty() { "0" } else { int });
    json = json + "." + if frac.is_empty() { "0" } else { frac };
    if let Some(e) = exp {
        json = json + "e" + e;
    }
    match serde_json::from_str(&json) {
        Ok(Value::Number(n)) => Some(Some(n)),
        _ => Some(None), // out of range: infinite
    }
}

impl Parser {
    /// Resolves a plain scalar with the core schema (`v` holds its text).
    fn scalar(&self, v: Value, pos: usize) -> Result<Value, YamlError> {
        let Value::String(t) = v else { return Ok(v) };
        Ok(match t.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => Value::Null,
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            _ => match number(&t) {
                None => Value::String(t),
                Some(Some(n)) => Value::Number(n),
                Some(None) => return Err(self.error_at(
                    pos,
                    "JSON cannot represent infinity or NaN; quote the value to keep it as a string",
                )),
            },
        })
    }

    /// Applies a node's tag; untagged plain scalars are resolved with the core schema.
    pub(super) fn finish(
        &self,
        tag: Option<(String, usize)>,
        v: Value,
        resolution: Resolution,
        pos: usize,
    ) -> Result<Value, YamlError> {
        let Some((t, tp)) = tag else {
            return match resolution {
                Resolution::CoreSchema => self.scalar(v, pos),
                Resolution::AsWritten => Ok(v),
            };
        };
        let text = v.as_str().map(str::to_string);
        let got = match t.as_str() {
            "!" | "!!str" => text.map(Value::String),
            "!!map" => Some(v).filter(Value::is_object),
            "!!seq" => Some(v).filter(Value::is_array),
            "!!int" | "!!float" | "!!bool" | "!!null" => match (
                &t[2..],
                text.map(|s| self.scalar(Value::String(s), pos))
                    .transpose()?,
            ) {
                ("int", Some(Value::Number(n))) if !n.is_f64() => Some(Value::Number(n)),
                ("float", Some(Value::Number(n))) => {
                    n.as_f64().and_then(Number::from_f64).map(Value::Number)
                }
                ("bool", Some(b @ Value::Bool(_))) => Some(b),
                ("null", Some(Value::Null)) => Some(Value::Null),
                _ => None,
            },
            _ if t.starts_with("!!") || t.starts_with("!<") => {
                let msg = format!("the tag {t} is not supported; use !!str, !!int, !!float, !!bool, !!null, !!map, !!seq or a CloudFormation tag such as !Ref");
                return Err(self.error_at(tp, &msg));
            }
            _ => {
                // CloudFormation short form: `!Name x` becomes {"Fn::Name": x}.
                let name = &t[1..];
                let mut v = if resolution == Resolution::CoreSchema && v != "" {
                    self.scalar(v, pos)?
                } else {
                    v
                };
                if let Some((a, b)) = v
                    .as_str()
                    .filter(|_| name == "GetAtt")
                    .and_then(|s| s.split_once('.'))
                {
                    v = Value::Array(vec![a.into(), b.into()]);
                }
                let key = match name {
                    "Ref" | "Condition" => name.to_string(),
                    _ => format!("Fn::{name}"),
                };
                Some(Value::Object(Map::from_iter([(key, v)])))
            }
        };
        got.ok_or_else(|| {
            let msg =
                format!("the value does not match its tag {t}; change the value or remove the tag");
            self.error_at(tp, &msg)
        })
    }
}
