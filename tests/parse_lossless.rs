//! The one-pass node reader keeps `serde_json::Value`'s semantics: what
//! is typed, what is kept, and what is written back are the same as
//! reading the text into a `Value` first and typing that, including
//! duplicate members, non-nodes holding nodes, and nesting too deep for
//! `serde_json`.

use kazoo_callflows::actions::Tts;
use kazoo_callflows::{Action, Callflow, Flow};
use serde_json::{Value, json};

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("test input is JSON")
}

#[test]
fn duplicate_data_members_type_as_the_value_does() {
    // The text has `text` twice; as a `Value` the later one wins and fits.
    let text = r#"{"module": "tts", "data": {"text": 5, "text": "hi"}}"#;
    let flow = Flow::from_json(text).expect("reads");
    assert_eq!(flow.action, Action::Tts(Tts::new("hi")));
    assert_eq!(flow.to_value(), value(text));
    // The later one does not fit: kept raw, as the `Value` has it.
    let text = r#"{"module": "tts", "data": {"text": "hi", "text": 5}}"#;
    let flow = Flow::from_json(text).expect("reads");
    let Action::Other(raw) = &flow.action else {
        panic!("misfit data is kept raw: {:?}", flow.action);
    };
    assert_eq!(raw.data, Some(json!({"text": 5})));
    assert!(Flow::from_json_strict(text).is_err());
}

#[test]
fn duplicate_node_members_and_children_keep_the_later_one() {
    let text = r#"{"module": "user", "module": "tts", "data": {"text": "a"},
        "children": {"_": {"module": "tts", "data": {}}, "_": 5, "x": 1, "x": {"module": "hangup"}}}"#;
    let flow = Flow::from_json(text).expect("reads");
    assert_eq!(flow.module(), "tts");
    assert_eq!(flow.children.keys().collect::<Vec<_>>(), ["x"]);
    assert_eq!(flow.children.invalid().get("_"), Some(&json!(5)));
    assert_eq!(flow.to_value(), value(text));
}

#[test]
fn a_non_node_holding_nodes_is_kept_as_it_came() {
    let inner = r#"{"module": 7, "data": {"x": [1, {"y": null}]}, "note": "kept",
        "children": {"_": {"module": "tts", "data": {"text": "a"}, "children": {}}, "z": "no"}}"#;
    let text = format!(r#"{{"module": "user", "data": {{}}, "children": {{"_": {inner}}}}}"#);
    let flow = Flow::from_json(&text).expect("reads");
    assert!(flow.children.is_empty());
    assert_eq!(flow.children.invalid().get("_"), Some(&value(inner)));
    assert_eq!(flow.to_value(), value(&text));
    // `children` that is not an object stays a member of its node.
    let text = r#"{"module": "tts", "data": {"text": "a"}, "children": [1, {"module": "x"}]}"#;
    let flow = Flow::from_json(text).expect("reads");
    assert_eq!(
        flow.extra.get("children"),
        Some(&json!([1, {"module": "x"}]))
    );
    assert_eq!(flow.to_value(), value(text));
}

#[test]
fn text_and_value_read_alike() {
    let text = r#"{"flow": {"module": "tts", "data": {"text": "a", "voice": 3},
        "children": {"_": {"module": "ring_group", "data": {"endpoints": [{"id": "d", "endpoint_type": "device"}]}},
                     "1": {"module": "unknown_module", "data": [1]}, "2": null}},
        "numbers": ["100"], "patterns": 5, "custom": {"kept": true}}"#;
    let from_text = Callflow::from_json(text).expect("reads from text");
    let from_value: Callflow = serde_json::from_value(value(text)).expect("reads from a Value");
    assert_eq!(from_text, from_value);
    assert_eq!(from_text.to_value(), value(text));
    let flow = from_text.flow_node().expect("has a flow");
    assert!(matches!(flow.action, Action::Other(_)), "voice 3 misfits");
    assert!(matches!(
        flow.child("_").map(|n| &n.action),
        Some(Action::RingGroup(_))
    ));
}

#[test]
fn data_nested_too_deep_for_serde_json_is_an_error() {
    // `serde_json` refuses values nested deeper than 128; reading the
    // document into a `Value` fails, so reading it typed fails too.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let text = format!(r#"{{"module": "tts", "data": {deep}}}"#);
    assert!(serde_json::from_str::<Value>(&text).is_err());
    let e = Flow::from_json(&text).expect_err("too deep");
    assert!(e.message.contains("recursion limit"), "{e}");
    let text =
        format!(r#"{{"flow": {{"module": "tts", "data": {{"text": "a"}}}}, "numbers": {deep}}}"#);
    let e = Callflow::from_json(&text).expect_err("too deep");
    assert!(e.message.contains("recursion limit"), "{e}");
}

/// A serde_json message without its " at line L column C".
fn without_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[test]
fn data_that_is_not_json_a_value_can_hold_is_the_same_error() {
    // Skipping over `data` to capture its text does not check these; typing
    // the text does, with the message reading a `Value` gives. (The
    // position is within `data`'s text.)
    for text in [
        r#"{"module": "tts", "data": {"text": "a", "x": 1e400}}"#,
        r#"{"module": "no_such_module", "data": [1.5e999]}"#,
        r#"{"module": "tts", "data": {"text": "\ud800"}}"#,
    ] {
        let want = serde_json::from_str::<Value>(text)
            .expect_err(text)
            .to_string();
        let got = serde_json::from_str::<Flow>(text)
            .expect_err(text)
            .to_string();
        assert_eq!(without_position(&got), without_position(&want), "{text}");
        let e = Flow::from_json(text).expect_err(text);
        assert_eq!(
            e.message.split(" at line ").next(),
            Some(without_position(&want))
        );
    }
}
