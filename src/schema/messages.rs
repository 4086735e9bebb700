//! fge's message templates (`validation.properties` of json-schema-validator 2.2.x, commit
//! 1b99be48) and how their arguments print.
//!
//! fge fills a template with `java.util.Formatter` once every argument is supplied. Strings go
//! in raw (`%s` of a `String`), integers as decimals (`%d`), JSON values as Jackson's
//! `JsonNode.toString()` (compact JSON, see [`write_json`]), type names as `NodeType.toString()`
//! and fixed lists as `List.toString()` (`[a, b]`).

use super::instance::Val;
use super::number;
use super::types::{ARRAY, BOOLEAN, NULL, OBJECT, STRING};
use std::cmp::Ordering;

pub(crate) fn additional_items(allowed: usize, found: usize) -> String {
    format!("schema only allows {allowed} elements in array but instance has {found} elements")
}
pub(crate) fn min_items(min: u64, found: usize) -> String {
    format!(
        "array is too short: must have at least {min} elements but instance has {found} elements"
    )
}
pub(crate) fn max_items(max: u64, found: usize) -> String {
    format!("array is too long: must have at most {max} elements but instance has {found} elements")
}
pub(crate) const UNIQUE_ITEMS: &str = "array must not contain duplicate elements";
pub(crate) fn minimum(min: &str, found: &str) -> String {
    format!("numeric instance is lower than the required minimum (minimum: {min}, found: {found})")
}
pub(crate) fn minimum_exclusive(min: &str) -> String {
    format!("numeric instance is not strictly greater than the required minimum {min}")
}
pub(crate) fn maximum(max: &str, found: &str) -> String {
    format!(
        "numeric instance is greater than the required maximum (maximum: {max}, found: {found})"
    )
}
/// The bundle line is `err.common.maximum.notExclusive =  numeric ...`; `.properties` loading
/// drops the whitespace after `=`.
pub(crate) fn maximum_exclusive(max: &str) -> String {
    format!("numeric instance is not strictly lower than the required maximum {max}")
}
pub(crate) fn additional_properties(unwanted: &str) -> String {
    format!("object instance has properties which are not allowed by the schema: {unwanted}")
}
pub(crate) fn min_length(value: &str, found: usize, min: u64) -> String {
    format!("string \"{value}\" is too short (length: {found}, required minimum: {min})")
}
pub(crate) fn max_length(value: &str, found: usize, max: u64) -> String {
    format!("string \"{value}\" is too long (length: {found}, maximum allowed: {max})")
}
pub(crate) fn pattern(regex: &str, value: &str) -> String {
    format!("ECMA 262 regex \"{regex}\" does not match input string \"{value}\"")
}
pub(crate) fn enum_(value: &str, values: &str) -> String {
    format!("instance value ({value}) not found in enum (possible values: {values})")
}
pub(crate) fn multiple_of(value: &str, divisor: &str) -> String {
    format!("remainder of division is not zero ({value} / {divisor})")
}
pub(crate) fn min_properties(found: usize, min: u64) -> String {
    format!("object has too few properties (found {found} but schema requires at least {min})")
}
pub(crate) fn max_properties(found: usize, max: u64) -> String {
    format!("object has too many properties (found {found} but schema requires at most {max})")
}
pub(crate) fn required(missing: &str) -> String {
    format!("object has missing required properties ({missing})")
}
pub(crate) fn dependencies(property: &str, required: &str, missing: &str) -> String {
    format!("property \"{property}\" of object has missing property dependencies (schema requires {required}; missing: {missing})")
}
pub(crate) fn type_(found: &str, allowed: &str) -> String {
    format!(
        "instance type ({found}) does not match any allowed primitive type (allowed: {allowed})"
    )
}
pub(crate) fn any_of(n: usize) -> String {
    format!("instance failed to match at least one required schema among {n}")
}
pub(crate) fn all_of(matched: usize, n: usize) -> String {
    format!("instance failed to match all required schemas (matched only {matched} out of {n})")
}
pub(crate) fn one_of(matched: usize, n: usize) -> String {
    format!("instance failed to match exactly one schema (matched {matched} out of {n})")
}
pub(crate) const NOT: &str = "instance matched a schema which it should not have";

// Format attributes.
/// `DateTimeAttribute.FORMATS` is an `ImmutableList<String>`; `putArgument(String, Iterable)`
/// stores the list itself, so it prints as `List.toString()`.
pub(crate) fn date_time(value: &str) -> String {
    format!("string \"{value}\" is invalid against requested date format(s) [yyyy-MM-dd'T'HH:mm:ssZ, yyyy-MM-dd'T'HH:mm:ss.SSSZ]")
}
pub(crate) fn email(value: &str) -> String {
    format!("string \"{value}\" is not a valid email address")
}
pub(crate) fn hostname(value: &str) -> String {
    format!("string \"{value}\" is not a valid hostname")
}
pub(crate) fn ipv4(value: &str) -> String {
    format!("string \"{value}\" is not a valid IPv4 address")
}
pub(crate) fn ipv6(value: &str) -> String {
    format!("string \"{value}\" is not a valid IPv6 address")
}
pub(crate) fn regex(value: &str) -> String {
    format!("string \"{value}\" is not a valid ECMA 262 regular expression")
}
pub(crate) fn uri(value: &str) -> String {
    format!("string \"{value}\" is not a valid URI")
}
pub(crate) fn hex_length(actual: usize, expected: usize) -> String {
    format!("input string has incorrect length ({actual}, expected {expected})")
}
pub(crate) fn hex_char(c: &str, index: usize) -> String {
    format!("illegal character \"{c}\" in input at index {index}")
}
pub(crate) fn base64_length(found: usize) -> String {
    format!("input has illegal length (must be a multiple of 4, found {found})")
}
pub(crate) fn base64_char(c: &str, index: usize) -> String {
    format!("illegal character \"{c}\" at index {index} (not in Base64 alphabet)")
}
pub(crate) fn json_pointer(value: &str) -> String {
    format!("input string \"{value}\" is not a valid JSON Pointer")
}
pub(crate) fn mac(value: &str) -> String {
    format!("input string \"{value}\" is not a valid MAC address")
}
pub(crate) fn uuid(value: &str) -> String {
    format!("input string \"{value}\" is not a valid UUID")
}
/// Not an fge message: fge throws a `ProcessingException` ("validation loop") when a schema is
/// entered again for the same instance value; Portico reports it as an error instead (also when
/// validation nests more than `MAX_DEPTH` schemas deep).
pub(crate) fn validation_loop(schema: &str) -> String {
    format!("validation loop: schema \"#{schema}\" visited twice for the same instance (or nesting deeper than 512 schemas)")
}

/// Sorts names; the one sort routine of the module (each `sort_by` instantiation costs wasm
/// size).
pub(crate) fn sort_names(v: &mut [&str], cmp: fn(&str, &str) -> Ordering) {
    v.sort_unstable_by(|a, b| cmp(a, b));
}

/// Appends `v` as Jackson's `JsonNode.toString()` prints fge's nodes: compact, members in
/// document order, strings escaped as Jackson's `CharTypes.appendQuoted` (`\"`, `\\`, `\b \t
/// \n \f \r`, other controls as `\u00XX` with upper-case hex; nothing else escaped), numbers
/// as [`number::write_java`].
pub(crate) fn write_json(out: &mut String, v: Val) {
    match v.ty() {
        NULL => out.push_str("null"),
        BOOLEAN => out.push_str(if v.as_bool() == Some(true) {
            "true"
        } else {
            "false"
        }),
        STRING => crate::java::write_string(out, v.as_str().unwrap_or_default()),
        ARRAY => {
            out.push('[');
            for (i, e) in v.elements().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, e);
            }
            out.push(']');
        }
        OBJECT => {
            out.push('{');
            for (i, (k, e)) in v.members().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                crate::java::write_string(out, k.as_str());
                out.push(':');
                write_json(out, e);
            }
            out.push('}');
        }
        _ => number::write_java(
            out,
            v.number_text().unwrap_or(b"0"),
            number::NumberOrigin::Instance,
        ),
    }
}

pub(crate) fn json(v: Val) -> String {
    let mut s = String::new();
    write_json(&mut s, v);
    s
}

/// A JSON array of strings (`toArrayNode` of a collection): `["a","b"]`.
pub(crate) fn string_array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut s = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        crate::java::write_string(&mut s, item);
    }
    s.push(']');
    s
}
