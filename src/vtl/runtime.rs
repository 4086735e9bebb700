//! What an engine keeps between renderings, and what a rendering reads back
//! from it (Velocity's `RuntimeInstance`): the settings, the global macros
//! (a loaded library, and the inline macros templates register), and the
//! loader of `#include` / `#parse` resources. Every text is parsed here, so
//! that each parse knows the macros defined before it and registers its own
//! by the `velocimacro.*` rules. The evaluator needs this for `#evaluate`
//! and `#parse` while the engine owns it, so it sits below both.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::ast::{Block, MacroDef};
use super::config::Config;
use super::error::{Error, ErrorKind};
use super::parser::{self, Escaping};
use super::value::FastHash;

/// A template's own macros, by name (when inline macros are local to their
/// template).
pub(super) type LocalMacros = Rc<HashMap<Rc<str>, Rc<MacroDef>, FastHash>>;

/// Finds the text of `#include`d and `#parse`d templates by name.
pub type Loader = Box<dyn Fn(&str) -> Option<String>>;

/// The settings, the global macros and the resource loader of one engine.
pub(super) struct Runtime {
    pub(super) config: Config,
    macros: RefCell<HashMap<Rc<str>, Rc<MacroDef>, FastHash>>,
    library: RefCell<HashSet<Rc<str>>>,
    loader: Option<Loader>,
}

impl Runtime {
    pub(super) fn new(config: Config) -> Runtime {
        Runtime {
            config,
            macros: RefCell::new(HashMap::default()),
            library: RefCell::new(HashSet::new()),
            loader: None,
        }
    }

    pub(super) fn set_loader(&mut self, loader: Loader) {
        self.loader = Some(loader);
    }

    /// Loads a global macro library (`VM_global_library.vm`).
    pub(super) fn load_library(&self, src: &str) -> Result<(), Error> {
        let parsed = parser::parse(
            src,
            &|name| self.global_macro(name).is_some(),
            self.escaping(),
        )?;
        let mut macros = self.macros.borrow_mut();
        let mut library = self.library.borrow_mut();
        for m in parsed.macros {
            library.insert(m.name.clone());
            macros.insert(m.name.clone(), m);
        }
        Ok(())
    }

    /// Parses a template, or the text of `#evaluate` / `#parse` (with the
    /// local macros of the templates around it), returning its statements
    /// and its local macros.
    pub(super) fn parse(
        &self,
        src: &str,
        locals: &[LocalMacros],
    ) -> Result<(Block, LocalMacros), Error> {
        if src.len() > self.config.max_template_size {
            return Err(Error::new(
                ErrorKind::Limit,
                format!(
                    "the template is {} bytes; the limit is {} bytes",
                    src.len(),
                    self.config.max_template_size
                ),
                1,
                1,
            ));
        }
        let known = |name: &str| {
            locals.iter().any(|l| l.contains_key(name)) || self.global_macro(name).is_some()
        };
        let parsed = parser::parse(src, &known, self.escaping())?;
        let mut local = HashMap::default();
        if self.config.macro_allow_inline {
            for m in parsed.macros {
                if self.config.macro_local_scope {
                    local.insert(m.name.clone(), m);
                    continue;
                }
                let is_library = self.library.borrow().contains(&m.name);
                if is_library && !self.config.macro_replace_global {
                    continue;
                }
                self.macros.borrow_mut().insert(m.name.clone(), m);
            }
        }
        Ok((parsed.nodes, Rc::new(local)))
    }

    fn escaping(&self) -> Escaping {
        if self.config.strict_escape {
            Escaping::Strict
        } else {
            Escaping::Velocity
        }
    }

    pub(super) fn global_macro(&self, name: &str) -> Option<Rc<MacroDef>> {
        self.macros.borrow().get(name).cloned()
    }

    /// The text of an `#include` / `#parse` resource.
    pub(super) fn load(&self, name: &str) -> Option<String> {
        self.loader.as_ref().and_then(|l| l(name))
    }
}
