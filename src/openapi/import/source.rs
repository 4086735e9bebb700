//! Documents broken at their source rather than in what they say: a `$ref`
//! into another file, a placeholder a template engine never filled. Both
//! deploy nowhere as written, so the error says what to do first.

use serde_json::Value;

use crate::error::Error;
use crate::openapi::json::{invalid, Pointer};

/// CloudFormation's pseudo parameters, as `Fn::Sub` writes them.
const PSEUDO_PARAMETERS: [&str; 7] = [
    "${AWS::Region}",
    "${AWS::Partition}",
    "${AWS::AccountId}",
    "${AWS::URLSuffix}",
    "${AWS::StackName}",
    "${AWS::StackId}",
    "${AWS::NotificationARNs}",
];

/// The first `${...}` in `text` that only `Fn::Sub` fills: a pseudo
/// parameter (`${AWS::Region}`) or a resource's attribute
/// (`${HelloFunction.Arn}`), but not what API Gateway itself fills
/// (`${stageVariables.x}`, `${request.path.x}`, `${context.x}`).
fn substitution_outside_sub(text: &str) -> Option<&str> {
    if let Some(pseudo) = PSEUDO_PARAMETERS.iter().find(|p| text.contains(**p)) {
        return Some(pseudo);
    }
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        let name = &after[..end];
        if let Some((resource, attribute)) = name.split_once('.') {
            let identifier =
                |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
            let gateway_variable = matches!(
                resource,
                "stageVariables" | "request" | "context" | "method" | "integration"
            );
            if identifier(resource) && identifier(attribute) && !gateway_variable {
                return Some(&rest[start..start + 2 + end + 1]);
            }
        }
        rest = &after[end..];
    }
    None
}

/// Refuses the first plain string holding a pseudo parameter such as
/// `${AWS::Region}`: CloudFormation substitutes those only inside
/// `Fn::Sub`, so API Gateway would receive the text as written. The
/// template string of an `Fn::Sub` is where they belong and is skipped.
pub(super) fn refuse_unsubstituted_pseudo_parameters(
    value: &Value,
    at: &Pointer,
) -> Result<(), Error> {
    match value {
        Value::String(text) => match substitution_outside_sub(text) {
            Some(pseudo) => Err(invalid(
                at,
                format!("`{pseudo}` is a CloudFormation substitution outside `Fn::Sub` (in `{text}`): CloudFormation substitutes it only inside `Fn::Sub` and leaves it as written elsewhere, so API Gateway would receive the text `{pseudo}`: wrap the value in `Fn::Sub` (or `!Sub`) or write the value"),
            )),
            None => Ok(()),
        },
        Value::Object(map) => {
            for (key, member) in map {
                let member_at = at.key(key);
                if map.len() == 1 && key == "Fn::Sub" {
                    // `Fn::Sub: text` or `Fn::Sub: [text, {variables}]`.
                    match member {
                        Value::String(_) => {}
                        Value::Array(parts) => {
                            for (i, part) in parts.iter().enumerate().skip(1) {
                                refuse_unsubstituted_pseudo_parameters(part, &member_at.index(i))?;
                            }
                        }
                        other => refuse_unsubstituted_pseudo_parameters(other, &member_at)?,
                    }
                    continue;
                }
                refuse_unsubstituted_pseudo_parameters(member, &member_at)?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                refuse_unsubstituted_pseudo_parameters(item, &at.index(i))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Refuses the first `$ref` into another file (`schemas.yaml#/Order`,
/// `./common.json`). References to absolute URLs are left to the model
/// validator, which knows documents by their `id`.
pub(super) fn refuse_external_references(value: &Value, at: &Pointer) -> Result<(), Error> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let file = reference.split('#').next().unwrap_or(reference);
                // A bare `Pet` is Swagger 1.2's shorthand for `#/definitions/Pet`.
                let names_a_file = file.contains('/') || file.contains('.');
                if names_a_file && !reference.contains("://") {
                    return Err(invalid(
                        &at.key("$ref"),
                        format!("`{reference}` is an external reference (into the file `{file}`); API Gateway, and Portico, import one self-contained document: bundle the files into one first (for example `npx @redocly/cli bundle openapi.yaml -o bundled.yaml`) and import the result"),
                    ));
                }
            }
            for (key, member) in map {
                refuse_external_references(member, &at.key(key))?;
            }
            Ok(())
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                refuse_external_references(item, &at.index(i))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The first `${name}` in `text` that neither API Gateway (stage
/// variables, `${stageVariables.x}`) nor CloudFormation (`${AWS::Region}`,
/// `${Function.Arn}`) would fill: a bare identifier, as Terraform's
/// `templatefile` and similar tools write them.
pub(super) fn unrendered_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(&rest[start..start + 2 + end + 1]);
        }
        rest = &after[end..];
    }
    None
}

/// The error for a field holding an unfilled placeholder.
#[cold]
pub(super) fn unrendered(at: &Pointer, text: &str, placeholder: &str) -> Error {
    invalid(
        at,
        format!("`{text}` holds the placeholder `{placeholder}`, which nothing filled in: the document looks like an unrendered template (Terraform `templatefile`, or similar); render it, then import the result"),
    )
}

#[cfg(test)]
mod tests {
    use super::unrendered_placeholder;

    #[test]
    fn placeholders_are_bare_identifiers() {
        let table = [
            (
                "${openapi_demo_lambda_uri}",
                Some("${openapi_demo_lambda_uri}"),
            ),
            (
                "arn:aws:apigateway:${region}:lambda:path/x",
                Some("${region}"),
            ),
            ("arn:aws:apigateway:${AWS::Region}:sns:path//", None),
            ("https://${stageVariables.host}/a", None),
            ("${Fn.Arn}", None),
            ("https://example.com/${", None),
            ("plain", None),
        ];
        for (text, expected) in table {
            assert_eq!(unrendered_placeholder(text), expected, "{text}");
        }
    }
}
