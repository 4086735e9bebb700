//! The template's parts as the translators read them: its resources (those
//! whose condition holds), their properties resolved with `Globals`
//! applied, and what a translation hands back.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::Error;
use crate::openapi::intrinsics::{Resolver, Scope, Stack};
use crate::openapi::json::{invalid, Pointer};
use crate::openapi::Warning;

/// The logical id SAM gives the REST API its functions' `Api` events make.
pub(super) const IMPLICIT_REST_API: &str = "ServerlessRestApi";
/// The logical id SAM gives the HTTP API its functions' `HttpApi` events make.
pub(super) const IMPLICIT_HTTP_API: &str = "ServerlessHttpApi";

/// An API as the template's translation hands it to the importer.
#[derive(Debug, Default)]
pub(super) struct ApiDocument {
    pub document: Value,
    pub stage: Option<String>,
    pub stage_variables: BTreeMap<String, String>,
    pub origins: Vec<(String, String)>,
}

/// A template being read.
pub(super) struct Template<'t> {
    /// Resources whose condition holds, in document order: (logical id, resource).
    pub resources: Vec<(&'t str, &'t Map<String, Value>)>,
    pub stack: Stack,
    pub scope: Scope,
    pub globals: Map<String, Value>,
    pub warnings: Vec<Warning>,
    pub files: Option<&'t BTreeMap<String, String>>,
}

impl<'t> Template<'t> {
    /// The type of a resource, if the template declares it.
    pub fn kind(&self, id: &str) -> Option<&'t str> {
        self.resources
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, r)| r.get("Type"))
            .and_then(Value::as_str)
    }

    /// A resource's `Properties`, intrinsics resolved and, for SAM
    /// resources, `Globals` applied.
    pub fn properties(&mut self, id: &str) -> Result<Map<String, Value>, Error> {
        let Some((_, resource)) = self.resources.iter().find(|(i, _)| *i == id).copied() else {
            return Ok(Map::new());
        };
        let at = Pointer::root().key("Resources").key(id).key("Properties");
        let mut raw = resource
            .get("Properties")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()));
        let section = match resource.get("Type").and_then(Value::as_str) {
            Some("AWS::Serverless::Function") => Some("Function"),
            Some("AWS::Serverless::Api") => Some("Api"),
            Some("AWS::Serverless::HttpApi") => Some("HttpApi"),
            _ => None,
        };
        if let (Some(section), Value::Object(own)) = (section, &mut raw) {
            if let Some(Value::Object(global)) = self.globals.get(section) {
                apply_globals(own, global);
            }
        }
        let mut resolver = Resolver::new(&self.stack, Some(&self.scope));
        let resolved = resolver.tree(&raw, &at)?;
        self.warnings.append(&mut resolver.warnings);
        match resolved {
            Some(Value::Object(map)) => Ok(map),
            Some(other) => Err(invalid(
                &at,
                format!(
                    "`Properties` must be an object, found {}",
                    crate::openapi::json::kind_of(&other)
                ),
            )),
            None => Ok(Map::new()),
        }
    }

    /// A resource's `Metadata` (not resolved: CDK writes plain values there).
    pub fn metadata(&self, id: &str) -> Option<&'t Map<String, Value>> {
        self.resources
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, r)| r.get("Metadata"))
            .and_then(Value::as_object)
    }

    /// Records a caveat at a pointer into the template.
    pub fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: at.0.clone(),
            message: message.into(),
        });
    }

    /// The logical id a `Ref` (or `Fn::GetAtt`) in the raw template names.
    pub fn raw_ref(value: &Value) -> Option<&str> {
        match value {
            Value::String(s) => Some(s.as_str()),
            Value::Object(map) if map.len() == 1 => match map.iter().next()? {
                (k, Value::String(s)) if k == "Ref" => Some(s.as_str()),
                (k, Value::String(s)) if k == "Fn::GetAtt" => s.split('.').next(),
                (k, Value::Array(p)) if k == "Fn::GetAtt" => p.first()?.as_str(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The raw (unresolved) value of a resource property.
    pub fn raw_property(&self, id: &str, name: &str) -> Option<&'t Value> {
        self.resources
            .iter()
            .find(|(i, _)| *i == id)
            .and_then(|(_, r)| r.get("Properties"))
            .and_then(|p| p.get(name))
    }

    /// The resources of a type, in document order.
    pub fn of_kind(&self, kind: &str) -> Vec<&'t str> {
        self.resources
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(kind))
            .map(|(id, _)| *id)
            .collect()
    }

    /// A function's ARN, as `Fn::GetAtt [id, Arn]` gives it.
    pub fn function_arn(&self, id: &str) -> String {
        match self.scope.resources.get(id) {
            Some(resource) => self.stack.resource_attribute(id, resource, "Arn"),
            None => self.stack.function_arn(id),
        }
    }
}

/// `Globals` under a resource's own properties: maps merge (the resource's
/// keys win), lists and values are the resource's when it has them.
fn apply_globals(own: &mut Map<String, Value>, global: &Map<String, Value>) {
    for (key, value) in global {
        match (own.get_mut(key), value) {
            (Some(Value::Object(mine)), Value::Object(theirs)) => apply_globals(mine, theirs),
            (Some(_), _) => {}
            (None, _) => {
                own.insert(key.clone(), value.clone());
            }
        }
    }
}

/// A definition body without `info.title` named as API Gateway names it:
/// after the API resource's `Name` (else `fallback`). CloudFormation
/// deploys such bodies; the importer needs the name.
pub(super) fn with_title(mut doc: Value, name: Option<&Value>, fallback: &str) -> Value {
    let is_document =
        |top: &Map<String, Value>| top.contains_key("swagger") || top.contains_key("openapi");
    if let Value::Object(top) = &mut doc {
        if !is_document(top) {
            return doc;
        }
        let info = top
            .entry("info")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(info) = info {
            if !info.contains_key("title") {
                let title = name.and_then(Value::as_str).unwrap_or(fallback);
                info.insert("title".to_string(), Value::String(title.to_string()));
            }
        }
    }
    doc
}
