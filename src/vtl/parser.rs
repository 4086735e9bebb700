//! Template text -> syntax tree, following Velocity 1.7's grammar and its
//! lexer's quirks: what is text, what is a reference or directive, how
//! escapes count, which whitespace a directive swallows.

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::{Block, Call, Expr, Foreach, MacroDef, Node, Op, Part, Pos, Reference};
use super::error::{Error, ErrorKind};
use super::lexer::{Cursor, Mark, NumberToken};

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

struct Parser<'s, 'k> {
    cur: Cursor<'s>,
    known_macro: &'k dyn Fn(&str) -> bool,
    escaping: Escaping,
    /// Macros defined so far in this template.
    defined: HashSet<String>,
    macros: Vec<Rc<MacroDef>>,
    depth: usize,
}

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

impl<'s> Parser<'s, '_> {
    fn is_macro(&self, name: &str) -> bool {
        self.defined.contains(name) || (self.known_macro)(name)
    }

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

    /// Statements until the end of input or a block-ending directive.
    fn block(&mut self) -> Result<(Block, Closer), Error> {
        let mut nodes = Vec::new();
        loop {
            let Some(b) = self.cur.peek_byte() else {
                return Ok((nodes, Closer::Eof));
            };
            match b {
                b' ' | b'\t' if self.set_follows_whitespace() => {
                    while matches!(self.cur.peek_byte(), Some(b' ' | b'\t')) {
                        self.cur.bump();
                    }
                    nodes.push(self.set_directive()?);
                }
                b'\\' => self.backslashes(&mut nodes)?,
                b'$' => self.reference_statement(0, &mut nodes)?,
                b'#' => match self.after_hash()? {
                    AfterHash::Node(node) => nodes.push(node),
                    AfterHash::Text(text) => push_text(&mut nodes, &text),
                    AfterHash::Nothing => {}
                    AfterHash::Close(end) => return Ok((nodes, end)),
                },
                _ => {
                    let start = self.cur.at();
                    let rest = self.cur.rest();
                    let len = rest.find(['$', '#', '\\']).unwrap_or(rest.len());
                    self.cur.skip(rest[..len].chars().count());
                    push_text(&mut nodes, &self.cur.src[start..start + len]);
                }
            }
        }
    }

    /// Whether `[ \t]*` at the cursor leads to `#set(`: such whitespace
    /// belongs to the `#set` token (it starts a token, so it is not text).
    fn set_follows_whitespace(&self) -> bool {
        let rest = self.cur.rest();
        let after = rest.trim_start_matches([' ', '\t']);
        set_token_len(after).is_some()
    }

    /// `#set(` / `#{set}(` at the cursor: parses the directive.
    fn set_directive(&mut self) -> Result<Node, Error> {
        let pos = self.cur.pos();
        let len = set_token_len(self.cur.rest()).expect("checked by the caller");
        self.cur.skip(len);
        self.enter(pos)?;
        self.cur.whitespace();
        if self.cur.peek_byte() != Some(b'$') {
            return Err(syntax(
                "#set needs a reference to assign: #set($name = value)",
                self.cur.pos(),
            ));
        }
        let target = self
            .reference(0)?
            .ok_or_else(|| syntax("#set needs a reference to assign: #set($name = value)", pos))?;
        self.cur.whitespace();
        if !self.cur.eat_char('=') {
            return Err(syntax(
                format!("expected `=` after {} in #set", target.literal),
                self.cur.pos(),
            ));
        }
        let value = self.expression()?;
        self.close_paren("#set")?;
        self.depth -= 1;
        Ok(Node::Set(Box::new(target), value, pos))
    }

    /// A run of backslashes and what it escapes.
    fn backslashes(&mut self, nodes: &mut Block) -> Result<(), Error> {
        let start = self.cur.mark();
        let n = self.cur.rest().bytes().take_while(|&b| b == b'\\').count();
        match self.cur.byte_at(n) {
            Some(b'$') => {
                self.cur.skip(n);
                self.reference_statement(n, nodes)
            }
            Some(b'#') if n % 2 == 1 => {
                self.cur.skip(n + 1);
                let word_start = self.cur.mark();
                let bracketed = self.cur.eat_char('{');
                let word = if bracketed {
                    self.bracketed_word()
                } else {
                    self.cur.word().map(str::to_string)
                };
                match word {
                    Some(name) => {
                        let control = self.escaping == Escaping::Strict
                            || matches!(
                                name.as_str(),
                                "if" | "end" | "set" | "else" | "elseif" | "stop"
                            )
                            || is_directive(&name)
                            || self.is_macro(&name)
                            || (name.starts_with('@') && self.is_macro(&name[1..]));
                        let directive = self.cur.since(word_start);
                        if control {
                            push_text(nodes, &"\\".repeat((n - 1) / 2));
                            push_text(nodes, "#");
                            push_text(nodes, directive);
                        } else {
                            push_text(nodes, self.cur.since(start));
                        }
                    }
                    None => {
                        // Not an escaped directive: the backslashes are text, the `#` is read next.
                        self.cur.reset(Mark {
                            at: start.at + n,
                            line: start.line,
                            column: start.column + n as u32,
                        });
                        push_text(nodes, &"\\".repeat(n));
                    }
                }
                Ok(())
            }
            Some(b'#') => {
                // Pairs of backslashes before a directive print one each; before
                // anything else, two each.
                self.cur.skip(n);
                let control = self.escaping == Escaping::Strict || self.control_follows();
                push_text(nodes, &"\\".repeat(if control { n / 2 } else { n }));
                Ok(())
            }
            _ => {
                self.cur.skip(n);
                push_text(nodes, &"\\".repeat(n));
                Ok(())
            }
        }
    }

    /// `{name}` after `#{`: the name, if well formed.
    fn bracketed_word(&mut self) -> Option<String> {
        let save = self.cur.mark();
        let ok = matches!(self.cur.peek_byte(), Some(b) if b.is_ascii_alphabetic() || b == b'_');
        let name = if ok { self.cur.word() } else { None };
        match name {
            Some(name) if self.cur.eat_char('}') => Some(name.to_string()),
            _ => {
                self.cur.reset(save);
                None
            }
        }
    }

    /// Whether the `#` at the cursor starts a directive or macro call (what
    /// makes preceding backslash pairs escapes rather than text).
    fn control_follows(&self) -> bool {
        let rest = &self.cur.rest()[1..];
        for control in ["if", "else", "elseif", "end", "stop"] {
            for form in [control.to_string(), format!("{{{control}}}")] {
                if let Some(after) = rest.strip_prefix(&form) {
                    let next = after.bytes().next();
                    let longer = !form.starts_with('{')
                        && next
                            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@');
                    if !longer {
                        return true;
                    }
                }
            }
        }
        let len = rest
            .bytes()
            .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@')
            .count();
        let name = &rest[..len];
        !name.is_empty()
            && !name.as_bytes()[0].is_ascii_digit()
            && (is_directive(name)
                || self.is_macro(name)
                || name.strip_prefix('@').is_some_and(|m| self.is_macro(m)))
    }

    /// A reference in text (after `n` backslashes); what is not one is text.
    fn reference_statement(&mut self, n: usize, nodes: &mut Block) -> Result<(), Error> {
        let start = self.cur.mark();
        match self.reference(n)? {
            Some(reference) => nodes.push(Node::Ref(Box::new(reference))),
            None => {
                self.cur.reset(start);
                let text = self.not_a_reference(n);
                push_text(nodes, &text);
            }
        }
        Ok(())
    }

    /// The text for a `$` that starts no reference: the backslashes and `$`
    /// print as written; a `!` after `$` is dropped (the lexer folds it into
    /// the failed token); `$[`, `$![` stay as written.
    fn not_a_reference(&mut self, n: usize) -> String {
        let mut text = "\\".repeat(n);
        self.cur.bump(); // `$` (the backslashes were consumed by the caller)
        text.push('$');
        if self.cur.starts_with("![") || self.cur.starts_with("\\![") {
            let len = if self.cur.starts_with("!") { 2 } else { 3 };
            text.push_str(&self.cur.rest()[..len]);
            self.cur.skip(len);
        } else if self.cur.starts_with("!") && !self.cur.starts_with("!$") {
            self.cur.bump();
        }
        text
    }

    /// `$name...` at the cursor (the `$` itself; `n` backslashes were before
    /// it). `None` when the text there is not a reference.
    fn reference(&mut self, n: usize) -> Result<Option<Reference>, Error> {
        let pos = self.cur.pos();
        let literal_start = self.cur.at();
        if !self.cur.eat_char('$') {
            return Ok(None);
        }
        let quiet = self.cur.eat_char('!');
        let formal = self.cur.eat_char('{');
        let Some(root) = self.cur.identifier() else {
            return Ok(None);
        };
        let root: Rc<str> = root.into();
        let mut parts = Vec::new();
        loop {
            match self.cur.peek_byte() {
                Some(b'[') => {
                    let part_pos = self.cur.pos();
                    self.cur.bump();
                    self.cur.whitespace();
                    let index = self.index_parameter()?.ok_or_else(|| {
                        syntax(
                            "an index must be a string, an integer, true, false or a reference: $list[0], $map['key']",
                            self.cur.pos(),
                        )
                    })?;
                    self.cur.whitespace();
                    if !self.cur.eat_char(']') {
                        return Err(syntax("expected `]` to close the index", self.cur.pos()));
                    }
                    parts.push(Part::Index(index, part_pos));
                }
                Some(b'.') if self.cur.byte_at(1).is_some_and(|b| b.is_ascii_alphabetic()) => {
                    let part_pos = self.cur.pos();
                    self.cur.bump();
                    let name: Rc<str> = self.cur.identifier().expect("a letter follows").into();
                    if self.cur.peek_byte() == Some(b'(') && self.method_args_start() {
                        self.cur.bump();
                        let args = self.method_args()?;
                        parts.push(Part::Method(name, args, part_pos));
                    } else {
                        parts.push(Part::Property(name, part_pos));
                    }
                }
                _ => break,
            }
        }
        if formal && !self.cur.eat_char('}') {
            return Err(syntax(
                format!("expected `}}` to close ${{{root}"),
                self.cur.pos(),
            ));
        }
        Ok(Some(Reference {
            root,
            parts,
            quiet,
            literal: self.cur.src[literal_start..self.cur.at()].into(),
            backslashes: n,
            pos,
        }))
    }

    /// Whether `(` at the cursor starts a method's arguments: the next
    /// token must be able to start a parameter, or close the list.
    fn method_args_start(&self) -> bool {
        let after = &self.cur.rest()[1..];
        let Some(b) = after.bytes().next() else {
            return false;
        };
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b')' | b'"' | b'\'' | b'$' | b'[' | b'{' | b'-'
            | b'.' => true,
            b if b.is_ascii_digit() => true,
            _ => after.starts_with("true") || after.starts_with("false"),
        }
    }

    /// `arg, arg)` after a method's `(`.
    fn method_args(&mut self) -> Result<Vec<Expr>, Error> {
        let mut args = Vec::new();
        self.cur.whitespace();
        if self.cur.eat_char(')') {
            return Ok(args);
        }
        loop {
            let arg = self.parameter()?.ok_or_else(|| {
                syntax(
                    "a method argument must be a string, number, boolean, list, map, range or reference",
                    self.cur.pos(),
                )
            })?;
            args.push(arg);
            if self.cur.eat_char(',') {
                continue;
            }
            if self.cur.eat_char(')') {
                return Ok(args);
            }
            return Err(syntax(
                "expected `,` or `)` in the method's arguments",
                self.cur.pos(),
            ));
        }
    }

    /// `IndexParameter`: a string, integer, boolean or reference.
    fn index_parameter(&mut self) -> Result<Option<Expr>, Error> {
        if let Some(expr) = self.string_literal()? {
            return Ok(Some(expr));
        }
        if self.cur.peek_byte() == Some(b'$') {
            return Ok(self.reference(0)?.map(|r| Expr::Ref(Box::new(r))));
        }
        if let Some(b) = self.boolean() {
            return Ok(Some(Expr::Bool(b)));
        }
        let save = self.cur.mark();
        match self.cur.number() {
            Some(NumberToken::Int(i)) => Ok(Some(Expr::Int(i))),
            _ => {
                self.cur.reset(save);
                Ok(None)
            }
        }
    }

    /// `true` / `false` as whole words.
    fn boolean(&mut self) -> Option<bool> {
        for (word, value) in [("true", true), ("false", false)] {
            if self.cur.starts_with(word) {
                let next = self.cur.byte_at(word.len());
                if !next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@') {
                    self.cur.skip(word.len());
                    return Some(value);
                }
            }
        }
        None
    }

    /// A string literal; double-quoted ones with `$` or `#` are templates.
    fn string_literal(&mut self) -> Result<Option<Expr>, Error> {
        let pos = self.cur.pos();
        let Some((raw, quote)) = self.cur.string_literal() else {
            return Ok(None);
        };
        let doubled = if quote == '"' { "\"\"" } else { "''" };
        let text = raw.replace(doubled, &quote.to_string());
        let text = unescape_unicode(&text);
        if quote == '"' && (text.contains('$') || text.contains('#')) {
            self.enter(pos)?;
            let parsed = parse(&text, &|name| self.is_macro(name), self.escaping).map_err(|e| {
                syntax(
                    format!("in the string literal: {}", e.detail()),
                    Pos {
                        line: pos.line + e.line() as u32 - 1,
                        column: if e.line() == 1 {
                            pos.column + e.column() as u32
                        } else {
                            e.column() as u32
                        },
                    },
                )
            })?;
            self.depth -= 1;
            // Macros defined inside a string are defined like any other.
            for m in parsed.macros {
                self.defined.insert(m.name.to_string());
                self.macros.push(m);
            }
            return Ok(Some(Expr::Interpolated(Rc::new(parsed.nodes))));
        }
        Ok(Some(Expr::Str(text.into())))
    }

    /// `Parameter`: a literal, list, map, range or reference, with
    /// whitespace around it (no operators).
    fn parameter(&mut self) -> Result<Option<Expr>, Error> {
        self.cur.whitespace();
        let expr = self.atom(BareWords::Rejected)?;
        self.cur.whitespace();
        Ok(expr)
    }

    /// A literal, list, map, range, reference or (if `words` accepts it) a
    /// bare word; `(expr)` is left to the expression parser.
    fn atom(&mut self, words: BareWords) -> Result<Option<Expr>, Error> {
        let Some(b) = self.cur.peek_byte() else {
            return Ok(None);
        };
        match b {
            b'"' | b'\'' => self.string_literal(),
            b'$' => Ok(self.reference(0)?.map(|r| Expr::Ref(Box::new(r)))),
            b'[' => self.list_or_range().map(Some),
            b'{' => self.map_literal().map(Some),
            b'-' | b'.' | b'0'..=b'9' => Ok(self.cur.number().map(|n| match n {
                NumberToken::Int(i) => Expr::Int(i),
                NumberToken::Float(f) => Expr::Float(f),
            })),
            _ => {
                if let Some(v) = self.boolean() {
                    return Ok(Some(Expr::Bool(v)));
                }
                if words == BareWords::Accepted {
                    if let Some(word) = self.cur.word() {
                        return Ok(Some(Expr::Word(word.into())));
                    }
                }
                Ok(None)
            }
        }
    }

    /// `[a..b]` or `[a, b]`.
    fn list_or_range(&mut self) -> Result<Expr, Error> {
        let pos = self.cur.pos();
        self.enter(pos)?;
        self.cur.bump();
        let save = self.cur.mark();
        self.cur.whitespace();
        // A range: `[` (reference | integer) `..` ...
        let first = if self.cur.peek_byte() == Some(b'$') {
            self.reference(0)?.map(|r| Expr::Ref(Box::new(r)))
        } else {
            match self.cur.number() {
                Some(NumberToken::Int(i)) => Some(Expr::Int(i)),
                _ => None,
            }
        };
        if let Some(first) = first {
            self.cur.whitespace();
            if self.cur.eat("..") {
                self.cur.whitespace();
                let second = if self.cur.peek_byte() == Some(b'$') {
                    self.reference(0)?.map(|r| Expr::Ref(Box::new(r)))
                } else {
                    match self.cur.number() {
                        Some(NumberToken::Int(i)) => Some(Expr::Int(i)),
                        _ => None,
                    }
                };
                let second = second.ok_or_else(|| {
                    syntax(
                        "a range ends with an integer or a reference: [1..$n]",
                        self.cur.pos(),
                    )
                })?;
                self.cur.whitespace();
                if !self.cur.eat_char(']') {
                    return Err(syntax("expected `]` to close the range", self.cur.pos()));
                }
                self.depth -= 1;
                return Ok(Expr::Range(Box::new(first), Box::new(second)));
            }
        }
        self.cur.reset(save);
        let mut items = Vec::new();
        self.cur.whitespace();
        if !self.cur.eat_char(']') {
            loop {
                items.push(self.required_parameter(
                    "a list item must be a literal, list, map, range or reference",
                )?);
                if self.item_end(']', "expected `,` or `]` in the list")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(Expr::List(items))
    }

    /// `{k: v, ...}`.
    fn map_literal(&mut self) -> Result<Expr, Error> {
        let pos = self.cur.pos();
        self.enter(pos)?;
        self.cur.bump();
        let mut entries = Vec::new();
        self.cur.whitespace();
        if !self.cur.eat_char('}') {
            loop {
                let key = self.required_parameter("a map key must be a literal or reference")?;
                if !self.cur.eat_char(':') {
                    return Err(syntax("expected `:` after the map key", self.cur.pos()));
                }
                let value = self.required_parameter(
                    "a map value must be a literal, list, map, range or reference",
                )?;
                entries.push((key, value));
                if self.item_end('}', "expected `,` or `}` in the map")? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(Expr::Map(entries))
    }

    /// A parameter that must be there; `missing` says what belongs at the place otherwise.
    fn required_parameter(&mut self, missing: &'static str) -> Result<Expr, Error> {
        self.parameter()?
            .ok_or_else(|| syntax(missing, self.cur.pos()))
    }

    /// After a list item or map entry: `true` at the closing `close`, `false` after a comma.
    fn item_end(&mut self, close: char, expected: &'static str) -> Result<bool, Error> {
        if self.cur.eat_char(',') {
            Ok(false)
        } else if self.cur.eat_char(close) {
            Ok(true)
        } else {
            Err(syntax(expected, self.cur.pos()))
        }
    }

    /// An expression (`#if`, `#set` right side), up to its closing `)`.
    fn expression(&mut self) -> Result<Expr, Error> {
        let pos = self.cur.pos();
        self.enter(pos)?;
        let expr = self.binary(0)?;
        self.depth -= 1;
        Ok(expr)
    }

    /// Precedence climbing over Velocity's levels: or, and, equality,
    /// relational, additive, multiplicative.
    fn binary(&mut self, level: usize) -> Result<Expr, Error> {
        if level == 6 {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        loop {
            self.cur.whitespace();
            let pos = self.cur.pos();
            let Some(op) = self.operator(level) else {
                return Ok(left);
            };
            let right = self.binary(level + 1)?;
            left = Expr::Binary(op, Box::new(left), Box::new(right), pos);
        }
    }

    /// The operator of `level` at the cursor, consumed.
    fn operator(&mut self, level: usize) -> Option<Op> {
        let rest = self.cur.rest();
        let word_end = |w: &str| {
            rest.starts_with(w)
                && !rest[w.len()..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@')
        };
        let candidates: &[(&str, Op, bool)] = match level {
            0 => &[("||", Op::Or, false), ("or", Op::Or, true)],
            1 => &[("&&", Op::And, false), ("and", Op::And, true)],
            2 => &[
                ("==", Op::Eq, false),
                ("!=", Op::Ne, false),
                ("eq", Op::Eq, true),
                ("ne", Op::Ne, true),
            ],
            3 => &[
                ("<=", Op::Le, false),
                (">=", Op::Ge, false),
                ("<", Op::Lt, false),
                (">", Op::Gt, false),
                ("le", Op::Le, true),
                ("ge", Op::Ge, true),
                ("lt", Op::Lt, true),
                ("gt", Op::Gt, true),
            ],
            4 => &[("+", Op::Add, false), ("-", Op::Sub, false)],
            _ => &[
                ("*", Op::Mul, false),
                ("/", Op::Div, false),
                ("%", Op::Mod, false),
            ],
        };
        for &(text, op, word) in candidates {
            let matched = if word {
                word_end(text)
            } else {
                rest.starts_with(text)
            };
            if !matched {
                continue;
            }
            // `-1` is a negative number to the lexer, never a minus sign.
            if text == "-"
                && rest[1..]
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit() || b == b'.')
            {
                return None;
            }
            self.cur.skip(text.len());
            return Some(op);
        }
        None
    }

    fn unary(&mut self) -> Result<Expr, Error> {
        self.cur.whitespace();
        let rest = self.cur.rest();
        let not_word = rest.starts_with("not")
            && !rest[3..]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'@');
        if (rest.starts_with('!') && !rest.starts_with("!=")) || not_word {
            self.cur.skip(if not_word { 3 } else { 1 });
            let pos = self.cur.pos();
            self.enter(pos)?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, Error> {
        self.cur.whitespace();
        let pos = self.cur.pos();
        if self.cur.eat_char('(') {
            let inner = self.expression()?;
            self.cur.whitespace();
            if !self.cur.eat_char(')') {
                return Err(syntax(
                    "expected `)` to close the parenthesis",
                    self.cur.pos(),
                ));
            }
            self.cur.whitespace();
            return Ok(inner);
        }
        let atom = self.atom(BareWords::Rejected)?.ok_or_else(|| {
            let found = self.next_found();
            syntax(
                format!("expected a value (a reference, string, number, boolean, list, map or range), found {found}"),
                pos,
            )
        })?;
        self.cur.whitespace();
        Ok(atom)
    }

    /// What comes next, for an error message: `` `c` `` or the end of the template.
    fn next_found(&self) -> String {
        self.cur
            .peek()
            .map_or_else(|| "the end of the template".into(), |c| format!("`{c}`"))
    }

    /// `)` that closes a directive, with the rest of its line if blank.
    fn close_paren(&mut self, directive: &str) -> Result<(), Error> {
        self.cur.whitespace();
        if !self.cur.eat_char(')') {
            let found = self.next_found();
            return Err(syntax(
                format!("expected `)` to close {directive}, found {found}"),
                self.cur.pos(),
            ));
        }
        self.cur.line_end();
        Ok(())
    }

    /// What follows a `#` (not escaped).
    fn after_hash(&mut self) -> Result<AfterHash, Error> {
        let start = self.cur.mark();
        let pos = self.cur.pos();
        let rest = self.cur.rest();
        if rest.starts_with("##") {
            let end = rest
                .strip_prefix("##")
                .and_then(|r| r.find(['\n', '\r']))
                .map(|i| i + 2);
            match end {
                Some(i) => {
                    self.cur.skip(rest[..i].chars().count());
                    if !self.cur.eat("\r\n") {
                        self.cur.bump();
                    }
                }
                None => self.cur.skip(rest.chars().count()),
            }
            return Ok(AfterHash::Nothing);
        }
        if rest.starts_with("#[[") {
            let Some(end) = rest.strip_prefix("#[[").and_then(|r| r.find("]]#")) else {
                return Err(syntax(
                    "the text block `#[[` is never closed with `]]#`",
                    pos,
                ));
            };
            let text = &rest[3..3 + end];
            self.cur.skip(rest[..3 + end + 3].chars().count());
            return Ok(AfterHash::Node(Node::Literal(text.into())));
        }
        if rest.starts_with("#*") {
            let Some(end) = rest.strip_prefix("#*").and_then(|r| r.find("*#")) else {
                return Err(syntax("the comment `#*` is never closed with `*#`", pos));
            };
            self.cur.skip(rest[..2 + end + 2].chars().count());
            return Ok(AfterHash::Nothing);
        }
        if set_token_len(rest).is_some() {
            return self.set_directive().map(AfterHash::Node);
        }
        self.cur.bump();
        let bracketed = self.cur.eat_char('{');
        let name = if bracketed {
            self.bracketed_word()
        } else {
            self.cur.word().map(str::to_string)
        };
        let Some(name) = name else {
            self.cur.reset(start);
            self.cur.bump();
            return Ok(AfterHash::Text("#".into()));
        };
        match name.as_str() {
            "end" => {
                self.cur.line_end();
                Ok(AfterHash::Close(Closer::End(pos)))
            }
            "else" => {
                self.cur.line_end();
                Ok(AfterHash::Close(Closer::Else(pos)))
            }
            "elseif" => {
                self.cur.whitespace();
                if !self.cur.eat_char('(') {
                    return Err(syntax(
                        "#elseif needs a condition in parentheses: #elseif($x)",
                        self.cur.pos(),
                    ));
                }
                let cond = self.expression()?;
                self.close_paren("#elseif")?;
                Ok(AfterHash::Close(Closer::ElseIf(cond, pos)))
            }
            "if" => self.if_statement(pos).map(AfterHash::Node),
            "stop" => Ok(AfterHash::Node(Node::Stop)),
            _ => self.directive(&name, start, pos),
        }
    }

    fn if_statement(&mut self, pos: Pos) -> Result<Node, Error> {
        self.enter(pos)?;
        self.cur.whitespace();
        if !self.cur.eat_char('(') {
            return Err(syntax(
                "#if needs a condition in parentheses: #if($x)",
                self.cur.pos(),
            ));
        }
        let mut cond = self.expression()?;
        self.close_paren("#if")?;
        let mut branches = Vec::new();
        loop {
            let (body, end) = self.block()?;
            branches.push((cond, body));
            match end {
                Closer::ElseIf(next, _) => cond = next,
                Closer::Else(_) => {
                    let (otherwise, end) = self.block()?;
                    match end {
                        Closer::End(_) => {
                            self.depth -= 1;
                            return Ok(Node::If(branches, Some(otherwise)));
                        }
                        Closer::Eof => return Err(syntax("#if is never closed with #end", pos)),
                        Closer::Else(p) => return Err(syntax("a second #else in one #if", p)),
                        Closer::ElseIf(_, p) => return Err(syntax("#elseif after #else", p)),
                    }
                }
                Closer::End(_) => {
                    self.depth -= 1;
                    return Ok(Node::If(branches, None));
                }
                Closer::Eof => return Err(syntax("#if is never closed with #end", pos)),
            }
        }
    }

    /// The body of a block directive, up to its `#end`.
    fn body(&mut self, name: &str, pos: Pos) -> Result<Block, Error> {
        self.enter(pos)?;
        let (body, end) = self.block()?;
        self.depth -= 1;
        match end {
            Closer::End(_) => Ok(body),
            Closer::Eof => Err(syntax(format!("#{name} is never closed with #end"), pos)),
            Closer::Else(p) => Err(syntax("#else outside an #if", p)),
            Closer::ElseIf(_, p) => Err(syntax("#elseif outside an #if", p)),
        }
    }

    /// `(arg arg, arg)` of a directive or macro call, if a `(` follows
    /// (after optional whitespace).
    fn directive_args(&mut self, name: &str) -> Result<Option<Vec<Expr>>, Error> {
        let save = self.cur.mark();
        self.cur.whitespace();
        if !self.cur.eat_char('(') {
            self.cur.reset(save);
            return Ok(None);
        }
        let mut args = Vec::new();
        loop {
            self.cur.whitespace();
            if self.cur.eat_char(')') {
                self.cur.line_end();
                return Ok(Some(args));
            }
            if !args.is_empty() && self.cur.eat_char(',') {
                self.cur.whitespace();
            }
            let pos = self.cur.pos();
            let arg = self.atom(BareWords::Accepted)?.ok_or_else(|| {
                let found = self.next_found();
                syntax(
                    format!("unexpected {found} in the arguments of #{name}"),
                    pos,
                )
            })?;
            args.push(arg);
        }
    }

    fn directive(&mut self, name: &str, start: Mark, pos: Pos) -> Result<AfterHash, Error> {
        match name {
            "foreach" | "macro" | "define" | "literal" | "include" | "parse" | "evaluate"
            | "break" => {}
            _ => return self.macro_call(name, start, pos),
        }
        let Some(args) = self.directive_args(name)? else {
            return match name {
                "break" => Ok(AfterHash::Node(Node::Break(None, pos))),
                "macro" => Err(syntax(
                    "a macro declaration needs at least a name: #macro(name $arg)",
                    pos,
                )),
                _ => Ok(AfterHash::Text(self.cur.since(start).to_string())),
            };
        };
        let wrong = |detail: &str| Err(syntax(format!("#{name}: {detail}"), pos));
        match name {
            "foreach" => {
                let [Expr::Ref(var), Expr::Word(in_word), iterable] =
                    <[Expr; 3]>::try_from(args)
                        .map_err(|_| syntax("#foreach needs ($item in $list)", pos))?
                else {
                    return wrong("expected ($item in $list)");
                };
                if &*in_word != "in" || !var.parts.is_empty() {
                    return wrong("expected ($item in $list)");
                }
                let body = self.body(name, pos)?;
                Ok(AfterHash::Node(Node::Foreach(Box::new(Foreach {
                    var: var.root.clone(),
                    iterable,
                    body,
                    pos,
                }))))
            }
            "macro" => {
                let mut args = args.into_iter();
                let macro_name =
                    match args.next() {
                        Some(Expr::Word(w)) => w,
                        _ => return wrong(
                            "the first argument must be the macro's name, written without quotes",
                        ),
                    };
                let mut params = Vec::new();
                for arg in args {
                    match arg {
                        Expr::Ref(r) if r.parts.is_empty() => params.push(r.root.clone()),
                        _ => return wrong("macro parameters must be references like $name"),
                    }
                }
                // Defined from here on, so calls later in this template know it.
                self.defined.insert(macro_name.to_string());
                let body = self.body(name, pos)?;
                let def = Rc::new(MacroDef {
                    name: macro_name,
                    params,
                    body,
                    pos,
                });
                self.macros.push(def.clone());
                Ok(AfterHash::Node(Node::Macro(def)))
            }
            "define" => {
                let [Expr::Ref(var)] = <[Expr; 1]>::try_from(args)
                    .map_err(|_| syntax("#define needs one reference: #define($name)", pos))?
                else {
                    return wrong("expected one reference: #define($name)");
                };
                let body = self.body(name, pos)?;
                Ok(AfterHash::Node(Node::Define(
                    var.root.clone(),
                    Rc::new(body),
                    pos,
                )))
            }
            "literal" => {
                let body_start = self.cur.at();
                let _ = self.body(name, pos)?;
                let text = self.cur.src[body_start..self.cur.at()].to_string();
                // The body's text ends where `#end` begins.
                let end = text
                    .rfind("#end")
                    .or_else(|| text.rfind("#{end}"))
                    .unwrap_or(text.len());
                Ok(AfterHash::Node(Node::Literal(text[..end].into())))
            }
            "include" => Ok(AfterHash::Node(Node::Include(args, pos))),
            "parse" => match <[Expr; 1]>::try_from(args) {
                Ok([arg]) => Ok(AfterHash::Node(Node::Parse(arg, pos))),
                Err(_) => wrong("expected one template name"),
            },
            "evaluate" => match <[Expr; 1]>::try_from(args) {
                Ok([arg]) => Ok(AfterHash::Node(Node::Evaluate(arg, pos))),
                Err(_) => wrong("expected one argument, the template text"),
            },
            "break" => match <[Expr; 1]>::try_from(args) {
                Ok([Expr::Ref(scope)]) => Ok(AfterHash::Node(Node::Break(Some(scope), pos))),
                Ok(_) => wrong("the argument must be a scope reference like $foreach"),
                Err(args) if args.is_empty() => Ok(AfterHash::Node(Node::Break(None, pos))),
                Err(_) => wrong("expected at most one scope reference"),
            },
            _ => unreachable!("matched above"),
        }
    }

    /// `#name(args)`, `#name` or `#@name(args) body #end`.
    fn macro_call(&mut self, name: &str, start: Mark, pos: Pos) -> Result<AfterHash, Error> {
        let block = name.starts_with('@');
        let macro_name = name.trim_start_matches('@');
        let known = self.is_macro(macro_name);
        let args = self.directive_args(name)?;
        let Some(args) = args else {
            if known && !block {
                // A known macro called without parentheses runs with no arguments.
                return Ok(AfterHash::Node(Node::Call(Box::new(Call {
                    name: macro_name.into(),
                    args: Vec::new(),
                    body: None,
                    literal: self.cur.since(start).into(),
                    pos,
                }))));
            }
            return Ok(AfterHash::Text(self.cur.since(start).to_string()));
        };
        if known {
            if let Some(i) = args.iter().position(|a| matches!(a, Expr::Word(_))) {
                return Err(syntax(
                    format!("invalid argument #{i} in the call of macro #{macro_name}: a bare word is not a value (quote it, or use a reference)"),
                    pos,
                ));
            }
        }
        let head = self.cur.since(start).to_string();
        let body = if block {
            Some(Rc::new(self.body(name, pos)?))
        } else {
            None
        };
        let literal = if block {
            self.cur.since(start).to_string()
        } else {
            head
        };
        Ok(AfterHash::Node(Node::Call(Box::new(Call {
            name: macro_name.into(),
            args,
            body,
            literal: literal.into(),
            pos,
        }))))
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

/// Replaces `\uXXXX` escapes in a string literal.
fn unescape_unicode(text: &str) -> String {
    if !text.contains("\\u") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest
            .get(i + 2..i + 6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        match hex
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}
