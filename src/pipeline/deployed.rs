//! An API deployed to its stages: what every stage of method execution
//! reads (the API, its router, compiled templates and models, the stages),
//! and nothing a request changes.

use std::collections::BTreeMap;

use super::exchange::{Exchange, StageRun};
use super::templates::Templates;
use crate::model::{ApiProtocol, CompiledModels, Method, RestApi, Stage};
use crate::openapi::Warning;
use crate::router::{Route, Router};

/// How a gateway is deployed: its stages, their variables and the account.
/// What is left `None` comes from the document (an export's stage, API id
/// and region), else from the defaults (`dev`, `a1b2c3d4e5`, `us-east-1`).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The stage name, the first path segment (the default stage when
    /// `stages` names more).
    pub stage: Option<String>,
    /// The stage's variables (`$stageVariables`, `${stageVariables.x}`).
    pub stage_variables: BTreeMap<String, String>,
    /// More stages of the same deployment, each with its variables and
    /// canary settings.
    pub stages: Vec<Stage>,
    /// The API id.
    pub api_id: Option<String>,
    /// The AWS region.
    pub region: Option<String>,
    /// The AWS account id (`123456789012`).
    pub account_id: String,
    /// Refuse a definition whose import has warnings.
    pub fail_on_warnings: bool,
    /// Import the definition as this kind of API instead of guessing it
    /// from the document.
    pub api_type: Option<ApiProtocol>,
    /// In a template with several APIs, the logical id of the one to serve.
    pub api: Option<String>,
    /// A template's parameter values, over its `Default`s.
    pub parameters: BTreeMap<String, String>,
    /// Files a template's `DefinitionUri` names, by path relative to it.
    pub files: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            stage: None,
            stage_variables: BTreeMap::new(),
            stages: Vec::new(),
            api_id: None,
            region: None,
            account_id: "123456789012".to_string(),
            fail_on_warnings: false,
            api_type: None,
            api: None,
            parameters: BTreeMap::new(),
            files: BTreeMap::new(),
        }
    }
}

/// The stages a gateway serves, resolved from the options and the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deployment {
    /// The stages; the first is the default.
    pub stages: Vec<Stage>,
    pub region: String,
    pub account_id: String,
}

/// The name of an HTTP API's stage served without a path prefix.
pub(crate) const DEFAULT_STAGE: &str = "$default";

/// A deployed API: read by every request, changed by none.
pub(crate) struct Deployed {
    pub api: RestApi,
    pub router: Router,
    pub templates: Templates,
    pub models: CompiledModels,
    pub deployment: Deployment,
    /// What the import accepted with a caveat.
    pub warnings: Vec<Warning>,
}

impl Deployed {
    /// The method a routed request runs.
    pub fn method_of(&self, exchange: &Exchange) -> &Method {
        &self.api.resources[exchange.route.resource].methods[&exchange.method_key]
    }

    /// The stage (by index) and the path after it, when the first segment
    /// names a stage. An HTTP API's `$default` stage takes every path no
    /// named stage does.
    pub fn split_stage<'p>(&self, path: &'p str) -> Option<(usize, &'p str)> {
        let stages = &self.deployment.stages;
        stages
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name != DEFAULT_STAGE)
            .find_map(|(i, s)| strip_stage(path, &s.name).map(|rest| (i, rest)))
            .or_else(|| {
                let i = stages.iter().position(|s| s.name == DEFAULT_STAGE)?;
                Some((i, if path.is_empty() { "/" } else { path }))
            })
    }

    /// The resource and method API Gateway runs for a method and a path
    /// with its stage; with the length of the stage prefix in `path`.
    pub fn find_route(&self, method: &str, path: &str) -> Option<(usize, Route)> {
        let (_, resource_path) = self.split_stage(path)?;
        let route = self.router.route(&self.api, method, resource_path)?;
        // `$default` takes an empty path as `/`, which is no suffix of it.
        Some((path.len().saturating_sub(resource_path.len()), route))
    }

    /// A stage as a request runs in it: the canary, when the host's seed
    /// picks it, with its variable overrides applied.
    pub fn stage_run(&self, index: usize, seed: u64) -> StageRun {
        let stage = &self.deployment.stages[index];
        let mut variables = stage.variables.clone();
        // The seed is the host's randomness: its low bits pick the deployment.
        let canary = stage
            .canary
            .as_ref()
            .filter(|c| ((seed % 10_000) as f64) < c.percent_traffic * 100.0);
        if let Some(canary) = canary {
            variables.extend(
                canary
                    .stage_variable_overrides
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
        }
        StageRun {
            name: stage.name.clone(),
            variables,
            canary: canary.is_some(),
        }
    }
}

/// `/dev/pets` with stage `dev` -> `/pets`; `/dev` -> `/`.
fn strip_stage<'a>(path: &'a str, stage: &str) -> Option<&'a str> {
    let rest = path.strip_prefix('/')?.strip_prefix(stage)?;
    match rest {
        "" => Some("/"),
        _ if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stage_is_the_first_segment() {
        assert_eq!(strip_stage("/dev/pets", "dev"), Some("/pets"));
        assert_eq!(strip_stage("/dev/", "dev"), Some("/"));
        assert_eq!(strip_stage("/dev", "dev"), Some("/"));
        assert_eq!(strip_stage("/development/pets", "dev"), None);
        assert_eq!(strip_stage("/prod/pets", "dev"), None);
        assert_eq!(strip_stage("/", "dev"), None);
    }
}
