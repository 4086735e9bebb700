//! Method execution as data: each `tests/pipeline-inputs/*.json` file is
//! an API and requests against it, with the integration answers scripted (the
//! format is in `tests/common/cases.rs`). Expectations in the files are
//! checked exactly; the snapshot records each whole response.

mod common;

#[test]
fn pipeline_inputs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::glob!("pipeline-inputs/*.json", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(common::cases::run(&input, root));
    });
}
