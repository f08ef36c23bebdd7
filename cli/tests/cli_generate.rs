//! `kazoo-callflows generate`: the summary line on success, and on bad input
//! an error naming file and pointer, exit code 2 and nothing written.

mod cli;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use cli::run;

use std::path::{Path, PathBuf};

fn bad_fixture(case: &str) -> PathBuf {
    cli::repo_root()
        .join("codegen/tests/fixtures/bad")
        .join(case)
}

#[test]
fn generates_every_release_and_prints_one_summary_line() {
    for (version, dir) in shared_data::schema_dirs() {
        let out = cli::scratch("cli_generate", &format!("ok-{version}"));
        let o = run(&[
            "generate",
            "--schemas",
            dir.to_str().expect("utf-8 path"),
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success(),
            "{version}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let line = stdout.trim_end();
        assert_eq!(line.lines().count(), 1, "{version}: {stdout}");
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            [words[0], words[2], words[4], words[6], words[8]],
            ["schemas:", "modules:", "types:", "in", "ms"],
            "{version}: {line}"
        );
        let modules: usize = words[3].parse().expect("module count");
        let module_files = std::fs::read_dir(&dir)
            .expect("schema dir")
            .filter_map(|e| e.ok())
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.strip_prefix("callflows.")
                    .and_then(|n| n.strip_suffix(".json"))
                    .is_some_and(|n| !n.contains('.') && n != "action")
            })
            .count();
        assert_eq!(
            modules, module_files,
            "{version}: one module per callflows.<name>.json"
        );
        let code = std::fs::read_to_string(out.join("callflows.rs")).expect("callflows.rs written");
        assert!(
            code.starts_with("// @generated"),
            "{version}: generated preamble"
        );
    }
}

#[test]
fn same_schemas_give_byte_identical_output() {
    for (version, dir) in shared_data::schema_dirs() {
        let (a, b) = (
            cli::scratch("cli_generate", &format!("same-{version}-a")),
            cli::scratch("cli_generate", &format!("same-{version}-b")),
        );
        for out in [&a, &b] {
            let o = run(&[
                "generate",
                "--schemas",
                dir.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
            ]);
            assert!(
                o.status.success(),
                "{version}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let read = |d: &Path| std::fs::read(d.join("callflows.rs")).expect("written");
        assert!(
            read(&a) == read(&b),
            "{version}: two runs over the same schemas differ"
        );
    }
}

#[test]
fn bad_input_exits_2_names_file_and_pointer_and_writes_nothing() {
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
        (
            "unknown_type",
            "callflows.x.json#/properties/name/type: unknown type \"strng\"",
        ),
        (
            "duplicate_id",
            "callflows.b.json#/_id: schema id \"callflows.a\" is also declared by",
        ),
    ];
    for (case, expected) in cases {
        let out = cli::scratch("cli_generate", &format!("bad-{case}"));
        let o = run(&[
            "generate",
            "--schemas",
            bad_fixture(case).to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{case}: {stderr}");
        assert!(stderr.starts_with("error: "), "{case}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{case}: expected {expected:?} in {stderr}"
        );
        assert!(o.stdout.is_empty(), "{case}: no summary on failure");
        assert!(!out.exists(), "{case}: nothing may be written");
    }
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["generate", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
}
