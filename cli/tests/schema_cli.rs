//! `kazoo-callflows schema`: writes one JSON Schema whose size the summary
//! line prints — every shape on master, twice (identical bytes), the
//! document on every other release; `--out -` writes the same bytes to
//! standard output; bad input exits 2 with the problem named and writes
//! nothing.

mod cli;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use cli::run;
use serde_json::Value;

#[test]
fn writes_the_schema_prints_its_size_and_is_deterministic() {
    for (version, dir) in shared_data::schema_dirs() {
        let master = version == "master";
        let shapes: &[&str] = if master {
            &["document", "node", "envelope"]
        } else {
            &["document"]
        };
        for &shape in shapes {
            let scratch = cli::scratch("schema_cli", &format!("{version}-{shape}"));
            let mut texts = Vec::new();
            let runs: &[&str] = if master { &["a", "b"] } else { &["a"] };
            for run_no in runs {
                let file = scratch.join(format!("{run_no}/callflows.schema.json"));
                let o = run(&[
                    "schema",
                    "--schemas",
                    dir.to_str().expect("utf-8 path"),
                    "--out",
                    file.to_str().expect("utf-8 path"),
                    "--shape",
                    shape,
                ]);
                let stdout = String::from_utf8_lossy(&o.stdout);
                assert!(
                    o.status.success(),
                    "{version} {shape}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                let text = std::fs::read_to_string(&file).expect("the schema was written");
                let expected = format!("schema ({shape}): {} bytes, ", text.len());
                assert!(
                    stdout.starts_with(&expected) && stdout.lines().count() == 1,
                    "{version} {shape}: the summary prints the size: {stdout}"
                );
                let v: Value = serde_json::from_str(&text).expect("the schema is JSON");
                assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
                texts.push(text);
            }
            if master {
                assert_eq!(
                    texts[0], texts[1],
                    "{version} {shape}: two runs, same bytes"
                );
            }
            if master && shape == "document" {
                let o = run(&["schema", "--out", "-"]);
                assert!(o.status.success());
                assert_eq!(
                    String::from_utf8_lossy(&o.stdout),
                    texts[0],
                    "--out - writes the same schema (default schemas are master)"
                );
                let stderr = String::from_utf8_lossy(&o.stderr);
                assert!(
                    stderr.contains(&format!("{} bytes", texts[0].len())),
                    "the summary goes to standard error: {stderr}"
                );
            }
        }
    }
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let scratch = cli::scratch("schema_cli", "bad");
    let file = scratch.join("out.schema.json");
    let missing = scratch.join("no-such-dir");
    let o = run(&[
        "schema",
        "--schemas",
        missing.to_str().expect("utf-8 path"),
        "--out",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("no-such-dir"),
        "names the directory: {stderr}"
    );
    assert!(!file.exists(), "nothing written");
    let o = run(&[
        "schema",
        "--shape",
        "tree",
        "--out",
        file.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown shape is a usage error"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("document"));
    assert!(!file.exists(), "nothing written");
}
