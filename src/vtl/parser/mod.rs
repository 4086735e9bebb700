//! Template text -> syntax tree, following Velocity 1.7's grammar and its
//! lexer's quirks: what is text, what is a reference or directive, how
//! escapes count, which whitespace a directive swallows.
//! This file holds the entry point, the parser's state and its nesting
//! guard. The grammar is split as a template reads: [`text`] is the text
//! between directives (escapes, comments, and what a `#` starts),
//! [`directives`] the `#set`, `#if`, `#foreach`, `#macro` ... directives and
//! macro calls, [`expressions`] references, literals and operators. Velocity's
//! lexer is modal, so each asks the [`Cursor`] for the token it expects.

mod directives;
mod expressions;
mod text;

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::{Block, Expr, MacroDef, Node, Pos};
use super::error::{Error, ErrorKind};
use super::lexer::Cursor;

/// Directives built into Velocity 1.7 besides the grammar's own
/// (`#if`, `#else`, `#elseif`, `#end`, `#set`, `#stop`).
const DIRECTIVES: [&str; 8] = [
    "foreach", "include", "parse", "macro", "literal", "evaluate", "break", "define",
];

/// How deeply blocks, expressions and string templates may nest.
const MAX_DEPTH: usize = 200;

/// A parsed template: its statements and the macros it defines.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub nodes: Block,
    pub macros: Vec<Rc<MacroDef>>,
}

/// Parses a template. `known_macro` says whether a macro name is already
/// defined (by the global library or earlier templates); macros defined in
/// this template count from their definition on.
pub fn parse(
    src: &str,
    known_macro: &dyn Fn(&str) -> bool,
    escaping: Escaping,
) -> Result<Parsed, Error> {
    let mut parser = Parser {
        cur: Cursor::new(src),
        known_macro,
        escaping,
        defined: HashSet::new(),
        macros: Vec::new(),
        depth: 0,
    };
    let (nodes, end) = parser.block()?;
    match end {
        Closer::Eof => Ok(Parsed {
            nodes,
            macros: parser.macros,
        }),
        Closer::End(pos) => Err(syntax("unexpected `#end`: no directive is open; remove it or add the opening #if, #foreach, #macro or #define", pos)),
        Closer::Else(pos) => Err(syntax("unexpected `#else` outside an #if", pos)),
        Closer::ElseIf(_, pos) => Err(syntax("unexpected `#elseif` outside an #if", pos)),
    }
}

#[cold]
fn syntax(detail: impl Into<String>, pos: Pos) -> Error {
    Error::new(
        ErrorKind::Syntax,
        detail,
        pos.line as usize,
        pos.column as usize,
    )
}

/// How a block ended.
enum Closer {
    Eof,
    End(Pos),
    Else(Pos),
    ElseIf(Expr, Pos),
}

/// How a backslash before a `#` reads (`runtime.references.strict.escape`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escaping {
    /// Velocity 1.7's default: it escapes a directive or a known macro's
    /// call; before anything else it is text.
    Velocity,
    /// It escapes whatever `#name` follows.
    Strict,
}

/// Whether a bare word (`in`, a macro's name) may stand where a value is
/// read: only among a directive's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BareWords {
    Accepted,
    Rejected,
}

/// What a `#` starts.
enum AfterHash {
    Node(Node),
    Text(String),
    Nothing,
    Close(Closer),
}

/// The state of one parse: the cursor, the macros known so far, and how
/// deeply the text nests.
struct Parser<'s, 'k> {
    cur: Cursor<'s>,
    known_macro: &'k dyn Fn(&str) -> bool,
    escaping: Escaping,
    /// Macros defined so far in this template.
    defined: HashSet<String>,
    macros: Vec<Rc<MacroDef>>,
    depth: usize,
}

/// Appends text, joined to the text node before it if there is one.
fn push_text(nodes: &mut Block, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Node::Text(last)) = nodes.last_mut() {
        let mut joined = String::with_capacity(last.len() + text.len());
        joined.push_str(last);
        joined.push_str(text);
        *last = joined.into();
    } else {
        nodes.push(Node::Text(text.into()));
    }
}

fn is_directive(name: &str) -> bool {
    DIRECTIVES.contains(&name)
}

impl Parser<'_, '_> {
    fn is_macro(&self, name: &str) -> bool {
        self.defined.contains(name) || (self.known_macro)(name)
    }

    /// One level deeper (a block, an expression, a string template),
    /// failing past [`MAX_DEPTH`]; the caller steps back out.
    fn enter(&mut self, pos: Pos) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::new(
                ErrorKind::Limit,
                format!("the template nests deeper than {MAX_DEPTH} levels"),
                pos.line as usize,
                pos.column as usize,
            ));
        }
        Ok(())
    }
}

/// The length of a `#set(` / `#{set}(` token (spaces allowed before `(`).
fn set_token_len(text: &str) -> Option<usize> {
    let after = text
        .strip_prefix("#set")
        .or_else(|| text.strip_prefix("#{set}"))?;
    let spaces = after.bytes().take_while(|&b| b == b' ').count();
    (after.as_bytes().get(spaces) == Some(&b'(')).then(|| text.len() - after.len() + spaces + 1)
}
