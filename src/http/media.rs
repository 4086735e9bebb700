//! Media types: the essence of a `Content-Type` and API Gateway's binary
//! media type matching.

/// The media type of a `Content-Type` value, lower case and without
/// parameters (`Application/JSON; charset=utf-8` -> `application/json`).
pub(crate) fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The request's media type, as [`essence`]; `application/json` when the
/// client sent none (or an empty one), as API Gateway assumes.
pub(crate) fn media_type(header: Option<&str>) -> String {
    header
        .map(essence)
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "application/json".to_string())
}

/// The first media type an `Accept` header lists, parameters and all
/// (API Gateway looks no further: no quality values, no wildcards).
pub(crate) fn first_accepted(accept: &str) -> &str {
    accept.split(',').next().unwrap_or("")
}

/// Whether a media type is one of the API's binary media types (`*/*`,
/// `image/*` and exact types; parameters ignored).
pub(crate) fn is_binary_media_type(binary_media_types: &[String], media_type: &str) -> bool {
    let media_type = media_type.split(';').next().unwrap_or("").trim();
    if media_type.is_empty() {
        return false;
    }
    binary_media_types.iter().any(|t| {
        let t = t.trim();
        if t == "*/*" {
            return true;
        }
        match t.strip_suffix("/*") {
            Some(family) => media_type
                .split_once('/')
                .is_some_and(|(f, _)| f.eq_ignore_ascii_case(family)),
            None => t.eq_ignore_ascii_case(media_type),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_drop_parameters_and_default_to_json() {
        assert_eq!(
            media_type(Some("Application/JSON; charset=utf-8")),
            "application/json"
        );
        assert_eq!(media_type(Some("text/plain")), "text/plain");
        assert_eq!(media_type(None), "application/json");
        assert_eq!(media_type(Some("")), "application/json");
    }

    #[test]
    fn binary_media_types_match_exactly_by_family_or_all() {
        let types = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_binary_media_type(
            &types(&["image/png"]),
            "Image/PNG; q=1"
        ));
        assert!(is_binary_media_type(&types(&["image/*"]), "image/gif"));
        assert!(is_binary_media_type(&types(&["*/*"]), "text/plain"));
        assert!(!is_binary_media_type(&types(&["image/*"]), "text/plain"));
        assert!(!is_binary_media_type(&types(&["*/*"]), ""));
    }
}
