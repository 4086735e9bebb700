//! What a Lambda proxy integration's function returns, read with API
//! Gateway's strictness: payload format 1.0's `{statusCode, headers,
//! multiValueHeaders, body, isBase64Encoded}` (anything else is malformed),
//! and payload format 2.0's, where a result without `statusCode` is itself
//! the body.

use serde_json::Value;

use crate::http::HeaderList;

/// The method response a proxy function asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProxyResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A result API Gateway does not accept: the client gets a 502 (REST) or
/// 500 (HTTP API), the log says "Malformed Lambda proxy response". API
/// Gateway says no more; the reason (`` `body` is an object, not a string ``)
/// is for the harness to print beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed(pub String);

impl Malformed {
    fn new(reason: impl Into<String>) -> Malformed {
        Malformed(reason.into())
    }
}

/// What a JSON value is, as a reason names it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The result as JSON, or why it is not.
fn json(payload: &[u8]) -> Result<Value, Malformed> {
    serde_json::from_slice(payload).map_err(|_| Malformed::new("the result is not JSON"))
}

/// The members a payload format 1.0 response may have.
const KEYS: [&str; 5] = [
    "statusCode",
    "headers",
    "multiValueHeaders",
    "body",
    "isBase64Encoded",
];

/// A header value as API Gateway accepts it: a string, or a number or
/// boolean written as JSON; `None` for what makes the response malformed.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `statusCode`: a number or a numeric string, from 100 to 599.
fn status_code(value: &Value) -> Result<u16, Malformed> {
    let status = match value {
        Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(s) => s.trim().parse::<u16>().ok(),
        _ => None,
    };
    status.filter(|s| (100..=599).contains(s)).ok_or_else(|| {
        Malformed(format!(
            "`statusCode` is {value}: it must be a number from 100 to 599"
        ))
    })
}

/// `headers`: an object of scalar values (a `null` value is no header).
fn single_headers(value: Option<&Value>) -> Result<Vec<(String, String)>, Malformed> {
    let mut headers = Vec::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                if !value.is_null() {
                    let value = scalar(value).ok_or_else(|| {
                        Malformed(format!(
                            "`headers.{name}` is {}: a header value is a string",
                            kind(value)
                        ))
                    })?;
                    headers.push((name.clone(), value));
                }
            }
        }
        Some(other) => {
            return Err(Malformed(format!(
                "`headers` is {}, not an object",
                kind(other)
            )))
        }
    }
    Ok(headers)
}

/// Reads a payload format 1.0 result. `binary_media_types` and the
/// request's `Accept` decide whether a base64 body goes out decoded.
pub(crate) fn parse_v1(
    payload: &[u8],
    binary_media_types: &[String],
    accept: Option<&str>,
) -> Result<ProxyResponse, Malformed> {
    let object = match json(payload)? {
        Value::Object(object) => object,
        other => {
            return Err(Malformed(format!(
                "the result is {}, not an object with `statusCode` and `body`",
                kind(&other)
            )))
        }
    };
    if let Some(key) = object.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Malformed(format!(
            "`{key}` is not a field of a proxy response (statusCode, headers, multiValueHeaders, body, isBase64Encoded)"
        )));
    }
    let status = match object.get("statusCode") {
        None | Some(Value::Null) => 200,
        Some(value) => status_code(value)?,
    };
    // `headers` and `multiValueHeaders` merge into one list per name (by any
    // casing, spelled as in multiValueHeaders); a pair given in both appears once.
    let single = single_headers(object.get("headers"))?;
    let mut multi: Vec<(String, Vec<String>)> = Vec::new();
    match object.get("multiValueHeaders") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, values) in map {
                match values {
                    Value::Null => {}
                    Value::Array(values) => multi.push((
                        name.clone(),
                        values
                            .iter()
                            .map(|value| {
                                scalar(value).ok_or_else(|| {
                                    Malformed(format!(
                                        "`multiValueHeaders.{name}` holds {}: its values are strings",
                                        kind(value)
                                    ))
                                })
                            })
                            .collect::<Result<_, _>>()?,
                    )),
                    other => {
                        return Err(Malformed(format!(
                            "`multiValueHeaders.{name}` is {}, not an array",
                            kind(other)
                        )))
                    }
                }
            }
        }
        Some(other) => {
            return Err(Malformed(format!(
                "`multiValueHeaders` is {}, not an object",
                kind(other)
            )))
        }
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in &single {
        if !multi.iter().any(|(m, _)| m.eq_ignore_ascii_case(name)) {
            headers.push((name.clone(), value.clone()));
        }
    }
    for (name, values) in multi {
        if let Some((_, value)) = single.iter().find(|(s, _)| s.eq_ignore_ascii_case(&name)) {
            if !values.contains(value) {
                headers.push((name.clone(), value.clone()));
            }
        }
        for value in values {
            headers.push((name.clone(), value));
        }
    }
    let base64 = match object.get("isBase64Encoded") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => true,
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => false,
        Some(other) => {
            return Err(Malformed(format!(
                "`isBase64Encoded` is {other}, not a boolean"
            )))
        }
    };
    // Jackson binds a number or boolean body to its text; an object or an
    // array does not bind.
    let body = match object.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) => {
            if base64 && sends_binary(binary_media_types, accept) {
                base64_body(text)?
            } else {
                text.clone().into_bytes()
            }
        }
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string().into_bytes(),
        Some(other) => {
            return Err(Malformed(format!(
                "`body` is {}, not a string (JSON.stringify it)",
                kind(other)
            )))
        }
    };
    Ok(ProxyResponse {
        status,
        headers,
        body,
    })
}

/// A base64 body, decoded.
fn base64_body(text: &str) -> Result<Vec<u8>, Malformed> {
    crate::http::base64_decode(text)
        .map_err(|_| Malformed::new("`body` is not base64, and `isBase64Encoded` is true"))
}

/// Whether a base64 body goes to the client decoded: the first media type
/// of the request's Accept is one of the API's binary media types.
fn sends_binary(binary_media_types: &[String], accept: Option<&str>) -> bool {
    accept
        .map(crate::http::first_accepted)
        .is_some_and(|t| crate::http::is_binary_media_type(binary_media_types, t))
}

/// A payload format 2.0 response: an object with `statusCode` is read as
/// the response (`headers` comma-joined, `cookies` as Set-Cookie, a base64
/// body decoded); anything else that is JSON is a 200 with that JSON (a
/// string without its quotes).
pub(crate) fn parse_v2(payload: &[u8]) -> Result<ProxyResponse, Malformed> {
    let value = json(payload)?;
    let object = match &value {
        Value::Object(object) if object.contains_key("statusCode") => object,
        Value::String(text) => {
            return Ok(json_answer(text.clone().into_bytes()));
        }
        _ => {
            let text = std::str::from_utf8(payload)
                .map_err(|_| Malformed::new("the result is not UTF-8"))?
                .trim();
            return Ok(json_answer(text.as_bytes().to_vec()));
        }
    };
    let status = status_code(&object["statusCode"])?;
    let mut headers = single_headers(object.get("headers"))?;
    match object.get("cookies") {
        None | Some(Value::Null) => {}
        Some(Value::Array(cookies)) => {
            for cookie in cookies {
                let cookie = cookie.as_str().ok_or_else(|| {
                    Malformed(format!(
                        "`cookies` holds {}: a cookie is a string",
                        kind(cookie)
                    ))
                })?;
                headers.push(("set-cookie".to_string(), cookie.to_string()));
            }
        }
        Some(other) => {
            return Err(Malformed(format!(
                "`cookies` is {}, not an array",
                kind(other)
            )))
        }
    }
    if !headers.has("Content-Type") {
        headers.insert(
            0,
            (
                "Content-Type".to_string(),
                "text/plain; charset=utf-8".to_string(),
            ),
        );
    }
    let base64 = matches!(object.get("isBase64Encoded"), Some(Value::Bool(true)));
    let body = match object.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) if base64 => base64_body(text)?,
        Some(Value::String(text)) => text.clone().into_bytes(),
        Some(other) => other.to_string().into_bytes(),
    };
    Ok(ProxyResponse {
        status,
        headers,
        body,
    })
}

/// A 200 `application/json` answer with this body.
fn json_answer(body: Vec<u8>) -> ProxyResponse {
    ProxyResponse {
        status: 200,
        headers: vec![("Content-Type".to_string(), "application/json".to_string())],
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(payload: &str) -> ProxyResponse {
        parse_v1(payload.as_bytes(), &[], None).expect("well formed")
    }

    #[test]
    fn the_documented_shape_is_read() {
        let r = ok(
            r#"{"statusCode":201,"headers":{"A":"1","N":2},"multiValueHeaders":{"B":["x","y"]},"body":"hi"}"#,
        );
        assert_eq!(r.status, 201);
        assert_eq!(
            r.headers,
            vec![
                ("A".into(), "1".into()),
                ("N".into(), "2".into()),
                ("B".into(), "x".into()),
                ("B".into(), "y".into())
            ]
        );
        assert_eq!(r.body, b"hi");
    }

    #[test]
    fn both_header_maps_merge_by_any_casing_and_a_shared_pair_appears_once() {
        let r = ok(
            r#"{"statusCode":200,"headers":{"a":"0","C":"3","b":"1"},"multiValueHeaders":{"A":["1","2"],"B":["1"]}}"#,
        );
        assert_eq!(
            r.headers,
            vec![
                ("C".into(), "3".into()),
                ("A".into(), "0".into()),
                ("A".into(), "1".into()),
                ("A".into(), "2".into()),
                ("B".into(), "1".into())
            ]
        );
    }

    #[test]
    fn what_api_gateway_accepts_beyond_the_documented_shape() {
        assert_eq!(ok("{}").status, 200);
        assert_eq!(ok(r#"{"statusCode":"201","headers":null}"#).status, 201);
        let r = ok(r#"{"headers":{"X-Flag":true},"body":42}"#);
        assert_eq!(
            (r.headers[0].1.as_str(), r.body.as_slice()),
            ("true", &b"42"[..])
        );
    }

    #[test]
    fn what_api_gateway_refuses_and_why() {
        for (bad, reason) in [
            (
                r#"{"statusCode":200,"body":{"a":1}}"#,
                "`body` is an object, not a string (JSON.stringify it)",
            ),
            (
                r#"{"statusCode":200,"cookies":["a=b"]}"#,
                "`cookies` is not a field of a proxy response (statusCode, headers, multiValueHeaders, body, isBase64Encoded)",
            ),
            (
                r#"{"statusCode":200,"multiValueHeaders":{"A":"1"}}"#,
                "`multiValueHeaders.A` is a string, not an array",
            ),
            (
                r#"{"statusCode":200,"headers":{"A":["1"]}}"#,
                "`headers.A` is an array: a header value is a string",
            ),
            (
                r#"{"statusCode":"abc"}"#,
                r#"`statusCode` is "abc": it must be a number from 100 to 599"#,
            ),
            (
                r#"{"statusCode":700}"#,
                "`statusCode` is 700: it must be a number from 100 to 599",
            ),
            (
                r#""just a string""#,
                "the result is a string, not an object with `statusCode` and `body`",
            ),
            (
                r#"[1]"#,
                "the result is an array, not an object with `statusCode` and `body`",
            ),
            ("not json", "the result is not JSON"),
        ] {
            assert_eq!(
                parse_v1(bad.as_bytes(), &[], None),
                Err(Malformed(reason.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn base64_bodies_decode_for_binary_media_types() {
        let payload = br#"{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"aGk=","isBase64Encoded":true}"#;
        let types = vec!["image/png".to_string()];
        assert_eq!(
            parse_v1(payload, &types, Some("image/png")).unwrap().body,
            b"hi"
        );
        assert_eq!(
            parse_v1(payload, &[], Some("image/png")).unwrap().body,
            b"aGk="
        );
    }

    #[test]
    fn a_result_without_status_code_is_a_json_200() {
        let r = parse_v2(br#""hello""#).unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"hello"[..]));
        let r = parse_v2(br#"{"a": 1}"#).unwrap();
        assert_eq!(r.body, br#"{"a": 1}"#);
        assert_eq!(r.headers[0].1, "application/json");
        let r = parse_v2(br#"{"statusCode": 201, "cookies": ["a=1"], "body": "x"}"#).unwrap();
        assert_eq!(r.status, 201);
        assert_eq!(
            r.headers,
            vec![
                (
                    "Content-Type".to_string(),
                    "text/plain; charset=utf-8".to_string()
                ),
                ("set-cookie".to_string(), "a=1".to_string())
            ]
        );
        assert!(parse_v2(b"not json").is_err());
    }
}
