//! Request validation as data: each `tests/validation-inputs/*.json` file is
//! an API with request validators and models, and requests against it (the
//! format is in `tests/common/cases.rs`). Expectations in the files are
//! checked exactly; the snapshot records each whole response.

mod common;

#[test]
fn validation_inputs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::glob!("validation-inputs/*.json", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(common::cases::run(&input, root));
    });
}
