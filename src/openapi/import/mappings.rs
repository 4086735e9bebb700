//! A REST API's parameter mappings (`integration.request.header.x` ->
//! `method.request.querystring.y`), checked on both sides.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::Error;
use crate::openapi::json::{invalid, string_map, Pointer};

/// Where a parameter mapping is used, which decides its allowed sides.
#[derive(Clone, Copy)]
pub(super) enum Mapping {
    IntegrationRequest,
    IntegrationResponse,
    GatewayResponse,
}

impl Mapping {
    fn target_prefixes(self) -> &'static [&'static str] {
        match self {
            Mapping::IntegrationRequest => &[
                "integration.request.header.",
                "integration.request.querystring.",
                "integration.request.path.",
                "integration.request.multivalueheader.",
                "integration.request.multivaluequerystring.",
            ],
            Mapping::IntegrationResponse => &["method.response.header."],
            Mapping::GatewayResponse => &["gatewayresponse.header."],
        }
    }

    fn source_ok(self, source: &str) -> bool {
        if source.len() >= 2 && source.starts_with('\'') && source.ends_with('\'') {
            return true;
        }
        let named = |prefix: &str| source.strip_prefix(prefix).is_some_and(|n| !n.is_empty());
        let method_request = [
            "method.request.path.",
            "method.request.querystring.",
            "method.request.header.",
            "method.request.multivalueheader.",
            "method.request.multivaluequerystring.",
        ]
        .iter()
        .any(|p| named(p));
        let common = named("context.") || named("stageVariables.") || method_request;
        match self {
            Mapping::IntegrationRequest => {
                common || source == "method.request.body" || named("method.request.body.")
            }
            Mapping::IntegrationResponse => {
                common
                    || named("integration.response.header.")
                    || named("integration.response.multivalueheader.")
                    || source == "integration.response.body"
                    || named("integration.response.body.")
            }
            Mapping::GatewayResponse => common,
        }
    }
}

/// Reads a parameter mapping object, checking both sides of every entry.
pub(super) fn mappings(
    value: &Value,
    at: &Pointer,
    kind: Mapping,
) -> Result<BTreeMap<String, String>, Error> {
    let map = string_map(value, at, "a parameter mapping")?;
    for (target, source) in &map {
        let here = at.key(target);
        let prefixes = kind.target_prefixes();
        if !prefixes
            .iter()
            .any(|p| target.len() > p.len() && target.starts_with(p))
        {
            return Err(invalid(
                &here,
                format!(
                    "invalid mapping target `{target}`; expected {}<name>",
                    prefixes.join("<name>, ")
                ),
            ));
        }
        if !kind.source_ok(source) {
            return Err(invalid(
                &here,
                format!(
                    "invalid mapping expression `{source}`; use method.request.(path|querystring|header).<name>, \
                     context.<name>, stageVariables.<name>, a body or response expression where allowed, or a 'quoted literal'"
                ),
            ));
        }
    }
    Ok(map)
}
