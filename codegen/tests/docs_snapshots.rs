//! Snapshots of both docs formats for `tests/fixtures/docs`, a small schema
//! directory written for these tests that exercises every row rule (nested
//! members, object and string items, pattern properties, `anyOf` and
//! `oneOf`, declared type order, references and their sub-references,
//! every kind of default) plus a branching module and a leaf module for
//! the examples. Each output file is compared byte for byte with
//! `tests/golden/docs/<format>/<path>`; refresh them with
//! `EXPECTORATE=overwrite cargo test -p kazoo-callflows-codegen --test docs_snapshots`
//! and review the diff.

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::DocsFormat;
use std::path::Path;

fn check(format: DocsFormat, folder: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = Config::new()
        .schemas_dir(root.join("tests/fixtures/docs"))
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let files = generated
        .docs_files(format)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!files.is_empty());
    let golden = root.join("tests/golden/docs").join(folder);
    let mut expected: Vec<String> = Vec::new();
    collect(&golden, &golden, &mut expected);
    expected.sort();
    let mut names: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    names.sort();
    if std::env::var_os("EXPECTORATE").is_none() {
        assert_eq!(names, expected, "the set of files changed");
    }
    for (path, content) in &files {
        let file = golden.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        expectorate::assert_contents(&file, content);
    }
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let path = e.expect("directory entry").path();
        if path.is_dir() {
            collect(base, &path, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn kazoo_pages() {
    check(DocsFormat::Kazoo, "kazoo");
}

#[test]
fn book() {
    check(DocsFormat::Book, "book");
}
