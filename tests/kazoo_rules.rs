//! Kazoo's own rules beyond JSON Schema (issue 17): the client-URL rule on
//! every flagged URL member of callflow and metaflow modules, and metaflow
//! dispatch by module (numbers, patterns, nested children), checked the
//! same in the compiled validators, the run-time interpreter (with the
//! `runtime-schemas` feature) and on typed values.

use kazoo_callflows::actions::{Pivot, RecordCall, RecordCallAction, RecordCaller, Webhook};
use kazoo_callflows::validate::{self, ClientBlacklist, Options, ValidationError};
use kazoo_callflows::{Flow, Validate};
use serde_json::{Value, json};

/// Every way this build validates a node: compiled, and (with the
/// feature) interpreted from the same directory.
/// What the input is validated as.
#[derive(Clone, Copy)]
enum As {
    Node,
    Document,
}

/// The errors on `v` as `what`, compiled; with the `runtime-schemas`
/// feature the interpreter must give the same.
fn errors(v: &Value, options: &Options, what: As) -> Vec<ValidationError> {
    let list = |r: Result<(), kazoo_callflows::validate::ValidationErrors>| {
        r.err().map(|e| e.into_vec()).unwrap_or_default()
    };
    let compiled = list(match what {
        As::Node => options.node(v),
        As::Document => options.document(v),
    });
    #[cfg(feature = "runtime-schemas")]
    {
        let schemas = kazoo_callflows::interpret::Schemas::load(kazoo_callflows::SCHEMAS_DIR)
            .expect("the build's schema directory loads")
            .with_options(options.clone());
        let interpreted = list(match what {
            As::Node => schemas.node(v),
            As::Document => schemas.document(v),
        });
        assert_eq!(
            compiled, interpreted,
            "compiled and interpreted differ on {v}"
        );
    }
    compiled
}

fn node_errors(v: &Value, options: &Options) -> Vec<ValidationError> {
    errors(v, options, As::Node)
}

fn document_errors(v: &Value, options: &Options) -> Vec<ValidationError> {
    errors(v, options, As::Document)
}

/// One `invalid client URL` error at `pointer` from a member of `schema`;
/// besides it, at most the member's own `pattern` (`callflows.pivot`
/// asks for `^https?://` itself).
fn only_url_error(errors: &[ValidationError], pointer: &str, schema: &str) {
    let (kazoo, rest): (Vec<&ValidationError>, Vec<&ValidationError>) =
        errors.iter().partition(|e| e.keyword == "kazoo-validation");
    assert!(
        rest.iter()
            .all(|e| e.keyword == "pattern" && e.instance_path == pointer),
        "{errors:?}"
    );
    assert_eq!(kazoo.len(), 1, "{errors:?}");
    let e = kazoo[0];
    assert_eq!(e.instance_path, pointer);
    assert_eq!(e.keyword, "kazoo-validation");
    assert_eq!(e.message, "invalid client URL");
    assert!(
        e.schema_path.starts_with(schema) && e.schema_path.ends_with("/kazoo-validation"),
        "{}",
        e.schema_path
    );
}

fn options_with(cidrs: &str, hosts: &str) -> Options {
    Options {
        client_blacklist: ClientBlacklist::new(
            ClientBlacklist::parse_cidrs(cidrs).unwrap(),
            ClientBlacklist::parse_hosts(hosts),
        ),
        ..Options::default()
    }
}

/// `(module, member)` of every callflow field Kazoo checks as a client URL,
/// with the rest of a valid `data`.
fn callflow_url_fields() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("pivot", "voice_url", json!({})),
        ("webhook", "uri", json!({})),
        ("record_call", "url", json!({"action": "start"})),
        ("record_caller", "url", json!({})),
    ]
}

#[test]
fn why_examples_are_rejected_with_kazoos_messages() {
    let d = Options::default();
    let pivot = json!({"module": "pivot", "data": {"voice_url": "http://127.0.0.1:8080/x"}});
    only_url_error(
        &node_errors(&pivot, &d),
        "/data/voice_url",
        "callflows.pivot#/properties/voice_url",
    );
    let webhook = json!({"module": "webhook", "data": {"uri": "ftp://example.com/h"}});
    only_url_error(
        &node_errors(&webhook, &d),
        "/data/uri",
        "callflows.webhook#/properties/uri",
    );
    let doc = json!({
        "flow": {"module": "pivot", "data": {"voice_url": "https://pivot.example.com/x"}},
        "metaflow": {"numbers": {"2": {"module": "transfer", "data": {"target": 123, "transfer_type": "sideways"}}}}
    });
    let errors = document_errors(&doc, &d);
    let paths: Vec<&str> = errors.iter().map(|e| e.instance_path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/metaflow/numbers/2/data/target",
            "/metaflow/numbers/2/data/transfer_type"
        ],
        "{errors:?}"
    );
    assert_eq!(errors[0].keyword, "type");
    assert!(errors[0].schema_path.starts_with("metaflows.transfer#"));
    assert_eq!(errors[1].keyword, "enum");
}

#[test]
fn every_callflow_url_field_valid_and_invalid() {
    let d = Options::default();
    for (module, member, base) in callflow_url_fields() {
        for good in ["https://pivot.example.com/x", "http://10.1.2.3/x"] {
            let mut data = base.clone();
            data[member] = json!(good);
            let node = json!({"module": module, "data": data});
            assert_eq!(node_errors(&node, &d), [], "{node}");
        }
        for bad in [
            "http://127.0.0.1:8080/x",
            "http://LOCALHOST/x",
            "http://user:secret@localhost:81/x",
            "http://[::ffff:127.0.0.1]/x",
            "ftp://example.com/h",
            "not a url",
        ] {
            let mut data = base.clone();
            data[member] = json!(bad);
            let node = json!({"module": module, "data": data});
            only_url_error(
                &node_errors(&node, &d),
                &format!("/data/{member}"),
                &format!("callflows.{module}#/properties/{member}"),
            );
        }
        // A non-string is the schema's business (`type`), not the rule's.
        let mut data = base.clone();
        data[member] = json!(5);
        let errors = node_errors(&json!({"module": module, "data": data}), &d);
        assert!(
            errors.iter().all(|e| e.keyword != "kazoo-validation"),
            "{errors:?}"
        );
    }
}

#[test]
fn custom_lists_change_the_verdict() {
    let ten = options_with("10.0.0.0/8", "");
    let node = json!({"module": "pivot", "data": {"voice_url": "http://10.1.2.3/x"}});
    assert_eq!(node_errors(&node, &Options::default()), []);
    only_url_error(
        &node_errors(&node, &ten),
        "/data/voice_url",
        "callflows.pivot#/properties/voice_url",
    );
    let loopback = json!({"module": "pivot", "data": {"voice_url": "http://127.0.0.1/x"}});
    assert_eq!(
        node_errors(&loopback, &ten),
        [],
        "the list replaces Kazoo's default"
    );
    let named = options_with("", "Pivot.Internal");
    let internal = json!({"module": "webhook", "data": {"uri": "https://pivot.internal:8443/h"}});
    only_url_error(
        &node_errors(&internal, &named),
        "/data/uri",
        "callflows.webhook#/properties/uri",
    );
    let v6 = options_with("::1/128", "");
    let local6 = json!({"module": "webhook", "data": {"uri": "http://[::1]:8080/h"}});
    assert_eq!(node_errors(&local6, &Options::default()), []);
    only_url_error(
        &node_errors(&local6, &v6),
        "/data/uri",
        "callflows.webhook#/properties/uri",
    );
}

#[test]
fn metaflow_modules_are_dispatched_in_numbers_patterns_and_children() {
    let d = Options::default();
    let doc =
        |metaflow: Value| json!({"flow": {"module": "hangup", "data": {}}, "metaflow": metaflow});
    // Valid: known modules, data against their schemas, nested children.
    let good = doc(json!({
        "numbers": {"2": {"module": "transfer", "data": {"target": "2000"},
                          "children": {"_": {"module": "pivot", "data": {"voice_url": "https://p.example.com/x"}}}}},
        "patterns": {"^3(\\d+)$": {"module": "record_call", "data": {"action": "start", "url": "http://10.1.2.3/r"}}}
    }));
    assert_eq!(document_errors(&good, &d), []);
    // Unknown module, with a did-you-mean.
    let unknown = doc(json!({"numbers": {"2": {"module": "transferr"}}}));
    let errors = document_errors(&unknown, &d);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].instance_path, "/metaflow/numbers/2/module");
    assert_eq!(errors[0].keyword, "kazoo-validation");
    assert_eq!(
        errors[0].message,
        "unable to find metaflow schema for module \"transferr\"; did you mean \"transfer\"?"
    );
    assert_eq!(
        errors[0].schema_path,
        "metaflow#/properties/module/kazoo-validation"
    );
    // Unknown module with data: the module error only.
    let unknown = doc(json!({"patterns": {".*": {"module": "nope", "data": {"x": 1}}}}));
    let errors = document_errors(&unknown, &d);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].instance_path, "/metaflow/patterns/.*/module");
    // Client URLs in metaflow modules, in patterns and nested children.
    let urls = doc(json!({
        "patterns": {"^1$": {"module": "pivot", "data": {"voice_url": "http://localhost/x"}}},
        "numbers": {"5": {"module": "hold", "children": {
            "_": {"module": "record_call", "data": {"action": "start", "url": "http://0.0.0.0/r"}}}}}
    }));
    let errors = document_errors(&urls, &d);
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.instance_path.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/metaflow/numbers/5/children/_/data/url",
                "invalid client URL"
            ),
            (
                "/metaflow/patterns/^1$/data/voice_url",
                "invalid client URL"
            ),
        ]
    );
    assert!(errors[0].schema_path.starts_with("metaflows.record_call#"));
    assert!(errors[1].schema_path.starts_with("metaflows.pivot#"));
    // A nested child with an unknown module.
    let nested = doc(json!({"numbers": {"1": {"module": "hold",
        "children": {"_": {"module": "hold", "children": {"x": {"module": "tranfser"}}}}}}}));
    let errors = document_errors(&nested, &d);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].instance_path,
        "/metaflow/numbers/1/children/_/children/x/module"
    );
}

#[test]
fn typed_values_follow_the_same_rule() {
    let d = Options::default();
    let flows = [
        (
            Flow::new(Pivot::new("http://127.0.0.1:8080/x")),
            "/data/voice_url",
        ),
        (
            Flow::new(Webhook::new().with_uri("ftp://example.com/h")),
            "/data/uri",
        ),
        (
            Flow::new(RecordCall::new(RecordCallAction::Start).with_url("http://localhost/r")),
            "/data/url",
        ),
        (
            Flow::new(RecordCaller::new().with_url("http://[::ffff:0.0.0.0]/r")),
            "/data/url",
        ),
    ];
    for (flow, pointer) in &flows {
        let typed = flow.validate_with(&d).unwrap_err().into_vec();
        assert_eq!(typed.len(), 1, "{typed:?}");
        assert_eq!(typed[0].instance_path, *pointer);
        assert_eq!(typed[0].message, "invalid client URL");
        let raw = node_errors(&serde_json::to_value(flow).unwrap(), &d);
        assert_eq!(typed, raw, "typed and JSON validation differ");
    }
    let ok = Flow::new(Pivot::new("http://10.1.2.3/x"));
    assert!(ok.validate().is_ok());
    assert!(ok.validate_with(&options_with("10.0.0.0/8", "")).is_err());
    // The library's default entry points use Kazoo's lists.
    let v = serde_json::to_value(&flows[0].0).unwrap();
    assert!(validate::node(&v).is_err());
}

#[test]
fn pivot_responses_are_checked_with_the_same_rule() {
    use kazoo_callflows::actions::Tts;
    use kazoo_callflows::pivot::PivotResponse;
    let fallback = || Flow::new(Tts::new("sorry"));
    let mut seen = Vec::new();
    let sent = PivotResponse::checked(Flow::new(Pivot::new("http://127.0.0.1:8080/x")), |e| {
        seen = e.errors().iter().map(|e| e.message.clone()).collect();
        fallback()
    });
    assert_eq!(sent.flow(), &fallback());
    assert_eq!(seen, ["invalid client URL"]);
    let ok = Flow::new(Pivot::new("https://pivot.example.com/x"));
    assert_eq!(
        PivotResponse::checked(ok.clone(), |_| fallback()).flow(),
        &ok
    );
    let ten = Flow::new(Pivot::new("http://10.1.2.3/x"));
    let sent = PivotResponse::checked_with(ten, &options_with("10.0.0.0/8", ""), |_| fallback());
    assert_eq!(sent.flow(), &fallback());
}
