//! The syntax tree: what the parser builds from a pattern and the compiler reads.

use super::fold::simple;

/// "No upper bound" for repetition counts and widths.
pub(super) const INF: u32 = u32::MAX;

/// Zero-width assertions; `bool`: UNIX_LINES for line anchors, (ecma, negated) for `Word`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Look {
    Start,
    End,
    LineStart(bool),
    LineEnd(bool),
    FinalEnd(bool),
    Word(bool, bool),
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
    Pred(Pred, bool),
    Sub(Class),
    And(Class, Class),
}

/// Syntax tree. `u8` fold: 0 exact, 1 ASCII case-insensitive, 2 Unicode case-insensitive.
#[derive(Debug)]
pub(super) enum Node {
    Empty,
    Char(char, u8),
    Set(Class, u8),
    Look(Look),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Group(Box<Node>, usize),
    Atomic(Box<Node>),
    /// (body, behind, negated)
    Around(Box<Node>, bool, bool),
    /// (body, min, max, kind: 0 greedy, 1 lazy, 2 possessive)
    Repeat(Box<Node>, u32, u32, u8),
    Backref(usize, u8),
}

/// Group names with their numbers.
pub(super) type Names = Vec<(String, usize)>;

impl Class {
    pub(super) fn new(neg: bool, items: Vec<Item>) -> Class {
        Class { neg, items }
    }
}

/// Whether `c` ends a line (only `\n` in UNIX_LINES mode).
pub(super) fn is_lt(c: char, unix: bool) -> bool {
    c == '\n' || (!unix && matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
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
        Node::Repeat(b, lo, hi, _) => {
            let (x, y) = width(b);
            (x.saturating_mul(*lo), y.saturating_mul(*hi))
        }
        Node::Backref(..) => (0, INF),
        _ => (0, 0),
    }
}

/// Whether `c` is in the class, comparing with case folding `f`.
pub(super) fn class_has(cl: &Class, c: char, f: u8) -> bool {
    let in_range = |a: char, b: char| {
        let r = |x: char| a <= x && x <= b;
        r(c) || match f {
            1 => r(c.to_ascii_lowercase()) || r(c.to_ascii_uppercase()),
            2 => r(simple(c, false)) || r(simple(c, true)),
            _ => false,
        }
    };
    cl.neg
        != cl.items.iter().any(|it| match it {
            Item::Range(a, b) => in_range(*a, *b),
            Item::Pred(p, n) => p(c) != *n,
            Item::Sub(k) => class_has(k, c, f),
            Item::And(x, y) => class_has(x, c, f) && class_has(y, c, f),
        })
}
