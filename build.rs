//! Build script: generates the callflow types from a Kazoo schema directory
//! into `OUT_DIR`, where `src/lib.rs` includes them.
//!
//! The directory is `schemas/` (a symlink to `../shared/kazoo/schemas/master`)
//! unless `KAZOO_SCHEMAS_DIR` names another one (relative paths are taken from
//! this package's root). Cargo reruns this script when that variable, the
//! directory, or any schema file in it changes.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=KAZOO_SCHEMAS_DIR");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let schemas = match std::env::var_os("KAZOO_SCHEMAS_DIR") {
        Some(dir) => manifest_dir.join(dir),
        None => manifest_dir.join("schemas"),
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
