//! Typed metaflow nodes (issue 17): the document's `metaflow.numbers` and
//! `metaflow.patterns` read into [`Metaflow`] nodes dispatched by module to
//! [`MetaflowAction`] (unknown modules and misfitting data kept raw), write
//! back the same JSON, build like `Flow`, and validate on the typed path
//! with exactly the raw validators' errors.

use kazoo_callflows::actions::{MetaflowPivot, MetaflowRecordCall, MetaflowTransfer};
use kazoo_callflows::validate::{Options, ValidationError};
use kazoo_callflows::{Callflow, Metaflow, MetaflowAction, RawAction, Validate};
use serde_json::{Value, json};

fn doc(metaflow: Value) -> Value {
    json!({"flow": {"module": "hangup", "data": {}}, "metaflow": metaflow})
}

/// Metaflow documents: valid, and each way Kazoo's metaflow rule or a
/// metaflow module's schema rejects one.
fn cases() -> Vec<(&'static str, Value)> {
    vec![
        (
            "valid numbers, patterns and nested children",
            doc(json!({
                "numbers": {"2": {"module": "transfer", "data": {"target": "2000"},
                    "children": {"_": {"module": "pivot", "data": {"voice_url": "https://p.example.com/x"}}}}},
                "patterns": {"^3(\\d+)$": {"module": "record_call", "data": {"action": "start", "url": "http://10.1.2.3/r"}}}
            })),
        ),
        (
            "misfit data in numbers",
            doc(
                json!({"numbers": {"2": {"module": "transfer", "data": {"target": 123, "transfer_type": "sideways"}}}}),
            ),
        ),
        (
            "unknown module in numbers",
            doc(json!({"numbers": {"2": {"module": "transferr"}}})),
        ),
        (
            "unknown module with data in patterns",
            doc(json!({"patterns": {".*": {"module": "nope", "data": {"x": 1}}}})),
        ),
        (
            "client URLs in patterns and nested children",
            doc(json!({
                "patterns": {"^1$": {"module": "pivot", "data": {"voice_url": "http://localhost/x"}}},
                "numbers": {"5": {"module": "hold", "children": {
                    "_": {"module": "record_call", "data": {"action": "start", "url": "http://0.0.0.0/r"}}}}}
            })),
        ),
        (
            "unknown module in a nested child",
            doc(json!({"numbers": {"1": {"module": "hold",
                "children": {"_": {"module": "hold", "children": {"x": {"module": "tranfser"}}}}}}})),
        ),
        (
            "node schema keywords: empty module, data not an object, extra member",
            doc(json!({"numbers": {
                "1": {"module": ""},
                "2": {"module": "hangup", "data": [1]},
                "3": {"module": "hangup", "data": {}, "note": "kept"}
            }})),
        ),
        (
            "children entries that are not nodes",
            doc(
                json!({"numbers": {"1": {"module": "hold", "children": {"_": 5, "x": {"data": {}}}}}}),
            ),
        ),
    ]
}

fn raw_errors(v: &Value) -> Vec<ValidationError> {
    match Options::default().document(v) {
        Ok(()) => Vec::new(),
        Err(e) => e.into_vec(),
    }
}

fn typed_errors<T: Validate>(t: &T) -> Vec<ValidationError> {
    match t.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.into_vec(),
    }
}

#[test]
fn typed_and_raw_verdicts_agree_on_metaflow_documents() {
    let mut invalid = 0;
    for (name, v) in cases() {
        let typed = Callflow::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(typed.to_value(), v, "{name}: not lossless");
        let raw = raw_errors(&v);
        assert_eq!(typed_errors(&typed), raw, "{name}: typed and raw differ");
        if !raw.is_empty() {
            invalid += 1;
        }
    }
    assert_eq!(invalid, cases().len() - 1, "only the first case is valid");
}

#[test]
fn metaflow_nodes_dispatch_by_module() {
    let v = doc(json!({
        "numbers": {
            "1": {"module": "transfer", "data": {"target": "2000"}},
            "2": {"module": "transfer", "data": {"target": 123}},
            "3": {"module": "transferr", "data": {}}
        }
    }));
    let typed = Callflow::from_json(&v.to_string()).unwrap();
    let numbers = typed.metaflow.as_ref().unwrap().numbers.as_ref().unwrap();
    match &numbers["1"].action {
        MetaflowAction::Transfer(t) => assert_eq!(t.target.as_deref(), Some("2000")),
        other => panic!("not typed: {other:?}"),
    }
    // Data that does not fit `metaflows.transfer` is kept raw, with the
    // reason on strict reading.
    let MetaflowAction::Other(raw) = &numbers["2"].action else {
        panic!("misfit data must stay raw");
    };
    assert_eq!(raw.data, Some(json!({"target": 123})));
    let why = numbers["2"].check_typed().unwrap_err();
    assert!(why.to_string().contains("data.target"), "{why}");
    assert!(matches!(&numbers["3"].action, MetaflowAction::Other(r) if r.module == "transferr"));
    assert!(
        numbers["3"].check_typed().is_ok(),
        "unknown modules are not type errors"
    );
    assert!(MetaflowAction::is_known_module("transfer"));
    assert!(!MetaflowAction::is_known_module("transferr"));
    assert_eq!(MetaflowTransfer::MODULE, "transfer");
}

#[test]
fn builder_writes_kazoo_metaflow_nodes() {
    let node = Metaflow::new(MetaflowTransfer::new().with_target("2000"))
        .then(MetaflowPivot::new("https://pivot.example.com/x"))
        .branch(
            "timeout",
            MetaflowRecordCall::new().with_url("https://rec.example.com/r"),
        );
    assert_eq!(
        node.to_value(),
        json!({
            "module": "transfer",
            "data": {"target": "2000"},
            "children": {
                "_": {"module": "pivot", "data": {"voice_url": "https://pivot.example.com/x"}},
                "timeout": {"module": "record_call", "data": {"url": "https://rec.example.com/r"}}
            }
        })
    );
    assert_eq!(node.next().map(Metaflow::module), Some("pivot"));
    assert_eq!(
        node.child("timeout").map(Metaflow::module),
        Some("record_call")
    );
    assert!(node.validate().is_ok(), "{:?}", node.validate());
    // `Children` alone still names a callflow node's branches.
    let flow = kazoo_callflows::Flow::new(RawAction::new("hangup", json!({})));
    let branches: &kazoo_callflows::Children = &flow.children;
    assert!(branches.is_empty());
    let metaflow_branches: &kazoo_callflows::Children<MetaflowAction> = &node.children;
    assert_eq!(
        metaflow_branches.keys().collect::<Vec<_>>(),
        ["_", "timeout"]
    );
    // Read back from its JSON: the same node.
    let back = Metaflow::from_json(&node.to_value().to_string()).unwrap();
    assert_eq!(back, node);
}

#[test]
fn typed_metaflow_errors_point_like_raw_ones() {
    // A standalone node: paths relative to it.
    let unknown = Metaflow::new(RawAction::new("transferr", json!({})))
        .then(MetaflowPivot::new("http://127.0.0.1/x"));
    let errors = typed_errors(&unknown);
    let found: Vec<(&str, &str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e.instance_path.as_str(),
                e.keyword.as_str(),
                e.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "/children/_/data/voice_url",
                "kazoo-validation",
                "invalid client URL"
            ),
            (
                "/module",
                "kazoo-validation",
                "unable to find metaflow schema for module \"transferr\"; did you mean \"transfer\"?"
            ),
        ]
    );
    assert_eq!(
        errors[1].schema_path,
        "metaflow#/properties/module/kazoo-validation"
    );
    // Inside a document: the same errors under the document's pointer.
    let in_doc = doc(json!({"numbers": {"7": unknown.to_value()}}));
    let raw = raw_errors(&in_doc);
    let raw_paths: Vec<&str> = raw.iter().map(|e| e.instance_path.as_str()).collect();
    assert_eq!(
        raw_paths,
        [
            "/metaflow/numbers/7/children/_/data/voice_url",
            "/metaflow/numbers/7/module"
        ]
    );
    let typed = Callflow::from_json(&in_doc.to_string()).unwrap();
    assert_eq!(typed_errors(&typed), raw);
    // A lone action: its data against the module's schema, an unknown
    // module as one error.
    let action = MetaflowAction::Other(RawAction::new("nope", json!({})));
    let errors = typed_errors(&action);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .message
            .starts_with("unable to find metaflow schema for module \"nope\""),
        "{errors:?}"
    );
    assert_eq!(errors[0].instance_path, "");
    let pivot = MetaflowAction::from(MetaflowPivot::new("ftp://example.com/x"));
    let errors = typed_errors(&pivot);
    assert!(
        errors
            .iter()
            .any(|e| e.instance_path == "/voice_url" && e.message == "invalid client URL"),
        "{errors:?}"
    );
}
