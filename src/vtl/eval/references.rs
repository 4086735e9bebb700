//! `$references`: rendered in text (escapes, `$!quiet`, what a null one
//! prints), read (properties, methods, indexes, strict mode's errors) and
//! assigned by `#set`.

use super::{as_renderable, int_of, render_error, Flow, Renderer};
use crate::vtl::ast::{Expr, Part, Reference};
use crate::vtl::config::NullRendering;
use crate::vtl::error::Error;
use crate::vtl::methods::{self, Outcome};
use crate::vtl::value::{Key, Value};

impl Renderer<'_> {
    pub(super) fn render_reference(&mut self, r: &Reference) -> Result<Flow, Error> {
        let half = r.backslashes / 2;
        let owned;
        let escapes: &str = if half <= BACKSLASHES.len() {
            &BACKSLASHES[..half]
        } else {
            owned = "\\".repeat(half);
            &owned
        };
        if r.escaped() {
            if self.config.strict_escape {
                self.out.push_str(escapes);
                self.out.push_str(&r.literal);
                return Ok(Flow::Normal);
            }
            let value = self.reference_value_lenient(r)?;
            self.out.push_str(escapes);
            if value.is_null() {
                self.out.push('\\');
            }
            self.out.push_str(&r.literal);
            return Ok(Flow::Normal);
        }
        let value = self.reference_value(r)?;
        let value = match as_renderable(&value) {
            Some(renderable) => {
                self.out.push_str(escapes);
                match self.render_renderable(&renderable, r.pos)? {
                    Some(flow) => return Ok(flow),
                    None => Value::Null,
                }
            }
            None => value,
        };
        if value.is_null() {
            if self.config.strict && !r.quiet {
                return Err(render_error(
                    format!(
                        "Reference {} evaluated to null when attempting to render; prepend it with '$!' to render nothing",
                        r.literal
                    ),
                    r.pos,
                ));
            }
            if !self.config.strict_escape {
                self.out.push_str(escapes);
            }
            self.out.push_str(escapes);
            if !r.quiet && self.config.null_rendering == NullRendering::Literal {
                let literal = if r.parts.is_empty() {
                    self.argument_literal(&r.root)
                } else {
                    None
                };
                self.out.push_str(literal.as_deref().unwrap_or(&r.literal));
            }
            return Ok(Flow::Normal);
        }
        self.out.push_str(escapes);
        match &value {
            Value::Str(s) => self.out.push_str(s),
            other => other.write_java(&mut self.out),
        }
        Ok(Flow::Normal)
    }

    /// A reference's value where strict mode should not complain (escaped references).
    fn reference_value_lenient(&mut self, r: &Reference) -> Result<Value, Error> {
        let saved = self.in_condition;
        self.in_condition = true;
        let strict_root = r.parts.is_empty();
        let result = if strict_root {
            self.reference_value(r)
        } else {
            self.reference_value(r).or(Ok(Value::Null))
        };
        self.in_condition = saved;
        result
    }

    /// The value of a reference: the root, then each property, method and index.
    pub(super) fn reference_value(&mut self, r: &Reference) -> Result<Value, Error> {
        let depth = self.frames.len();
        let root = self.lookup(&r.root, depth)?;
        let mut value = match root {
            Some(v) => v,
            None => {
                if self.config.strict
                    && !(self.in_condition && r.parts.is_empty())
                    && !self.is_scope_name(&r.root)
                {
                    return Err(render_error(
                        format!("Variable ${} has not been set", r.root),
                        r.pos,
                    ));
                }
                Value::Null
            }
        };
        for part in &r.parts {
            if value.is_null() {
                if self.config.strict {
                    let (name, pos) = match part {
                        Part::Property(n, p) | Part::Method(n, _, p) => (n.to_string(), *p),
                        Part::Index(_, p) => ("[]".to_string(), *p),
                    };
                    return Err(render_error(
                        format!("Attempted to access '{name}' on a null value"),
                        pos,
                    ));
                }
                return Ok(Value::Null);
            }
            let v = self.resolve_renderable(value)?;
            value = self.apply(&v, part)?;
        }
        Ok(value)
    }

    fn apply(&mut self, target: &Value, part: &Part) -> Result<Value, Error> {
        match part {
            Part::Property(name, pos) => match methods::property(target, name) {
                Some(v) => Ok(v),
                None if self.config.strict => Err(render_error(
                    format!(
                        "Object '{}' does not contain property '{name}'",
                        target.class_name()
                    ),
                    *pos,
                )),
                None => Ok(Value::Null),
            },
            Part::Method(name, args, pos) => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    let v = self.value(a)?;
                    values.push(self.resolve_renderable(v)?);
                }
                match methods::call(target, name, &values) {
                    Outcome::Value(v) => Ok(v),
                    Outcome::NoSuchMethod if self.config.strict => Err(render_error(
                        format!(
                            "Object '{}' does not contain method {name}({})",
                            target.class_name(),
                            values
                                .iter()
                                .map(Value::class_name)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        *pos,
                    )),
                    Outcome::NoSuchMethod => Ok(Value::Null),
                    Outcome::Threw(e) => Err(render_error(
                        format!(
                            "invocation of method '{name}' in {} threw {e}",
                            target.class_name()
                        ),
                        *pos,
                    )),
                }
            }
            Part::Index(index, pos) => {
                let key = self.value(index)?;
                match target {
                    Value::List(list) => {
                        let list = list.borrow();
                        let Some(mut i) = int_of(&key) else {
                            return Err(render_error("a list index must be an integer", *pos));
                        };
                        let len = list.items.len() as i64;
                        if i < 0 {
                            i += len;
                        }
                        match usize::try_from(i).ok().and_then(|i| list.items.get(i)) {
                            Some(v) => Ok(v.clone()),
                            None => Err(render_error(
                                format!("index {i} is out of bounds for a list of {len}"),
                                *pos,
                            )),
                        }
                    }
                    Value::Map(map) => Ok(map
                        .borrow()
                        .get(&Key::of(&key))
                        .cloned()
                        .unwrap_or(Value::Null)),
                    other => match methods::call(other, "get", &[key]) {
                        Outcome::Value(v) => Ok(v),
                        _ => Ok(Value::Null),
                    },
                }
            }
        }
    }

    pub(super) fn set(&mut self, target: &Reference, value: &Expr) -> Result<(), Error> {
        let value = self.value(value)?;
        if value.is_null() && !self.config.set_null_allowed {
            // The context is left as it was.
            return Ok(());
        }
        if target.parts.is_empty() {
            self.put(&target.root, value);
            return Ok(());
        }
        let (last, init) = target.parts.split_last().expect("parts are not empty");
        let mut object = match self.lookup(&target.root, self.frames.len())? {
            Some(v) => v,
            None => {
                if self.config.strict {
                    return Err(render_error(
                        format!("Variable ${} has not been set", target.root),
                        target.pos,
                    ));
                }
                return Ok(());
            }
        };
        for part in init {
            if object.is_null() {
                return Ok(());
            }
            object = self.apply(&object, part)?;
        }
        match (last, &object) {
            (Part::Property(name, _), Value::Map(map)) => {
                map.borrow_mut().insert(Key::from(name.as_ref()), value);
            }
            (Part::Property(name, _), Value::Object(o)) => {
                let _ = o.call("put", &[Value::str(name.as_ref()), value]);
            }
            (Part::Index(index, pos), _) => {
                let key = self.value(index)?;
                match &object {
                    Value::List(list) => {
                        let mut list = list.borrow_mut();
                        let len = list.items.len() as i64;
                        let mut i = int_of(&key).unwrap_or(-1);
                        if i < 0 {
                            i += len;
                        }
                        match usize::try_from(i).ok().filter(|&i| i < list.items.len()) {
                            Some(i) => list.items[i] = value,
                            None => {
                                return Err(render_error(
                                    format!("index {i} is out of bounds for a list of {len}"),
                                    *pos,
                                ))
                            }
                        }
                    }
                    Value::Map(map) => {
                        map.borrow_mut().insert(Key::of(&key), value);
                    }
                    _ => {}
                }
            }
            (Part::Property(name, pos), other) if self.config.strict => {
                return Err(render_error(
                    format!(
                        "Object '{}' does not contain property '{name}'",
                        other.class_name()
                    ),
                    *pos,
                ))
            }
            _ => {}
        }
        Ok(())
    }
}

/// Printed escapes come from here rather than a fresh string each time.
const BACKSLASHES: &str = r"\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\";
