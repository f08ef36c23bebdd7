//! `kazoo-callflows docs --format book --release NAME=DIR ...`: the
//! multi-release book is written with its changelog and release pages, and
//! misuse (no `--format book`, a name given twice, no `=`, a bad directory)
//! exits 2 and writes nothing.

mod cli;

use std::path::PathBuf;

fn fixture(rel: &str) -> String {
    let dir: PathBuf = cli::repo_root().join("codegen/tests/fixtures").join(rel);
    dir.to_str().expect("utf-8 path").to_string()
}

#[test]
fn two_release_book_is_written() {
    let out = cli::scratch("docs_releases_cli", "book");
    let o = cli::run(&[
        "docs",
        "--format",
        "book",
        "--out",
        out.to_str().expect("utf-8 path"),
        "--release",
        &format!("old={}", fixture("diff/kinds/old")),
        "--release",
        &format!("new={}", fixture("diff/kinds/new")),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("docs (book, 2 releases): "), "{stdout}");
    let read =
        |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let changelog = read("src/changelog/old-new.md");
    assert!(changelog.starts_with("# old → new\n"), "{changelog}");
    assert!(
        changelog.contains("- `/colour`: value `\"blue\"` added"),
        "{changelog}"
    );
    assert!(read("src/SUMMARY.md").contains("- [old → new](changelog/old-new.md)"));
    let releases = read("src/releases.md");
    assert!(releases.contains("| `gone` |"), "{releases}");
    let shape = read("src/modules/shape.md");
    assert!(
        shape.contains("- **`added_opt`** · `string` · *since new*"),
        "{shape}"
    );
    assert!(shape.contains("### new (from old)"), "{shape}");
    assert!(
        !out.join("src/modules/gone.md").exists(),
        "only the newest release's modules get pages"
    );
}

#[test]
fn misuse_exits_2_and_writes_nothing() {
    let old = format!("a={}", fixture("diff/kinds/old"));
    let bad = format!("b={}", fixture("bad/invalid_json"));
    let cases: [&[&str]; 4] = [
        &["--release", &old],
        &["--format", "book", "--release", &old, "--release", &old],
        &["--format", "book", "--release", "no-equals-sign"],
        &["--format", "book", "--release", &old, "--release", &bad],
    ];
    for (i, args) in cases.iter().enumerate() {
        let out = cli::scratch("docs_releases_cli", &format!("misuse-{i}"));
        let mut all = vec!["docs", "--out", out.to_str().expect("utf-8 path")];
        all.extend_from_slice(args);
        let o = cli::run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {o:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("error"),
            "{o:?}"
        );
        assert!(!out.exists(), "{args:?}: nothing written");
    }
}
