//! Building the resource tree with the rules API Gateway enforces.

use std::fmt;

use super::{resource_id, Resource, RestApi};

/// A resource path API Gateway itself would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeError {
    /// A path part with characters API Gateway does not allow.
    InvalidPathPart {
        /// The full path being created.
        path: String,
        /// The offending segment.
        part: String,
    },
    /// Two different variable path parts under one parent.
    SiblingVariable {
        /// The full path being created.
        path: String,
        /// The variable sibling that already exists (`{id}`).
        sibling: String,
    },
    /// A path that continues after a greedy `{name+}` segment.
    GreedyNotLast {
        /// The full path being created.
        path: String,
        /// The greedy segment.
        greedy: String,
    },
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeError::InvalidPathPart { path, part } => write!(
                f,
                "Unable to create resource at path '{path}': the path part '{part}' is not allowed. \
                 Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and \
                 the end and an optional plus sign before the closing brace."
            ),
            TreeError::SiblingVariable { path, sibling } => write!(
                f,
                "Unable to create resource at path '{path}': A sibling ({sibling}) of this resource \
                 already has a variable path part -- only one is allowed"
            ),
            TreeError::GreedyNotLast { path, greedy } => write!(
                f,
                "Unable to create resource at path '{path}': a greedy path part ({greedy}) must be \
                 the last segment of a path"
            ),
        }
    }
}

/// Whether a path part is one API Gateway accepts: `[a-zA-Z0-9._-]+`,
/// `{name}` or `{name+}`.
fn valid_part(part: &str) -> bool {
    let name_ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    };
    match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(inner) => name_ok(inner.strip_suffix('+').unwrap_or(inner)),
        None => name_ok(part),
    }
}

impl RestApi {
    /// The index of the resource at `path`, creating it and its missing
    /// ancestors as API Gateway's import does.
    ///
    /// # Errors
    ///
    /// A path API Gateway refuses: characters outside `a-zA-Z0-9._-`, two
    /// variable parts under one parent, a segment after a greedy one.
    ///
    /// ```
    /// let mut api = portico::model::RestApi::new("a1", "Pets");
    /// let pets = api.ensure_resource("/pets/{petId}").unwrap();
    /// assert_eq!(api.resources[pets].path_part, "{petId}");
    /// assert!(api.ensure_resource("/pets/{name}").is_err());
    /// ```
    pub fn ensure_resource(&mut self, path: &str) -> Result<usize, TreeError> {
        let mut current = 0;
        let mut so_far = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            so_far.push('/');
            so_far.push_str(part);
            if self.resources[current].is_greedy() {
                return Err(TreeError::GreedyNotLast {
                    path: path.to_string(),
                    greedy: self.resources[current].path_part.clone(),
                });
            }
            if !valid_part(part) {
                return Err(TreeError::InvalidPathPart {
                    path: path.to_string(),
                    part: part.to_string(),
                });
            }
            let existing = self
                .children(current)
                .find(|&c| self.resources[c].path_part == part);
            current = match existing {
                Some(child) => child,
                None => {
                    if part.starts_with('{') {
                        if let Some(sibling) = self
                            .children(current)
                            .find(|&c| self.resources[c].is_variable())
                        {
                            return Err(TreeError::SiblingVariable {
                                path: path.to_string(),
                                sibling: self.resources[sibling].path_part.clone(),
                            });
                        }
                    }
                    self.resources.push(Resource {
                        id: resource_id(&self.id, &so_far),
                        parent: Some(current),
                        path_part: part.to_string(),
                        path: so_far.clone(),
                        methods: Default::default(),
                    });
                    self.resources.len() - 1
                }
            };
        }
        Ok(current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paths: &[&str]) -> Result<Vec<String>, String> {
        let mut api = RestApi::new("x", "t");
        for p in paths {
            api.ensure_resource(p).map_err(|e| e.to_string())?;
        }
        Ok(api.resources.iter().map(|r| r.path.clone()).collect())
    }

    /// Paths to create, and the resource paths that result or the error.
    type Row = (
        &'static [&'static str],
        Result<&'static [&'static str], &'static str>,
    );

    #[test]
    fn trees_are_built_and_refused_like_api_gateway() {
        let rows: &[Row] = &[
            (&["/a/b", "/a"], Ok(&["/", "/a", "/a/b"])),
            (&["/{proxy+}"], Ok(&["/", "/{proxy+}"])),
            (&["/a/{id}", "/a/{id}/x"], Ok(&["/", "/a", "/a/{id}", "/a/{id}/x"])),
            (&["/v1.0/my_res-x"], Ok(&["/", "/v1.0", "/v1.0/my_res-x"])),
            (
                &["/{id}", "/{proxy+}"],
                Err("Unable to create resource at path '/{proxy+}': A sibling ({id}) of this resource already has a variable path part -- only one is allowed"),
            ),
            (
                &["/u/{a}/x", "/u/{b}/y"],
                Err("Unable to create resource at path '/u/{b}/y': A sibling ({a}) of this resource already has a variable path part -- only one is allowed"),
            ),
            (
                &["/{proxy+}/x"],
                Err("Unable to create resource at path '/{proxy+}/x': a greedy path part ({proxy+}) must be the last segment of a path"),
            ),
            (
                &["/a:b"],
                Err("Unable to create resource at path '/a:b': the path part 'a:b' is not allowed. Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."),
            ),
            (&["/file{id}.png"], Err("Unable to create resource at path '/file{id}.png': the path part 'file{id}.png' is not allowed. Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.")),
        ];
        for (i, (paths, expected)) in rows.iter().enumerate() {
            let got = run(paths);
            let expected = expected
                .map(|list| list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .map_err(str::to_string);
            assert_eq!(got, expected, "row {i}: {paths:?}");
        }
    }
}
