//! What an import (or a template's translation) accepted with a caveat.

/// A part of the document imported with a caveat, at its JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where in the document (RFC 6901 JSON pointer).
    pub pointer: String,
    /// What was ignored or changed, as a sentence.
    pub message: String,
}
