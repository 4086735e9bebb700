//! The two error types: [`SchemaError`] (compile time) and [`ValidationError`] (per instance).

use std::fmt;

/// A schema that is not valid draft-04 (or a `$ref` that cannot be resolved), at a JSON
/// pointer into the schema. For a schema in another document (a `$ref` target supplied through
/// [`Documents`](super::Documents)) the pointer is prefixed with that document's URI and `#`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    /// Where the problem is: a JSON pointer into the schema (`""` for the root).
    pub pointer: String,
    /// What is wrong and how to fix it, as a sentence.
    pub message: String,
}

impl SchemaError {
    pub(crate) fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        SchemaError {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at {})", self.message, self.pointer)
    }
}

impl std::error::Error for SchemaError {}

/// One failed keyword, as fge's `ProcessingReport` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// RFC 6901 pointer to the failing part of the instance, `""` for the root.
    pub instance_pointer: String,
    /// Pointer to the failing keyword in the schema document (`"/properties/a/minimum"`);
    /// prefixed with `<uri>#` when the keyword is in another document.
    pub schema_pointer: String,
    /// The keyword (`"minimum"`, `"format"`, ...).
    pub keyword: &'static str,
    /// fge's message text, exactly.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValidationError {}
