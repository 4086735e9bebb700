//! Where an API is deployed: stages, canaries, and what a document says
//! about its deployment.

use std::collections::BTreeMap;

/// A stage: a deployment of the API under a name, with its variables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stage {
    /// The stage name, the first path segment of every request (`dev`).
    pub name: String,
    /// Stage variables (`$stageVariables`, `${stageVariables.x}`).
    pub variables: BTreeMap<String, String>,
    /// A canary release on this stage, if there is one.
    pub canary: Option<Canary>,
}

/// A stage's canary settings: a share of the traffic goes to the canary
/// deployment, which sees its own stage variable overrides
/// (`$context.isCanaryRequest` is true for it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Canary {
    /// The percentage of requests the canary serves (0.0 to 100.0).
    pub percent_traffic: f64,
    /// Stage variables that differ for the canary.
    pub stage_variable_overrides: BTreeMap<String, String>,
}

/// What an exported document says about where the API was deployed
/// (`servers` / `host` + `basePath`). Options given to the gateway win.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeploymentHint {
    /// The stage (`basePath` of an export).
    pub stage: Option<String>,
    /// The API id in an `execute-api` host.
    pub api_id: Option<String>,
    /// The region in an `execute-api` host.
    pub region: Option<String>,
    /// Every host the document names (execute-api and custom domains).
    pub hosts: Vec<String>,
}
