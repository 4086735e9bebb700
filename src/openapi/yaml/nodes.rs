//! Nodes: collections, block and flow, with their anchors, aliases, tags
//! and merge keys; scalars are read in `scalars.rs` and resolved in
//! `resolve.rs`.

use serde_json::{Map, Value};

use super::error::YamlError;
use super::resolve::Resolution;
use super::scanner::{DuplicateKeys, Layout, Parser};

const MAX_DEPTH: usize = 256;
const MAX_ALIAS_NODES: usize = 1_000_000;

/// Where a node sits, which decides what may start it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NodeContext {
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
    pub(super) const ENTRY: NodeContext = NodeContext::Block {
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

/// A mapping key as written: only a plain `<<` is a merge key.
struct Key {
    text: String,
    plain: bool,
}

fn size(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(size).sum(),
        Value::Object(o) => o.values().map(size).sum(),
        _ => 0,
    }
}

impl Parser {
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
    pub(super) fn node(&mut self, parent: isize, ctx: NodeContext) -> Result<Value, YamlError> {
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
        &mut self,
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
                    if self.duplicates == DuplicateKeys::Refuse {
                        return Err(self.error_at(pos, &msg));
                    }
                    let replaced = self.error_at(pos, &msg);
                    self.replaced.push(replaced);
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
}
