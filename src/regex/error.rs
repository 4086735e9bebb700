//! The engine's errors: a pattern that does not compile, a match that runs out of steps, a
//! replacement that Java would reject.

use std::fmt;

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

/// Errors of `Regex::replace_all` / `Regex::replace_first`; `Display` gives Java's messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplaceError {
    Budget,
    /// `$n` names a group the pattern does not have.
    NoGroup(usize),
    /// `${name}` names a group the pattern does not have.
    NoNamedGroup(String),
    /// A `\` at the end of the replacement.
    TrailingBackslash,
    /// `$` followed by neither a digit nor `{`.
    IllegalGroupReference,
    /// A `$` at the end of the replacement.
    MissingGroupIndex,
    /// A malformed `${...}`; holds Java's message.
    BadGroupName(String),
}

impl fmt::Display for ReplaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplaceError::Budget => MatchError::Budget.fmt(f),
            ReplaceError::NoGroup(n) => write!(f, "No group {n}"),
            ReplaceError::NoNamedGroup(s) => write!(f, "No group with name {{{s}}}"),
            ReplaceError::TrailingBackslash => f.write_str("character to be escaped is missing"),
            ReplaceError::IllegalGroupReference => f.write_str("Illegal group reference"),
            ReplaceError::MissingGroupIndex => {
                f.write_str("Illegal group reference: group index is missing")
            }
            ReplaceError::BadGroupName(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for ReplaceError {}

impl From<MatchError> for ReplaceError {
    fn from(_: MatchError) -> Self {
        ReplaceError::Budget
    }
}
