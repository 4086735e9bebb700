//! Templates as data: each `tests/template-inputs/*` CloudFormation or SAM
//! template (and the two example projects) is read into a gateway, and the
//! snapshot shows the stage, the functions, the warnings and the API as
//! OpenAPI 3.0, or the error (`!!!ERROR!!!`).

use portico::openapi::{export, ExportFormat};
use portico::{Gateway, Options};

fn snapshot_of(text: &str) -> String {
    match Gateway::from_definition(text, Options::default()) {
        Ok(gateway) => {
            let mut out = format!("stage: {}\n", gateway.stage());
            for stage in gateway.stages() {
                for (k, v) in &stage.variables {
                    out.push_str(&format!("variable {k} = {v}\n"));
                }
            }
            out.push_str("functions:\n");
            for f in gateway.functions() {
                out.push_str(&format!("- {f:?}\n"));
            }
            out.push_str("warnings:\n");
            for w in gateway.warnings() {
                out.push_str(&format!("- at {}: {}\n", w.pointer, w.message));
            }
            let doc = export(
                gateway.api(),
                ExportFormat::OpenApi3,
                gateway.stage(),
                gateway.region(),
            );
            out.push_str(&serde_json::to_string_pretty(&doc).unwrap());
            out
        }
        Err(e) => format!("!!!ERROR!!!\n{e}\n"),
    }
}

#[test]
fn template_inputs() {
    insta::glob!("template-inputs/*.{json,yaml,yml}", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(snapshot_of(&text));
    });
}

#[test]
fn the_example_projects() {
    for file in [
        "examples/sam-hello/template.yaml",
        "examples/cdk/cdk.out/ApiStack.template.json",
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.replace('/', "__");
        insta::assert_snapshot!(name, snapshot_of(&text));
    }
}
