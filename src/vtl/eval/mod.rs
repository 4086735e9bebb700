//! Rendering: walks the syntax tree against a context, as Velocity 1.7
//! renders (macro arguments by name, `#set` into the right scope, scope
//! objects for `#break`), within the configured limits.
//! This file holds the renderer's state and its budget (steps and output
//! size). The work is split by what is rendered: [`directives`] runs the
//! statements, [`expressions`] computes values, [`references`] renders,
//! reads and assigns `$references`, [`variables`] keeps the context as
//! macros see it, and [`break_scope`] is the `$foreach` / `$macro` object
//! that `#break` leaves. They are all methods of one [`Renderer`], because
//! the language nests both ways: a string literal holds directives, and a
//! directive evaluates expressions.

mod break_scope;
mod directives;
mod expressions;
mod references;
mod variables;

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{Block, Expr, Node, Pos};
use super::config::Config;
use super::error::{Error, ErrorKind};
use super::runtime::{LocalMacros, Runtime};
use super::value::{BlockRef, FastHash, Value, Vars};
use break_scope::BreakScope;

pub(super) use break_scope::ScopeKind;

/// How rendering a block ended.
enum Flow {
    Normal,
    /// `#break` out of the scope with this id.
    Break(usize),
    /// `#stop`.
    Stop,
}

/// A macro argument passed by name: the expression and the frame to
/// evaluate it in (the caller's).
#[derive(Clone)]
struct Arg {
    expr: Expr,
    frame: usize,
}

/// One macro call's context over its caller's.
struct Frame {
    /// Dynamic arguments, re-evaluated at each use.
    args: HashMap<Rc<str>, Arg, FastHash>,
    /// Constant arguments, local variables, and the literal text of dynamic
    /// arguments (under `.literal.$name`).
    local: HashMap<Rc<str>, Value, FastHash>,
    /// The literal text of each dynamic argument, printed when it is null.
    literals: HashMap<Rc<str>, Rc<str>, FastHash>,
}

/// One rendering: the engine it reads, the context it writes, and where
/// it is (macro frames, open scopes, nesting depths, fuel left).
pub(super) struct Renderer<'e> {
    runtime: &'e Runtime,
    config: &'e Config,
    vars: &'e mut Vars,
    frames: Vec<Frame>,
    pub out: String,
    scopes: Vec<Rc<BreakScope>>,
    next_scope: usize,
    macro_depth: usize,
    evaluate_depth: usize,
    parse_depth: usize,
    fuel: u64,
    /// Macros of the template being rendered (local scope).
    local_macros: Vec<LocalMacros>,
    /// Whether references are being evaluated directly in an `#if` condition
    /// (where strict mode allows undefined ones).
    in_condition: bool,
}

#[cold]
fn render_error(detail: impl Into<String>, pos: Pos) -> Error {
    Error::new(
        ErrorKind::Render,
        detail,
        pos.line as usize,
        pos.column as usize,
    )
}

#[cold]
fn limit(detail: impl Into<String>, pos: Pos) -> Error {
    Error::new(
        ErrorKind::Limit,
        detail,
        pos.line as usize,
        pos.column as usize,
    )
}

/// A number as an index or a range bound (a double truncates, as Java's
/// `intValue()` does).
fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Float(f) => Some(*f as i64),
        _ => None,
    }
}

/// The `#define` block or block macro body a value holds, if it is one.
fn as_renderable(value: &Value) -> Option<Rc<BlockRef>> {
    match value {
        Value::Block(b) => Some(b.clone()),
        _ => None,
    }
}

impl<'e> Renderer<'e> {
    pub fn new(
        runtime: &'e Runtime,
        vars: &'e mut Vars,
        local_macros: LocalMacros,
    ) -> Renderer<'e> {
        Renderer {
            runtime,
            config: &runtime.config,
            vars,
            frames: Vec::new(),
            out: String::new(),
            scopes: Vec::new(),
            next_scope: 0,
            macro_depth: 0,
            evaluate_depth: 0,
            parse_depth: 0,
            fuel: runtime.config.max_steps,
            local_macros: vec![local_macros],
            in_condition: false,
        }
    }

    /// Renders a whole template under a top-level scope (`$template`, or
    /// `$evaluate` for an evaluated string).
    pub fn render_top(&mut self, nodes: &Block, kind: ScopeKind) -> Result<(), Error> {
        let scope = self.push_scope(kind, kind.name().into(), Pos { line: 1, column: 1 });
        let flow = self.block(nodes);
        self.pop_scope(scope);
        flow.map(|_| ())
    }

    /// Spends one rendering step, failing when the steps or the output
    /// size run out.
    fn burn(&mut self, pos: Pos) -> Result<(), Error> {
        if self.fuel == 0 {
            return Err(limit(
                "the template takes too many steps to render (an unbounded loop or recursion?)",
                pos,
            ));
        }
        self.fuel -= 1;
        if self.out.len() > self.config.max_output {
            return Err(limit(
                format!("the output exceeds {} bytes", self.config.max_output),
                pos,
            ));
        }
        Ok(())
    }

    /// Renders statements until one breaks or stops.
    fn block(&mut self, nodes: &[Node]) -> Result<Flow, Error> {
        for node in nodes {
            match self.node(node)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }
}
