//! Pivot responses: one node as `application/json`, and the check that
//! turns an invalid handler answer into a logged error and a fallback
//! instead of a call Kazoo drops.

use kazoo_callflows::actions::{Conference, Pivot, Resources, Tts};
use kazoo_callflows::pivot::{PivotResponse, check};
use kazoo_callflows::{Flow, RawAction};
use serde_json::{Value, json};

fn fallback() -> Flow {
    Flow::new(Tts::new("Sorry, something went wrong."))
}

/// `PivotResponse::checked` on `flow`: the flow sent and the pointers of
/// the errors the fallback was given.
fn checked(flow: Flow) -> (Flow, Vec<String>) {
    let mut seen = Vec::new();
    let response = PivotResponse::checked(flow, |errors| {
        seen = errors
            .errors()
            .iter()
            .map(|e| e.instance_path.clone())
            .collect();
        fallback()
    });
    (response.into_flow(), seen)
}

#[test]
fn the_body_is_one_node() {
    let flow =
        Flow::new(Tts::new("Please wait")).then(Pivot::new("https://pivot.example.com/next"));
    let response = PivotResponse::new(flow.clone());
    let body: Value = serde_json::from_slice(&response.body()).expect("JSON");
    assert_eq!(
        body,
        json!({
            "module": "tts",
            "data": {"text": "Please wait"},
            "children": {"_": {"module": "pivot", "data": {"voice_url": "https://pivot.example.com/next"}}}
        })
    );
    assert!(body.get("flow").is_none());
    assert_eq!(PivotResponse::CONTENT_TYPE, "application/json");
    assert_eq!(PivotResponse::STATUS, 200);
    assert_eq!(response.flow(), &flow);
}

#[test]
fn valid_flows_are_sent_as_they_are() {
    let flow = Flow::new(Tts::new("Hello caller"));
    assert_eq!(check(&flow), Ok(()));
    let (sent, errors) = checked(flow.clone());
    assert_eq!(sent, flow);
    assert!(errors.is_empty());
}

#[test]
fn invalid_flows_fall_back_with_the_errors() {
    let cases: Vec<(Flow, &str)> = vec![
        // Kazoo would skip the node silently.
        (
            Flow::new(RawAction::new("resource", json!({"to_did": "+1"}))),
            "/module",
        ),
        // Kazoo does not fix "false" into false for a pivot response.
        (
            Flow::new(RawAction::new(
                "resources",
                json!({"use_local_resources": "false"}),
            )),
            "/data/use_local_resources",
        ),
        // Constraints the types do not carry: length, pattern, bounds.
        (Flow::new(Tts::new("x".repeat(1001))), "/data/text"),
        (
            Flow::new(Conference::new().with_id("too-short")),
            "/data/id",
        ),
        (
            Flow::new(Tts::new("hi")).then(Pivot::new("ftp://not-http")),
            "/children/_/data/voice_url",
        ),
        (
            Flow::new(Tts::new("hi"))
                .then(Resources::new().with_timeout(5))
                .then(Tts::new("")),
            "/children/_/children/_/data/text",
        ),
    ];
    for (flow, pointer) in cases {
        let json = flow.to_value();
        let (sent, errors) = checked(flow);
        assert_eq!(sent, fallback(), "{json}");
        assert!(
            errors.iter().any(|e| e == pointer),
            "{json}: {errors:?} lacks {pointer}"
        );
    }
}
