//! Compiles the generator's golden files (`codegen/tests/golden/`) against
//! this crate's runtime with every warning denied, and exercises them: the
//! generated code for every keyword and naming trap builds cleanly and
//! behaves (keywords as field names, DTMF and case-clashing enums, type
//! arrays, tagged and untagged unions, defaults read but never written,
//! draft-03 `required`, a document that keeps misfitting members).

#![deny(warnings)]

#[allow(dead_code)]
mod traps {
    include!("../codegen/tests/golden/traps.rs");
}

#[allow(dead_code)]
mod draft3 {
    include!("../codegen/tests/golden/draft3.rs");
}

#[test]
fn traps_build_read_and_write() {
    use serde_json::json;
    use traps::*;

    let dial = Dial::new([DialEndpoint::new("device-1").with_weight(5)])
        .with_type(DialType::User)
        .with_in(3)
        .with_self("me")
        .with_macro("m")
        .with_keys([DialKey::Pound, DialKey::Star, DialKey::Zero])
        .with_method(DialMethod::GetUpper)
        .with_duration("5s")
        .with_target(vec![String::from("a@b.c")])
        .with_parts([DialPartsItem::from(DialPause::new().with_ms(250))]);
    let value = serde_json::to_value(&dial).expect("serializes");
    assert_eq!(
        value,
        json!({
            "endpoints": [{"id": "device-1", "weight": 5}],
            "type": "user",
            "in": 3,
            "self": "me",
            "macro": "m",
            "keys": ["#", "*", "0"],
            "method": "GET",
            "duration": "5s",
            "target": ["a@b.c"],
            "parts": [{"kind": "pause", "ms": 250}]
        })
    );
    // Defaults are read through accessors and never written.
    assert_eq!(dial.timeout(), 20);
    assert_eq!(dial.key(), DialKey::Pound);
    assert!(Dial::new([DialEndpoint::new("x")]).options().is_empty());
    assert_eq!(
        serde_json::to_value(Dial::new([DialEndpoint::new("x")])).expect("serializes"),
        json!({"endpoints": [{"id": "x"}]})
    );

    // Reading keeps unknown members and writes them back.
    let input = json!({"endpoints": [{"id": "x", "color": "red"}], "duration": 7, "future": true});
    let read: Dial = serde_json::from_value(input.clone()).expect("fits");
    assert_eq!(read.duration, Some(DialDuration::Integer(7)));
    assert_eq!(serde_json::to_value(&read).expect("serializes"), input);

    // Enum names are exact both ways.
    assert_eq!(
        "e-mail_address".parse::<DialContact>(),
        Ok(DialContact::EMailAddress)
    );
    assert_eq!(DialMethod::Get.as_str(), "get");
    assert!("Get".parse::<DialMethod>().is_err());

    // Unknown modules and misfitting data stay raw.
    assert!(matches!(
        Action::from_parts("dial".into(), Some(json!({"endpoints": "x"}))),
        Action::Other(_)
    ));
    assert!(matches!(
        Action::from_parts("hangup".into(), Some(json!({}))),
        Action::Hangup(_)
    ));
    assert_eq!(Action::MODULES, &["dial", "hangup"]);

    // The document keeps members that do not fit their types.
    let input = json!({"flow": {"module": "hangup", "data": {}}, "name": 7, "numbers": ["1"]});
    let doc: Callflow = serde_json::from_value(input.clone()).expect("reads");
    assert_eq!(doc.numbers, Some(vec![String::from("1")]));
    assert_eq!(doc.name, None);
    assert_eq!(doc.extra.get("name"), Some(&json!(7)));
    assert_eq!(
        doc.first_misfit().map(|e| e.path),
        Some(String::from("name"))
    );
    assert_eq!(serde_json::to_value(&doc).expect("serializes"), input);
    assert!(serde_json::from_value::<Callflow>(json!({"flow": {"data": {}}})).is_err());
}

#[test]
fn draft3_required_booleans() {
    use draft3::*;

    // `"required": true` makes `id` a plain field; `"required": "true"` is
    // not a draft-03 boolean and leaves `lists` optional.
    let lookup = Lookup::new("list-1");
    assert_eq!(lookup.id, "list-1");
    assert!(lookup.lists.is_none());
    assert!(lookup.lists().is_empty());
    // `"type": "any"` is untyped.
    let lookup = lookup.with_mode(serde_json::json!([1, "two"]));
    assert_eq!(lookup.mode, Some(serde_json::json!([1, "two"])));
}
