//! `properties`, `patternProperties` and `additionalProperties`, which interact.
//!
//! Children (fge `ObjectSchemaSelector`, digest `ObjectSchemaDigester`): a member is validated
//! against `properties[name]` if present, then against every `patternProperties` schema whose
//! regex matches the name (ECMA 262 search, patterns in sorted order); only if none of these
//! applies, against `additionalProperties` when that is a schema.
//!
//! The `additionalProperties` keyword validator (fge `AdditionalPropertiesValidator`) only acts
//! when it is `false`: `err.common.additionalProperties.notAllowed` with the unwanted names
//! sorted (`Ordering.natural()`), as a JSON array.
//!
//! A regex that runs out of its step budget ([`MatchError::Budget`](crate::regex::MatchError))
//! counts as "no match".

use super::{entry, Entry, Keyword};
use crate::regex::{Dialect, Regex};
use crate::schema::compile::{Compiler, Ctx, SCHEMA_MAP};
use crate::schema::error::SchemaError;
use crate::schema::instance::Val;
use crate::schema::validate::{Trail, OBJECT};
use crate::schema::{messages, Schema};
use serde_json::Value;

/// A property name ordered by (length, first 8 bytes, bytes): binary search then rarely
/// needs a full string comparison.
#[derive(Clone)]
struct Name {
    len: usize,
    head: u64,
    text: Box<str>,
}

#[inline(always)]
fn head(s: &str) -> u64 {
    match s.as_bytes().first_chunk::<8>() {
        Some(b) => u64::from_be_bytes(*b),
        None => {
            let h = s.bytes().fold(0u64, |h, b| h << 8 | u64::from(b));
            h.checked_shl(8 * (8 - s.len() as u32)).unwrap_or(0)
        }
    }
}

impl Name {
    fn new(s: &str) -> Name {
        Name {
            len: s.len(),
            head: head(s),
            text: s.into(),
        }
    }
    #[inline(always)]
    fn cmp_to(&self, len: usize, h: u64, s: &str) -> std::cmp::Ordering {
        match (self.len, self.head).cmp(&(len, h)) {
            std::cmp::Ordering::Equal if len > 8 => self.text.as_bytes().cmp(s.as_bytes()),
            o => o,
        }
    }
}

#[inline]
fn find(names: &[Name], s: &str) -> Option<usize> {
    let h = head(s);
    names.binary_search_by(|n| n.cmp_to(s.len(), h, s)).ok()
}

pub(crate) struct Props {
    /// Sorted by [`Name`] order for binary search, with the member schemas.
    named: Box<[Name]>,
    named_schemas: Box<[u32]>,
    /// Sorted by pattern text (Java order), as fge's digest.
    patterns: Box<[(Regex, u32)]>,
    additional: Option<u32>,
    /// `additionalProperties: false`.
    pub deny: bool,
}

fn matches(re: &Regex, name: &str) -> bool {
    re.is_match(name).unwrap_or(false)
}

impl Props {
    /// Calls `f` with each subschema member `name` is validated against, in fge's order, while
    /// `f` returns true; returns whether all calls did, `None` if no subschema applies.
    #[inline]
    pub fn select(&self, name: &str, mut f: impl FnMut(u32) -> bool) -> Option<bool> {
        let mut any = false;
        if let Some(i) = find(&self.named, name) {
            any = true;
            if !f(self.named_schemas[i]) {
                return Some(false);
            }
        }
        for (re, n) in self.patterns.iter() {
            if matches(re, name) {
                any = true;
                if !f(*n) {
                    return Some(false);
                }
            }
        }
        match self.additional {
            Some(n) if !any => Some(f(n)),
            _ => any.then_some(true),
        }
    }
}

pub(crate) struct NoAdditional {
    named: Box<[Name]>,
    patterns: Box<[Regex]>,
}

impl NoAdditional {
    fn allowed(&self, name: &str) -> bool {
        find(&self.named, name).is_some() || self.patterns.iter().any(|re| matches(re, name))
    }
}

impl Keyword for NoAdditional {
    fn name(&self) -> &'static str {
        "additionalProperties"
    }
    fn check(&self, _: &Schema, v: Val, _: &Trail) -> bool {
        v.members().all(|(k, _)| self.allowed(k))
    }
    fn message(&self, _: &Schema, v: Val) -> String {
        let mut unwanted: Vec<&str> = v
            .members()
            .map(|(k, _)| k)
            .filter(|k| !self.allowed(k))
            .collect();
        messages::sort_names(&mut unwanted, messages::java_cmp);
        messages::additional_properties(&messages::string_array(unwanted))
    }
}

fn schema_map<'a>(
    cx: &Compiler,
    s: &Ctx<'a, '_>,
    key: &str,
) -> Result<Option<&'a serde_json::Map<String, Value>>, SchemaError> {
    match s.map.get(key) {
        None => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(v) => Err(cx.wrong(s, &[key], SCHEMA_MAP, v)),
    }
}

pub(crate) fn compile(
    cx: &mut Compiler,
    s: &Ctx,
    out: &mut Vec<Entry>,
) -> Result<Option<Box<Props>>, SchemaError> {
    let mut named = Vec::new();
    if let Some(m) = schema_map(cx, s, "properties")? {
        // [`Name`] order is (length, bytes).
        let mut keys: Vec<&str> = m.keys().map(String::as_str).collect();
        messages::sort_names(&mut keys, |a, b| {
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        });
        for k in keys {
            named.push((Name::new(k), cx.sub(s, &m[k], &["properties", k])?));
        }
    }
    let mut patterns = Vec::new();
    if let Some(m) = schema_map(cx, s, "patternProperties")? {
        let mut keys: Vec<&str> = m.keys().map(String::as_str).collect();
        messages::sort_names(&mut keys, messages::java_cmp);
        for k in keys {
            let re = Regex::new(k, Dialect::EcmaScript).map_err(|e| {
                cx.err(
                    s,
                    &["patternProperties", k],
                    format!(
                        "\"{k}\" is not a valid ECMA 262 regular expression ({e}); fix the pattern"
                    ),
                )
            })?;
            patterns.push((re, cx.sub(s, &m[k], &["patternProperties", k])?));
        }
    }
    let mut deny = false;
    let additional = match s.map.get("additionalProperties") {
        None | Some(Value::Bool(true)) => None,
        Some(Value::Bool(false)) => {
            let mut e = entry(
                OBJECT,
                NoAdditional {
                    named: named.iter().map(|(n, _)| n.clone()).collect(),
                    patterns: patterns.iter().map(|(r, _)| r.clone()).collect(),
                },
            );
            // `Schema::valid_at` checks this while selecting member schemas.
            e.fast = false;
            out.push(e);
            deny = true;
            None
        }
        Some(a @ Value::Object(_)) => Some(cx.sub(s, a, &["additionalProperties"])?),
        Some(a) => {
            return Err(cx.wrong(
                s,
                &["additionalProperties"],
                "a boolean or a schema (object)",
                a,
            ));
        }
    };
    if named.is_empty() && patterns.is_empty() && additional.is_none() && !deny {
        return Ok(None);
    }
    Ok(Some(Box::new(Props {
        named_schemas: named.iter().map(|(_, n)| *n).collect(),
        named: named.into_iter().map(|(n, _)| n).collect(),
        patterns: patterns.into(),
        additional,
        deny,
    })))
}
