//! Reading pivot requests: every field Kazoo sends, from a query string, a
//! form body and a JSON body; both `Digits` shapes; `User-ID` as one value
//! or a list; `Custom-*` maps; unknown fields kept; malformed input refused
//! with a reason.

use kazoo_callflows::pivot::{BodyFormat, Digits, PivotRequest, RequestError};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Every field, in the shape of a JSON body (`req_body_format: json`).
fn every_field_json() -> Value {
    json!({
        "Account-ID": "a0000000000000000000000000000001",
        "Api-Version": "4.x",
        "Call-ID": "call-1@10.0.0.1",
        "Call-Status": "in-progress",
        "Caller-ID-Name": "José García",
        "Caller-ID-Number": "+14155550100",
        "Custom-Application-Vars": {"campaign": "spring", "tier": "gold"},
        "Custom-SIP-Headers": {"X-Account": "acme"},
        "Digits": {"custom_name": "1234", "default": "5"},
        "Direction": "inbound",
        "From": "4155550100",
        "From-Realm": "example.sip.com",
        "Language": "fr-ca",
        "Recording-Duration": 42,
        "Recording-ID": "rec-1",
        "Recording-Url": "https://rec.example.com/r/1.mp3",
        "Request": "2000",
        "Request-Realm": "example.sip.com",
        "To": "2000",
        "To-Realm": "example.sip.com",
        "Transcription-ID": "tr-1",
        "Transcription-Status": "completed",
        "Transcription-Text": "bonjour & merci",
        "Transcription-Url": "https://tr.example.com/t/1",
        "User-ID": ["u1", "u2"],
        "DialCallStatus": "completed"
    })
}

/// The same fields as Kazoo's form encoding writes them
/// (`kz_http_util:json_to_querystring/1`: names raw, values encoded with
/// `+` for spaces, objects as `name[key]`, lists as `name[]`).
const EVERY_FIELD_FORM: &str = "Account-ID=a0000000000000000000000000000001&Api-Version=4.x\
&Call-ID=call-1%4010.0.0.1&Call-Status=in-progress&Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa\
&Caller-ID-Number=%2B14155550100&Custom-Application-Vars[campaign]=spring\
&Custom-Application-Vars[tier]=gold&Custom-SIP-Headers[X-Account]=acme\
&Digits[custom_name]=1234&Digits[default]=5&Direction=inbound&From=4155550100\
&From-Realm=example.sip.com&Language=fr-ca&Recording-Duration=42&Recording-ID=rec-1\
&Recording-Url=https%3A%2F%2Frec.example.com%2Fr%2F1.mp3&Request=2000\
&Request-Realm=example.sip.com&To=2000&To-Realm=example.sip.com&Transcription-ID=tr-1\
&Transcription-Status=completed&Transcription-Text=bonjour+%26+merci\
&Transcription-Url=https%3A%2F%2Ftr.example.com%2Ft%2F1&User-ID[]=u1&User-ID[]=u2\
&DialCallStatus=completed";

fn expected_every_field() -> PivotRequest {
    PivotRequest {
        account_id: Some("a0000000000000000000000000000001".into()),
        api_version: Some("4.x".into()),
        call_id: Some("call-1@10.0.0.1".into()),
        call_status: Some("in-progress".into()),
        caller_id_name: Some("José García".into()),
        caller_id_number: Some("+14155550100".into()),
        custom_application_vars: BTreeMap::from([
            ("campaign".into(), "spring".into()),
            ("tier".into(), "gold".into()),
        ]),
        custom_sip_headers: BTreeMap::from([("X-Account".into(), "acme".into())]),
        digits: Some(Digits::Named(BTreeMap::from([
            ("custom_name".into(), "1234".into()),
            ("default".into(), "5".into()),
        ]))),
        direction: Some("inbound".into()),
        from: Some("4155550100".into()),
        from_realm: Some("example.sip.com".into()),
        language: Some("fr-ca".into()),
        recording_duration: Some(42),
        recording_id: Some("rec-1".into()),
        recording_url: Some("https://rec.example.com/r/1.mp3".into()),
        request: Some("2000".into()),
        request_realm: Some("example.sip.com".into()),
        to: Some("2000".into()),
        to_realm: Some("example.sip.com".into()),
        transcription_id: Some("tr-1".into()),
        transcription_status: Some("completed".into()),
        transcription_text: Some("bonjour & merci".into()),
        transcription_url: Some("https://tr.example.com/t/1".into()),
        user_id: vec!["u1".into(), "u2".into()],
        extra: BTreeMap::from([("DialCallStatus".into(), json!("completed"))]),
    }
}

#[test]
fn every_field_from_query_form_and_json() {
    let expected = expected_every_field();
    let json_body = serde_json::to_vec(&every_field_json()).expect("JSON");
    let from_query = PivotRequest::from_query(EVERY_FIELD_FORM).expect("query");
    let from_form = PivotRequest::from_form(EVERY_FIELD_FORM.as_bytes()).expect("form");
    let from_json = PivotRequest::from_json(&json_body).expect("JSON");
    assert_eq!(from_query, expected);
    assert_eq!(from_form, expected);
    assert_eq!(from_json, expected);
    // Every field Kazoo sends is set, and set to something different from
    // the others, so a field read into the wrong member shows.
    let written = serde_json::to_value(&from_form).expect("serializes");
    for field in PivotRequest::FIELDS {
        assert!(written.get(field).is_some(), "{field} was not read");
    }
    assert_eq!(PivotRequest::FIELDS.len(), 25);
    // Writing gives the JSON body back.
    assert_eq!(written, every_field_json());
}

#[test]
fn the_three_ways_through_from_http() {
    let expected = expected_every_field();
    let json_body = serde_json::to_vec(&every_field_json()).expect("JSON");
    let form = "application/x-www-form-urlencoded";
    let get = PivotRequest::from_http("GET", Some(EVERY_FIELD_FORM), None, b"");
    let post_form = PivotRequest::from_http("POST", None, Some(form), EVERY_FIELD_FORM.as_bytes());
    let post_json = PivotRequest::from_http(
        "POST",
        None,
        Some("application/json; charset=utf-8"),
        &json_body,
    );
    assert_eq!(get.as_ref(), Ok(&expected));
    assert_eq!(post_form.as_ref(), Ok(&expected));
    assert_eq!(post_json.as_ref(), Ok(&expected));
}

#[test]
fn get_query_appended_to_a_voice_url_query() {
    // pivot_call:uri/2: `voice_url?user_id=…` + `&` + Kazoo's fields.
    let req = PivotRequest::from_http(
        "GET",
        Some("user_id=abc&Call-ID=c1&Caller-ID-Number=%2B1415"),
        None,
        b"",
    )
    .expect("query");
    assert_eq!(req.call_id.as_deref(), Some("c1"));
    assert_eq!(req.caller_id_number.as_deref(), Some("+1415"));
    assert_eq!(req.param("user_id"), Some("abc"));
}

#[test]
fn post_reads_the_url_query_too_and_the_body_wins() {
    let req = PivotRequest::from_http(
        "POST",
        Some("user_id=abc&Call-ID=from-url"),
        Some("application/x-www-form-urlencoded"),
        b"Call-ID=from-body",
    )
    .expect("form");
    assert_eq!(req.call_id.as_deref(), Some("from-body"));
    assert_eq!(req.param("user_id"), Some("abc"));
    // A POST without a body and without a content type is only its query.
    let bare = PivotRequest::from_http("POST", Some("Call-ID=x"), None, b"").expect("bare");
    assert_eq!(bare.call_id.as_deref(), Some("x"));
}

#[test]
fn digits_plain_and_named() {
    let plain = PivotRequest::from_query("Digits=1234").expect("plain");
    assert_eq!(plain.digits, Some(Digits::Plain("1234".into())));
    let d = plain.digits.as_ref().expect("digits");
    assert_eq!(d.plain(), Some("1234"));
    assert_eq!(d.named("custom_name"), None);
    assert_eq!(d.collected("custom_name"), Some("1234"));

    let named =
        PivotRequest::from_query("Digits[custom_name]=1234&Digits[pin]=0000&Digits[default]=5")
            .expect("named");
    let d = named.digits.as_ref().expect("digits");
    assert_eq!(d.plain(), None);
    assert_eq!(d.named("custom_name"), Some("1234"));
    assert_eq!(d.named("pin"), Some("0000"));
    assert_eq!(
        d.named(kazoo_callflows::pivot::DEFAULT_COLLECTION),
        Some("5")
    );
    assert_eq!(d.collected("missing"), None);

    // Empty digits (Kazoo clears collected digits to "") are not "collected".
    let empty = PivotRequest::from_query("Digits=").expect("empty");
    assert_eq!(empty.digits.as_ref().and_then(|d| d.collected("x")), None);

    // JSON: a string, a number, or an object.
    for (body, expected) in [
        (json!({"Digits": "42"}), Digits::Plain("42".into())),
        (json!({"Digits": 42}), Digits::Plain("42".into())),
        (
            json!({"Digits": {"a": "1", "b": "2"}}),
            Digits::Named(BTreeMap::from([
                ("a".into(), "1".into()),
                ("b".into(), "2".into()),
            ])),
        ),
    ] {
        let req = PivotRequest::from_json(body.to_string().as_bytes()).expect("JSON");
        assert_eq!(req.digits, Some(expected), "{body}");
    }
    assert_eq!(
        PivotRequest::from_query("Call-ID=x").expect("none").digits,
        None
    );
}

#[test]
fn user_id_one_or_many() {
    let one = PivotRequest::from_query("User-ID=u1").expect("one");
    assert_eq!(one.user_id, ["u1"]);
    let many = PivotRequest::from_query("User-ID[]=u1&User-ID[]=u2&User-ID[]=u3").expect("many");
    assert_eq!(many.user_id, ["u1", "u2", "u3"]);
    let repeated = PivotRequest::from_query("User-ID=u1&User-ID=u2").expect("repeated");
    assert_eq!(repeated.user_id, ["u1", "u2"]);
    let json_one = PivotRequest::from_json(br#"{"User-ID": "u1"}"#).expect("JSON one");
    assert_eq!(json_one.user_id, ["u1"]);
    let none = PivotRequest::from_query("").expect("empty");
    assert!(none.user_id.is_empty());
    assert_eq!(none, PivotRequest::default());
}

#[test]
fn repeated_single_valued_fields_keep_the_last_like_php() {
    let req = PivotRequest::from_query("Call-ID=a&Call-ID=b&foo=1&foo=2").expect("repeated");
    assert_eq!(req.call_id.as_deref(), Some("b"));
    assert_eq!(req.extra.get("foo"), Some(&json!(["1", "2"])));
    assert_eq!(req.param("foo"), Some("2"));
}

#[test]
fn unknown_fields_are_kept() {
    let req = PivotRequest::from_query(
        "RecordingUrl=http%3A%2F%2Fr&Future-Field=x&Nested[a][b]=1&List[]=p&List[]=q",
    )
    .expect("unknown");
    assert_eq!(
        serde_json::to_value(&req.extra).expect("JSON"),
        json!({
            "RecordingUrl": "http://r",
            "Future-Field": "x",
            "Nested": {"a": {"b": "1"}},
            "List": ["p", "q"]
        })
    );
    let body = json!({"Call-ID": "c", "Custom": {"deep": [1, true, null]}, "n": 1.5});
    let req = PivotRequest::from_json(body.to_string().as_bytes()).expect("JSON");
    assert_eq!(serde_json::to_value(&req).expect("JSON"), body);
}

#[test]
fn percent_encoding_plus_and_utf8() {
    let req = PivotRequest::from_query(
        "Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa&Transcription-Text=a%2Bb%20c+d&Custom-SIP-Headers%5BX-Name%5D=%E2%82%AC",
    )
    .expect("decoded");
    assert_eq!(req.caller_id_name.as_deref(), Some("José García"));
    assert_eq!(req.transcription_text.as_deref(), Some("a+b c d"));
    assert_eq!(
        req.custom_sip_headers.get("X-Name").map(String::as_str),
        Some("€")
    );
    // Raw UTF-8 in a body (not percent-encoded) reads too.
    let raw = PivotRequest::from_form("Caller-ID-Name=Zoë".as_bytes()).expect("raw UTF-8");
    assert_eq!(raw.caller_id_name.as_deref(), Some("Zoë"));
}

#[test]
fn malformed_input_is_a_typed_error_with_a_reason() {
    let cases: Vec<(Result<PivotRequest, RequestError>, &str)> = vec![
        (
            PivotRequest::from_query("Caller-ID-Name=%E9%zz"),
            "bad percent-encoding at byte 18",
        ),
        (
            PivotRequest::from_query("Call-ID=100%"),
            "bad percent-encoding at byte 11",
        ),
        (
            PivotRequest::from_query("Caller-ID-Name=%E9"),
            "is not UTF-8",
        ),
        (
            PivotRequest::from_query("Digits[custom_name=1234"),
            "`Digits[custom_name`: `[` without a closing `]`",
        ),
        (
            PivotRequest::from_query("Digits=1&Digits[a]=2"),
            "`Digits[a]`",
        ),
        (
            PivotRequest::from_query("Recording-Duration=ten"),
            "`Recording-Duration`: expected a whole number",
        ),
        (
            PivotRequest::from_query("Custom-SIP-Headers=x"),
            "`Custom-SIP-Headers`: expected an object",
        ),
        (
            PivotRequest::from_query("Digits[a][b]=1"),
            "`Digits`: collection `a`: expected digits",
        ),
        (
            PivotRequest::from_json(br#"{"Digits": [1]}"#),
            "`Digits`: expected digits",
        ),
        (
            PivotRequest::from_json(b"[1, 2]"),
            "the JSON body is not a JSON object",
        ),
        (
            PivotRequest::from_json(b"{\"Call-ID\": "),
            "the JSON body is not a JSON object",
        ),
        (
            PivotRequest::from_json(br#"{"Call-ID": {"x": 1}}"#),
            "`Call-ID`: expected text, found an object",
        ),
        (
            PivotRequest::from_json(br#"{"User-ID": [1, {}]}"#),
            "`User-ID`: item 1: expected text",
        ),
        (
            PivotRequest::from_http("POST", None, Some("text/plain"), b"Call-ID=x"),
            "unsupported content type `text/plain`",
        ),
        (
            PivotRequest::from_http("POST", None, None, b"Call-ID=x"),
            "unsupported content type ``",
        ),
    ];
    for (result, reason) in cases {
        let err = result.expect_err(reason);
        assert!(
            err.to_string().contains(reason),
            "{err} does not say {reason:?}"
        );
    }
}

#[test]
fn body_formats_from_content_types() {
    for (ct, expected) in [
        ("application/x-www-form-urlencoded", Some(BodyFormat::Form)),
        (
            "Application/X-WWW-Form-URLEncoded; charset=UTF-8",
            Some(BodyFormat::Form),
        ),
        ("application/json", Some(BodyFormat::Json)),
        (" application/json ; charset=utf-8", Some(BodyFormat::Json)),
        ("text/xml", None),
        ("multipart/form-data; boundary=x", None),
        ("application/jsonx", None),
    ] {
        assert_eq!(
            BodyFormat::from_content_type(Some(ct)).ok(),
            expected,
            "{ct}"
        );
    }
    assert!(BodyFormat::from_content_type(None).is_err());
}
