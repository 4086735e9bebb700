//! CloudFormation intrinsic functions, resolved over a whole tree: in a
//! template (with its parameters, conditions, mappings and resources) and in
//! an OpenAPI document that SAM or CDK left them in (a `DefinitionUri` file,
//! an `AWS::Include` snippet), where nothing is known of the stack.
//!
//! Outside CloudFormation there are no stacks: pseudo parameters resolve to
//! the gateway's region and account, and a function's logical id stands for
//! its name, so `${HelloFunction.Arn}` invokes `lambdas.HelloFunction`.
//! What else a resource returns is in `resources.rs`.

mod resources;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub(crate) use resources::{stand_in_id, ResourceRef};

use super::json::{invalid, kind_of, Pointer};
use super::warning::Warning;
use crate::error::Error;

/// The values pseudo parameters resolve to.
pub(crate) struct Stack {
    pub region: String,
    pub account_id: String,
}

/// What a template declares that intrinsics read.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// Parameter values (overrides, else `Default`); lists for list types.
    pub parameters: BTreeMap<String, Value>,
    /// Resources by logical id.
    pub resources: BTreeMap<String, ResourceRef>,
    /// `Mappings`.
    pub mappings: Map<String, Value>,
    /// `Conditions`, unevaluated.
    pub conditions: Map<String, Value>,
    /// The stack's name (`AWS::StackName`).
    pub stack_name: String,
}

/// How deep conditions may name conditions before it is taken for a loop.
const MAX_DEPTH: usize = 64;

/// Whether `value` holds an intrinsic function anywhere.
pub(crate) fn contains_intrinsics(value: &Value) -> bool {
    match value {
        Value::Object(map) => intrinsic_of(map).is_some() || map.values().any(contains_intrinsics),
        Value::Array(items) => items.iter().any(contains_intrinsics),
        _ => false,
    }
}

/// The function an object calls, when it is an intrinsic: one member,
/// `Fn::*`, or `Ref` with a name (so a schema property called `Ref` is not one).
fn intrinsic_of(map: &Map<String, Value>) -> Option<(&str, &Value)> {
    if map.len() != 1 {
        return None;
    }
    let (name, arg) = map.iter().next()?;
    (name.starts_with("Fn::") || (name == "Ref" && arg.is_string())).then_some((name, arg))
}

impl Stack {
    /// An ARN or URI field: a string, or an intrinsic that yields one.
    pub fn resolve(&self, value: &Value, at: &Pointer) -> Result<String, Error> {
        Resolver::new(self, None).string(value, at)
    }
}

/// One resolution: the stack, the template's scope if there is one, and the
/// warnings so far.
pub(crate) struct Resolver<'s> {
    stack: &'s Stack,
    scope: Option<&'s Scope>,
    /// Values that are stand-ins, at their pointers.
    pub warnings: Vec<Warning>,
    depth: usize,
}

impl<'s> Resolver<'s> {
    /// A resolution in `scope` (a template's), or of a document on its own.
    pub fn new(stack: &'s Stack, scope: Option<&'s Scope>) -> Resolver<'s> {
        Resolver {
            stack,
            scope,
            warnings: Vec::new(),
            depth: 0,
        }
    }

    fn warn(&mut self, at: &Pointer, message: String) {
        self.warnings.push(Warning {
            pointer: at.0.clone(),
            message,
        });
    }

    /// `value` with every intrinsic replaced by its value; `None` when it
    /// is `AWS::NoValue` (its key, or list item, goes away).
    pub fn tree(&mut self, value: &Value, at: &Pointer) -> Result<Option<Value>, Error> {
        match value {
            Value::Object(map) => {
                if let Some((name, arg)) = intrinsic_of(map) {
                    return self.call(name, arg, at);
                }
                let mut out = Map::with_capacity(map.len());
                for (key, item) in map {
                    if let Some(v) = self.tree(item, &at.key(key))? {
                        out.insert(key.clone(), v);
                    }
                }
                Ok(Some(Value::Object(out)))
            }
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    if let Some(v) = self.tree(item, &at.index(i))? {
                        out.push(v);
                    }
                }
                Ok(Some(Value::Array(out)))
            }
            other => Ok(Some(other.clone())),
        }
    }

    /// A value that must come out a string (a number is written as one).
    pub fn string(&mut self, value: &Value, at: &Pointer) -> Result<String, Error> {
        match self.tree(value, at)? {
            Some(Value::String(s)) => Ok(s),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(Value::Bool(b)) => Ok(b.to_string()),
            Some(other) => Err(invalid(
                at,
                format!("expected a string, found {}", kind_of(&other)),
            )),
            None => Err(invalid(
                at,
                "`AWS::NoValue` cannot stand where a string is needed",
            )),
        }
    }

    /// A value that must come out a list.
    fn list(&mut self, value: &Value, at: &Pointer) -> Result<Vec<Value>, Error> {
        match self.tree(value, at)? {
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(invalid(
                at,
                format!("expected a list, found {}", kind_of(&other)),
            )),
            None => Ok(Vec::new()),
        }
    }

    fn call(&mut self, name: &str, arg: &Value, at: &Pointer) -> Result<Option<Value>, Error> {
        let arg_at = at.key(name);
        let text = |s: String| Ok(Some(Value::String(s)));
        match name {
            "Ref" => {
                let target = arg.as_str().unwrap_or_default();
                if target == "AWS::NoValue" {
                    return Ok(None);
                }
                self.reference(target, at).map(Some)
            }
            "Fn::GetAtt" => {
                let (resource, attribute) = match arg {
                    Value::String(s) => {
                        let (r, a) = s.split_once('.').unwrap_or((s, ""));
                        (r.to_string(), a.to_string())
                    }
                    Value::Array(p) if p.len() == 2 && p[0].is_string() => (
                        p[0].as_str().unwrap_or_default().to_string(),
                        self.string(&p[1], &arg_at.index(1))?,
                    ),
                    _ => {
                        return Err(invalid(
                            &arg_at,
                            "`Fn::GetAtt` takes [logicalId, attribute] or \"logicalId.attribute\"",
                        ))
                    }
                };
                if resource.is_empty() || attribute.is_empty() {
                    return Err(invalid(
                        &arg_at,
                        "`Fn::GetAtt` takes [logicalId, attribute] or \"logicalId.attribute\"",
                    ));
                }
                text(self.attribute(&resource, &attribute, at))
            }
            "Fn::Sub" => {
                let (template, vars) = match arg {
                    Value::String(t) => (t.as_str(), None),
                    Value::Array(parts) if parts.len() == 2 && parts[0].is_string() => {
                        (parts[0].as_str().unwrap_or_default(), Some(&parts[1]))
                    }
                    _ => {
                        return Err(invalid(
                            &arg_at,
                            "`Fn::Sub` takes a string or [template, {variables}]",
                        ))
                    }
                };
                let mut values = Vec::new();
                if let Some(vars) = vars {
                    let vars_at = arg_at.index(1);
                    let Value::Object(map) = vars else {
                        return Err(invalid(&vars_at, "the `Fn::Sub` variables must be an object"));
                    };
                    for (k, v) in map {
                        values.push((k.clone(), self.string(v, &vars_at.key(k))?));
                    }
                }
                text(self.sub(template, &values, &arg_at)?)
            }
            "Fn::Join" => {
                let parts = arg.as_array().filter(|p| p.len() == 2);
                let Some(sep) = parts.and_then(|p| p[0].as_str()) else {
                    return Err(invalid(&arg_at, "`Fn::Join` takes [separator, [values]]"));
                };
                let list_at = arg_at.index(1);
                let items = self.list(&parts.expect("two parts")[1], &list_at)?;
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.string(item, &list_at.index(i))?);
                }
                text(out.join(sep))
            }
            "Fn::Select" => {
                let Some(parts) = arg.as_array().filter(|p| p.len() == 2) else {
                    return Err(invalid(&arg_at, "`Fn::Select` takes [index, [values]]"));
                };
                let index = self.string(&parts[0], &arg_at.index(0))?;
                let items = self.list(&parts[1], &arg_at.index(1))?;
                let found = index.parse::<usize>().ok().and_then(|i| items.get(i).cloned());
                found.map(Some).ok_or_else(|| {
                    invalid(
                        &arg_at,
                        format!("`Fn::Select` index {index} is not in a list of {} value(s)", items.len()),
                    )
                })
            }
            "Fn::Split" => {
                let Some(parts) = arg.as_array().filter(|p| p.len() == 2 && p[0].is_string()) else {
                    return Err(invalid(&arg_at, "`Fn::Split` takes [delimiter, string]"));
                };
                let delimiter = parts[0].as_str().unwrap_or_default();
                let whole = self.string(&parts[1], &arg_at.index(1))?;
                Ok(Some(Value::Array(
                    whole
                        .split(delimiter)
                        .map(|s| Value::String(s.to_string()))
                        .collect(),
                )))
            }
            "Fn::If" => {
                let Some(parts) = arg.as_array().filter(|p| p.len() == 3 && p[0].is_string()) else {
                    return Err(invalid(&arg_at, "`Fn::If` takes [condition, value if true, value if false]"));
                };
                let holds = self.condition(parts[0].as_str().unwrap_or_default(), &arg_at.index(0))?;
                let (branch, i) = if holds { (&parts[1], 1) } else { (&parts[2], 2) };
                self.tree(branch, &arg_at.index(i))
            }
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                let mut single = Map::new();
                single.insert(name.to_string(), arg.clone());
                Ok(Some(Value::Bool(self.truth(&Value::Object(single), at)?)))
            }
            "Fn::FindInMap" => {
                let Some(parts) = arg.as_array().filter(|p| p.len() >= 3) else {
                    return Err(invalid(&arg_at, "`Fn::FindInMap` takes [map, top-level key, second-level key]"));
                };
                let map = self.string(&parts[0], &arg_at.index(0))?;
                let top = self.string(&parts[1], &arg_at.index(1))?;
                let second = self.string(&parts[2], &arg_at.index(2))?;
                let found = self
                    .scope
                    .and_then(|s| s.mappings.get(&map))
                    .and_then(|m| m.get(&top))
                    .and_then(|m| m.get(&second))
                    .cloned();
                found.map(Some).ok_or_else(|| {
                    invalid(
                        &arg_at,
                        format!("`Mappings` has no `{map}` / `{top}` / `{second}`; add it to the template's `Mappings`"),
                    )
                })
            }
            "Fn::Base64" => {
                let plain = self.string(arg, &arg_at)?;
                text(crate::http::base64_encode(plain.as_bytes()))
            }
            "Fn::GetAZs" => {
                let region = &self.stack.region;
                Ok(Some(Value::Array(
                    ["a", "b", "c"]
                        .iter()
                        .map(|z| Value::String(format!("{region}{z}")))
                        .collect(),
                )))
            }
            "Fn::ToJsonString" => {
                let value = self.tree(arg, &arg_at)?.unwrap_or(Value::Null);
                text(value.to_string())
            }
            "Fn::Length" => Ok(Some(Value::from(self.list(arg, &arg_at)?.len()))),
            "Fn::ImportValue" if self.scope.is_some() => {
                let export = self.string(arg, &arg_at)?;
                self.warn(
                    at,
                    format!("`Fn::ImportValue` of `{export}` stands in as `imported-{export}`: another stack's exports are unknown here; pass the value as a parameter instead"),
                );
                text(format!("imported-{export}"))
            }
            other => Err(invalid(
                at,
                format!(
                    "the CloudFormation function `{other}` cannot be resolved outside CloudFormation; write the value instead"
                ),
            )),
        }
    }

    /// What `Ref` returns.
    fn reference(&mut self, name: &str, at: &Pointer) -> Result<Value, Error> {
        let stack = self.stack;
        let stack_name = self
            .scope
            .map(|s| s.stack_name.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or("portico");
        let pseudo = match name {
            "AWS::Region" => Some(stack.region.clone()),
            "AWS::AccountId" => Some(stack.account_id.clone()),
            "AWS::Partition" => Some("aws".to_string()),
            "AWS::URLSuffix" => Some("amazonaws.com".to_string()),
            "AWS::StackName" => Some(stack_name.to_string()),
            "AWS::StackId" => Some(format!(
                "arn:aws:cloudformation:{}:{}:stack/{stack_name}/00000000-0000-0000-0000-000000000000",
                stack.region, stack.account_id
            )),
            "AWS::NotificationARNs" => return Ok(Value::Array(Vec::new())),
            _ => None,
        };
        if let Some(value) = pseudo {
            return Ok(Value::String(value));
        }
        if let Some(scope) = self.scope {
            if let Some(value) = scope.parameters.get(name) {
                return Ok(value.clone());
            }
            if let Some(resource) = scope.resources.get(name) {
                return Ok(Value::String(stack.resource_ref(name, resource)));
            }
            self.warn(
                at,
                format!("`Ref` names `{name}`, which the template declares neither as a parameter nor as a resource; `{name}` stands in for its value"),
            );
        } else {
            self.warn(
                at,
                format!("`Ref` to `{name}` stands in as `{name}`: outside its template nothing is known of it; write the value to use another"),
            );
        }
        Ok(Value::String(name.to_string()))
    }

    /// What `Fn::GetAtt` returns.
    fn attribute(&mut self, resource: &str, attribute: &str, at: &Pointer) -> String {
        let stack = self.stack;
        if let Some(known) = self.scope.and_then(|s| s.resources.get(resource)) {
            return stack.resource_attribute(resource, known, attribute);
        }
        if self.scope.is_none() && attribute == "Arn" {
            // A SAM definition's functions: the logical id names the function.
            return stack.function_arn(resource);
        }
        let value =
            Stack::attribute_stand_in(resource, attribute, &stack.region, &stack.account_id);
        let whose = if self.scope.is_some() {
            "the template declares no such resource"
        } else {
            "outside its template nothing is known of it"
        };
        self.warn(
            at,
            format!("`{resource}.{attribute}` stands in as `{value}`: {whose}; write the value to use another"),
        );
        value
    }

    /// Whether a named condition of the template holds (a resource's `Condition`).
    pub fn holds(&mut self, name: &str, at: &Pointer) -> Result<bool, Error> {
        self.condition(name, at)
    }

    /// Whether a named condition of the template holds.
    fn condition(&mut self, name: &str, at: &Pointer) -> Result<bool, Error> {
        if self.scope.is_none() {
            // A document on its own: the template that declared the
            // condition is elsewhere, so the deployed branch is guessed.
            self.warn(
                at,
                format!("the condition `{name}` is declared in a template Portico does not have; it stands in as false (the `Fn::If`'s second value); write the value to use the other"),
            );
            return Ok(false);
        }
        let Some(definition) = self.scope.and_then(|s| s.conditions.get(name)) else {
            return Err(invalid(
                at,
                format!(
                    "the condition `{name}` is not declared; add it to the template's `Conditions`"
                ),
            ));
        };
        if self.depth >= MAX_DEPTH {
            return Err(invalid(
                at,
                format!("the condition `{name}` names itself through other conditions"),
            ));
        }
        self.depth += 1;
        let holds = self.truth(definition, &Pointer::root().key("Conditions").key(name));
        self.depth -= 1;
        holds
    }

    /// A condition function's value: `Fn::Equals`, `Fn::And`, `Fn::Or`,
    /// `Fn::Not`, `{"Condition": name}`, or a boolean.
    fn truth(&mut self, value: &Value, at: &Pointer) -> Result<bool, Error> {
        let parts_of = |arg: &Value, at: &Pointer, what: &str| -> Result<Vec<Value>, Error> {
            arg.as_array()
                .cloned()
                .ok_or_else(|| invalid(at, format!("`{what}` takes a list")))
        };
        match value {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s == "true" || s == "false" => Ok(s == "true"),
            Value::Object(map) if map.len() == 1 => {
                let (name, arg) = map.iter().next().expect("one member");
                let arg_at = at.key(name);
                match name.as_str() {
                    "Condition" => {
                        let Some(named) = arg.as_str() else {
                            return Err(invalid(&arg_at, "`Condition` takes a condition's name"));
                        };
                        self.condition(named, &arg_at)
                    }
                    "Fn::Equals" => {
                        let parts = parts_of(arg, &arg_at, name)?;
                        if parts.len() != 2 {
                            return Err(invalid(&arg_at, "`Fn::Equals` takes [value, value]"));
                        }
                        let left = self.tree(&parts[0], &arg_at.index(0))?;
                        let right = self.tree(&parts[1], &arg_at.index(1))?;
                        Ok(comparable(left) == comparable(right))
                    }
                    "Fn::And" | "Fn::Or" => {
                        let parts = parts_of(arg, &arg_at, name)?;
                        let mut all = true;
                        let mut any = false;
                        for (i, part) in parts.iter().enumerate() {
                            let holds = self.truth(part, &arg_at.index(i))?;
                            all &= holds;
                            any |= holds;
                        }
                        Ok(if name == "Fn::And" { all } else { any })
                    }
                    "Fn::Not" => {
                        let parts = parts_of(arg, &arg_at, name)?;
                        let [single] = parts.as_slice() else {
                            return Err(invalid(&arg_at, "`Fn::Not` takes [condition]"));
                        };
                        Ok(!self.truth(single, &arg_at.index(0))?)
                    }
                    _ => match self.tree(value, at)? {
                        Some(Value::Bool(b)) => Ok(b),
                        Some(Value::String(s)) if s == "true" || s == "false" => Ok(s == "true"),
                        _ => Err(invalid(at, "a condition must be `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`")),
                    },
                }
            }
            _ => Err(invalid(
                at,
                "a condition must be `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`",
            )),
        }
    }

    fn sub(
        &mut self,
        template: &str,
        vars: &[(String, String)],
        at: &Pointer,
    ) -> Result<String, Error> {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after
                .find('}')
                .ok_or_else(|| invalid(at, "an `Fn::Sub` variable is missing its closing `}`"))?;
            let name = after[..end].trim();
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else if let Some((_, v)) = vars.iter().find(|(k, _)| k == name) {
                out.push_str(v);
            } else if let Some((resource, attribute)) =
                name.split_once('.').filter(|(r, _)| !r.contains("::"))
            {
                let value = self.attribute(resource, attribute, at);
                out.push_str(&value);
            } else {
                match self.reference(name, at)? {
                    Value::String(s) => out.push_str(&s),
                    other => {
                        return Err(invalid(
                            at,
                            format!("`${{{name}}}` is {}, which `Fn::Sub` cannot write into a string; use `Fn::Join`", kind_of(&other)),
                        ))
                    }
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// A resolved value as `Fn::Equals` compares it: strings and numbers alike.
fn comparable(value: Option<Value>) -> Option<Value> {
    match value {
        Some(Value::Number(n)) => Some(Value::String(n.to_string())),
        Some(Value::Bool(b)) => Some(Value::String(b.to_string())),
        other => other,
    }
}

#[cfg(test)]
mod tests;
