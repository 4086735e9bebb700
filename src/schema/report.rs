//! What a validation walk carries: the trail of schemas applied on the way to a value (to stop
//! validation loops) and the report in progress.

use super::error::ValidationError;
use super::instance::{Key, Val};
use super::resolver::push_token;

/// Recursion limit for validation (subschema applications on one path).
const MAX_DEPTH: u32 = 512;

/// The schemas being applied on the way to the current one, innermost first, linked through
/// the stack. A schema entered again for the same instance value is a validation loop (fge's
/// `ValidationStack` throws "validation loop" there); it fails instead of recursing forever.
pub(crate) struct Trail<'t> {
    node: u32,
    /// The instance node (its arena index).
    inst: u32,
    depth: u32,
    up: Option<&'t Trail<'t>>,
}

impl<'t> Trail<'t> {
    pub fn root() -> Trail<'static> {
        Trail {
            node: u32::MAX,
            inst: u32::MAX,
            depth: 0,
            up: None,
        }
    }

    /// The trail after entering `node` for the instance value `v`.
    #[inline(always)]
    pub fn enter(&'t self, node: u32, v: Val) -> Trail<'t> {
        Trail {
            node,
            inst: v.index(),
            depth: self.depth + 1,
            up: Some(self),
        }
    }

    /// Whether entering `node` for `v` from here would loop (or go too deep).
    #[inline(always)]
    pub fn stuck(&self, node: u32, v: Val) -> bool {
        let mut t = Some(self);
        while let Some(x) = t {
            if x.inst != v.index() {
                break;
            }
            if x.node == node {
                return true;
            }
            t = x.up;
        }
        self.depth >= MAX_DEPTH
    }
}

#[derive(Clone, Copy)]
pub(crate) enum PathSegment<'v> {
    Key(&'v str),
    Index(usize),
}

/// A report in progress: the errors so far and where in the instance we are.
pub(crate) struct Report<'v> {
    pub errors: Vec<ValidationError>,
    pub path: Vec<PathSegment<'v>>,
    /// Scratch for sorting object members.
    pub members: Vec<(Key<'v>, Val<'v>)>,
}

impl Report<'_> {
    /// An empty report.
    pub fn new() -> Self {
        Report {
            errors: Vec::new(),
            path: Vec::new(),
            members: Vec::new(),
        }
    }

    pub fn push(&mut self, node_ptr: &str, keyword: &'static str, message: String) {
        let mut instance_pointer = String::new();
        for seg in &self.path {
            match seg {
                PathSegment::Key(k) => push_token(&mut instance_pointer, k),
                PathSegment::Index(i) => {
                    instance_pointer.push('/');
                    instance_pointer.push_str(&i.to_string());
                }
            }
        }
        let mut schema_pointer = String::with_capacity(node_ptr.len() + keyword.len() + 1);
        schema_pointer.push_str(node_ptr);
        if !keyword.is_empty() {
            schema_pointer.push('/');
            schema_pointer.push_str(keyword);
        }
        self.errors.push(ValidationError {
            instance_pointer,
            schema_pointer,
            keyword,
            message,
        });
    }
}
