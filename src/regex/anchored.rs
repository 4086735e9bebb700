//! An exact fast path for simple anchored patterns (`^ord_[0-9a-f]{12}$`, `^[A-Z]{2}$`,
//! `^\+?[0-9 ]{7,20}$`): a pattern that starts with `^` and is then a sequence of single
//! characters or classes, each repeated `{min,max}` times, optionally ending with `$`.
//!
//! Such a sequence is matched in one pass without backtracking when every step whose count
//! may vary is followed either by nothing or by a step that must take at least one character
//! and can take none of the characters the varying step can. Then in any match the varying
//! step takes exactly its longest run (a shorter one leaves a character of its own class for
//! the next step, which cannot take it), so the one greedy pass decides, whether the
//! quantifiers are greedy, lazy or possessive. Only anchored patterns qualify: the matcher
//! tries one start, so its work is linear and the step budget can never run out where the
//! backtracking engine would have stopped.
//!
//! Characters below U+0080 are tested in a 128-bit table built from the class itself
//! (`Class::has` on each ASCII character, so case folding and predicates are included); other
//! characters go to `Class::has`.

use super::ast::{Class, Item, Look};
use super::compile::{Inst, Prog};
use super::fold::Fold;

#[derive(Clone, Debug)]
struct Step {
    min: u32,
    max: u32,
    /// Which characters below U+0080 the step takes: bit `c` of `ascii[c / 64]`.
    ascii: [u64; 2],
    wide: Wide,
}

/// How a step tests a character from U+0080 up.
#[derive(Clone, Copy, Debug)]
enum Wide {
    Never,
    Char(char),
    /// Class index and case folding.
    Class(u32, Fold),
}

/// A compiled anchored sequence.
#[derive(Clone, Debug)]
pub(super) struct Anchored {
    steps: Box<[Step]>,
    /// Ends with `$`.
    end: bool,
}

/// The pattern as an anchored sequence, if it is one that [`Anchored::is_match`] decides
/// exactly.
pub(super) fn compile(p: &Prog) -> Option<Anchored> {
    let insts = p.insts();
    let (Inst::Look(Look::Start), rest) = insts.split_first()? else {
        return None;
    };
    let (mut steps, mut end, mut i) = (Vec::new(), false, 0);
    while i < rest.len() {
        let (min, max, atom) = match rest[i] {
            Inst::Rep1 { min, max, .. } => {
                i += 1;
                (min, max, rest.get(i)?)
            }
            Inst::Look(Look::End) if matches!(rest.get(i + 1), Some(Inst::Match)) => {
                end = true;
                break;
            }
            Inst::Match => break,
            ref atom => (1, 1, atom),
        };
        steps.push(step(p, min, max, atom)?);
        i += 1;
    }
    // A varying step must be last, or be followed by a step that takes a character it cannot.
    for w in steps.windows(2) {
        if w[0].min != w[0].max && (w[1].min == 0 || !disjoint(p, &w[0], &w[1])) {
            return None;
        }
    }
    Some(Anchored {
        steps: steps.into(),
        end,
    })
}

/// The table of the one character `c` (below 128).
fn bit(c: u8) -> [u64; 2] {
    let mut t = [0, 0];
    t[usize::from(c >> 6)] = 1 << (c & 63);
    t
}

fn step(p: &Prog, min: u32, max: u32, atom: &Inst) -> Option<Step> {
    let (ascii, wide) = match *atom {
        Inst::Char(c, Fold::Exact) if c.is_ascii() => (bit(c as u8), Wide::Never),
        Inst::Char(c, Fold::Exact) => ([0, 0], Wide::Char(c)),
        Inst::Set(i, f) => {
            let cl = p.class(i);
            let ascii = (0..128u8)
                .filter(|&x| cl.has(char::from(x), f))
                .fold([0, 0], |m, x| [m[0] | bit(x)[0], m[1] | bit(x)[1]]);
            let wide = if f != Fold::Unicode && ascii_only(cl) {
                Wide::Never
            } else {
                Wide::Class(i, f)
            };
            (ascii, wide)
        }
        _ => return None,
    };
    Some(Step {
        min,
        max,
        ascii,
        wide,
    })
}

/// Whether the class can only hold ASCII characters (without Unicode case folding).
fn ascii_only(cl: &Class) -> bool {
    !cl.neg
        && cl.items.iter().all(|it| match it {
            Item::Range(_, b) => b.is_ascii(),
            Item::Sub(k) => ascii_only(k),
            Item::And(x, y) => ascii_only(x) || ascii_only(y),
            Item::Pred { .. } => false,
        })
}

/// Whether no character is in both steps.
fn disjoint(p: &Prog, a: &Step, b: &Step) -> bool {
    if a.ascii[0] & b.ascii[0] != 0 || a.ascii[1] & b.ascii[1] != 0 {
        return false;
    }
    match (a.wide, b.wide) {
        (Wide::Never, _) | (_, Wide::Never) => true,
        (Wide::Char(c), _) => !has_wide(p, b, c),
        (_, Wide::Char(c)) => !has_wide(p, a, c),
        _ => false,
    }
}

#[inline]
fn has_wide(p: &Prog, s: &Step, c: char) -> bool {
    match s.wide {
        Wide::Never => false,
        Wide::Char(d) => c == d,
        Wide::Class(i, f) => p.class(i).has(c, f),
    }
}

impl Anchored {
    /// Whether `t` matches (from its start).
    pub fn is_match(&self, p: &Prog, t: &str) -> bool {
        let b = t.as_bytes();
        let mut at = 0;
        for s in self.steps.iter() {
            let mut n = 0;
            while n < s.max && at < b.len() {
                let c = b[at];
                if c < 0x80 {
                    if s.ascii[usize::from(c >> 6)] >> (c & 63) & 1 == 0 {
                        break;
                    }
                    at += 1;
                } else {
                    let Some(ch) = t.get(at..).and_then(|r| r.chars().next()) else {
                        break;
                    };
                    if !has_wide(p, s, ch) {
                        break;
                    }
                    at += ch.len_utf8();
                }
                n += 1;
            }
            if n < s.min {
                return false;
            }
        }
        !self.end || at == b.len()
    }
}
