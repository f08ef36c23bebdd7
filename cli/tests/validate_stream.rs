//! Streaming `validate` as a person running it over a big input sees it:
//! the summary (text and `--summary json`), line and column of every
//! error (nested children, JSON lines, multi-byte characters before the
//! error), the same output whatever the thread count, a truncated CouchDB
//! response (its verdicts, then exit 2), and the progress bar — drawn on a
//! real terminal (a pty, through `script`), absent otherwise.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_kazoo-callflows")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate_stream");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

/// Writes `text` to `name` and validates it with `args`.
fn validate(name: &str, text: &str, args: &[&str]) -> (Output, String) {
    let file = scratch(name);
    std::fs::write(&file, text).expect("write input");
    let path = file.to_str().expect("UTF-8 path").to_string();
    let o = Command::new(bin())
        .arg("validate")
        .args(args)
        .arg(&path)
        .output()
        .expect("the binary runs");
    (o, path)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// (line, column in characters) of the `nth` (0-based) `needle` in `text`.
fn position_of(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} in the input"))
        .0;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() as u64 + 1,
        before[line_start..].chars().count() as u64 + 1,
    )
}

/// A JSON-lines input with planted errors: a valid node; a ring group
/// with a string timeout (`type`) and repeats 0 (`minimum`); a document
/// with duplicate numbers (`uniqueItems`, outside every node) and, in a
/// child, tts data without text (`required`); a broken line (`json`);
/// an array (`input`).
const PLANTED: &str = concat!(
    "{\"module\": \"tts\", \"data\": {\"text\": \"hi\"}}\n",
    "{\"module\": \"ring_group\", \"data\": {\"endpoints\": [{\"endpoint_type\": \"device\", \"id\": \"abc\"}], \"timeout\": \"20\", \"repeats\": 0}}\n",
    "\n",
    "{\"numbers\": [\"1\", \"1\"], \"flow\": {\"module\": \"ring_group\", \"data\": {\"endpoints\": [{\"endpoint_type\": \"device\", \"id\": \"abc\"}]}, \"children\": {\"_\": {\"module\": \"tts\", \"data\": {}}}}}\n",
    "{\"module\": \"tts\", \"data\": \n",
    "[1]\n",
);

#[test]
fn summary_counts_records_modules_and_keywords() {
    let (o, _) = validate("planted.jsonl", PLANTED, &["--summary", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary: Value = serde_json::from_str(stderr(&o).trim()).expect("one JSON object");
    assert_eq!(
        summary,
        json!({
            "records": 5, "valid": 1, "invalid": 4, "skipped": 0, "errors": 6,
            "errors_by_module": {"ring_group": 2, "tts": 1},
            "errors_by_keyword": {"input": 1, "json": 1, "minimum": 1, "required": 1, "type": 1, "uniqueItems": 1},
        })
    );
    // The same counts for people, most frequent first, then by name.
    let (o, _) = validate("planted.jsonl", PLANTED, &[]);
    assert_eq!(
        stderr(&o),
        "5 record(s): 1 valid, 4 invalid, 0 skipped, 6 error(s)\n\
         errors by module: ring_group 2, tts 1\n\
         errors by keyword: input 1, json 1, minimum 1, required 1, type 1, uniqueItems 1\n"
    );
    // No summary at all.
    let (o, _) = validate("planted.jsonl", PLANTED, &["--summary", "none"]);
    assert_eq!(stderr(&o), "");
    // Skipped CouchDB documents are counted.
    let find = r#"{"docs": [{"_id": "u", "pvt_type": "user"}, {"_id": "c", "flow": {"module": "tts", "data": {"text": "x"}}}]}"#;
    let (o, _) = validate("find.json", find, &["--summary", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary: Value = serde_json::from_str(stderr(&o).trim()).expect("one JSON object");
    assert_eq!(
        (&summary["records"], &summary["valid"], &summary["skipped"]),
        (&json!(2), &json!(1), &json!(1))
    );
}

#[test]
fn every_error_has_its_line_and_column() {
    // Nested children, pretty-printed: the positions of the values.
    let doc = "{\n  \"flow\": {\n    \"module\": \"tts\",\n    \"data\": {\"text\": \"a\"},\n    \"children\": {\n      \"_\": {\n        \"module\": \"menu\",\n        \"data\": {},\n        \"children\": {\n          \"1\": {\"module\": \"resources\", \"data\": {\"use_local_resources\": \"false\"}}\n        }\n      }\n    }\n  }\n}\n";
    let (o, path) = validate("nested.json", doc, &[]);
    let (l, c) = position_of(doc, "\"false\"", 0);
    assert_eq!(
        stdout(&o),
        format!(
            "{path}:{l}:{c}: /flow/children/_/children/1/data/use_local_resources: expected boolean, found \"false\" (type)\n"
        )
    );

    // JSON lines: the record's line; multi-byte characters before the
    // error count one column each (the byte column would differ).
    let lines = "{\"module\": \"tts\", \"data\": {\"text\": \"ok\"}}\n{\"module\": \"resources\", \"data\": {\"name\": \"日本語 😀 é\", \"use_local_resources\": \"false\"}}\n";
    let (o, path) = validate("multibyte.jsonl", lines, &["--format", "json"]);
    let (l, c) = position_of(lines, "\"false\"", 0);
    assert_eq!(l, 2);
    let second = lines.lines().nth(1).expect("line 2");
    let byte_column = second.find("\"false\"").expect("needle") as u64 + 1;
    assert_ne!(
        c, byte_column,
        "the test needs multi-byte characters before the error"
    );
    let verdicts: Vec<Value> = stdout(&o)
        .lines()
        .map(|x| serde_json::from_str(x).expect("JSON line"))
        .collect();
    assert_eq!(verdicts.len(), 2);
    assert_eq!(
        verdicts[0],
        json!({"file": path, "line": 1, "valid": true, "errors": []})
    );
    assert_eq!(verdicts[1]["line"], json!(2));
    assert_eq!(verdicts[1]["errors"][0]["line"], json!(l));
    assert_eq!(verdicts[1]["errors"][0]["column"], json!(c));

    // Concatenated values on one line: columns after the first value.
    let two = "{\"module\": \"tts\", \"data\": {}} {\"module\": \"tts\", \"data\": {\"text\": 5}}";
    let (o, path) = validate("two.json", two, &[]);
    let (l1, c1) = position_of(two, "{}", 0);
    let (l2, c2) = position_of(two, "5", 0);
    assert_eq!(
        stdout(&o),
        format!(
            "{path}:{l1}:{c1}: /data: missing required property \"text\" (required)\n\
             {path}:{l2}:{c2}: /data/text: expected string, found 5 (type)\n"
        )
    );
}

#[test]
fn output_is_the_same_on_one_thread_and_two() {
    let mut input = String::new();
    for i in 0..6000 {
        input.push_str(match i % 4 {
            0 => "{\"module\": \"tts\", \"data\": {\"text\": \"x\"}}\n",
            1 => "{\"module\": \"ring_group\", \"data\": {\"endpoints\": [], \"repeats\": 0}}\n",
            2 => "{\"flow\": {\"module\": \"tts\", \"data\": {}}, \"numbers\": [\"1\", \"1\"]}\n",
            _ => "{\"module\": \n",
        });
    }
    let (one, _) = validate(
        "threads.jsonl",
        &input,
        &["--format", "json", "--threads", "1"],
    );
    let (two, _) = validate(
        "threads.jsonl",
        &input,
        &["--format", "json", "--threads", "2"],
    );
    assert_eq!(stdout(&one).lines().count(), 6000);
    assert!(one.stdout == two.stdout, "byte-identical output");
    let lines: Vec<u64> = stdout(&two)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["line"]
                .as_u64()
                .expect("line")
        })
        .collect();
    assert_eq!(lines, (1..=6000).collect::<Vec<u64>>(), "input order");
}

#[test]
fn a_truncated_couchdb_response_gives_its_verdicts_then_exit_2() {
    let text = "{\"total_rows\": 3, \"offset\": 0, \"rows\": [\n{\"id\": \"a\", \"doc\": {\"_id\": \"a\", \"flow\": {\"module\": \"tts\", \"data\": {}}}},\n{\"id\": \"b\", \"doc\": {\"_id\": \"b\", \"flow\": {\"module\": \"tts\", \"data\": {\"text\": \"x\"}}}},\n{\"id\": \"c\", \"doc\": {\"_id\"";
    let (o, path) = validate("truncated.json", text, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let ids: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON line");
            json!([v["id"], v["line"], v["valid"]])
        })
        .collect();
    // Row c is cut short: a broken record (no id), then the error.
    assert_eq!(
        ids,
        [
            json!(["a", 2, false]),
            json!(["b", 3, true]),
            json!([null, 4, false])
        ]
    );
    assert!(
        stderr(&o).contains(&format!(
            "error: {path}: the CouchDB response ends inside its \"rows\" array (line 4): truncated"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    // Enough input to take a few tenths of a second.
    let line = "{\"module\": \"ring_group\", \"data\": {\"endpoints\": [{\"endpoint_type\": \"device\", \"id\": \"abc\"}], \"timeout\": 20, \"strategy\": \"simultaneous\"}}\n";
    let input = line.repeat(30 * 1024 * 1024 / line.len());
    let file = scratch("progress.jsonl");
    std::fs::write(&file, &input).expect("write input");
    let file = file.to_str().expect("UTF-8 path");

    let o = Command::new(bin())
        .args(["validate", "--threads", "1", file])
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let records = input.lines().count();
    assert_eq!(
        stderr(&o),
        format!("{records} record(s): {records} valid, 0 invalid, 0 skipped, 0 error(s)\n"),
        "no bar when standard error is not a terminal"
    );

    // `script` runs the command on a pty; its output is what the terminal
    // received.
    assert!(
        Path::new("/usr/bin/script").is_file(),
        "this test needs util-linux's script(1) for a pty"
    );
    let command = format!("{} validate --threads 1 '{file}' >/dev/null", bin());
    let o = Command::new("/usr/bin/script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .output()
        .expect("script runs");
    let screen = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{screen}");
    assert!(screen.contains("MB/s"), "the rate: {screen:?}");
    assert!(
        screen.contains("ETA"),
        "the ETA (the size is known): {screen:?}"
    );
    assert!(screen.contains(" records"), "the record count: {screen:?}");
    assert!(
        screen.contains(&format!("{records} record(s): {records} valid")),
        "then the summary: {screen:?}"
    );
}
