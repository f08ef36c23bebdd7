//! Acceptance 3 on values built with the builders (written against Kazoo
//! master's types): typed validation reports exactly what raw validation
//! of their JSON reports, including extra members that shadow declared
//! properties, non-node children, data kept in `extra` and unknown
//! modules. `validate_typed_cases.rs` covers every generated case.

use kazoo_callflows::actions::{
    CollectDtmf, Resources, RingGroup, RingGroupEndpoint, RingGroupEndpointEndpointType, Tts,
};
use kazoo_callflows::validate::{self, ValidationErrors};
use kazoo_callflows::{Action, Callflow, Flow, RawAction, Validate};
use serde_json::{Value, json};

fn errors(r: Result<(), ValidationErrors>) -> Vec<kazoo_callflows::validate::ValidationError> {
    r.err().map(ValidationErrors::into_vec).unwrap_or_default()
}

/// Typed and raw errors of a node, and the node's JSON.
fn node_pair(
    flow: &Flow,
) -> (
    Vec<validate::ValidationError>,
    Vec<validate::ValidationError>,
) {
    let v = serde_json::to_value(flow).expect("serializes");
    (errors(flow.validate()), errors(validate::node(&v)))
}

#[test]
fn builder_values_with_errors_agree() {
    let endpoint = RingGroupEndpoint::new(RingGroupEndpointEndpointType::Device, "");
    let ring = RingGroup::new([endpoint.clone(), endpoint.with_weight(101)]).with_repeats(0);
    let flow = Flow::new(ring.clone())
        .then(Tts::new("x"))
        .branch("", Flow::new(Tts::new("y")));
    let (typed, raw) = node_pair(&flow);
    let paths: Vec<&str> = typed.iter().map(|e| e.instance_path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/data/endpoints/0/id",
            "/data/endpoints/1/id",
            "/data/endpoints/1/weight",
            "/data/repeats"
        ]
    );
    assert_eq!(typed, raw);

    // An extra member named like a declared property wins when serialized,
    // so it is what gets validated.
    let mut shadowed = Resources::new().with_use_local_resources(true);
    shadowed
        .extra
        .insert(String::from("use_local_resources"), json!("false"));
    shadowed
        .extra
        .insert(String::from("emit_account_id"), json!(3));
    let flow = Flow::new(shadowed);
    let (typed, raw) = node_pair(&flow);
    assert_eq!(typed, raw);
    let paths: Vec<&str> = typed.iter().map(|e| e.instance_path.as_str()).collect();
    assert_eq!(
        paths,
        ["/data/emit_account_id", "/data/use_local_resources"]
    );

    // Unknown modules, missing data, odd node members.
    let mut other = Flow::new(RawAction {
        module: String::from("resource"),
        data: None,
    });
    other
        .extra
        .insert(String::from("children"), json!("not an object"));
    let (typed, raw) = node_pair(&other);
    assert_eq!(typed, raw);
    let messages: Vec<&str> = typed.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "missing required property \"data\"",
            "expected object, found \"not an object\"",
            "unknown module \"resource\"; did you mean \"resources\"?",
        ]
    );

    let mut data_in_extra = Flow::new(RawAction {
        module: String::from("collect_dtmf"),
        data: None,
    });
    data_in_extra
        .extra
        .insert(String::from("data"), json!({"max_digits": "4"}));
    let (typed, raw) = node_pair(&data_in_extra);
    assert_eq!(typed, raw);
    assert_eq!(typed.len(), 1, "{typed:?}");
    assert_eq!(typed[0].instance_path, "/data/max_digits");

    // A document: duplicate numbers are typed `Vec<String>` items.
    let doc: Callflow = serde_json::from_value(json!({
        "flow": Flow::new(CollectDtmf::new().with_max_digits(4)).to_value(),
        "numbers": ["1000", "1001", "1000"],
        "patterns": [""]
    }))
    .expect("a document");
    let v = doc.to_value();
    assert_eq!(errors(doc.validate()), errors(validate::document(&v)));
    let paths: Vec<String> = errors(doc.validate())
        .into_iter()
        .map(|e| e.instance_path)
        .collect();
    assert_eq!(paths, ["/numbers", "/patterns/0"]);
}

#[test]
fn every_module_type_validates_its_sample_like_raw() {
    // Each module's typed data validated through `Action` agrees with
    // `validate::module_data`, also for data that cannot be typed.
    for module in Action::MODULES {
        for data in [
            json!({}),
            json!({"unexpected": 1}),
            json!([]),
            json!({"id": 5}),
        ] {
            let action = Action::from_parts(module.to_string(), Some(data.clone()));
            assert_eq!(
                errors(action.validate()),
                errors(validate::module_data(module, &data)),
                "{module}: {data}"
            );
        }
    }
    let unknown = Action::from_parts(String::from("ring_grup"), Some(json!({})));
    let e = errors(unknown.validate());
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].message,
        "unknown module \"ring_grup\"; did you mean \"ring_group\"?"
    );
    let _: Value = json!(null);
}
