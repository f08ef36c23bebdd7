//! `kazoo-callflows docs`: both formats write their files and print one
//! summary line; two runs give identical bytes on every Kazoo release; bad
//! input exits 2 with the file and pointer named and writes nothing.

mod cli;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use cli::run;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

fn docs(schemas: &Path, format: &str, out: &Path) -> Output {
    run(&[
        "docs",
        "--schemas",
        schemas.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
        "--format",
        format,
    ])
}

/// Every file under `dir`: relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = e.expect("directory entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("under base")
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).expect("readable"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn both_formats_on_every_release_twice_identical() {
    for (version, dir) in shared_data::schema_dirs() {
        for format in ["kazoo", "book"] {
            let (a, b) = (
                cli::scratch("docs_cli", &format!("{version}-{format}-a")),
                cli::scratch("docs_cli", &format!("{version}-{format}-b")),
            );
            for out in [&a, &b] {
                let o = docs(&dir, format, out);
                let stdout = String::from_utf8_lossy(&o.stdout);
                assert!(
                    o.status.success(),
                    "{version} {format}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                assert_eq!(stdout.lines().count(), 1, "{version} {format}: {stdout}");
                assert!(
                    stdout.starts_with(&format!("docs ({format}): ")),
                    "{version}: {stdout}"
                );
            }
            let (ta, tb) = (tree(&a), tree(&b));
            assert!(!ta.is_empty(), "{version} {format}: nothing written");
            assert!(ta == tb, "{version} {format}: two runs differ");
            if format == "book" {
                for f in ["book.toml", "src/SUMMARY.md", "src/index.md"] {
                    assert!(ta.contains_key(f), "{version}: {f}");
                }
            } else {
                assert!(
                    ta.keys().all(|k| k.ends_with(".md") && !k.contains('/')),
                    "{version}"
                );
            }
        }
    }
}

#[test]
fn default_format_is_kazoo_and_summary_counts_files() {
    let out = cli::scratch("docs_cli", "default-format");
    let fixture = cli::repo_root().join("codegen/tests/fixtures/docs");
    let o = run(&[
        "docs",
        "--schemas",
        fixture.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let line = String::from_utf8_lossy(&o.stdout).trim_end().to_string();
    let files = tree(&out);
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        ["hangup.md", "menu.md", "widget_api.md"]
    );
    assert!(
        line.starts_with(&format!(
            "docs (kazoo): {} files for 3 modules into {}",
            files.len(),
            out.display()
        )),
        "{line}"
    );
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let bad = cli::repo_root().join("codegen/tests/fixtures/bad");
    let cases = [
        (
            "does_not_exist",
            "does_not_exist: cannot read the schema directory",
        ),
        (
            "invalid_json",
            "callflows.broken.json: invalid JSON at line 3, column 41",
        ),
        (
            "dangling_ref",
            "callflows.x.json#/properties/headers/$ref: $ref \"no_such_schema\"",
        ),
    ];
    for (case, expected) in cases {
        for format in ["kazoo", "book"] {
            let out = cli::scratch("docs_cli", &format!("bad-{case}-{format}"));
            let o = docs(&bad.join(case), format, &out);
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{case}: {stderr}");
            assert!(
                stderr.starts_with("error: ") && stderr.contains(expected),
                "{case}: {stderr}"
            );
            assert!(o.stdout.is_empty(), "{case}: no summary on failure");
            assert!(!out.exists(), "{case}: nothing may be written");
        }
    }
    let o = run(&["docs", "--format", "html"]);
    assert_eq!(o.status.code(), Some(2), "unknown format is a usage error");
}
