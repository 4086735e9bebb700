//! Paths and their operations: each operation becomes a method with its
//! request parameters, models and method responses.

use serde_json::{Map, Value};

use super::importer::{Dialect, Importer};
use crate::error::Error;
use crate::model::{AuthorizationType, Method, MethodResponse, RestApi};
use crate::openapi::ext;
use crate::openapi::json::{boolean, invalid, is_status_code, object, one_of, string, Pointer};

/// The operations a path item may hold, with the method each becomes.
pub(crate) const OPERATIONS: [(&str, &str); 8] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    (ext::ANY_METHOD, "ANY"),
];

/// A path item's share in each of its operations.
pub(super) struct PathItem<'a> {
    /// The resource path (`/pets/{petId}`).
    pub(super) path: String,
    /// The parameters every operation of the path has.
    pub(super) parameters: &'a [Value],
    /// Where those parameters are.
    pub(super) parameters_at: Pointer,
    /// The document's top level, whose `security` an operation inherits.
    pub(super) top: &'a Map<String, Value>,
}

/// What the readers of an operation's parts share.
struct OperationContext<'a> {
    /// The operation.
    op: &'a Map<String, Value>,
    /// The document's top level, whose `consumes` and `produces` an operation inherits.
    top: &'a Map<String, Value>,
    /// The stem of the names of the models its inline schemas become.
    model_stem: String,
}

impl<'a> Importer<'a> {
    /// A path item: a resource and its methods.
    pub(super) fn path_item(
        &mut self,
        api: &mut RestApi,
        path: &'a str,
        item: &'a Value,
        at: &Pointer,
        top: &'a Map<String, Value>,
    ) -> Result<(), Error> {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            self.warn(
                at,
                format!("the path `{path}` does not start with `/`; read as `/{path}`"),
            );
            format!("/{path}")
        };
        if self.is_http_api() && path == "/$default" {
            return self.default_route(api, item, at, top);
        }
        let index = api
            .ensure_resource(&path)
            .map_err(|e| invalid(at, e.to_string()))?;
        let item = object(item, at, "a path item")?;
        let shared: &[Value] = match item.get("parameters") {
            Some(v) => v
                .as_array()
                .ok_or_else(|| invalid(&at.key("parameters"), "`parameters` must be a list"))?,
            None => &[],
        };
        let inherited = PathItem {
            path,
            parameters: shared,
            parameters_at: at.key("parameters"),
            top,
        };
        for (key, op) in item {
            let kat = at.key(key);
            let Some((_, http_method)) = OPERATIONS.iter().find(|(k, _)| k == key) else {
                match key.as_str() {
                    "parameters" | "summary" | "description" | "servers" => {}
                    "trace" => self.warn(&kat, "API Gateway has no TRACE methods; ignored"),
                    "$ref" => return Err(invalid(&kat, "path items given by `$ref` are not supported by API Gateway's import; write the operations here")),
                    k if k.starts_with(ext::PREFIX) => self.warn(&kat, format!("`{k}` is not an extension API Gateway reads on a path; ignored")),
                    k if k.starts_with("x-") => {}
                    k => self.warn(&kat, format!("`{k}` is not an operation; ignored")),
                }
                continue;
            };
            if api.resources[index].methods.contains_key(*http_method) {
                return Err(invalid(
                    &kat,
                    format!(
                        "{http_method} is defined twice on the resource {}",
                        api.resources[index].path
                    ),
                ));
            }
            let method = self.operation(api, &inherited, op, &kat, http_method)?;
            api.resources[index]
                .methods
                .insert(http_method.to_string(), method);
        }
        Ok(())
    }

    /// An operation, which becomes a method.
    pub(super) fn operation(
        &mut self,
        api: &mut RestApi,
        item: &PathItem<'a>,
        op: &'a Value,
        at: &Pointer,
        http_method: &str,
    ) -> Result<Method, Error> {
        let obj = object(op, at, "an operation")?;
        let mut method = Method {
            http_method: http_method.to_string(),
            ..Method::default()
        };
        // Path parameters exist whether or not the document declares them.
        for part in item.path.split('/') {
            if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                let name = name.strip_suffix('+').unwrap_or(name);
                method
                    .request_parameters
                    .insert(format!("method.request.path.{name}"), true);
            }
        }
        let cx = OperationContext {
            op: obj,
            top: item.top,
            model_stem: model_stem(obj, http_method, &item.path),
        };
        let mut params: Vec<(&'a Value, Pointer)> = Vec::new();
        for (i, p) in item.parameters.iter().enumerate() {
            params.push(self.deref(p, &item.parameters_at.index(i))?);
        }
        if let Some(list) = obj.get("parameters") {
            let pat = at.key("parameters");
            let list = list
                .as_array()
                .ok_or_else(|| invalid(&pat, "`parameters` must be a list"))?;
            for (i, p) in list.iter().enumerate() {
                let (p, here) = self.deref(p, &pat.index(i))?;
                // An operation's parameter replaces a path-level one with the same name and place.
                let same = |q: &Value| q.get("name") == p.get("name") && q.get("in") == p.get("in");
                params.retain(|(q, _)| !same(q));
                params.push((p, here));
            }
        }
        for (param, here) in params {
            self.parameter(api, &mut method, param, &here, &cx)?;
        }

        for (key, v) in obj {
            let kat = at.key(key);
            match key.as_str() {
                "operationId" => {
                    method.operation_name = Some(string(v, &kat, "`operationId`")?.to_string())
                }
                "requestBody" if self.dialect == Dialect::OpenApi3 => {
                    let (body, bat) = self.deref(v, &kat)?;
                    let body = object(body, &bat, "a request body")?;
                    if let Some(content) = body.get("content") {
                        let cat = bat.key("content");
                        for (content_type, media) in
                            object(content, &cat, "the request body `content`")?
                        {
                            let mat = cat.key(content_type);
                            if let Some(schema) = media.get("schema") {
                                let name = format!("{}Request", cx.model_stem);
                                let model =
                                    self.model_for(api, schema, &mat.key("schema"), &name)?;
                                method.request_models.insert(content_type.clone(), model);
                            }
                        }
                    }
                }
                "responses" => self.responses(api, &mut method, v, &kat, &cx)?,
                "security" => {}
                ext::INTEGRATION => method.integration = Some(self.integration(v, &kat)?),
                ext::REQUEST_VALIDATOR => {
                    let name = string(v, &kat, "the request validator")?;
                    if !api.request_validators.contains_key(name) {
                        return Err(invalid(
                            &kat,
                            format!("the request validator `{name}` is not defined in x-amazon-apigateway-request-validators"),
                        ));
                    }
                    method.request_validator = Some(name.to_string());
                }
                ext::AUTH => {
                    let t = v.get("type").and_then(Value::as_str).unwrap_or_default();
                    method.authorization_type = one_of(
                        t,
                        &kat,
                        "auth type",
                        &[AuthorizationType::None, AuthorizationType::AwsIam],
                        AuthorizationType::as_str,
                    )?;
                    if method.authorization_type == AuthorizationType::AwsIam {
                        self.warn_unenforced(
                            "x-amazon-apigateway-auth",
                            &kat,
                            "IAM authorization (`x-amazon-apigateway-auth`) is not enforced yet: the methods that require it answer unsigned requests".to_string(),
                        );
                    }
                }
                "parameters" | "summary" | "description" | "tags" | "deprecated"
                | "externalDocs" | "callbacks" | "servers" | "consumes" | "produces"
                | "schemes" => {}
                "isDefaultRoute" if self.is_http_api() => {}
                k if k.starts_with(ext::PREFIX) => self.warn(
                    &kat,
                    format!("`{k}` is not an extension API Gateway reads on an operation; ignored"),
                ),
                k if k.starts_with("x-") => {}
                k => self.warn(&kat, format!("`{k}` is not an operation field; ignored")),
            }
        }
        let (security, sat) = match obj.get("security") {
            Some(s) => (Some(s), at.key("security")),
            None => (item.top.get("security"), Pointer::root().key("security")),
        };
        if let Some(security) = security {
            self.security(api, &mut method, security, &sat)?;
        }
        if method.integration.is_none() {
            self.warn(at, "the method has no x-amazon-apigateway-integration; API Gateway refuses to deploy it, and Portico answers it with 500");
        }
        self.check_responses(&method, at);
        Ok(method)
    }

    /// Warns about integration responses and mappings without the method
    /// response API Gateway requires for them.
    fn check_responses(&mut self, method: &Method, at: &Pointer) {
        let Some(integration) = &method.integration else {
            return;
        };
        let iat = at.key(ext::INTEGRATION).key("responses");
        for r in &integration.responses {
            let rat = iat.key(r.selection_pattern.as_deref().unwrap_or("default"));
            let Some(declared) = method.method_responses.get(&r.status_code) else {
                self.warn(
                    &rat,
                    format!(
                        "the status {} has no method response; API Gateway requires one",
                        r.status_code
                    ),
                );
                continue;
            };
            for target in r.response_parameters.keys() {
                if !declared.response_parameters.contains_key(target) {
                    let name = target.trim_start_matches("method.response.header.");
                    self.warn(
                        &rat.key("responseParameters").key(target),
                        format!("the {} method response does not declare the header `{name}`; API Gateway requires it", r.status_code),
                    );
                }
            }
        }
    }

    /// A parameter, which becomes a request parameter or, in Swagger 2, the request model.
    fn parameter(
        &mut self,
        api: &mut RestApi,
        method: &mut Method,
        param: &'a Value,
        at: &Pointer,
        cx: &OperationContext<'a>,
    ) -> Result<(), Error> {
        let obj = object(param, at, "a parameter")?;
        let name = string(
            obj.get("name")
                .ok_or_else(|| invalid(at, "the parameter has no `name`"))?,
            &at.key("name"),
            "the parameter `name`",
        )?;
        let place = string(
            obj.get("in")
                .ok_or_else(|| invalid(at, "the parameter has no `in`"))?,
            &at.key("in"),
            "the parameter `in`",
        )?;
        let required = match obj.get("required") {
            Some(v) => boolean(v, &at.key("required"), "`required`")?,
            None => false,
        };
        let key = match place {
            "path" => format!("method.request.path.{name}"),
            "query" => format!("method.request.querystring.{name}"),
            "header" => format!("method.request.header.{name}"),
            "cookie" => {
                self.warn(
                    at,
                    format!("API Gateway has no cookie parameters; `{name}` is ignored"),
                );
                return Ok(());
            }
            "formData" => {
                self.warn(
                    at,
                    format!("API Gateway has no form parameters; `{name}` is ignored"),
                );
                return Ok(());
            }
            "body" if self.dialect == Dialect::Swagger2 => {
                let Some(schema) = obj.get("schema") else {
                    return Err(invalid(at, "a body parameter needs a `schema`"));
                };
                let stem = format!("{}Request", cx.model_stem);
                let model = self.model_for(api, schema, &at.key("schema"), &stem)?;
                for content_type in cx.media_types("consumes") {
                    method.request_models.insert(content_type, model.clone());
                }
                return Ok(());
            }
            other => {
                return Err(invalid(
                    &at.key("in"),
                    format!("unknown parameter location `{other}`; use path, query or header"),
                ))
            }
        };
        if place == "path" {
            if !method.request_parameters.contains_key(&key) {
                self.warn(
                    at,
                    format!("the path has no `{{{name}}}` segment; the parameter is ignored"),
                );
            }
            return Ok(());
        }
        method.request_parameters.insert(key, required);
        Ok(())
    }

    /// `responses`, which become method responses.
    fn responses(
        &mut self,
        api: &mut RestApi,
        method: &mut Method,
        value: &'a Value,
        at: &Pointer,
        cx: &OperationContext<'a>,
    ) -> Result<(), Error> {
        for (status, response) in object(value, at, "`responses`")? {
            let rat = at.key(status);
            if !is_status_code(status) {
                // An HTTP API export describes each route's `default` response.
                if !(self.is_http_api() && status == "default") {
                    self.warn(
                        &rat,
                        format!(
                            "API Gateway method responses need a status code; `{status}` is ignored"
                        ),
                    );
                }
                continue;
            }
            let (response, rat) = self.deref(response, &rat)?;
            let response = object(response, &rat, "a response")?;
            let mut declared = MethodResponse {
                status_code: status.clone(),
                ..MethodResponse::default()
            };
            if let Some(headers) = response.get("headers") {
                let hat = rat.key("headers");
                for (name, header) in object(headers, &hat, "the response `headers`")? {
                    let (header, here) = self.deref(header, &hat.key(name))?;
                    let required = match header.get("required") {
                        Some(v) => boolean(v, &here.key("required"), "`required`")?,
                        None => false,
                    };
                    declared
                        .response_parameters
                        .insert(format!("method.response.header.{name}"), required);
                }
            }
            let stem = format!("{}Response{status}", cx.model_stem);
            match self.dialect {
                Dialect::OpenApi3 => {
                    if let Some(content) = response.get("content") {
                        let cat = rat.key("content");
                        for (content_type, media) in
                            object(content, &cat, "the response `content`")?
                        {
                            if let Some(schema) = media.get("schema") {
                                let schema_at = cat.key(content_type).key("schema");
                                let model = self.model_for(api, schema, &schema_at, &stem)?;
                                declared.response_models.insert(content_type.clone(), model);
                            }
                            let mut named = Vec::new();
                            if let Some(example) = media.get("example") {
                                named.push(("default".to_string(), example.clone()));
                            }
                            if let Some(Value::Object(examples)) = media.get("examples") {
                                for (name, example) in examples {
                                    if let Some(value) = example.get("value") {
                                        named.push((name.clone(), value.clone()));
                                    }
                                }
                            }
                            if !named.is_empty() {
                                declared.examples.insert(content_type.clone(), named);
                            }
                        }
                    }
                }
                Dialect::Swagger2 => {
                    if let Some(schema) = response.get("schema") {
                        let model = self.model_for(api, schema, &rat.key("schema"), &stem)?;
                        for content_type in cx.media_types("produces") {
                            declared.response_models.insert(content_type, model.clone());
                        }
                    }
                    if let Some(Value::Object(examples)) = response.get("examples") {
                        for (content_type, example) in examples {
                            declared.examples.insert(
                                content_type.clone(),
                                vec![("default".to_string(), example.clone())],
                            );
                        }
                    }
                }
            }
            method.method_responses.insert(status.clone(), declared);
        }
        Ok(())
    }
}

impl OperationContext<'_> {
    /// Swagger 2 media types of the operation (`consumes` or `produces`): its
    /// own list, else the document's, else `application/json`.
    fn media_types(&self, key: &str) -> Vec<String> {
        let list = self
            .op
            .get(key)
            .or_else(|| self.top.get(key))
            .and_then(Value::as_array);
        let types: Vec<String> = list
            .map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if types.is_empty() {
            vec!["application/json".to_string()]
        } else {
            types
        }
    }
}

/// The stem of generated model names: the operationId, or the method and path
/// (`POST /pets/{id}` -> `PostPetsId`), alphanumeric as model names must be.
fn model_stem(op: &Map<String, Value>, http_method: &str, path: &str) -> String {
    let source = match op.get("operationId").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => format!("{http_method} {path}").to_ascii_lowercase(),
    };
    let mut out = String::new();
    let mut upper = true;
    for c in source.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    out
}
