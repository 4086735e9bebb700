//! Import as data: each `tests/openapi-inputs/*` document (JSON or YAML) is
//! imported and the snapshot shows the model and the warnings, or the error
//! (`!!!ERROR!!!`). Files named `strict_*` import with `fail_on_warnings`,
//! files named `as_http_*` as an HTTP API whatever the document holds.
//! A second test exports every example and input to OpenAPI 3.0 and
//! Swagger 2.0 and imports it again: the API must come back unchanged.

use std::path::Path;

use portico::model::{ApiProtocol, RestApi};
use portico::openapi::{export, import, ExportFormat, ImportOptions};

fn options(path: &Path) -> ImportOptions {
    let name = path.file_name().unwrap().to_string_lossy();
    ImportOptions {
        fail_on_warnings: name.starts_with("strict_"),
        api_type: name.starts_with("as_http_").then_some(ApiProtocol::Http),
        ..ImportOptions::default()
    }
}

#[test]
fn openapi_inputs() {
    insta::glob!("openapi-inputs/*.{json,yaml,yml}", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let snapshot = match import(&text, &options(path)) {
            Ok(imported) => {
                let mut out = format!("{:#?}\n", imported.api);
                out.push_str("\nwarnings:\n");
                for w in &imported.warnings {
                    out.push_str(&format!("- at {}: {}\n", w.pointer, w.message));
                }
                out
            }
            Err(e) => format!("!!!ERROR!!!\n{e}\n"),
        };
        insta::assert_snapshot!(snapshot);
    });
}

/// The API without what only describes the document it came from, its
/// resources in path order (the order of paths in a document carries no meaning).
fn without_hints(mut api: RestApi) -> RestApi {
    api.deployment = Default::default();
    let paths: Vec<String> = api.resources.iter().map(|r| r.path.clone()).collect();
    for r in &mut api.resources {
        r.parent = r.parent.map(|p| {
            let parent_path = &paths[p];
            let mut sorted = paths.clone();
            sorted.sort();
            sorted.iter().position(|q| q == parent_path).unwrap()
        });
    }
    api.resources.sort_by(|a, b| a.path.cmp(&b.path));
    api
}

/// Whether Swagger 2.0 can say everything about the API's media types: one
/// request model for all request media types, and each response's models
/// exactly the operation's `produces`.
fn swagger_expressible(api: &RestApi) -> bool {
    api.resources
        .iter()
        .flat_map(|r| r.methods.values())
        .all(|m| {
            let request_models: std::collections::BTreeSet<_> = m.request_models.values().collect();
            let produces: std::collections::BTreeSet<_> = m
                .method_responses
                .values()
                .flat_map(|r| r.response_models.keys())
                .collect();
            request_models.len() <= 1
                && m.method_responses.values().all(|r| {
                    let models: std::collections::BTreeSet<_> =
                        r.response_models.values().collect();
                    r.response_models.is_empty()
                        || (models.len() == 1
                            && r.response_models
                                .keys()
                                .collect::<std::collections::BTreeSet<_>>()
                                == produces)
                })
        })
}

#[test]
fn export_then_import_gives_the_same_api() {
    let mut documents = Vec::new();
    for dir in ["tests/openapi-inputs", "examples"] {
        for entry in walk(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)) {
            let ext = entry
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            if matches!(ext, "json" | "yaml" | "yml") {
                documents.push(entry);
            }
        }
    }
    assert!(
        documents.len() >= 10,
        "expected the examples and inputs, found {documents:?}"
    );
    let mut checked = 0;
    for path in documents {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(first) = import(&text, &options(&path)) else {
            continue;
        };
        for format in [ExportFormat::OpenApi3, ExportFormat::Swagger2] {
            let exported = export(&first.api, format, "dev", "us-east-1");
            // Imported again into the same kind of API, as on AWS.
            let same_kind = ImportOptions {
                api_type: Some(first.api.protocol),
                ..ImportOptions::default()
            };
            let again = import(&exported.to_string(), &same_kind).unwrap_or_else(|e| {
                panic!(
                    "{}: the {format:?} export does not import: {e}\n{exported:#}",
                    path.display()
                )
            });
            if format == ExportFormat::OpenApi3 || swagger_expressible(&first.api) {
                assert_eq!(
                    without_hints(again.api.clone()),
                    without_hints(first.api.clone()),
                    "{}: {format:?} round trip changed the API",
                    path.display()
                );
            }
            let exported_again = export(&again.api, format, "dev", "us-east-1");
            assert_eq!(
                exported_again,
                exported,
                "{}: {format:?} export is not a fixpoint",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} documents imported");
}

fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}
