//! A definition as `Gateway::from_definition` takes it: an OpenAPI
//! document, or a CloudFormation / SAM template whose API is translated to
//! one first; with the Lambda functions it invokes.

use crate::error::Error;
use crate::model::RestApi;
use crate::openapi::{self, ImportOptions, Warning};
use crate::template::{self, FunctionInfo, TemplateOptions};

use super::deployed::Options;

/// An imported definition.
pub(super) struct Definition {
    pub api: RestApi,
    pub warnings: Vec<Warning>,
    pub functions: Vec<FunctionInfo>,
}

/// Imports a definition; a template's stage and stage variables become the
/// options' defaults.
pub(super) fn import(text: &str, options: &mut Options) -> Result<Definition, Error> {
    // CloudFormation reads a template's duplicate keys last-wins; an
    // OpenAPI document keeps the strict error.
    let (doc, duplicates) = match openapi::parse_document(text) {
        Ok(doc) => (doc, Vec::new()),
        Err(strict) => match openapi::parse_last_wins(text) {
            Ok((doc, duplicates)) if !duplicates.is_empty() && template::is_template(&doc) => {
                (doc, duplicates)
            }
            _ => return Err(strict),
        },
    };
    let mut import_options = ImportOptions {
        api_id: options.api_id.clone(),
        region: options.region.clone(),
        account_id: options.account_id.clone(),
        fail_on_warnings: options.fail_on_warnings,
        api_type: options.api_type,
    };
    if !template::is_template(&doc) {
        let imported = openapi::import_value(&doc, &import_options)?;
        let functions = template::invoked(&imported.api);
        return Ok(Definition {
            api: imported.api,
            warnings: imported.warnings,
            functions,
        });
    }
    let region = options
        .region
        .clone()
        .unwrap_or_else(|| "us-east-1".to_string());
    let translated = template::translate(
        &doc,
        &TemplateOptions {
            api: options.api.as_deref(),
            parameters: Some(&options.parameters),
            files: Some(&options.files),
            region: region.clone(),
            account_id: options.account_id.clone(),
        },
    )?;
    import_options.region = Some(region);
    import_options.fail_on_warnings = false;
    let imported =
        openapi::import_value(&translated.document, &import_options).map_err(|e| {
            match e.pointer().map(|p| translated.origin_of(p)) {
                Some(origin) => e.at(origin),
                None => e,
            }
        })?;
    let mut warnings = duplicates;
    warnings.extend(translated.warnings.iter().cloned());
    warnings.extend(imported.warnings.into_iter().map(|w| Warning {
        pointer: translated.origin_of(&w.pointer),
        message: w.message,
    }));
    if options.stage.is_none() {
        options.stage = translated.stage.clone();
    }
    for (name, value) in &translated.stage_variables {
        options
            .stage_variables
            .entry(name.clone())
            .or_insert_with(|| value.clone());
    }
    let functions = template::invoked(&imported.api)
        .into_iter()
        .map(|used| {
            let declared = translated.functions.iter().find(|f| {
                f.function_name.as_deref() == Some(used.name.as_str())
                    || f.logical_id.as_deref() == Some(used.name.as_str())
            });
            let pointer = translated.origin_of(&used.pointer);
            match declared {
                Some(declared) => FunctionInfo {
                    name: used.name,
                    arn: used.arn,
                    pointer,
                    ..declared.clone()
                },
                None => FunctionInfo { pointer, ..used },
            }
        })
        .collect();
    if options.fail_on_warnings {
        if let Some(error) = openapi::warnings_as_error(&warnings) {
            return Err(error);
        }
    }
    Ok(Definition {
        api: imported.api,
        warnings,
        functions,
    })
}
