//! `kazoo-callflows validate`: the CLI contract (input kinds, `--module`,
//! `--jsonl`, `--format`, `--formats kazoo`, exit codes 0/1/2, the text
//! line format `FILE:LINE:COLUMN: pointer: message (keyword)`) and bad
//! input (invalid JSON, an empty file, a 100,000-deep nested array, a
//! 50 MB file): a verdict or a clear error, never a panic.

mod cli;

use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> String {
    cli::repo_root()
        .join("tests/fixtures/validate")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str]) -> Output {
    run_with_stdin(args, b"")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    cli::validate_with_stdin(args, stdin)
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a bad-input exit: code 2, a message, nothing on stdout, no panic.
fn assert_bad_input(o: &Output, says: &str) {
    assert_eq!(code(o), 2, "stderr: {}", stderr(o));
    assert!(stdout(o).is_empty(), "no partial output: {}", stdout(o));
    let err = stderr(o);
    assert!(err.contains(says), "stderr should say {says:?}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{err}"
    );
}

/// (line, column in characters) of the first `needle` in the file `path`.
fn position_of(path: &str, needle: &str) -> (u64, u64) {
    let text = std::fs::read_to_string(path).expect("read fixture");
    let at = text.find(needle).expect("needle in fixture");
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() as u64 + 1,
        before[line_start..].chars().count() as u64 + 1,
    )
}

fn line_of(path: &str, needle: &str) -> u64 {
    position_of(path, needle).0
}

fn column_of(path: &str, needle: &str) -> u64 {
    position_of(path, needle).1
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate_cli");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

#[test]
fn unknown_module_suggests_and_wrong_type_is_located() {
    let typo = fixture("resource_typo.json");
    let o = run(&[&typo]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        format!(
            "{typo}:1:12: /module: unknown module \"resource\"; did you mean \"resources\"? (kazoo-validation)\n"
        )
    );
    let string = fixture("resources_string.json");
    let o = run(&[&string]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        format!(
            "{string}:1:57: /data/use_local_resources: expected boolean, found \"false\" (type)\n"
        )
    );
}

#[test]
fn valid_input_exits_zero_and_prints_nothing() {
    let o = run(&[&fixture("valid_node.json")]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("1 valid, 0 invalid"));
}

#[test]
fn documents_envelopes_and_nodes_are_told_apart() {
    let doc = fixture("document.json");
    let o = run(&[&doc]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        format!(
            "{doc}:7:114: /flow/children/_/data/repeats: 0 is less than the minimum 1 (minimum)\n\
             {doc}:2:14: /numbers: items 0 and 1 are equal; items must be unique (uniqueItems)\n"
        )
    );
    let env = fixture("envelope.json");
    let o = run(&[&env, "--format", "json"]);
    assert_eq!(code(&o), 1);
    let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON line");
    assert_eq!(
        line,
        serde_json::json!({"file": env, "line": 1, "valid": false, "errors": [{
            "instance_path": "/data/flow/data/code",
            "schema_path": "callflows.response#/properties/code/type",
            "keyword": "type",
            "message": "expected integer, found \"486\"",
            "line": line_of(&env, "\"486\""),
            "column": column_of(&env, "\"486\""),
        }]})
    );
}

#[test]
fn module_data_jsonl_and_stdin() {
    let o = run_with_stdin(&["--module", "tts", "-"], br#"{"text": 5}"#);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        "<stdin>:1:10: /text: expected string, found 5 (type)\n"
    );

    let o = run_with_stdin(&["--module", "tts"], br#"{"text": "hi"}"#);
    assert_eq!(code(&o), 0, "{}", stdout(&o));

    // The JSON line, members in the documented order.
    let o = run_with_stdin(&["--module", "tts", "--format", "json"], b"{}");
    assert_eq!(
        stdout(&o),
        "{\"file\":\"<stdin>\",\"line\":1,\"valid\":false,\"errors\":[{\"instance_path\":\"\",\
         \"schema_path\":\"callflows.tts#/required\",\"keyword\":\"required\",\
         \"message\":\"missing required property \\\"text\\\"\",\"line\":1,\"column\":1}]}\n"
    );

    let lines = fixture("nodes.jsonl");
    let o = run(&["--jsonl", &lines]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        format!("{lines}:3:27: /data: missing required property \"text\" (required)\n")
    );
    let o = run(&["--jsonl", "--format", "json", &lines]);
    let verdicts: Vec<bool> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["valid"]
                .as_bool()
                .expect("valid is a bool")
        })
        .collect();
    assert_eq!(
        verdicts,
        [true, false, true],
        "one line per input, blank lines skipped"
    );
}

#[test]
fn formats_are_asserted_only_with_formats_kazoo() {
    let email = fixture("email.json");
    assert_eq!(code(&run(&[&email])), 0);
    let o = run(&["--formats", "kazoo", &email]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("/data/recipients/0/id: matches none of the 2 alternatives (oneOf)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_usage_exits_two() {
    assert_bad_input(
        &run(&["--module", "ring_grup", &fixture("valid_node.json")]),
        "did you mean \"ring_group\"",
    );
    let o = run(&["--format", "yaml"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    assert_bad_input(&run(&[&fixture("no-such-file.json")]), "cannot read");
    // One unreadable input among valid ones: no verdicts are printed.
    assert_bad_input(
        &run(&[
            &fixture("resource_typo.json"),
            &fixture("no-such-file.json"),
        ]),
        "no-such-file.json",
    );
}

#[test]
fn broken_records_are_verdicts_and_empty_input_is_an_error() {
    let broken = scratch("broken.json");
    std::fs::write(
        &broken,
        "{\"module\": \"tts\", \"data\": {\n  \"text\": }\n}",
    )
    .expect("write");
    let name = broken.to_str().expect("utf-8");
    let o = run(&[name]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{name}:2:11: : invalid JSON: expected value (json)\n")
    );
    // The run goes on after a broken line.
    let o = run_with_stdin(
        &["--jsonl"],
        b"{\"module\": \"tts\", \"data\": {}}\n{oops\n{\"module\": \"tts\", \"data\": {\"text\": \"x\"}}\n",
    );
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        "<stdin>:1:27: /data: missing required property \"text\" (required)\n\
         <stdin>:2:2: : invalid JSON: key must be a string (json)\n"
    );
    assert!(
        stderr(&o).contains("3 record(s): 1 valid, 2 invalid"),
        "{}",
        stderr(&o)
    );
    let o = run_with_stdin(&[], b"[1, 2]");
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).starts_with("<stdin>:1:1: : not a callflow: expected a callflow document"),
        "{}",
        stdout(&o)
    );
    let o = run_with_stdin(&[], b"{\"name\": \"x\"}");
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("not a callflow"), "{}", stdout(&o));

    let empty = scratch("empty.json");
    std::fs::write(&empty, "").expect("write");
    assert_bad_input(&run(&[empty.to_str().expect("utf-8")]), "empty input");
    assert_bad_input(&run_with_stdin(&[], b"  \n"), "<stdin>: empty input");
    assert_bad_input(&run_with_stdin(&["--jsonl"], b"\n\n"), "empty input");
}

#[test]
fn a_100000_deep_array_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let file = scratch("deep.json");
    std::fs::write(&file, &deep).expect("write");
    let o = run(&[file.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            ": : invalid JSON: recursion limit exceeded (nested deeper than 128 levels) (json)"
        ),
        "{}",
        stdout(&o)
    );
    let node = format!("{{\"module\": \"tts\", \"data\": {{\"text\": {deep}}}}}");
    let o = run_with_stdin(&["--jsonl"], node.as_bytes());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<stdin>:1:"), "{}", stdout(&o));
    assert!(stdout(&o).contains("invalid JSON"), "{}", stdout(&o));
}

#[test]
fn a_50_mb_file_gets_a_verdict() {
    // A document whose `patterns` hold ~50 MB of strings, the last one
    // empty (minLength 1).
    let mut text = String::from(
        "{\"flow\": {\"module\": \"tts\", \"data\": {\"text\": \"x\"}}, \"patterns\": [",
    );
    let mut count = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str("\"^\\\\*7([0-9]+)$\",");
        count += 1;
    }
    text.push_str("\"\"]}");
    let file = scratch("big.json");
    std::fs::write(&file, &text).expect("write");
    let o = run(&[file.to_str().expect("utf-8")]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{}", &out[..out.len().min(500)]);
    assert!(
        out.contains(&format!(
            "/patterns/{count}: \"\" has 0 characters, fewer than the minimum 1 (minLength)"
        )),
        "{out}"
    );
    let _ = std::fs::remove_file(&file);
}
