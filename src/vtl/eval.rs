//! Rendering: walks the syntax tree against a context, as Velocity 1.7
//! renders (macro arguments by name, `#set` into the right scope, scope
//! objects for `#break`), within the configured limits.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{Block, Call, Expr, Foreach, MacroDef, Node, Op, Part, Pos, Reference};
use super::config::{Config, NullRendering};
use super::error::{Error, ErrorKind};
use super::methods::{self, Outcome};
use super::runtime::{LocalMacros, Runtime};
use super::value::{BlockRef, FastHash, Key, Map, Object, StrKey, Value, Vars};

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

/// What opened a scope; its name is the scope's `$name.info.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScopeKind {
    /// A rendered template, or one read by `#parse`.
    Template,
    /// `Engine::evaluate`, or the `#evaluate` directive.
    Evaluate,
    /// A `#define` block, rendered where it is referenced.
    Define,
    /// The body of a block macro call (`#@name() ... #end`), rendered
    /// where `$bodyContent` is referenced.
    BodyMacro,
    /// A macro call.
    Macro,
    /// A `#foreach` loop.
    Foreach,
}

impl ScopeKind {
    /// The name Velocity gives this kind of scope (`foreach`, `macro` ...).
    pub(super) fn name(self) -> &'static str {
        match self {
            ScopeKind::Template => "template",
            ScopeKind::Evaluate => "evaluate",
            ScopeKind::Define => "define",
            ScopeKind::BodyMacro => "bodymacro",
            ScopeKind::Macro => "macro",
            ScopeKind::Foreach => "foreach",
        }
    }
}

/// A block `#break` can leave: the template, `#evaluate`, `#define`, a
/// macro, a `#foreach`. When `<name>.provide.scope.control` is on, it is
/// also the `$foreach` / `$macro` ... object of the block (Velocity's
/// `Scope`).
pub(super) struct BreakScope {
    id: usize,
    kind: ScopeKind,
    /// The variable that holds the scope object: the kind's name, or a
    /// block macro's name for its body.
    name: Rc<str>,
    /// Whether the scope object is put in the context under `name`.
    provided: bool,
    parent: Option<Value>,
    depth: usize,
    pos: Pos,
    /// Properties set with `#set($macro.x = ...)`.
    props: RefCell<Map>,
    /// For `$foreach`: index and whether more items follow.
    index: Cell<i64>,
    has_next: Cell<bool>,
}

impl Object for BreakScope {
    fn class_name(&self) -> &str {
        if self.kind == ScopeKind::Foreach {
            "org.apache.velocity.runtime.directive.ForeachScope"
        } else {
            "org.apache.velocity.runtime.directive.Scope"
        }
    }
    fn property(&self, name: &str) -> Option<Value> {
        match name {
            "parent" => return Some(self.parent.clone().unwrap_or(Value::Null)),
            "topmost" => {
                let mut top = Value::Object(Rc::new(BreakScopeHandle(self.id)));
                let mut parent = self.parent.clone();
                while let Some(Value::Object(p)) = parent {
                    top = Value::Object(p.clone());
                    parent = p.property("parent").filter(|v| !v.is_null());
                }
                return Some(top);
            }
            "info" => {
                return Some(Value::map(Map::from_iter([
                    (Key::from("depth"), Value::Int(self.depth as i64)),
                    (Key::from("name"), Value::Str(self.name.clone())),
                    (Key::from("type"), Value::str(self.kind.name())),
                    (Key::from("line"), Value::Int(self.pos.line as i64)),
                    (Key::from("column"), Value::Int(self.pos.column as i64)),
                ])))
            }
            _ => {}
        }
        if self.kind == ScopeKind::Foreach {
            let index = self.index.get();
            match name {
                "index" => return Some(Value::Int(index)),
                "count" => return Some(Value::Int(index + 1)),
                "hasNext" => return Some(Value::Bool(self.has_next.get())),
                "first" => return Some(Value::Bool(index == 0)),
                "last" => return Some(Value::Bool(!self.has_next.get())),
                _ => {}
            }
        }
        Some(
            self.props
                .borrow()
                .get(&StrKey(name))
                .cloned()
                .unwrap_or(Value::Null),
        )
    }
    fn call(&self, name: &str, args: &[Value]) -> Option<Result<Value, String>> {
        let getter = match (name, args) {
            ("getParent", []) => "parent",
            ("getTopmost", []) => "topmost",
            ("getInfo", []) => "info",
            ("getIndex", []) => "index",
            ("getCount", []) => "count",
            ("hasNext", []) => "hasNext",
            ("isFirst", []) => "first",
            ("isLast", []) => "last",
            ("get", [Value::Str(k)]) => return Some(Ok(self.property(k).unwrap_or(Value::Null))),
            ("put", [k, v]) => {
                return Some(Ok(self
                    .props
                    .borrow_mut()
                    .insert(Key::of(k), v.clone())
                    .unwrap_or(Value::Null)))
            }
            _ => return None,
        };
        self.property(getter).map(Ok)
    }
    fn to_java_string(&self) -> String {
        let props = Value::map(self.props.borrow().clone());
        props.to_java_string()
    }
    fn scope_id(&self) -> Option<usize> {
        Some(self.id)
    }
}

/// A handle on a scope by id (what `$foreach.topmost` returns for the
/// innermost scope).
struct BreakScopeHandle(usize);

impl Object for BreakScopeHandle {
    fn class_name(&self) -> &str {
        "org.apache.velocity.runtime.directive.Scope"
    }
    fn to_java_string(&self) -> String {
        String::new()
    }
    fn scope_id(&self) -> Option<usize> {
        Some(self.0)
    }
}

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

    /// Opens a scope named `name`, putting its object in the context when
    /// the configuration provides that scope.
    fn push_scope(&mut self, kind: ScopeKind, name: Rc<str>, pos: Pos) -> Rc<BreakScope> {
        let parent = self.current_scope_value(&name);
        let depth = self.scopes.iter().filter(|s| s.name == name).count() + 1;
        let provided = self.config.scope_enabled(&name);
        self.next_scope += 1;
        let scope = Rc::new(BreakScope {
            id: self.next_scope,
            kind,
            name: name.clone(),
            provided,
            parent,
            depth,
            pos,
            props: RefCell::new(Map::default()),
            index: Cell::new(0),
            has_next: Cell::new(false),
        });
        self.scopes.push(scope.clone());
        if provided {
            self.set_scope_var(&name, Value::Object(scope.clone()));
        }
        scope
    }

    /// Closes the innermost scope, putting back the object of the scope of
    /// the same name around it, if any.
    fn pop_scope(&mut self, scope: Rc<BreakScope>) {
        self.scopes.pop();
        if scope.provided {
            match &scope.parent {
                Some(parent) => self.set_scope_var(&scope.name, parent.clone()),
                None => {
                    self.remove_var(&scope.name);
                }
            }
        }
    }

    /// The enclosing scope object of the same name (its `$name.parent`).
    fn current_scope_value(&self, name: &str) -> Option<Value> {
        self.scopes
            .iter()
            .rev()
            .find(|s| &*s.name == name)
            .map(|s| Value::Object(s.clone() as Rc<dyn Object>))
    }

    fn set_scope_var(&mut self, name: &str, value: Value) {
        self.put(name, value);
    }

    /// Removes a variable as a macro's context does: an argument, else a
    /// local, else from the context below.
    fn remove_var(&mut self, name: &str) {
        let mut depth = self.frames.len();
        while depth > 0 {
            let local_scope = self.config.macro_context_localscope;
            let frame = &mut self.frames[depth - 1];
            if frame.args.remove(name).is_some() {
                return;
            }
            if frame.local.remove(name).is_some() || local_scope {
                return;
            }
            depth -= 1;
        }
        self.vars.remove(name);
    }

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

    fn node(&mut self, node: &Node) -> Result<Flow, Error> {
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

    /// Puts back a variable as it was before a loop.
    fn restore(&mut self, name: &str, saved: Option<Value>) {
        match saved {
            Some(v) => self.put(name, v),
            None => self.remove_var(name),
        }
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

    /// A variable as the frame at `depth` (0 = global) sees it.
    fn lookup(&mut self, name: &str, depth: usize) -> Result<Option<Value>, Error> {
        let mut d = depth;
        while d > 0 {
            let frame = &self.frames[d - 1];
            if let Some(arg) = frame.args.get(name).cloned() {
                // Evaluate in the caller's context.
                let saved: Vec<Frame> = self.frames.drain(arg.frame..).collect();
                let result = self.value(&arg.expr);
                self.frames.extend(saved);
                return result.map(Some);
            }
            if let Some(v) = frame.local.get(name) {
                return Ok(Some(v.clone()));
            }
            if self.config.macro_context_localscope {
                // Local scope: a macro sees only its arguments and locals,
                // then the global context.
                d = 0;
                break;
            }
            d -= 1;
        }
        let _ = d;
        Ok(self.vars.get(name).cloned())
    }

    /// Sets a variable from the innermost frame: a macro argument is
    /// replaced, a local stays local, anything else goes to the global
    /// context (unless `velocimacro.context.localscope` keeps it in the macro).
    fn put(&mut self, name: &str, value: Value) {
        let depth = self.frames.len();
        self.put_at(depth, name, value);
    }

    fn put_at(&mut self, depth: usize, name: &str, value: Value) {
        if depth == 0 {
            // Replacing in place keeps the key's allocation (loops set the same names over and over).
            match self.vars.get_mut(name) {
                Some(slot) => *slot = value,
                None => {
                    self.vars.insert(name.into(), value);
                }
            }
            return;
        }
        let local_scope = self.config.macro_context_localscope;
        let frame = &mut self.frames[depth - 1];
        frame.args.remove(name);
        frame.literals.remove(name);
        if let Some(slot) = frame.local.get_mut(name) {
            *slot = value;
            return;
        }
        if local_scope {
            frame.local.insert(name.into(), value);
            return;
        }
        self.put_at(depth - 1, name, value);
    }

    /// `#if` / `#elseif` truth, as Velocity's `evaluate()` computes it.
    fn condition(&mut self, expr: &Expr) -> Result<bool, Error> {
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
        use super::value::Number::Int;
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
    fn value(&mut self, expr: &Expr) -> Result<Value, Error> {
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
    fn resolve_renderable(&mut self, value: Value) -> Result<Value, Error> {
        if let Value::Block(_) = &value {
            return Ok(Value::str(self.stringify(&value)?));
        }
        Ok(value)
    }

    /// `toString()`, rendering blocks.
    fn stringify(&mut self, value: &Value) -> Result<String, Error> {
        if let Some(renderable) = as_renderable(value) {
            let saved = std::mem::take(&mut self.out);
            let result = self.render_renderable(&renderable, Pos::default());
            let text = std::mem::replace(&mut self.out, saved);
            result?;
            return Ok(text);
        }
        Ok(value.to_java_string())
    }

    /// Renders a `#define` block or a block macro's body where it is
    /// referenced; `None` when its depth limit stops it (the reference then
    /// renders as a null one).
    fn render_renderable(&mut self, r: &BlockRef, pos: Pos) -> Result<Option<Flow>, Error> {
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

    fn render_reference(&mut self, r: &Reference) -> Result<Flow, Error> {
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

    /// The literal text of the macro argument a parameter is bound to.
    fn argument_literal(&self, name: &str) -> Option<Rc<str>> {
        self.frames.last()?.literals.get(name).cloned()
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
    fn reference_value(&mut self, r: &Reference) -> Result<Value, Error> {
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

    fn is_scope_name(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| &*s.name == name) && !self.config.scope_enabled(name)
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

    fn set(&mut self, target: &Reference, value: &Expr) -> Result<(), Error> {
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

fn float_op(op: Op, x: f64, y: f64) -> f64 {
    match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::Div => x / y,
        _ => x % y,
    }
}

fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Float(f) => Some(*f as i64),
        _ => None,
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

fn as_renderable(value: &Value) -> Option<Rc<BlockRef>> {
    match value {
        Value::Block(b) => Some(b.clone()),
        _ => None,
    }
}
