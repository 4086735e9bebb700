//! Expressions as Velocity 1.7 computes them: literals, lists, maps and
//! ranges, `#if` truth, comparison and equality (with API Gateway's
//! `null == ""`), and Java's integer and double arithmetic.

use super::{as_renderable, int_of, render_error, Renderer};
use crate::vtl::ast::{Expr, Op, Pos};
use crate::vtl::error::Error;
use crate::vtl::value::{Key, Map, Value};

impl Renderer<'_> {
    /// `#if` / `#elseif` truth, as Velocity's `evaluate()` computes it.
    pub(super) fn condition(&mut self, expr: &Expr) -> Result<bool, Error> {
        let saved = self.in_condition;
        self.in_condition = true;
        let result = self.truth(expr);
        self.in_condition = saved;
        result
    }

    fn truth(&mut self, expr: &Expr) -> Result<bool, Error> {
        match expr {
            Expr::Bool(b) => Ok(*b),
            Expr::Ref(r) => {
                let v = self.reference_value(r)?;
                Ok(match v {
                    Value::Null => false,
                    Value::Bool(b) => b,
                    _ => true,
                })
            }
            Expr::Not(inner) => Ok(!self.truth(inner)?),
            Expr::Binary(Op::And, l, r, _) => Ok(self.truth(l)? && self.truth(r)?),
            Expr::Binary(Op::Or, l, r, _) => Ok(self.truth(l)? || self.truth(r)?),
            Expr::Binary(op, l, r, pos) => {
                let saved = self.in_condition;
                self.in_condition = false;
                let result = self.compare(*op, l, r, *pos);
                self.in_condition = saved;
                match result? {
                    Value::Bool(b) => Ok(b),
                    _ => Ok(false),
                }
            }
            // Velocity's other nodes (literals, lists, arithmetic) evaluate to false.
            _ => Ok(false),
        }
    }

    fn compare(&mut self, op: Op, l: &Expr, r: &Expr, pos: Pos) -> Result<Value, Error> {
        let left = self.value(l)?;
        let right = self.value(r)?;
        let left = self.resolve_renderable(left)?;
        let right = self.resolve_renderable(right)?;
        Ok(match op {
            Op::Eq => Value::Bool(self.equal(&left, &right)),
            Op::Ne => Value::Bool(!self.equal(&left, &right)),
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                let (Some(a), Some(b)) = (left.as_number(), right.as_number()) else {
                    if self.config.strict {
                        return Err(render_error(
                            format!(
                                "cannot compare {} with {}",
                                left.class_name(),
                                right.class_name()
                            ),
                            pos,
                        ));
                    }
                    return Ok(Value::Bool(false));
                };
                let ord = a.compare(b);
                Value::Bool(match op {
                    Op::Lt => ord == Some(std::cmp::Ordering::Less),
                    Op::Le => matches!(
                        ord,
                        Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                    ),
                    Op::Gt => ord == Some(std::cmp::Ordering::Greater),
                    _ => matches!(
                        ord,
                        Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
                    ),
                })
            }
            _ => return self.arithmetic(op, left, right, pos),
        })
    }

    fn equal(&self, a: &Value, b: &Value) -> bool {
        if self.config.null_equals_empty {
            let empty = |v: &Value| matches!(v, Value::Str(s) if s.is_empty());
            if (a.is_null() && empty(b)) || (b.is_null() && empty(a)) {
                return true;
            }
        }
        a.velocity_eq(b)
    }

    fn arithmetic(&mut self, op: Op, left: Value, right: Value, pos: Pos) -> Result<Value, Error> {
        if op == Op::Add {
            if let (Value::Str(_), _) | (_, Value::Str(_)) = (&left, &right) {
                if !left.is_null() && !right.is_null() {
                    let l = self.stringify(&left)?;
                    let r = self.stringify(&right)?;
                    return Ok(Value::str(format!("{l}{r}")));
                }
            }
        }
        let (Some(a), Some(b)) = (left.as_number(), right.as_number()) else {
            if self.config.strict {
                let symbol = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                    _ => "%",
                };
                return Err(render_error(
                    format!(
                        "cannot apply `{symbol}` to {} and {}",
                        left.class_name(),
                        right.class_name()
                    ),
                    pos,
                ));
            }
            return Ok(Value::Null);
        };
        use crate::vtl::value::Number::Int;
        Ok(match (a, b) {
            (Int(x), Int(y)) => {
                let r = match op {
                    Op::Add => x.checked_add(y),
                    Op::Sub => x.checked_sub(y),
                    Op::Mul => x.checked_mul(y),
                    Op::Div => {
                        if y == 0 {
                            return Ok(Value::Null);
                        }
                        x.checked_div(y)
                    }
                    _ => {
                        if y == 0 {
                            return Ok(Value::Null);
                        }
                        x.checked_rem(y)
                    }
                };
                match r {
                    Some(r) => Value::Int(r),
                    // Beyond Long, Java would use BigInteger; a double keeps the magnitude.
                    None => Value::Float(float_op(op, x as f64, y as f64)),
                }
            }
            (x, y) => {
                let (x, y) = (x.as_f64(), y.as_f64());
                if matches!(op, Op::Div | Op::Mod) && y == 0.0 {
                    return Ok(Value::Null);
                }
                Value::Float(float_op(op, x, y))
            }
        })
    }

    /// The value of an expression.
    pub(super) fn value(&mut self, expr: &Expr) -> Result<Value, Error> {
        Ok(match expr {
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Int(i) => Value::Int(*i),
            Expr::Float(f) => Value::Float(*f),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Word(w) => Value::Str(w.clone()),
            Expr::Interpolated(nodes) => {
                let saved = std::mem::take(&mut self.out);
                let flow = self.block(nodes);
                let text = std::mem::replace(&mut self.out, saved);
                flow?;
                Value::str(text)
            }
            Expr::Ref(r) => self.reference_value(r)?,
            Expr::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.value(item)?);
                }
                Value::list(out)
            }
            Expr::Map(entries) => {
                let mut map = Map::default();
                for (k, v) in entries {
                    let k = self.value(k)?;
                    let v = self.value(v)?;
                    map.insert(Key::of(&k), v);
                }
                Value::map(map)
            }
            Expr::Range(a, b) => {
                let (from, to) = (self.value(a)?, self.value(b)?);
                let (Some(from), Some(to)) = (int_of(&from), int_of(&to)) else {
                    return Ok(Value::Null);
                };
                let count = (from - to).unsigned_abs() + 1;
                if count > self.config.max_range as u64 {
                    return Err(render_error(
                        format!("the range [{from}..{to}] is too large"),
                        Pos::default(),
                    ));
                }
                let items = if from <= to {
                    (from..=to).map(Value::Int).collect()
                } else {
                    (to..=from).rev().map(Value::Int).collect()
                };
                Value::list(items)
            }
            Expr::Not(inner) => Value::Bool(!self.truth(inner)?),
            Expr::Binary(Op::And | Op::Or, ..) => Value::Bool(self.truth(expr)?),
            Expr::Binary(op, l, r, pos) => self.compare(*op, l, r, *pos)?,
        })
    }

    /// A `#define` value used as data: its rendered text.
    pub(super) fn resolve_renderable(&mut self, value: Value) -> Result<Value, Error> {
        if let Value::Block(_) = &value {
            return Ok(Value::str(self.stringify(&value)?));
        }
        Ok(value)
    }

    /// `toString()`, rendering blocks.
    pub(super) fn stringify(&mut self, value: &Value) -> Result<String, Error> {
        if let Some(renderable) = as_renderable(value) {
            let saved = std::mem::take(&mut self.out);
            let result = self.render_renderable(&renderable, Pos::default());
            let text = std::mem::replace(&mut self.out, saved);
            result?;
            return Ok(text);
        }
        Ok(value.to_java_string())
    }
}

fn float_op(op: Op, x: f64, y: f64) -> f64 {
    match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        _ => x % y,
    }
}
