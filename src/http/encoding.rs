//! Percent and form coding, as API Gateway applies them to paths, query
//! strings and endpoint URLs; Java's `URLEncoder` and `URLDecoder`, as
//! `$util` has them; base64.

use std::fmt::Write;

/// The query string's parameters, form-decoded (`+` is a space, `%XX`
/// escapes decoded as UTF-8), in order; repeats kept.
pub(crate) fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

/// The byte a `%XX` escape at `at` stands for (Java's `parseInt(.., 16)`
/// reading, a sign included), if there is one.
fn escaped_byte(bytes: &[u8], at: usize) -> Option<u8> {
    bytes
        .get(at + 1..at + 3)
        .filter(|_| bytes[at] == b'%')
        .and_then(|h| std::str::from_utf8(h).ok())
        .and_then(|h| u8::from_str_radix(h, 16).ok())
}

/// `%XX` decoding (a `+` stays a `+`), as HTTP APIs decode request paths;
/// malformed escapes stay as written.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match escaped_byte(bytes, i) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What form decoding does with a `%` that starts no escape.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BadEscape {
    /// Keep it as written (API Gateway's own query parsing).
    Keep,
    /// Refuse the text (Java's `URLDecoder`).
    Refuse,
}

/// Form decoding: `+` is a space, `%XX` a byte, the bytes read as UTF-8.
fn decode_form(s: &str, bad: BadEscape) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match escaped_byte(bytes, i) {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None if bad == BadEscape::Keep => out.push(b'%'),
                None => return None,
            },
            b => out.push(b),
        }
        i += 1;
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// `application/x-www-form-urlencoded` decoding; malformed escapes stay as written.
pub(crate) fn form_decode(s: &str) -> String {
    decode_form(s, BadEscape::Keep).expect("kept escapes never refuse")
}

/// Percent-encodes everything but RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`): how API Gateway writes query parameters into an
/// endpoint URL.
pub(crate) fn percent_encode_unreserved(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Java's `URLEncoder.encode(s, "UTF-8")` (`$util.urlEncode`): form
/// encoding, `*` kept and a space as `+`.
pub(crate) fn java_url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Java's `URLDecoder.decode(s, "UTF-8")` (`$util.urlDecode`): as
/// [`form_decode`], but a malformed escape is Java's exception.
pub(crate) fn java_url_decode(s: &str) -> Result<String, String> {
    decode_form(s, BadEscape::Refuse).ok_or_else(|| {
        "java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) pattern".to_string()
    })
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 section 4).
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        out.push(BASE64[(n >> 18) as usize & 63] as char);
        out.push(BASE64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            BASE64[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            BASE64[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Standard base64 (RFC 4648), padding optional, whitespace ignored, the
/// URL-safe alphabet's `-` and `_` taken too (`$util.base64Decode`, binary
/// content handling).
pub(crate) fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return Err(format!("$util.base64Decode: `{}` is not base64", c as char)),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javas_url_codecs() {
        assert_eq!(java_url_encode("a b&c=d/é*~"), "a+b%26c%3Dd%2F%C3%A9*%7E");
        assert_eq!(
            java_url_decode("a+b%26c%3Dd%2F%C3%A9").unwrap(),
            "a b&c=d/é"
        );
        assert!(java_url_decode("%zz").is_err());
        // API Gateway's own query decoding keeps what does not decode.
        assert_eq!(form_decode("a+b%zz%41"), "a b%zzA");
        assert_eq!(percent_encode_unreserved("a b~/é"), "a%20b~%2F%C3%A9");
    }

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input.as_bytes()), output, "input {input:?}");
            assert_eq!(base64_decode(output).unwrap(), input.as_bytes());
        }
        assert_eq!(base64_decode("Zm9v\nYmFy").unwrap(), b"foobar");
        assert!(base64_decode("Zm9v!").is_err());
    }
}
