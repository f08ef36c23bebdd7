//! Every deserializer reads a callflow alike: `serde_json::from_str`,
//! `from_slice`, `from_reader` and `from_value`, CBOR (`ciborium`, a format
//! that knows nothing of serde_json's raw values) and serde's buffered
//! content (a `Flow` or `Callflow` inside a `#[serde(flatten)]` struct)
//! give the same typed result, equal member for member (`PartialEq`) and
//! written back as the same JSON. The text deserializers type each node's
//! data from its JSON text; the others read it into a `Value` first, as
//! every deserializer did before, so this also checks that both paths type
//! and keep the same things.

mod shared_data;

use kazoo_callflows::{Action, Callflow, Flow, Metaflow, MetaflowAction};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Debug;

/// `T` inside a struct with a flattened map: serde buffers the input as
/// its private content and deserializes `T` from that.
#[derive(Deserialize)]
struct Flattened<T> {
    inner: T,
    #[serde(flatten)]
    _rest: serde_json::Map<String, Value>,
}

/// Reads `text` as `T` through every deserializer; asserts they agree and
/// returns the result.
fn read_every_way<T>(name: &str, text: &str) -> T
where
    T: DeserializeOwned + PartialEq + Debug + serde::Serialize,
{
    let from_str: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let from_slice: T = serde_json::from_slice(text.as_bytes()).unwrap();
    let from_reader: T = serde_json::from_reader(std::io::Cursor::new(text.as_bytes())).unwrap();
    let from_value: T = serde_json::from_value(value.clone()).unwrap();
    let mut cbor = Vec::new();
    ciborium::into_writer(&value, &mut cbor).unwrap();
    let from_cbor: T =
        ciborium::from_reader(cbor.as_slice()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let wrapped = serde_json::json!({"inner": value, "other": 1});
    let flattened: Flattened<T> = serde_json::from_value(wrapped).unwrap();
    for (way, other) in [
        ("from_slice", &from_slice),
        ("from_reader", &from_reader),
        ("from_value", &from_value),
        ("ciborium", &from_cbor),
        ("flatten", &flattened.inner),
    ] {
        assert_eq!(&from_str, other, "{name}: from_str and {way} differ");
        assert_eq!(
            serde_json::to_value(&from_str).unwrap(),
            serde_json::to_value(other).unwrap(),
            "{name}: from_str and {way} write different JSON"
        );
    }
    assert_eq!(
        serde_json::to_value(&from_str).unwrap(),
        value,
        "{name}: not lossless"
    );
    from_str
}

#[test]
fn every_corpus_example_reads_alike_through_every_deserializer() {
    let corpus = shared_data::corpus();
    assert!(!corpus.is_empty(), "the corpus is empty");
    let (mut typed, mut raw) = (0, 0);
    for (name, text) in &corpus {
        let value: Value = serde_json::from_str(text).unwrap();
        let flows = if value.get("flow").is_some() {
            let doc: Callflow = read_every_way(name, text);
            doc.flow_node().map(|f| {
                f.walk()
                    .into_iter()
                    .map(|(_, n)| n.action.clone())
                    .collect()
            })
        } else if value.get("module").is_some() {
            let flow: Flow = read_every_way(name, text);
            Some(
                flow.walk()
                    .into_iter()
                    .map(|(_, n)| n.action.clone())
                    .collect::<Vec<_>>(),
            )
        } else {
            None
        };
        for action in flows.unwrap_or_default() {
            match action {
                Action::Other(_) => raw += 1,
                _ => typed += 1,
            }
        }
    }
    // Both paths are exercised: typed nodes and nodes kept raw.
    assert!(typed > 0 && raw > 0, "typed {typed}, raw {raw}");
}

#[test]
fn misfits_duplicates_numbers_and_non_nodes_read_alike() {
    let cases = [
        r#"{"module": "tts", "data": {"text": "a", "voice": 3}}"#,
        r#"{"module": "tts", "data": {"text": 5, "text": "hi"}}"#,
        r#"{"module": "tts", "data": {"text": "hi", "text": 5}}"#,
        r#"{"module": "tts", "data": null}"#,
        r#"{"module": "tts"}"#,
        r#"{"module": "no_such_module", "data": [1, 2.5, -3, 1e300, 0.30000000000000004]}"#,
        r#"{"module": "ring_group", "data": {"endpoints": [{"id": "d", "endpoint_type": "device", "delay": 0, "timeout": 20.5}], "timeout": 18446744073709551615}}"#,
        r#"{"module": "user", "data": {"id": "u", "timeout": 1.5}, "note": {"x": [true, null]},
            "children": {"_": {"module": 7, "data": {"y": 1}}, "1": {"module": "hangup", "data": {}}, "2": [], "3": {"data": 1}}}"#,
        r#"{"module": "tts", "data": {"text": "a"}, "children": [1, {"module": "x"}]}"#,
        r#"{"module": "user", "module": "tts", "data": {"text": "a"}, "children": {"_": 5, "_": {"module": "hangup"}}}"#,
        r#"{"data": {"text": "before the module"}, "children": {"_": {"data": [], "module": "tts"}}, "module": "tts"}"#,
        r#"{"module": "tts", "data": "not an object"}"#,
        r#"{"module": "tts", "data": [{"text": "a"}]}"#,
        r#"{"module": "tts", "data": 5, "data": {"text": "the later data"}}"#,
        r#"{"module": "tts", "data": {"text": "esc\u00e9 \"q\" \ud83d\ude00", "t\u0065rminators": ["1"]}}"#,
        r#"{"module": "ring_group", "data": {"endpoints": [{"id": "d", "endpoint_type": "device", "id": "e"}]}}"#,
    ];
    for (i, text) in cases.iter().enumerate() {
        let flow: Flow = read_every_way(&format!("case {i}"), text);
        let doc_text = format!(
            r#"{{"flow": {text}, "numbers": ["1", 2], "name": 5, "custom": {{"k": 1.25}}}}"#
        );
        let _: Callflow = read_every_way(&format!("document case {i}"), &doc_text);
        assert_eq!(
            flow.to_value(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }
}

#[test]
fn metaflow_nodes_read_alike_through_every_deserializer() {
    for text in [
        r#"{"module": "transfer", "data": {"target": "2000"}, "children": {"_": {"module": "hold"}}}"#,
        r#"{"data": {"target": 5}, "module": "transfer"}"#,
        r#"{"module": "nope", "data": [1]}"#,
    ] {
        let node: Metaflow = read_every_way(text, text);
        assert_eq!(
            node.to_value(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }
    let node: Metaflow =
        serde_json::from_str(r#"{"module": "transfer", "data": {"target": "2000"}}"#).unwrap();
    assert!(
        matches!(node.action, MetaflowAction::Transfer(_)),
        "{node:?}"
    );
    let e = serde_json::from_str::<Metaflow>(r#"{"data": {}}"#).expect_err("not a node");
    assert!(e.to_string().contains("a metaflow node needs"), "{e}");
}

#[test]
fn a_non_node_is_an_error_through_every_deserializer() {
    for (text, why) in [
        (r#"{"data": {}}"#, "member"),
        (r#"{"module": 5}"#, "must be a string, found a number"),
        ("[1]", "expected a callflow node"),
        ("null", "expected a callflow node"),
    ] {
        let value: Value = serde_json::from_str(text).unwrap();
        let e1 = serde_json::from_str::<Flow>(text)
            .expect_err(text)
            .to_string();
        let e2 = serde_json::from_value::<Flow>(value.clone())
            .expect_err(text)
            .to_string();
        let mut cbor = Vec::new();
        ciborium::into_writer(&value, &mut cbor).unwrap();
        let e3 = ciborium::from_reader::<Flow, _>(cbor.as_slice())
            .expect_err(text)
            .to_string();
        for e in [&e1, &e2, &e3] {
            assert!(e.contains(why), "{text}: {e}");
        }
    }
}
