//! The execution log the console's Test pane shows (TestInvokeMethod's `log`).

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

/// Java's `String.hashCode()`: over UTF-16 code units, `h = 31 * h + c`.
fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// The order a `java.util.HashMap` iterates its keys in, as API Gateway's
/// log prints request header maps: by bucket, `(h ^ h >>> 16)` masked to the
/// table size, then insertion order. The table starts at `capacity` and
/// doubles whenever it holds more than three quarters of it.
pub(crate) fn hash_map_order<'a, V>(
    pairs: &'a [(&'a str, V)],
    capacity: usize,
) -> Vec<&'a (&'a str, V)> {
    let mut capacity = capacity.max(16);
    while pairs.len() * 4 > capacity * 3 {
        capacity *= 2;
    }
    let bucket = |name: &str| {
        let h = java_hash(name) as u32;
        ((h ^ (h >> 16)) as usize) & (capacity - 1)
    };
    let mut ordered: Vec<(usize, usize, &(&str, V))> = pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| (bucket(pair.0), i, pair))
        .collect();
    ordered.sort_by_key(|&(b, i, _)| (b, i));
    ordered.into_iter().map(|(_, _, pair)| pair).collect()
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
        hash_map_order(&merged, capacity)
            .into_iter()
            .map(|(k, v)| (*k, v.as_str())),
    )
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
