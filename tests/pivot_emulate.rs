//! `kazoo_callflows::pivot::emulate` as a library: a call test in Rust,
//! with a [`Transport`] written on hyper (no ureq in the library), against
//! the example pivot server over real HTTP; and the walker on local flows:
//! menus branching to pivots, bridges falling through to their failure
//! branch, nodes Kazoo skips, `collect_dtmf`'s typed-ahead digits, bounds.

#[path = "../examples/pivot_server/routes.rs"]
#[allow(dead_code)]
mod routes;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use kazoo_callflows::Flow;
use kazoo_callflows::pivot::ClientRequest;
use kazoo_callflows::pivot::emulate::{
    self, BridgeOutcome, Call, Event, HttpAnswer, Limits, Script, Transport, TransportError,
    Verdict,
};
use routes::{Config, WeekTime};
use serde_json::json;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The example server on its own runtime, started once.
/// Where the example server says it is reached.
const PUBLIC_URL: &str = "https://pivot.example.com";

fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1:0");
                let addr = listener.local_addr().expect("local address");
                let noon = WeekTime {
                    weekday: 2,
                    minute: 12 * 60,
                };
                // It answers with pivots to its production URL, as Kazoo's
                // client-URL rule wants; calls map it back (`rewrites`).
                let config = Config::new(PUBLIC_URL, Arc::new(move || noon));
                tx.send(addr).expect("the test waits");
                let _ = axum::serve(listener, routes::router(config)).await;
            });
        });
        rx.recv().expect("the server's address")
    })
}

/// A transport on hyper's HTTP/1 client, one connection per request.
struct Hyper {
    runtime: tokio::runtime::Runtime,
}

impl Hyper {
    fn new() -> Hyper {
        Hyper {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime"),
        }
    }
}

impl Transport for Hyper {
    fn send(
        &mut self,
        req: &ClientRequest,
        timeout: Duration,
    ) -> Result<HttpAnswer, TransportError> {
        let unreachable = |e: &dyn std::fmt::Display| TransportError::Unreachable(e.to_string());
        let rest = req
            .url
            .strip_prefix("http://")
            .ok_or_else(|| unreachable(&"not http"))?;
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let exchange = async {
            let stream = tokio::net::TcpStream::connect(host)
                .await
                .map_err(|e| unreachable(&e))?;
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .map_err(|e| unreachable(&e))?;
            tokio::spawn(conn);
            let mut builder = hyper::Request::builder()
                .method(req.method.as_str())
                .uri(if path.is_empty() { "/" } else { path })
                .header("host", host);
            if let Some(ct) = req.content_type {
                builder = builder.header("content-type", ct);
            }
            let request = builder
                .body(Full::new(Bytes::from(req.body.clone())))
                .map_err(|e| unreachable(&e))?;
            let response = sender
                .send_request(request)
                .await
                .map_err(|e| unreachable(&e))?;
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(String::from);
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| unreachable(&e))?
                .to_bytes()
                .to_vec();
            Ok(HttpAnswer {
                status,
                content_type,
                body,
            })
        };
        self.runtime
            .block_on(async { tokio::time::timeout(timeout, exchange).await })
            .unwrap_or(Err(TransportError::Timeout(timeout)))
    }
}

fn nodes(transcript: &emulate::Transcript) -> Vec<String> {
    transcript
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Node { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn flow(value: serde_json::Value) -> Flow {
    serde_json::from_value(value).expect("a callflow node")
}

#[test]
fn a_call_test_in_rust() {
    let mut call = Call::new(format!("{PUBLIC_URL}/collect"));
    call.rewrites
        .push((PUBLIC_URL.to_string(), format!("http://{}", server())));
    let mut caller = Script::new("1234", BridgeOutcome::Answer).unwrap();
    let transcript = emulate::emulate(&call, &mut Hyper::new(), &mut caller, &Limits::default());
    assert_eq!(
        transcript.verdict(),
        Verdict::Completed,
        "{}",
        transcript.to_text()
    );
    assert_eq!(
        nodes(&transcript).last().map(String::as_str),
        Some(r#"tts: "You typed 1234""#)
    );
    assert_eq!(
        transcript
            .path
            .iter()
            .map(|s| (s.flow, s.via.as_deref()))
            .collect::<Vec<_>>(),
        [(1, None), (1, Some("_")), (1, Some("_")), (2, None)]
    );
}

#[test]
fn a_local_menu_pivots_or_bridges() {
    let greet = format!("http://{}/greet", server());
    let menu = flow(json!({
        "module": "menu", "data": {"id": "0123456789abcdef0123456789abcdef"},
        "children": {
            "1": {"module": "pivot", "data": {"voice_url": greet, "req_format": "kazoo"}},
            "2": {"module": "device", "data": {"id": "00000000000000000000000000000d01"},
                  "children": {"NO_ANSWER": {"module": "voicemail", "data": {"id": "00000000000000000000000000000b01"}},
                               "_": {"module": "hangup"}}}
        }
    }));
    let mut call = Call::new("http://unused.invalid/");
    call.request.caller_id_name = Some(String::from("Ana Lima"));
    let mut transport = Hyper::new();

    let mut keys = Script::new("1", BridgeOutcome::Answer).unwrap();
    let t = emulate::emulate_flow(&menu, &call, &mut transport, &mut keys, &Limits::default());
    assert_eq!(t.verdict(), Verdict::Completed, "{}", t.to_text());
    assert_eq!(
        nodes(&t),
        [
            r#"menu: pressed 1 -> branch "1""#,
            &format!("pivot: {greet}"),
            r#"tts: "Hi Ana""#
        ]
    );

    for (outcome, last) in [
        (
            BridgeOutcome::NoAnswer,
            "voicemail: id 00000000000000000000000000000b01",
        ),
        (BridgeOutcome::Busy, "hangup"),
    ] {
        let mut keys = Script::new("2", outcome).unwrap();
        let t = emulate::emulate_flow(&menu, &call, &mut transport, &mut keys, &Limits::default());
        assert_eq!(
            nodes(&t).last().map(String::as_str),
            Some(last),
            "{}",
            t.to_text()
        );
    }
}

#[test]
fn nodes_kazoo_skips_are_skipped_with_a_warning() {
    let local = flow(json!({
        "module": "no_such_module",
        "children": {"_": {"module": "tts", "data": {"text": "one", "skip_module": true},
            "children": {"_": {"module": "tts", "data": {"text": "two"}}}}}
    }));
    let call = Call::new("http://unused.invalid/");
    let mut keys = Script::new("", BridgeOutcome::Answer).unwrap();
    let t = emulate::emulate_flow(
        &local,
        &call,
        &mut Hyper::new(),
        &mut keys,
        &Limits::default(),
    );
    let warnings: Vec<String> = t
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Warning { message } => Some(message.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "no_such_module: Kazoo has no callflow module of that name: it skips the node",
            "tts: skip_module is true: Kazoo skips the node"
        ]
    );
    assert_eq!(nodes(&t), [r#"tts: "two""#]);
}

#[test]
fn digits_in_the_default_collection_count_as_typed_ahead() {
    // cf_collect_dtmf starts from the `default` collection (and removes it):
    // a second unnamed collect_dtmf re-reads what the first collected.
    let local = flow(json!({
        "module": "collect_dtmf", "data": {"max_digits": 2},
        "children": {"_": {"module": "collect_dtmf", "data": {"max_digits": 1, "collection_name": "pin"}}}
    }));
    let call = Call::new("http://unused.invalid/");
    let mut keys = Script::new("123", BridgeOutcome::Answer).unwrap();
    let t = emulate::emulate_flow(
        &local,
        &call,
        &mut Hyper::new(),
        &mut keys,
        &Limits::default(),
    );
    assert_eq!(
        nodes(&t),
        [
            r#"collect_dtmf: default = "12" (max_digits 2 reached)"#,
            r#"collect_dtmf: pin = "1" (typed ahead)"#
        ]
    );
    assert_eq!(keys.unused(), "3");
}

#[test]
fn long_callflows_hit_the_step_limit() {
    let mut chain = Flow::new(kazoo_callflows::actions::Tts::new("0"));
    for i in 1..10 {
        chain = chain.then(kazoo_callflows::actions::Tts::new(i.to_string()));
    }
    let limits = Limits {
        max_steps: 5,
        ..Limits::default()
    };
    let call = Call::new("http://unused.invalid/");
    let mut keys = Script::new("", BridgeOutcome::Answer).unwrap();
    let t = emulate::emulate_flow(&chain, &call, &mut Hyper::new(), &mut keys, &limits);
    assert_eq!(t.verdict(), Verdict::Rejected);
    assert_eq!(nodes(&t).len(), 5);
    assert!(
        t.to_text()
            .contains("error: more than 5 nodes ran (--max-steps)")
    );
}
