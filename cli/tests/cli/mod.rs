//! Running the `kazoo-callflows` binary from integration tests, with a
//! clean environment and a scratch directory per case.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root (the parent of the `cli` package), where the
/// fixtures and the `schemas` link are.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `kazoo-callflows ARGS` in the repository root (where the default
/// `schemas` link is) without `KAZOO_SCHEMAS_DIR` set.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kazoo-callflows"))
        .args(args)
        .current_dir(repo_root())
        .env_remove("KAZOO_SCHEMAS_DIR")
        .output()
        .expect("the kazoo-callflows binary runs")
}

/// An empty scratch path `<target tmp>/<test>/<name>` (removed if present).
pub fn scratch(test: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(test).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `kazoo-callflows validate ARGS` in the repository root without
/// `KAZOO_SCHEMAS_DIR` set, with `stdin` as its standard input.
pub fn validate_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kazoo-callflows"))
        .arg("validate")
        .args(args)
        .current_dir(repo_root())
        .env_remove("KAZOO_SCHEMAS_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kazoo-callflows binary runs");
    // A process refusing its arguments may exit before reading its input.
    let written = child.stdin.take().expect("stdin").write_all(stdin);
    if let Err(e) = written {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "writes stdin: {e}"
        );
    }
    child.wait_with_output().expect("the binary finishes")
}
