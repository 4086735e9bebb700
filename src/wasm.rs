//! wasm-bindgen exports: conversion between JS and `wire` DTOs, no logic.
//!
//! Structured values cross as JSON text (one string each way: far fewer
//! boundary calls than walking JS objects field by field), and bodies as
//! bytes beside it: a request's or a call result's body is an argument, a
//! step's body (response body, call payload or body) is fetched with
//! `takeBytes` right after the call that made the step.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::openapi::{export, ExportFormat};
use crate::wire::{
    CallResultDto, OptionsDto, RequestDto, ResourceDto, StepDto, TestInvokeDto, METHODS,
};
use crate::Gateway;

fn to_json<T: Serialize>(value: &T) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, JsError> {
    serde_json::from_str(text).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// A gateway instance owned by the JS harness.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmGateway {
    inner: Gateway,
    /// Where the harness writes a path for `routeScratch` (no allocation per call).
    path_in: Vec<u8>,
    /// Where `routeScratch` leaves its answer.
    route_out: Vec<u32>,
    /// The bytes of the last step, for `takeBytes`.
    step_bytes: Vec<u8>,
}

#[wasm_bindgen]
impl WasmGateway {
    /// Imports `definition` (JSON or YAML text) with `createGateway`'s
    /// options as JSON text (empty for none).
    #[wasm_bindgen(constructor)]
    pub fn new(definition: &str, options: &str) -> Result<WasmGateway, JsError> {
        let options: OptionsDto = if options.is_empty() {
            OptionsDto::default()
        } else {
            from_json(options, "invalid gateway options")?
        };
        let inner = Gateway::from_definition(definition, options.into())
            .map_err(|e| JsError::new(&e.to_string()))?;
        // Room for the longest answer `routeScratch` can give (the resource,
        // the ANY flag and two ends per path parameter), so its buffer never
        // moves and the harness can keep its address.
        let most_params = inner
            .api()
            .resources
            .iter()
            .map(|r| r.path.matches('{').count())
            .max()
            .unwrap_or(0);
        Ok(WasmGateway {
            inner,
            path_in: Vec::new(),
            route_out: Vec::with_capacity(2 + 2 * most_params),
            step_bytes: Vec::new(),
        })
    }

    /// Starts a request (`{method, path, query, headers, sourceIp,
    /// timeEpochMs, seed}` as JSON text, and its body); returns a step as
    /// JSON text.
    pub fn begin(&mut self, request: &str, body: &[u8]) -> Result<String, JsError> {
        let mut request: RequestDto = from_json(request, "invalid request")?;
        request.body.0 = body.to_vec();
        let step = self.inner.begin(request.into());
        self.step_json(step.into())
    }

    /// Starts a request as `begin` does, keeping its execution log (the
    /// response step's `log`).
    #[wasm_bindgen(js_name = beginLogged)]
    pub fn begin_logged(&mut self, request: &str, body: &[u8]) -> Result<String, JsError> {
        let mut request: RequestDto = from_json(request, "invalid request")?;
        request.body.0 = body.to_vec();
        let step = self.inner.begin_logged(request.into());
        self.step_json(step.into())
    }

    /// Starts a console test invocation (`{request, stageVariables}` as JSON
    /// text, and the request's body); returns a step as JSON text.
    #[wasm_bindgen(js_name = beginTest)]
    pub fn begin_test(&mut self, input: &str, body: &[u8]) -> Result<String, JsError> {
        let mut input: TestInvokeDto = from_json(input, "invalid test invocation")?;
        input.request.body.0 = body.to_vec();
        let step = self.inner.begin_test(input.into());
        self.step_json(step.into())
    }

    /// Continues a request with a call's result (JSON text, and the
    /// payload or body it carries); returns the next step as JSON text.
    pub fn resume(&mut self, id: f64, result: &str, bytes: &[u8]) -> Result<String, JsError> {
        let mut result: CallResultDto = from_json(result, "invalid call result")?;
        match &mut result {
            CallResultDto::Lambda { payload, .. } => payload.0 = bytes.to_vec(),
            CallResultDto::Http { body, .. } => body.0 = bytes.to_vec(),
            _ => {}
        }
        let step = self
            .inner
            .resume(id as u64, result.into())
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.step_json(step.into())
    }

    /// The bytes the last step carries: the response's body, or the call's
    /// payload or body (left out of the step's JSON).
    #[wasm_bindgen(js_name = takeBytes)]
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.step_bytes)
    }

    fn step_json(&mut self, mut step: StepDto) -> Result<String, JsError> {
        self.step_bytes = match &mut step {
            StepDto::Respond { response } => std::mem::take(&mut response.body.0),
            StepDto::Call { call } => call
                .payload
                .take()
                .or_else(|| call.body.take())
                .map(|b| b.0)
                .unwrap_or_default(),
        };
        to_json(&step)
    }

    /// The console's "Enable CORS" on a resource path (options as JSON
    /// text, empty for the console's defaults).
    #[wasm_bindgen(js_name = enableCors)]
    pub fn enable_cors(&mut self, path: &str, options: &str) -> Result<(), JsError> {
        let options: crate::wire::CorsOptionsDto = if options.is_empty() {
            crate::wire::CorsOptionsDto::default()
        } else {
            from_json(options, "invalid CORS options")?
        };
        self.inner
            .enable_cors(path, &options.into())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The routing fast path: `[resource index, 1 if ANY serves it, start0,
    /// end0, start1, end1 ...]` with UTF-16 ranges of the path parameter
    /// values in `path`, or `undefined` for a 403.
    #[wasm_bindgen(js_name = routeSpans)]
    pub fn route_spans(&self, method: &str, path: &str) -> Option<Vec<u32>> {
        let mut out = Vec::new();
        crate::wire::route_spans_utf16(&self.inner, method, path, &mut out).then_some(out)
    }

    /// The address of a reusable area of at least `capacity` bytes, where
    /// the harness writes a path for `routeScratch`.
    #[wasm_bindgen(js_name = pathScratch)]
    pub fn path_scratch(&mut self, capacity: usize) -> *mut u8 {
        self.path_in
            .reserve(capacity.saturating_sub(self.path_in.len()));
        self.path_in.as_mut_ptr()
    }

    /// `routeSpans` for the path the harness wrote to `pathScratch` and a
    /// method given by its index in `wire::METHODS`; the answer is left at
    /// `routeScratchOut` and its length returned (-1 for a 403).
    #[wasm_bindgen(js_name = routeScratch)]
    pub fn route_scratch(&mut self, method: usize, len: usize) -> i32 {
        if len > self.path_in.capacity() {
            return -1;
        }
        // SAFETY: the harness wrote `len` bytes into the reserved capacity.
        unsafe { self.path_in.set_len(len) };
        let (Some(method), Ok(path)) = (METHODS.get(method), std::str::from_utf8(&self.path_in))
        else {
            return -1;
        };
        self.route_out.clear();
        if !crate::wire::route_spans_utf16(&self.inner, method, path, &mut self.route_out) {
            return -1;
        }
        self.route_out.len() as i32
    }

    /// Where `routeScratch` leaves its answers (the same address for the
    /// gateway's lifetime).
    #[wasm_bindgen(js_name = routeScratchOut)]
    pub fn route_scratch_out(&self) -> *const u32 {
        self.route_out.as_ptr()
    }

    /// Every resource, by index: `[{id, path, parameters: [names]}]` as JSON text.
    pub fn resources(&self) -> Result<String, JsError> {
        let list: Vec<ResourceDto> = self
            .inner
            .api()
            .resources
            .iter()
            .map(ResourceDto::from)
            .collect();
        to_json(&list)
    }

    /// The API as OpenAPI 3.0 (`oas30`) or Swagger 2.0 (`swagger`) JSON text.
    pub fn export(&self, format: &str) -> Result<String, JsError> {
        let format = match format {
            "oas30" => ExportFormat::OpenApi3,
            "swagger" => ExportFormat::Swagger2,
            other => {
                return Err(JsError::new(&format!(
                    "unknown export format `{other}`; use oas30 or swagger"
                )))
            }
        };
        Ok(export(
            self.inner.api(),
            format,
            self.inner.stage(),
            self.inner.region(),
        )
        .to_string())
    }

    /// The stage requests are served under.
    #[wasm_bindgen(getter)]
    pub fn stage(&self) -> String {
        self.inner.stage().to_string()
    }

    /// The import's warnings: `[[pointer, message]]` as JSON text.
    pub fn warnings(&self) -> Result<String, JsError> {
        let list: Vec<(&str, &str)> = self
            .inner
            .warnings()
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        to_json(&list)
    }

    /// The Lambda functions the API invokes, as JSON text.
    pub fn functions(&self) -> Result<String, JsError> {
        let list: Vec<crate::wire::FunctionDto> =
            self.inner.functions().iter().map(Into::into).collect();
        to_json(&list)
    }
}

/// The files a SAM template's `DefinitionUri`s name, relative to it, as a
/// JSON array (`templateFiles`); `null` for an OpenAPI document.
#[wasm_bindgen(js_name = templateFiles)]
pub fn template_files(definition: &str) -> Result<String, JsError> {
    let paths =
        crate::template::definition_files(definition).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(serde_json::to_string(&paths).expect("strings serialize"))
}

/// A mapping template parsed once, rendered many times (`renderTemplate`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmTemplate {
    engine: crate::vtl::Engine,
    template: crate::vtl::Template,
}

#[wasm_bindgen]
impl WasmTemplate {
    /// Parses a template with API Gateway's settings; throws a string, the
    /// JSON text of `{message, line, column}`, when it does not parse.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str) -> Result<WasmTemplate, JsValue> {
        let engine = crate::vtl::Engine::new(crate::vtl::Config::api_gateway());
        match engine.parse(source) {
            Ok(template) => Ok(WasmTemplate { engine, template }),
            Err(e) => Err(JsValue::from_str(
                &serde_json::to_string(&crate::wire::TemplateErrorDto::from(&e))
                    .unwrap_or_default(),
            )),
        }
    }

    /// Renders against `{body, headers, query, path, context, stageVariables}`
    /// given as JSON text (one string crosses the boundary instead of many
    /// property reads): `{output}` or `{error: {message, line, column}}`,
    /// as JSON text.
    pub fn render(&self, input_json: &str) -> Result<String, JsError> {
        let input: crate::wire::TemplateInputDto = serde_json::from_str(input_json)
            .map_err(|e| JsError::new(&format!("invalid template input: {e}")))?;
        to_json(&crate::wire::render_template(
            &self.engine,
            &self.template,
            input,
        ))
    }
}

/// A JSON Schema draft-04 schema compiled once (`compileSchema`, `validate`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmSchema {
    schema: crate::schema::Schema,
}

#[wasm_bindgen]
impl WasmSchema {
    /// Compiles `schema` (JSON text); `documents` is `{"uri": schema}` as
    /// JSON text for the `$ref`s to other documents. Throws an Error naming
    /// the place when the schema is not valid draft-04.
    #[wasm_bindgen(constructor)]
    pub fn new(schema: &str, documents: &str, base_uri: &str) -> Result<WasmSchema, JsError> {
        crate::wire::compile_schema(schema, documents, base_uri)
            .map(|schema| WasmSchema { schema })
            .map_err(|e| JsError::new(&e))
    }

    /// Validates JSON text: `""` when valid, else the errors as JSON text.
    #[wasm_bindgen(js_name = validateText)]
    pub fn validate_text(&self, text: &str) -> String {
        crate::wire::validate_text(&self.schema, text)
    }
}

/// Fault injection for the harness's tests: panics inside the wasm, which
/// the harness must contain (a 500 for the request, a fresh instance after).
#[wasm_bindgen(js_name = __porticoPanicForTests)]
pub fn panic_for_tests() {
    panic!("a panic requested by the harness's containment test");
}
