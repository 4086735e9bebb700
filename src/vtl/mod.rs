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

// This file is the facade and the `Engine`. The arrows run one way:
// `lexer` -> `parser/` -> `ast` <- `eval/`; `runtime` (settings, global
// macros, loader) sits under the engine and the evaluator, and `config`,
// `error`, `value` are leaves that everything may read. `methods/` is
// Java's behaviour for values, `apigw` the variables API Gateway adds.

pub mod apigw;
mod ast;
mod config;
mod error;
mod eval;
mod lexer;
mod methods;
mod parser;
mod runtime;
mod value;

use std::rc::Rc;

pub use config::{Config, NullRendering};
pub use error::{Error, ErrorKind};
pub use runtime::Loader;
pub use value::{from_json, Key, List, Map, Object, Value, Vars};

use ast::Block;
use eval::ScopeKind;
use runtime::{LocalMacros, Runtime};

/// Parses and renders templates with one configuration and one set of
/// global macros.
pub struct Engine {
    runtime: Runtime,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("config", &self.runtime.config)
            .finish_non_exhaustive()
    }
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    nodes: Rc<Block>,
    /// Its macros, when inline macros are local to their template.
    macros: LocalMacros,
}

impl Engine {
    /// An engine with these settings.
    pub fn new(config: Config) -> Engine {
        Engine {
            runtime: Runtime::new(config),
        }
    }

    /// The same engine, reading `#include` / `#parse` resources with `loader`.
    pub fn with_loader(mut self, loader: Loader) -> Engine {
        self.runtime.set_loader(loader);
        self
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.runtime.config
    }

    /// Loads a global macro library (`VM_global_library.vm`).
    ///
    /// # Errors
    ///
    /// A library that does not parse.
    pub fn load_library(&self, src: &str) -> Result<(), Error> {
        self.runtime.load_library(src)
    }

    /// Parses a template, registering the macros it defines.
    ///
    /// # Errors
    ///
    /// A template that does not parse, or is larger than the limit; the
    /// error gives the line and column.
    pub fn parse(&self, src: &str) -> Result<Template, Error> {
        let (nodes, macros) = self.runtime.parse(src, &[])?;
        Ok(Template {
            nodes: Rc::new(nodes),
            macros,
        })
    }

    /// Renders a template (Velocity's `Template.merge`).
    ///
    /// # Errors
    ///
    /// A render error (a method that threw, a strict reference) or a limit,
    /// with its line and column.
    pub fn render(&self, template: &Template, vars: &mut Vars) -> Result<String, Error> {
        self.run(template, vars, ScopeKind::Template)
    }

    /// Renders a template as `Velocity.evaluate` does (the top scope is
    /// `$evaluate`).
    ///
    /// # Errors
    ///
    /// As [`Engine::render`].
    pub fn evaluate(&self, template: &Template, vars: &mut Vars) -> Result<String, Error> {
        self.run(template, vars, ScopeKind::Evaluate)
    }

    fn run(&self, template: &Template, vars: &mut Vars, kind: ScopeKind) -> Result<String, Error> {
        let mut renderer = eval::Renderer::new(&self.runtime, vars, template.macros.clone());
        renderer.render_top(&template.nodes, kind)?;
        Ok(renderer.out)
    }
}
