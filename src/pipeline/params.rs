//! Parameter mapping sources on the method-request side: what
//! `method.request.header.X`, `stageVariables.X`, `context.X` or `'literal'`
//! stand for in a request (integration request parameters, gateway
//! response headers); and `${stageVariables.x}` in integration URIs.

use std::collections::BTreeMap;

use super::exchange::RequestScope;
use crate::http::HeaderList;
use crate::vtl::{Key, Value};

/// Where a mapping expression reads from, once parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source<'a> {
    /// `'text'`: the text itself.
    Literal(&'a str),
    /// `method.request.header.X`: the last value.
    Header(&'a str),
    /// `method.request.multivalueheader.X`: every value, joined by `,`.
    MultiHeader(&'a str),
    /// `method.request.querystring.X`: the last value.
    Query(&'a str),
    /// `method.request.multivaluequerystring.X`: every value, joined by `,`.
    MultiQuery(&'a str),
    /// `method.request.path.X`.
    Path(&'a str),
    /// `stageVariables.X`.
    StageVariable(&'a str),
    /// `context.X.Y`: a `$context` field.
    Context(&'a str),
    /// Anything else (checked at import): resolved by the caller.
    Other(&'a str),
}

impl<'a> Source<'a> {
    pub fn parse(expression: &'a str) -> Source<'a> {
        let e = expression.trim();
        if e.len() >= 2 && e.starts_with('\'') && e.ends_with('\'') {
            return Source::Literal(&e[1..e.len() - 1]);
        }
        type Make<'a> = fn(&'a str) -> Source<'a>;
        let prefixed: [(&str, Make<'a>); 7] = [
            ("method.request.header.", Source::Header),
            ("method.request.multivalueheader.", Source::MultiHeader),
            ("method.request.querystring.", Source::Query),
            ("method.request.multivaluequerystring.", Source::MultiQuery),
            ("method.request.path.", Source::Path),
            ("stageVariables.", Source::StageVariable),
            ("context.", Source::Context),
        ];
        for (prefix, make) in prefixed {
            if let Some(name) = e.strip_prefix(prefix) {
                return make(name);
            }
        }
        Source::Other(e)
    }

    /// The value in this request, or `None` when the request lacks it.
    /// `context` is `$context`, built by the caller when a mapping needs it.
    pub fn resolve(
        &self,
        scope: &RequestScope<'_>,
        context: impl FnOnce() -> Value,
    ) -> Option<String> {
        let request = scope.request;
        let joined = |values: Vec<&str>| (!values.is_empty()).then(|| values.join(","));
        match *self {
            Source::Literal(text) => Some(text.to_string()),
            Source::Header(name) => request.header(name).map(str::to_string),
            Source::MultiHeader(name) => request.headers.joined(name),
            Source::Query(name) => scope
                .query()
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone()),
            Source::MultiQuery(name) => joined(
                scope
                    .query()
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
                    .collect(),
            ),
            Source::Path(name) => scope
                .path_params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone()),
            Source::StageVariable(name) => scope.stage_variables.get(name).cloned(),
            Source::Context(path) => {
                let mut value = context();
                for part in path.split('.') {
                    let next = match &value {
                        Value::Map(map) => map.borrow().get(&Key::from(part)).cloned(),
                        _ => None,
                    };
                    value = next?;
                }
                (!value.is_null()).then(|| value.to_java_string())
            }
            Source::Other(_) => None,
        }
    }
}

/// Replaces `${stageVariables.name}` with the variable's value (empty when unset).
pub(super) fn substitute_stage_variables(text: &str, vars: &BTreeMap<String, String>) -> String {
    const OPEN: &str = "${stageVariables.";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        match after.find('}') {
            Some(end) => {
                out.push_str(vars.get(&after[..end]).map(String::as_str).unwrap_or(""));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_parse_by_prefix() {
        assert_eq!(Source::parse("'*'"), Source::Literal("*"));
        assert_eq!(Source::parse("''"), Source::Literal(""));
        assert_eq!(
            Source::parse("method.request.header.Origin"),
            Source::Header("Origin")
        );
        assert_eq!(
            Source::parse("method.request.multivaluequerystring.tag"),
            Source::MultiQuery("tag")
        );
        assert_eq!(
            Source::parse("context.identity.sourceIp"),
            Source::Context("identity.sourceIp")
        );
        assert_eq!(
            Source::parse("integration.response.body"),
            Source::Other("integration.response.body")
        );
    }
}
