//! Mermaid's own parser for the integration tests: the npm packages
//! `.ci/install-test-tools` installs (mermaid and jsdom, in
//! `.cache/npm-mermaid`) and `mermaid_parse.mjs`, which parses files with
//! them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The node_modules with mermaid and jsdom: `$MERMAID_NODE_MODULES`, else
/// where `.ci/install-test-tools` puts them.
pub fn node_modules() -> PathBuf {
    let modules = std::env::var_os("MERMAID_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| here().join("../.cache/npm-mermaid/node_modules"));
    assert!(
        modules.join("mermaid/dist/mermaid.core.mjs").is_file() && modules.join("jsdom").is_dir(),
        "Mermaid's parser is missing from {}: run .ci/install-test-tools (it installs mermaid and \
         jsdom into .cache/npm-mermaid), or point MERMAID_NODE_MODULES at a node_modules that has them",
        modules.display()
    );
    modules
}

/// Runs `mermaid_parse.mjs` on `files`: exit 0 when every one parses;
/// stdout has one `FILE: TYPE` line per file.
pub fn parse(files: &[PathBuf]) -> Output {
    Command::new("node")
        .arg(here().join("tests/mermaid_parse.mjs"))
        .args(files)
        .env("MERMAID_NODE_MODULES", node_modules())
        .output()
        .expect("node runs (install Debian's nodejs)")
}
