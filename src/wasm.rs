//! wasm-bindgen exports: conversion between JS values and `wire` DTOs, no logic.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::wire::{CallResultDto, OptionsDto, RequestDto, StepDto, TestInvokeDto};
use crate::Gateway;

/// Plain objects and `null`s as JSON would have them; bodies as `Uint8Array`.
const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false);

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// A gateway instance owned by the JS harness.
#[wasm_bindgen]
pub struct WasmGateway {
    inner: Gateway,
}

#[wasm_bindgen]
impl WasmGateway {
    /// Imports `definition` (JSON or YAML text) with `createGateway`'s options.
    #[wasm_bindgen(constructor)]
    pub fn new(definition: &str, options: JsValue) -> Result<WasmGateway, JsError> {
        let options: OptionsDto = if options.is_undefined() || options.is_null() {
            OptionsDto::default()
        } else {
            from_js(options, "invalid gateway options")?
        };
        let inner = Gateway::from_definition(definition, options.into())
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(WasmGateway { inner })
    }

    /// Starts a request; returns a step.
    pub fn begin(&mut self, request: JsValue) -> Result<JsValue, JsError> {
        let request: RequestDto = from_js(request, "invalid request")?;
        to_js(&StepDto::from(self.inner.begin(request.into())))
    }

    /// Starts a console test invocation; returns a step.
    #[wasm_bindgen(js_name = beginTest)]
    pub fn begin_test(&mut self, input: JsValue) -> Result<JsValue, JsError> {
        let input: TestInvokeDto = from_js(input, "invalid test invocation")?;
        to_js(&StepDto::from(self.inner.begin_test(input.into())))
    }

    /// Continues a request with a call's result; returns the next step.
    pub fn resume(&mut self, id: f64, result: JsValue) -> Result<JsValue, JsError> {
        let result: CallResultDto = from_js(result, "invalid call result")?;
        let step = self
            .inner
            .resume(id as u64, result.into())
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&StepDto::from(step))
    }

    /// The import's warnings: `[{pointer, message}]`.
    pub fn warnings(&self) -> Result<JsValue, JsError> {
        let list: Vec<(&str, &str)> = self
            .inner
            .warnings()
            .iter()
            .map(|w| (w.pointer.as_str(), w.message.as_str()))
            .collect();
        to_js(&list)
    }
}
