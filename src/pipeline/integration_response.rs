//! Integration response: from the backend's answer to the method response.

use super::log::ExecutionLog;
use crate::model::Integration;

/// What the integration produced, ready for response selection.
pub(super) struct Outcome {
    /// The string selection patterns are matched against: the backend status,
    /// or the Lambda error message (empty for a Lambda success).
    pub selector: String,
    /// The integration response body.
    pub body: Vec<u8>,
    /// Whether the backend was Lambda (adds the X-Ray trace header).
    pub lambda: bool,
}

/// The index of the integration response for `selector`: the first whose
/// pattern matches the whole selector, else the default (no pattern).
pub(super) fn select(integration: &Integration, selector: &str) -> Option<usize> {
    let responses = &integration.responses;
    responses
        .iter()
        .position(|r| {
            r.selection_pattern
                .as_deref()
                .is_some_and(|p| !p.is_empty() && full_match(p, selector))
        })
        .or_else(|| {
            responses
                .iter()
                .position(|r| r.selection_pattern.as_deref().is_none_or(str::is_empty))
        })
}

/// Whether a selection pattern (a Java regex) matches the whole text.
fn full_match(pattern: &str, text: &str) -> bool {
    crate::regex::Regex::new(pattern, crate::regex::Dialect::Java)
        .ok()
        .and_then(|re| re.full_match(text).ok())
        .unwrap_or(false)
}

/// The `errorMessage` of a Lambda function error document.
pub(super) fn lambda_error_message(payload: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| {
            v.get("errorMessage")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

pub(super) fn log_lambda_response(
    log: &mut ExecutionLog,
    payload: &[u8],
    function_error: bool,
    latency_ms: u32,
) {
    log.line(format!(
        "Received response. Status: 200, Integration latency: {latency_ms} ms"
    ));
    if function_error {
        log.line("Endpoint response headers: {X-Amz-Function-Error=Unhandled}");
    }
    log.line(format!(
        "Endpoint response body before transformations: {}",
        String::from_utf8_lossy(payload)
    ));
}
