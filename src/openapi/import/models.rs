//! Models: the document's schemas, the inline schemas of operations (which
//! become models of their own), and references between them.

use serde_json::{Map, Value};

use super::importer::{Dialect, Importer};
use crate::error::Error;
use crate::model::{built_in_model, model_url, Model, RestApi};
use crate::openapi::json::{invalid, object, Pointer};

impl<'a> Importer<'a> {
    /// `components.schemas` (OpenAPI 3) or `definitions` (Swagger 2).
    pub(super) fn models(
        &mut self,
        top: &'a Map<String, Value>,
        api: &mut RestApi,
    ) -> Result<(), Error> {
        let (container, at) = self.section(top, "schemas", "definitions");
        let Some(container) = container else {
            return Ok(());
        };
        for (name, schema) in object(container, &at, "the schemas")? {
            let here = at.key(name);
            object(schema, &here, "a schema")?;
            if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                self.warn(
                    &here,
                    format!(
                        "API Gateway model names are alphanumeric; `{name}` is kept as written"
                    ),
                );
            }
            self.model_pointers.insert(name.clone(), here.clone());
            let description = schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string);
            api.models.insert(
                name.clone(),
                json_model(name, self.canonical_refs(schema), description),
            );
        }
        Ok(())
    }

    /// A schema with its references to other models rewritten to the form
    /// API Gateway stores (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`).
    fn canonical_refs(&self, schema: &Value) -> Value {
        match schema {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let v = match (k.as_str(), v) {
                            ("$ref", Value::String(r)) => match self.local_model_name(r) {
                                Some(name) => Value::String(model_url(&self.api_id, name)),
                                None => v.clone(),
                            },
                            _ => self.canonical_refs(v),
                        };
                        (k.clone(), v)
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| self.canonical_refs(v)).collect())
            }
            other => other.clone(),
        }
    }

    /// The model a document reference names: `#/components/schemas/Name`
    /// in OpenAPI 3, `#/definitions/Name` in Swagger 2. (In OpenAPI 3,
    /// `#/definitions/x` inside a schema is the schema's own business.)
    fn local_model_name<'r>(&self, reference: &'r str) -> Option<&'r str> {
        let prefix = match self.dialect {
            Dialect::OpenApi3 => "#/components/schemas/",
            Dialect::Swagger2 => "#/definitions/",
        };
        reference.strip_prefix(prefix).filter(|n| !n.contains('/'))
    }

    /// The model a schema names, or a new model for an inline schema.
    pub(super) fn model_for(
        &mut self,
        api: &mut RestApi,
        schema: &Value,
        at: &Pointer,
        hint: &str,
    ) -> Result<String, Error> {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = self.local_model_name(reference).ok_or_else(|| {
                invalid(
                    &at.key("$ref"),
                    format!("`{reference}` does not name a model; refer to #/components/schemas/<name> (OpenAPI 3) or #/definitions/<name> (Swagger 2)"),
                )
            })?;
            if !api.models.contains_key(name) && built_in_model(name).is_none() {
                return Err(invalid(
                    &at.key("$ref"),
                    format!("the model `{name}` is not defined; define it under the document's schemas (only `Empty` and `Error` are built in)"),
                ));
            }
            return Ok(name.to_string());
        }
        object(schema, at, "a schema")?;
        let canonical = self.canonical_refs(schema);
        let mut name = hint.to_string();
        let mut n = 1;
        while api.models.get(&name).is_some_and(|m| m.schema != canonical) {
            n += 1;
            name = format!("{hint}{n}");
        }
        self.warn(at, format!("the inline schema became the model `{name}`; define it under the document's schemas to name it yourself"));
        self.model_pointers.insert(name.clone(), at.clone());
        api.models
            .insert(name.clone(), json_model(&name, canonical, None));
        Ok(name)
    }
}

/// A model of the document's: JSON, as every OpenAPI schema is.
fn json_model(name: &str, schema: Value, description: Option<String>) -> Model {
    Model {
        name: name.to_string(),
        content_type: "application/json".to_string(),
        schema,
        description,
    }
}
