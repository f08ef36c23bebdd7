//! Locating `../shared/kazoo`, the read-only Kazoo data tests read. A
//! missing directory fails the test with a message, never skips it.

#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root: the package's directory or the nearest ancestor
/// holding the workspace's `Cargo.lock` (this module is shared by the
/// packages of the workspace).
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(&manifest)
        .to_path_buf()
}

/// `../shared/kazoo` relative to the repository root.
pub fn kazoo_dir() -> PathBuf {
    let dir = repo_root().join("../shared/kazoo");
    assert!(
        dir.is_dir(),
        "{} is missing: these tests read Kazoo's schemas, reference pages and corpus from ../shared/kazoo",
        dir.display()
    );
    dir
}

/// Every `*.json` file of `../shared/kazoo/corpus`, sorted, with its text.
pub fn corpus() -> Vec<(String, String)> {
    let dir = kazoo_dir().join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "{} holds no corpus examples",
        dir.display()
    );
    files
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                text,
            )
        })
        .collect()
}

/// The five Kazoo releases in `../shared/kazoo/schemas`, oldest first.
pub const RELEASES: [&str; 5] = ["4.0", "4.1", "4.2", "4.3", "master"];

/// The schema directory of release `name`.
pub fn release(name: &str) -> PathBuf {
    let dir = kazoo_dir().join("schemas").join(name);
    assert!(dir.is_dir(), "{} is missing", dir.display());
    dir
}

/// The five Kazoo releases' schema directories.
pub fn schema_dirs() -> Vec<(String, PathBuf)> {
    RELEASES
        .into_iter()
        .map(|v| (v.to_string(), release(v)))
        .collect()
}
