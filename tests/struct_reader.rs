//! The generated structs' `Deserialize` (a map visitor reading each member
//! straight into its field) keeps serde derive's semantics for a struct with
//! a flattened extra map, which it replaces: `Tts` against a serde-derived
//! copy of it (same fields, same attributes, `#[serde(flatten)]` extra),
//! through serde_json's text and `Value` deserializers and CBOR, on
//! duplicate declared and unknown members, missing required members, values
//! of the wrong type, inputs that are not maps, escaped names, and CBOR's
//! byte-string and integer keys. The same result (the written JSON) or the
//! same error message, every way.

use derived::Tts as DerivedTts;
use kazoo_callflows::actions::Tts;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::Display;

/// `Tts` as serde derive reads it (what the generated code derived before
/// it had its own visitor), named `Tts` too, as serde's messages name it.
mod derived {
    use kazoo_callflows::__private::deserialize_present;
    use kazoo_callflows::actions::TtsEngine;
    use serde::{Deserialize, Serialize};
    use serde_json::{Map, Value};

    #[derive(Debug, Serialize, Deserialize)]
    pub struct Tts {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_present"
        )]
        endless_playback: Option<bool>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_present"
        )]
        engine: Option<TtsEngine>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_present"
        )]
        language: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_present"
        )]
        skip_module: Option<bool>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_present"
        )]
        terminators: Option<Vec<String>>,
        text: String,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_present"
        )]
        voice: Option<String>,
        #[serde(flatten)]
        extra: Map<String, Value>,
    }
}

/// What a read gave: the value written back as JSON, or the error message.
fn outcome<T: Serialize, E: Display>(read: Result<T, E>) -> Result<Value, String> {
    match read {
        Ok(t) => Ok(serde_json::to_value(&t).expect("serializes")),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads `text` as `Tts` and as `DerivedTts` through serde_json's text
/// deserializer, its `Value` deserializer (when `text` is JSON without
/// duplicates, which a `Value` cannot hold) and CBOR; asserts they agree
/// and returns the text deserializer's outcome.
fn compare(text: &str) -> Result<Value, String> {
    let ours = outcome(serde_json::from_str::<Tts>(text));
    let derived = outcome(serde_json::from_str::<DerivedTts>(text));
    assert_eq!(ours, derived, "from_str {text}");
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        let ours = outcome(Tts::deserialize(&value));
        let derived = outcome(DerivedTts::deserialize(&value));
        assert_eq!(ours, derived, "from_value {text}");
        let mut cbor = Vec::new();
        ciborium::into_writer(&value, &mut cbor).expect("writes CBOR");
        // Its outcome is compared with serde derive's inside; its error
        // messages are CBOR's own.
        let _ = compare_cbor(text, &cbor);
    }
    ours
}

fn compare_cbor(name: &str, cbor: &[u8]) -> Result<Value, String> {
    let ours = outcome(ciborium::from_reader::<Tts, _>(cbor));
    let derived = outcome(ciborium::from_reader::<DerivedTts, _>(cbor));
    assert_eq!(ours, derived, "CBOR {name}");
    ours
}

fn error(text: &str) -> String {
    compare(text).expect_err(text)
}

#[test]
fn members_read_as_serde_derive_reads_them() {
    let ok = compare(r#"{"text": "a", "voice": "male", "x": [1, {"y": null}]}"#);
    assert_eq!(
        ok,
        Ok(serde_json::json!({"text": "a", "voice": "male", "x": [1, {"y": null}]}))
    );
    // Escaped member names are the names they spell.
    let escaped = compare(r#"{"te\u0078t": "a", "\u0078": 1}"#);
    assert_eq!(escaped, Ok(serde_json::json!({"text": "a", "x": 1})));
    // Member order does not matter; unknown members are kept.
    compare(r#"{"z": 1, "terminators": ["1"], "text": "b", "a": {}, "engine": "flite"}"#)
        .expect("reads");
}

#[test]
fn duplicate_members_are_serde_derive_errors_or_later_wins() {
    let e = error(r#"{"text": "a", "text": "b"}"#);
    assert!(e.contains("duplicate field `text`"), "{e}");
    let e = error(r#"{"voice": "male", "text": "a", "voice": "female"}"#);
    assert!(e.contains("duplicate field `voice`"), "{e}");
    // The second value is read only after the duplicate is seen.
    let e = error(r#"{"text": "a", "text": 5}"#);
    assert!(e.contains("duplicate field `text`"), "{e}");
    // An unknown member given twice: the later value is kept.
    let kept = compare(r#"{"text": "a", "x": 1, "x": 2}"#);
    assert_eq!(kept, Ok(serde_json::json!({"text": "a", "x": 2})));
}

#[test]
fn missing_misfitting_and_non_map_inputs_fail_as_serde_derive_fails() {
    let e = error(r#"{"voice": "male"}"#);
    assert!(e.contains("missing field `text`"), "{e}");
    let e = error("{}");
    assert!(e.contains("missing field `text`"), "{e}");
    let e = error(r#"{"text": 5}"#);
    assert!(
        e.contains("invalid type: integer `5`, expected a string"),
        "{e}"
    );
    // A present optional member must hold a value (`null` is not "unset").
    let e = error(r#"{"text": "a", "voice": null}"#);
    assert!(e.contains("invalid type: null"), "{e}");
    let e = error(r#"{"text": "a", "engine": "nope"}"#);
    assert!(e.contains("unknown variant `nope`"), "{e}");
    for (text, found) in [
        (r#"["a"]"#, "sequence"),
        (r#""a""#, "string"),
        ("null", "null"),
        ("5", "integer"),
        ("true", "boolean"),
    ] {
        let e = error(text);
        assert!(
            e.contains(found) && e.contains("expected struct Tts"),
            "{text}: {e}"
        );
    }
}

#[test]
fn cbor_byte_string_and_integer_keys_read_as_serde_derive_reads_them() {
    use ciborium::Value as Cbor;
    let write = |entries: Vec<(Cbor, Cbor)>| {
        let mut out = Vec::new();
        ciborium::into_writer(&Cbor::Map(entries), &mut out).expect("writes CBOR");
        out
    };
    let text = || Cbor::Text(String::from("a"));
    // A UTF-8 byte-string key is the name it spells: declared or kept.
    let ok = compare_cbor(
        "byte-string keys",
        &write(vec![
            (Cbor::Bytes(b"text".to_vec()), text()),
            (Cbor::Bytes(b"other".to_vec()), Cbor::Integer(1.into())),
        ]),
    );
    assert_eq!(ok, Ok(serde_json::json!({"text": "a", "other": 1})));
    // A byte-string key that is not UTF-8, an integer key: errors (the
    // latter ciborium's own, before any visitor sees the key).
    let e = compare_cbor(
        "non-UTF-8 key",
        &write(vec![
            (Cbor::Text(String::from("text")), text()),
            (Cbor::Bytes(vec![0xff, 0xfe]), text()),
        ]),
    )
    .expect_err("not a name");
    assert!(e.contains("expected a string"), "{e}");
    let e = compare_cbor(
        "integer key",
        &write(vec![
            (Cbor::Text(String::from("text")), text()),
            (Cbor::Integer(7.into()), text()),
        ]),
    )
    .expect_err("not a name");
    assert!(e.contains("integer `7`"), "{e}");
}
