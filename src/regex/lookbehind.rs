//! Java's estimate of a lookbehind body's maximum length: where it finds none
//! (`(?<=(ab)*)`, `(?<=\1)`), Java rejects the pattern.

use super::ast::{Greed, Node, INF};

/// Java's maximum-length estimate for a lookbehind body (`TreeInfo`), with its 32-bit wrapping
/// arithmetic, after `acc`; `None` where Java gives up ("no obvious maximum length"): back
/// references, repeated groups of variable shape, overflowing counted repetitions.
pub(super) fn java_max(n: &Node, acc: i32) -> Option<i32> {
    const REPS: i32 = i32::MAX;
    let fixed = |n: &Node| java_max(n, 0).is_some() && !has_choice(n);
    match n {
        Node::Char(..) | Node::Set(..) => Some(acc.wrapping_add(1)),
        Node::Cat(v) => v.iter().try_fold(acc, |a, x| java_max(x, a)),
        Node::Alt(v) => Some(
            acc.wrapping_add(
                v.iter()
                    .map(|x| java_max(x, 0))
                    .try_fold(-1, |m, x| Some(m.max(x?)))?,
            ),
        ),
        Node::Group(b, _) | Node::Atomic(b) => java_max(b, acc),
        Node::Backref(..) => None,
        Node::Repeat {
            body,
            min: 0,
            max: 1,
            greed,
        } if *greed != Greed::Possessive => Some(acc.wrapping_add(java_max(body, 0)?.max(0))),
        Node::Repeat {
            body,
            max: INF,
            greed: Greed::Greedy,
            ..
        } if matches!(**body, Node::Char(..) | Node::Set(..)) => Some(acc.wrapping_add(REPS)),
        Node::Repeat {
            body, max, greed, ..
        } if *greed == Greed::Possessive
            || matches!(**body, Node::Char(..) | Node::Set(..))
            || fixed(body) =>
        {
            let t = java_max(body, 0)?
                .wrapping_mul(if *max == INF { REPS } else { *max as i32 })
                .wrapping_add(acc);
            (t >= acc).then_some(t)
        }
        Node::Repeat { .. } => None,
        _ => Some(acc),
    }
}

/// Whether `n` has alternation or a variable repetition (Java: not "deterministic").
fn has_choice(n: &Node) -> bool {
    match n {
        Node::Alt(_) => true,
        Node::Repeat { min, max, .. } if min != max => true,
        Node::Cat(v) => v.iter().any(has_choice),
        Node::Group(b, _) | Node::Atomic(b) | Node::Repeat { body: b, .. } => has_choice(b),
        _ => false,
    }
}
