//! The scope objects of Velocity 1.7: every block `#break` can leave (the
//! template, `#evaluate`, `#define`, a macro, a `#foreach`), which is also
//! the `$foreach` / `$macro` ... object a template reads (`$foreach.index`,
//! `$foreach.hasNext`, `$macro.parent`, `$template.topmost`) when the
//! configuration provides it. A leaf of the evaluator: the renderer opens
//! and closes these; they know nothing of it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::vtl::ast::Pos;
use crate::vtl::value::{Key, Map, Object, StrKey, Value};

/// What opened a scope; its name is the scope's `$name.info.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
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
    pub(super) id: usize,
    pub(super) kind: ScopeKind,
    /// The variable that holds the scope object: the kind's name, or a
    /// block macro's name for its body.
    pub(super) name: Rc<str>,
    /// Whether the scope object is put in the context under `name`.
    pub(super) provided: bool,
    pub(super) parent: Option<Value>,
    pub(super) depth: usize,
    pub(super) pos: Pos,
    /// Properties set with `#set($macro.x = ...)`.
    pub(super) props: RefCell<Map>,
    /// For `$foreach`: index and whether more items follow.
    pub(super) index: Cell<i64>,
    pub(super) has_next: Cell<bool>,
}

/// A handle on a scope by id (what `$foreach.topmost` returns for the
/// innermost scope).
struct BreakScopeHandle(usize);

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
