//! Directives: `#set`, `#if` / `#elseif` / `#else`, the block directives
//! (`#foreach`, `#macro`, `#define`, `#literal`) up to their `#end`,
//! `#include`, `#parse`, `#evaluate`, `#break`, and macro calls, with the
//! whitespace and line ends each one swallows.

use std::rc::Rc;

use super::{set_token_len, syntax, AfterHash, BareWords, Closer, Parser};
use crate::vtl::ast::{Block, Call, Expr, Foreach, MacroDef, Node, Pos};
use crate::vtl::error::Error;
use crate::vtl::lexer::Mark;

impl Parser<'_, '_> {
    /// `#set(` / `#{set}(` at the cursor: parses the directive.
    pub(super) fn set_directive(&mut self) -> Result<Node, Error> {
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

    /// `)` that closes a directive, with the rest of its line if blank.
    pub(super) fn close_paren(&mut self, directive: &str) -> Result<(), Error> {
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

    pub(super) fn if_statement(&mut self, pos: Pos) -> Result<Node, Error> {
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

    pub(super) fn directive(
        &mut self,
        name: &str,
        start: Mark,
        pos: Pos,
    ) -> Result<AfterHash, Error> {
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
