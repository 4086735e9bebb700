//! Apache Velocity 1.7's own test corpus: every selected template and every inline case
//! renders byte for byte.
//!
//! The corpus is not in the repository; `suite_location` finds it, and fails with instructions
//! when it is missing.

mod suite_location;

use std::collections::BTreeMap;
use std::path::PathBuf;

use portico::vtl::{Config, Engine, Vars};
use serde_json::Value;
use suite_location::Suite;

const SUITE: Suite = Suite {
    name: "Apache Velocity 1.7's test corpus",
    folder: "velocity-1.7",
    marker: "manifest.json",
    how_to_get: "It is a selection from apache/velocity-engine at tag 1.7 (commit \
                 e0383483e1b0ab37874e09f31e71bf01143f8238, Apache-2.0): 24 of the 49 template \
                 tests (templates/, expected/, manifest.json) and 181 inline cases from the Java \
                 unit tests (strings.json), with a README giving the selection rules. It is not \
                 in upstream's layout, so a clone of velocity-engine will not do: copy the \
                 project's shared conformance/velocity-1.7 folder to {dir}.",
};

fn corpus() -> Option<PathBuf> {
    SUITE.locate()
}

/// `BaseTestCase.isMatch`: `\r\n` and `\r\r\n` count as `\n` on both sides.
fn normalise(text: &str) -> String {
    text.replace("\r\r\n", "\n").replace("\r\n", "\n")
}

#[test]
fn template_tests_render_their_comparison_files() {
    let Some(dir) = corpus() else { return };
    let manifest: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let templates = dir.join("templates");
    let mut failures = Vec::new();
    for case in &manifest {
        let name = case["name"].as_str().unwrap();
        let root = templates.clone();
        let engine = Engine::new(Config::velocity()).with_loader(Box::new(move |file| {
            std::fs::read_to_string(root.join(file)).ok()
        }));
        let library = std::fs::read_to_string(templates.join("VM_global_library.vm")).unwrap();
        engine
            .load_library(&library)
            .expect("the global library parses");
        let source = std::fs::read_to_string(dir.join(case["template"].as_str().unwrap())).unwrap();
        let expected =
            std::fs::read_to_string(dir.join(case["expected"].as_str().unwrap())).unwrap();
        let rendered = engine
            .parse(&source)
            .and_then(|t| engine.render(&t, &mut Vars::default()));
        match rendered {
            Ok(out) if normalise(&out) == normalise(&expected) => {}
            Ok(out) => failures.push(format!(
                "{name}: output differs\n--- expected\n{}\n--- got\n{}",
                normalise(&expected),
                normalise(&out)
            )),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    println!(
        "velocity-1.7 templates: {} of {} render exactly",
        manifest.len() - failures.len(),
        manifest.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn inline_cases_render_their_expected_strings() {
    let Some(dir) = corpus() else { return };
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("strings.json")).unwrap()).unwrap();
    // Cases of one test method share an engine and a context, in order.
    let mut groups: BTreeMap<(String, String), Vec<&Value>> = BTreeMap::new();
    let mut order = Vec::new();
    for case in &cases {
        let key = (
            case["source"].as_str().unwrap().to_string(),
            case["test"].as_str().unwrap().to_string(),
        );
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(case);
    }
    let mut failures = Vec::new();
    for key in order {
        let group = &groups[&key];
        let mut config = Config::velocity();
        for (property, value) in group[0]["config"].as_object().unwrap() {
            config.set(property, value.as_str().unwrap()).unwrap();
        }
        let engine = Engine::new(config);
        let mut vars = Vars::default();
        for case in group {
            let template = case["template"].as_str().unwrap();
            let expected = case["expected"].as_str().unwrap();
            let rendered = engine
                .parse(template)
                .and_then(|t| engine.evaluate(&t, &mut vars));
            match rendered {
                Ok(out) if out == expected => {}
                Ok(out) => failures.push(format!(
                    "{}#{}: {template:?}\n  expected {expected:?}\n  got      {out:?}",
                    key.0, key.1
                )),
                Err(e) => failures.push(format!("{}#{}: {template:?}\n  error {e}", key.0, key.1)),
            }
        }
    }
    println!(
        "velocity-1.7 inline cases: {} of {} render exactly",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
