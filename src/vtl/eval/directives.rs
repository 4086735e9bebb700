//! The statements of a template as the renderer runs them: text,
//! `#if`, `#foreach` (with its counter, `$foreach` and the loop limit),
//! macro calls (arguments passed by name), `#define`, `#evaluate`,
//! `#include`, `#parse`, `#break` and `#stop`, each in the scope Velocity
//! gives it.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use super::break_scope::{BreakScope, ScopeKind};
use super::{limit, render_error, Arg, Flow, Frame, Renderer};
use crate::vtl::ast::{Call, Expr, Foreach, MacroDef, Node, Pos};
use crate::vtl::error::Error;
use crate::vtl::value::{BlockRef, Value};

impl Renderer<'_> {
    pub(super) fn node(&mut self, node: &Node) -> Result<Flow, Error> {
        match node {
            Node::Text(text) | Node::Literal(text) => {
                self.out.push_str(text);
                Ok(Flow::Normal)
            }
            Node::Ref(r) => {
                self.burn(r.pos)?;
                self.render_reference(r)
            }
            Node::Set(target, value, pos) => {
                self.burn(*pos)?;
                self.set(target, value)?;
                Ok(Flow::Normal)
            }
            Node::If(branches, otherwise) => {
                for (cond, body) in branches {
                    if self.condition(cond)? {
                        return self.block(body);
                    }
                }
                match otherwise {
                    Some(body) => self.block(body),
                    None => Ok(Flow::Normal),
                }
            }
            Node::Foreach(f) => self.foreach(f),
            Node::Macro(_) => Ok(Flow::Normal),
            Node::Call(call) => self.call_macro(call),
            Node::Define(name, body, _) => {
                let value = Value::Block(Rc::new(BlockRef {
                    block: body.clone(),
                    define: true,
                    name: "define".into(),
                    depth: Cell::new(0),
                }));
                self.put(name, value);
                Ok(Flow::Normal)
            }
            Node::Evaluate(expr, pos) => self.evaluate(expr, *pos),
            Node::Include(args, pos) => {
                for arg in args {
                    let name = self.value(arg)?;
                    let name = self.stringify(&name)?;
                    match self.runtime.load(&name) {
                        Some(text) => self.out.push_str(&text),
                        None => {
                            return Err(render_error(
                                format!("#include: cannot find the resource '{name}'"),
                                *pos,
                            ))
                        }
                    }
                }
                Ok(Flow::Normal)
            }
            Node::Parse(arg, pos) => self.parse_directive(arg, *pos),
            Node::Break(scope, pos) => {
                let target = match scope {
                    None => self.scopes.last().map(|s| s.id),
                    Some(r) => match self.reference_value(r)? {
                        Value::Object(o) => o.scope_id(),
                        _ => None,
                    },
                };
                match target {
                    Some(id) => Ok(Flow::Break(id)),
                    None => Err(render_error(
                        "#break needs a scope to leave; the argument is not a scope reference",
                        *pos,
                    )),
                }
            }
            Node::Stop => Ok(Flow::Stop),
        }
    }

    /// Renders a block in its own scope, turning a `#break` of that scope
    /// into a normal end.
    fn scoped(&mut self, scope: &Rc<BreakScope>, nodes: &[Node]) -> Result<Flow, Error> {
        match self.block(nodes)? {
            Flow::Break(id) if id == scope.id => Ok(Flow::Normal),
            other => Ok(other),
        }
    }

    fn evaluate(&mut self, expr: &Expr, pos: Pos) -> Result<Flow, Error> {
        let source = self.value(expr)?;
        let source = self.stringify(&source)?;
        self.evaluate_depth += 1;
        if self.evaluate_depth > self.config.max_evaluate_depth {
            self.evaluate_depth -= 1;
            return Err(limit("#evaluate nests too deeply", pos));
        }
        let parsed = self
            .runtime
            .parse(&source, &self.local_macros)
            .map_err(|e| render_error(format!("#evaluate: {}", e), pos))?;
        let scope = self.push_scope(ScopeKind::Evaluate, "evaluate".into(), pos);
        self.local_macros.push(parsed.1);
        let flow = self.scoped(&scope, &parsed.0);
        self.local_macros.pop();
        self.pop_scope(scope);
        self.evaluate_depth -= 1;
        flow
    }

    fn parse_directive(&mut self, arg: &Expr, pos: Pos) -> Result<Flow, Error> {
        let name = self.value(arg)?;
        if name.is_null() {
            return Ok(Flow::Normal);
        }
        let name = self.stringify(&name)?;
        if self.parse_depth >= self.config.max_parse_depth {
            return Err(limit(
                format!(
                    "#parse: templates nest deeper than {}",
                    self.config.max_parse_depth
                ),
                pos,
            ));
        }
        let Some(text) = self.runtime.load(&name) else {
            return Err(render_error(
                format!("#parse: cannot find the template '{name}'"),
                pos,
            ));
        };
        let parsed = self
            .runtime
            .parse(&text, &self.local_macros)
            .map_err(|e| e.in_template(&name))?;
        self.parse_depth += 1;
        let scope = self.push_scope(ScopeKind::Template, "template".into(), pos);
        self.local_macros.push(parsed.1);
        let flow = self.scoped(&scope, &parsed.0);
        self.local_macros.pop();
        self.pop_scope(scope);
        self.parse_depth -= 1;
        flow
    }

    fn foreach(&mut self, f: &Foreach) -> Result<Flow, Error> {
        self.burn(f.pos)?;
        let iterable = self.value(&f.iterable)?;
        let items: Vec<Value> = match &iterable {
            Value::List(list) => list.borrow().items.clone(),
            Value::Map(map) => map.borrow().values().cloned().collect(),
            Value::Null => return Ok(Flow::Normal),
            Value::Object(o) => match o.iterate() {
                Some(items) => items,
                None => return Ok(Flow::Normal),
            },
            _ => {
                if self.config.strict {
                    return Err(render_error(
                        format!("#foreach cannot iterate over {}", iterable.class_name()),
                        f.pos,
                    ));
                }
                return Ok(Flow::Normal);
            }
        };
        let counter = self.config.counter_name.as_str();
        let has_next_name = self.config.has_next_name.as_str();
        let depth = self.frames.len();
        let saved_var = self.lookup(&f.var, depth)?;
        let saved_counter = self.lookup(counter, depth)?;
        let saved_has_next = self.lookup(has_next_name, depth)?;
        let scope = self.push_scope(ScopeKind::Foreach, "foreach".into(), f.pos);
        let max = self.config.max_loops;
        let mut flow = Flow::Normal;
        let len = items.len();
        for (i, item) in items.into_iter().enumerate() {
            if max.is_some_and(|m| i >= m) {
                break;
            }
            self.burn(f.pos)?;
            scope.index.set(i as i64);
            let has_next = i + 1 < len && max.is_none_or(|m| i + 1 < m);
            scope.has_next.set(has_next);
            self.put(&f.var, item);
            self.put(counter, Value::Int(self.config.counter_initial + i as i64));
            self.put(has_next_name, Value::Bool(has_next));
            match self.block(&f.body)? {
                Flow::Normal => {}
                Flow::Break(id) if id == scope.id => break,
                other => {
                    flow = other;
                    break;
                }
            }
        }
        self.pop_scope(scope);
        self.restore(&f.var, saved_var);
        self.restore(counter, saved_counter);
        self.restore(has_next_name, saved_has_next);
        Ok(flow)
    }

    fn find_macro(&self, name: &str) -> Option<Rc<MacroDef>> {
        for scope in self.local_macros.iter().rev() {
            if let Some(m) = scope.get(name) {
                return Some(m.clone());
            }
        }
        self.runtime.global_macro(name)
    }

    fn call_macro(&mut self, call: &Call) -> Result<Flow, Error> {
        self.burn(call.pos)?;
        let Some(def) = self.find_macro(&call.name) else {
            self.out.push_str(&call.literal);
            return Ok(Flow::Normal);
        };
        if self.config.macro_arguments_strict && call.args.len() != def.params.len() {
            return Err(render_error(
                format!(
                    "macro #{} takes {} argument(s), called with {}",
                    def.name,
                    def.params.len(),
                    call.args.len()
                ),
                call.pos,
            ));
        }
        if self.macro_depth >= self.config.max_macro_depth {
            return Err(limit(
                format!(
                    "macro calls nest deeper than {} (#{} calls itself without end?)",
                    self.config.max_macro_depth, def.name
                ),
                call.pos,
            ));
        }
        let caller = self.frames.len();
        let mut frame = Frame {
            args: HashMap::default(),
            local: HashMap::default(),
            literals: HashMap::default(),
        };
        for (param, arg) in def.params.iter().zip(&call.args) {
            if is_constant(arg) {
                let v = self.value(arg)?;
                frame.local.insert(param.clone(), v);
            } else {
                frame.args.insert(
                    param.clone(),
                    Arg {
                        expr: arg.clone(),
                        frame: caller,
                    },
                );
                frame.literals.insert(param.clone(), literal_of(arg));
            }
        }
        if let Some(body) = &call.body {
            let renderable = Value::Block(Rc::new(BlockRef {
                block: body.clone(),
                define: false,
                name: def.name.clone(),
                depth: Cell::new(0),
            }));
            frame
                .local
                .insert(self.config.body_reference.as_str().into(), renderable);
        }
        self.frames.push(frame);
        self.macro_depth += 1;
        let scope = self.push_scope(ScopeKind::Macro, "macro".into(), call.pos);
        let flow = self.scoped(&scope, &def.body);
        self.pop_scope(scope);
        self.macro_depth -= 1;
        self.frames.pop();
        flow
    }

    /// Renders a `#define` block or a block macro's body where it is
    /// referenced; `None` when its depth limit stops it (the reference then
    /// renders as a null one).
    pub(super) fn render_renderable(
        &mut self,
        r: &BlockRef,
        pos: Pos,
    ) -> Result<Option<Flow>, Error> {
        let max = if r.define {
            self.config.max_define_depth
        } else {
            self.config.max_macro_depth
        };
        if r.depth.get() >= max {
            return Ok(None);
        }
        r.depth.set(r.depth.get() + 1);
        let scope = if r.define {
            self.push_scope(ScopeKind::Define, "define".into(), pos)
        } else {
            self.push_scope(ScopeKind::BodyMacro, r.name.clone(), pos)
        };
        let flow = self.scoped(&scope, &r.block);
        self.pop_scope(scope);
        r.depth.set(r.depth.get() - 1);
        flow.map(Some)
    }
}

/// Arguments Velocity evaluates once when a macro is called; the others
/// (references, strings, lists, maps, ranges) are re-evaluated at each use.
fn is_constant(arg: &Expr) -> bool {
    matches!(arg, Expr::Bool(_) | Expr::Int(_) | Expr::Float(_))
}

fn literal_of(arg: &Expr) -> Rc<str> {
    match arg {
        Expr::Ref(r) => r.literal.clone(),
        Expr::Str(s) => format!("\"{s}\"").into(),
        Expr::Word(w) => w.clone(),
        _ => "".into(),
    }
}
