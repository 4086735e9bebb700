//! What the template and schema tools exchange with the harness:
//! `renderTemplate`'s input and answer, `compileSchema`'s and `validate`'s
//! errors.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Query parameters for `renderTemplate`: an object, or a raw query string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum QueryDto {
    /// `"a=1&b=2"`.
    Raw(String),
    /// `{a: "1", b: "2"}`.
    Map(serde_json::Map<String, serde_json::Value>),
}

impl Default for QueryDto {
    fn default() -> QueryDto {
        QueryDto::Map(serde_json::Map::new())
    }
}

/// An object's members as string pairs, in order (non-strings as JSON).
fn string_pairs(map: serde_json::Map<String, serde_json::Value>) -> Vec<(String, String)> {
    map.into_iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => (k, s),
            other => (k, other.to_string()),
        })
        .collect()
}

/// What `renderTemplate` renders a template against.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TemplateInputDto {
    /// The payload (`$input.body`).
    pub body: String,
    /// Headers.
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// Query string parameters.
    pub query: QueryDto,
    /// Path parameters.
    pub path: serde_json::Map<String, serde_json::Value>,
    /// `$context` (fields not given are absent).
    pub context: Option<serde_json::Value>,
    /// `$stageVariables`.
    pub stage_variables: BTreeMap<String, String>,
}

/// A template error with its place, for tooling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateErrorDto {
    /// The error, as a sentence with its place.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl From<&crate::vtl::Error> for TemplateErrorDto {
    fn from(e: &crate::vtl::Error) -> TemplateErrorDto {
        TemplateErrorDto {
            message: e.to_string(),
            line: e.line(),
            column: e.column(),
        }
    }
}

/// `renderTemplate`'s answer: `{output}` or `{error: {message, line, column}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TemplateResultDto {
    /// The rendered text.
    Output(String),
    /// Why it failed, and where.
    Error(TemplateErrorDto),
}

/// Renders a parsed template as API Gateway would for this input.
pub fn render_template(
    engine: &crate::vtl::Engine,
    template: &crate::vtl::Template,
    input: TemplateInputDto,
) -> TemplateResultDto {
    use crate::vtl::{apigw, from_json, Key, Map, Value};
    let querystring = match input.query {
        QueryDto::Raw(raw) => crate::http::parse_query(raw.trim_start_matches('?')),
        QueryDto::Map(map) => string_pairs(map),
    };
    let mut context = match &input.context {
        Some(v @ serde_json::Value::Object(_)) => from_json(v),
        _ => Value::map(Map::default()),
    };
    if let Value::Map(map) = &mut context {
        let mut map = map.borrow_mut();
        for (name, keys) in [
            ("requestOverride", &["header", "path", "querystring"][..]),
            ("responseOverride", &["header"][..]),
        ] {
            map.entry(Key::from(name)).or_insert_with(|| {
                Value::map(
                    keys.iter()
                        .map(|k| (Key::from(*k), Value::map(Map::default())))
                        .collect(),
                )
            });
        }
    }
    let mut vars = apigw::variables(
        apigw::Input {
            body: input.body,
            path: string_pairs(input.path),
            querystring,
            header: string_pairs(input.headers),
        },
        context,
        &input.stage_variables,
    );
    match engine.render(template, &mut vars) {
        Ok(output) => TemplateResultDto::Output(output),
        Err(e) => TemplateResultDto::Error((&e).into()),
    }
}

#[cfg(test)]
mod template_tests {
    use super::*;

    #[test]
    fn render_template_reads_every_input_and_reports_places() {
        let engine = crate::vtl::Engine::new(crate::vtl::Config::api_gateway());
        let template = engine
            .parse("$input.params('id') $input.params('q') $input.params('H') $input.json('$.a') $context.stage $stageVariables.v")
            .unwrap();
        let input: TemplateInputDto = serde_json::from_str(
            r#"{"body":"{\"a\":[1]}","path":{"id":"7"},"query":"q=x+y","headers":{"H":"h"},"context":{"stage":"dev"},"stageVariables":{"v":"sv"}}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&render_template(&engine, &template, input)).unwrap(),
            r#"{"output":"7 x y h [1] dev sv"}"#
        );
        let failing = engine.parse("#set($s = 'ab')$s.substring(3)").unwrap();
        let out = render_template(&engine, &failing, TemplateInputDto::default());
        assert_eq!(
            serde_json::to_string(&out).unwrap(),
            r#"{"error":{"message":"render error: invocation of method 'substring' in java.lang.String threw java.lang.StringIndexOutOfBoundsException: begin 3, end 2, length 2 (line 1, column 18)","line":1,"column":18}}"#
        );
    }
}

/// One validation error for tooling (`validate`, `compileSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationErrorDto<'a> {
    /// Where in the instance (a JSON pointer, `""` for the root).
    pub instance_pointer: &'a str,
    /// Where in the schema (a JSON pointer to the failing keyword).
    pub schema_pointer: &'a str,
    /// The keyword that failed (`""` when the text is not JSON).
    pub keyword: &'a str,
    /// The validator's message, as API Gateway reports it.
    pub message: &'a str,
}

/// Compiles a schema given as JSON text, with the documents its `$ref`s may
/// name (`{"uri": schema}` as JSON text, or empty).
///
/// # Errors
///
/// Text that is not JSON, or a schema that is not valid draft-04, as a
/// sentence naming the place.
pub fn compile_schema(
    schema: &str,
    documents: &str,
    base_uri: &str,
) -> Result<crate::schema::Schema, String> {
    let schema: serde_json::Value =
        serde_json::from_str(schema).map_err(|e| format!("the schema is not JSON: {e}"))?;
    let mut docs = crate::schema::Documents::new();
    if !documents.trim().is_empty() {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(documents)
            .map_err(|e| format!("`documents` must map URIs to schemas: {e}"))?;
        for (uri, document) in map {
            docs.insert(&uri, document);
        }
    }
    crate::schema::Schema::compile(&schema, base_uri, &docs).map_err(|e| {
        let at = if e.pointer.is_empty() {
            "the root"
        } else {
            e.pointer.as_str()
        };
        format!("invalid JSON Schema (draft-04) at {at}: {}", e.message)
    })
}

/// Validates JSON text: `""` when valid, else the errors as a JSON array of
/// [`ValidationErrorDto`]. Text that is not JSON is one error, in API
/// Gateway's words.
pub fn validate_text(schema: &crate::schema::Schema, text: &str) -> String {
    let Ok(errors) = schema.validate_text(text) else {
        let unparseable = [ValidationErrorDto {
            instance_pointer: "",
            schema_pointer: "",
            keyword: "",
            message: "Unknown error parsing request body",
        }];
        return serde_json::to_string(&unparseable).unwrap_or_default();
    };
    if errors.is_empty() {
        return String::new();
    }
    let dtos: Vec<ValidationErrorDto<'_>> = errors
        .iter()
        .map(|e| ValidationErrorDto {
            instance_pointer: &e.instance_pointer,
            schema_pointer: &e.schema_pointer,
            keyword: e.keyword,
            message: &e.message,
        })
        .collect();
    serde_json::to_string(&dtos).unwrap_or_default()
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    #[test]
    fn schemas_compile_from_text_and_report_errors_as_json() {
        let documents = r#"{"https://example.com/name": {"type": "string", "minLength": 2}}"#;
        let schema = compile_schema(
            r#"{"type":"object","properties":{"name":{"$ref":"https://example.com/name"}}}"#,
            documents,
            "https://example.com/pet",
        )
        .unwrap();
        assert_eq!(validate_text(&schema, r#"{"name":"Rex"}"#), "");
        assert_eq!(
            validate_text(&schema, r#"{"name":"R"}"#),
            r#"[{"instancePointer":"/name","schemaPointer":"https://example.com/name#/minLength","keyword":"minLength","message":"string \"R\" is too short (length: 1, required minimum: 2)"}]"#
        );
        assert_eq!(
            validate_text(&schema, "{"),
            r#"[{"instancePointer":"","schemaPointer":"","keyword":"","message":"Unknown error parsing request body"}]"#
        );
        assert_eq!(
            compile_schema(r#"{"type": 3}"#, "", "https://example.com/x").unwrap_err(),
            r#"invalid JSON Schema (draft-04) at /type: "type" must be one of "array", "boolean", "integer", "null", "number", "object", "string" (or a non-empty array of them without repeats), but it is the number 3"#
        );
        assert!(compile_schema("{", "", "x")
            .unwrap_err()
            .starts_with("the schema is not JSON: "));
    }
}
