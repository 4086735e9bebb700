//! The template engine's error: a kind, a sentence, and the place.

use std::fmt;

/// What went wrong in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The template does not parse.
    Syntax,
    /// Rendering failed: a method threw, a strict reference was unset.
    Render,
    /// A limit was reached: template size, recursion depth, output size, steps.
    Limit,
}

/// A template error with its line and column (1-based).
#[derive(Clone)]
pub struct Error {
    repr: Box<Repr>,
}

#[derive(Clone)]
struct Repr {
    kind: ErrorKind,
    detail: String,
    line: usize,
    column: usize,
    template: Option<String>,
}

impl Error {
    /// A new error at a line and column.
    #[cold]
    pub fn new(kind: ErrorKind, detail: impl Into<String>, line: usize, column: usize) -> Error {
        Error {
            repr: Box::new(Repr {
                kind,
                detail: detail.into(),
                line,
                column,
                template: None,
            }),
        }
    }

    /// The same error, naming the template it happened in.
    #[cold]
    pub fn in_template(mut self, name: &str) -> Error {
        if self.repr.template.is_none() {
            self.repr.template = Some(name.to_string());
        }
        self
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.repr.kind
    }

    /// The sentence, without the place.
    pub fn detail(&self) -> &str {
        &self.repr.detail
    }

    /// The 1-based line.
    pub fn line(&self) -> usize {
        self.repr.line
    }

    /// The 1-based column.
    pub fn column(&self) -> usize {
        self.repr.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.repr.kind {
            ErrorKind::Syntax => "syntax error",
            ErrorKind::Render => "render error",
            ErrorKind::Limit => "limit reached",
        };
        write!(f, "{kind}: {}", self.repr.detail)?;
        match &self.repr.template {
            Some(name) => write!(
                f,
                " ({name}, line {}, column {})",
                self.repr.line, self.repr.column
            ),
            None => write!(f, " (line {}, column {})", self.repr.line, self.repr.column),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}
