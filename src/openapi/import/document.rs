//! The entry points and the document as a whole: its version and `info`,
//! where it says the API is deployed, and the order its parts are read in.

use serde_json::{Map, Value};

use super::http_api::guess_api_type;
use super::importer::{Dialect, Importer, Warning};
use crate::error::{Error, ErrorKind};
use crate::model::{ApiProtocol, DeploymentHint, RestApi};
use crate::openapi::intrinsics::{contains_intrinsics, Resolver, Stack};
use crate::openapi::json::{invalid, object, string, Pointer};
use crate::openapi::yaml;

/// The result of an import: the API and what was imported with a caveat.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The imported API.
    pub api: RestApi,
    /// Parts imported with a caveat (or ignored).
    pub warnings: Vec<Warning>,
}

/// How to import: the ids a document does not carry, and strictness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The API id; else the one in an execute-api server URL; else `a1b2c3d4e5`.
    pub api_id: Option<String>,
    /// The region CloudFormation pseudo parameters resolve to; else the
    /// one in an execute-api server URL; else `us-east-1`.
    pub region: Option<String>,
    /// The account CloudFormation pseudo parameters resolve to.
    pub account_id: String,
    /// Treat every warning as an error.
    pub fail_on_warnings: bool,
    /// The kind of API to create, as the API Gateway endpoint imported into
    /// decides; else guessed from the document (see [`ApiProtocol`]).
    pub api_type: Option<ApiProtocol>,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions {
            api_id: None,
            region: None,
            account_id: "123456789012".to_string(),
            fail_on_warnings: false,
            api_type: None,
        }
    }
}

/// The API id used when neither the options nor the document give one.
pub const DEFAULT_API_ID: &str = "a1b2c3d4e5";

/// Parses a definition given as JSON or YAML text.
///
/// # Errors
///
/// Text that is neither; the error gives the line and column.
pub fn parse_document(text: &str) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| {
            // serde_json's message ends with its own "at line L column C".
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            Error::new(
                ErrorKind::Syntax,
                format!("the definition is not valid JSON: {message}"),
            )
            .at_line(e.line(), e.column())
        })
    } else {
        yaml::parse(text).map_err(|e| {
            Error::new(
                ErrorKind::Syntax,
                format!("the definition is not valid YAML: {}", e.message),
            )
            .at_line(e.line, e.column)
        })
    }
}

/// A YAML text parsed as CloudFormation reads templates: a key written
/// twice in one mapping takes its last value (JSON parses that way
/// already); with a warning for each duplicate, at its line.
pub(crate) fn parse_last_wins(text: &str) -> Result<(Value, Vec<Warning>), Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        return parse_document(text).map(|doc| (doc, Vec::new()));
    }
    let (doc, replaced) = yaml::parse_last_wins(text).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
            format!("the definition is not valid YAML: {}", e.message),
        )
        .at_line(e.line, e.column)
    })?;
    let warnings = replaced
        .into_iter()
        .map(|e| {
            let key = e.message.split('"').nth(1).unwrap_or_default().to_string();
            Warning {
                pointer: String::new(),
                message: format!("line {}, column {}: the key `{key}` appears more than once in its mapping; CloudFormation keeps the last value, and so does Portico: remove the duplicate", e.line, e.column),
            }
        })
        .collect();
    Ok((doc, warnings))
}

/// Imports an OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML text).
///
/// # Errors
///
/// A document that does not parse, is not OpenAPI 3.0 / Swagger 2.0, or
/// whose API Gateway extensions are malformed; the error names the JSON
/// pointer. With `fail_on_warnings`, also any warning.
///
/// ```
/// use portico::openapi::{import, ImportOptions};
/// let doc = "openapi: 3.0.1\ninfo: {title: Pets, version: '1'}\npaths: {}\n";
/// let imported = import(doc, &ImportOptions::default()).unwrap();
/// assert_eq!(imported.api.name, "Pets");
/// ```
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, Error> {
    import_value(&parse_document(text)?, options)
}

/// Imports a document already parsed into JSON values.
///
/// # Errors
///
/// As [`import`].
pub fn import_value(doc: &Value, options: &ImportOptions) -> Result<Imported, Error> {
    super::source::refuse_external_references(doc, &Pointer::root())?;
    super::source::refuse_unsubstituted_pseudo_parameters(doc, &Pointer::root())?;
    if !contains_intrinsics(doc) {
        return import_resolved(doc, options, Vec::new());
    }
    // Intrinsics anywhere (a SAM `DefinitionUri` file, an `AWS::Include`
    // snippet) resolve first, so every reader below sees plain values.
    let stack = Stack {
        region: options
            .region
            .clone()
            .or_else(|| region_hint(doc))
            .unwrap_or_else(|| "us-east-1".to_string()),
        account_id: options.account_id.clone(),
    };
    let mut resolver = Resolver::new(&stack, None);
    let resolved = resolver.tree(doc, &Pointer::root())?.unwrap_or(Value::Null);
    import_resolved(&resolved, options, resolver.warnings)
}

/// The region an execute-api URL in the document names, if any.
fn region_hint(doc: &Value) -> Option<String> {
    let top = doc.as_object()?;
    let mut importer = Importer::new(doc, "");
    if top.contains_key("swagger") {
        importer.dialect = Dialect::Swagger2;
    }
    importer.deployment(top).ok()?.region
}

/// Imports a document free of intrinsics; `warnings` are what resolving
/// them left.
fn import_resolved(
    doc: &Value,
    options: &ImportOptions,
    warnings: Vec<Warning>,
) -> Result<Imported, Error> {
    let mut importer = Importer::new(doc, &options.account_id);
    importer.warnings = warnings;
    let api = importer.document(options)?;
    if let Err(e) = crate::model::CompiledModels::compile(&api) {
        let (sentence, pointer) = e.problem.describe();
        let at = importer
            .model_pointers
            .get(&e.model)
            .map(|p| format!("{}{pointer}", p.0))
            .unwrap_or_default();
        return Err(Error::new(
            ErrorKind::InvalidDefinition,
            format!("the model `{}` {sentence}", e.model),
        )
        .at(at));
    }
    let warnings = importer.warnings;
    if options.fail_on_warnings {
        if let Some(error) = warnings_as_error(&warnings) {
            return Err(error);
        }
    }
    Ok(Imported { api, warnings })
}

/// `failOnWarnings`' error listing every warning, at the first one; `None`
/// when there are none.
pub(crate) fn warnings_as_error(warnings: &[Warning]) -> Option<Error> {
    let first = warnings.first()?;
    let listed: Vec<String> = warnings
        .iter()
        .map(|w| format!("at {}: {}", in_words(&w.pointer), w.message))
        .collect();
    Some(
        Error::new(
            ErrorKind::Unsupported,
            format!(
                "failOnWarnings is set and the import has {} warning(s): {}",
                warnings.len(),
                listed.join("; ")
            ),
        )
        .at(first.pointer.clone()),
    )
}

/// A JSON pointer as a message names it (the root's is empty).
fn in_words(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document root"
    } else {
        pointer
    }
}

impl<'a> Importer<'a> {
    /// The API a whole document describes.
    fn document(&mut self, options: &ImportOptions) -> Result<RestApi, Error> {
        let root = Pointer::root();
        let top = object(self.doc, &root, "the definition")?;
        self.dialect = self.dialect_of(top)?;

        let info_at = root.key("info");
        let info = object(
            top.get("info").ok_or_else(|| {
                invalid(
                    &root,
                    "the definition has no `info`; it holds the API's name (`info.title`)",
                )
            })?,
            &info_at,
            "`info`",
        )?;

        self.protocol = match options.api_type {
            Some(chosen) => chosen,
            None if self.dialect == Dialect::OpenApi3 => guess_api_type(top),
            None => ApiProtocol::Rest,
        };
        let hint = self.deployment(top)?;
        self.stack.region = options
            .region
            .clone()
            .or_else(|| hint.region.clone())
            .unwrap_or_else(|| "us-east-1".to_string());
        let title = info
            .get("title")
            .ok_or_else(|| invalid(&info_at, "`info` has no `title`, the API's name"))?;
        // SAM templates name APIs after their stack: `!Sub ${AWS::StackName}-api`.
        let name = self.stack.resolve(title, &info_at.key("title"))?;
        self.api_id = options
            .api_id
            .clone()
            .or_else(|| hint.api_id.clone())
            .unwrap_or_else(|| DEFAULT_API_ID.to_string());
        let mut api = RestApi::new(&self.api_id, &name);
        api.deployment = hint;
        api.protocol = self.protocol;
        if let Some(d) = info.get("description") {
            api.description =
                Some(string(d, &info_at.key("description"), "`info.description`")?.to_string());
        }
        if let Some(v) = info.get("version") {
            api.version = Some(match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
        }

        self.api_extensions(top, &mut api)?;
        self.models(top, &mut api)?;
        self.security_schemes(top, &mut api)?;

        let paths_at = root.key("paths");
        let paths = object(
            top.get("paths")
                .ok_or_else(|| invalid(&root, "the definition has no `paths` object"))?,
            &paths_at,
            "`paths`",
        )?;
        for (path, item) in paths {
            self.path_item(&mut api, path, item, &paths_at.key(path), top)?;
        }
        Ok(api)
    }

    /// OpenAPI 3.0 or Swagger 2.0, from `openapi` / `swagger`. A version
    /// written as a YAML or JSON number (`swagger: 2.0`) is read as its text,
    /// as API Gateway's import reads it.
    fn dialect_of(&self, top: &Map<String, Value>) -> Result<Dialect, Error> {
        let root = Pointer::root();
        let version = |key: &str| match top.get(key) {
            Some(Value::String(v)) => Some(v.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(other) => Some(other.to_string()),
            None => None,
        };
        match (version("openapi"), version("swagger")) {
            (Some(v), _) if v.starts_with("3.0") => Ok(Dialect::OpenApi3),
            (Some(v), _) if v.starts_with("3.") => Err(invalid(
                &root.key("openapi"),
                format!("OpenAPI {v} is not supported by API Gateway's import; use 3.0.x"),
            )),
            (_, Some(v)) if v == "2.0" => Ok(Dialect::Swagger2),
            (Some(v), _) | (_, Some(v)) => Err(invalid(
                &root,
                format!("unsupported document version {v}; use OpenAPI 3.0.x or Swagger 2.0"),
            )),
            (None, None) => Err(invalid(
                &root,
                "the definition has neither `openapi` nor `swagger`; expected an OpenAPI 3.0 or Swagger 2.0 document",
            )),
        }
    }

    /// Where the document says the API is deployed: OpenAPI 3 `servers`,
    /// Swagger 2 `host` and `basePath`.
    fn deployment(&mut self, top: &'a Map<String, Value>) -> Result<DeploymentHint, Error> {
        let mut hint = DeploymentHint::default();
        let root = Pointer::root();
        let mut urls = Vec::new();
        match self.dialect {
            Dialect::OpenApi3 => {
                if let Some(servers) = top.get("servers") {
                    let at = root.key("servers");
                    let list = match servers {
                        Value::Array(list) => list.iter().collect::<Vec<_>>(),
                        Value::Object(_) => {
                            self.warn(&at, "`servers` is a list of servers; this one server object is read as the list's only entry");
                            vec![servers]
                        }
                        _ => return Err(invalid(&at, "`servers` must be a list")),
                    };
                    let single = matches!(servers, Value::Object(_));
                    for (i, server) in list.into_iter().enumerate() {
                        let sat = if single { at.clone() } else { at.index(i) };
                        let server = object(server, &sat, "a server")?;
                        let Some(url) = server.get("url") else {
                            continue;
                        };
                        let mut url = string(url, &sat.key("url"), "a server `url`")?.to_string();
                        if let Some(vars) = server.get("variables") {
                            for (name, var) in
                                object(vars, &sat.key("variables"), "server `variables`")?
                            {
                                let default = var
                                    .get("default")
                                    .and_then(Value::as_str)
                                    .unwrap_or_default();
                                url = url.replace(&format!("{{{name}}}"), default);
                            }
                        }
                        urls.push(url);
                    }
                }
            }
            Dialect::Swagger2 => {
                let host = top.get("host").and_then(Value::as_str).unwrap_or_default();
                let base = top.get("basePath").and_then(Value::as_str).unwrap_or("/");
                if !host.is_empty() || base != "/" {
                    urls.push(format!("https://{host}{base}"));
                }
            }
        }
        for url in urls {
            let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(&url);
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let path = path.trim_matches('/');
            if !host.is_empty() && !host.contains('{') {
                let labels: Vec<&str> = host.split('.').collect();
                if labels.len() >= 4 && labels[1] == "execute-api" {
                    hint.api_id.get_or_insert_with(|| labels[0].to_string());
                    hint.region.get_or_insert_with(|| labels[2].to_string());
                }
                if !hint.hosts.iter().any(|h| h == host) {
                    hint.hosts.push(host.to_string());
                }
            }
            // An export's base path is its stage; only a single segment can be one.
            if !path.is_empty() && !path.contains('/') && !path.contains('{') {
                hint.stage.get_or_insert_with(|| path.to_string());
            }
        }
        Ok(hint)
    }
}
