//! The client side of pivot requests: what [`PivotRequest::to_http`] sends
//! reads back as the same request through the server side
//! ([`PivotRequest::from_http`]), for GET, form POST and JSON POST, over
//! generated requests (proptest); and the wire format of fixed requests is
//! what Kazoo writes.

use kazoo_callflows::pivot::{
    BodyFormat, ClientRequest, Digits, HttpMethod, PivotRequest, RequestFormat,
};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Any text, including empty, spaces, `&`, `=`, `%`, `+` and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zA-Z0-9 &=%+#?/é€-]{0,12}",]
}

/// A map key: any text without brackets, not empty (what a form can carry).
fn key() -> impl Strategy<Value = String> {
    "[^\\[\\]]{1,10}"
}

fn digits() -> impl Strategy<Value = Digits> {
    prop_oneof![
        text().prop_map(Digits::Plain),
        btree_map(key(), text(), 1..4).prop_map(Digits::Named),
    ]
}

/// Values a form carries: text, a list of text, an object of text.
fn extra_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        text().prop_map(Value::String),
        vec(text().prop_map(Value::String), 1..4).prop_map(Value::Array),
        btree_map(key(), text().prop_map(Value::String), 1..3)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
    ]
}

prop_compose! {
    fn request()(
        account_id in option::of(text()),
        call_id in option::of(text()),
        caller_id_name in option::of(text()),
        caller_id_number in option::of(text()),
        custom_application_vars in btree_map(key(), text(), 0..3),
        custom_sip_headers in btree_map(key(), text(), 0..3),
        digits in option::of(digits()),
        from in option::of(text()),
        language in option::of(text()),
        recording_duration in option::of(any::<u64>()),
        to in option::of(text()),
        transcription_text in option::of(text()),
        user_id in vec(text(), 0..4),
        extra in btree_map("x_[a-z0-9_]{1,8}", extra_value(), 0..3),
    ) -> PivotRequest {
        PivotRequest {
            account_id,
            api_version: Some(String::from("4.x")),
            call_id,
            caller_id_name,
            caller_id_number,
            custom_application_vars,
            custom_sip_headers,
            digits,
            direction: Some(String::from("inbound")),
            from,
            language,
            recording_duration,
            to,
            transcription_text,
            user_id,
            extra: extra.into_iter().collect::<BTreeMap<_, _>>(),
            ..PivotRequest::default()
        }
    }
}

/// What a server reads from `sent`.
fn received(sent: &ClientRequest) -> PivotRequest {
    let (_, query) = match sent.url.split_once('?') {
        Some((path, q)) => (path, Some(q)),
        None => (sent.url.as_str(), None),
    };
    PivotRequest::from_http(sent.method.as_str(), query, sent.content_type, &sent.body)
        .unwrap_or_else(|e| panic!("{sent:?} does not read back: {e}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn get_round_trips(req in request()) {
        let sent = req.to_http("http://pivot.example.com/p", HttpMethod::Get, BodyFormat::Form, RequestFormat::Kazoo);
        prop_assert!(sent.body.is_empty());
        prop_assert_eq!(received(&sent), req);
    }

    #[test]
    fn form_post_round_trips(req in request()) {
        let sent = req.to_http("http://pivot.example.com/p", HttpMethod::Post, BodyFormat::Form, RequestFormat::Kazoo);
        prop_assert_eq!(sent.url.as_str(), "http://pivot.example.com/p");
        prop_assert_eq!(received(&sent), req);
    }

    #[test]
    fn json_post_round_trips(req in request()) {
        let sent = req.to_http("http://pivot.example.com/p", HttpMethod::Post, BodyFormat::Json, RequestFormat::Kazoo);
        prop_assert_eq!(sent.content_type, Some("application/json"));
        prop_assert_eq!(received(&sent), req);
    }
}

fn collected() -> PivotRequest {
    PivotRequest {
        account_id: Some(String::from("a0000000000000000000000000000001")),
        api_version: Some(String::from("4.x")),
        call_id: Some(String::from("c1")),
        caller_id_name: Some(String::from("José García")),
        digits: Some(Digits::Named(BTreeMap::from([(
            String::from("custom_name"),
            String::from("1234"),
        )]))),
        direction: Some(String::from("inbound")),
        user_id: vec![String::from("u1")],
        ..PivotRequest::default()
    }
}

#[test]
fn get_writes_the_query_kazoo_writes() {
    let sent = collected().to_http(
        "http://pivot.example.com/collected?lang=fr#top",
        HttpMethod::Get,
        BodyFormat::Form,
        RequestFormat::Kazoo,
    );
    assert_eq!(
        sent.url,
        "http://pivot.example.com/collected?lang=fr&Account-ID=a0000000000000000000000000000001\
         &Api-Version=4.x&Call-ID=c1&Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa\
         &Digits[custom_name]=1234&Direction=inbound&User-ID=u1#top"
    );
    assert_eq!(sent.content_type, None);
}

#[test]
fn one_owner_is_a_value_several_are_a_list() {
    let mut req = collected();
    let one = req.fields();
    assert_eq!(one.get("User-ID"), Some(&Value::from("u1")));
    req.user_id.push(String::from("u2"));
    let sent = req.to_http(
        "http://h/p",
        HttpMethod::Post,
        BodyFormat::Json,
        RequestFormat::Kazoo,
    );
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["User-ID"], serde_json::json!(["u1", "u2"]));
    let sent = req.to_http(
        "http://h/p",
        HttpMethod::Post,
        BodyFormat::Form,
        RequestFormat::Kazoo,
    );
    let body = String::from_utf8(sent.body).unwrap();
    assert!(body.ends_with("&User-ID[]=u1&User-ID[]=u2"), "{body}");
}

#[test]
fn twiml_format_writes_twiml_names() {
    let sent = collected().to_http(
        "http://h/p",
        HttpMethod::Post,
        BodyFormat::Form,
        RequestFormat::Twiml,
    );
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        "CallSid=c1&AccountSid=a0000000000000000000000000000001&ApiVersion=2010-04-01\
         &Direction=inbound&CallerName=Jos%C3%A9+Garc%C3%ADa&Digits[custom_name]=1234"
    );
}
