//! Which side a `min*` / `max*` keyword limits; one file compiles both keywords of a pair.

/// The side of a limit: `minItems` is a `Min`, `maxItems` a `Max`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Min,
    Max,
}

impl Bound {
    /// `min` for a lower bound, `max` for an upper one (a keyword name, a message).
    pub fn pick<T>(self, min: T, max: T) -> T {
        match self {
            Bound::Min => min,
            Bound::Max => max,
        }
    }

    /// Whether the count `n` is within `limit` on this side.
    pub fn allows(self, n: u64, limit: u64) -> bool {
        match self {
            Bound::Min => n >= limit,
            Bound::Max => n <= limit,
        }
    }
}
