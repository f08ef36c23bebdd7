//! Golden files: the Rust generated for each fixture schema directory under
//! `tests/fixtures/`, compared byte for byte with `tests/golden/<case>.rs`.
//!
//! The fixtures are small schemas written for these tests that cover every
//! keyword and naming trap the Kazoo schemas have. When the generator
//! changes on purpose, refresh the files with
//! `EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test golden`
//! and review the diff. The root crate's `tests/golden_compile.rs` compiles
//! and runs them under `#![deny(warnings)]`.

use kazoo_callflows_codegen::Config;
use std::path::Path;

fn check(case: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = Config::new()
        .schemas_dir(root.join("tests/fixtures").join(case))
        .runtime_path("::kazoo_callflows")
        .generate()
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    expectorate::assert_contents(
        root.join("tests/golden").join(format!("{case}.rs")),
        &generated.rust,
    );
}

#[test]
fn traps() {
    check("traps");
}

#[test]
fn draft3() {
    check("draft3");
}
