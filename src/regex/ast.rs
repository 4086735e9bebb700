//! The syntax tree: what the parser builds from a pattern and the compiler reads.

use super::fold::Fold;

/// Which syntax a pattern is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// `java.util.regex` (selection patterns, Velocity's string methods).
    Java,
    /// ECMAScript `RegExp` with the `u` flag's escapes (JSON Schema `pattern`).
    EcmaScript,
}

/// "No upper bound" for repetition counts and widths.
pub(super) const INF: u32 = u32::MAX;

/// Zero-width assertions. `unix_lines`: Java's UNIX_LINES mode, where only `\n` ends a line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Look {
    Start,
    End,
    LineStart {
        unix_lines: bool,
    },
    LineEnd {
        unix_lines: bool,
    },
    FinalEnd {
        unix_lines: bool,
    },
    /// `\b` (`\B` when `negated`); word characters are ASCII in ECMAScript (`ascii`), Unicode
    /// letters and digits in Java.
    WordBoundary {
        ascii: bool,
        negated: bool,
    },
    LastEnd,
}

/// A named character predicate (`\d`, `\p{Lu}` ...).
pub(super) type Pred = fn(char) -> bool;

/// A character class: the union of `items`, complemented when `neg`.
#[derive(Clone, Debug)]
pub(super) struct Class {
    pub neg: bool,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub(super) enum Item {
    Range(char, char),
    Pred { test: Pred, negated: bool },
    Sub(Class),
    And(Class, Class),
}

/// How a quantifier repeats: as often as it can and gives back (`*`), as seldom as it can
/// (`*?`), or as often as it can without giving back (`*+`, Java only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Greed {
    Greedy,
    Lazy,
    Possessive,
}

/// Syntax tree.
#[derive(Debug)]
pub(super) enum Node {
    Empty,
    Char(char, Fold),
    Set(Class, Fold),
    Look(Look),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Group(Box<Node>, usize),
    Atomic(Box<Node>),
    Lookaround {
        body: Box<Node>,
        behind: bool,
        negated: bool,
    },
    Repeat {
        body: Box<Node>,
        min: u32,
        max: u32,
        greed: Greed,
    },
    Backref(usize, Fold),
}

/// Group names with their numbers.
pub(super) type GroupNames = Vec<(String, usize)>;

impl Class {
    pub(super) fn new(neg: bool, items: Vec<Item>) -> Class {
        Class { neg, items }
    }

    /// Whether `c` is in the class, comparing with case folding `fold`.
    pub(super) fn has(&self, c: char, fold: Fold) -> bool {
        self.neg
            != self.items.iter().any(|it| match it {
                Item::Range(a, b) => fold.in_range(c, *a, *b),
                Item::Pred { test, negated } => test(c) != *negated,
                Item::Sub(k) => k.has(c, fold),
                Item::And(x, y) => x.has(c, fold) && y.has(c, fold),
            })
    }
}

/// Whether `c` ends a line (only `\n` in UNIX_LINES mode).
pub(super) fn is_line_terminator(c: char, unix_lines: bool) -> bool {
    c == '\n' || (!unix_lines && matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
}

/// Minimum and maximum width in chars (`INF` = unbounded).
pub(super) fn width(n: &Node) -> (u32, u32) {
    match n {
        Node::Char(..) | Node::Set(..) => (1, 1),
        Node::Cat(v) => v.iter().map(width).fold((0, 0), |a, b| {
            (a.0.saturating_add(b.0), a.1.saturating_add(b.1))
        }),
        Node::Alt(v) => v
            .iter()
            .map(width)
            .fold((INF, 0), |a, b| (a.0.min(b.0), a.1.max(b.1))),
        Node::Group(b, _) | Node::Atomic(b) => width(b),
        Node::Repeat { body, min, max, .. } => {
            let (x, y) = width(body);
            (x.saturating_mul(*min), y.saturating_mul(*max))
        }
        Node::Backref(..) => (0, INF),
        _ => (0, 0),
    }
}
