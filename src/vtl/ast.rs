//! The syntax tree of a template. Every node that can fail at render time
//! carries its position, so errors name the line and column.

use std::rc::Rc;

/// A sequence of nodes.
pub type Block = Vec<Node>;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line.
    pub line: u32,
    /// Column.
    pub column: u32,
}

/// A statement of a template.
#[derive(Debug, Clone)]
pub enum Node {
    /// Text rendered as is (escapes already resolved).
    Text(Rc<str>),
    /// `$ref`, `$!ref`, `${ref}`, possibly escaped.
    Ref(Box<Reference>),
    /// `#set($ref = expr)`.
    Set(Box<Reference>, Expr, Pos),
    /// `#if` / `#elseif` branches and the `#else` block.
    If(Vec<(Expr, Block)>, Option<Block>),
    /// `#foreach($var in expr) ... #end`.
    Foreach(Box<Foreach>),
    /// A macro definition (registered when parsed; renders nothing).
    Macro(Rc<MacroDef>),
    /// `#name(args)` or `#@name(args) body #end`: a macro call, or text if
    /// no such macro exists when it renders.
    Call(Box<Call>),
    /// `#define($name) body #end`.
    Define(Rc<str>, Rc<Block>, Pos),
    /// `#evaluate(expr)`.
    Evaluate(Expr, Pos),
    /// `#include(args)`: files copied unparsed.
    Include(Vec<Expr>, Pos),
    /// `#parse(expr)`: a template rendered in place.
    Parse(Expr, Pos),
    /// `#break` or `#break($scope)`.
    Break(Option<Box<Reference>>, Pos),
    /// `#stop`.
    Stop,
    /// `#literal() ... #end` and `#[[ ... ]]#`: text as written.
    Literal(Rc<str>),
}

/// A `#foreach` loop.
#[derive(Debug, Clone)]
pub struct Foreach {
    /// The loop variable, without `$`.
    pub var: Rc<str>,
    /// What to iterate.
    pub iterable: Expr,
    /// The loop body.
    pub body: Block,
    /// Where the directive starts.
    pub pos: Pos,
}

/// A macro definition.
#[derive(Debug, Clone)]
pub struct MacroDef {
    /// The macro name.
    pub name: Rc<str>,
    /// Parameter names, without `$`.
    pub params: Vec<Rc<str>>,
    /// The body.
    pub body: Block,
    /// Where the definition starts.
    pub pos: Pos,
}

/// A macro call (`#name(...)`) or block macro call (`#@name(...) ... #end`).
#[derive(Debug, Clone)]
pub struct Call {
    /// The macro name (without `@`).
    pub name: Rc<str>,
    /// The arguments.
    pub args: Vec<Expr>,
    /// The body of a block macro call.
    pub body: Option<Rc<Block>>,
    /// The call's source text, rendered when no such macro exists.
    pub literal: Rc<str>,
    /// Where the call starts.
    pub pos: Pos,
}

/// A reference: `$root.prop.method(args)[index]`.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The variable name, without `$`.
    pub root: Rc<str>,
    /// What follows the root.
    pub parts: Vec<Part>,
    /// `$!`: renders nothing when null.
    pub quiet: bool,
    /// The reference's source text (`$foo.bar()`, `${foo}`, `$!foo`).
    pub literal: Rc<str>,
    /// Backslashes before the `$`: half of them are printed.
    pub backslashes: usize,
    /// Where the reference starts.
    pub pos: Pos,
}

impl Reference {
    /// An odd number of backslashes escapes the reference.
    pub fn escaped(&self) -> bool {
        self.backslashes % 2 == 1
    }
}

/// One step of a reference after its root.
#[derive(Debug, Clone)]
pub enum Part {
    /// `.name`: a property (getter, map key).
    Property(Rc<str>, Pos),
    /// `.name(args)`: a method call.
    Method(Rc<str>, Vec<Expr>, Pos),
    /// `[expr]`: a list index or map key.
    Index(Expr, Pos),
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `||`, `or`.
    Or,
    /// `&&`, `and`.
    And,
    /// `==`, `eq`.
    Eq,
    /// `!=`, `ne`.
    Ne,
    /// `<`, `lt`.
    Lt,
    /// `<=`, `le`.
    Le,
    /// `>`, `gt`.
    Gt,
    /// `>=`, `ge`.
    Ge,
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%`.
    Mod,
}

/// An expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// `true` / `false`.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A floating-point literal.
    Float(f64),
    /// A string that needs no rendering.
    Str(Rc<str>),
    /// A double-quoted string with references or directives: rendered.
    Interpolated(Rc<Block>),
    /// A reference.
    Ref(Box<Reference>),
    /// A bare word (a directive argument like `in`).
    Word(Rc<str>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `{k: v}`.
    Map(Vec<(Expr, Expr)>),
    /// `[a..b]`.
    Range(Box<Expr>, Box<Expr>),
    /// `!x`, `not x`.
    Not(Box<Expr>),
    /// `a op b`.
    Binary(Op, Box<Expr>, Box<Expr>, Pos),
}
