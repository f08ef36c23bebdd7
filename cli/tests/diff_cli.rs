//! `kazoo-callflows diff`: exit codes (0 unchanged, 1 changed, 2 bad input
//! or usage), the three formats, identical output across runs, and bad
//! input on either side reported as `generate` reports it.

mod cli;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use std::path::PathBuf;
use std::process::Output;

fn diff(args: &[&str]) -> Output {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    cli::run(&all)
}

fn release(name: &str) -> String {
    let dir = shared_data::kazoo_dir().join("schemas").join(name);
    dir.to_str().expect("utf-8 path").to_string()
}

fn fixture(rel: &str) -> String {
    let dir: PathBuf = cli::repo_root().join("codegen/tests/fixtures").join(rel);
    dir.to_str().expect("utf-8 path").to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_release_against_itself_exits_0_and_prints_nothing() {
    let m = release("master");
    for format in ["text", "markdown", "json"] {
        let o = diff(&[&m, &m, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {o:?}");
        assert!(o.stderr.is_empty(), "{o:?}");
        match format {
            "text" => assert_eq!(stdout(&o), ""),
            "markdown" => assert_eq!(stdout(&o), format!("## {m} → {m}\n\nNo changes.\n")),
            _ => {
                let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
                assert_eq!(v["changes"], serde_json::json!([]));
                assert_eq!(v["summary"]["rust"], "none");
            }
        }
    }
}

#[test]
fn changes_exit_1_in_every_format_and_repeat_identically() {
    let (old, new) = (release("4.3"), release("master"));
    for format in ["text", "markdown", "json"] {
        let a = diff(&[&old, &new, "--format", format]);
        let b = diff(&[&old, &new, "--format", format]);
        assert_eq!(a.status.code(), Some(1), "{format}: {a:?}");
        assert_eq!(a.stdout, b.stdout, "{format}: two runs differ");
        let out = stdout(&a);
        assert!(out.contains("/media/fax_option"), "{format}: {out}");
    }
    let json = diff(&[&old, &new, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(v["old"], old);
    assert_eq!(v["new"], new);
    assert_eq!(v["summary"]["rust"], "major");
    assert!(v["changes"].as_array().is_some_and(|c| !c.is_empty()));
}

#[test]
fn descriptions_flag_adds_description_changes() {
    let (old, new) = (fixture("diff/kinds/old"), fixture("diff/kinds/new"));
    let plain = diff(&[&old, &new]);
    assert_eq!(plain.status.code(), Some(1), "{plain:?}");
    let without = stdout(&plain);
    assert!(!without.is_empty(), "the fixture pair has other changes");
    let with = diff(&[&old, &new, "--descriptions"]);
    assert_eq!(with.status.code(), Some(1));
    assert!(!without.contains("/text: description"), "{without}");
    assert!(
        stdout(&with).contains("/text: description \"Old words\" → \"New words\""),
        "{}",
        stdout(&with)
    );
}

#[test]
fn bad_input_on_either_side_exits_2_with_generates_error() {
    let good = fixture("diff/kinds/new");
    let out = cli::scratch("diff_cli", "generate-out");
    for case in ["invalid_json", "dangling_ref", "does_not_exist"] {
        let bad = fixture(&format!("bad/{case}"));
        let generate = cli::run(&[
            "generate",
            "--schemas",
            &bad,
            "--out",
            out.to_str().expect("utf-8 path"),
        ]);
        assert_eq!(generate.status.code(), Some(2), "{case}: {generate:?}");
        for (old, new) in [(&bad, &good), (&good, &bad)] {
            let o = diff(&[old, new]);
            assert_eq!(o.status.code(), Some(2), "{case}: {o:?}");
            assert!(o.stdout.is_empty(), "{case}: nothing on stdout");
            assert_eq!(o.stderr, generate.stderr, "{case}: same error as generate");
            assert!(
                String::from_utf8_lossy(&o.stderr).starts_with("error: "),
                "{o:?}"
            );
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    let m = release("master");
    assert_eq!(diff(&[&m]).status.code(), Some(2));
    assert_eq!(diff(&[&m, &m, "--format", "yaml"]).status.code(), Some(2));
}
