//! Expressions: references (`$a.b(c)[d]`, `${a}`, `$!a`), literals (strings,
//! which may be templates themselves, numbers, booleans, lists, maps,
//! ranges), and operators by Velocity's precedence.

use std::rc::Rc;

use super::{parse, syntax, BareWords, Parser};
use crate::vtl::ast::{Expr, Op, Part, Pos, Reference};
use crate::vtl::error::Error;
use crate::vtl::lexer::NumberToken;

impl Parser<'_, '_> {
    /// `$name...` at the cursor (the `$` itself; `n` backslashes were before
    /// it). `None` when the text there is not a reference.
    pub(super) fn reference(&mut self, n: usize) -> Result<Option<Reference>, Error> {
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
    pub(super) fn atom(&mut self, words: BareWords) -> Result<Option<Expr>, Error> {
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
    pub(super) fn expression(&mut self) -> Result<Expr, Error> {
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
    pub(super) fn next_found(&self) -> String {
        self.cur
            .peek()
            .map_or_else(|| "the end of the template".into(), |c| format!("`{c}`"))
    }
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
