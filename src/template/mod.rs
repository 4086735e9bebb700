//! CloudFormation and SAM templates: the API a template defines, turned into
//! the OpenAPI document (with `x-amazon-apigateway-*` extensions) that the
//! importer takes, as API Gateway itself receives it after the SAM transform
//! or from CDK's resources. Everything downstream of the import is unchanged.
//!
//! `reader.rs` reads the template as a whole (parameters, conditions,
//! resources) and picks the API, `parts.rs` gives the translators each
//! resource's resolved properties (with `Globals`); `sam.rs` is the SAM transform,
//! `sam_auth.rs` its `Auth`, `Cors` and gateway responses; `cfn.rs` reads
//! `AWS::ApiGateway::*` and `AWS::ApiGatewayV2::*` resources, `output.rs`
//! what both write into the document the same way; `functions.rs` lists
//! the Lambda functions the API invokes, `files.rs` the files its
//! `DefinitionUri`s name.

mod cfn;
mod files;
mod functions;
mod output;
mod parts;
mod reader;
mod sam;
mod sam_auth;

use std::collections::BTreeMap;

use serde_json::Value;

pub use files::definition_files;
pub(crate) use functions::invoked;
pub use functions::FunctionInfo;
pub(crate) use reader::{is_template, translate};

use crate::openapi::Warning;

/// How to read a template: the values it cannot know itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct TemplateOptions<'o> {
    /// The logical id of the API to serve; else the first.
    pub api: Option<&'o str>,
    /// Parameter values, over the template's `Default`s.
    pub parameters: Option<&'o BTreeMap<String, String>>,
    /// Files a `DefinitionUri` may name, by path relative to the template.
    pub files: Option<&'o BTreeMap<String, String>>,
    /// The region pseudo parameters and ARNs name.
    pub region: String,
    /// The account pseudo parameters and ARNs name.
    pub account_id: String,
}

/// A template's API as an OpenAPI document, with what the template says
/// about its deployment and its functions.
#[derive(Debug)]
pub(crate) struct Translated {
    /// The OpenAPI document the importer takes.
    pub document: Value,
    /// The stage the template deploys the API to, if it names one.
    pub stage: Option<String>,
    /// The stage's variables.
    pub stage_variables: BTreeMap<String, String>,
    /// What the template holds that Portico reads with a caveat.
    pub warnings: Vec<Warning>,
    /// Every function the template declares.
    pub functions: Vec<FunctionInfo>,
    /// Where parts of the document come from: (pointer prefix in the
    /// document, pointer in the template), longest first.
    pub origins: Vec<(String, String)>,
}

impl Translated {
    /// A pointer into the document as a pointer into the template.
    pub fn origin_of(&self, pointer: &str) -> String {
        for (prefix, origin) in &self.origins {
            if let Some(rest) = pointer.strip_prefix(prefix.as_str()) {
                // A definition body maps field for field; a generated
                // operation comes from its resource or event as a whole.
                if prefix.is_empty() {
                    return format!("{origin}{rest}");
                }
                if rest.is_empty() || rest.starts_with('/') {
                    return origin.clone();
                }
            }
        }
        pointer.to_string()
    }
}
