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
//! A regex that runs out of its step budget (`MatchError::Budget`)
//! counts as "no match".

use crate::regex::{Dialect, Regex};
use crate::schema::compiler::{Compiler, Ctx, SCHEMA_MAP};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::{Key, Val};
use crate::schema::messages;
use crate::schema::report::Trail;
use crate::schema::selectors::{matches, Names, Props};
use crate::schema::types::OBJECT;
use serde_json::Value;

pub(crate) struct NoAdditional {
    named: Names,
    patterns: Box<[Regex]>,
}

impl NoAdditional {
    fn allowed(&self, name: Key) -> bool {
        self.named.find(name).is_some() || {
            let name = name.as_str();
            self.patterns.iter().any(|re| matches(re, name))
        }
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
            .filter(|(k, _)| !self.allowed(*k))
            .map(|(k, _)| k.as_str())
            .collect();
        messages::sort_names(&mut unwanted, crate::java::compare);
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
        for (k, v) in m {
            named.push((k.as_str(), cx.sub(s, v, &["properties", k])?));
        }
    }
    let mut patterns = Vec::new();
    if let Some(m) = schema_map(cx, s, "patternProperties")? {
        let mut keys: Vec<&str> = m.keys().map(String::as_str).collect();
        messages::sort_names(&mut keys, crate::java::compare);
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
                    named: Names::new(named.iter().map(|(n, _)| *n)),
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
        named: Names::new(named.iter().map(|(n, _)| *n)),
        patterns: patterns.into(),
        additional,
        deny,
        required: 0,
    })))
}
