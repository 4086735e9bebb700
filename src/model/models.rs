//! Models (JSON Schema draft-04) and the request validators that check
//! requests against them.

use serde_json::Value;

/// A model: a named JSON Schema (draft-04).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The model name.
    pub name: String,
    /// The content type (`application/json`).
    pub content_type: String,
    /// The schema, with references as written in the document.
    pub schema: Value,
    /// The description.
    pub description: Option<String>,
}

/// A request validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestValidator {
    /// Validate the body against the method's model.
    pub validate_request_body: bool,
    /// Validate that required parameters are present.
    pub validate_request_parameters: bool,
}

/// The models every REST API has without defining them: `Empty` and `Error`.
pub fn built_in_model(name: &str) -> Option<Model> {
    let schema = match name {
        "Empty" => serde_json::json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "title": "Empty Schema",
            "type": "object"
        }),
        "Error" => serde_json::json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "title": "Error Schema",
            "type": "object",
            "properties": {"message": {"type": "string"}}
        }),
        _ => return None,
    };
    Some(Model {
        name: name.to_string(),
        content_type: "application/json".to_string(),
        schema,
        description: None,
    })
}

/// The canonical form of a reference between models inside API Gateway:
/// how a stored schema names another model of the same API.
pub(crate) fn model_url(api_id: &str, name: &str) -> String {
    format!("https://apigateway.amazonaws.com/restapis/{api_id}/models/{name}")
}
