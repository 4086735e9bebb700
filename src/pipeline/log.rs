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

    pub fn line(&mut self, line: impl AsRef<str>) {
        self.text.push_str(&self.stamp);
        self.text.push_str(" : ");
        self.text.push_str(line.as_ref());
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
