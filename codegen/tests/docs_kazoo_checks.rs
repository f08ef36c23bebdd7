//! The book page of a module says which fields Kazoo checks beyond the
//! schema: a flagged member with a Kazoo rule gets the note, a flagged
//! member without one and unflagged members do not, and a module with no
//! such member has no note (fixture schemas written for this test).

use kazoo_callflows_codegen::{Config, DocsFormat};
use std::path::Path;

#[test]
fn pages_name_the_fields_kazoo_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kazoo_rules");
    let files = Config::new()
        .schemas_dir(&dir)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"))
        .docs_files(DocsFormat::Book)
        .unwrap_or_else(|e| panic!("{e}"));
    let page = |name: &str| {
        files
            .iter()
            .find(|(p, _)| *p == format!("src/modules/{name}.md"))
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| panic!("no page for {name}"))
    };
    let webhook = page("webhook");
    let note = webhook
        .split("## Checked by Kazoo beyond the schema\n\n")
        .nth(1)
        .expect("the webhook page has the note");
    let note = note.split("\n## ").next().unwrap_or_default();
    let items: Vec<&str> = note.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(items.len(), 1, "{note}");
    assert!(items[0].starts_with("- `uri`:"), "{note}");
    assert!(items[0].contains("\"invalid client URL\""), "{note}");
    assert!(items[0].contains("client.blacklist.cidrs"), "{note}");
    assert!(!page("plain").contains("Checked by Kazoo"));
}
