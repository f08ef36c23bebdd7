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

/// `corpus` and the mutants as benchmark inputs, documents and nodes
/// only: `(is a document, parsed, text)`, those the reference validator
/// finds valid (`valid`) or invalid.
pub fn bench_inputs(
    reference: &reference::Reference,
    corpus: &[(String, String)],
    valid: bool,
) -> Vec<(bool, serde_json::Value, String)> {
    let graph = graph();
    let cases = mutants::cases(&graph, corpus);
    cases
        .into_iter()
        .filter_map(|c| match c.kind {
            mutants::Kind::Document if reference.document(&c.value).valid == valid => {
                Some((true, c.value))
            }
            mutants::Kind::Node if reference.node(&c.value).valid == valid => {
                Some((false, c.value))
            }
            _ => None,
        })
        .map(|(doc, v)| {
            let text = v.to_string();
            (doc, v, text)
        })
        .collect()
}
