//! A small, dependency-free YAML 1.2 parser that produces `serde_json::Value`.
//!
//! It covers the JSON-compatible subset that OpenAPI/Swagger documents and AWS SAM
//! templates use: block and flow collections, all scalar styles, the core schema,
//! anchors/aliases/merge keys, standard tags and CloudFormation short-form tags.
//! Mapping keys are always strings: a plain key keeps its text as written (`200`).
use serde_json::{Map, Number, Value};
use std::fmt;

/// A YAML syntax error at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let YamlError {
            line,
            column,
            message,
        } = self;
        write!(f, "{message} (line {line}, column {column})")
    }
}

impl std::error::Error for YamlError {}

type R<T> = Result<T, YamlError>;

const MAX_DEPTH: usize = 256;
const MAX_ALIAS_NODES: usize = 1_000_000;
/// Node context flags. SEQ: a block collection may start on the node's first line (a
/// sequence entry, explicit key or the document root). MAP: a sequence may sit at the
/// key's own indentation (a mapping value). FLOW: inside `[]` or `{}`.
const SEQ: u8 = 1;
const MAP: u8 = 2;
const FLOW: u8 = 4;
const TAB: &str = "a tab character cannot indent YAML; use spaces";
const ONE_DOC: &str = "only one YAML document is supported; remove the second document";

/// Parses one YAML document into a JSON value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let s = text.chars().collect();
    let mut p = Parser {
        s,
        ..Parser::default()
    };
    if let Some(j) = p.s.iter().position(|&c| c < ' ' && c != '\t' && c != '\n') {
        let msg = format!(
            "the control character U+{:04X} is not allowed in YAML; write it as an escape in a double-quoted string",
            p.s[j] as u32
        );
        return Err(p.err(j, &msg));
    }
    // Prologue: comments, `%` directives and an optional `---`.
    while let Some((j, ind, _)) = p.next_line(p.i, false, false)? {
        p.i = j;
        if p.s[j] == '%' {
            p.skip_line();
            continue;
        }
        if ind < 0 && p.s[j] == '-' {
            p.i += 3;
        }
        break;
    }
    let v = p.node(-1, SEQ)?;
    p.line_end()?;
    match p.next_line(p.i, false, false)? {
        None => Ok(v),
        Some((j, -1, _)) if p.s[j] == '.' => match p.next_line(j + 3, false, false)? {
            None => Ok(v),
            Some((k, ..)) => Err(p.err(k, ONE_DOC)),
        },
        Some((j, -1, _)) => Err(p.err(j, ONE_DOC)),
        Some((j, ..)) => Err(p.err(
            j,
            "this line does not fit the indentation of the lines above it; align it with the entries it belongs to",
        )),
    }
}

#[derive(Default)]
struct Parser {
    s: Vec<char>,
    i: usize,
    anchors: Vec<(String, Value)>,
    depth: usize,
    copied: usize,
}

fn flow_indicator(c: char) -> bool {
    matches!(c, ',' | '[' | ']' | '{' | '}')
}

/// Appends a folded line break: a space, or one newline per blank line.
fn fold(out: &mut String, breaks: usize) {
    match breaks {
        0 => out.push(' '),
        n => out.push_str(&"\n".repeat(n)),
    }
}

/// The character a one-letter double-quoted escape such as `\n` stands for.
fn escape(e: char) -> Option<char> {
    let table =
        "0\0a\x07b\x08t\t\t\tn\nv\x0bf\x0cr\re\x1b  \"\"//\\\\N\u{85}_\u{a0}L\u{2028}P\u{2029}";
    let mut pairs = table.chars();
    while let (Some(k), Some(c)) = (pairs.next(), pairs.next()) {
        if k == e {
            return Some(c);
        }
    }
    None
}

fn size(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(size).sum(),
        Value::Object(o) => o.values().map(size).sum(),
        _ => 0,
    }
}

fn hex(s: &[char], i: &mut usize, len: usize) -> Option<u32> {
    let digits = s.get(*i..*i + len)?;
    *i += len;
    digits
        .iter()
        .try_fold(0, |n, c| Some(n * 16 + c.to_digit(16)?))
}

/// Core-schema number: `None` if `t` is not a number (or an integer too large to be
/// exact), `Some(None)` for infinity/NaN, which JSON cannot hold.
fn number(t: &str) -> Option<Option<Number>> {
    let digits = |s: &str, radix| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    for (prefix, radix) in [("0x", 16), ("0o", 8)] {
        if let Some(d) = t.strip_prefix(prefix) {
            return u64::from_str_radix(d, radix)
                .ok()
                .filter(|_| digits(d, radix))
                .map(|n| Some(n.into()));
        }
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits(body, 10) {
        return match t.starts_with('-') {
            true => t.parse::<i64>().ok().map(|n| Some(n.into())),
            false => body.parse::<u64>().ok().map(|n| Some(n.into())),
        };
    }
    if matches!(body, ".inf" | ".Inf" | ".INF") || matches!(t, ".nan" | ".NaN" | ".NAN") {
        return Some(None);
    }
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(k) => (&body[..k], Some(&body[k + 1..])),
        None => (body, None),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let all = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    if !all(int) || !all(frac) || int.is_empty() && frac.is_empty() || !exp_ok {
        return None;
    }
    // Rewritten as a JSON number and read by serde_json, so a float in a YAML document
    // becomes exactly the value the same number gets in a JSON document.
    let int = int.trim_start_matches('0');
    let mut json = String::from(if t.starts_with('-') { "-" } else { "" });
    json.push_str(if int.is_empty() { "0" } else { int });
    json = json + "." + if frac.is_empty() { "0" } else { frac };
    if let Some(e) = exp {
        json = json + "e" + e;
    }
    match serde_json::from_str(&json) {
        Ok(Value::Number(n)) => Some(Some(n)),
        _ => Some(None), // out of range: infinite
    }
}

impl Parser {
    fn err(&self, pos: usize, msg: &str) -> YamlError {
        let pos = pos.min(self.s.len());
        let line = self.s[..pos].iter().filter(|&&c| c == '\n').count() + 1;
        YamlError {
            line,
            column: pos - self.line_start(pos) + 1,
            message: msg.to_string(),
        }
    }

    fn at(&self, pos: usize) -> char {
        self.s.get(pos).copied().unwrap_or('\0')
    }

    fn line_start(&self, pos: usize) -> usize {
        self.s[..pos]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1)
    }

    /// Whether the character at `pos` ends a token (whitespace, end, or a flow indicator).
    fn sep(&self, pos: usize, flow: bool) -> bool {
        let c = self.at(pos);
        matches!(c, '\0' | ' ' | '\t' | '\n') || flow && flow_indicator(c)
    }

    fn dash(&self, pos: usize) -> bool {
        self.at(pos) == '-' && self.sep(pos + 1, false)
    }

    fn comment(&self, pos: usize) -> bool {
        self.at(pos) == '#' && (pos == 0 || self.s[pos - 1].is_whitespace())
    }

    /// Position of the line break (or end of text) at or after `pos`.
    fn eol(&self, pos: usize) -> usize {
        pos + self.s[pos..]
            .iter()
            .position(|&c| c == '\n')
            .unwrap_or(self.s.len() - pos)
    }

    /// Position after the spaces and tabs at `pos`.
    fn ws(&self, pos: usize) -> usize {
        pos + self.s[pos..]
            .iter()
            .take_while(|&&c| c == ' ' || c == '\t')
            .count()
    }

    fn skip_line(&mut self) {
        self.i = self.eol(self.i);
    }

    fn skip_ws(&mut self) {
        self.i = self.ws(self.i);
    }

    /// Skips whitespace, line breaks and comments inside a flow collection.
    fn fskip(&mut self) {
        loop {
            match self.at(self.i) {
                ' ' | '\t' | '\n' => self.i += 1,
                '#' if self.comment(self.i) => self.skip_line(),
                _ => return,
            }
        }
    }

    /// Finds the next line with content, starting at `from` (the rest of that line is
    /// skipped unless only whitespace precedes `from`). Returns the position of its first
    /// non-blank character, its indentation (-1 for a `---`/`...` marker) and the number
    /// of blank lines passed. Comment lines are skipped unless `comments` is set.
    fn next_line(
        &self,
        from: usize,
        comments: bool,
        flow: bool,
    ) -> R<Option<(usize, isize, usize)>> {
        let (s, n) = (&self.s, self.s.len());
        let mut ls = self.line_start(from);
        if !s[ls..from].iter().all(|&c| c == ' ' || c == '\t') {
            ls = self.eol(from) + 1;
        }
        let mut blanks = 0;
        while ls < n {
            let j = self.ws(ls);
            if j >= n {
                break;
            }
            if s[j] == '\n' || s[j] == '#' && !comments {
                blanks += (s[j] == '\n') as usize;
                ls = self.eol(j) + 1;
                continue;
            }
            if let Some(t) = s[ls..j]
                .iter()
                .position(|&c| c == '\t')
                .filter(|_| !flow && s[j] != '#')
            {
                return Err(self.err(ls + t, TAB));
            }
            let marker =
                j == ls && (s[j..].starts_with(&['-'; 3]) || s[j..].starts_with(&['.'; 3]));
            let ind = if marker && self.sep(j + 3, false) {
                -1
            } else {
                (j - ls) as isize
            };
            return Ok(Some((j, ind, blanks)));
        }
        Ok(None)
    }

    /// Requires the rest of the current line to be blank or a comment.
    fn line_end(&mut self) -> R<()> {
        let ls = self.line_start(self.i);
        if self.s[ls..self.i].iter().all(|&c| c == ' ') {
            return Ok(()); // already at the start of a later line
        }
        self.skip_ws();
        if self.at(self.i) == '#' {
            self.skip_line();
        }
        match self.at(self.i) {
            '\0' | '\n' => Ok(()),
            _ => Err(self.err(
                self.i,
                "unexpected text after the value; remove it, quote the whole value, or start a comment with ' #'",
            )),
        }
    }

    /// Reads anchors (`&a`) and tags (`!t`) in front of a node.
    fn props(
        &mut self,
        flow: bool,
        tag: &mut Option<(String, usize)>,
        anchor: &mut Option<String>,
    ) {
        loop {
            if flow {
                self.fskip()
            } else {
                self.skip_ws()
            }
            let (p, c) = (self.i, self.at(self.i));
            if c != '!' && c != '&' || c == '!' && tag.is_some() {
                return; // a second tag starts a nested node: `!Base64 !Ref X`
            }
            while !self.sep(self.i, flow) {
                self.i += 1;
            }
            let tok: String = self.s[p..self.i].iter().collect();
            match c {
                '&' => *anchor = Some(tok[1..].to_string()),
                _ => *tag = Some((tok, p)),
            }
        }
    }

    /// Parses any node. `parent` is the indentation of the enclosing block collection.
    fn node(&mut self, parent: isize, ctx: u8) -> R<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                self.i,
                "the document nests more than 256 levels deep; flatten it",
            ));
        }
        let flow = ctx == FLOW;
        let (mut tag, mut anchor, mut compact) = (None, None, ctx & SEQ != 0);
        let empty = loop {
            self.props(flow, &mut tag, &mut anchor);
            if flow || !matches!(self.at(self.i), '\0' | '\n' | '#') {
                break false;
            }
            match self.next_line(self.i, false, false)? {
                Some((j, ind, _))
                    if ind > parent || ctx & MAP != 0 && ind == parent && self.dash(j) =>
                {
                    self.i = j;
                    compact = true;
                }
                _ => break true,
            }
        };
        let (p, c) = (self.i, self.at(self.i));
        let mut plain = empty;
        let v = match c {
            _ if empty => Value::String(String::new()),
            '[' | '{' => self.flow()?,
            '*' => self.alias(flow)?,
            '!' => self.node(parent, if compact { ctx | SEQ } else { ctx })?,
            '|' | '>' if !flow => Value::String(self.block_scalar(parent)?),
            _ if !flow
                && (self.dash(p) || c == '?' && self.sep(p + 1, false) || self.is_key(p)) =>
            {
                if !compact {
                    return Err(self.err(p, "a block collection cannot start on the same line as its mapping key; move it to the next line and indent it"));
                }
                let col = (p - self.line_start(p)) as isize;
                match self.dash(p) {
                    true => self.block_seq(col, ctx & MAP != 0 && col == parent)?,
                    false => self.block_map(col)?,
                }
            }
            '"' | '\'' => Value::String(self.quoted()?),
            _ if "@`".contains(c) || !flow && ",]}".contains(c) => {
                return Err(self.err(
                    p,
                    &format!("a plain value cannot start with '{c}'; put the value in quotes"),
                ));
            }
            _ => {
                plain = true;
                let t = self.plain(if flow { -1 } else { parent }, flow)?;
                if !flow && self.at(self.i) == ':' {
                    return Err(self.err(self.i, "this line is indented like a continuation of the value above but holds a 'key: value' pair; fix its indentation"));
                }
                Value::String(t)
            }
        };
        let v = self.finish(tag, v, plain, p)?;
        if let Some(a) = anchor {
            self.anchors.push((a, v.clone()));
        }
        self.depth -= 1;
        Ok(v)
    }

    /// Whether a block mapping key (plain or quoted, then `: `) starts at `j`.
    fn is_key(&self, mut j: usize) -> bool {
        let q = self.at(j);
        if q == '"' || q == '\'' {
            j += 1;
            loop {
                match self.at(j) {
                    '\0' | '\n' => return false,
                    '\\' if q == '"' => j += 1,
                    c if c == q && self.at(j + 1) == q && q == '\'' => j += 1,
                    c if c == q => break,
                    _ => {}
                }
                j += 1;
            }
            j = self.ws(j + 1);
        } else {
            while !matches!(self.at(j), '\0' | '\n' | ':') && !self.comment(j)
                || self.at(j) == ':' && !self.sep(j + 1, false)
            {
                j += 1;
            }
        }
        self.at(j) == ':' && self.sep(j + 1, false)
    }

    fn block_seq(&mut self, col: isize, keyed: bool) -> R<Value> {
        let mut items = Vec::new();
        loop {
            self.i += 1; // the '-'
            items.push(self.node(col, SEQ)?);
            if !self.next_entry(col, true, keyed)? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn block_map(&mut self, col: isize) -> R<Value> {
        let (mut map, mut merged) = (Map::new(), Vec::new());
        loop {
            let kp = self.i;
            let (key, plain, v);
            if self.at(kp) == '?' && self.sep(kp + 1, false) {
                self.i += 1;
                key = match self.node(col, SEQ)? {
                    Value::String(s) => s,
                    Value::Array(_) | Value::Object(_) => {
                        return Err(self.err(
                            kp,
                            "a mapping key must be a scalar because JSON keys are strings; use a plain or quoted key",
                        ))
                    }
                    k => k.to_string(),
                };
                plain = false;
                self.line_end()?;
                v = match self.next_line(self.i, false, false)? {
                    Some((j, ind, _))
                        if ind == col && self.at(j) == ':' && self.sep(j + 1, false) =>
                    {
                        self.i = j + 1;
                        self.node(col, SEQ | MAP)?
                    }
                    _ => Value::Null,
                };
            } else {
                let (k, is_plain) = self.key(false)?;
                self.skip_ws();
                if self.at(self.i) != ':' {
                    return Err(self.err(
                        self.i,
                        "expected ':' after the mapping key; write entries as 'key: value'",
                    ));
                }
                self.i += 1;
                (key, plain) = (k, is_plain);
                v = self.node(col, MAP)?;
            }
            self.insert(&mut map, &mut merged, key, plain, v, kp)?;
            if !self.next_entry(col, false, false)? {
                return Ok(Value::Object(map));
            }
        }
    }

    /// After a block entry: moves to the next line and tells whether it continues the
    /// collection at column `col`.
    fn next_entry(&mut self, col: isize, seq: bool, keyed: bool) -> R<bool> {
        self.line_end()?;
        let Some((j, ind, _)) = self.next_line(self.i, false, false)? else {
            self.i = self.s.len();
            return Ok(false);
        };
        self.i = j;
        if ind > col {
            return Err(self.err(j, "the indentation of this line does not match the entries above it; align it with the entries it belongs to"));
        }
        if ind < col || self.dash(j) == seq {
            return Ok(ind == col);
        }
        if keyed {
            return Ok(false);
        }
        Err(self.err(j, "a mapping entry and a sequence item cannot share the same indentation; indent the sequence under its key or make every line at this level a 'key: value' pair"))
    }

    fn key(&mut self, flow: bool) -> R<(String, bool)> {
        let p = self.i;
        if matches!(self.at(p), '"' | '\'') {
            return Ok((self.quoted()?, false));
        }
        let k = self.plain(if flow { -1 } else { isize::MAX }, flow)?;
        if k.is_empty() {
            return Err(self.err(
                p,
                "expected a mapping key here; write entries as 'key: value'",
            ));
        }
        Ok((k, true))
    }

    fn insert(
        &self,
        map: &mut Map<String, Value>,
        merged: &mut Vec<String>,
        key: String,
        plain: bool,
        v: Value,
        pos: usize,
    ) -> R<()> {
        if plain && key == "<<" {
            let sources = match v {
                Value::Array(a) => a,
                v => vec![v],
            };
            for src in sources {
                let Value::Object(o) = src else {
                    return Err(self.err(pos, "a merge key '<<' needs a mapping or a list of mappings, such as an alias '*base'"));
                };
                for (k, x) in o {
                    if !map.contains_key(&k) {
                        merged.push(k.clone());
                        map.insert(k, x);
                    }
                }
            }
            return Ok(());
        }
        if map.contains_key(&key) {
            match merged.iter().position(|k| *k == key) {
                Some(m) => drop(merged.swap_remove(m)), // an explicit key overrides a merged one
                None => {
                    let msg = format!("the key \"{key}\" appears more than once in this mapping; remove or rename the duplicate");
                    return Err(self.err(pos, &msg));
                }
            }
        }
        map.insert(key, v);
        Ok(())
    }

    fn flow(&mut self) -> R<Value> {
        let open = self.i;
        let is_map = self.at(open) == '{';
        let (close, what) = if is_map {
            ('}', "mapping")
        } else {
            (']', "sequence")
        };
        let unclosed = format!("this flow {what} is never closed; add the missing '{close}'");
        self.i += 1;
        let (mut items, mut map, mut merged) = (Vec::new(), Map::new(), Vec::new());
        loop {
            self.fskip();
            match self.at(self.i) {
                c if c == close => break,
                '\0' => return Err(self.err(open, &unclosed)),
                _ if is_map => {
                    if self.at(self.i) == '?' && self.sep(self.i + 1, true) {
                        self.i += 1; // an explicit key
                        self.fskip();
                    }
                    let kp = self.i;
                    let (k, is_plain) = self.key(true)?;
                    self.fskip();
                    let v = match self.at(self.i) {
                        ':' => {
                            self.i += 1;
                            self.node(-1, FLOW)?
                        }
                        _ => Value::Null,
                    };
                    self.insert(&mut map, &mut merged, k, is_plain, v, kp)?;
                }
                _ => items.push(self.node(-1, FLOW)?),
            }
            self.fskip();
            match self.at(self.i) {
                ',' => self.i += 1,
                c if c == close => break,
                '\0' => return Err(self.err(open, &unclosed)),
                _ => {
                    let msg = format!(
                        "expected ',' or '{close}' here; separate flow entries with commas"
                    );
                    return Err(self.err(self.i, &msg));
                }
            }
        }
        self.i += 1;
        Ok(if is_map {
            Value::Object(map)
        } else {
            Value::Array(items)
        })
    }

    fn alias(&mut self, flow: bool) -> R<Value> {
        let p = self.i;
        self.i += 1;
        while !self.sep(self.i, flow) {
            self.i += 1;
        }
        let name: String = self.s[p + 1..self.i].iter().collect();
        let Some((_, v)) = self.anchors.iter().rev().find(|(a, _)| *a == name) else {
            let msg = format!("the alias *{name} refers to an unknown anchor; define it with &{name} before using it");
            return Err(self.err(p, &msg));
        };
        self.copied += size(v);
        if self.copied > MAX_ALIAS_NODES {
            return Err(self.err(
                p,
                "aliases expand to more than 1000000 values; use fewer aliases or split the document",
            ));
        }
        Ok(v.clone())
    }

    /// A plain scalar, possibly spanning lines indented more than `parent`.
    fn plain(&mut self, parent: isize, flow: bool) -> R<String> {
        let mut out = String::new();
        loop {
            let (start, mut end) = (self.i, self.i);
            loop {
                let c = self.at(self.i);
                if matches!(c, '\0' | '\n')
                    || self.comment(self.i)
                    || c == ':' && self.sep(self.i + 1, flow)
                    || flow && flow_indicator(c)
                {
                    break;
                }
                self.i += 1;
                if c != ' ' && c != '\t' {
                    end = self.i;
                }
            }
            out.extend(&self.s[start..end]);
            if self.at(self.i) != '\n' {
                return Ok(out);
            }
            match self.next_line(self.i, true, flow)? {
                Some((j, ind, blanks))
                    if ind > parent && !self.comment(j) && !(flow && flow_indicator(self.s[j])) =>
                {
                    self.i = j;
                    fold(&mut out, blanks);
                }
                _ => return Ok(out),
            }
        }
    }

    /// A single- or double-quoted scalar.
    fn quoted(&mut self) -> R<String> {
        let (start, q) = (self.i, self.at(self.i));
        let mut i = start + 1;
        let (mut out, mut hard) = (String::new(), 0); // `hard`: length that folding may not trim
        loop {
            let c = self.at(i);
            i += 1;
            match c {
                '\0' if i > self.s.len() => {
                    let msg = format!("this quoted string is never closed; add the closing {q}");
                    return Err(self.err(start, &msg));
                }
                '\'' if q == '\'' && self.at(i) == '\'' => {
                    out.push('\'');
                    i += 1;
                }
                _ if c == q => break,
                '\n' => {
                    while out.len() > hard && out.ends_with([' ', '\t']) {
                        out.pop();
                    }
                    fold(&mut out, self.empty_lines(&mut i));
                    hard = out.len();
                }
                '\\' if q == '"' => {
                    let (e, bs) = (self.at(i), i - 1);
                    i += 1;
                    let ch = match (escape(e), e) {
                        (Some(ch), _) => ch,
                        (_, 'x' | 'u' | 'U') => {
                            let len = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut cp = hex(&self.s, &mut i, len);
                            if let (Some(h @ 0xD800..=0xDBFF), Some(['\\', 'u'])) =
                                (cp, self.s.get(i..i + 2))
                            {
                                let mut k = i + 2;
                                if let Some(l @ 0xDC00..=0xDFFF) = hex(&self.s, &mut k, 4) {
                                    cp = Some(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00));
                                    i = k;
                                }
                            }
                            match cp.and_then(char::from_u32) {
                                Some(ch) => ch,
                                None => {
                                    let msg = format!("the escape \\{e} needs {len} hexadecimal digits of a valid Unicode code point");
                                    return Err(self.err(bs, &msg));
                                }
                            }
                        }
                        (_, '\n') => {
                            out.push_str(&"\n".repeat(self.empty_lines(&mut i)));
                            hard = out.len();
                            continue;
                        }
                        _ => {
                            let msg = format!("unknown escape sequence '\\{e}' in a double-quoted string; write '\\\\' for a backslash or use single quotes");
                            return Err(self.err(bs, &msg));
                        }
                    };
                    out.push(ch);
                    hard = out.len();
                }
                _ => out.push(c),
            }
        }
        self.i = i;
        Ok(out)
    }

    /// Skips the indentation of the next line and any empty lines after it inside a
    /// quoted scalar; returns the number of empty lines.
    fn empty_lines(&self, i: &mut usize) -> usize {
        let mut n = 0;
        while self.at(self.ws(*i)) == '\n' {
            (*i, n) = (self.ws(*i) + 1, n + 1);
        }
        *i = self.ws(*i);
        n
    }

    /// A literal (`|`) or folded (`>`) block scalar.
    fn block_scalar(&mut self, parent: isize) -> R<String> {
        let literal = self.at(self.i) == '|';
        self.i += 1;
        let (mut chomp, mut explicit) = (' ', 0);
        loop {
            match self.at(self.i) {
                c @ ('-' | '+') if chomp == ' ' => chomp = c,
                c @ '1'..='9' if explicit == 0 => explicit = c as usize - '0' as usize,
                _ => break,
            }
            self.i += 1;
        }
        self.line_end()?;
        self.skip_line();
        let n = self.s.len();
        self.i = (self.i + 1).min(n);
        let mut ind = parent.max(0) as usize + explicit;
        if explicit == 0 {
            // The first non-empty line sets the indentation, or a longer leading blank line.
            let mut j = self.i;
            loop {
                let k = j + self.s[j..].iter().take_while(|&&c| c == ' ').count();
                ind = ind.max(k - j);
                if self.at(k) != '\n' {
                    break;
                }
                j = k + 1;
            }
            if ind as isize <= parent.max(0) {
                ind = usize::MAX; // no content lines: only blank lines belong to the scalar
            }
        }
        let (mut out, mut breaks, mut first, mut prev_more) = (String::new(), 0, true, false);
        while self.i < n {
            let ls = self.i;
            let e = self.eol(ls);
            let sp = self.s[ls..e].iter().take_while(|&&c| c == ' ').count();
            if sp == e - ls && sp <= ind {
                breaks += 1;
            } else if sp >= ind {
                let text = &self.s[ls + ind..e];
                let more = matches!(text.first(), Some(' ' | '\t'));
                if first {
                    out.push_str(&"\n".repeat(breaks));
                } else if literal || more || prev_more {
                    out.push_str(&"\n".repeat(breaks + 1));
                } else {
                    fold(&mut out, breaks);
                }
                out.extend(text);
                (breaks, first, prev_more) = (0, false, more);
            } else {
                break;
            }
            self.i = (e + 1).min(n);
        }
        match chomp {
            '-' => {}
            '+' => out.push_str(&"\n".repeat(breaks + !first as usize)),
            _ if !first => out.push('\n'),
            _ => {}
        }
        Ok(out)
    }

    /// Resolves a plain scalar with the core schema (`v` holds its text).
    fn scalar(&self, v: Value, pos: usize) -> R<Value> {
        let Value::String(t) = v else { return Ok(v) };
        Ok(match t.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => Value::Null,
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            _ => match number(&t) {
                None => Value::String(t),
                Some(Some(n)) => Value::Number(n),
                Some(None) => return Err(self.err(
                    pos,
                    "JSON cannot represent infinity or NaN; quote the value to keep it as a string",
                )),
            },
        })
    }

    /// Applies a node's tag; untagged plain scalars are resolved with the core schema.
    fn finish(&self, tag: Option<(String, usize)>, v: Value, plain: bool, pos: usize) -> R<Value> {
        let Some((t, tp)) = tag else {
            return if plain { self.scalar(v, pos) } else { Ok(v) };
        };
        let text = v.as_str().map(str::to_string);
        let got = match t.as_str() {
            "!" | "!!str" => text.map(Value::String),
            "!!map" => Some(v).filter(Value::is_object),
            "!!seq" => Some(v).filter(Value::is_array),
            "!!int" | "!!float" | "!!bool" | "!!null" => match (
                &t[2..],
                text.map(|s| self.scalar(Value::String(s), pos))
                    .transpose()?,
            ) {
                ("int", Some(Value::Number(n))) if !n.is_f64() => Some(Value::Number(n)),
                ("float", Some(Value::Number(n))) => {
                    n.as_f64().and_then(Number::from_f64).map(Value::Number)
                }
                ("bool", Some(b @ Value::Bool(_))) => Some(b),
                ("null", Some(Value::Null)) => Some(Value::Null),
                _ => None,
            },
            _ if t.starts_with("!!") || t.starts_with("!<") => {
                let msg = format!("the tag {t} is not supported; use !!str, !!int, !!float, !!bool, !!null, !!map, !!seq or a CloudFormation tag such as !Ref");
                return Err(self.err(tp, &msg));
            }
            _ => {
                // CloudFormation short form: `!Name x` becomes {"Fn::Name": x}.
                let name = &t[1..];
                let mut v = if plain && v != "" {
                    self.scalar(v, pos)?
                } else {
                    v
                };
                if let Some((a, b)) = v
                    .as_str()
                    .filter(|_| name == "GetAtt")
                    .and_then(|s| s.split_once('.'))
                {
                    v = Value::Array(vec![a.into(), b.into()]);
                }
                let key = match name {
                    "Ref" | "Condition" => name.to_string(),
                    _ => format!("Fn::{name}"),
                };
                Some(Value::Object(Map::from_iter([(key, v)])))
            }
        };
        got.ok_or_else(|| {
            let msg =
                format!("the value does not match its tag {t}; change the value or remove the tag");
            self.err(tp, &msg)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str, json: &str) {
        let got = parse(yaml).unwrap_or_else(|e| panic!("{yaml:?}: {e}"));
        let want: Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("bad expected JSON {json}: {e}"));
        assert_eq!(got, want, "{yaml:?}");
        assert_eq!(got.to_string(), want.to_string(), "key order of {yaml:?}");
    }

    #[rustfmt::skip]
    const OK: &[(&str, &str)] = &[
        // block mappings and sequences
        ("a: 1\nb: two", r#"{"a":1,"b":"two"}"#),
        ("z: 1\na: 2\nm: 3", r#"{"z":1,"a":2,"m":3}"#),
        ("a:\n  b:\n    c: d\n  e: f\ng: h", r#"{"a":{"b":{"c":"d"},"e":"f"},"g":"h"}"#),
        ("- a\n- b", r#"["a","b"]"#),
        ("- key: value\n  k2: v2\n- x", r#"[{"key":"value","k2":"v2"},"x"]"#),
        ("key:\n- a\n- b\nother: 1", r#"{"key":["a","b"],"other":1}"#),
        ("a:\n  - 1\n  - 2\nb: 3", r#"{"a":[1,2],"b":3}"#),
        ("- - a\n  - b\n- c", r#"[["a","b"],"c"]"#),
        ("-\n  a: 1\n-\n- - x", r#"[{"a":1},null,["x"]]"#),
        ("- name: a\n  items:\n  - 1\n  - 2\n- name: b", r#"[{"name":"a","items":[1,2]},{"name":"b"}]"#),
        ("a:\nb:\n", r#"{"a":null,"b":null}"#),
        ("a:\n  b", r#"{"a":"b"}"#),
        ("a b: c d\n\"q k\": 1\n'r k': 2", r#"{"a b":"c d","q k":1,"r k":2}"#),
        ("a:\t1\nb:   x  ", r#"{"a":1,"b":"x"}"#),
        ("  a: 1\n  b: 2", r#"{"a":1,"b":2}"#),
        // flow collections
        ("[a, b, {c: d}]", r#"["a","b",{"c":"d"}]"#),
        ("{a: 1, b: [2, 3]}", r#"{"a":1,"b":[2,3]}"#),
        ("a: [1,\n  2, # two\n  3]\nb: {x: y,\n  z: w}", r#"{"a":[1,2,3],"b":{"x":"y","z":"w"}}"#),
        ("- []\n- {}\n- [a, b, ]\n- {a: , b: 1, c}", r#"[[],{},["a","b"],{"a":null,"b":1,"c":null}]"#),
        (r#"{"a": [1, 2.5, "x", true, null], "b": {"c":-1}}"#, r#"{"a":[1,2.5,"x",true,null],"b":{"c":-1}}"#),
        ("[1,\n\t2]", "[1,2]"),
        ("[one\n  two, three]", r#"["one two","three"]"#),
        ("[a:b, http://x]", r#"["a:b","http://x"]"#),
        // plain scalars
        ("a: one\n  two\n\n  three\nb: x", r#"{"a":"one two\nthree","b":"x"}"#),
        ("- a\n  b", r#"["a b"]"#),
        ("url: http://a:8080/x#frag\ns: ${AWS::Region}", r#"{"url":"http://a:8080/x#frag","s":"${AWS::Region}"}"#),
        ("hello world", r#""hello world""#),
        ("a: -x\nb: -1\nc: ?x\nd: :x", r#"{"a":"-x","b":-1,"c":"?x","d":":x"}"#),
        // quoted scalars
        ("a: 'it''s'\nb: 'one\n  two\n\n  three'", r#"{"a":"it's","b":"one two\nthree"}"#),
        ("a: 'x # y' # c\nb: \"p # q\" # c", r#"{"a":"x # y","b":"p # q"}"#),
        (r#"a: "t\tn\n q\" b\\ s\/ u\u00e9 U\U0001F600 x\x41 z\0 e\e N\N _\_ L\L P\P a\a b\b v\v f\f r\r sp\ ""#,
         r#"{"a":"t\tn\n q\" b\\ s/ u\u00e9 U\ud83d\ude00 xA z\u0000 e\u001b N\u0085 _\u00a0 L\u2028 P\u2029 a\u0007 b\b v\u000b f\f r\r sp "}"#),
        ("a: \"\\ud83d\\ude00\"", r#"{"a":"\ud83d\ude00"}"#),
        ("a: \"one \\\n   two\n  three  \n\n  four\"", r#"{"a":"one two three\nfour"}"#),
        ("a: \"x\\t\n  y\"", r#"{"a":"x\t y"}"#),
        ("a: \"x\\\n  \n\n  \\ y\"", r#"{"a":"x\n\n y"}"#),
        ("application/json: '{\"statusCode\": 200}'", r#"{"application/json":"{\"statusCode\": 200}"}"#),
        // block scalars
        ("a: |\n  x\n   y\n\n  z\nb: 1", r#"{"a":"x\n y\n\nz\n","b":1}"#),
        ("a: >\n  one\n  two\n\n  three\n    more\n  end\n", r#"{"a":"one two\nthree\n  more\nend\n"}"#),
        ("a: |-\n  x\n\nb: |+\n  y\n\n\nc: |\n  z\n\n", r#"{"a":"x","b":"y\n\n\n","c":"z\n"}"#),
        ("a: >-\n  x\n  y\nb: |\nc: 1", r#"{"a":"x y","b":"","c":1}"#),
        ("a: |2\n    x\n  y\n", r#"{"a":"  x\ny\n"}"#),
        ("- |1\n  explicit\n- >+2\n   x\n\n", r#"[" explicit\n"," x\n\n"]"#),
        ("a: |  # comment\n  # not a comment\n  x # y\n\n  \"q\"\n# real comment\nb: 2", r##"{"a":"# not a comment\nx # y\n\n\"q\"\n","b":2}"##),
        ("a: |\n\n  x\n", r#"{"a":"\nx\n"}"#),
        ("--- |\n text\n", r#""text\n""#),
        ("- >\n  a\n  b", r#"["a b\n"]"#),
        // core schema
        ("[null, Null, NULL, ~, , true, True, TRUE, false, False, FALSE, yes, no, on, off, nULL, tRUE]",
         r#"[null,null,null,null,null,true,true,true,false,false,false,"yes","no","on","off","nULL","tRUE"]"#),
        ("- 12\n- -12\n- +12\n- 012\n- 0o17\n- 0x1F\n- 0xff\n- 1.5\n- -2.5e3\n- .5\n- 1e3\n- 1.\n- 1E+2\n- -0.0",
         "[12,-12,12,12,15,31,255,1.5,-2500.0,0.5,1000.0,1.0,100.0,-0.0]"),
        ("- 18446744073709551615\n- -9223372036854775808\n- 18446744073709551616\n- -9223372036854775809\n- 0x1FFFFFFFFFFFFFFFF",
         r#"[18446744073709551615,-9223372036854775808,"18446744073709551616","-9223372036854775809","0x1FFFFFFFFFFFFFFFF"]"#),
        ("- 3.0.1\n- 0x\n- 0o8\n- 1e\n- .\n- 1_000\n- -0x1\n- +.5\n- '12'\n- \"true\"\n- 'null'\n- 1:2",
         r#"["3.0.1","0x","0o8","1e",".",  "1_000","-0x1",0.5,"12","true","null","1:2"]"#),
        ("200: ok\ntrue: x\n1.0: y\nnull: z\n~: w\n0x1F: v", r#"{"200":"ok","true":"x","1.0":"y","null":"z","~":"w","0x1F":"v"}"#),
        ("{200: a, 404: b}", r#"{"200":"a","404":"b"}"#),
        // comments and documents
        ("# c\na: 1 # c\n  # indented comment\n# c\nb: 2 #c\n", r#"{"a":1,"b":2}"#),
        ("%YAML 1.2\n%TAG ! tag:x:\n---\na: 1\n...\n# after\n", r#"{"a":1}"#),
        ("--- # c\n- a", r#"["a"]"#),
        ("---\n", "null"),
        ("", "null"),
        ("# only a comment\n", "null"),
        ("--- {a: 1}", r#"{"a":1}"#),
        // anchors, aliases, merge keys
        ("a: &x {k: 1}\nb: *x\nc: &s str\nd: *s\ne: [*s, *x]", r#"{"a":{"k":1},"b":{"k":1},"c":"str","d":"str","e":["str",{"k":1}]}"#),
        ("a: &x\n  k: v\nb: *x", r#"{"a":{"k":"v"},"b":{"k":"v"}}"#),
        ("- &a 1\n- &a 2\n- *a", "[1,2,2]"),
        ("base: &b\n  x: 1\n  y: 2\nd:\n  <<: *b\n  y: 3\n  z: 4", r#"{"base":{"x":1,"y":2},"d":{"x":1,"y":3,"z":4}}"#),
        ("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  w: 0\n  x: 9\n  <<: [*a, *b]\n", r#"{"a":{"x":1},"b":{"x":2,"y":2},"c":{"w":0,"x":9,"y":2}}"#),
        ("a: &a {x: 1}\nb: {<<: *a, y: 2}\n'<<': 3", r#"{"a":{"x":1},"b":{"x":1,"y":2},"<<":3}"#),
        // tags
        ("- !!str 12\n- !!int '7'\n- !!float 1\n- !!bool \"true\"\n- !!null ''\n- !!map {a: 1}\n- !!seq [1]\n- !!str\n- ! 12\n- !!str true\n- !!int 0x10",
         r#"["12",7,1.0,true,null,{"a":1},[1],"","12","true",16]"#),
        ("- !Ref X\n- !Sub 'a-${B}'\n- !GetAtt A.B.C\n- !GetAtt [A, B]\n- !Join [',', [a, b]]\n- !Condition C\n- !Select [0, !GetAZs '']\n- !Base64 x\n- !FindInMap [M, !Ref K, v]\n- !If [C, a, !Ref AWS::NoValue]\n- !Split [',', !ImportValue X]\n- !Equals [!Ref E, prod]\n- !Not [!Condition C]",
         r#"[{"Ref":"X"},{"Fn::Sub":"a-${B}"},{"Fn::GetAtt":["A","B.C"]},{"Fn::GetAtt":["A","B"]},{"Fn::Join":[",",["a","b"]]},{"Condition":"C"},{"Fn::Select":[0,{"Fn::GetAZs":""}]},{"Fn::Base64":"x"},{"Fn::FindInMap":["M",{"Ref":"K"},"v"]},{"Fn::If":["C","a",{"Ref":"AWS::NoValue"}]},{"Fn::Split":[",",{"Fn::ImportValue":"X"}]},{"Fn::Equals":[{"Ref":"E"},"prod"]},{"Fn::Not":[{"Condition":"C"}]}]"#),
        ("a: !Sub |\n  x ${Y}\nb: !Join\n  - ''\n  - - x\n    - !Ref Y\nc: !Sub\n- '${A}'\n- {A: 1}\nd: !Base64\n  !Ref X",
         r#"{"a":{"Fn::Sub":"x ${Y}\n"},"b":{"Fn::Join":["",["x",{"Ref":"Y"}]]},"c":{"Fn::Sub":["${A}",{"A":1}]},"d":{"Fn::Base64":{"Ref":"X"}}}"#),
        ("a: &r !Ref X\nb: *r\nc: !GetAZs\nd: !Base64 !Sub x", r#"{"a":{"Ref":"X"},"b":{"Ref":"X"},"c":{"Fn::GetAZs":""},"d":{"Fn::Base64":{"Fn::Sub":"x"}}}"#),
        // explicit keys
        ("? a\n: 1\n? b\nc: 2", r#"{"a":1,"b":null,"c":2}"#),
        ("- ? x\n  : y\n- ? z\n  : - 1\n    - 2", r#"[{"x":"y"},{"z":[1,2]}]"#),
        ("? w\n: &a\n- 3\n? v\n: - 4\nu: {? x : 5}", r#"{"w":[3],"v":[4],"u":{"x":5}}"#),
        // line endings and BOM
        ("\u{feff}a: 1\r\nb:\r\n  - x\r\nc: |\r\n  l1\r\n  l2\r\n", r#"{"a":1,"b":["x"],"c":"l1\nl2\n"}"#),
    ];

    #[test]
    fn table() {
        let failed: Vec<_> = OK
            .iter()
            .filter(|(y, j)| std::panic::catch_unwind(|| check(y, j)).is_err())
            .collect();
        assert!(failed.is_empty(), "{} failed rows", failed.len());
    }

    #[rustfmt::skip]
    const ERR: &[(&str, usize, usize, &str)] = &[
        ("a:\n\tb: 1", 2, 1, "a tab character cannot indent YAML; use spaces"),
        ("a:\n  \t- x", 2, 3, "tab character"),
        ("a: \"abc", 1, 4, "never closed; add the closing \""),
        ("a: 'abc\n\nb: 1\n", 1, 4, "never closed; add the closing '"),
        ("a: [1, 2", 1, 4, "flow sequence is never closed; add the missing ']'"),
        ("x:\n  {a: 1,\n   b: 2\n", 2, 3, "flow mapping is never closed"),
        ("a: [1 2 : 3]", 1, 9, "expected ',' or ']'"),
        ("a: \"x\\qy\"", 1, 6, "unknown escape sequence '\\q'"),
        ("a: \"\\u12G4\"", 1, 5, "4 hexadecimal digits"),
        ("\"\\U2\"", 1, 2, "8 hexadecimal digits"),
        ("a: \"\\ud800\"", 1, 5, "valid Unicode"),
        ("a: *nope", 1, 4, "the alias *nope refers to an unknown anchor"),
        ("a: &x [*x]", 1, 8, "unknown anchor"),
        ("a: 1\n- b", 2, 1, "cannot share the same indentation"),
        ("- a\nb: 1", 2, 1, "cannot share the same indentation"),
        ("a:\n  - x\n  b: 1", 3, 3, "cannot share the same indentation"),
        ("a:\n    b: 1\n  c: 2", 3, 3, "does not match the entries above"),
        ("a: 1\n  b: 2", 2, 4, "continuation of the value above"),
        ("  a: 1\nb: 2", 2, 1, "does not fit the indentation"),
        ("a: b: c", 1, 4, "cannot start on the same line as its mapping key"),
        ("a: - b", 1, 4, "cannot start on the same line"),
        ("a: 1\nb: 2\na: 3", 3, 1, "the key \"a\" appears more than once"),
        ("x:\n  \"k\": 1\n  k: 2", 3, 3, "the key \"k\" appears more than once"),
        ("{a: 1, a: 2}", 1, 8, "the key \"a\" appears more than once"),
        ("a: 1\n---\nb: 2", 2, 1, "only one YAML document is supported"),
        ("a: 1\n...\nb: 2", 3, 1, "only one YAML document is supported"),
        ("a: .nan", 1, 4, "JSON cannot represent infinity or NaN"),
        ("- -.inf", 1, 3, "infinity or NaN"),
        ("a: 1e999", 1, 4, "infinity or NaN"),
        ("a: !!int abc", 1, 4, "does not match its tag !!int"),
        ("a: !!float [1]", 1, 4, "does not match its tag !!float"),
        ("a: !!binary eA==", 1, 4, "the tag !!binary is not supported"),
        ("a: \"x\" y", 1, 8, "unexpected text after the value"),
        ("a: [1] ]", 1, 8, "unexpected text after the value"),
        ("a: |x\n  b", 1, 5, "unexpected text"),
        ("<<: 1", 1, 1, "merge key '<<' needs a mapping"),
        ("a: @x", 1, 4, "cannot start with '@'"),
        ("]", 1, 1, "cannot start with ']'"),
        ("a: 1\nb", 2, 2, "expected ':' after the mapping key"),
        ("? [a]\n: 1", 1, 1, "a mapping key must be a scalar"),
        ("a: \u{1}", 1, 4, "control character U+0001"),
    ];

    #[test]
    fn errors() {
        for (yaml, line, column, msg) in ERR {
            let e = parse(yaml).expect_err(yaml);
            assert!(e.message.contains(msg), "{yaml:?}: {e}");
            assert_eq!((e.line, e.column), (*line, *column), "{yaml:?}: {e}");
            assert!(e
                .to_string()
                .ends_with(&format!("(line {line}, column {column})")));
        }
    }

    /// An OpenAPI 3 document shaped like an API Gateway export.
    const OPENAPI: &str = r##"---
openapi: "3.0.1"
info:
  title: "PetStore"
  description: "Your first API with Amazon API Gateway. This sample integrates\
    \ via HTTP with the Pet Store"
  version: "2024-03-01T12:00:00Z"
servers:
- url: "https://abc123.execute-api.us-east-1.amazonaws.com/{basePath}"
  variables:
    basePath:
      default: "prod"
paths:
  /pets/{petId}:
    get:
      parameters:
      - name: "petId"
        in: "path"
        required: true
        schema:
          type: "string"
      responses:
        "200":
          description: "200 response"
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Pet"
      x-amazon-apigateway-integration:
        httpMethod: "GET"
        uri: "http://petstore.example.com/pets/{petId}"
        responses:
          default:
            statusCode: "200"
            responseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"
            responseTemplates:
              application/json: |
                #set($inputRoot = $input.path('$'))
                {
                  "id": "$inputRoot.id", # not a comment
                  "raw": $input.json('$')
                }
          "4\\d{2}":
            statusCode: "400"
            responseTemplates:
              application/json: '{"message": "bad request"}'
        requestParameters:
          integration.request.path.petId: "method.request.path.petId"
        requestTemplates:
          application/json: "{\"statusCode\": 200}"
        passthroughBehavior: "when_no_match" # comment
        type: "http"
    options:
      responses:
        "200":
          description: "200 response"
          content: {}
      x-amazon-apigateway-integration:
        type: "mock"
        requestTemplates:
          application/json: '{"statusCode": 200}'
components:
  schemas:
    Pet:
      type: "object"
      properties:
        id:
          type: "integer"
        price:
          type: "number"
          example: 24.99
x-amazon-apigateway-binary-media-types:
- "image/png"
"##;

    const OPENAPI_JSON: &str = r##"{
"openapi": "3.0.1",
"info": {"title": "PetStore",
  "description": "Your first API with Amazon API Gateway. This sample integrates via HTTP with the Pet Store",
  "version": "2024-03-01T12:00:00Z"},
"servers": [{"url": "https://abc123.execute-api.us-east-1.amazonaws.com/{basePath}", "variables": {"basePath": {"default": "prod"}}}],
"paths": {"/pets/{petId}": {
  "get": {
    "parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}}],
    "responses": {"200": {"description": "200 response", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}},
    "x-amazon-apigateway-integration": {
      "httpMethod": "GET",
      "uri": "http://petstore.example.com/pets/{petId}",
      "responses": {
        "default": {"statusCode": "200",
          "responseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"},
          "responseTemplates": {"application/json": "#set($inputRoot = $input.path('$'))\n{\n  \"id\": \"$inputRoot.id\", # not a comment\n  \"raw\": $input.json('$')\n}\n"}},
        "4\\d{2}": {"statusCode": "400", "responseTemplates": {"application/json": "{\"message\": \"bad request\"}"}}},
      "requestParameters": {"integration.request.path.petId": "method.request.path.petId"},
      "requestTemplates": {"application/json": "{\"statusCode\": 200}"},
      "passthroughBehavior": "when_no_match",
      "type": "http"}},
  "options": {
    "responses": {"200": {"description": "200 response", "content": {}}},
    "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": "{\"statusCode\": 200}"}}}}},
"components": {"schemas": {"Pet": {"type": "object", "properties": {"id": {"type": "integer"}, "price": {"type": "number", "example": 24.99}}}}},
"x-amazon-apigateway-binary-media-types": ["image/png"]
}"##;

    const SAM: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: 3.0.1
        paths:
          /items/{id}:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Timeout: 30
      Role: !GetAtt FnRole.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
          URL: !Join ['', ['https://', !Ref Api, '.execute-api.', !Ref 'AWS::Region', '.amazonaws.com']]
Outputs:
  Arn:
    Value: !GetAtt [Fn, Arn]
"#;

    const SAM_JSON: &str = r#"{"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31",
"Resources": {
  "Api": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod", "DefinitionBody": {
    "openapi": "3.0.1",
    "paths": {"/items/{id}": {"get": {"x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
      "uri": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}}}}}}}},
  "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.12", "Timeout": 30,
    "Role": {"Fn::GetAtt": ["FnRole", "Arn"]},
    "Environment": {"Variables": {"TABLE": {"Ref": "Table"},
      "URL": {"Fn::Join": ["", ["https://", {"Ref": "Api"}, ".execute-api.", {"Ref": "AWS::Region"}, ".amazonaws.com"]]}}}}}},
"Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Fn", "Arn"]}}}}"#;

    #[test]
    fn documents() {
        check(OPENAPI, OPENAPI_JSON);
        check(&OPENAPI.replace('\n', "\r\n"), OPENAPI_JSON);
        check(SAM, SAM_JSON);
    }

    #[test]
    fn truncated_input_never_panics() {
        let texts = OK.iter().map(|(y, _)| *y).chain([OPENAPI, SAM]);
        for text in texts.chain(ERR.iter().map(|e| e.0)) {
            for (end, _) in text.char_indices() {
                let _ = parse(&text[..end]); // Ok or Err, but no panic
            }
        }
    }

    #[test]
    fn limits() {
        let e = parse(&"[".repeat(300)).unwrap_err();
        assert!(e.message.contains("more than 256 levels"), "{e}");
        let nested = "- ".repeat(255) + "x";
        assert!(parse(&format!("- {nested}"))
            .unwrap_err()
            .message
            .contains("256 levels"));
        assert_eq!(
            parse(&nested).unwrap().to_string(),
            "[".repeat(255) + "\"x\"" + &"]".repeat(255)
        );
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            bomb += &format!("a{i}: &a{i} [*a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}, *a{0}]\n", i - 1);
        }
        assert!(parse(&bomb).unwrap_err().message.contains("aliases expand"));
    }
}
