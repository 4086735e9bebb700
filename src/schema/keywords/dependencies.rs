//! `dependencies` (fge `DependenciesValidator`, digest `DraftV4DependenciesDigester`): objects
//! only. Property dependencies are checked first, in schema order, each failing one reporting
//! `err.common.dependencies.missingPropertyDeps` with the property name raw, the required names
//! (sorted by the digester) and the missing ones (sorted) as JSON
//! arrays (the metaschema forbids repeated names, so the two lists have no repeats). Schema
//! dependencies follow, sorted by property name; fge validates them into the
//! *same* report, so their errors appear in the top-level list.

use super::required::{names, sorted};
use crate::schema::compiler::{Compiler, Ctx};
use crate::schema::error::SchemaError;
use crate::schema::graph::{entry, Entry, Keyword, Schema};
use crate::schema::instance::Val;
use crate::schema::messages;
use crate::schema::report::{Report, Trail};
use crate::schema::types::OBJECT;
use serde_json::Value;

/// A property and the names it requires (sorted).
type PropertyDep = (Box<str>, Box<[Box<str>]>);

pub(crate) struct Dependencies {
    props: Box<[PropertyDep]>,
    schemas: Box<[(Box<str>, u32)]>,
}

fn missing<'d>(o: Val<'d>, deps: &'d [Box<str>]) -> impl Iterator<Item = &'d str> {
    deps.iter()
        .enumerate()
        .filter(move |(i, d)| !o.has(d) && !deps[..*i].contains(d))
        .map(|(_, d)| &**d)
}

impl Keyword for Dependencies {
    fn name(&self) -> &'static str {
        "dependencies"
    }
    fn check(&self, s: &Schema, v: Val, t: &Trail) -> bool {
        self.props
            .iter()
            .all(|(p, deps)| !v.has(p) || deps.iter().all(|d| v.has(d)))
            && self
                .schemas
                .iter()
                .all(|(p, n)| !v.has(p) || s.valid_at(*n, v, t))
    }
    fn report<'v>(&self, s: &Schema, v: Val<'v>, t: &Trail, at: &str, out: &mut Report<'v>) {
        for (p, deps) in self.props.iter() {
            if v.has(p) && missing(v, deps).next().is_some() {
                let required = messages::string_array(deps.iter().map(|d| &**d));
                let missing = messages::string_array(missing(v, deps));
                out.push(
                    at,
                    "dependencies",
                    messages::dependencies(p, &required, &missing),
                );
            }
        }
        for (p, n) in self.schemas.iter() {
            if v.has(p) {
                s.collect_at(*n, v, out, t);
            }
        }
    }
}

pub(crate) fn compile(cx: &mut Compiler, s: &Ctx, out: &mut Vec<Entry>) -> Result<(), SchemaError> {
    let Some(d) = s.map.get("dependencies") else {
        return Ok(());
    };
    let Value::Object(d) = d else {
        return Err(cx.wrong(
            s,
            &["dependencies"],
            "an object mapping property names to a schema or to an array of property names",
            d,
        ));
    };
    let (mut props, mut with_schema) = (Vec::new(), Vec::new());
    for (p, dep) in d {
        if dep.is_object() {
            with_schema.push(p.as_str());
        } else if dep.is_array() {
            let n = names(cx, s, &["dependencies", p], dep)?;
            props.push((p.as_str().into(), sorted(&n)));
        } else {
            return Err(cx.wrong(
                s,
                &["dependencies", p],
                "a schema (object) or a non-empty array of property names",
                dep,
            ));
        }
    }
    messages::sort_names(&mut with_schema, crate::java::compare);
    let mut schemas = Vec::with_capacity(with_schema.len());
    for p in with_schema {
        schemas.push((p.into(), cx.sub(s, &d[p], &["dependencies", p])?));
    }
    out.push(entry(
        OBJECT,
        Dependencies {
            props: props.into(),
            schemas: schemas.into(),
        },
    ));
    Ok(())
}
