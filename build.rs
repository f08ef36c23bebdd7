//! Build script: generates the callflow types from a Kazoo schema directory
//! into `OUT_DIR`, where `src/lib.rs` includes them.
//!
//! The directory is `KAZOO_SCHEMAS_DIR` when set (relative paths are taken
//! from this package's root); else, on docs.rs (`DOCS_RS` set), which has no
//! Kazoo checkout, the small directory `docs-rs-schemas/` written for this
//! project; else `schemas/` (in this repository a symlink to
//! `../shared/kazoo/schemas/master`). Without any of them the build stops with an
//! error that says how to set the variable. Cargo reruns this script when
//! that variable, the directory, or any schema file in it changes.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=KAZOO_SCHEMAS_DIR");
    println!("cargo:rerun-if-env-changed=DOCS_RS");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let schemas = match schemas_dir(&manifest_dir) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(1);
        }
    };
    println!("cargo:rerun-if-changed={}", schemas.display());
    // Tests compare against the directory the validators were compiled from.
    println!(
        "cargo:rustc-env=KAZOO_CALLFLOWS_SCHEMAS_DIR={}",
        schemas.display()
    );
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: OUT_DIR is not set; this script runs under cargo");
        std::process::exit(1);
    };
    let config = kazoo_callflows_codegen::Config::new()
        .schemas_dir(&schemas)
        .schemars(true);
    let generated = match config.generate() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: generating callflow types: {e}");
            std::process::exit(1);
        }
    };
    for file in generated.files_read() {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    if let Err(e) = generated.write_rust(&out_dir) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    // The docs examples, compiled and run by tests/docs_examples.rs. A
    // failure only warns (the test then reports the missing examples).
    let snippets = generated.docs_snippet_tests().unwrap_or_else(|e| {
        println!("cargo:warning=docs examples: {e}");
        kazoo_callflows_codegen::emit::docs::examples::empty_snippet_tests()
    });
    if let Err(e) =
        kazoo_callflows_codegen::write_files(&out_dir, &[("docs_snippets.rs", &snippets)])
    {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// The schema directory to generate from, or the error text that tells the
/// user how to provide one.
fn schemas_dir(manifest_dir: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("KAZOO_SCHEMAS_DIR") {
        let dir = manifest_dir.join(dir);
        return if dir.is_dir() {
            Ok(dir)
        } else {
            Err(missing_schemas(&format!(
                "KAZOO_SCHEMAS_DIR is set to `{}`, which is not a directory",
                dir.display()
            )))
        };
    }
    if std::env::var_os("DOCS_RS").is_some() {
        return Ok(manifest_dir.join("docs-rs-schemas"));
    }
    let default = manifest_dir.join("schemas");
    if default.is_dir() {
        return Ok(default);
    }
    Err(missing_schemas(&format!(
        "KAZOO_SCHEMAS_DIR is not set and `{}` does not exist",
        default.display()
    )))
}

/// The error for a build without a schema directory: what is missing, what
/// to point at, and how to set it once for a workspace.
fn missing_schemas(what: &str) -> String {
    format!(
        "error: kazoo-callflows needs Kazoo's JSON schemas to generate its types: {what}.

Set KAZOO_SCHEMAS_DIR to a Kazoo schema directory: a Kazoo checkout's
`applications/crossbar/priv/couchdb/schemas`, or any directory of such
`callflows.*.json` files (one Kazoo release). To set it once for a workspace,
add to `.cargo/config.toml` (a relative path is taken from the directory
that holds `.cargo/`):

    [env]
    KAZOO_SCHEMAS_DIR = {{ value = \"kazoo/applications/crossbar/priv/couchdb/schemas\", relative = true }}
"
    )
}
