//! The text between directives, as Velocity 1.7's lexer splits it: plain
//! text, runs of backslashes and what they escape, `$` that starts a
//! reference or stays text, `##` and `#* *#` comments, `#[[ ]]#` literal
//! text, and what a `#` starts.

use super::{is_directive, push_text, set_token_len, syntax, AfterHash, Closer, Escaping, Parser};
use crate::vtl::ast::{Block, Node};
use crate::vtl::error::Error;
use crate::vtl::lexer::Mark;

impl Parser<'_, '_> {
    /// Statements until the end of input or a block-ending directive.
    pub(super) fn block(&mut self) -> Result<(Block, Closer), Error> {
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
}
