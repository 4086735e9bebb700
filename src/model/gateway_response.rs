//! A customised gateway response: what API Gateway answers with when it
//! refuses or fails a request itself.

use std::collections::BTreeMap;

/// A customised gateway response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GatewayResponse {
    /// The status, overriding the type's default.
    pub status_code: Option<String>,
    /// Header mappings (`gatewayresponse.header.X` -> expression).
    pub response_parameters: BTreeMap<String, String>,
    /// Body templates by content type.
    pub response_templates: BTreeMap<String, String>,
}
