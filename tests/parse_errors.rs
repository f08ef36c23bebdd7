//! Parsing fails only on input that is not a callflow, and the error names
//! the JSON path; strict parsing also names the path inside misfitting data.

use kazoo_callflows::{Callflow, Flow};

#[test]
fn a_node_must_be_an_object_with_a_module_string() {
    let e = Flow::from_json("[1, 2]").expect_err("an array is not a node");
    assert!(e.message.contains("expected a callflow node"), "{e}");
    let e = Flow::from_json(r#"{"data": {}}"#).expect_err("no module");
    assert!(e.message.contains("needs a \"module\""), "{e}");
    let e = Flow::from_json(r#"{"module": 5, "data": {}}"#).expect_err("module not a string");
    assert!(
        e.message
            .contains("\"module\" must be a string, found a number"),
        "{e}"
    );
}

#[test]
fn document_errors_name_the_path() {
    let e = Callflow::from_json(r#"{"flow": {"module": ["user"], "data": {}}}"#)
        .expect_err("bad root node");
    assert_eq!(e.path, "flow", "{e}");
    let e = Callflow::from_json(r#"{"flow": 5}"#).expect_err("flow is not a node");
    assert_eq!(e.path, "flow", "{e}");
    let e = Callflow::from_json("[]").expect_err("not an object");
    assert!(e.message.contains("a JSON object (`Callflow`)"), "{e}");
    let e = Callflow::from_json("{\"flow\": ").expect_err("truncated");
    assert!(e.message.contains("EOF"), "{e}");
}

#[test]
fn document_members_that_do_not_fit_are_kept() {
    let text = r#"{
        "flow": {"module": "user", "data": {"id": "u"}},
        "numbers": [1, "+15555550100"],
        "name": null,
        "featurecode": {"name": "park", "number": 72},
        "patterns": ["^\\*7([0-9]+)$"],
        "custom": {"kept": true}
    }"#;
    let doc = Callflow::from_json(text).expect("lenient reading keeps misfits");
    // Members that fit are typed; the others are kept as they were.
    assert_eq!(
        doc.patterns.as_deref(),
        Some(&["^\\*7([0-9]+)$".to_string()][..])
    );
    assert!(doc.numbers.is_none() && doc.name.is_none() && doc.featurecode.is_none());
    let kept: Vec<&str> = doc.extra.keys().map(String::as_str).collect();
    assert_eq!(kept, ["custom", "featurecode", "name", "numbers"]);
    let input: serde_json::Value = serde_json::from_str(text).expect("json");
    assert_eq!(serde_json::to_value(&doc).expect("serializes"), input);
    // Strict reading names the first misfit in name order, with its path.
    let e = doc.first_misfit().expect("there are misfits");
    assert_eq!(
        e.to_string(),
        "featurecode.number: invalid type: integer `72`, expected a string"
    );
    let e = Callflow::from_json_strict(text).expect_err("strict");
    assert_eq!(e.path, "featurecode.number", "{e}");
    let e = Callflow::from_json_strict(r#"{"numbers": [1]}"#).expect_err("strict");
    assert_eq!(e.path, "numbers[0]", "{e}");
    let e = Callflow::from_json_strict(r#"{"name": null}"#).expect_err("strict");
    assert_eq!(e.path, "name", "{e}");
    // Later duplicates win, as in `serde_json::Value`.
    let doc = Callflow::from_json(r#"{"name": 5, "name": "main"}"#).expect("reads");
    assert_eq!(doc.name.as_deref(), Some("main"));
    assert!(doc.extra.is_empty() && doc.first_misfit().is_none());
    let doc = Callflow::from_json(r#"{"name": "main", "name": 5}"#).expect("reads");
    assert!(doc.name.is_none());
    assert_eq!(doc.extra.get("name"), Some(&serde_json::json!(5)));
}

#[test]
fn children_that_are_not_nodes_are_kept_not_rejected() {
    let text = r#"{"module": "user", "data": {}, "children": {"_": {"module": "voicemail", "data": {}}, "oops": 5}}"#;
    let flow = Flow::from_json(text).expect("kept");
    assert_eq!(flow.children.len(), 1);
    assert_eq!(
        flow.children.invalid().get("oops"),
        Some(&serde_json::json!(5))
    );
    let back = serde_json::to_value(&flow).expect("serializes");
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(text).expect("json")
    );
}

#[test]
fn strict_parsing_names_the_path_inside_data() {
    let text = r#"{
        "flow": {
            "module": "tts", "data": {"text": "hi"},
            "children": {"_": {"module": "collect_dtmf", "data": {"timeout": "5000"}}}
        }
    }"#;
    let doc = Callflow::from_json(text).expect("lenient parsing keeps the misfit raw");
    assert!(doc.flow_node().is_some());
    let e = Callflow::from_json_strict(text).expect_err("strict parsing rejects it");
    assert_eq!(e.path, "flow.children._.data.timeout", "{e}");
    assert!(e.message.contains("expected i64"), "{e}");
    assert_eq!(
        e.to_string(),
        "flow.children._.data.timeout: invalid type: string \"5000\", expected i64"
    );
}

#[test]
fn strict_parsing_names_data_that_is_not_an_object() {
    let e = Callflow::from_json_strict(r#"{"flow": {"module": "tts", "data": "hello"}}"#)
        .expect_err("data is a string");
    assert_eq!(e.path, "flow.data", "{e}");
    let e = Flow::from_json_strict(r#"{"module": "tts", "data": "hello"}"#).expect_err("strict");
    assert_eq!(
        e.to_string(),
        "data: invalid type: string \"hello\", expected struct Tts"
    );
}

#[test]
fn unknown_modules_are_not_a_strict_error() {
    // Kazoo skips nodes whose module it does not know; validation reports them.
    let flow =
        Flow::from_json_strict(r#"{"module": "say", "data": {"text": "hi"}}"#).expect("kept");
    assert_eq!(flow.module(), "say");
}
