//! The state of one import, which every part of it reads and extends: the
//! document, its dialect, what is known so far and the warnings.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::ApiProtocol;
use crate::openapi::intrinsics::Stack;
use crate::openapi::json::{invalid, string, Pointer};
pub use crate::openapi::warning::Warning;

/// The two document formats API Gateway imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    /// OpenAPI 3.0.x.
    OpenApi3,
    /// Swagger 2.0.
    Swagger2,
}

/// One import in progress.
pub(super) struct Importer<'a> {
    /// What was imported with a caveat so far.
    pub(super) warnings: Vec<Warning>,
    /// What CloudFormation pseudo parameters resolve to.
    pub(super) stack: Stack,
    /// The whole document, which `$ref`s point into.
    pub(super) doc: &'a Value,
    /// OpenAPI 3 or Swagger 2, which decides where the parts are.
    pub(super) dialect: Dialect,
    /// The API's id, part of every model URL.
    pub(super) api_id: String,
    /// Security schemes by name, with where they are.
    pub(super) schemes: BTreeMap<String, (Pointer, &'a Map<String, Value>)>,
    /// Where each model's schema is in the document.
    pub(super) model_pointers: BTreeMap<String, Pointer>,
    /// A REST API's document, or an HTTP API's (API Gateway v2) export.
    pub(super) protocol: ApiProtocol,
    /// The settings already warned about as not enforced, so each is
    /// warned about once, not once per method.
    pub(super) unenforced: BTreeSet<String>,
}

impl<'a> Importer<'a> {
    /// A reusable section of the document, where its dialect keeps it:
    /// `components.<name>` in OpenAPI 3, the top-level `swagger2_name` in
    /// Swagger 2; with its pointer.
    pub(super) fn section(
        &self,
        top: &'a Map<String, Value>,
        name: &str,
        swagger2_name: &str,
    ) -> (Option<&'a Value>, Pointer) {
        match self.dialect {
            Dialect::OpenApi3 => (
                top.get("components").and_then(|c| c.get(name)),
                Pointer::root().key("components").key(name),
            ),
            Dialect::Swagger2 => (top.get(swagger2_name), Pointer::root().key(swagger2_name)),
        }
    }

    /// An import of `doc`, whose pseudo parameters name `account_id`.
    pub(super) fn new(doc: &'a Value, account_id: &str) -> Importer<'a> {
        Importer {
            warnings: Vec::new(),
            stack: Stack {
                region: String::new(),
                account_id: account_id.to_string(),
            },
            doc,
            dialect: Dialect::OpenApi3,
            api_id: String::new(),
            schemes: BTreeMap::new(),
            model_pointers: BTreeMap::new(),
            protocol: ApiProtocol::Rest,
            unenforced: BTreeSet::new(),
        }
    }

    /// Records what was imported with a caveat at `at`.
    pub(super) fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.warnings.push(Warning {
            pointer: at.0.clone(),
            message: message.into(),
        });
    }

    /// Records, once per `setting`, that what the document asks for at
    /// `at` is imported but not enforced.
    pub(super) fn warn_unenforced(&mut self, setting: &str, at: &Pointer, message: String) {
        if self.unenforced.insert(setting.to_string()) {
            self.warn(at, message);
        }
    }

    /// Whether the document is an HTTP API's export, which reads some fields its own way.
    pub(super) fn is_http_api(&self) -> bool {
        self.protocol == ApiProtocol::Http
    }

    /// Follows a local `$ref` (`#/...`) to the value it names.
    pub(super) fn deref(
        &self,
        value: &'a Value,
        at: &Pointer,
    ) -> Result<(&'a Value, Pointer), Error> {
        let mut value = value;
        let mut at = at.clone();
        for _ in 0..16 {
            let Some(reference) = value.get("$ref") else {
                return Ok((value, at));
            };
            let reference = string(reference, &at.key("$ref"), "`$ref`")?;
            let pointer = reference.strip_prefix('#').ok_or_else(|| {
                invalid(
                    &at.key("$ref"),
                    format!("`{reference}` is not a local reference; API Gateway's import resolves only references within the document (#/...)"),
                )
            })?;
            value = self.doc.pointer(pointer).ok_or_else(|| {
                invalid(
                    &at.key("$ref"),
                    format!("`{reference}` does not point at anything in the document"),
                )
            })?;
            at = Pointer(pointer.to_string());
        }
        Err(invalid(&at, "the references form a loop"))
    }
}
