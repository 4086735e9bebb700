//! Jayway's `FilterCompiler`: the expression inside `[?(…)]`, with `||`, `&&`, `!`, parentheses,
//! relations between paths and literals, and paths alone as existence checks.

use super::ast::{Filter, Literal, Op, Operand, PathRoot};
use super::parse::{
    compile, is_operator_char, parse_json_literal, unescape, Parser, SyntaxError, MAX_NESTING,
};
use crate::java::OwnedBigDecimal;

impl Op {
    /// The operator written `text`, in upper case.
    fn from_text(text: &str) -> Option<Op> {
        Some(match text {
            "==" => Op::Equal,
            "!=" => Op::NotEqual,
            "===" => Op::TypedEqual,
            "!==" => Op::TypedNotEqual,
            "<" => Op::Less,
            "<=" => Op::LessOrEqual,
            ">" => Op::Greater,
            ">=" => Op::GreaterOrEqual,
            "=~" => Op::RegexMatch,
            "IN" => Op::In,
            "NIN" => Op::NotIn,
            "SUBSETOF" => Op::SubsetOf,
            "ANYOF" => Op::AnyOf,
            "NONEOF" => Op::NoneOf,
            "SIZE" => Op::Size,
            "EMPTY" => Op::Empty,
            "CONTAINS" => Op::Contains,
            "EXISTS" => Op::Exists,
            "ALL" => Op::All,
            "TYPE" => Op::Type,
            "MATCHES" => Op::Matches,
            _ => return None,
        })
    }
}

impl Parser {
    /// Skips spaces, then takes `token` if it comes next.
    fn eat(&mut self, token: &str) -> bool {
        self.skip_spaces();
        let len = token.len();
        let found = self.pos + len <= self.end && self.text(self.pos, self.pos + len) == token;
        self.pos += if found { len } else { 0 };
        found
    }

    /// Runs `parse` one level deeper, refusing to nest beyond the limit.
    fn nested<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<T, SyntaxError>,
    ) -> Result<T, SyntaxError> {
        if self.depth > MAX_NESTING {
            return self.error(self.pos, "filter nests too deeply; simplify it");
        }
        self.depth += 1;
        let parsed = parse(self);
        self.depth -= 1;
        parsed
    }

    /// `a || b || …`, the whole of a filter.
    pub(super) fn or(&mut self) -> Result<Filter, SyntaxError> {
        self.nested(|parser| {
            let mut alternatives = vec![parser.and()?];
            while parser.eat("||") {
                alternatives.push(parser.and()?);
            }
            Ok(if alternatives.len() == 1 {
                alternatives.remove(0)
            } else {
                Filter::Or(alternatives)
            })
        })
    }

    fn and(&mut self) -> Result<Filter, SyntaxError> {
        let mut conditions = vec![self.term()?];
        while self.eat("&&") {
            conditions.push(self.term()?);
        }
        Ok(if conditions.len() == 1 {
            conditions.remove(0)
        } else {
            Filter::And(conditions)
        })
    }

    fn term(&mut self) -> Result<Filter, SyntaxError> {
        self.skip_spaces();
        let save = self.pos;
        if self.eat("!") {
            self.skip_spaces();
            if !matches!(self.char_at(self.pos), Some('$' | '@')) {
                return Ok(Filter::Not(Box::new(self.nested(Self::term)?)));
            }
            self.pos = save;
        }
        if self.eat("(") {
            let inner = self.or()?;
            if !self.eat(")") {
                return self.error(
                    self.pos,
                    "expected ')' in filter; check parentheses and operators",
                );
            }
            return Ok(inner);
        }
        // `!@.a` alone asks for the path to be absent; before an operator the `!` is ignored
        let negated = self.char_at(self.pos) == Some('!');
        let left = self.operand()?;
        let save = self.pos;
        if let Ok(op) = self.operator() {
            if let Ok(right) = self.operand() {
                return Ok(Filter::Relation(left, op, right));
            }
        }
        // no operator: an existence check
        self.pos = save;
        match left {
            Operand::Path(path, _) if negated => Ok(Filter::Not(Box::new(Filter::Exists(path)))),
            Operand::Path(path, _) => Ok(Filter::Exists(path)),
            _ => self.error(
                save,
                "a literal alone is not a filter; compare it with a path like @.a",
            ),
        }
    }

    /// A run of operator characters (`==`, `=~`, …) or a word (`in`, `SIZE`, …).
    fn operator(&mut self) -> Result<Op, SyntaxError> {
        self.skip_spaces();
        let start = self.pos;
        let symbolic = self.char_at(start).is_some_and(is_operator_char);
        while self.char_at(self.pos).is_some_and(|c| {
            if symbolic {
                is_operator_char(c)
            } else {
                c != ' '
            }
        }) {
            self.pos += 1;
        }
        let text = self.text(start, self.pos).to_ascii_uppercase();
        match Op::from_text(&text) {
            Some(op) => Ok(op),
            None => self.error(start, "unknown operator"),
        }
    }

    /// A filter operand; a path may be written `!path`.
    fn operand(&mut self) -> Result<Operand, SyntaxError> {
        self.skip_spaces();
        let start = self.pos;
        let Some(c) = self.char_at(start) else {
            return self.error(start, "missing value in filter");
        };
        let literal = |literal| Ok(Operand::Literal(literal));
        match c {
            '$' | '@' => self.path_operand(),
            '!' => {
                self.pos += 1;
                self.skip_spaces();
                match self.char_at(self.pos) {
                    Some('$' | '@') => self.path_operand(),
                    _ => self.error(start, "'!' must precede a path like @.a or a '('"),
                }
            }
            '\'' | '"' => {
                let Some(end) = self.find_unescaped(start, c) else {
                    return self.error(start, "string is not closed; add the closing quote");
                };
                self.pos = end + 1;
                match unescape(&self.chars[start + 1..end]) {
                    Some(text) => literal(Literal::String(text)),
                    None => self.error(start, "bad \\u escape"),
                }
            }
            't' | 'f' | 'n' => {
                for (word, value) in [
                    ("true", Literal::Bool(true)),
                    ("false", Literal::Bool(false)),
                    ("null", Literal::Null),
                ] {
                    if self.eat(word) {
                        return literal(value);
                    }
                }
                self.error(
                    start,
                    "expected true, false or null; quote strings as 'text'",
                )
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                let (mut open, mut i) = (0, start);
                while i < self.end {
                    match self.chars[i] {
                        quote @ ('\'' | '"') => {
                            i = self.find_unescaped(i, quote).unwrap_or(self.end)
                        }
                        x if x == c => open += 1,
                        x if x == close && open == 1 => break,
                        x if x == close => open -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                self.pos = i + 1;
                match parse_json_literal(&self.text(start, i.min(self.end - 1) + 1)) {
                    Some(value) if i < self.end => literal(Literal::Json(value)),
                    _ => self.error(start, "invalid JSON literal in filter"),
                }
            }
            '/' => {
                let Some(end) = self.find_unescaped(start, '/') else {
                    return self.error(start, "regex is not closed; end it with '/'");
                };
                self.pos = end + 1;
                while self
                    .char_at(self.pos)
                    .is_some_and(|c| "dixmsuU".contains(c))
                {
                    self.pos += 1;
                }
                Ok(Operand::Regex {
                    pattern: self.text(start + 1, end),
                    flags: self.text(end + 1, self.pos),
                })
            }
            _ => {
                while self
                    .char_at(self.pos)
                    .is_some_and(|c| c.is_ascii_digit() || "-.eE".contains(c))
                {
                    self.pos += 1;
                }
                match OwnedBigDecimal::parse(&self.text(start, self.pos)) {
                    Some(number) => literal(Literal::Number(number)),
                    None => self.error(start, "invalid literal; quote strings as 'text'"),
                }
            }
        }
    }

    /// Jayway `readPath` in filters: ends at a space, an operator character or a closing ')'.
    fn path_operand(&mut self) -> Result<Operand, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        while self.pos < self.end {
            if self.chars[self.pos] == '[' {
                let Some(i) = (self.pos..self.end).find(|&i| self.chars[i] == ']') else {
                    return self.error(self.pos, "square brackets do not match in filter");
                };
                self.pos = i + 1;
                if self.pos >= self.end {
                    break;
                }
            }
            let c = self.chars[self.pos];
            let previous = self.chars[..self.pos].iter().rposition(|&x| x != ' ');
            let call = previous
                .is_some_and(|i| self.chars[i] == '(' && self.chars[start + 1..i].contains(&'.'));
            if is_operator_char(c) || c == ' ' || (c == ')' && !call) {
                break;
            }
            self.pos += 1;
        }
        let text = self.text(start, self.pos);
        let path = compile(&text, self.position_in_text(start), self.depth + 1)?;
        let root = match self.chars[start] {
            '$' => PathRoot::Document,
            _ => PathRoot::Item,
        };
        Ok(Operand::Path(path, root))
    }
}
