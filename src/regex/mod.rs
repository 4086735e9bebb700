//! A small backtracking regular-expression engine with `java.util.regex` semantics (API Gateway
//! selection patterns, Velocity `matches`/`replaceAll`/`replaceFirst`/`split`) and, with
//! [`Dialect::EcmaScript`], ECMAScript syntax (JSON Schema `pattern`).
//!
//! Texts are matched char by char (Unicode scalar values); all offsets are byte offsets.
//! Matching runs on an explicit backtracking stack with a step budget, so a catastrophic pattern
//! such as `(a+)+b` returns [`MatchError::Budget`] instead of hanging. The stack and capture
//! vectors are reused per thread, and simple anchored patterns (`^[A-Z]{3}-[0-9]{4}$`) are
//! decided in one pass where that is exact (`anchored.rs`).
//!
//! Supported: literals and escapes (`\t \n \r \f \a \e \0oct \xhh \x{h..} \uhhhh \cX`, `\Q..\E`),
//! `.`, classes with ranges, negation, Java unions `[a[b]]` and intersections `[a-z&&[^aeiou]]`,
//! `\d \D \w \W \s \S \h \H \v \V \R`, `\p{..}`/`\P{..}` (POSIX, `java*`, general categories
//! L Lu Ll Lt N Nd P Z Zs Zl Zp Cc, `IsAlphabetic` etc.; Unicode ones approximated with Rust's
//! `char` methods), anchors `^ $ \b \B \A \z \Z \G`, groups (capturing, `(?:)`, `(?<name>)`,
//! lookahead, lookbehind of any length, atomic `(?>)`), inline flags `(?imsxudU-imsxudU)` and
//! `(?i:..)`, greedy/lazy/possessive quantifiers, alternation, back references `\n` `\k<name>`.
//! ECMAScript: the same minus the Java-only constructs, Annex B leniencies (`{` and unknown
//! escapes are literal, `\8`, legacy octal), `\u{..}` and `\p{..}` as with the `u` flag.
//!
//! Not supported: scripts/blocks in `\p{..}` (`IsLatin`, `InGreek`), `\X`, `\N{..}`, `\b{g}`,
//! canonical equivalence, lone surrogates.
//!
//! Known differences from Java: captures always come from the successful path (Java sometimes
//! keeps groups set inside failed negative lookarounds or abandoned loop iterations); after an
//! empty iteration a quantified group always stops (Java's `Loop` rule; some of Java's internal
//! fast paths differ); Java's lookbehind length check is approximated, and lookbehinds whose
//! estimate overflows in Java (`(?<=a+b+)`) work here. From ECMAScript: lookbehind bodies run
//! forwards trying the shortest start first, so captures inside them can differ. `replace_*` and
//! `split` use Java's rules in both dialects.
// The module is a complete java.util.regex subset; each user (templates,
// selection patterns, JSON Schema, JSONPath filters) needs a different part.
#![allow(dead_code, unused_imports)]

mod anchored;
mod exec;
mod parse;
mod replace;
#[cfg(test)]
mod tests;

use std::fmt;

pub use replace::ReplaceError;

/// Steps allowed per call: this base plus `BUDGET_PER_BYTE` per byte of text.
pub const BUDGET: u64 = 1_000_000;
pub const BUDGET_PER_BYTE: u64 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Java,
    EcmaScript,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    prog: exec::Prog,
    names: Vec<(String, usize)>,
    /// The one-pass matcher, for patterns it decides exactly.
    anchored: Option<anchored::Anchored>,
}

/// A syntax error; `position` is a char index into the pattern, like Java's
/// `PatternSyntaxException.getIndex()` (Java counts UTF-16 units).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexError {
    pub position: usize,
    pub message: String,
}

impl fmt::Display for RegexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} near index {}", self.message, self.position)
    }
}

impl std::error::Error for RegexError {}

/// The step budget ran out (catastrophic backtracking).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchError {
    Budget,
}

impl fmt::Display for MatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the regular expression needs too many steps on this input")
    }
}

impl std::error::Error for MatchError {}

/// Group spans of one match, as byte offsets into the searched text. Group 0 is the whole match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captures<'r> {
    slots: Vec<usize>,
    names: &'r [(String, usize)],
}

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
    /// Always false: group 0 exists.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
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

fn budget(text: &str) -> u64 {
    BUDGET + BUDGET_PER_BYTE * text.len() as u64
}

impl Regex {
    pub fn new(pattern: &str, dialect: Dialect) -> Result<Regex, RegexError> {
        let ecma = dialect == Dialect::EcmaScript;
        let (node, ncap, names) = parse::parse(pattern, ecma)?;
        let prog = exec::compile(node, ncap, ecma);
        let anchored = anchored::compile(&prog);
        Ok(Regex {
            prog,
            names,
            anchored,
        })
    }

    /// Whether the whole text matches (Java `String.matches`, `Pattern.matches`).
    pub fn full_match(&self, text: &str) -> Result<bool, MatchError> {
        exec::test(&self.prog, text, 0, true, &mut budget(text))
    }

    /// First match starting at or after byte offset `start` (Java `Matcher.find(int)`; `\G`
    /// matches at `start`). A `start` inside a char moves to the next char; past the end: `None`.
    pub fn find_at(&self, text: &str, start: usize) -> Result<Option<Captures<'_>>, MatchError> {
        let mut start = start;
        while start < text.len() && !text.is_char_boundary(start) {
            start += 1;
        }
        if start > text.len() {
            return Ok(None);
        }
        let m = exec::search(&self.prog, text, start, start, false, &mut budget(text))?;
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
        exec::test(&self.prog, text, 0, false, &mut budget(text))
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
    fn matches(&self, text: &str, limit: usize) -> Result<Vec<Vec<usize>>, MatchError> {
        let (mut out, mut from, mut last, mut left) = (Vec::new(), 0, 0, budget(text));
        while out.len() < limit && from <= text.len() {
            let Some(m) = exec::search(&self.prog, text, from, last, false, &mut left)? else {
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
