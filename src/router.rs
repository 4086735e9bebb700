//! API Gateway's resource matching, on top of `matchit`.
//!
//! API Gateway walks the resource tree one segment at a time: a literal
//! child wins over the (single) variable child, and it never backtracks out
//! of a literal branch into the variable sibling. When the walk dead-ends,
//! or ends on a resource that does not define the method, the request falls
//! through to the nearest greedy `{name+}` resource above it that defines the
//! method (or `ANY`); with none, it is 403 Missing Authentication Token.
//!
//! `matchit` backtracks, so every resource without a variable child also
//! gets a hidden catch-all child: a walk that fails below it lands there
//! instead of backtracking into a sibling branch.

use crate::model::RestApi;

/// The hidden catch-all that marks a dead end below a resource.
const DEAD_END: &str = "{*__portico_dead_end}";

/// Where a request landed: the resource, whether `ANY` serves it, and the
/// byte ranges of the path parameter values (raw, not decoded) in the path
/// that was routed, in path order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub resource: usize,
    pub any: bool,
    pub spans: Spans,
}

/// Byte ranges of path parameter values, inline for the usual handful
/// (routing allocates nothing), on the heap beyond that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Spans {
    Inline(usize, [(usize, usize); 6]),
    Heap(Vec<(usize, usize)>),
}

impl Spans {
    fn new() -> Spans {
        Spans::Inline(0, [(0, 0); 6])
    }

    fn push(&mut self, span: (usize, usize)) {
        match self {
            Spans::Inline(len, items) if *len < items.len() => {
                items[*len] = span;
                *len += 1;
            }
            Spans::Inline(len, items) => {
                let mut heap = items[..*len].to_vec();
                heap.push(span);
                *self = Spans::Heap(heap);
            }
            Spans::Heap(items) => items.push(span),
        }
    }

    pub fn as_slice(&self) -> &[(usize, usize)] {
        match self {
            Spans::Inline(len, items) => &items[..*len],
            Spans::Heap(items) => items,
        }
    }
}

impl Route {
    /// The root resource, with no path parameters (an HTTP API's `$default` route).
    pub fn root() -> Route {
        Route {
            resource: 0,
            any: false,
            spans: Spans::new(),
        }
    }

    /// The method key on the resource (`GET`, or `ANY`).
    pub fn method_key<'m>(&self, method: &'m str) -> &'m str {
        if self.any {
            "ANY"
        } else {
            method
        }
    }

    /// The path parameters by name, for the path that was routed.
    pub fn path_params(&self, api: &RestApi, path: &str) -> Vec<(String, String)> {
        variable_names(&api.resources[self.resource].path)
            .zip(self.spans.as_slice())
            .map(|(name, &(start, end))| (name.to_string(), path[start..end].to_string()))
            .collect()
    }
}

/// The names of the variable segments of a resource path, in order.
fn variable_names(pattern: &str) -> impl Iterator<Item = &str> {
    pattern.split('/').filter_map(|part| {
        let name = part.strip_prefix('{')?.strip_suffix('}')?;
        Some(name.strip_suffix('+').unwrap_or(name))
    })
}

#[derive(Debug, Clone, Copy)]
enum Node {
    /// The walk ended on this resource.
    Resource(usize),
    /// The walk dead-ended below this resource.
    DeadEnd(usize),
}

/// The resource tree compiled for matching.
pub(crate) struct Router {
    tree: matchit::Router<Node>,
    /// Per resource: the methods it defines, as [`method_bit`] flags.
    methods: Vec<u16>,
    /// Per resource: the greedy resources a request falls through to, deepest first.
    fallbacks: Vec<Vec<usize>>,
}

impl Router {
    /// Compiles the resource tree of `api` (already validated by
    /// [`RestApi::ensure_resource`], so matchit finds no conflicts).
    pub fn new(api: &RestApi) -> Router {
        let mut tree = matchit::Router::new();
        let mut fallbacks = Vec::with_capacity(api.resources.len());
        let mut greedy_child = vec![None; api.resources.len()];
        let mut variable_child = vec![false; api.resources.len()];
        for (i, r) in api.resources.iter().enumerate() {
            if let Some(p) = r.parent {
                variable_child[p] |= r.is_variable();
                if r.is_greedy() {
                    greedy_child[p] = Some(i);
                }
            }
        }
        for (i, resource) in api.resources.iter().enumerate() {
            let pattern = to_matchit(&resource.path);
            let _ = tree.insert(pattern.as_str(), Node::Resource(i));
            if !variable_child[i] && !resource.is_greedy() {
                let dead_end = if pattern == "/" {
                    format!("/{DEAD_END}")
                } else {
                    format!("{pattern}/{DEAD_END}")
                };
                let _ = tree.insert(dead_end, Node::DeadEnd(i));
            }
            let mut list = Vec::new();
            let mut node = i;
            while let Some(parent) = api.resources[node].parent {
                if let Some(g) = greedy_child[parent].filter(|&g| g != node) {
                    list.push(g);
                }
                node = parent;
            }
            fallbacks.push(list);
        }
        let methods = api
            .resources
            .iter()
            .map(|r| r.methods.keys().fold(0, |bits, m| bits | method_bit(m)))
            .collect();
        Router {
            tree,
            methods,
            fallbacks,
        }
    }

    /// Finds the resource and method for a resource path (stage removed).
    pub fn route(&self, api: &RestApi, method: &str, path: &str) -> Option<Route> {
        let trimmed = match path.strip_suffix('/') {
            Some(rest) if !rest.is_empty() => rest,
            _ => path,
        };
        let matched = self.tree.at(trimmed).ok()?;
        let below = match *matched.value {
            Node::Resource(i) => {
                if let Some(any) = self.serves(i, method) {
                    let base = trimmed.as_ptr() as usize;
                    let mut spans = Spans::new();
                    for (_, v) in matched.params.iter() {
                        let start = v.as_ptr() as usize - base;
                        spans.push((start, start + v.len()));
                    }
                    return Some(Route {
                        resource: i,
                        any,
                        spans,
                    });
                }
                i
            }
            Node::DeadEnd(i) => i,
        };
        let (resource, any) = self.fallbacks[below]
            .iter()
            .find_map(|&g| self.serves(g, method).map(|any| (g, any)))?;
        Some(Route {
            resource,
            any,
            spans: spans_along(&api.resources[resource].path, trimmed),
        })
    }
}

impl Router {
    /// Whether a resource serves `method`: `Some(false)` when the method
    /// itself is defined, `Some(true)` when `ANY` covers it (the seven
    /// methods it stands for; HEAD is not GET).
    fn serves(&self, resource: usize, method: &str) -> Option<bool> {
        let defined = self.methods[resource];
        let bit = method_bit(method);
        if bit != 0 && defined & bit != 0 {
            return Some(false);
        }
        (bit & COVERED_BY_ANY != 0 && defined & ANY != 0).then_some(true)
    }
}

const ANY: u16 = 1 << 7;
const COVERED_BY_ANY: u16 = 0x7f;

/// A flag per method a resource can define; 0 for others (which no
/// resource defines, so they never match).
fn method_bit(method: &str) -> u16 {
    match method {
        "DELETE" => 1,
        "GET" => 1 << 1,
        "HEAD" => 1 << 2,
        "OPTIONS" => 1 << 3,
        "PATCH" => 1 << 4,
        "POST" => 1 << 5,
        "PUT" => 1 << 6,
        "ANY" => ANY,
        _ => 0,
    }
}

/// The byte ranges of the variable segments of `pattern` (`/a/{id}/{rest+}`)
/// in `path`; the greedy one takes every remaining segment.
fn spans_along(pattern: &str, path: &str) -> Spans {
    let mut spans = Spans::new();
    let mut at = usize::from(path.starts_with('/'));
    for part in pattern.split('/').filter(|p| !p.is_empty()) {
        let end = path[at..].find('/').map_or(path.len(), |i| at + i);
        if part.ends_with("+}") {
            spans.push((at, path.len()));
            break;
        }
        if part.starts_with('{') {
            spans.push((at, end));
        }
        at = (end + 1).min(path.len());
    }
    spans
}

/// `/pets/{petId}/{proxy+}` -> `/pets/{petId}/{*proxy}`.
fn to_matchit(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 2);
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix("+}")) {
            Some(name) => {
                out.push_str("{*");
                out.push_str(name);
                out.push('}');
            }
            None => out.push_str(segment),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_segments_become_catch_alls() {
        assert_eq!(to_matchit("/"), "/");
        assert_eq!(to_matchit("/pets/{id}"), "/pets/{id}");
        assert_eq!(to_matchit("/{proxy+}"), "/{*proxy}");
    }

    #[test]
    fn spans_follow_the_pattern() {
        let p = |pattern: &str, path: &str| -> Vec<String> {
            spans_along(pattern, path)
                .as_slice()
                .iter()
                .map(|&(s, e)| path[s..e].to_string())
                .collect()
        };
        assert_eq!(p("/a/{id}", "/a/7"), ["7"]);
        assert_eq!(p("/{x}/{rest+}", "/1/2/3"), ["1", "2/3"]);
        assert_eq!(p("/{proxy+}", "/a%2Fb//c"), ["a%2Fb//c"]);
        assert_eq!(p("/{proxy+}", "//a"), ["/a"]);
        assert_eq!(
            variable_names("/a/{b}/c/{d+}").collect::<Vec<_>>(),
            ["b", "d"]
        );
    }
}
