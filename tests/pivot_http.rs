//! The example pivot server over real HTTP, called the way Kazoo calls it:
//! every route by GET (fields appended to the `voice_url`'s query), by POST
//! with a form body and by POST with a JSON body. Each answer must be
//! `application/json`, the expected node, and valid against Kazoo's own
//! schemas the way `kzt_kazoo:exec/2` validates it. Malformed requests get
//! a 400 with a reason, never a 5xx.

#[path = "../examples/pivot_server/routes.rs"]
mod routes;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use kazoo_callflows::Flow;
use kazoo_callflows::validate::ClientBlacklist;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use routes::{Config, WeekTime};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

const USER: &str = "00000000000000000000000000000a01";
const DEVICE: &str = "00000000000000000000000000000d01";
const DEVICE_2: &str = "00000000000000000000000000000d02";
const CONFERENCE: &str = "00000000000000000000000000000c01";
const VOICEMAIL: &str = "00000000000000000000000000000b01";

// ---------------------------------------------------------------- server

/// Starts the example's router on an ephemeral loopback port; it stops with
/// the test's runtime.
async fn start(clock: WeekTime, configure: impl FnOnce(&mut Config)) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    let mut config = Config::new(format!("http://{addr}"), Arc::new(move || clock));
    // The server runs on loopback: answer as for a Kazoo whose client-URL
    // blacklists let it call this machine (Kazoo's defaults refuse that,
    // see `a_loopback_public_url_is_refused_by_default`).
    config.client_blacklist = ClientBlacklist::new(Vec::new(), Vec::new());
    configure(&mut config);
    tokio::spawn(async move { axum::serve(listener, routes::router(config)).await });
    addr
}

const TUESDAY_10AM: WeekTime = WeekTime {
    weekday: 1,
    minute: 10 * 60,
};
const TUESDAY_6PM: WeekTime = WeekTime {
    weekday: 1,
    minute: 18 * 60,
};
const SATURDAY_NOON: WeekTime = WeekTime {
    weekday: 5,
    minute: 12 * 60,
};

// ---------------------------------------------------------------- client

struct Reply {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The status and the body as JSON (`null` when it is not JSON).
    fn json(&self) -> (u16, Value) {
        (
            self.status,
            serde_json::from_slice(&self.body).unwrap_or(Value::Null),
        )
    }
}

/// One HTTP/1.1 request on a fresh connection.
async fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(target)
        .header(hyper::header::HOST, addr.to_string());
    if let Some(ct) = content_type {
        request = request.header(hyper::header::CONTENT_TYPE, ct);
    }
    let request = request.body(Full::new(Bytes::from(body))).expect("request");
    let response = sender.send_request(request).await.expect("response");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        content_type,
        body,
    }
}

/// What `kz_http_util:urlencode(V, legacy)` leaves as it is.
const KAZOO_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b'_');

/// A value encoded like `kz_http_util:urlencode/2` (`legacy`: `+` for space).
fn kazoo_urlencode(text: &str) -> String {
    text.split(' ')
        .map(|part| utf8_percent_encode(part, KAZOO_UNRESERVED).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// The fields as `kz_http_util:json_to_querystring/1` writes them: names as
/// they are, objects as `name[key]=`, lists as `name[]=`.
fn kazoo_form(fields: &Map<String, Value>) -> String {
    fn encode(name: &str, value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    encode(&format!("{name}[{k}]"), v, out);
                }
            }
            Value::Array(items) => {
                for item in items {
                    let text = item
                        .as_str()
                        .map_or_else(|| item.to_string(), str::to_owned);
                    out.push(format!("{name}[]={}", kazoo_urlencode(&text)));
                }
            }
            Value::String(s) => out.push(format!("{name}={}", kazoo_urlencode(s))),
            other => out.push(format!("{name}={other}")),
        }
    }
    let mut out = Vec::new();
    for (name, value) in fields {
        encode(name, value, &mut out);
    }
    out.join("&")
}

/// The three ways Kazoo's pivot node can call `voice_url` (see
/// `pivot_call:send_req/7`).
#[derive(Debug, Clone, Copy)]
enum Way {
    Get,
    PostForm,
    PostJson,
}

const WAYS: [Way; 3] = [Way::Get, Way::PostForm, Way::PostJson];

async fn call(addr: SocketAddr, voice_url: &str, fields: &Map<String, Value>, way: Way) -> Reply {
    match way {
        Way::Get => {
            // pivot_call:uri/2: `&` when the voice_url already has a query.
            let sep = if voice_url.contains('?') { '&' } else { '?' };
            let target = format!("{voice_url}{sep}{}", kazoo_form(fields));
            send(addr, "GET", &target, None, Vec::new()).await
        }
        Way::PostForm => {
            let ct = Some("application/x-www-form-urlencoded");
            send(addr, "POST", voice_url, ct, kazoo_form(fields).into_bytes()).await
        }
        Way::PostJson => {
            let body = serde_json::to_vec(fields).expect("JSON");
            send(addr, "POST", voice_url, Some("application/json"), body).await
        }
    }
}

// ------------------------------------------------ Kazoo's own validation

/// The Kazoo schemas this build was generated from, registered by id,
/// checking a response the way
/// `kzt_kazoo:exec/2` does: the body as the `flow` of a callflow document
/// against `callflows`, and each node's `data` against
/// `callflows.<module>` (what `kazoo-validation` means on
/// `callflows.action`).
struct KazooSchemas {
    registry: jsonschema::Registry<'static>,
    validators: BTreeMap<String, jsonschema::Validator>,
}

impl KazooSchemas {
    fn load(dir: &Path) -> KazooSchemas {
        let mut resources = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("schema text");
            let mut schema: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
            let id = schema
                .get("_id")
                .and_then(Value::as_str)
                .unwrap_or(stem)
                .to_string();
            if let Some(map) = schema.as_object_mut() {
                // Draft-04 `id` would rebase the refs; Kazoo resolves by `_id`.
                map.remove("id");
            }
            resources.push((format!("kazoo:///{id}"), schema));
        }
        assert!(
            resources.len() > 100,
            "{} holds too few schemas",
            dir.display()
        );
        let registry = jsonschema::Registry::new()
            .draft(jsonschema::Draft::Draft4)
            .extend(
                resources
                    .into_iter()
                    .map(|(uri, schema)| (uri, jsonschema::Resource::from_contents(schema))),
            )
            .expect("resources")
            .prepare()
            .expect("registry");
        KazooSchemas {
            registry,
            validators: BTreeMap::new(),
        }
    }

    fn validator(&mut self, id: &str) -> Option<&jsonschema::Validator> {
        if !self.validators.contains_key(id) {
            let validator = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft4)
                .with_registry(&self.registry)
                .should_validate_formats(false)
                .build(&json!({"$ref": format!("kazoo:///{id}")}))
                .ok()?;
            self.validators.insert(id.to_string(), validator);
        }
        self.validators.get(id)
    }

    /// Every reason Kazoo would refuse `node` as a pivot response.
    fn errors(&mut self, node: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        let doc = json!({ "flow": node });
        let callflows = self.validator("callflows").expect("callflows schema");
        errors.extend(
            callflows
                .iter_errors(&doc)
                .map(|e| format!("{}: {e}", e.instance_path())),
        );
        let mut stack = vec![(String::from("/flow"), node)];
        while let Some((pointer, n)) = stack.pop() {
            let module = n.get("module").and_then(Value::as_str).unwrap_or_default();
            let data = n.get("data").cloned().unwrap_or(Value::Null);
            match self.validator(&format!("callflows.{module}")) {
                None => errors.push(format!("{pointer}: unknown module `{module}`")),
                Some(v) => errors.extend(
                    v.iter_errors(&data)
                        .map(|e| format!("{pointer}/data{}: {e}", e.instance_path())),
                ),
            }
            if let Some(children) = n.get("children").and_then(Value::as_object) {
                for (key, child) in children {
                    stack.push((format!("{pointer}/children/{key}"), child));
                }
            }
        }
        errors
    }
}

// ------------------------------------------------------------- the cases

/// What Kazoo sends for every call (`kzt_kazoo:req_params/1`), with a UTF-8
/// caller name and two owners.
fn kazoo_fields() -> Map<String, Value> {
    let Value::Object(map) = json!({
        "Call-ID": "7d3a5c1e-2f44@10.26.0.81",
        "Account-ID": "a0000000000000000000000000000001",
        "From": "4155550100",
        "From-Realm": "acme.sip.example.com",
        "To": "2000",
        "To-Realm": "acme.sip.example.com",
        "Request": "2000",
        "Request-Realm": "acme.sip.example.com",
        "Api-Version": "4.x",
        "Direction": "inbound",
        "Caller-ID-Name": "José García",
        "Caller-ID-Number": "+14155550100",
        "User-ID": ["u0000000000000000000000000000001", "u0000000000000000000000000000002"],
        "Language": "es-mx",
        "Custom-SIP-Headers": {"X-Campaign": "spring sale"}
    }) else {
        unreachable!("an object literal")
    };
    map
}

/// `kazoo_fields()` with `changes` applied (`null` removes a field).
fn fields_with(changes: Value) -> Map<String, Value> {
    let mut fields = kazoo_fields();
    for (k, v) in changes.as_object().expect("object of changes") {
        if v.is_null() {
            fields.remove(k);
        } else {
            fields.insert(k.clone(), v.clone());
        }
    }
    fields
}

struct Case {
    what: &'static str,
    voice_url: String,
    fields: Map<String, Value>,
    expected: Value,
}

fn tts(text: &str) -> Value {
    json!({"module": "tts", "data": {"text": text}})
}

fn cases(addr: SocketAddr) -> Vec<Case> {
    let case = |what, voice_url: &str, fields, expected| Case {
        what,
        voice_url: voice_url.to_string(),
        fields,
        expected,
    };
    vec![
        case("hello", "/hello", kazoo_fields(), tts("Hello caller")),
        case(
            "greet by UTF-8 name",
            "/greet",
            kazoo_fields(),
            tts("Hi José"),
        ),
        case(
            "greet by directory",
            "/greet",
            fields_with(json!({"Caller-ID-Name": null, "Caller-ID-Number": "+14155550101"})),
            tts("Hi Bob"),
        ),
        case(
            "greet a stranger",
            "/greet",
            fields_with(json!({"Caller-ID-Name": " ", "Caller-ID-Number": "+18005550199"})),
            tts("Hi there"),
        ),
        case(
            "mp3",
            "/mp3",
            kazoo_fields(),
            json!({"module": "play", "data": {"id": "https://media.example.com/hello.mp3"}}),
        ),
        case(
            "user from the voice_url query",
            &format!("/user?user_id={USER}"),
            kazoo_fields(),
            json!({"module": "user", "data": {"id": USER}}),
        ),
        case(
            "user from config",
            "/user",
            kazoo_fields(),
            json!({"module": "user", "data": {"id": "0000000000000000000000000000c0f1"}}),
        ),
        case(
            "device",
            &format!("/device?device_id={DEVICE}"),
            kazoo_fields(),
            json!({"module": "device", "data": {"id": DEVICE}}),
        ),
        case(
            "ring group",
            &format!("/ring_group?endpoints=device:{DEVICE},user:{USER}"),
            kazoo_fields(),
            json!({"module": "ring_group", "data": {"endpoints": [
                {"endpoint_type": "device", "id": DEVICE},
                {"endpoint_type": "user", "id": USER}
            ]}}),
        ),
        case(
            "conference",
            &format!("/conference?conference_id={CONFERENCE}"),
            kazoo_fields(),
            json!({"module": "conference", "data": {"id": CONFERENCE}}),
        ),
        case(
            "carrier",
            "/carrier",
            kazoo_fields(),
            json!({"module": "resources", "data": {"to_did": "+14155550000", "use_local_resources": false}}),
        ),
        case(
            "collect",
            "/collect",
            kazoo_fields(),
            json!({
                "module": "tts",
                "data": {"text": "Please enter up to four digits."},
                "children": {"_": {
                    "module": "collect_dtmf",
                    "data": {"max_digits": 4, "collection_name": "custom_name"},
                    "children": {"_": {
                        "module": "pivot",
                        "data": {
                            "voice_url": format!("http://{addr}/collected"),
                            "req_format": "kazoo"
                        }
                    }}
                }}
            }),
        ),
        case(
            "collected, named collection",
            "/collected",
            fields_with(json!({"Digits": {"custom_name": "1234"}})),
            tts("You typed 1234"),
        ),
        case(
            "collected, plain digits",
            "/collected",
            fields_with(json!({"Digits": "1234"})),
            tts("You typed 1234"),
        ),
        case(
            "collected, only the default collection",
            "/collected",
            fields_with(json!({"Digits": {"default": "5"}})),
            tts("We didn't get that"),
        ),
        case(
            "collected, several collections",
            "/collected",
            fields_with(json!({"Digits": {"default": "5", "custom_name": "90#*"}})),
            tts("You typed 90#*"),
        ),
        case(
            "collected, nothing",
            "/collected",
            kazoo_fields(),
            tts("We didn't get that"),
        ),
        case(
            "collected, empty digits",
            "/collected",
            fields_with(json!({"Digits": ""})),
            tts("We didn't get that"),
        ),
        case(
            "presence",
            "/presence?presence_id=2000&status=busy",
            kazoo_fields(),
            json!({"module": "manual_presence", "data": {"presence_id": "2000", "status": "busy"}}),
        ),
        case(
            "presence, ringing",
            "/presence?presence_id=sales%40acme&status=ringing",
            kazoo_fields(),
            json!({"module": "manual_presence", "data": {"presence_id": "sales@acme", "status": "ringing"}}),
        ),
        case(
            "time of day, business hours",
            "/tod",
            kazoo_fields(),
            json!({
                "module": "device",
                "data": {"id": DEVICE, "timeout": 20},
                "children": {"_": {"module": "voicemail", "data": {"id": VOICEMAIL}}}
            }),
        ),
    ]
}

fn configure(config: &mut Config) {
    config.user_id = Some(String::from("0000000000000000000000000000c0f1"));
    config.device_id = Some(DEVICE.to_string());
    config.voicemail_id = Some(VOICEMAIL.to_string());
}

/// Checks one answer: 200, `application/json`, the expected node, and
/// nothing Kazoo or our check would refuse.
fn assert_answer(reply: &Reply, case: &Case, way: Way, schemas: &mut KazooSchemas) {
    let label = format!("{} ({way:?} {})", case.what, case.voice_url);
    assert_eq!(reply.status, 200, "{label}: {}", reply.text());
    assert_eq!(
        reply.content_type.as_deref(),
        Some("application/json"),
        "{label}"
    );
    let body: Value = serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("{label}: not JSON: {e}: {}", reply.text()));
    assert_eq!(body, case.expected, "{label}");
    let flow = Flow::from_json_strict(&reply.text()).unwrap_or_else(|e| panic!("{label}: {e}"));
    // The test server is on loopback: checked as `start` configures it.
    let options = kazoo_callflows::validate::Options {
        client_blacklist: ClientBlacklist::new(Vec::new(), Vec::new()),
        ..Default::default()
    };
    assert_eq!(
        kazoo_callflows::pivot::check_with(&flow, &options),
        Ok(()),
        "{label}"
    );
    let errors = schemas.errors(&body);
    assert!(
        errors.is_empty(),
        "{label}: Kazoo's schemas refuse it: {errors:?}"
    );
}

#[tokio::test]
async fn every_route_answers_every_way_kazoo_calls() {
    let mut schemas = KazooSchemas::load(Path::new(kazoo_callflows::SCHEMAS_DIR));
    let addr = start(TUESDAY_10AM, configure).await;
    let cases = cases(addr);
    let routes: std::collections::BTreeSet<&str> = cases
        .iter()
        .map(|c| c.voice_url.split('?').next().unwrap_or_default())
        .collect();
    assert_eq!(routes.len(), 12, "every route has a case: {routes:?}");
    let mut answered = 0;
    for case in &cases {
        for way in WAYS {
            let reply = call(addr, &case.voice_url, &case.fields, way).await;
            assert_answer(&reply, case, way, &mut schemas);
            answered += 1;
        }
    }
    println!(
        "{answered} answers checked ({} cases x 3 ways)",
        cases.len()
    );
}

#[tokio::test]
async fn time_of_day_uses_the_injected_clock() {
    let mut schemas = KazooSchemas::load(Path::new(kazoo_callflows::SCHEMAS_DIR));
    let voicemail_only = json!({"module": "voicemail", "data": {"id": VOICEMAIL}});
    for clock in [TUESDAY_6PM, SATURDAY_NOON] {
        let addr = start(clock, configure).await;
        let case = Case {
            what: "time of day, after hours",
            voice_url: String::from("/tod"),
            fields: kazoo_fields(),
            expected: voicemail_only.clone(),
        };
        for way in WAYS {
            let reply = call(addr, &case.voice_url, &case.fields, way).await;
            assert_answer(&reply, &case, way, &mut schemas);
        }
    }
    // Query parameters override the configured ids.
    let addr = start(TUESDAY_10AM, configure).await;
    let case = Case {
        what: "time of day, ids from the query",
        voice_url: format!("/tod?device_id={DEVICE_2}"),
        fields: kazoo_fields(),
        expected: json!({
            "module": "device",
            "data": {"id": DEVICE_2, "timeout": 20},
            "children": {"_": {"module": "voicemail", "data": {"id": VOICEMAIL}}}
        }),
    };
    for way in WAYS {
        let reply = call(addr, &case.voice_url, &case.fields, way).await;
        assert_answer(&reply, &case, way, &mut schemas);
    }
}

#[test]
fn the_schema_check_refuses_what_kazoo_refuses() {
    let mut schemas = KazooSchemas::load(Path::new(kazoo_callflows::SCHEMAS_DIR));
    assert_eq!(schemas.errors(&tts("Hello caller")), Vec::<String>::new());
    for (node, at) in [
        (
            json!({"module": "resources", "data": {"use_local_resources": "false"}}),
            "/flow/data/use_local_resources",
        ),
        (
            json!({"module": "conference", "data": {"id": "short"}}),
            "/flow/data/id",
        ),
        (json!({"module": "tts", "data": {}}), "/flow/data"),
        (
            json!({"module": "resource", "data": {}}),
            "/flow: unknown module `resource`",
        ),
        (json!({"module": "tts"}), "/flow"),
        (
            json!({"module": "tts", "data": {"text": "a"}, "children": {"_": {"module": "pivot", "data": {"voice_url": "ftp://x"}}}}),
            "/flow/children/_/data/voice_url",
        ),
        (
            json!({"flow": {"module": "tts", "data": {"text": "a"}}}),
            "/flow",
        ),
    ] {
        let errors = schemas.errors(&node);
        assert!(
            errors.iter().any(|e| e.starts_with(at)),
            "{node}: {errors:?} has nothing at {at}"
        );
    }
}

#[tokio::test]
async fn the_raw_requests_kazoo_sends() {
    // Byte for byte what pivot_call sends: names unencoded, `+` for spaces.
    let addr = start(TUESDAY_10AM, configure).await;
    let query = "/collected?Call-ID=abc&Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa\
&Digits[custom_name]=1234&User-ID[]=u1&User-ID[]=u2";
    let reply = send(addr, "GET", query, None, Vec::new()).await;
    assert_eq!(reply.json(), (200, tts("You typed 1234")));
    let body = "Digits[default]=5&Digits[custom_name]=42&User-ID=u1";
    let reply = send(
        addr,
        "POST",
        "/collected",
        Some("application/x-www-form-urlencoded"),
        body.into(),
    )
    .await;
    assert_eq!(reply.json(), (200, tts("You typed 42")));
    let reply = send(
        addr,
        "POST",
        "/greet",
        Some("application/json"),
        r#"{"Caller-ID-Name":"Zoë Ångström"}"#.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(reply.json(), (200, tts("Hi Zoë")));
    // Brackets percent-encoded by another client read the same.
    let reply = send(
        addr,
        "GET",
        "/collected?Digits%5Bcustom_name%5D=77",
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(reply.json(), (200, tts("You typed 77")));
}

/// Asserts a 400 whose plain-text reason contains `reason`.
fn assert_bad_request(reply: &Reply, reason: &str, what: &str) {
    assert_eq!(reply.status, 400, "{what}: {}", reply.text());
    assert_eq!(
        reply.content_type.as_deref(),
        Some("text/plain; charset=utf-8"),
        "{what}"
    );
    assert!(
        reply.text().contains(reason),
        "{what}: {:?} does not say {reason:?}",
        reply.text()
    );
}

#[tokio::test]
async fn malformed_requests_get_400_with_a_reason() {
    let addr = start(TUESDAY_10AM, configure).await;
    let form = Some("application/x-www-form-urlencoded");
    let json_ct = Some("application/json");
    // Bad percent-encoding, in a query and in a body.
    let r = send(
        addr,
        "GET",
        "/greet?Caller-ID-Name=Jos%C3%zz",
        None,
        Vec::new(),
    )
    .await;
    assert_bad_request(&r, "bad percent-encoding at byte 21", "query %zz");
    let r = send(
        addr,
        "POST",
        "/greet",
        form,
        b"Call-ID=1&Caller-ID-Name=100%".to_vec(),
    )
    .await;
    assert_bad_request(&r, "bad percent-encoding at byte 28", "body 100%");
    let r = send(
        addr,
        "GET",
        "/greet?Caller-ID-Name=%C3%28",
        None,
        Vec::new(),
    )
    .await;
    assert_bad_request(&r, "is not UTF-8", "invalid UTF-8");
    // A body over the limit.
    let big = format!("Caller-ID-Name={}", "a".repeat(routes::BODY_LIMIT));
    let r = send(addr, "POST", "/greet", form, big.into_bytes()).await;
    assert_bad_request(&r, "larger than the server's limit", "body over the limit");
    let big_json = serde_json::to_vec(&json!({"Caller-ID-Name": "a".repeat(routes::BODY_LIMIT)}))
        .expect("JSON");
    let r = send(addr, "POST", "/hello", json_ct, big_json).await;
    assert_bad_request(
        &r,
        "larger than the server's limit",
        "JSON body over the limit",
    );
    // Wrong or missing content type.
    let r = send(
        addr,
        "POST",
        "/hello",
        Some("text/plain"),
        b"Call-ID=1".to_vec(),
    )
    .await;
    assert_bad_request(&r, "unsupported content type `text/plain`", "text/plain");
    let r = send(
        addr,
        "POST",
        "/hello",
        Some("text/xml"),
        b"<Response/>".to_vec(),
    )
    .await;
    assert_bad_request(&r, "unsupported content type `text/xml`", "text/xml");
    let r = send(addr, "POST", "/hello", None, b"Call-ID=1".to_vec()).await;
    assert_bad_request(&r, "unsupported content type ``", "no content type");
    // `Digits[` without `]`.
    let r = send(
        addr,
        "GET",
        "/collected?Digits[custom_name=1234",
        None,
        Vec::new(),
    )
    .await;
    assert_bad_request(
        &r,
        "`Digits[custom_name`: `[` without a closing `]`",
        "query Digits[",
    );
    let r = send(addr, "POST", "/collected", form, b"Digits[=1".to_vec()).await;
    assert_bad_request(&r, "`Digits[`: `[` without a closing `]`", "body Digits[");
    // Not JSON, or the wrong types.
    let r = send(addr, "POST", "/hello", json_ct, b"{\"Call-ID\": ".to_vec()).await;
    assert_bad_request(&r, "the JSON body is not a JSON object", "truncated JSON");
    let r = send(addr, "POST", "/hello", json_ct, b"[\"Call-ID\"]".to_vec()).await;
    assert_bad_request(&r, "the JSON body is not a JSON object", "JSON list");
    let r = send(
        addr,
        "POST",
        "/collected",
        json_ct,
        br#"{"Digits": [1, 2]}"#.to_vec(),
    )
    .await;
    assert_bad_request(&r, "`Digits`: expected digits", "Digits list");
    // Bad voice_url parameters.
    let r = send(addr, "GET", "/conference?Call-ID=1", None, Vec::new()).await;
    assert_bad_request(&r, "`conference_id`: missing", "no conference id");
    let r = send(addr, "GET", "/device?device_id=not-an-id", None, Vec::new()).await;
    assert_bad_request(
        &r,
        "`device_id`: `not-an-id` is not a Kazoo id",
        "bad device id",
    );
    let r = send(
        addr,
        "GET",
        "/presence?presence_id=2000&status=away",
        None,
        Vec::new(),
    )
    .await;
    assert_bad_request(
        &r,
        "`status`: \"away\" is not a ManualPresenceStatus value",
        "bad status",
    );
    let r = send(
        addr,
        "GET",
        "/ring_group?endpoints=phone:1",
        None,
        Vec::new(),
    )
    .await;
    assert_bad_request(&r, "`endpoints`", "bad endpoint type");
}

#[tokio::test]
async fn garbage_never_gets_a_5xx() {
    let addr = start(TUESDAY_10AM, configure).await;
    let routes = [
        "/hello",
        "/greet",
        "/mp3",
        "/user",
        "/device",
        "/ring_group",
        "/conference",
        "/carrier",
        "/collect",
        "/collected",
        "/presence",
        "/tod",
    ];
    let alphabet = b"%[]=&+aZ09\xc3\xa9\xff{}\":,";
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // What may stand raw in a request target.
    let query_alphabet = b"%[]=&+aZ09";
    let mut statuses = BTreeMap::new();
    for i in 0..360 {
        let len = (next() % 40) as usize;
        let route = routes[i % routes.len()];
        let reply = if i % 3 == 2 {
            let query: String = (0..len)
                .map(|_| query_alphabet[(next() % query_alphabet.len() as u64) as usize] as char)
                .collect();
            send(addr, "GET", &format!("{route}?{query}"), None, Vec::new()).await
        } else {
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let ct = ["application/x-www-form-urlencoded", "application/json"][i % 3];
            send(addr, "POST", route, Some(ct), bytes).await
        };
        assert!(
            reply.status < 500,
            "{route}: {} {}",
            reply.status,
            reply.text()
        );
        *statuses.entry(reply.status).or_insert(0) += 1;
    }
    println!("statuses for 360 random requests: {statuses:?}");
    assert!(statuses.contains_key(&400) && statuses.contains_key(&200));
}

#[tokio::test]
async fn a_loopback_public_url_is_refused_by_default() {
    // With Kazoo's default blacklists, `/collect`'s pivot back to a
    // loopback server is an invalid client URL: the caller hears the
    // fallback, and the server warns at start-up.
    let addr = start(TUESDAY_10AM, |config| {
        config.client_blacklist = ClientBlacklist::kazoo_default();
        let warning = config
            .public_url_warning()
            .expect("a loopback public URL warns");
        assert!(
            warning.contains("invalid client URL") && warning.contains("client.blacklist.cidrs"),
            "{warning}"
        );
    })
    .await;
    for way in WAYS {
        let reply = call(addr, "/collect", &kazoo_fields(), way).await;
        assert_eq!(
            reply.json(),
            (200, routes::fallback().to_value()),
            "{way:?}"
        );
    }
    let public = Config::new(
        "https://pivot.example.com/",
        Arc::new(|| WeekTime {
            weekday: 0,
            minute: 0,
        }),
    );
    assert_eq!(public.public_url_warning(), None);
    let private = Config::new(
        "http://10.1.2.3:8080",
        Arc::new(|| WeekTime {
            weekday: 0,
            minute: 0,
        }),
    );
    assert_eq!(private.public_url_warning(), None);
    let named = Config::new(
        "http://LocalHost:8080",
        Arc::new(|| WeekTime {
            weekday: 0,
            minute: 0,
        }),
    );
    assert!(named.public_url_warning().is_some());
}

#[tokio::test]
async fn an_invalid_answer_falls_back_instead_of_dropping_the_call() {
    // A server whose public URL is not http(s): `/collect` would pivot to a
    // `voice_url` Kazoo's schema refuses, so the caller hears the fallback.
    let addr = start(TUESDAY_10AM, |config| {
        config.public_url = String::from("ftp://pivot.example.com");
    })
    .await;
    for way in WAYS {
        let reply = call(addr, "/collect", &kazoo_fields(), way).await;
        assert_eq!(
            reply.json(),
            (200, routes::fallback().to_value()),
            "{way:?}"
        );
    }
    let invalid = Flow::new(kazoo_callflows::actions::Pivot::new(
        "ftp://pivot.example.com/collected",
    ));
    let errors = kazoo_callflows::pivot::check(&invalid).expect_err("invalid voice_url");
    assert!(
        errors
            .errors()
            .iter()
            .any(|e| e.instance_path == "/data/voice_url")
    );
}
