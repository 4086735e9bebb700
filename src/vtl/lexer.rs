//! The scanner under the parser: a cursor over the template text with the
//! token shapes of Velocity 1.7's lexer (identifiers, words, numbers, string
//! literals, whitespace). Velocity's lexer is modal, so the parser asks for
//! the token it expects at each point rather than reading a token stream.

use super::ast::Pos;

/// A position in the text, cheap to save and restore for backtracking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub at: usize,
    pub line: u32,
    pub column: u32,
}

/// A number literal as the lexer reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberToken {
    Int(i64),
    Float(f64),
}

pub struct Cursor<'s> {
    pub src: &'s str,
    mark: Mark,
}

impl<'s> Cursor<'s> {
    pub fn new(src: &'s str) -> Cursor<'s> {
        Cursor {
            src,
            mark: Mark {
                at: 0,
                line: 1,
                column: 1,
            },
        }
    }

    pub fn mark(&self) -> Mark {
        self.mark
    }

    pub fn reset(&mut self, mark: Mark) {
        self.mark = mark;
    }

    pub fn pos(&self) -> Pos {
        Pos {
            line: self.mark.line,
            column: self.mark.column,
        }
    }

    pub fn at(&self) -> usize {
        self.mark.at
    }

    pub fn rest(&self) -> &'s str {
        &self.src[self.mark.at..]
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub fn peek_byte(&self) -> Option<u8> {
        self.src.as_bytes().get(self.mark.at).copied()
    }

    pub fn byte_at(&self, offset: usize) -> Option<u8> {
        self.src.as_bytes().get(self.mark.at + offset).copied()
    }

    pub fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    /// Advances over one character.
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.mark.at += c.len_utf8();
        // Velocity counts a `\r\n` pair, or a lone `\r`, as one line break.
        if c == '\n' || (c == '\r' && self.peek() != Some('\n')) {
            self.mark.line += 1;
            self.mark.column = 1;
        } else if c != '\r' {
            self.mark.column += 1;
        }
        Some(c)
    }

    /// Advances over `n` bytes of ASCII.
    pub fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    pub fn eat(&mut self, s: &str) -> bool {
        if self.starts_with(s) {
            self.skip(s.chars().count());
            true
        } else {
            false
        }
    }

    pub fn eat_char(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Text from `from` to the cursor.
    pub fn since(&self, from: Mark) -> &'s str {
        &self.src[from.at..self.mark.at]
    }

    /// Skips spaces, tabs and line breaks (the `WHITESPACE` token); true if any.
    pub fn whitespace(&mut self) -> bool {
        let start = self.mark.at;
        while matches!(self.peek_byte(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
        self.mark.at > start
    }

    /// Skips `[ \t]*` then one line break, or nothing at all if no line
    /// break follows (how `)`, `#end` and `#else` swallow the rest of a line).
    pub fn line_end(&mut self) {
        let save = self.mark;
        while matches!(self.peek_byte(), Some(b' ' | b'\t')) {
            self.bump();
        }
        match self.peek_byte() {
            Some(b'\n') => {
                self.bump();
            }
            Some(b'\r') => {
                self.bump();
                self.eat_char('\n');
            }
            _ => self.reset(save),
        }
    }

    /// A reference identifier: `[a-zA-Z_][a-zA-Z0-9_-]*`.
    pub fn identifier(&mut self) -> Option<&'s str> {
        let start = self.mark;
        match self.peek_byte() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
            _ => return None,
        }
        while matches!(self.peek_byte(), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            self.bump();
        }
        Some(self.since(start))
    }

    /// A directive word: `[a-zA-Z_@][a-zA-Z0-9_@]*`.
    pub fn word(&mut self) -> Option<&'s str> {
        let start = self.mark;
        match self.peek_byte() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'@' => {}
            _ => return None,
        }
        while matches!(self.peek_byte(), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'@')
        {
            self.bump();
        }
        Some(self.since(start))
    }

    /// A number literal (`INTEGER_LITERAL` / `FLOATING_POINT_LITERAL`),
    /// with an optional leading `-`. `1..3` reads as the integer 1.
    pub fn number(&mut self) -> Option<NumberToken> {
        let start = self.mark;
        let bytes = self.src.as_bytes();
        let mut i = self.mark.at;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        let int_start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_digits = i - int_start;
        let mut float = false;
        let mut end = i;
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1) != Some(&b'.') {
            let mut j = i + 1;
            while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            let frac_digits = j - i - 1;
            if int_digits > 0 || frac_digits > 0 {
                float = true;
                end = j;
            }
        }
        if int_digits == 0 && !float {
            return None;
        }
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            let mut j = end + 1;
            if matches!(bytes.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            let exp_start = j;
            while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if j > exp_start {
                float = true;
                end = j;
            }
        }
        let text = &self.src[start.at..end];
        self.skip(end - start.at);
        if float {
            Some(NumberToken::Float(text.parse().unwrap_or(f64::NAN)))
        } else {
            // Integers beyond Long become doubles, as Velocity's literal parsing falls back.
            match text.parse::<i64>() {
                Ok(i) => Some(NumberToken::Int(i)),
                Err(_) => Some(NumberToken::Float(text.parse().unwrap_or(f64::NAN))),
            }
        }
    }

    /// A string literal at the cursor (`"..."` or `'...'`): its content as
    /// written (quotes removed, nothing unescaped) and the quote. Inside, a
    /// doubled quote stands for one (Velocity 1.7); a backslash escapes nothing.
    pub fn string_literal(&mut self) -> Option<(&'s str, char)> {
        let quote = self.peek()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let start = self.mark;
        self.bump();
        let content_start = self.mark.at;
        loop {
            match self.peek() {
                None => {
                    self.reset(start);
                    return None;
                }
                Some(c) if c == quote => {
                    if self.byte_at(1) == Some(quote as u8) {
                        self.skip(2);
                        continue;
                    }
                    let content = &self.src[content_start..self.mark.at];
                    self.bump();
                    return Some((content, quote));
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
    }
}
