//! Engine settings: Velocity 1.7's runtime properties (`velocity.properties`)
//! with their defaults, API Gateway's settings, and the limits that keep a
//! runaway template from exhausting the host. A leaf: the parser, the
//! evaluator and the engine all read it, and it reads none of them.

/// What a null or undefined reference renders as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NullRendering {
    /// Its own source text (`$foo`), as Velocity does by default.
    Literal,
    /// Nothing, as API Gateway does.
    Empty,
}

/// Engine settings: Velocity's runtime properties, and limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `runtime.references.strict`.
    pub strict: bool,
    /// `runtime.references.strict.escape`.
    pub strict_escape: bool,
    /// `directive.set.null.allowed`.
    pub set_null_allowed: bool,
    /// What a null reference renders as.
    pub null_rendering: NullRendering,
    /// Whether `null == ""` (API Gateway).
    pub null_equals_empty: bool,
    /// `directive.foreach.counter.name`.
    pub counter_name: String,
    /// `directive.foreach.counter.initial.value`.
    pub counter_initial: i64,
    /// `directive.foreach.iterator.name`.
    pub has_next_name: String,
    /// `directive.foreach.maxloops` (`None`: no limit).
    pub max_loops: Option<usize>,
    /// Names with `<name>.provide.scope.control = true` (`foreach`, `macro` ...).
    pub scopes: Vec<String>,
    /// `velocimacro.permissions.allow.inline`.
    pub macro_allow_inline: bool,
    /// `velocimacro.permissions.allow.inline.to.replace.global`.
    pub macro_replace_global: bool,
    /// `velocimacro.permissions.allow.inline.local.scope`: a template's
    /// macros are visible only to it.
    pub macro_local_scope: bool,
    /// `velocimacro.context.localscope`: `#set` in a macro stays in it.
    pub macro_context_localscope: bool,
    /// `velocimacro.arguments.strict`.
    pub macro_arguments_strict: bool,
    /// `velocimacro.max.depth`.
    pub max_macro_depth: usize,
    /// `velocimacro.body.reference`.
    pub body_reference: String,
    /// `directive.define.max.depth`.
    pub max_define_depth: usize,
    /// `directive.parse.max.depth`.
    pub max_parse_depth: usize,
    /// How deeply `#evaluate` may nest.
    pub max_evaluate_depth: usize,
    /// Rendering steps before giving up (a guard against runaway templates).
    pub max_steps: u64,
    /// The largest output, in bytes.
    pub max_output: usize,
    /// The longest range literal.
    pub max_range: usize,
    /// The largest template, in bytes.
    pub max_template_size: usize,
}

impl Config {
    /// Velocity 1.7's defaults.
    pub fn velocity() -> Config {
        Config {
            strict: false,
            strict_escape: false,
            set_null_allowed: false,
            null_rendering: NullRendering::Literal,
            null_equals_empty: false,
            counter_name: "velocityCount".into(),
            counter_initial: 1,
            has_next_name: "velocityHasNext".into(),
            max_loops: None,
            scopes: vec!["foreach".into()],
            macro_allow_inline: true,
            macro_replace_global: false,
            macro_local_scope: false,
            macro_context_localscope: false,
            macro_arguments_strict: false,
            max_macro_depth: 20,
            body_reference: "bodyContent".into(),
            max_define_depth: 2,
            max_parse_depth: 10,
            max_evaluate_depth: 20,
            max_steps: 50_000_000,
            max_output: 64 << 20,
            max_range: 10_000_000,
            max_template_size: usize::MAX,
        }
    }

    /// API Gateway's mapping templates: null renders as nothing and equals
    /// `""`, `#foreach` stops after 1000 iterations, templates are at most
    /// 300 KB, a template's macros are its own.
    pub fn api_gateway() -> Config {
        Config {
            null_rendering: NullRendering::Empty,
            null_equals_empty: true,
            max_loops: Some(1000),
            macro_local_scope: true,
            max_steps: 10_000_000,
            max_output: 10 << 20,
            max_range: 100_000,
            max_template_size: 300 * 1024,
            ..Config::velocity()
        }
    }

    /// Sets a Velocity runtime property by name (as in `velocity.properties`).
    ///
    /// # Errors
    ///
    /// A property this engine does not know, or a value of the wrong type.
    pub fn set(&mut self, property: &str, value: &str) -> Result<(), String> {
        let boolean = || match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("{property} takes true or false, not {value}")),
        };
        let number = || {
            value
                .parse::<i64>()
                .map_err(|_| format!("{property} takes a number, not {value}"))
        };
        match property {
            "runtime.references.strict" => self.strict = boolean()?,
            "runtime.references.strict.escape" => self.strict_escape = boolean()?,
            "directive.set.null.allowed" => self.set_null_allowed = boolean()?,
            "directive.if.tostring.nullcheck" => {
                boolean()?;
            }
            "directive.foreach.counter.name" => self.counter_name = value.into(),
            "directive.foreach.counter.initial.value" => self.counter_initial = number()?,
            "directive.foreach.iterator.name" => self.has_next_name = value.into(),
            "directive.foreach.maxloops" => {
                let n = number()?;
                self.max_loops = (n >= 0).then_some(n as usize);
            }
            "directive.define.max.depth" => self.max_define_depth = number()? as usize,
            "directive.parse.max.depth" => self.max_parse_depth = number()? as usize,
            "velocimacro.permissions.allow.inline" => self.macro_allow_inline = boolean()?,
            "velocimacro.permissions.allow.inline.to.replace.global" => {
                self.macro_replace_global = boolean()?
            }
            "velocimacro.permissions.allow.inline.local.scope" => {
                self.macro_local_scope = boolean()?
            }
            "velocimacro.context.localscope" => self.macro_context_localscope = boolean()?,
            "velocimacro.arguments.strict" => self.macro_arguments_strict = boolean()?,
            "velocimacro.max.depth" => self.max_macro_depth = number()? as usize,
            "velocimacro.body.reference" => self.body_reference = value.into(),
            p if p.ends_with(".provide.scope.control") => {
                let name = &p[..p.len() - ".provide.scope.control".len()];
                self.scopes.retain(|s| s != name);
                if boolean()? {
                    self.scopes.push(name.into());
                }
            }
            _ => return Err(format!("unknown property {property}")),
        }
        Ok(())
    }

    pub(super) fn scope_enabled(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s == name)
    }
}
