//! Verdict parity of streaming `validate` across input shapes: the corpus
//! and every generated mutant, written as JSON lines, concatenated values
//! (pretty-printed, several per line), single documents, and CouchDB
//! `_all_docs`, `_find` and `_changes` responses, get from the binary
//! exactly the errors the library gives each record (`Options::input`,
//! `Options::document` for CouchDB documents, `Options::module_data` with
//! `--module`), in input order, each verdict naming its record.

#[path = "../../tests/validate_support/mutants.rs"]
mod mutants;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows::validate::{Options, ValidationError};
use mutants::{Case, Kind};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(kazoo_callflows::SCHEMAS_DIR);
    let graph = kazoo_callflows_codegen::__internal::load_dir(&dir)
        .unwrap_or_else(|e| panic!("loading {}: {e}", dir.display()));
    let cases = mutants::cases(&graph, &shared_data::corpus());
    assert!(cases.len() > 1000, "only {} cases", cases.len());
    cases
}

/// The four members of an error the library and the CLI share.
type Err4 = (String, String, String, String);

fn four(e: &ValidationError) -> Err4 {
    (
        e.instance_path.clone(),
        e.schema_path.clone(),
        e.keyword.clone(),
        e.message.clone(),
    )
}

/// Today's verdict on an input (document, envelope or node).
fn library_input(v: &Value) -> Vec<Err4> {
    match Options::default().input(v) {
        Ok((_, errors)) => errors.errors().iter().map(four).collect(),
        Err(not) => vec![(
            String::new(),
            String::new(),
            String::from("input"),
            not.to_string(),
        )],
    }
}

fn library_document(v: &Value) -> Vec<Err4> {
    match Options::default().document(v) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.errors().iter().map(four).collect(),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate_shapes");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

/// The JSON lines the binary prints for `text` (written to `name`), and its
/// summary.
fn validate(name: &str, text: &str, extra: &[&str]) -> (Vec<Value>, Value) {
    let file = scratch(name);
    std::fs::write(&file, text).expect("write input");
    let o = Command::new(env!("CARGO_BIN_EXE_kazoo-callflows"))
        .args(["validate", "--format", "json", "--summary", "json"])
        .args(extra)
        .arg(&file)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{name}: exit {:?}: {stderr}",
        o.status.code()
    );
    let lines = String::from_utf8(o.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let summary = serde_json::from_str(stderr.trim()).expect("a JSON summary");
    (lines, summary)
}

fn cli_errors(line: &Value) -> Vec<Err4> {
    let errors = line["errors"].as_array().expect("errors");
    assert_eq!(line["valid"], json!(errors.is_empty()), "{line}");
    errors
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().expect("a string member").to_string();
            assert!(e["line"].as_u64().is_some(), "every error is placed: {e}");
            (
                s("instance_path"),
                s("schema_path"),
                s("keyword"),
                s("message"),
            )
        })
        .collect()
}

#[test]
fn inputs_as_json_lines_concatenated_and_single_documents() {
    let cases = cases();
    let inputs: Vec<&Value> = cases
        .iter()
        .filter(|c| matches!(c.kind, Kind::Document | Kind::Node))
        .map(|c| &c.value)
        .collect();
    let expected: Vec<Vec<Err4>> = inputs.iter().map(|v| library_input(v)).collect();
    assert!(expected.iter().any(Vec::is_empty) && expected.iter().any(|e| !e.is_empty()));

    // JSON lines: line i + 1 is input i.
    let jsonl: String = inputs.iter().map(|v| format!("{v}\n")).collect();
    let (lines, summary) = validate("all.jsonl", &jsonl, &[]);
    assert_eq!(lines.len(), inputs.len());
    for (i, (line, want)) in lines.iter().zip(&expected).enumerate() {
        assert_eq!(line["line"], json!(i + 1));
        assert_eq!(
            &cli_errors(line),
            want,
            "JSON line {}: {}",
            i + 1,
            inputs[i]
        );
    }
    let invalid = expected.iter().filter(|e| !e.is_empty()).count();
    assert_eq!(summary["records"], json!(inputs.len()));
    assert_eq!(summary["invalid"], json!(invalid));
    assert_eq!(summary["valid"], json!(inputs.len() - invalid));
    assert_eq!(summary["skipped"], json!(0));

    // Concatenated: pretty-printed, and every third value on the line of
    // the one before.
    let mut concatenated = String::new();
    for (i, v) in inputs.iter().enumerate() {
        if i % 3 == 2 {
            concatenated.push(' ');
            concatenated.push_str(&v.to_string());
        } else {
            concatenated.push('\n');
            concatenated.push_str(&serde_json::to_string_pretty(v).expect("pretty"));
        }
    }
    let (lines, _) = validate("all.json", &concatenated, &[]);
    assert_eq!(lines.len(), inputs.len());
    for (i, (line, want)) in lines.iter().zip(&expected).enumerate() {
        assert_eq!(&cli_errors(line), want, "value {i}: {}", inputs[i]);
    }

    // Single documents, one file each (every 25th input).
    for (i, v) in inputs.iter().enumerate().step_by(25) {
        let (lines, _) = validate(
            "one.json",
            &serde_json::to_string_pretty(v).expect("pretty"),
            &[],
        );
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["line"], json!(1));
        assert_eq!(&cli_errors(&lines[0]), &expected[i], "input {i}: {v}");
    }
}

#[test]
fn module_data_with_module() {
    let mut by_module: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    let cases = cases();
    for c in &cases {
        if let Kind::Module(m) = &c.kind {
            by_module.entry(m.clone()).or_default().push(&c.value);
        }
    }
    assert!(by_module.len() > 20, "{} modules", by_module.len());
    for (module, values) in &by_module {
        let jsonl: String = values.iter().map(|v| format!("{v}\n")).collect();
        let (lines, _) = validate("module.jsonl", &jsonl, &["--module", module]);
        assert_eq!(lines.len(), values.len(), "{module}");
        for (line, v) in lines.iter().zip(values) {
            let want: Vec<Err4> = match Options::default().module_data(module, v) {
                Ok(()) => Vec::new(),
                Err(errors) => errors.errors().iter().map(four).collect(),
            };
            assert_eq!(cli_errors(line), want, "{module}: {v}");
        }
    }
}

#[test]
fn couchdb_responses() {
    let cases = cases();
    // Every document, as a CouchDB document with an `_id`; plus documents
    // that are not callflows (skipped) and one that says it is a callflow
    // but has no flow (checked).
    let mut docs: Vec<Value> = cases
        .iter()
        .filter(|c| c.kind == Kind::Document && c.value.is_object())
        .enumerate()
        .map(|(i, c)| {
            let mut d = c.value.clone();
            d["_id"] = json!(format!("cf-{i}"));
            d
        })
        .collect();
    docs.push(json!({"_id": "_design/callflows", "views": {}}));
    docs.push(json!({"_id": "user-1", "pvt_type": "user", "first_name": "A"}));
    docs.push(json!({"_id": "cf-no-flow", "pvt_type": "callflow", "numbers": ["1"]}));
    let is_callflow =
        |d: &Value| d.get("flow").is_some() || d.get("pvt_type") == Some(&json!("callflow"));
    let expected: BTreeMap<String, Vec<Err4>> = docs
        .iter()
        .filter(|d| is_callflow(d))
        .map(|d| {
            (
                d["_id"].as_str().expect("id").to_string(),
                library_document(d),
            )
        })
        .collect();
    let skipped = docs.len() - expected.len();
    assert!(skipped >= 2 && expected.len() > 100);
    assert!(expected.contains_key("cf-no-flow"), "checked, not skipped");

    let rows: Vec<Value> = docs
        .iter()
        .map(|d| json!({"id": d["_id"], "key": d["_id"], "value": {"rev": "1-a"}, "doc": d}))
        .collect();
    let join = |items: &[Value]| {
        items
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join(",\r\n")
    };
    let all_docs = format!(
        "{{\"total_rows\":{},\"offset\":0,\"rows\":[\r\n{}\r\n]}}\n",
        rows.len(),
        join(&rows)
    );
    let find = format!(
        "{{\"docs\":[\n{}\n],\n\"bookmark\": \"g1AAAA\",\"warning\": \"no matching index found\"}}",
        docs.iter()
            .map(|d| serde_json::to_string_pretty(d).expect("pretty"))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let changes_rows: Vec<Value> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| json!({"seq": format!("{i}-g1"), "id": d["_id"], "changes": [{"rev": "1-a"}], "doc": d}))
        .collect();
    let changes = format!(
        "{{\"results\":[\n{}\n],\n\"last_seq\":\"9-g1\",\"pending\":0}}\n",
        join(&changes_rows)
    );
    for (name, text) in [
        ("all_docs.json", all_docs),
        ("find.json", find),
        ("changes.json", changes),
    ] {
        let (lines, summary) = validate(name, &text, &[]);
        let got: BTreeMap<String, Vec<Err4>> = lines
            .iter()
            .map(|l| (l["id"].as_str().expect("an id").to_string(), cli_errors(l)))
            .collect();
        assert_eq!(lines.len(), expected.len(), "{name}: one line per callflow");
        assert_eq!(got, expected, "{name}");
        assert_eq!(summary["skipped"], json!(skipped), "{name}");
        assert_eq!(summary["records"], json!(docs.len()), "{name}");
    }
}
