//! The Velocity context as a macro sees it: the global variables under a
//! stack of macro frames (arguments passed by name are evaluated in their
//! caller's frame), and the scope objects (`$foreach` ...) put in it and
//! taken out as blocks open and close.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::break_scope::{BreakScope, ScopeKind};
use super::{Frame, Renderer};
use crate::vtl::ast::Pos;
use crate::vtl::error::Error;
use crate::vtl::value::{Map, Object, Value};

impl Renderer<'_> {
    /// A variable as the frame at `depth` (0 = global) sees it.
    pub(super) fn lookup(&mut self, name: &str, depth: usize) -> Result<Option<Value>, Error> {
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
    pub(super) fn put(&mut self, name: &str, value: Value) {
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

    /// Puts back a variable as it was before a loop.
    pub(super) fn restore(&mut self, name: &str, saved: Option<Value>) {
        match saved {
            Some(v) => self.put(name, v),
            None => self.remove_var(name),
        }
    }

    /// The literal text of the macro argument a parameter is bound to.
    pub(super) fn argument_literal(&self, name: &str) -> Option<Rc<str>> {
        self.frames.last()?.literals.get(name).cloned()
    }

    /// Opens a scope named `name`, putting its object in the context when
    /// the configuration provides that scope.
    pub(super) fn push_scope(
        &mut self,
        kind: ScopeKind,
        name: Rc<str>,
        pos: Pos,
    ) -> Rc<BreakScope> {
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
    pub(super) fn pop_scope(&mut self, scope: Rc<BreakScope>) {
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

    pub(super) fn is_scope_name(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| &*s.name == name) && !self.config.scope_enabled(name)
    }
}
