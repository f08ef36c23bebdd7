//! The library's validation API: acceptance 2 (unknown module with a
//! suggestion; a wrong type located at its pointer), what each error holds,
//! input kinds, and nesting far deeper than any parser allows (values
//! built in code): an error, never a stack overflow.

use kazoo_callflows::actions::Tts;
use kazoo_callflows::validate::{self, InputKind, Options};
use kazoo_callflows::{Flow, Validate};
use serde_json::{Map, Value, json};

#[test]
fn acceptance_2_unknown_module_and_wrong_type() {
    let typo = json!({"module": "resource", "data": {"use_local_resources": "false"}});
    let errors = validate::node(&typo).unwrap_err().into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].instance_path, "/module");
    assert_eq!(errors[0].keyword, "kazoo-validation");
    assert_eq!(
        errors[0].message,
        "unknown module \"resource\"; did you mean \"resources\"?"
    );
    assert_eq!(
        errors[0].schema_path,
        "callflows.action#/properties/module/kazoo-validation"
    );

    let wrong = json!({"module": "resources", "data": {"use_local_resources": "false"}});
    let errors = validate::node(&wrong).unwrap_err().into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].instance_path, "/data/use_local_resources");
    assert_eq!(errors[0].keyword, "type");
    assert_eq!(errors[0].message, "expected boolean, found \"false\"");
    assert_eq!(
        errors[0].schema_path,
        "callflows.resources#/properties/use_local_resources/type"
    );
}

#[test]
fn every_error_is_reported_with_pointer_schema_path_and_sentence() {
    let node = json!({
        "module": "ring_group",
        "data": {"endpoints": [], "repeats": -5, "strategy": "Single", "tiemout": 3},
        "children": {"a/b": {"module": "tts", "data": {"text": 5}}}
    });
    let errors = validate::node(&node).unwrap_err().into_vec();
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "/children/a~1b/data/text: expected string, found 5 (type)",
            "/data/endpoints: has 0 items, fewer than the minimum 1 (minItems)",
            "/data/repeats: -5 is less than the minimum 1 (minimum)",
            "/data/strategy: \"Single\" is not one of \"simultaneous\", \"single\", \"weighted_random\"; \
             did you mean \"single\"? (enum)",
        ]
    );
    assert_eq!(
        errors[2].schema_path,
        "callflows.ring_group#/properties/repeats/minimum"
    );
}

#[test]
fn module_data_and_input_kinds() {
    assert!(validate::module_data("tts", &json!({"text": "hi"})).is_ok());
    let e = validate::module_data("ttss", &json!({}))
        .unwrap_err()
        .into_vec();
    assert_eq!(e[0].instance_path, "");
    assert_eq!(
        e[0].message,
        "unknown module \"ttss\"; did you mean \"tts\"?"
    );

    let node = json!({"module": "tts", "data": {}});
    let doc = json!({"flow": node});
    let envelope = json!({"data": doc});
    let o = Options::default();
    let (kind, errors) = o.input(&node).expect("a node");
    assert_eq!(
        (kind, errors.errors()[0].instance_path.as_str()),
        (InputKind::Node, "/data")
    );
    let (kind, errors) = o.input(&doc).expect("a document");
    assert_eq!(
        (kind, errors.errors()[0].instance_path.as_str()),
        (InputKind::Document, "/flow/data")
    );
    let (kind, errors) = o.input(&envelope).expect("an envelope");
    assert_eq!(
        (kind, errors.errors()[0].instance_path.as_str()),
        (InputKind::Envelope, "/data/flow/data")
    );
    assert!(o.input(&json!([])).is_err());
    assert!(o.input(&json!({"numbers": []})).is_err());
}

/// A node whose `_` chain is `depth` nodes long, built without recursion.
fn deep_node(depth: usize) -> Value {
    let mut v = json!({"module": "tts", "data": {"text": "end"}});
    for _ in 0..depth {
        let mut m = Map::new();
        m.insert(String::from("module"), json!("tts"));
        m.insert(String::from("data"), json!({"text": "x"}));
        let mut children = Map::new();
        children.insert(String::from("_"), v);
        m.insert(String::from("children"), Value::Object(children));
        v = Value::Object(m);
    }
    v
}

#[test]
fn nesting_deeper_than_any_parser_allows_is_an_error() {
    let v = deep_node(100_000);
    let errors = validate::node(&v).unwrap_err().into_vec();
    assert_eq!(errors.len(), 1, "{:?}", errors.first());
    assert_eq!(errors[0].keyword, "$ref");
    assert!(errors[0].message.contains("nested deeper than"));
    assert!(
        errors[0]
            .instance_path
            .starts_with("/children/_/children/_")
    );
    // Dropping a 100,000-deep `Value` recurses in serde_json itself; this
    // test is about validation, so the value is leaked instead.
    std::mem::forget(v);

    let mut flow = Flow::new(Tts::new("end"));
    for _ in 0..100_000 {
        flow = Flow::new(Tts::new("x")).branch("_", flow);
    }
    let errors = flow.validate().unwrap_err().into_vec();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].keyword, "$ref");
    std::mem::forget(flow);
}
