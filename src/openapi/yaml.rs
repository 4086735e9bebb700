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

const MAX_DEPTH: usize = 256;
const MAX_ALIAS_NODES: usize = 1_000_000;
const TAB: &str = "a tab character cannot indent YAML; use spaces";
const ONE_DOC: &str = "only one YAML document is supported; remove the second document";

/// Parses one YAML document into a JSON value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut p = Parser {
        chars: text.chars().collect(),
        ..Parser::default()
    };
    if let Some(j) = p
        .chars
        .iter()
        .position(|&c| c < ' ' && c != '\t' && c != '\n')
    {
        let msg = format!(
            "the control character U+{:04X} is not allowed in YAML; write it as an escape in a double-quoted string",
            p.chars[j] as u32
        );
        return Err(p.error_at(j, &msg));
    }
    // Prologue: comments, `%` directives and an optional `---`.
    while let Some((j, ind, _)) = p.next_line(p.cursor)? {
        p.cursor = j;
        if p.chars[j] == '%' {
            p.skip_line();
            continue;
        }
        if ind < 0 && p.chars[j] == '-' {
            p.cursor += 3;
        }
        break;
    }
    let v = p.node(-1, NodeContext::ENTRY)?;
    p.expect_line_end()?;
    match p.next_line(p.cursor)? {
        None => Ok(v),
        Some((j, -1, _)) if p.chars[j] == '.' => match p.next_line(j + 3)? {
            None => Ok(v),
            Some((k, ..)) => Err(p.error_at(k, ONE_DOC)),
        },
        Some((j, -1, _)) => Err(p.error_at(j, ONE_DOC)),
        Some((j, ..)) => Err(p.error_at(
            j,
            "this line does not fit the indentation of the lines above it; align it with the entries it belongs to",
        )),
    }
}

/// How the text at hand is laid out: on indented lines, or inside `[]` or
/// `{}`, where `,[]{}` end a plain scalar and tabs may indent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Block,
    Flow,
}

/// Where a node sits, which decides what may start it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeContext {
    /// Inside `[]` or `{}`.
    Flow,
    /// On indented lines.
    Block {
        /// A block collection may start on the node's first line (`- - a`).
        compact: bool,
        /// The node is a mapping value, so a sequence may sit at its key's
        /// own indentation.
        mapping_value: bool,
    },
}

impl NodeContext {
    /// A sequence entry, an explicit key, or the document itself.
    const ENTRY: NodeContext = NodeContext::Block {
        compact: true,
        mapping_value: false,
    };
    /// The value after `key:`.
    const MAPPING_VALUE: NodeContext = NodeContext::Block {
        compact: false,
        mapping_value: true,
    };
    /// The value of an explicit key (`? key` then `: value`).
    const EXPLICIT_VALUE: NodeContext = NodeContext::Block {
        compact: true,
        mapping_value: true,
    };

    fn layout(self) -> Layout {
        match self {
            NodeContext::Flow => Layout::Flow,
            NodeContext::Block { .. } => Layout::Block,
        }
    }

    fn compact(self) -> bool {
        matches!(self, NodeContext::Block { compact: true, .. })
    }

    fn mapping_value(self) -> bool {
        matches!(
            self,
            NodeContext::Block {
                mapping_value: true,
                ..
            }
        )
    }

    /// The same place, once the node turned out to start on a line of its own.
    fn compacted(self) -> NodeContext {
        match self {
            NodeContext::Flow => NodeContext::Flow,
            NodeContext::Block { mapping_value, .. } => NodeContext::Block {
                compact: true,
                mapping_value,
            },
        }
    }
}

/// The block collection whose entries are being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collection {
    Mapping,
    Sequence {
        /// The sequence is a mapping value with its dashes at the key's own
        /// indentation, so a line there that is not an entry ends it.
        at_key_indent: bool,
    },
}

/// Whether a line holding only a comment counts as a line with content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommentLines {
    Skip,
    /// A plain scalar stops at a comment line.
    Stop,
}

/// How a scalar's text becomes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolution {
    /// A plain scalar: `null`, `true`, `12` ... by the core schema.
    CoreSchema,
    /// A quoted or block scalar, or a collection: as written.
    AsWritten,
}

/// A mapping key as written: only a plain `<<` is a merge key.
struct Key {
    text: String,
    plain: bool,
}

#[derive(Default)]
struct Parser {
    /// The document, without its byte order mark, with `\n` line breaks.
    chars: Vec<char>,
    /// Where reading is.
    cursor: usize,
    /// The anchors defined so far, latest last.
    anchors: Vec<(String, Value)>,
    /// How deep the node being read nests.
    depth: usize,
    /// How many values aliases have copied so far.
    alias_values: usize,
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
    fn error_at(&self, pos: usize, msg: &str) -> YamlError {
        let pos = pos.min(self.chars.len());
        let line = self.chars[..pos].iter().filter(|&&c| c == '\n').count() + 1;
        YamlError {
            line,
            column: pos - self.line_start(pos) + 1,
            message: msg.to_string(),
        }
    }

    fn at(&self, pos: usize) -> char {
        self.chars.get(pos).copied().unwrap_or('\0')
    }

    fn line_start(&self, pos: usize) -> usize {
        self.chars[..pos]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1)
    }

    /// Whether the character at `pos` ends a token (whitespace, end, or a flow indicator).
    fn ends_token(&self, pos: usize, layout: Layout) -> bool {
        let c = self.at(pos);
        matches!(c, '\0' | ' ' | '\t' | '\n') || layout == Layout::Flow && flow_indicator(c)
    }

    fn is_entry_dash(&self, pos: usize) -> bool {
        self.at(pos) == '-' && self.ends_token(pos + 1, Layout::Block)
    }

    fn starts_comment(&self, pos: usize) -> bool {
        self.at(pos) == '#' && (pos == 0 || self.chars[pos - 1].is_whitespace())
    }

    /// Position of the line break (or end of text) at or after `pos`.
    fn end_of_line(&self, pos: usize) -> usize {
        pos + self.chars[pos..]
            .iter()
            .position(|&c| c == '\n')
            .unwrap_or(self.chars.len() - pos)
    }

    /// Position after the spaces and tabs at `pos`.
    fn after_blanks(&self, pos: usize) -> usize {
        pos + self.chars[pos..]
            .iter()
            .take_while(|&&c| c == ' ' || c == '\t')
            .count()
    }

    fn skip_line(&mut self) {
        self.cursor = self.end_of_line(self.cursor);
    }

    fn skip_blanks(&mut self) {
        self.cursor = self.after_blanks(self.cursor);
    }

    /// Skips whitespace, line breaks and comments inside a flow collection.
    fn skip_flow_blanks(&mut self) {
        loop {
            match self.at(self.cursor) {
                ' ' | '\t' | '\n' => self.cursor += 1,
                '#' if self.starts_comment(self.cursor) => self.skip_line(),
                _ => return,
            }
        }
    }

    /// Finds the next line with content, starting at `from` (the rest of that line is
    /// skipped unless only whitespace precedes `from`). Returns the position of its first
    /// non-blank character, its indentation (-1 for a `---`/`...` marker) and the number
    /// of blank lines passed. Comment lines are skipped.
    fn next_line(&self, from: usize) -> Result<Option<(usize, isize, usize)>, YamlError> {
        self.find_line(from, CommentLines::Skip, Layout::Block)
    }

    /// [`Parser::next_line`] for the continuation of a plain scalar, which a
    /// comment line ends.
    fn next_scalar_line(
        &self,
        from: usize,
        layout: Layout,
    ) -> Result<Option<(usize, isize, usize)>, YamlError> {
        self.find_line(from, CommentLines::Stop, layout)
    }

    fn find_line(
        &self,
        from: usize,
        comments: CommentLines,
        layout: Layout,
    ) -> Result<Option<(usize, isize, usize)>, YamlError> {
        let (s, n) = (&self.chars, self.chars.len());
        let mut ls = self.line_start(from);
        if !s[ls..from].iter().all(|&c| c == ' ' || c == '\t') {
            ls = self.end_of_line(from) + 1;
        }
        let mut blanks = 0;
        while ls < n {
            let j = self.after_blanks(ls);
            if j >= n {
                break;
            }
            if s[j] == '\n' || s[j] == '#' && comments == CommentLines::Skip {
                blanks += (s[j] == '\n') as usize;
                ls = self.end_of_line(j) + 1;
                continue;
            }
            if let Some(t) = s[ls..j]
                .iter()
                .position(|&c| c == '\t')
                .filter(|_| layout == Layout::Block && s[j] != '#')
            {
                return Err(self.error_at(ls + t, TAB));
            }
            let marker =
                j == ls && (s[j..].starts_with(&['-'; 3]) || s[j..].starts_with(&['.'; 3]));
            let ind = if marker && self.ends_token(j + 3, Layout::Block) {
                -1
            } else {
                (j - ls) as isize
            };
            return Ok(Some((j, ind, blanks)));
        }
        Ok(None)
    }

    /// Requires the rest of the current line to be blank or a comment.
    fn expect_line_end(&mut self) -> Result<(), YamlError> {
        let ls = self.line_start(self.cursor);
        if self.chars[ls..self.cursor].iter().all(|&c| c == ' ') {
            return Ok(()); // already at the start of a later line
        }
        self.skip_blanks();
        if self.at(self.cursor) == '#' {
            self.skip_line();
        }
        match self.at(self.cursor) {
            '\0' | '\n' => Ok(()),
            _ => Err(self.error_at(
                self.cursor,
                "unexpected text after the value; remove it, quote the whole value, or start a comment with ' #'",
            )),
        }
    }

    /// Reads anchors (`&a`) and tags (`!t`) in front of a node.
    fn properties(
        &mut self,
        layout: Layout,
        tag: &mut Option<(String, usize)>,
        anchor: &mut Option<String>,
    ) {
        loop {
            match layout {
                Layout::Flow => self.skip_flow_blanks(),
                Layout::Block => self.skip_blanks(),
            }
            let (p, c) = (self.cursor, self.at(self.cursor));
            if c != '!' && c != '&' || c == '!' && tag.is_some() {
                return; // a second tag starts a nested node: `!Base64 !Ref X`
            }
            while !self.ends_token(self.cursor, layout) {
                self.cursor += 1;
            }
            let tok: String = self.chars[p..self.cursor].iter().collect();
            match c {
                '&' => *anchor = Some(tok[1..].to_string()),
                _ => *tag = Some((tok, p)),
            }
        }
    }

    /// Parses any node. `parent` is the indentation of the enclosing block collection.
    fn node(&mut self, parent: isize, ctx: NodeContext) -> Result<Value, YamlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(
                self.cursor,
                "the document nests more than 256 levels deep; flatten it",
            ));
        }
        let layout = ctx.layout();
        let flow = layout == Layout::Flow;
        let (mut tag, mut anchor, mut compact) = (None, None, ctx.compact());
        let empty = loop {
            self.properties(layout, &mut tag, &mut anchor);
            if flow || !matches!(self.at(self.cursor), '\0' | '\n' | '#') {
                break false;
            }
            match self.next_line(self.cursor)? {
                Some((j, ind, _))
                    if ind > parent
                        || ctx.mapping_value() && ind == parent && self.is_entry_dash(j) =>
                {
                    self.cursor = j;
                    compact = true;
                }
                _ => break true,
            }
        };
        let (p, c) = (self.cursor, self.at(self.cursor));
        // An empty node is a plain scalar: `null`.
        let mut resolution = if empty {
            Resolution::CoreSchema
        } else {
            Resolution::AsWritten
        };
        let v = match c {
            _ if empty => Value::String(String::new()),
            '[' | '{' => self.flow()?,
            '*' => self.alias(layout)?,
            '!' => self.node(parent, if compact { ctx.compacted() } else { ctx })?,
            '|' | '>' if !flow => Value::String(self.block_scalar(parent)?),
            _ if !flow
                && (self.is_entry_dash(p)
                    || c == '?' && self.ends_token(p + 1, Layout::Block)
                    || self.is_key(p)) =>
            {
                if !compact {
                    return Err(self.error_at(p, "a block collection cannot start on the same line as its mapping key; move it to the next line and indent it"));
                }
                let col = (p - self.line_start(p)) as isize;
                match self.is_entry_dash(p) {
                    true => {
                        let at_key_indent = ctx.mapping_value() && col == parent;
                        self.block_seq(col, Collection::Sequence { at_key_indent })?
                    }
                    false => self.block_map(col)?,
                }
            }
            '"' | '\'' => Value::String(self.quoted()?),
            _ if "@`".contains(c) || !flow && ",]}".contains(c) => {
                return Err(self.error_at(
                    p,
                    &format!("a plain value cannot start with '{c}'; put the value in quotes"),
                ));
            }
            _ => {
                resolution = Resolution::CoreSchema;
                let t = self.plain(if flow { -1 } else { parent }, layout)?;
                if !flow && self.at(self.cursor) == ':' {
                    return Err(self.error_at(self.cursor, "this line is indented like a continuation of the value above but holds a 'key: value' pair; fix its indentation"));
                }
                Value::String(t)
            }
        };
        let v = self.finish(tag, v, resolution, p)?;
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
            j = self.after_blanks(j + 1);
        } else {
            while !matches!(self.at(j), '\0' | '\n' | ':') && !self.starts_comment(j)
                || self.at(j) == ':' && !self.ends_token(j + 1, Layout::Block)
            {
                j += 1;
            }
        }
        self.at(j) == ':' && self.ends_token(j + 1, Layout::Block)
    }

    /// A block sequence whose dashes are at column `col`.
    fn block_seq(&mut self, col: isize, sequence: Collection) -> Result<Value, YamlError> {
        let mut items = Vec::new();
        loop {
            self.cursor += 1; // the '-'
            items.push(self.node(col, NodeContext::ENTRY)?);
            if !self.next_entry(col, sequence)? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn block_map(&mut self, col: isize) -> Result<Value, YamlError> {
        let (mut map, mut merged) = (Map::new(), Vec::new());
        loop {
            let kp = self.cursor;
            let (key, v);
            if self.at(kp) == '?' && self.ends_token(kp + 1, Layout::Block) {
                self.cursor += 1;
                let text = match self.node(col, NodeContext::ENTRY)? {
                    Value::String(s) => s,
                    Value::Array(_) | Value::Object(_) => {
                        return Err(self.error_at(
                            kp,
                            "a mapping key must be a scalar because JSON keys are strings; use a plain or quoted key",
                        ))
                    }
                    k => k.to_string(),
                };
                key = Key { text, plain: false };
                self.expect_line_end()?;
                v = match self.next_line(self.cursor)? {
                    Some((j, ind, _))
                        if ind == col
                            && self.at(j) == ':'
                            && self.ends_token(j + 1, Layout::Block) =>
                    {
                        self.cursor = j + 1;
                        self.node(col, NodeContext::EXPLICIT_VALUE)?
                    }
                    _ => Value::Null,
                };
            } else {
                key = self.key(Layout::Block)?;
                self.skip_blanks();
                if self.at(self.cursor) != ':' {
                    return Err(self.error_at(
                        self.cursor,
                        "expected ':' after the mapping key; write entries as 'key: value'",
                    ));
                }
                self.cursor += 1;
                v = self.node(col, NodeContext::MAPPING_VALUE)?;
            }
            self.insert(&mut map, &mut merged, key, v, kp)?;
            if !self.next_entry(col, Collection::Mapping)? {
                return Ok(Value::Object(map));
            }
        }
    }

    /// After a block entry: moves to the next line and tells whether it continues the
    /// collection at column `col`.
    fn next_entry(&mut self, col: isize, collection: Collection) -> Result<bool, YamlError> {
        self.expect_line_end()?;
        let Some((j, ind, _)) = self.next_line(self.cursor)? else {
            self.cursor = self.chars.len();
            return Ok(false);
        };
        self.cursor = j;
        if ind > col {
            return Err(self.error_at(j, "the indentation of this line does not match the entries above it; align it with the entries it belongs to"));
        }
        let sequence = matches!(collection, Collection::Sequence { .. });
        if ind < col || self.is_entry_dash(j) == sequence {
            return Ok(ind == col);
        }
        if collection
            == (Collection::Sequence {
                at_key_indent: true,
            })
        {
            return Ok(false);
        }
        Err(self.error_at(j, "a mapping entry and a sequence item cannot share the same indentation; indent the sequence under its key or make every line at this level a 'key: value' pair"))
    }

    fn key(&mut self, layout: Layout) -> Result<Key, YamlError> {
        let p = self.cursor;
        if matches!(self.at(p), '"' | '\'') {
            let text = self.quoted()?;
            return Ok(Key { text, plain: false });
        }
        let parent = match layout {
            Layout::Flow => -1,
            Layout::Block => isize::MAX,
        };
        let k = self.plain(parent, layout)?;
        if k.is_empty() {
            return Err(self.error_at(
                p,
                "expected a mapping key here; write entries as 'key: value'",
            ));
        }
        Ok(Key {
            text: k,
            plain: true,
        })
    }

    fn insert(
        &self,
        map: &mut Map<String, Value>,
        merged: &mut Vec<String>,
        key: Key,
        v: Value,
        pos: usize,
    ) -> Result<(), YamlError> {
        let Key { text: key, plain } = key;
        if plain && key == "<<" {
            let sources = match v {
                Value::Array(a) => a,
                v => vec![v],
            };
            for src in sources {
                let Value::Object(o) = src else {
                    return Err(self.error_at(pos, "a merge key '<<' needs a mapping or a list of mappings, such as an alias '*base'"));
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
                    return Err(self.error_at(pos, &msg));
                }
            }
        }
        map.insert(key, v);
        Ok(())
    }

    fn flow(&mut self) -> Result<Value, YamlError> {
        let open = self.cursor;
        let is_map = self.at(open) == '{';
        let (close, what) = if is_map {
            ('}', "mapping")
        } else {
            (']', "sequence")
        };
        let unclosed = format!("this flow {what} is never closed; add the missing '{close}'");
        self.cursor += 1;
        let (mut items, mut map, mut merged) = (Vec::new(), Map::new(), Vec::new());
        loop {
            self.skip_flow_blanks();
            match self.at(self.cursor) {
                c if c == close => break,
                '\0' => return Err(self.error_at(open, &unclosed)),
                _ if is_map => {
                    if self.at(self.cursor) == '?' && self.ends_token(self.cursor + 1, Layout::Flow)
                    {
                        self.cursor += 1; // an explicit key
                        self.skip_flow_blanks();
                    }
                    let kp = self.cursor;
                    let key = self.key(Layout::Flow)?;
                    self.skip_flow_blanks();
                    let v = match self.at(self.cursor) {
                        ':' => {
                            self.cursor += 1;
                            self.node(-1, NodeContext::Flow)?
                        }
                        _ => Value::Null,
                    };
                    self.insert(&mut map, &mut merged, key, v, kp)?;
                }
                _ => items.push(self.node(-1, NodeContext::Flow)?),
            }
            self.skip_flow_blanks();
            match self.at(self.cursor) {
                ',' => self.cursor += 1,
                c if c == close => break,
                '\0' => return Err(self.error_at(open, &unclosed)),
                _ => {
                    let msg = format!(
                        "expected ',' or '{close}' here; separate flow entries with commas"
                    );
                    return Err(self.error_at(self.cursor, &msg));
                }
            }
        }
        self.cursor += 1;
        Ok(if is_map {
            Value::Object(map)
        } else {
            Value::Array(items)
        })
    }

    fn alias(&mut self, layout: Layout) -> Result<Value, YamlError> {
        let p = self.cursor;
        self.cursor += 1;
        while !self.ends_token(self.cursor, layout) {
            self.cursor += 1;
        }
        let name: String = self.chars[p + 1..self.cursor].iter().collect();
        let Some((_, v)) = self.anchors.iter().rev().find(|(a, _)| *a == name) else {
            let msg = format!("the alias *{name} refers to an unknown anchor; define it with &{name} before using it");
            return Err(self.error_at(p, &msg));
        };
        self.alias_values += size(v);
        if self.alias_values > MAX_ALIAS_NODES {
            return Err(self.error_at(
                p,
                "aliases expand to more than 1000000 values; use fewer aliases or split the document",
            ));
        }
        Ok(v.clone())
    }

    /// A plain scalar, possibly spanning lines indented more than `parent`.
    fn plain(&mut self, parent: isize, layout: Layout) -> Result<String, YamlError> {
        let flow = layout == Layout::Flow;
        let mut out = String::new();
        loop {
            let (start, mut end) = (self.cursor, self.cursor);
            loop {
                let c = self.at(self.cursor);
                if matches!(c, '\0' | '\n')
                    || self.starts_comment(self.cursor)
                    || c == ':' && self.ends_token(self.cursor + 1, layout)
                    || flow && flow_indicator(c)
                {
                    break;
                }
                self.cursor += 1;
                if c != ' ' && c != '\t' {
                    end = self.cursor;
                }
            }
            out.extend(&self.chars[start..end]);
            if self.at(self.cursor) != '\n' {
                return Ok(out);
            }
            match self.next_scalar_line(self.cursor, layout)? {
                Some((j, ind, blanks))
                    if ind > parent
                        && !self.starts_comment(j)
                        && !(flow && flow_indicator(self.chars[j])) =>
                {
                    self.cursor = j;
                    fold(&mut out, blanks);
                }
                _ => return Ok(out),
            }
        }
    }

    /// A single- or double-quoted scalar.
    fn quoted(&mut self) -> Result<String, YamlError> {
        let (start, q) = (self.cursor, self.at(self.cursor));
        let mut i = start + 1;
        let (mut out, mut hard) = (String::new(), 0); // `hard`: length that folding may not trim
        loop {
            let c = self.at(i);
            i += 1;
            match c {
                '\0' if i > self.chars.len() => {
                    let msg = format!("this quoted string is never closed; add the closing {q}");
                    return Err(self.error_at(start, &msg));
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
                            let mut cp = hex(&self.chars, &mut i, len);
                            if let (Some(h @ 0xD800..=0xDBFF), Some(['\\', 'u'])) =
                                (cp, self.chars.get(i..i + 2))
                            {
                                let mut k = i + 2;
                                if let Some(l @ 0xDC00..=0xDFFF) = hex(&self.chars, &mut k, 4) {
                                    cp = Some(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00));
                                    i = k;
                                }
                            }
                            match cp.and_then(char::from_u32) {
                                Some(ch) => ch,
                                None => {
                                    let msg = format!("the escape \\{e} needs {len} hexadecimal digits of a valid Unicode code point");
                                    return Err(self.error_at(bs, &msg));
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
                            return Err(self.error_at(bs, &msg));
                        }
                    };
                    out.push(ch);
                    hard = out.len();
                }
                _ => out.push(c),
            }
        }
        self.cursor = i;
        Ok(out)
    }

    /// Skips the indentation of the next line and any empty lines after it inside a
    /// quoted scalar; returns the number of empty lines.
    fn empty_lines(&self, i: &mut usize) -> usize {
        let mut n = 0;
        while self.at(self.after_blanks(*i)) == '\n' {
            (*i, n) = (self.after_blanks(*i) + 1, n + 1);
        }
        *i = self.after_blanks(*i);
        n
    }

    /// A literal (`|`) or folded (`>`) block scalar.
    fn block_scalar(&mut self, parent: isize) -> Result<String, YamlError> {
        let literal = self.at(self.cursor) == '|';
        self.cursor += 1;
        let (mut chomp, mut explicit) = (' ', 0);
        loop {
            match self.at(self.cursor) {
                c @ ('-' | '+') if chomp == ' ' => chomp = c,
                c @ '1'..='9' if explicit == 0 => explicit = c as usize - '0' as usize,
                _ => break,
            }
            self.cursor += 1;
        }
        self.expect_line_end()?;
        self.skip_line();
        let n = self.chars.len();
        self.cursor = (self.cursor + 1).min(n);
        let mut ind = parent.max(0) as usize + explicit;
        if explicit == 0 {
            // The first non-empty line sets the indentation, or a longer leading blank line.
            let mut j = self.cursor;
            loop {
                let k = j + self.chars[j..].iter().take_while(|&&c| c == ' ').count();
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
        while self.cursor < n {
            let ls = self.cursor;
            let e = self.end_of_line(ls);
            let sp = self.chars[ls..e].iter().take_while(|&&c| c == ' ').count();
            if sp == e - ls && sp <= ind {
                breaks += 1;
            } else if sp >= ind {
                let text = &self.chars[ls + ind..e];
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
            self.cursor = (e + 1).min(n);
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
    fn scalar(&self, v: Value, pos: usize) -> Result<Value, YamlError> {
        let Value::String(t) = v else { return Ok(v) };
        Ok(match t.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => Value::Null,
            "true" | "True" | "TRUE" => Value::Bool(true),
            "false" | "False" | "FALSE" => Value::Bool(false),
            _ => match number(&t) {
                None => Value::String(t),
                Some(Some(n)) => Value::Number(n),
                Some(None) => return Err(self.error_at(
                    pos,
                    "JSON cannot represent infinity or NaN; quote the value to keep it as a string",
                )),
            },
        })
    }

    /// Applies a node's tag; untagged plain scalars are resolved with the core schema.
    fn finish(
        &self,
        tag: Option<(String, usize)>,
        v: Value,
        resolution: Resolution,
        pos: usize,
    ) -> Result<Value, YamlError> {
        let Some((t, tp)) = tag else {
            return match resolution {
                Resolution::CoreSchema => self.scalar(v, pos),
                Resolution::AsWritten => Ok(v),
            };
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
                return Err(self.error_at(tp, &msg));
            }
            _ => {
                // CloudFormation short form: `!Name x` becomes {"Fn::Name": x}.
                let name = &t[1..];
                let mut v = if resolution == Resolution::CoreSchema && v != "" {
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
            self.error_at(tp, &msg)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A YAML text and the JSON value it reads as, by topic.
    const VALUES: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/yaml-inputs/values.tsv"
    ));
    /// A YAML text that does not read, and where and why: the line, the
    /// column and a part of the message.
    const ERRORS: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/yaml-inputs/errors.tsv"
    ));
    /// Whole documents, each with the JSON value it reads as.
    const DOCUMENTS: [(&str, &str); 2] = [
        (
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/yaml-inputs/aws-export.yaml"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/yaml-inputs/aws-export.json"
            )),
        ),
        (
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/yaml-inputs/sam-template.yaml"
            )),
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/yaml-inputs/sam-template.json"
            )),
        ),
    ];

    /// A row of a table, named by its line in the file.
    struct Row {
        line: usize,
        fields: Vec<&'static str>,
    }

    /// The rows of a tab-separated table whose first line names the columns
    /// `columns`.
    fn rows(table: &'static str, columns: &[&str]) -> Vec<Row> {
        let mut lines = table.lines();
        assert_eq!(lines.next(), Some(columns.join("\t").as_str()), "header");
        let rows: Vec<Row> = lines
            .enumerate()
            .map(|(i, text)| {
                let fields: Vec<&str> = text.split('\t').collect();
                assert_eq!(fields.len(), columns.len(), "line {}: {text:?}", i + 2);
                Row {
                    line: i + 2,
                    fields,
                }
            })
            .collect();
        assert!(!rows.is_empty());
        rows
    }

    /// A text field as written in a table: `\n`, `\t` and `\r` stand for a
    /// line break, a tab and a carriage return, `\u{feff}` for any
    /// character, and `\\` for a backslash.
    fn unescape(field: &str) -> String {
        let mut out = String::new();
        let mut chars = field.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                Some('u') => {
                    let rest = chars.as_str();
                    let hex = rest
                        .strip_prefix('{')
                        .and_then(|r| r.split_once('}'))
                        .map(|(hex, _)| hex)
                        .unwrap_or_else(|| panic!("\\u without {{hex}} in {field:?}"));
                    let code = u32::from_str_radix(hex, 16).expect("hexadecimal");
                    out.push(char::from_u32(code).expect("a character"));
                    chars = rest[hex.len() + 2..].chars();
                }
                other => panic!("unknown escape \\{other:?} in {field:?}"),
            }
        }
        out
    }

    /// Why `yaml` does not read as `json`, if it does not.
    fn mismatch(yaml: &str, json: &str) -> Option<String> {
        let want: Value = serde_json::from_str(json).expect("the expected value is JSON");
        let got = match parse(yaml) {
            Ok(got) => got,
            Err(e) => return Some(format!("{e}")),
        };
        // Equal values may still differ in the order of mapping keys, which
        // must be the document's: the texts tell.
        let (got_text, want_text) = (got.to_string(), want.to_string());
        if got != want {
            Some(format!("read as {got_text}"))
        } else if got_text != want_text {
            Some(format!("key order {got_text}"))
        } else {
            None
        }
    }

    #[test]
    fn values() {
        let failed: Vec<String> = rows(VALUES, &["topic", "yaml", "json"])
            .into_iter()
            .filter_map(|row| {
                let [topic, yaml, json] = row.fields[..] else {
                    unreachable!()
                };
                let why = mismatch(&unescape(yaml), json)?;
                Some(format!("values.tsv:{} ({topic}): {why}", row.line))
            })
            .collect();
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn errors() {
        let failed: Vec<String> = rows(ERRORS, &["yaml", "line", "column", "message"])
            .into_iter()
            .filter_map(|row| {
                let [yaml, line, column, message] = row.fields[..] else {
                    unreachable!()
                };
                let at: (usize, usize) = (line.parse().unwrap(), column.parse().unwrap());
                let why = match parse(&unescape(yaml)) {
                    Ok(v) => format!("read as {v}"),
                    Err(e) if !e.message.contains(&unescape(message)) => format!("{e}"),
                    Err(e) if (e.line, e.column) != at => format!("{e}"),
                    Err(e)
                        if !e
                            .to_string()
                            .ends_with(&format!("(line {line}, column {column})")) =>
                    {
                        format!("{e}")
                    }
                    Err(_) => return None,
                };
                Some(format!("errors.tsv:{}: {why}", row.line))
            })
            .collect();
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn documents() {
        for (yaml, json) in DOCUMENTS {
            assert_eq!(mismatch(yaml, json), None, "{yaml}");
            assert_eq!(mismatch(&yaml.replace('\n', "\r\n"), json), None, "{yaml}");
        }
    }

    #[test]
    fn truncated_input_never_panics() {
        let values = rows(VALUES, &["topic", "yaml", "json"])
            .into_iter()
            .map(|r| r.fields[1]);
        let errors = rows(ERRORS, &["yaml", "line", "column", "message"])
            .into_iter()
            .map(|r| r.fields[0]);
        let mut texts: Vec<String> = values.chain(errors).map(unescape).collect();
        texts.extend(DOCUMENTS.iter().map(|(yaml, _)| yaml.to_string()));
        for text in texts {
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
