//! Endpoint URIs: filling `{name}` placeholders, reading the host.

use std::collections::BTreeMap;

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
