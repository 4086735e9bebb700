//! The request a client sends and the response the gateway returns, as
//! plain data: no I/O, no clock, no randomness the host did not supply;
//! and the HTTP codecs every part of the gateway shares (percent and form
//! coding, media types, URI templates), each written once.

mod encoding;
pub(crate) mod media;
mod uri;

pub(crate) use encoding::{
    base64_decode, base64_encode, java_url_decode, java_url_encode, parse_query, percent_decode,
};
pub(crate) use media::{first_accepted, is_binary_media_type, media_type};
pub(crate) use uri::{append_query, fill_path, url_host};

/// An HTTP request as it reaches the gateway.
///
/// The path is kept exactly as sent (not URL-decoded); the first segment is
/// the stage. The host supplies the time and a random seed, so that the same
/// request always yields the same request ids.
///
/// ```
/// let req = portico::Request::new("GET", "/dev/pets")
///     .with_query("limit=2")
///     .with_header("Accept", "application/json");
/// assert_eq!(req.header("accept"), Some("application/json"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The HTTP method, upper case (`GET`).
    pub method: String,
    /// The raw path, stage included, not decoded (`/dev/pets/a%2Bb`).
    pub path: String,
    /// The raw query string, without `?` and without a fragment.
    pub query: String,
    /// The headers in the client's order and casing; repeats allowed.
    pub headers: Vec<(String, String)>,
    /// The body bytes; empty when there is none.
    pub body: Vec<u8>,
    /// The client's address (`$context.identity.sourceIp`).
    pub source_ip: String,
    /// When the gateway received the request, in milliseconds since the epoch.
    pub time_epoch_ms: u64,
    /// A random seed from the host; request ids are derived from it.
    pub seed: u64,
}

impl Request {
    /// A request with no headers, query or body, received at the epoch with seed 0.
    pub fn new(method: &str, path: &str) -> Request {
        Request {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            query: String::new(),
            headers: Vec::new(),
            body: Vec::new(),
            source_ip: "127.0.0.1".to_string(),
            time_epoch_ms: 0,
            seed: 0,
        }
    }

    /// Drops a fragment the host left in (`/dev/a#x`, or `q=1#x` in the
    /// query): clients do not send one, but a raw request line may carry it,
    /// and API Gateway ignores everything after `#`.
    pub fn drop_fragment(&mut self) {
        if let Some(at) = self.path.find('#') {
            // Anything after `#`, a `?` included, was the fragment.
            self.path.truncate(at);
            self.query.clear();
        } else if let Some(at) = self.query.find('#') {
            self.query.truncate(at);
        }
    }

    /// The same request with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The same request with a raw query string (no leading `?`).
    pub fn with_query(mut self, query: &str) -> Request {
        self.query = query.to_string();
        self
    }

    /// The same request with a body.
    pub fn with_body(mut self, body: impl Into<Vec<u8>>) -> Request {
        self.body = body.into();
        self
    }

    /// The same request, received at `time_epoch_ms` with random `seed`.
    pub fn at(mut self, time_epoch_ms: u64, seed: u64) -> Request {
        self.time_epoch_ms = time_epoch_ms;
        self.seed = seed;
        self
    }

    /// The last value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// An HTTP response from the gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The headers in order; a name may repeat.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// The execution log, for test invocations ([`Gateway::begin_test`](crate::Gateway::begin_test)).
    pub log: Option<String>,
}

impl Response {
    /// The last value of a header, by case-insensitive name.
    ///
    /// ```
    /// let r = portico::Response { status: 200, headers: vec![("Content-Type".into(), "text/plain".into())], body: vec![], log: None };
    /// assert_eq!(r.header("content-type"), Some("text/plain"));
    /// ```
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body as text (lossy for bytes that are not UTF-8).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The last value of a header, by case-insensitive name.
pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .rev()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A header list as the gateway keeps one: pairs in order, names compared
/// without regard to case, a name may repeat.
pub(crate) trait HeaderList {
    /// Whether a header of this name is present.
    fn has(&self, name: &str) -> bool;
    /// Every value of a header joined by `,`; `None` when there is none.
    fn joined(&self, name: &str) -> Option<String>;
    /// Replaces the first header of this name, or appends one.
    fn set(&mut self, name: &str, value: String);
    /// Removes every header of this name.
    fn remove_all(&mut self, name: &str);
    /// Takes out the first header of this name.
    fn take(&mut self, name: &str) -> Option<(String, String)>;
}

impl HeaderList for Vec<(String, String)> {
    fn has(&self, name: &str) -> bool {
        self.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    fn joined(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    }

    fn set(&mut self, name: &str, value: String) {
        match self.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(slot) => slot.1 = value,
            None => self.push((name.to_string(), value)),
        }
    }

    fn remove_all(&mut self, name: &str) {
        self.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    fn take(&mut self, name: &str) -> Option<(String, String)> {
        let at = self
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case(name))?;
        Some(Vec::remove(self, at))
    }
}
