//! Apache Velocity 1.7, the template language of API Gateway's mapping
//! templates: lexer -> parser -> syntax tree -> evaluator, with Java's
//! semantics for values, and API Gateway's variables in [`apigw`].
//!
//! ```
//! use portico::vtl::{Config, Engine, Value, Vars};
//! let engine = Engine::new(Config::velocity());
//! let template = engine.parse("#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end").unwrap();
//! assert_eq!(engine.render(&template, &mut Vars::default()).unwrap(), "1,2,3");
//! ```

pub mod apigw;
mod ast;
mod config;
mod error;
mod eval;
mod jsonpath;
mod lexer;
mod methods;
mod parser;
mod value;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

pub use config::{Config, NullRendering};
pub use error::{Error, ErrorKind};
pub use value::{
    from_json, java_double, write_json, BlockRef, FastHash, FastHasher, Key, List, Map, Number,
    Object, Value,
};

use ast::{Block, MacroDef};

/// Macros by name.
type Macros = Rc<HashMap<Rc<str>, Rc<MacroDef>, FastHash>>;

/// Variables of a rendering (the Velocity context).
pub type Vars = HashMap<Rc<str>, Value, FastHash>;

/// Finds the text of `#include`d and `#parse`d templates by name.
pub type Loader = Box<dyn Fn(&str) -> Option<String>>;

/// Parses and renders templates with one configuration and one set of
/// global macros.
pub struct Engine {
    config: Config,
    macros: RefCell<HashMap<Rc<str>, Rc<MacroDef>, FastHash>>,
    library: RefCell<HashSet<Rc<str>>>,
    loader: Option<Loader>,
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    nodes: Rc<Block>,
    /// Its macros, when inline macros are local to their template.
    macros: Macros,
}

impl Engine {
    /// An engine with these settings.
    pub fn new(config: Config) -> Engine {
        Engine {
            config,
            macros: RefCell::new(HashMap::default()),
            library: RefCell::new(HashSet::new()),
            loader: None,
        }
    }

    /// The same engine, reading `#include` / `#parse` resources with `loader`.
    pub fn with_loader(mut self, loader: Loader) -> Engine {
        self.loader = Some(loader);
        self
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Loads a global macro library (`VM_global_library.vm`).
    ///
    /// # Errors
    ///
    /// A library that does not parse.
    pub fn load_library(&self, src: &str) -> Result<(), Error> {
        let parsed = parser::parse(
            src,
            &|name| self.global_macro(name).is_some(),
            self.config.strict_escape,
        )?;
        let mut macros = self.macros.borrow_mut();
        let mut library = self.library.borrow_mut();
        for m in parsed.macros {
            library.insert(m.name.clone());
            macros.insert(m.name.clone(), m);
        }
        Ok(())
    }

    /// Parses a template, registering the macros it defines.
    ///
    /// # Errors
    ///
    /// A template that does not parse, or is larger than the limit; the
    /// error gives the line and column.
    pub fn parse(&self, src: &str) -> Result<Template, Error> {
        let (nodes, macros) = self.parse_nested(src, &[])?;
        Ok(Template {
            nodes: Rc::new(nodes),
            macros,
        })
    }

    /// Parses text for `#evaluate` / `#parse` (or a template), returning its
    /// statements and its local macros.
    fn parse_nested(&self, src: &str, locals: &[Macros]) -> Result<(Block, Macros), Error> {
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
        let parsed = parser::parse(src, &known, self.config.strict_escape)?;
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

    fn global_macro(&self, name: &str) -> Option<Rc<MacroDef>> {
        self.macros.borrow().get(name).cloned()
    }

    fn load(&self, name: &str) -> Option<String> {
        self.loader.as_ref().and_then(|l| l(name))
    }

    /// Renders a template (Velocity's `Template.merge`).
    ///
    /// # Errors
    ///
    /// A render error (a method that threw, a strict reference) or a limit,
    /// with its line and column.
    pub fn render(&self, template: &Template, vars: &mut Vars) -> Result<String, Error> {
        self.run(template, vars, "template")
    }

    /// Renders a template as `Velocity.evaluate` does (the top scope is
    /// `$evaluate`).
    ///
    /// # Errors
    ///
    /// As [`Engine::render`].
    pub fn evaluate(&self, template: &Template, vars: &mut Vars) -> Result<String, Error> {
        self.run(template, vars, "evaluate")
    }

    fn run(
        &self,
        template: &Template,
        vars: &mut Vars,
        kind: &'static str,
    ) -> Result<String, Error> {
        let mut renderer = eval::Renderer::new(self, vars, template.macros.clone());
        renderer.render_top(&template.nodes, kind)?;
        Ok(renderer.out)
    }
}
