//! Endpoint URIs: filling `{name}` placeholders, reading the host.

use std::collections::BTreeMap;

use super::encoding::percent_encode_unreserved;

/// `{name}` and `{name+}` in an endpoint URI replaced by path values
/// (greedy values keep their slashes); a placeholder without a value stays.
pub(crate) fn fill_path(uri: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(uri.len());
    let mut rest = uri;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..open + close];
        let bare = name.strip_suffix('+').unwrap_or(name);
        match values.get(bare) {
            Some(value) => out.push_str(value),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Appends query parameters to a URL (after its own, if it has some),
/// percent-encoded as API Gateway writes them into an endpoint URL.
pub(crate) fn append_query(url: &mut String, pairs: &[(String, String)]) {
    if pairs.is_empty() {
        return;
    }
    url.push(if url.contains('?') { '&' } else { '?' });
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            url.push('&');
        }
        url.push_str(&percent_encode_unreserved(name));
        url.push('=');
        url.push_str(&percent_encode_unreserved(value));
    }
}

/// The host (and port) of an absolute URL.
pub(crate) fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_from_values_and_greedy_ones_keep_slashes() {
        let values = BTreeMap::from([
            ("id".to_string(), "7".to_string()),
            ("proxy".to_string(), "a/b".to_string()),
        ]);
        assert_eq!(
            fill_path("https://h/{id}/x/{proxy+}/{missing}", &values),
            "https://h/7/x/a/b/{missing}"
        );
        assert_eq!(url_host("https://example.com:8443/a?b"), "example.com:8443");
    }
}
