//! A compiled pattern and the ways it is matched.

use super::anchored::{self, Anchored};
use super::ast::{Dialect, GroupNames};
use super::compile::{self, Prog};
use super::error::{MatchError, RegexError};
use super::exec::{self, Extent};
use super::parse;

/// Steps allowed per call: this base plus `BUDGET_PER_BYTE` per byte of text.
const BUDGET: u64 = 1_000_000;
const BUDGET_PER_BYTE: u64 = 100;

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    pub(super) prog: Prog,
    names: GroupNames,
    /// The one-pass matcher, for patterns it decides exactly.
    pub(super) anchored: Option<Anchored>,
}

/// Group spans of one match, as byte offsets into the searched text. Group 0 is the whole match.
/// Only the oracle tests read groups; the engine's users need whole matches.
#[cfg(test)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captures<'r> {
    pub(super) slots: Vec<usize>,
    names: &'r [(String, usize)],
}

#[cfg(test)]
impl Captures<'_> {
    /// Span of group `i`, `None` if it did not participate (or does not exist).
    pub fn group(&self, i: usize) -> Option<(usize, usize)> {
        let (s, e) = (*self.slots.get(2 * i)?, *self.slots.get(2 * i + 1)?);
        (s != usize::MAX).then_some((s, e))
    }
    /// Number of groups including group 0.
    pub fn len(&self) -> usize {
        self.slots.len() / 2
    }
    /// Span of the group called `name`.
    pub fn name(&self, name: &str) -> Option<(usize, usize)> {
        self.group(self.names.iter().find(|(n, _)| n == name)?.1)
    }
    /// Text of group `i`.
    pub fn get<'t>(&self, text: &'t str, i: usize) -> Option<&'t str> {
        self.group(i).map(|(s, e)| &text[s..e])
    }
}

pub(super) fn budget(text: &str) -> u64 {
    BUDGET + BUDGET_PER_BYTE * text.len() as u64
}

impl Regex {
    /// Compiles `pattern`, written in `dialect`.
    ///
    /// # Errors
    ///
    /// A [`RegexError`] with Java's `PatternSyntaxException` message and index when the pattern
    /// is not valid in the dialect.
    pub fn new(pattern: &str, dialect: Dialect) -> Result<Regex, RegexError> {
        let (node, ncap, names) = parse::parse(pattern, dialect)?;
        let prog = compile::compile(node, ncap, dialect);
        let anchored = anchored::compile(&prog);
        Ok(Regex {
            prog,
            names,
            anchored,
        })
    }

    /// Whether the whole text matches (Java `String.matches`, `Pattern.matches`).
    pub fn full_match(&self, text: &str) -> Result<bool, MatchError> {
        exec::test(&self.prog, text, 0, Extent::Whole, &mut budget(text))
    }

    /// First match starting at or after byte offset `start` (Java `Matcher.find(int)`; `\G`
    /// matches at `start`). A `start` inside a char moves to the next char; past the end: `None`.
    #[cfg(test)]
    pub fn find_at(&self, text: &str, start: usize) -> Result<Option<Captures<'_>>, MatchError> {
        let mut start = start;
        while start < text.len() && !text.is_char_boundary(start) {
            start += 1;
        }
        if start > text.len() {
            return Ok(None);
        }
        let m = exec::search(
            &self.prog,
            text,
            start,
            start,
            Extent::Find,
            &mut budget(text),
        )?;
        Ok(m.map(|slots| Captures {
            slots,
            names: &self.names,
        }))
    }

    /// Whether the pattern matches anywhere (ECMAScript `RegExp.test`, JSON Schema `pattern`).
    pub fn is_match(&self, text: &str) -> Result<bool, MatchError> {
        if let Some(a) = &self.anchored {
            return Ok(a.is_match(&self.prog, text));
        }
        exec::test(&self.prog, text, 0, Extent::Find, &mut budget(text))
    }

    /// Number of capturing groups (not counting group 0).
    pub fn group_count(&self) -> usize {
        self.prog.ncap
    }

    /// Group number of a named group.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|g| g.1)
    }

    /// All matches as Java's `Matcher.find()` loop sees them (after an empty match the next search
    /// starts one char later), at most `limit`, sharing one step budget.
    pub(super) fn matches(&self, text: &str, limit: usize) -> Result<Vec<Vec<usize>>, MatchError> {
        let (mut out, mut from, mut last, mut left) = (Vec::new(), 0, 0, budget(text));
        while out.len() < limit && from <= text.len() {
            let Some(m) = exec::search(&self.prog, text, from, last, Extent::Find, &mut left)?
            else {
                break;
            };
            from = if m[0] == m[1] {
                m[1] + text[m[1]..].chars().next().map_or(1, char::len_utf8)
            } else {
                m[1]
            };
            last = m[1];
            out.push(m);
        }
        Ok(out)
    }
}
