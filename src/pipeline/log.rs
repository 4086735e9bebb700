//! The execution log the console's Test pane shows (TestInvokeMethod's
//! `log`), and the lines every stage writes into it in API Gateway's words.

use crate::http::Request;
use crate::ids::RequestIds;
use crate::time::DateTime;

/// Lines of one request's execution log, each stamped with the request time.
pub(crate) struct ExecutionLog {
    stamp: String,
    text: String,
}

impl ExecutionLog {
    pub fn new(request_id: &str, time_epoch_ms: u64) -> ExecutionLog {
        let mut text = String::with_capacity(1024);
        text.push_str("Execution log for request ");
        text.push_str(request_id);
        text.push('\n');
        ExecutionLog {
            stamp: DateTime::from_epoch_ms(time_epoch_ms).log_stamp(),
            text,
        }
    }

    /// Adds a line; a message over 1024 characters is cut there and marked
    /// ` [TRUNCATED]`, as API Gateway's log events are.
    pub fn line(&mut self, line: impl AsRef<str>) {
        let line = line.as_ref();
        self.text.push_str(&self.stamp);
        self.text.push_str(" : ");
        match line.char_indices().nth(1024) {
            Some((cut, _)) => {
                self.text.push_str(&line[..cut]);
                self.text.push_str(" [TRUNCATED]");
            }
            None => self.text.push_str(line),
        }
        self.text.push('\n');
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// Formats pairs the way the log prints Java maps: `{a=1, b=2}`.
pub(crate) fn java_map<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out.push('}');
    out
}

/// A header map as the log prints it: Java `HashMap` order, repeated
/// names joined with `,`.
pub(crate) fn java_hash_map(headers: &[(String, String)], capacity: usize) -> String {
    let mut merged: Vec<(&str, String)> = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        match merged.iter_mut().find(|(n, _)| *n == name.as_str()) {
            Some((_, v)) => {
                v.push(',');
                v.push_str(value);
            }
            None => merged.push((name.as_str(), value.clone())),
        }
    }
    java_map(
        crate::java::iteration_order(&merged, capacity)
            .into_iter()
            .map(|(k, v)| (*k, v.as_str())),
    )
}

/// The console's lines for the method request: path parameters, query
/// string (as sent), headers and body.
pub(super) fn log_method_request(
    log: &mut ExecutionLog,
    request: &Request,
    path_params: &[(String, String)],
) {
    log.line(format!(
        "Method request path: {}",
        java_hash_map(path_params, 16)
    ));
    let query: Vec<(String, String)> = request
        .query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    log.line(format!(
        "Method request query string: {}",
        java_hash_map(&query, 16)
    ));
    log.line(format!(
        "Method request headers: {}",
        java_hash_map(&request.headers, 16)
    ));
    log.line(format!(
        "Method request body before transformations: {}",
        String::from_utf8_lossy(&request.body)
    ));
}

/// The console's lines for a request to an endpoint: its URI, its headers
/// (in the order of a Java `HashMap` of `capacity` buckets), its body, and
/// the send.
pub(super) fn endpoint_request_lines(
    url: &str,
    headers: &[(String, String)],
    body: &[u8],
    capacity: usize,
) -> Vec<String> {
    vec![
        format!("Endpoint request URI: {url}"),
        format!(
            "Endpoint request headers: {}",
            java_hash_map(headers, capacity)
        ),
        format!(
            "Endpoint request body after transformations: {}",
            String::from_utf8_lossy(body)
        ),
        format!("Sending request to {url}"),
    ]
}

/// The console's lines for an HTTP endpoint's (or AWS service's) answer.
pub(super) fn log_http_response(
    log: &mut ExecutionLog,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    latency_ms: u32,
) {
    log.line(format!(
        "Received response. Status: {status}, Integration latency: {latency_ms} ms"
    ));
    log.line(format!(
        "Endpoint response headers: {}",
        java_map(headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    ));
    log.line(format!(
        "Endpoint response body before transformations: {}",
        String::from_utf8_lossy(body)
    ));
}

/// The signed `Authorization` header of a call to AWS as the log shows it:
/// stars, then the signature's last six characters.
pub(super) fn masked_authorization(signature: &str) -> String {
    let credential = format!(
        "AWS4-HMAC-SHA256 Credential=ASIAPORTICOEXAMPLE/20231114/us-east-1/lambda/aws4_request, SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date;x-amz-source-arn;x-amz-security-token;x-amzn-apigateway-api-id;x-amzn-lambda-integration-tag;x-amzn-trace-id, Signature={signature}"
    );
    let keep = 6;
    let n = credential.chars().count();
    let mut out: String = "*".repeat(n - keep);
    out.extend(credential.chars().skip(n - keep));
    out
}

/// A session token of the length AWS's are (the log truncates it).
pub(super) fn security_token(ids: &RequestIds) -> String {
    let mut token = String::from("IQoJb3JpZ2luX2VjE");
    while token.len() < 900 {
        token.push_str(&crate::ids::sha256_hex(token.as_bytes())[..32]);
        token.push_str(&ids.extended_request_id.replace(['+', '/', '='], "A"));
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_maps_print_in_java_hash_map_order() {
        // The order of a console capture of a Lambda invocation's headers.
        let names = [
            "x-amzn-lambda-integration-tag",
            "Authorization",
            "X-Amz-Date",
            "x-amzn-apigateway-api-id",
            "X-Amz-Source-Arn",
            "Accept",
            "User-Agent",
            "X-Amz-Security-Token",
        ];
        // Inserted in another order; names sharing a bucket keep theirs.
        let mut inserted = names.to_vec();
        inserted.rotate_left(2);
        let shuffled: Vec<(String, String)> = inserted
            .iter()
            .map(|n| (n.to_string(), "v".to_string()))
            .collect();
        let printed = java_hash_map(&shuffled, 16);
        let order: Vec<&str> = printed
            .trim_matches(['{', '}'])
            .split(", ")
            .map(|kv| kv.split('=').next().unwrap())
            .collect();
        assert_eq!(order, names);
        // The modern Lambda order is the same rule with 32 buckets.
        let modern = [
            "X-Amz-Date",
            "x-amzn-apigateway-api-id",
            "Accept",
            "User-Agent",
            "Host",
            "X-Amz-Content-Sha256",
            "X-Amzn-Trace-Id",
            "x-amzn-lambda-integration-tag",
            "Authorization",
            "X-Amz-Source-Arn",
            "X-Amz-Security-Token",
        ];
        let mut inserted = modern.to_vec();
        inserted.rotate_left(5);
        let shuffled: Vec<(String, String)> = inserted
            .iter()
            .map(|n| (n.to_string(), "v".to_string()))
            .collect();
        let printed = java_hash_map(&shuffled, 32);
        let order: Vec<&str> = printed
            .trim_matches(['{', '}'])
            .split(", ")
            .map(|kv| kv.split('=').next().unwrap())
            .collect();
        assert_eq!(order, modern);
    }
}
