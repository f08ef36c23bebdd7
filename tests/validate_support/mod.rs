//! Shared by the validation tests and the benchmark: the reference
//! validator (`jsonschema` plus Kazoo's module rule) and the generated
//! inputs.

#![allow(dead_code)]

pub mod mutants;
pub mod reference;

use std::path::PathBuf;

/// The schema directory the library's validators were compiled from.
pub fn schemas_dir() -> PathBuf {
    let dir = PathBuf::from(kazoo_callflows::SCHEMAS_DIR);
    assert!(
        dir.is_dir(),
        "{} is missing: the library was built from it and these tests compare against it",
        dir.display()
    );
    dir
}

/// The IR of that directory.
pub fn graph() -> kazoo_callflows_codegen::SchemaGraph {
    let dir = schemas_dir();
    kazoo_callflows_codegen::__internal::load_dir(&dir)
        .unwrap_or_else(|e| panic!("loading {}: {e}", dir.display()))
}
