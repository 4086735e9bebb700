//! Jayway's `PathCompiler`: path text to [`Segment`]s, with the leniencies of the Java original (a
//! path not starting with `$` or `@` gets `$.` in front, a last lone character is ignored, trailing
//! spaces are dropped) and error positions in the user's text. The filters inside `[?(…)]` are
//! `filter.rs`'s part.

use serde_json::Value;

use super::ast::{Aggregate, Argument, Function, JsonPath, Segment};

/// How deeply filters and function arguments may nest paths within paths.
pub(super) const MAX_NESTING: usize = 32;

impl Function {
    fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "length" | "size" => Function::Length,
            "keys" => Function::Keys,
            "first" => Function::First,
            "last" => Function::Last,
            "index" => Function::Index,
            "concat" => Function::Concat,
            "append" => Function::Append,
            "min" => Function::Aggregate(Aggregate::Min),
            "max" => Function::Aggregate(Aggregate::Max),
            "avg" => Function::Aggregate(Aggregate::Avg),
            "stddev" => Function::Aggregate(Aggregate::Stddev),
            "sum" => Function::Aggregate(Aggregate::Sum),
            _ => return None,
        })
    }
}

/// Where (in the user's text) and why a path does not compile.
#[derive(Debug)]
pub(super) struct SyntaxError {
    pub(super) position: usize,
    pub(super) message: &'static str,
}

/// Compiles `text`, which starts at `offset` in the user's text, nested `depth` paths deep.
pub(super) fn compile(text: &str, offset: usize, depth: usize) -> Result<JsonPath, SyntaxError> {
    let mut chars: Vec<char> = text.trim_end_matches(' ').chars().collect();
    let mut offset = offset as isize;
    if !matches!(chars.first(), Some('$' | '@')) {
        chars.splice(0..0, ['$', '.']);
        offset -= 2;
    }
    let end = chars.len();
    let mut parser = Parser {
        chars,
        pos: 1,
        end,
        offset,
        depth,
    };
    if depth > MAX_NESTING {
        return parser.error(0, "filters nest too deeply; simplify the path");
    }
    if parser.chars[end - 1] == '.' {
        return parser.error(
            end - 1,
            "a path must not end with '.'; name a property after it",
        );
    }
    let mut segments = Vec::new();
    if end > 1 {
        if !matches!(parser.chars[1], '.' | '[') {
            return parser.error(1, "expected '.' or '[' after the root, as in $.a or $['a']");
        }
        parser.segments(&mut segments)?;
    }
    if let Some(&Segment::Function(function, _)) = segments.last() {
        if segments.len() > 1 && matches!(segments[0], Segment::DeepScan) {
            // Jayway rewrites `$..a.fn()` as `$.fn($..a)`
            segments.pop();
            let scanned = Argument::Path(JsonPath { segments });
            segments = vec![Segment::Function(function, vec![scanned])];
        }
    }
    // Jayway's length(path) counts the children of what path selects
    if let Some(Segment::Function(Function::Length, arguments)) = segments.last_mut() {
        if let Some(Argument::Path(path)) = arguments.first_mut() {
            let last = path.segments.last();
            if !matches!(last, None | Some(Segment::Function(..) | Segment::DeepScan)) {
                path.segments.push(Segment::Wildcard);
            }
        }
    }
    Ok(JsonPath { segments })
}

/// Whether Jayway's `ValueNode.toValueNode` would read a string as a path (nested paths not
/// explored).
pub(super) fn looks_like_path(text: &str) -> bool {
    text.starts_with(['$', '@']) && compile(text, 0, MAX_NESTING).is_ok()
}

pub(super) fn is_operator_char(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '~' | '!')
}

/// Java `Integer.parseInt` for the characters Jayway lets through.
fn parse_java_int(text: &str) -> Option<i32> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

/// The characters of a path (or of one filter in it) and a cursor over them.
pub(super) struct Parser {
    pub(super) chars: Vec<char>,
    pub(super) pos: usize,
    pub(super) end: usize,
    /// Where `chars[0]` is in the user's text; negative when `$.` was put in front.
    offset: isize,
    pub(super) depth: usize,
}

impl Parser {
    pub(super) fn position_in_text(&self, at: usize) -> usize {
        (at as isize + self.offset).max(0) as usize
    }

    pub(super) fn error<T>(&self, at: usize, message: &'static str) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            position: self.position_in_text(at),
            message,
        })
    }

    pub(super) fn char_at(&self, i: usize) -> Option<char> {
        (i < self.end).then(|| self.chars[i])
    }

    /// The index of the first non-space character at or after `i`.
    fn non_space(&self, mut i: usize) -> Option<usize> {
        while i < self.end && self.chars[i] == ' ' {
            i += 1;
        }
        (i < self.end).then_some(i)
    }

    /// The index of the first non-space character at or after `i` if it is `expected`.
    fn non_space_is(&self, i: usize, expected: char) -> Option<usize> {
        self.non_space(i).filter(|&j| self.chars[j] == expected)
    }

    pub(super) fn skip_spaces(&mut self) {
        self.pos = self.non_space(self.pos).unwrap_or(self.end);
    }

    pub(super) fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    /// The next `wanted` after `i` not preceded by a backslash.
    pub(super) fn find_unescaped(&self, i: usize, wanted: char) -> Option<usize> {
        let mut escaped = false;
        for j in i + 1..self.end {
            match self.chars[j] {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                c if c == wanted => return Some(j),
                _ => {}
            }
        }
        None
    }

    fn segments(&mut self, segments: &mut Vec<Segment>) -> Result<(), SyntaxError> {
        loop {
            let Some(c) = self.char_at(self.pos) else {
                return self.error(self.pos, "unexpected end of path");
            };
            match c {
                '.' => {
                    if self.char_at(self.pos + 1) == Some('.') {
                        segments.push(Segment::DeepScan);
                        self.pos += 1;
                    }
                    self.pos += 1;
                    if self.char_at(self.pos) == Some('.') {
                        return self.error(self.pos, "'...' is not valid; use '.' or '..'");
                    }
                    continue;
                }
                '[' => self.bracket(segments)?,
                '*' => {
                    segments.push(Segment::Wildcard);
                    self.pos += 1;
                }
                _ if self.dot_name(segments)? == NameKind::Function => return Ok(()),
                _ => {}
            }
            // like Jayway, stop when at most one character is left (it is ignored)
            if self.pos + 1 >= self.end {
                return Ok(());
            }
        }
    }

    /// A dot-notation property, or a function (which must end the path).
    fn dot_name(&mut self, segments: &mut Vec<Segment>) -> Result<NameKind, SyntaxError> {
        let start = self.pos;
        let stop = (start..self.end).find(|&i| matches!(self.chars[i], ' ' | '.' | '[' | '('));
        let end = stop.unwrap_or(self.end);
        if self.char_at(end) == Some(' ') {
            return self.error(
                end,
                "write names with spaces in brackets, as in ['my name']",
            );
        }
        let name = self.text(start, end);
        self.pos = end;
        if self.char_at(end) != Some('(') {
            segments.push(Segment::Properties(vec![name]));
            return Ok(NameKind::Property);
        }
        let Some(function) = Function::from_name(&name) else {
            return self.error(
                start,
                "unknown function; see Jayway's list (length, sum, keys, ...)",
            );
        };
        let mut arguments = Vec::new();
        self.pos = end + 1;
        if self.char_at(end + 1) == Some(')') {
            self.pos += 1;
        } else {
            arguments = self.arguments()?;
        }
        if self.pos < self.end {
            return self.error(
                self.pos,
                "a function must end the path; remove what follows it",
            );
        }
        segments.push(Segment::Function(function, arguments));
        Ok(NameKind::Function)
    }

    /// Jayway's argument splitter: JSON (starting with `{`, a digit, `"` or `-`) or paths; others
    /// ignored.
    fn arguments(&mut self) -> Result<Vec<Argument>, SyntaxError> {
        let (mut parens, mut braces, mut brackets, mut quotes) = (1, 0, 0, 0);
        let (mut kind, mut current, mut at, mut prior) = (None, String::new(), 0, '\0');
        let (mut arguments, mut done) = (Vec::new(), false);
        while self.pos < self.end && !done {
            let c = self.chars[self.pos];
            self.pos += 1;
            if kind.is_none() {
                if c == ' ' {
                    continue;
                }
                at = self.pos - 1;
                kind = match c {
                    '{' | '"' | '-' | '0'..='9' => Some(ArgumentKind::Json),
                    '$' | '@' => Some(ArgumentKind::Path),
                    _ => None,
                };
            }
            match c {
                '"' => quotes += if prior != '\\' && quotes > 0 { -1 } else { 1 },
                '(' => parens += 1,
                '{' => braces += 1,
                '[' => brackets += 1,
                '}' | ']' => {
                    let depth = if c == '}' { &mut braces } else { &mut brackets };
                    if *depth == 0 {
                        return self
                            .error(self.pos - 1, "unbalanced bracket in function arguments");
                    }
                    *depth -= 1;
                }
                '\\' if quotes == 1 && matches!(self.char_at(self.pos), Some(',' | '"')) => {
                    if kind.is_some() {
                        current.push(self.chars[self.pos]);
                    }
                    self.pos += 1;
                    prior = '\0';
                    continue;
                }
                ')' => {
                    parens -= 1;
                    if (parens < 0 || prior == '(') && kind.is_some() {
                        current.push(c);
                    }
                }
                _ => {}
            }
            let split = quotes == 0 && braces == 0 && brackets == 0;
            if matches!(c, ',' | ')') && (parens == 1 || parens == 0 && c == ')') && split {
                done = parens == 0;
                if let Some(kind) = kind.take() {
                    let text = std::mem::take(&mut current);
                    arguments.push(match kind {
                        ArgumentKind::Path => Argument::Path(compile(
                            &text,
                            self.position_in_text(at),
                            self.depth + 1,
                        )?),
                        ArgumentKind::Json => match parse_json_literal(&text) {
                            Some(value) => Argument::Json(value),
                            None => {
                                return self
                                    .error(at, "invalid JSON argument; quote strings with \"")
                            }
                        },
                    });
                }
            } else if kind.is_some() && !(c == ',' && braces == 0 && brackets == 0 && parens == 1) {
                current.push(c);
            }
            prior = c;
        }
        if braces != 0 || parens != 0 || brackets != 0 {
            return self.error(self.pos, "function arguments are not closed; add ')'");
        }
        Ok(arguments)
    }

    fn bracket(&mut self, segments: &mut Vec<Segment>) -> Result<(), SyntaxError> {
        let start = self.pos;
        let bad = "bad bracket; expected ['name'], [0], [1:2], [*] or [?(...)]";
        let Some(first) = self.non_space(start + 1) else {
            return self.error(start, bad);
        };
        match self.chars[first] {
            quote @ ('\'' | '"') => return self.bracket_names(segments, quote),
            '0'..='9' | '-' | ':' => {
                let Some(close) = (start + 1..self.end).find(|&i| self.chars[i] == ']') else {
                    return self.error(start, bad);
                };
                let inside = self.text(start + 1, close);
                let inside = inside.trim_matches(|c: char| c <= ' ');
                if !inside
                    .chars()
                    .all(|c| c.is_ascii_digit() || ",-: ".contains(c))
                {
                    return self.error(start, bad);
                }
                if inside.contains(':') {
                    segments.push(self.slice(start, inside)?);
                } else {
                    let indexes: Option<Vec<i32>> = inside
                        .split(',')
                        .map(|t| parse_java_int(t.trim()))
                        .collect();
                    let Some(indexes) = indexes else {
                        return self.error(start, "bad index; write [0], [-1] or [0,2]");
                    };
                    segments.push(Segment::Indexes(indexes));
                }
                self.pos = close + 1;
            }
            '*' => {
                let Some(close) = self.non_space_is(first + 1, ']') else {
                    return self.error(first + 1, "expected ']' after '[*'");
                };
                segments.push(Segment::Wildcard);
                self.pos = close + 1;
            }
            '?' => {
                let close = self
                    .non_space_is(first + 1, '(')
                    .map(|open| self.closing_paren(open))
                    .transpose()?;
                let Some(end) = close
                    .flatten()
                    .and_then(|close| self.non_space_is(close + 1, ']'))
                else {
                    return self.error(
                        start,
                        "bad filter; write [?(expression)] ([?] is not supported)",
                    );
                };
                let mut filter = Parser {
                    chars: self.chars[..end].to_vec(),
                    pos: first + 1,
                    end,
                    offset: self.offset,
                    depth: self.depth + 1,
                };
                filter.skip_spaces();
                let parsed = filter.or()?;
                if let Some(extra) = filter.non_space(filter.pos) {
                    return filter.error(
                        extra,
                        "unexpected text in filter; check operators and parentheses",
                    );
                }
                segments.push(Segment::Filter(Box::new(parsed)));
                self.pos = end + 1;
            }
            _ => return self.error(start, bad),
        }
        Ok(())
    }

    /// `[from:to]` (already checked to hold only digits, `-`, `:`, `,` and spaces).
    fn slice(&self, start: usize, inside: &str) -> Result<Segment, SyntaxError> {
        // Java's split(":") drops trailing empty parts; a step is ignored
        let mut parts: Vec<&str> = inside.split(':').collect();
        while parts.last() == Some(&"") {
            parts.pop();
        }
        let bound = |i: usize| {
            parts
                .get(i)
                .filter(|x| !x.is_empty())
                .map(|x| parse_java_int(x))
        };
        match (bound(0), bound(1)) {
            (from, to) if inside.contains(' ') || from == Some(None) || to == Some(None) => {
                self.error(start, "bad slice; write [1:3], [1:] or [:3] without spaces")
            }
            (None, None) => self.error(start, "a slice needs a start or an end"),
            (from, to) => Ok(Segment::Slice {
                from: from.flatten(),
                to: to.flatten(),
            }),
        }
    }

    fn bracket_names(
        &mut self,
        segments: &mut Vec<Segment>,
        quote: char,
    ) -> Result<(), SyntaxError> {
        let (mut names, mut name_start, mut last_quote) = (Vec::new(), 0, 0);
        let (mut in_name, mut escaped, mut comma) = (false, false, false);
        for i in self.pos + 1..self.end {
            match self.chars[i] {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                ']' | ',' if !in_name && comma => {
                    return self.error(i, "empty name in brackets; remove a ','")
                }
                ']' if !in_name => break,
                ',' if !in_name => comma = true,
                c if c == quote && in_name => {
                    let next = self.non_space(i + 1).map(|j| self.chars[j]);
                    if !matches!(next, Some(']' | ',')) {
                        return self
                            .error(i, "separate names in brackets with ',' and end with ']'");
                    }
                    let Some(name) = unescape(&self.chars[name_start..i]) else {
                        return self.error(name_start, "bad \\u escape");
                    };
                    (last_quote, in_name) = (i, false);
                    names.push(name);
                }
                c if c == quote => (name_start, in_name, comma) = (i + 1, true, false),
                _ => {}
            }
        }
        if in_name {
            return self.error(
                self.end,
                "name in brackets is not closed; add the closing quote",
            );
        }
        let Some(close) = self.non_space_is(last_quote + 1, ']') else {
            return self.error(self.end, "missing ']' after the name");
        };
        self.pos = close + 1;
        segments.push(Segment::Properties(names));
        Ok(())
    }

    /// Jayway `indexOfClosingBracket`, skipping quoted strings and /regexes/.
    fn closing_paren(&self, open: usize) -> Result<Option<usize>, SyntaxError> {
        let (mut open_parens, mut i) = (1, open + 1);
        while i < self.end {
            while i < self.end && matches!(self.chars[i], '\'' | '"' | '/') {
                let Some(j) = self.find_unescaped(i, self.chars[i]) else {
                    return self.error(i, "unclosed quote or regex in filter");
                };
                i = j + 1;
            }
            match self.char_at(i).unwrap_or(' ') {
                '(' => open_parens += 1,
                ')' if open_parens == 1 => return Ok(Some(i)),
                ')' => open_parens -= 1,
                _ => {}
            }
            i += 1;
        }
        Ok(None)
    }
}

/// What a dot-notation name turned out to be.
#[derive(PartialEq)]
enum NameKind {
    Property,
    Function,
}

/// How Jayway reads a function argument, by its first character.
enum ArgumentKind {
    Json,
    Path,
}

/// Parses a JSON literal as json-smart does, accepting 'single quoted' strings.
pub(super) fn parse_json_literal(text: &str) -> Option<Value> {
    let (mut json, mut quote, mut escaped) = (String::new(), None, false);
    for c in text.chars() {
        match quote {
            None if c == '\'' || c == '"' => (quote, json) = (Some(c), json + "\""),
            None => json.push(c),
            Some(open) if escaped => {
                escaped = false;
                if !(open == '\'' && c == '\'') {
                    json.push('\\');
                }
                json.push(c);
            }
            Some(_) if c == '\\' => escaped = true,
            Some(open) if c == open => (quote, json) = (None, json + "\""),
            Some(_) if c == '"' => json.push_str("\\\""),
            Some(_) => json.push(c),
        }
    }
    serde_json::from_str(&json).ok()
}

/// Jayway `Utils.unescape`.
pub(super) fn unescape(chars: &[char]) -> Option<String> {
    let mut utf16 = Vec::<u16>::with_capacity(chars.len());
    let (mut i, mut buffer) = (0, [0u16; 2]);
    while i < chars.len() {
        let (c, next) = (chars[i], chars.get(i + 1).copied());
        i += if c == '\\' && next.is_some() { 2 } else { 1 };
        match (c, next) {
            ('\\', Some('u')) => {
                let hex: String = chars.get(i..i + 4)?.iter().collect();
                utf16.push(u16::from_str_radix(&hex, 16).ok()?);
                i += 4;
            }
            ('\\', Some(escaped)) => match "rftnb".find(escaped) {
                Some(k) => utf16.push([13, 12, 9, 10, 8][k]),
                None => utf16.extend_from_slice(escaped.encode_utf16(&mut buffer)),
            },
            _ => utf16.extend_from_slice(c.encode_utf16(&mut buffer)),
        }
    }
    Some(String::from_utf16_lossy(&utf16))
}
