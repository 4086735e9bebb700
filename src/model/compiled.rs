//! An API's models compiled to validators once, when the API is imported
//! or deployed (the import compiles them to report a bad schema at its
//! place; the gateway validates request bodies with them). Models
//! refer to each other by their API Gateway URLs
//! (`https://apigateway.amazonaws.com/restapis/{id}/models/{Name}`); `Empty`
//! and `Error` exist without being defined.

use std::collections::HashMap;

use super::models::{built_in_model, model_url};
use super::rest_api::RestApi;
use crate::error::{Error, ErrorKind};
use crate::schema::{Documents, Schema};

/// A model that cannot be compiled: which model, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModelError {
    pub model: String,
    pub problem: ModelProblem,
}

/// What is wrong with a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ModelProblem {
    /// Its schema does not compile: where in the schema, and why.
    Schema { pointer: String, message: String },
    /// Its name holds a character that ends a URL's path, so other models
    /// could not refer to it (API Gateway allows only letters and digits).
    Name(char),
}

impl ModelProblem {
    /// The sentence after "the model `X` ...", and the pointer below the model.
    pub fn describe(&self) -> (String, &str) {
        match self {
            ModelProblem::Schema { pointer, message } => (
                format!("is not a valid JSON Schema (draft-04), as API Gateway requires: {message}"),
                pointer,
            ),
            ModelProblem::Name(c) => (
                format!("cannot be named so: API Gateway model names are alphanumeric, and `{c}` would cut the model's URL short"),
                "",
            ),
        }
    }
}

/// Every model of an API, compiled.
pub(crate) struct CompiledModels {
    schemas: HashMap<String, Schema>,
}

impl CompiledModels {
    /// Compiles every model the API defines (and the built-in ones it uses).
    pub fn compile(api: &RestApi) -> Result<CompiledModels, ModelError> {
        let mut documents = Documents::new();
        let mut names: Vec<&str> = api.models.keys().map(String::as_str).collect();
        let built_ins: Vec<_> = ["Empty", "Error"]
            .into_iter()
            .filter(|n| !api.models.contains_key(*n))
            .filter_map(built_in_model)
            .collect();
        for model in api.models.values().chain(&built_ins) {
            documents.insert(&model_url(&api.id, &model.name), model.schema.clone());
        }
        names.extend(built_ins.iter().map(|m| m.name.as_str()));
        let mut schemas = HashMap::with_capacity(names.len());
        for name in names {
            if let Some(c) = name.chars().find(|c| matches!(c, '#' | '?' | '/')) {
                return Err(ModelError {
                    model: name.to_string(),
                    problem: ModelProblem::Name(c),
                });
            }
            let uri = model_url(&api.id, name);
            let schema = documents.get(&uri).expect("every model is a document");
            let compiled = Schema::compile(schema, &uri, &documents).map_err(|e| ModelError {
                model: name.to_string(),
                problem: ModelProblem::Schema {
                    pointer: e.pointer.clone(),
                    message: e.message.clone(),
                },
            })?;
            schemas.insert(name.to_string(), compiled);
        }
        Ok(CompiledModels { schemas })
    }

    /// Validates a request body against a model. An empty body is validated
    /// as `{}`; text that is not JSON fails. `Err` lists the validator's
    /// messages.
    pub fn validate_body(&self, model: &str, body: &[u8]) -> Result<(), Vec<String>> {
        let Some(schema) = self.schemas.get(model) else {
            // The import checks that request models exist.
            return Ok(());
        };
        let text = std::str::from_utf8(body).map_err(|_| vec![UNPARSEABLE.to_string()])?;
        let text = if text.trim().is_empty() { "{}" } else { text };
        match schema.validate_text(text) {
            Ok(errors) if errors.is_empty() => Ok(()),
            Ok(errors) => Err(errors.into_iter().map(|e| e.message).collect()),
            Err(_) => Err(vec![UNPARSEABLE.to_string()]),
        }
    }
}

/// What API Gateway reports for a body that is not JSON.
const UNPARSEABLE: &str = "Unknown error parsing request body";

impl ModelError {
    /// The error for an API model given directly (not imported from a document).
    pub fn into_error(self) -> Error {
        let (sentence, pointer) = self.problem.describe();
        Error::new(
            ErrorKind::InvalidDefinition,
            format!("the model `{}` {sentence}", self.model),
        )
        .at(format!("/models/{}{pointer}", self.model))
    }
}
