//! Golden files: the Rust generated for each fixture schema directory,
//! compared byte for byte with the files under `tests/golden/`:
//!
//! - `tests/golden/<case>.rs`: the types (`callflows.rs`), generated for a
//!   crate that uses the runtime as `::kazoo_callflows`; the root crate's
//!   `tests/golden_compile.rs` compiles and runs them under
//!   `#![deny(warnings)]`.
//! - `tests/golden/validators/<case>.rs`: the validators
//!   (`validators.rs`), exactly as `build.rs` generates them inside
//!   `kazoo-callflows` for that directory; CI builds the library from each
//!   fixture directory with warnings denied (clippy) and runs the
//!   validation tests on the keyword fixture (`validate`).
//!
//! The fixtures are small schemas written for these tests that cover every
//! keyword and naming trap the Kazoo schemas have. When the generator
//! changes on purpose, refresh the files with
//! `EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test golden`
//! and review the diff.

use kazoo_callflows_codegen::Config;
use std::path::{Path, PathBuf};

/// The fixture directory of `case`: `tests/fixtures/<case>`, or the root
/// crate's keyword fixture for `validate`.
fn fixture(case: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = match case {
        "validate" => root.join("../tests/fixtures/validate/schemas"),
        _ => root.join("tests/fixtures").join(case),
    };
    assert!(dir.is_dir(), "{} is missing", dir.display());
    dir
}

fn check_types(case: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = Config::new()
        .schemas_dir(fixture(case))
        .runtime_path("::kazoo_callflows")
        .generate()
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    expectorate::assert_contents(
        root.join("tests/golden").join(format!("{case}.rs")),
        generated.rust(),
    );
}

fn check_validators(case: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The settings of the library's build script.
    let generated = Config::new()
        .schemas_dir(fixture(case))
        .schemars(true)
        .generate()
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    expectorate::assert_contents(
        root.join("tests/golden/validators")
            .join(format!("{case}.rs")),
        generated.validators(),
    );
}

#[test]
fn traps() {
    check_types("traps");
}

#[test]
fn draft3() {
    check_types("draft3");
}

#[test]
fn validators_traps() {
    check_validators("traps");
}

#[test]
fn validators_draft3() {
    check_validators("draft3");
}

#[test]
fn validators_refs() {
    check_validators("refs");
}

#[test]
fn validators_docs() {
    check_validators("docs");
}

#[test]
fn validators_validate() {
    check_validators("validate");
}
