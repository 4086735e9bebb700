//! The text as the parser moves through it: characters, lines and their
//! indentation, blanks, comments and the ends of tokens.

use serde_json::Value;

use super::error::YamlError;

const TAB: &str = "a tab character cannot indent YAML; use spaces";

/// How the text at hand is laid out: on indented lines, or inside `[]` or
/// `{}`, where `,[]{}` end a plain scalar and tabs may indent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Block,
    Flow,
}

/// Whether a line holding only a comment counts as a line with content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CommentLines {
    Skip,
    /// A plain scalar stops at a comment line.
    Stop,
}

/// The reader's state: the text, where it is, and what it has seen.
#[derive(Default)]
pub(super) struct Parser {
    /// The document, without its byte order mark, with `\n` line breaks.
    pub(super) chars: Vec<char>,
    /// Where reading is.
    pub(super) cursor: usize,
    /// The anchors defined so far, latest last.
    pub(super) anchors: Vec<(String, Value)>,
    /// How deep the node being read nests.
    pub(super) depth: usize,
    /// How many values aliases have copied so far.
    pub(super) alias_values: usize,
    /// What a key written twice in one mapping does.
    pub(super) duplicates: DuplicateKeys,
    /// The keys a later duplicate replaced, where the duplicate is.
    pub(super) replaced: Vec<YamlError>,
}

/// What a key written twice in one mapping does.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKeys {
    /// It is an error, as YAML 1.2 says.
    #[default]
    Refuse,
    /// The last one wins, as CloudFormation reads templates.
    LastWins,
}

/// Whether `c` opens, closes or separates flow collection entries.
pub(super) fn flow_indicator(c: char) -> bool {
    matches!(c, ',' | '[' | ']' | '{' | '}')
}

impl Parser {
    pub(super) fn error_at(&self, pos: usize, msg: &str) -> YamlError {
        let pos = pos.min(self.chars.len());
        let line = self.chars[..pos].iter().filter(|&&c| c == '\n').count() + 1;
        YamlError {
            line,
            column: pos - self.line_start(pos) + 1,
            message: msg.to_string(),
        }
    }

    pub(super) fn at(&self, pos: usize) -> char {
        self.chars.get(pos).copied().unwrap_or('\0')
    }

    pub(super) fn line_start(&self, pos: usize) -> usize {
        self.chars[..pos]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1)
    }

    /// Whether the character at `pos` ends a token (whitespace, end, or a flow indicator).
    pub(super) fn ends_token(&self, pos: usize, layout: Layout) -> bool {
        let c = self.at(pos);
        matches!(c, '\0' | ' ' | '\t' | '\n') || layout == Layout::Flow && flow_indicator(c)
    }

    pub(super) fn is_entry_dash(&self, pos: usize) -> bool {
        self.at(pos) == '-' && self.ends_token(pos + 1, Layout::Block)
    }

    pub(super) fn starts_comment(&self, pos: usize) -> bool {
        self.at(pos) == '#' && (pos == 0 || self.chars[pos - 1].is_whitespace())
    }

    /// Position of the line break (or end of text) at or after `pos`.
    pub(super) fn end_of_line(&self, pos: usize) -> usize {
        pos + self.chars[pos..]
            .iter()
            .position(|&c| c == '\n')
            .unwrap_or(self.chars.len() - pos)
    }

    /// Position after the spaces and tabs at `pos`.
    pub(super) fn after_blanks(&self, pos: usize) -> usize {
        pos + self.chars[pos..]
            .iter()
            .take_while(|&&c| c == ' ' || c == '\t')
            .count()
    }

    pub(super) fn skip_line(&mut self) {
        self.cursor = self.end_of_line(self.cursor);
    }

    pub(super) fn skip_blanks(&mut self) {
        self.cursor = self.after_blanks(self.cursor);
    }

    /// Skips whitespace, line breaks and comments inside a flow collection.
    pub(super) fn skip_flow_blanks(&mut self) {
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
    pub(super) fn next_line(
        &self,
        from: usize,
    ) -> Result<Option<(usize, isize, usize)>, YamlError> {
        self.find_line(from, CommentLines::Skip, Layout::Block)
    }

    /// [`Parser::next_line`] for the continuation of a plain scalar, which a
    /// comment line ends.
    pub(super) fn next_scalar_line(
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
    pub(super) fn expect_line_end(&mut self) -> Result<(), YamlError> {
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
}
