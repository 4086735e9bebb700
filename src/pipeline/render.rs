//! Rendering a mapping template for a request: `$input` over a body,
//! `$context`, `$stageVariables`, `$util`; and which template a response
//! uses, by the request's Accept.

use super::context;
use super::deployed::Deployed;
use super::exchange::RequestScope;
use super::failure::Failure;
use crate::vtl::{self, Template, Value};

/// Renders a mapping template, with `$input` over `body`. `Ok` has the
/// output and `$context` as the template left it (its `requestOverride` /
/// `responseOverride`); `Err` the execution-log line.
pub(super) fn render(
    deployed: &Deployed,
    template: &Template,
    scope: &RequestScope<'_>,
    error: Option<&Failure>,
    body: String,
) -> Result<(String, Value), String> {
    let input = vtl::apigw::Input {
        body,
        path: scope.path_params.to_vec(),
        querystring: scope.query().to_vec(),
        header: scope.request.headers.clone(),
    };
    let context = context::value(deployed, scope, error);
    let mut vars = vtl::apigw::variables(input, context.clone(), scope.stage_variables);
    let out = deployed
        .templates
        .engine
        .render(template, &mut vars)
        .map_err(|e| {
            format!("Execution failed due to configuration error: the mapping template failed: {e}")
        })?;
    Ok((out, context))
}

/// The template for a response, as API Gateway picks it: the one for the
/// first media type of the request's Accept (`application/json` when there
/// is none), else the first template.
pub(super) fn select_template<'a>(
    mut keys: impl Iterator<Item = &'a String> + Clone,
    accept: Option<&str>,
) -> Option<&'a String> {
    let wanted = accept
        .map(crate::http::first_accepted)
        .map(|a| a.split(';').next().unwrap_or("").trim())
        .filter(|a| !a.is_empty())
        .unwrap_or("application/json");
    keys.clone()
        .find(|k| k.eq_ignore_ascii_case(wanted))
        .or_else(|| keys.next())
}
