//! Apache Velocity 1.7's own test corpus (../shared/conformance/velocity-1.7):
//! every selected template and every inline case renders byte for byte.
//! Under CI=true a missing corpus is a failure, never a silent skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use portico::vtl::{Config, Engine, Vars};
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/velocity-1.7");
    if dir.join("manifest.json").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the Velocity corpus is missing at {} (CI=true: a missing corpus is a failure)",
        dir.display()
    );
    eprintln!("skipping: the Velocity corpus is not at {}", dir.display());
    None
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
