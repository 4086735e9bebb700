//! Where the third-party conformance suites are, and what someone without
//! them is told.
//!
//! The suites are kept unchanged outside the repository, in the project's
//! shared `conformance/` folder next to the checkout. A missing suite fails
//! the test with instructions: `cargo test` hides what a passing test prints,
//! so a skip that only prints would pass unnoticed. Skipping is possible, but
//! only when asked for with `PORTICO_SKIP_CONFORMANCE=1`, and never under
//! `CI=true`.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A conformance suite kept outside the repository.
pub struct Suite {
    /// What the suite is, as the messages name it.
    pub name: &'static str,
    /// Its folder in the shared `conformance/` folder.
    pub folder: &'static str,
    /// A path inside the folder that is there when the suite is.
    pub marker: &'static str,
    /// How to get it; `{dir}` stands for the folder it goes in.
    pub how_to_get: &'static str,
}

impl Suite {
    /// The suite's folder, or `None` when it is missing and skipping was asked for.
    ///
    /// # Panics
    ///
    /// When the suite is missing, unless `PORTICO_SKIP_CONFORMANCE=1` is set
    /// outside CI.
    pub fn locate(&self) -> Option<PathBuf> {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
        let beside = checkout.parent().unwrap_or(checkout);
        let dir = beside.join("shared/conformance").join(self.folder);
        if dir.join(self.marker).exists() {
            return Some(dir);
        }
        let missing = format!("{} is missing: nothing at {}", self.name, dir.display());
        let how_to_get = self.how_to_get.replace("{dir}", &dir.display().to_string());
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{missing} (CI=true: a missing suite is a failure).\n\n{how_to_get}");
        }
        if std::env::var("PORTICO_SKIP_CONFORMANCE").as_deref() == Ok("1") {
            // Straight to the stream: libtest captures `eprintln!` of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED (PORTICO_SKIP_CONFORMANCE=1): {missing}"
            );
            return None;
        }
        panic!(
            "{missing}.\n\n{how_to_get}\n\nTo run the other tests without it, on purpose: \
             PORTICO_SKIP_CONFORMANCE=1 cargo test (CONTRIBUTING.md, \"Conformance corpora\")."
        );
    }
}
