//! Every mapping template of an API, parsed once when the API is loaded.

use std::collections::{BTreeMap, HashMap};

use crate::error::{escape_pointer_token, Error, ErrorKind};
use crate::model::{ResponseType, RestApi};
use crate::vtl::{self, Engine, Template};

/// The parsed templates of one method.
#[derive(Default)]
pub(crate) struct MethodTemplates {
    /// Request templates by content type.
    pub request: BTreeMap<String, Template>,
    /// Response templates by content type, one map per integration response
    /// (in the integration's order).
    pub responses: Vec<BTreeMap<String, Template>>,
}

/// The parsed templates of an API, and the engine that renders them.
pub(crate) struct Templates {
    pub engine: Engine,
    methods: HashMap<(usize, String), MethodTemplates>,
    /// Gateway response templates by type, then content type.
    pub gateway: BTreeMap<ResponseType, BTreeMap<String, Template>>,
}

/// The JSON pointer of a method in an OpenAPI document.
pub(crate) fn method_pointer(path: &str, http_method: &str) -> String {
    let operation = match http_method {
        "ANY" => "x-amazon-apigateway-any-method".to_string(),
        m => m.to_ascii_lowercase(),
    };
    format!("/paths/{}/{operation}", escape_pointer_token(path))
}

fn compile(
    engine: &Engine,
    source: &str,
    pointer: String,
    what: impl FnOnce() -> String,
) -> Result<Template, Error> {
    engine.parse(source).map_err(|e| {
        Error::new(
            ErrorKind::Template,
            format!("{} does not parse: {}", what(), e.detail()),
        )
        .at(pointer)
        .at_line(e.line(), e.column())
    })
}

impl Templates {
    /// Parses every request, response and gateway response template.
    ///
    /// # Errors
    ///
    /// The first template that does not parse, naming the method, the
    /// content type, and the line and column in the template.
    pub fn compile(api: &RestApi) -> Result<Templates, Error> {
        let engine = Engine::new(vtl::Config::api_gateway());
        let mut methods = HashMap::new();
        for (index, resource) in api.resources.iter().enumerate() {
            for (key, method) in &resource.methods {
                let Some(integration) = &method.integration else {
                    continue;
                };
                let base = format!(
                    "{}/x-amazon-apigateway-integration",
                    method_pointer(&resource.path, key)
                );
                let mut compiled = MethodTemplates::default();
                for (content_type, source) in &integration.request_templates {
                    let pointer = format!(
                        "{base}/requestTemplates/{}",
                        escape_pointer_token(content_type)
                    );
                    let template = compile(&engine, source, pointer, || {
                        format!(
                            "the request template for {content_type} of {key} {}",
                            resource.path
                        )
                    })?;
                    compiled.request.insert(content_type.clone(), template);
                }
                for response in &integration.responses {
                    let pattern = response.selection_pattern.as_deref().unwrap_or("default");
                    let mut templates = BTreeMap::new();
                    for (content_type, source) in &response.response_templates {
                        let pointer = format!(
                            "{base}/responses/{}/responseTemplates/{}",
                            escape_pointer_token(pattern),
                            escape_pointer_token(content_type)
                        );
                        let template = compile(&engine, source, pointer, || {
                            format!(
                                "the response template for {content_type} of the `{pattern}` integration response of {key} {}",
                                resource.path
                            )
                        })?;
                        templates.insert(content_type.clone(), template);
                    }
                    compiled.responses.push(templates);
                }
                methods.insert((index, key.clone()), compiled);
            }
        }
        let mut gateway = BTreeMap::new();
        for (&kind, response) in &api.gateway_responses {
            let name = kind.name();
            let mut templates = BTreeMap::new();
            for (content_type, source) in &response.response_templates {
                let pointer = format!(
                    "/x-amazon-apigateway-gateway-responses/{name}/responseTemplates/{}",
                    escape_pointer_token(content_type)
                );
                let template = compile(&engine, source, pointer, || {
                    format!("the {name} gateway response template for {content_type}")
                })?;
                templates.insert(content_type.clone(), template);
            }
            gateway.insert(kind, templates);
        }
        Ok(Templates {
            engine,
            methods,
            gateway,
        })
    }

    /// The templates of a method.
    pub fn method(&self, resource: usize, method: &str) -> Option<&MethodTemplates> {
        self.methods.get(&(resource, method.to_string()))
    }
}
