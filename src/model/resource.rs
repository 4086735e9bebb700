//! A resource: one node of the API's path tree.

use std::collections::BTreeMap;

use super::method::Method;

/// A resource id shaped like API Gateway's (ten lower-case alphanumerics),
/// stable for a given API id and path so that exports and tests repeat.
pub(crate) fn resource_id(api_id: &str, path: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in api_id.bytes().chain([0]).chain(path.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = String::with_capacity(10);
    for _ in 0..10 {
        out.push(DIGITS[(h % 36) as usize] as char);
        h /= 36;
    }
    out
}

/// A resource: one node of the path tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// The resource id (`$context.resourceId`).
    pub id: String,
    /// The index of the parent resource; `None` for the root.
    pub parent: Option<usize>,
    /// The last path segment (`{petId}`); empty for the root.
    pub path_part: String,
    /// The full resource path (`/pets/{petId}`).
    pub path: String,
    /// The methods by HTTP method (`GET`, `ANY` ...).
    pub methods: BTreeMap<String, Method>,
}

impl Resource {
    /// The method with this HTTP method (`GET`, `ANY` ...), if defined.
    pub fn method(&self, http_method: &str) -> Option<&Method> {
        self.methods.get(http_method)
    }

    /// Whether the last segment is greedy (`{proxy+}`).
    pub fn is_greedy(&self) -> bool {
        self.path_part.starts_with('{') && self.path_part.ends_with("+}")
    }

    /// Whether the last segment is a variable (`{id}` or `{proxy+}`).
    pub fn is_variable(&self) -> bool {
        self.path_part.starts_with('{')
    }
}
