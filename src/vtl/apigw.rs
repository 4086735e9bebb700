//! API Gateway's template variables: `$input`, `$util`, `$context` and
//! `$stageVariables`, as its mapping templates see them.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

use super::value::{from_json, write_json, Key, List, Map, Object, Value};
use super::Vars;
use crate::jsonpath::{JsonPath, Selected};

/// The request (or integration response) a template reads through `$input`.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The payload as text.
    pub body: String,
    /// Path parameters, in path order.
    pub path: Vec<(String, String)>,
    /// Query string parameters (the last value of a repeated name wins).
    pub querystring: Vec<(String, String)>,
    /// Headers (the last value of a repeated name wins), with the client's casing.
    pub header: Vec<(String, String)>,
}

/// The `$input` object.
struct InputObject {
    input: Input,
    /// The body as template values, parsed once on first use.
    values: OnceCell<Result<Value, String>>,
    /// The body as JSON for the full JSONPath engine, parsed only when a
    /// path needs more than names and indexes.
    json: OnceCell<Result<serde_json::Value, String>>,
    /// `$input.params()`, built once.
    params: OnceCell<Value>,
}

/// How API Gateway reads a payload for `$input.path` / `$input.json`: an
/// empty body is `{}`; text that is not JSON is a JSON string, except text
/// that starts like an object or array, which must parse.
fn read_payload<Payload>(
    body: &str,
    empty: impl FnOnce() -> Payload,
    parse: impl FnOnce(&str) -> Result<Payload, serde_json::Error>,
    string: impl FnOnce(&str) -> Payload,
) -> Result<Payload, String> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return Ok(empty());
    }
    match parse(trimmed) {
        Ok(v) => Ok(v),
        Err(e) if trimmed.starts_with('{') || trimmed.starts_with('[') => Err(format!(
            "Could not process payload: the body is not valid JSON ({e})"
        )),
        Err(_) => Ok(string(body)),
    }
}

/// A JSONPath of only names and non-negative indexes (`$.a.b[0]['c']`),
/// which template values can answer without the full JSONPath engine.
enum Step<'p> {
    Name(&'p str),
    Index(usize),
}

fn simple_path(path: &str) -> Option<Vec<Step<'_>>> {
    let mut rest = path.strip_prefix('$')?;
    let mut steps = Vec::new();
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let len = after.find(|c: char| !name_char(c)).unwrap_or(after.len());
            if len == 0 {
                return None;
            }
            steps.push(Step::Name(&after[..len]));
            rest = &after[len..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            let inner = &after[..end];
            let quoted = inner
                .strip_prefix('\'')
                .and_then(|i| i.strip_suffix('\''))
                .or_else(|| inner.strip_prefix('"').and_then(|i| i.strip_suffix('"')));
            match quoted {
                Some(name) if !name.is_empty() && name.chars().all(name_char) => {
                    steps.push(Step::Name(name))
                }
                Some(_) => return None,
                None if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) => {
                    steps.push(Step::Index(inner.parse().ok()?))
                }
                None => return None,
            }
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(steps)
}

impl InputObject {
    fn values(&self) -> Result<&Value, String> {
        self.values
            .get_or_init(|| {
                read_payload(
                    &self.input.body,
                    || Value::map(Map::default()),
                    super::value::parse_json,
                    |t| Value::str(t),
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn json(&self) -> Result<&serde_json::Value, String> {
        self.json
            .get_or_init(|| {
                read_payload(
                    &self.input.body,
                    || serde_json::Value::Object(Default::default()),
                    |t| serde_json::from_str(t),
                    |t| serde_json::Value::String(t.to_string()),
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn select(&self, path: &str) -> Result<Option<Value>, String> {
        if let Some(steps) = simple_path(path) {
            let mut node = self.values()?.clone();
            for step in steps {
                node = match (step, &node) {
                    (Step::Name(name), Value::Map(map)) => {
                        match map.borrow().get(&super::value::StrKey(name)) {
                            Some(v) => v.clone(),
                            None => return Ok(None),
                        }
                    }
                    (Step::Index(i), Value::List(list)) => match list.borrow().items.get(i) {
                        Some(v) => v.clone(),
                        None => return Ok(None),
                    },
                    _ => return Ok(None),
                };
            }
            return Ok(Some(node));
        }
        let path = JsonPath::parse(path).map_err(|e| format!("invalid JSONPath: {e}"))?;
        let doc = self.json()?;
        Ok(match path.select(doc) {
            Selected::One(v) => Some(from_json(&v)),
            Selected::Missing => None,
            Selected::Many(items) => Some(Value::List(Rc::new(std::cell::RefCell::new(List {
                items: items.iter().map(|v| from_json(v)).collect(),
                json: true,
            })))),
        })
    }

    fn params_map(pairs: &[(String, String)]) -> Value {
        let mut map = Map::with_capacity_and_hasher(pairs.len(), Default::default());
        for (k, v) in pairs {
            map.insert(Key::from(k.as_str()), Value::str(v.as_str()));
        }
        Value::map(map)
    }

    /// `$input.params(name)`: the path, then the query string, then the
    /// headers (whose names match in any case).
    fn param(&self, name: &str) -> Value {
        last_value(&self.input.path, |k| k == name)
            .or_else(|| last_value(&self.input.querystring, |k| k == name))
            .or_else(|| last_value(&self.input.header, |k| k.eq_ignore_ascii_case(name)))
            .unwrap_or_else(|| Value::str(""))
    }
}

/// The value of the last pair whose name `is_name` accepts.
fn last_value(pairs: &[(String, String)], is_name: impl Fn(&str) -> bool) -> Option<Value> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| is_name(k))
        .map(|(_, v)| Value::str(v.as_str()))
}

impl Object for InputObject {
    fn class_name(&self) -> &str {
        "com.amazonaws.apigateway.Input"
    }
    fn property(&self, name: &str) -> Option<Value> {
        match name {
            "body" => Some(Value::str(self.body_text())),
            _ => None,
        }
    }
    fn call(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        match (name, args) {
            ("body" | "getBody", []) => Some(Ok(Value::str(self.body_text()))),
            ("json", [Value::Str(path)]) => Some(self.select(path).map(|v| match v {
                Some(v) => {
                    let mut out = String::new();
                    write_json(&v, &mut out);
                    Value::str(out)
                }
                None => Value::str(""),
            })),
            ("path", [Value::Str(path)]) => {
                Some(self.select(path).map(|v| v.unwrap_or(Value::Null)))
            }
            ("params", []) => Some(Ok(self
                .params
                .get_or_init(|| {
                    let mut all = Map::default();
                    all.insert(Key::from("path"), Self::params_map(&self.input.path));
                    all.insert(
                        Key::from("querystring"),
                        Self::params_map(&self.input.querystring),
                    );
                    all.insert(Key::from("header"), Self::params_map(&self.input.header));
                    Value::map(all)
                })
                .clone())),
            ("params", [Value::Str(param)]) => Some(Ok(self.param(param))),
            _ => None,
        }
    }
    fn to_java_string(&self) -> String {
        "{}".into()
    }
}

impl InputObject {
    /// `$input.body`: the raw payload; an empty one reads as `{}`.
    fn body_text(&self) -> String {
        if self.input.body.is_empty() {
            "{}".into()
        } else {
            self.input.body.clone()
        }
    }
}

/// The `$util` object.
struct Util;

impl Object for Util {
    fn class_name(&self) -> &str {
        "com.amazonaws.apigateway.Util"
    }
    fn call(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let [arg] = args else {
            return None;
        };
        let text = || arg.to_java_string();
        Some(match name {
            "escapeJavaScript" => Ok(match arg {
                Value::Null => Value::Null,
                _ => Value::str(escape_javascript(&text())),
            }),
            "parseJson" => serde_json::from_str::<serde_json::Value>(&text())
                .map(|v| from_json(&v))
                .map_err(|e| format!("$util.parseJson: the text is not JSON ({e})")),
            "urlEncode" => Ok(Value::str(crate::http::java_url_encode(&text()))),
            "urlDecode" => crate::http::java_url_decode(&text()).map(Value::str),
            "base64Encode" => Ok(Value::str(crate::http::base64_encode(text().as_bytes()))),
            "base64Decode" => crate::http::base64_decode(&text())
                .map(|bytes| Value::str(String::from_utf8_lossy(&bytes).into_owned())),
            _ => return None,
        })
    }
    fn to_java_string(&self) -> String {
        "{}".into()
    }
}

/// `$util.escapeJavaScript`: Apache Commons Lang's `escapeJavaScript`
/// (quotes, backslash and `/` escaped; control and non-ASCII characters as
/// `\uXXXX` in upper-case hex).
pub(crate) fn escape_javascript(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for unit in s.encode_utf16() {
        match unit {
            0x08 => out.push_str("\\b"),
            0x0a => out.push_str("\\n"),
            0x09 => out.push_str("\\t"),
            0x0c => out.push_str("\\f"),
            0x0d => out.push_str("\\r"),
            0x27 => out.push_str("\\'"),
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x2f => out.push_str("\\/"),
            u if !(0x20..0x7f).contains(&u) => {
                let _ = write!(out, "\\u{u:04X}");
            }
            u => out.push(u as u8 as char),
        }
    }
    out
}

/// The variables of one mapping template rendering: `$input` over
/// `input`, `$util`, `$context` (a map the template may change, for
/// `requestOverride` / `responseOverride`) and `$stageVariables`.
pub fn variables(input: Input, context: Value, stage_variables: &BTreeMap<String, String>) -> Vars {
    let mut vars = Vars::default();
    vars.insert(
        "input".into(),
        Value::Object(Rc::new(InputObject {
            input,
            values: OnceCell::new(),
            json: OnceCell::new(),
            params: OnceCell::new(),
        })),
    );
    vars.insert("util".into(), Value::Object(Rc::new(Util)));
    vars.insert("context".into(), context);
    let stage: Map = stage_variables
        .iter()
        .map(|(k, v)| (Key::from(k.as_str()), Value::str(v.as_str())))
        .collect();
    vars.insert("stageVariables".into(), Value::map(stage));
    vars
}

/// What a parameter mapping's `method.request.body.$.a.b` or
/// `integration.response.body.$.a.b` reads: the selected value, a string as
/// itself and anything else as compact JSON; `None` when the body is not
/// JSON or nothing is selected.
pub(crate) fn body_path_text(body: &str, path: &str) -> Option<String> {
    let doc: serde_json::Value = serde_json::from_str(body).ok()?;
    let path = JsonPath::parse(path).ok()?;
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match path.select(&doc) {
        Selected::One(v) => Some(text(&v)),
        Selected::Missing => None,
        Selected::Many(items) => Some(
            serde_json::Value::Array(items.into_iter().map(|v| v.into_owned()).collect())
                .to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn util_functions_match_java() {
        assert_eq!(
            escape_javascript("it's \"a\"/b\\\n\u{e9}\u{1}"),
            "it\\'s \\\"a\\\"\\/b\\\\\\n\\u00E9\\u0001"
        );
    }
}
