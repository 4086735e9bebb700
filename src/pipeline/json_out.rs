//! A compact JSON writer for the documents the gateway writes itself
//! (Lambda proxy events), with members in the order AWS writes them and
//! strings escaped as Jackson escapes them.

use std::fmt::Write;

/// Writes one JSON document into a string, value by value.
pub(crate) struct JsonOut {
    out: String,
    /// For each open object or array: whether it has no member yet.
    first: Vec<bool>,
    /// Whether a member name was just written (its value needs no comma).
    after_key: bool,
}

impl JsonOut {
    pub fn with_capacity(capacity: usize) -> JsonOut {
        JsonOut {
            out: String::with_capacity(capacity),
            first: Vec::with_capacity(8),
            after_key: false,
        }
    }

    /// The comma before a value or member, when one is due.
    fn separate(&mut self) {
        if std::mem::take(&mut self.after_key) {
            return;
        }
        if let Some(first) = self.first.last_mut() {
            if !std::mem::take(first) {
                self.out.push(',');
            }
        }
    }

    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.first.push(true);
    }

    pub fn end_object(&mut self) {
        self.first.pop();
        self.out.push('}');
    }

    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.first.push(true);
    }

    pub fn end_array(&mut self) {
        self.first.pop();
        self.out.push(']');
    }

    /// A member name; the next call writes its value.
    pub fn key(&mut self, name: &str) {
        self.separate();
        crate::java::write_string(&mut self.out, name);
        self.out.push(':');
        self.after_key = true;
    }

    pub fn string(&mut self, value: &str) {
        self.separate();
        crate::java::write_string(&mut self.out, value);
    }

    /// A member with a string value.
    pub fn field(&mut self, name: &str, value: &str) {
        self.key(name);
        self.string(value);
    }

    /// A member with a string value or `null`.
    pub fn opt_field(&mut self, name: &str, value: Option<&str>) {
        self.key(name);
        self.opt_string(value);
    }

    pub fn opt_string(&mut self, value: Option<&str>) {
        match value {
            Some(v) => self.string(v),
            None => self.null(),
        }
    }

    pub fn null(&mut self) {
        self.separate();
        self.out.push_str("null");
    }

    pub fn bool(&mut self, value: bool) {
        self.separate();
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn int(&mut self, value: i64) {
        self.separate();
        let _ = write!(self.out, "{value}");
    }

    /// An object of string members, or `null` when there are none.
    pub fn strings_or_null<'a>(&mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut pairs = pairs.into_iter().peekable();
        if pairs.peek().is_none() {
            self.null();
            return;
        }
        self.begin_object();
        for (k, v) in pairs {
            self.key(k);
            self.string(v);
        }
        self.end_object();
    }

    /// An object of string-list members, or `null` when there are none.
    pub fn lists_or_null<'a>(&mut self, groups: &[(&'a str, Vec<&'a str>)]) {
        if groups.is_empty() {
            self.null();
            return;
        }
        self.begin_object();
        for (k, values) in groups {
            self.key(k);
            self.begin_array();
            for v in values {
                self.string(v);
            }
            self.end_array();
        }
        self.end_object();
    }

    /// Grouped values the way payload format 1.0 writes them twice: each
    /// name's last value under `last_key`, all its values under `all_key`
    /// (`headers` / `multiValueHeaders`), `null` when there are none.
    pub fn last_and_all(&mut self, last_key: &str, all_key: &str, groups: &[(&str, Vec<&str>)]) {
        self.key(last_key);
        self.strings_or_null(
            groups
                .iter()
                .map(|(name, values)| (*name, *values.last().expect("a group has a value"))),
        );
        self.key(all_key);
        self.lists_or_null(groups);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_values_and_escapes() {
        let mut j = JsonOut::with_capacity(64);
        j.begin_object();
        j.key("a");
        j.string("x\"y\\z/\u{1}\n é");
        j.key("b");
        j.strings_or_null([]);
        j.key("c");
        j.begin_array();
        j.int(1);
        j.bool(false);
        j.null();
        j.end_array();
        j.key("d");
        j.lists_or_null(&[("k", vec!["1", "2"])]);
        j.end_object();
        assert_eq!(
            j.finish(),
            r#"{"a":"x\"y\\z/\u0001\n é","b":null,"c":[1,false,null],"d":{"k":["1","2"]}}"#
        );
    }
}
