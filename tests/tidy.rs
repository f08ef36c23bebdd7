//! House rules checked on the source tree: every Rust source file starts
//! with a `//!` comment saying what it owns (generated golden files with
//! their `// @generated` preamble), and no file is a grab bag named
//! utils/helpers/misc.

use std::path::{Path, PathBuf};

/// Directories that hold no sources of ours: build output, git, caches of
/// installed tools, and generated output.
const SKIPPED_DIRS: &[&str] = &["target", "generated", "node_modules"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_str()) {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every Rust file of the repository (all packages of the workspace).
fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(root, &mut files);
    files.sort();
    files
}

#[test]
fn every_source_file_says_what_it_owns() {
    let mut missing = Vec::new();
    let files = sources();
    assert!(files.len() > 30, "the walk found the sources");
    for path in &files {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let generated = path.components().any(|c| c.as_os_str() == "golden");
        let ok = if generated {
            text.starts_with("// @generated")
        } else {
            text.starts_with("//!")
        };
        if !ok {
            missing.push(path.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "files without a leading `//!` comment:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_grab_bag_modules() {
    for path in sources() {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        assert!(
            !["utils", "util", "helpers", "helper", "misc", "common"].contains(&stem.as_str()),
            "{}: name the module after what it does",
            path.display()
        );
    }
}
