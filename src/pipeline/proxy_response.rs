//! A Lambda proxy integration's output (payload format 1.0): the function's
//! `{statusCode, headers, multiValueHeaders, body, isBase64Encoded}` read
//! with API Gateway's strictness; anything else is a malformed response.

use serde_json::Value;

/// The method response a proxy function asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ProxyResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The members a proxy response may have.
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

/// Reads the function's output. `binary_media_types` and the request's
/// `Accept` decide whether a base64 body goes out decoded.
pub(super) fn parse(
    payload: &[u8],
    binary_media_types: &[String],
    accept: Option<&str>,
) -> Result<ProxyResponse, ()> {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(payload) else {
        return Err(());
    };
    if object.keys().any(|k| !KEYS.contains(&k.as_str())) {
        return Err(());
    }
    let status = match object.get("statusCode") {
        None | Some(Value::Null) => 200,
        Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()).ok_or(())?,
        Some(Value::String(s)) => s.trim().parse::<u16>().map_err(|_| ())?,
        Some(_) => return Err(()),
    };
    if !(100..=599).contains(&status) {
        return Err(());
    }
    // `headers` and `multiValueHeaders` merge into one list per name (by any
    // casing, spelled as in multiValueHeaders); a pair given in both appears once.
    let mut single: Vec<(String, String)> = Vec::new();
    match object.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, value) in map {
                if !value.is_null() {
                    single.push((name.clone(), scalar(value).ok_or(())?));
                }
            }
        }
        Some(_) => return Err(()),
    }
    let mut multi: Vec<(String, Vec<String>)> = Vec::new();
    match object.get("multiValueHeaders") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (name, values) in map {
                match values {
                    Value::Null => {}
                    Value::Array(values) => multi.push((
                        name.clone(),
                        values.iter().map(scalar).collect::<Option<_>>().ok_or(())?,
                    )),
                    _ => return Err(()),
                }
            }
        }
        Some(_) => return Err(()),
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
        Some(_) => return Err(()),
    };
    // Jackson binds a number or boolean body to its text; an object or an
    // array does not bind.
    let body = match object.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) => {
            if base64 && sends_binary(binary_media_types, accept) {
                crate::vtl::apigw::base64_decode(text).map_err(|_| ())?
            } else {
                text.clone().into_bytes()
            }
        }
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string().into_bytes(),
        Some(_) => return Err(()),
    };
    Ok(ProxyResponse {
        status,
        headers,
        body,
    })
}

/// Whether a base64 body goes to the client decoded: the first media type
/// of the request's Accept is one of the API's binary media types.
pub(crate) fn sends_binary(binary_media_types: &[String], accept: Option<&str>) -> bool {
    accept
        .and_then(|a| a.split(',').next())
        .is_some_and(|t| crate::http::is_binary_media_type(binary_media_types, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(payload: &str) -> ProxyResponse {
        parse(payload.as_bytes(), &[], None).expect("well formed")
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
    fn what_api_gateway_refuses() {
        for bad in [
            r#"{"statusCode":200,"body":{"a":1}}"#,
            r#"{"statusCode":200,"cookies":["a=b"]}"#,
            r#"{"statusCode":200,"multiValueHeaders":{"A":"1"}}"#,
            r#"{"statusCode":"abc"}"#,
            r#"{"statusCode":700}"#,
            r#""just a string""#,
            r#"[1]"#,
            "not json",
        ] {
            assert!(parse(bad.as_bytes(), &[], None).is_err(), "{bad}");
        }
    }

    #[test]
    fn base64_bodies_decode_for_binary_media_types() {
        let payload = br#"{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"aGk=","isBase64Encoded":true}"#;
        let types = vec!["image/png".to_string()];
        assert_eq!(
            parse(payload, &types, Some("image/png")).unwrap().body,
            b"hi"
        );
        assert_eq!(
            parse(payload, &[], Some("image/png")).unwrap().body,
            b"aGk="
        );
    }
}
