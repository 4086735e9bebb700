//! API Gateway's resource matching on top of `matchit`.

use crate::model::RestApi;

/// Where a request landed: the resource, the method on it, and the path
/// parameters (raw, not decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub resource: usize,
    pub method: usize,
    pub path_params: Vec<(String, String)>,
}

/// The resource tree compiled for matching.
pub(crate) struct Router {
    tree: matchit::Router<usize>,
}

impl Router {
    /// Compiles the resource tree of `api`.
    pub fn new(api: &RestApi) -> Router {
        let mut tree = matchit::Router::new();
        for (index, resource) in api.resources.iter().enumerate() {
            // Importers only create well-formed paths; a path matchit refuses
            // (a conflict) cannot be reached and is left out.
            let _ = tree.insert(to_matchit(&resource.path), index);
        }
        Router { tree }
    }

    /// Finds the resource and method for a resource path (stage removed).
    pub fn route(&self, api: &RestApi, method: &str, path: &str) -> Option<Route> {
        let trimmed = if path.len() > 1 {
            path.strip_suffix('/').unwrap_or(path)
        } else {
            path
        };
        let matched = self.tree.at(trimmed).ok()?;
        let resource_index = *matched.value;
        let resource = &api.resources[resource_index];
        let method_index = resource
            .methods
            .iter()
            .position(|m| m.http_method == method)
            .or_else(|| {
                resource
                    .methods
                    .iter()
                    .position(|m| m.http_method == "ANY" && is_any_method(method))
            })?;
        Some(Route {
            resource: resource_index,
            method: method_index,
            path_params: matched
                .params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        })
    }
}

/// The methods `ANY` stands for.
fn is_any_method(method: &str) -> bool {
    matches!(
        method,
        "DELETE" | "GET" | "HEAD" | "OPTIONS" | "PATCH" | "POST" | "PUT"
    )
}

/// `/pets/{petId}/{proxy+}` -> `/pets/{petId}/{*proxy}`.
fn to_matchit(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
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
}
