//! The files a template names beside itself (`DefinitionUri`), so a host
//! with a file system can read them before the import asks.

use serde_json::Value;

use super::reader::is_template;
use crate::error::Error;
use crate::openapi;

/// The SAM resource types whose `DefinitionUri` is an OpenAPI document.
const WITH_DEFINITION_URI: [&str; 2] = ["AWS::Serverless::Api", "AWS::Serverless::HttpApi"];

/// The local paths (relative to the template, as written) that a SAM
/// template's APIs and `Globals` name in `DefinitionUri`, for the
/// `files` option of [`Options`](crate::Options); `None` for a document
/// that is not a template (an OpenAPI document). S3 locations and values built with
/// intrinsics are left to the import, which says what to do about them.
///
/// ```
/// let template = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: dev\n      DefinitionUri: ./openapi.yaml\n";
/// assert_eq!(portico::definition_files(template).unwrap().unwrap(), ["openapi.yaml"]);
/// assert_eq!(portico::definition_files("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n").unwrap(), None);
/// ```
///
/// # Errors
///
/// Text that is neither JSON nor YAML.
pub fn definition_files(text: &str) -> Result<Option<Vec<String>>, Error> {
    let doc = match openapi::parse_document(text) {
        Ok(doc) => doc,
        Err(strict) => openapi::parse_last_wins(text)
            .map(|(doc, _)| doc)
            .map_err(|_| strict)?,
    };
    if !is_template(&doc) {
        return Ok(None);
    }
    let resources = doc
        .get("Resources")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|r| r.values())
        .filter(|r| {
            r.get("Type")
                .and_then(Value::as_str)
                .is_some_and(|t| WITH_DEFINITION_URI.contains(&t))
        })
        .filter_map(|r| r.get("Properties"));
    let globals = ["Api", "HttpApi"]
        .into_iter()
        .filter_map(|section| doc.get("Globals").and_then(|g| g.get(section)));
    let mut paths: Vec<String> = Vec::new();
    for props in resources.chain(globals) {
        let Some(path) = props.get("DefinitionUri").and_then(Value::as_str) else {
            continue;
        };
        let path = path.trim_start_matches("./");
        if !path.starts_with("s3://") && !paths.iter().any(|p| p == path) {
            paths.push(path.to_string());
        }
    }
    Ok(Some(paths))
}

#[cfg(test)]
mod tests {
    use super::definition_files;

    #[test]
    fn lists_each_local_definition_uri_once() {
        let template = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    DefinitionUri: ./api.yaml\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      DefinitionUri: api.yaml\n  B:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      DefinitionUri: specs/http.json\n  C:\n    Type: AWS::Serverless::Api\n    Properties:\n      DefinitionUri: s3://bucket/api.yaml\n  D:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n";
        assert_eq!(
            definition_files(template).unwrap(),
            Some(vec!["api.yaml".to_string(), "specs/http.json".to_string()])
        );
    }

    #[test]
    fn an_openapi_document_is_not_a_template() {
        let doc = r#"{"openapi":"3.0.1","info":{"title":"t","version":"1"},"paths":{}}"#;
        assert_eq!(definition_files(doc).unwrap(), None);
    }

    #[test]
    fn a_template_without_definition_uri_names_no_file() {
        let template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {}\n";
        assert_eq!(definition_files(template).unwrap(), Some(Vec::new()));
    }
}
