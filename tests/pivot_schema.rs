//! The `schemars` feature: the JSON Schemas derived from the types (what a
//! pivot server publishes in its OpenAPI document) accept every corpus
//! example, agree with the types on each module's data, and refuse what the
//! types refuse.

mod shared_data;

use kazoo_callflows::actions::{
    Conference, Device, DynamicCid, GroupPickup, GroupPickupFeature, ManualPresence,
    MissedCallAlert, Notification, Pivot, RecordCall, RecordCaller, Resources, Response, RingGroup,
    RouteToCid, SendDtmf, Tts, User, Voicemail, Webhook,
};
use kazoo_callflows::pivot::PivotRequest;
use kazoo_callflows::{Action, Callflow, Flow};
use schemars::{JsonSchema, schema_for};
use serde_json::{Value, json};

fn validator<T: JsonSchema>() -> jsonschema::Validator {
    let schema = serde_json::to_value(schema_for!(T)).expect("schema is JSON");
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", T::schema_name()))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The derived schema of the data type of `module`, for the modules the
/// corpus uses (a new one fails the test until it is listed here).
fn data_validator(module: &str) -> jsonschema::Validator {
    macro_rules! by_module {
        ($($ty:ty),* $(,)?) => {
            match module {
                $(m if m == <$ty>::MODULE => validator::<$ty>(),)*
                other => panic!("list the data type of `{other}` in data_validator"),
            }
        };
    }
    by_module!(
        Conference,
        Device,
        DynamicCid,
        GroupPickup,
        GroupPickupFeature,
        ManualPresence,
        MissedCallAlert,
        Notification,
        Pivot,
        RecordCall,
        RecordCaller,
        Resources,
        Response,
        RingGroup,
        RouteToCid,
        SendDtmf,
        Tts,
        User,
        Voicemail,
        Webhook,
    )
}

#[test]
fn derived_schemas_accept_every_corpus_example() {
    let flow_schema = validator::<Flow>();
    let callflow_schema = validator::<Callflow>();
    let corpus = shared_data::corpus();
    let (mut documents, mut nodes, mut typed, mut misfits) = (0, 0, 0, 0);
    for (name, text) in &corpus {
        let input: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let root = if input.get("flow").is_some() {
            documents += 1;
            let found = errors(&callflow_schema, &input);
            assert!(
                found.is_empty(),
                "{name}: Callflow schema refuses it: {found:?}"
            );
            let doc = Callflow::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            doc.flow_node().cloned().expect("a flow")
        } else {
            let found = errors(&flow_schema, &input);
            assert!(
                found.is_empty(),
                "{name}: Flow schema refuses it: {found:?}"
            );
            Flow::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        // Each node's data: the module type's schema accepts exactly what
        // the type reads (typed variant) and refuses what it keeps raw.
        for (path, node) in root.walk() {
            nodes += 1;
            if !Action::is_known_module(node.module()) {
                continue;
            }
            let data = node.to_value().get("data").cloned().unwrap_or(Value::Null);
            let found = errors(&data_validator(node.module()), &data);
            match &node.action {
                Action::Other(raw) => {
                    misfits += 1;
                    assert!(
                        !found.is_empty(),
                        "{name} {path}: `{}` data the type refuses ({:?}) passes its schema",
                        raw.module,
                        raw.type_error()
                    );
                }
                _ => {
                    typed += 1;
                    assert!(
                        found.is_empty(),
                        "{name} {path} {}: {found:?}",
                        node.module()
                    );
                }
            }
        }
    }
    println!(
        "schemas accept {} corpus examples ({documents} documents); {nodes} nodes, \
         {typed} typed data accepted by their module's schema, {misfits} misfits refused",
        corpus.len()
    );
    assert!(typed > 20 && misfits > 0, "the corpus exercises both sides");
}

#[test]
fn derived_schemas_refuse_what_the_types_refuse() {
    let flow = validator::<Flow>();
    for bad in [
        json!({}),
        json!({"module": 5}),
        json!({"data": {}}),
        json!("tts"),
    ] {
        assert!(!errors(&flow, &bad).is_empty(), "Flow schema accepts {bad}");
        assert!(
            Flow::from_json(&bad.to_string()).is_err(),
            "Flow reads {bad}"
        );
    }
    let tts = validator::<Tts>();
    for bad in [
        json!({}),
        json!({"text": 5}),
        json!({"text": "hi", "voice": null}),
        json!({"text": "hi", "engine": "espeak"}),
        json!({"text": "hi", "terminators": "#"}),
    ] {
        assert!(!errors(&tts, &bad).is_empty(), "Tts schema accepts {bad}");
        assert!(
            serde_json::from_value::<Tts>(bad.clone()).is_err(),
            "Tts reads {bad}"
        );
    }
    assert!(
        errors(
            &tts,
            &json!({"text": "hi", "engine": "flite", "x-extra": 1})
        )
        .is_empty()
    );
    let resources = validator::<Resources>();
    let bad = json!({"use_local_resources": "false"});
    assert!(!errors(&resources, &bad).is_empty());
    assert!(serde_json::from_value::<Resources>(bad).is_err());
    let presence = validator::<ManualPresence>();
    assert!(!errors(&presence, &json!({"presence_id": "2000", "status": "away"})).is_empty());
    assert!(!errors(&presence, &json!({"status": "busy"})).is_empty());
    let callflow = validator::<Callflow>();
    let bad = json!({"numbers": "2000"});
    assert!(!errors(&callflow, &bad).is_empty());
    // The document reads misfitting members leniently (kept as extras);
    // its strict reading refuses what its schema refuses.
    assert!(Callflow::from_json_strict(&bad.to_string()).is_err());
    assert!(Callflow::from_json(&bad.to_string()).is_ok_and(|d| d.first_misfit().is_some()));
}

#[test]
fn pivot_request_schema_accepts_what_kazoo_sends() {
    let schema = validator::<PivotRequest>();
    for body in [
        json!({"Call-ID": "c", "Digits": "1234", "User-ID": "u1", "Recording-Duration": 3}),
        json!({"Digits": {"custom_name": "1", "default": "2"}, "User-ID": ["u1", "u2"],
               "Custom-Application-Vars": {"k": "v"}, "Custom-SIP-Headers": {"X-A": "b"},
               "Anything-Else": [1, {"x": null}]}),
    ] {
        assert_eq!(errors(&schema, &body), Vec::<String>::new(), "{body}");
        assert!(PivotRequest::from_json(body.to_string().as_bytes()).is_ok());
    }
    assert!(!errors(&schema, &json!({"Digits": [1]})).is_empty());
    assert!(!errors(&schema, &json!({"User-ID": {"a": 1}})).is_empty());
}
