//! A module whose schema no value satisfies: the book still has its page,
//! saying there is no example, while the example sources for the tests
//! (`Generated::docs_snippet_tests`) fail with an error naming the schema.

use kazoo_callflows_codegen::DocsFormat;
use kazoo_callflows_codegen::{Config, ErrorKind};
use std::path::Path;

#[test]
fn unsatisfiable_module_has_a_page_without_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs_impossible");
    let generated = Config::new()
        .schemas_dir(&dir)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let files = generated
        .docs_files(DocsFormat::Book)
        .unwrap_or_else(|e| panic!("{e}"));
    let page = files
        .iter()
        .find(|(p, _)| p == "src/modules/impossible.md")
        .map(|(_, text)| text)
        .expect("a page for the module");
    assert!(page.contains("No example: no value of the module's data type satisfies its schema"));
    assert!(!page.contains("```json"));

    let err = generated
        .docs_snippet_tests()
        .1
        .expect("no example can be built");
    assert!(matches!(err.kind(), ErrorKind::NoExample { module, .. } if module == "impossible"));
    assert!(
        err.to_string().contains("callflows.impossible.json#"),
        "{err}"
    );
}
