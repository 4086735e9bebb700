//! The error type for configuration problems: a definition that does not
//! import, a template that does not parse.
//!
//! What API Gateway itself would answer (403, 502 ...) is never an `Err`: it
//! is a [`Response`](crate::Response) built through gateway responses.

use std::fmt;

/// What kind of configuration problem an [`Error`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The definition is not valid JSON or YAML text.
    Syntax,
    /// The definition parses but is not a document Portico can import.
    InvalidDefinition,
    /// A part that API Gateway does not support, reported as fatal because
    /// `failOnWarnings` was set.
    Unsupported,
    /// A mapping template that does not parse.
    Template,
    /// A JSON Schema model that is not a valid draft-04 schema.
    Schema,
    /// A call into the gateway that does not fit its state (an unknown call id).
    InvalidCall,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax error",
            ErrorKind::InvalidDefinition => "invalid definition",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Template => "template error",
            ErrorKind::Schema => "invalid model",
            ErrorKind::InvalidCall => "invalid call",
        }
    }
}

/// A configuration error that names its place and says what to change.
///
/// ```
/// let err = portico::Gateway::from_definition("{", portico::Options::default()).unwrap_err();
/// assert_eq!(err.kind(), portico::ErrorKind::Syntax);
/// assert!(err.to_string().starts_with("syntax error"));
/// ```
pub struct Error {
    repr: Box<Repr>,
}

struct Repr {
    kind: ErrorKind,
    detail: String,
    pointer: Option<String>,
    line_col: Option<(usize, usize)>,
}

impl Error {
    /// A new error of `kind` with a sentence that says what is wrong.
    #[cold]
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Error {
        Error {
            repr: Box::new(Repr {
                kind,
                detail: detail.into(),
                pointer: None,
                line_col: None,
            }),
        }
    }

    /// The same error, placed at a JSON pointer into the definition.
    #[cold]
    pub fn at(mut self, pointer: impl Into<String>) -> Error {
        self.repr.pointer = Some(pointer.into());
        self
    }

    /// The same error, placed at a line and column (1-based).
    #[cold]
    pub fn at_line(mut self, line: usize, column: usize) -> Error {
        self.repr.line_col = Some((line, column));
        self
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.repr.kind
    }

    /// The sentence that says what is wrong, without the place.
    pub fn detail(&self) -> &str {
        &self.repr.detail
    }

    /// The JSON pointer into the definition, where there is one.
    pub fn pointer(&self) -> Option<&str> {
        self.repr.pointer.as_deref()
    }

    /// The 1-based line and column, where there is one.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.repr.line_col
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.repr.kind.describe())?;
        if let Some(pointer) = &self.repr.pointer {
            write!(f, " at {}", display_pointer(pointer))?;
        }
        write!(f, ": {}", self.repr.detail)?;
        if let Some((line, column)) = self.repr.line_col {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document root"
    } else {
        pointer
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

/// Escapes one JSON pointer reference token (RFC 6901): `~` as `~0`, `/` as `~1`.
pub(crate) fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_place() {
        let err =
            Error::new(ErrorKind::InvalidDefinition, "`paths` must be an object").at("/paths");
        assert_eq!(
            err.to_string(),
            "invalid definition at /paths: `paths` must be an object"
        );
        let err = Error::new(ErrorKind::Template, "unexpected `#end`").at_line(3, 5);
        assert_eq!(
            err.to_string(),
            "template error: unexpected `#end` (line 3, column 5)"
        );
        let root = Error::new(ErrorKind::InvalidDefinition, "expected an object").at("");
        assert_eq!(
            root.to_string(),
            "invalid definition at the document root: expected an object"
        );
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape_pointer_token("/pets/{id}"), "~1pets~1{id}");
        assert_eq!(escape_pointer_token("a~b"), "a~0b");
    }
}
