//! `kazoo-callflows call` against the project's example pivot server
//! (`examples/pivot_server/`) over real HTTP on an ephemeral loopback port:
//! every route, by GET, form POST and JSON POST, with the bridge outcomes,
//! and the full call `/collect` → `--press 1234` → `/collected`.
//!
//! The server answers with pivots to its public URL, a production one
//! ([`PUBLIC_URL`]) as Kazoo's client-URL rule wants; every call maps it
//! back to the server's loopback address with `--rewrite`, as the README's
//! session does.

#[path = "../../examples/pivot_server/routes.rs"]
#[allow(dead_code)]
mod routes;

mod call_support;

use call_support::Run;
use routes::{Config, WeekTime};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

const USER: &str = "00000000000000000000000000000a01";
const DEVICE: &str = "00000000000000000000000000000d01";
const CONFERENCE: &str = "00000000000000000000000000000c01";
const VOICEMAIL: &str = "00000000000000000000000000000b01";

/// Where the server says it is reached.
const PUBLIC_URL: &str = "https://pivot.example.com";

/// `kazoo-callflows call ARGS --rewrite PUBLIC_URL=<the server>`.
fn call(args: &[&str]) -> Run {
    let rewrite = format!("{PUBLIC_URL}={}", url(""));
    let mut all = args.to_vec();
    all.extend(["--rewrite", &rewrite]);
    call_support::call(&all)
}

/// The example server, started once on its own runtime, at business hours
/// (a Tuesday, 10:00).
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1:0");
                let addr = listener.local_addr().expect("local address");
                let tuesday = WeekTime {
                    weekday: 1,
                    minute: 10 * 60,
                };
                let mut config = Config::new(PUBLIC_URL, Arc::new(move || tuesday));
                config.voicemail_id = Some(VOICEMAIL.to_string());
                config.device_id = Some(DEVICE.to_string());
                tx.send(addr).expect("the test waits for the address");
                let _ = axum::serve(listener, routes::router(config)).await;
            });
        });
        rx.recv().expect("the server thread sends its address")
    })
}

fn url(path: &str) -> String {
    format!("http://{}{path}", server())
}

/// The three ways Kazoo sends the first request.
const METHODS: [&[&str]; 3] = [
    &["--method", "get"],
    &["--method", "post"],
    &["--method", "post", "--body-format", "json"],
];

/// Runs `call URL ARGS…` once per method.
fn each_method(path: &str, args: &[&str], check: impl Fn(&Run)) {
    for method in METHODS {
        let target = url(path);
        let mut all = vec![target.as_str()];
        all.extend_from_slice(method);
        all.extend_from_slice(args);
        let run = call(&all);
        check(&run);
    }
}

#[test]
fn the_collect_call_types_1234() {
    each_method("/collect", &["--press", "1234"], |run| {
        run.expect(
            0,
            &[
                r#"tts: "Please enter up to four digits.""#,
                r#"collect_dtmf: custom_name = "1234" (max_digits 4 reached)"#,
                &format!(
                    "pivot: {PUBLIC_URL}/collected (rewritten to {})",
                    url("/collected")
                ),
                r#"tts: "You typed 1234""#,
                "end: end of the callflow: Kazoo hangs up",
                "verdict: the call ran to its end with valid callflows (exit 0)",
            ],
        );
        assert_eq!(
            run.stdout.matches("< 200 application/json (").count(),
            2,
            "{run}"
        );
        // The pivot node asks for Kazoo's field names (`req_format`).
        assert!(
            run.stdout.contains(&format!(
                "> request 2: GET {}?Api-Version=4.x&Call-ID=",
                url("/collected")
            )),
            "{run}"
        );
        // The second request carries the collection, PHP-style.
        assert!(run.stdout.contains("&Digits[custom_name]=1234"), "{run}");
    });
}

#[test]
fn a_terminator_and_fewer_digits() {
    let run = call(&[&url("/collect"), "--press", "12#9"]);
    run.expect(
        0,
        &[
            r#"collect_dtmf: custom_name = "12" (ended by #)"#,
            r#"tts: "You typed 12""#,
            "warning: keys never read: 9",
        ],
    );
    let run = call(&[&url("/collect")]);
    run.expect(
        0,
        &[
            r#"collect_dtmf: custom_name = "" (no more keys: timed out)"#,
            r#"tts: "We didn't get that""#,
        ],
    );
}

#[test]
fn hello_greet_and_mp3() {
    each_method("/hello", &[], |run| {
        run.expect(
            0,
            &[
                r#"tts: "Hello caller""#,
                "end: end of the callflow: Kazoo hangs up",
            ],
        );
    });
    each_method("/greet", &["--caller-id-name", "José García"], |run| {
        run.expect(0, &[r#"tts: "Hi José""#]);
    });
    each_method("/greet", &["--caller-id-number", "+14155550100"], |run| {
        run.expect(0, &[r#"tts: "Hi Alice""#]);
    });
    each_method("/mp3", &[], |run| {
        run.expect(0, &["play: id https://media.example.com/hello.mp3"]);
    });
}

#[test]
fn bridges_follow_their_outcome() {
    let user = format!("/user?user_id={USER}");
    each_method(&user, &[], |run| {
        run.expect(
            0,
            &[
                &format!("user: id {USER}: answered"),
                "end: bridged: the call ends when the bridged call ends",
            ],
        );
    });
    each_method(&user, &["--no-answer"], |run| {
        run.expect(
            0,
            &[
                &format!(r#"user: id {USER}: no answer (NO_ANSWER, sip:480) -> "_""#),
                "end: end of the callflow: Kazoo hangs up",
            ],
        );
    });
    let ring_group = format!("/ring_group?endpoints=device:{DEVICE},user:{USER}");
    each_method(&ring_group, &["--busy"], |run| {
        run.expect(
            0,
            &[r#"ring_group: 2 endpoints, strategy simultaneous: busy (USER_BUSY, sip:486) -> "_""#],
        );
    });
    each_method("/carrier", &["--no-answer"], |run| {
        run.expect(
            0,
            &[
                "resources: to +14155550000: no answer (NO_ANSWER, sip:480): no branch for either",
                "end: Kazoo hangs up with NO_ANSWER",
            ],
        );
    });
    each_method("/carrier", &["--answer"], |run| {
        run.expect(0, &["resources: to +14155550000: answered"]);
    });
}

#[test]
fn device_then_voicemail_in_business_hours() {
    each_method("/tod", &["--no-answer"], |run| {
        run.expect(
            0,
            &[
                &format!(
                    r#"device: id {DEVICE}, timeout 20: no answer (NO_ANSWER, sip:480) -> "_""#
                ),
                &format!("voicemail: id {VOICEMAIL}"),
                "end: voicemail takes the call over: the emulation stops here",
            ],
        );
    });
    each_method("/device", &["--busy"], |run| {
        run.expect(
            0,
            &[&format!(
                r#"device: id {DEVICE}: busy (USER_BUSY, sip:486) -> "_""#
            )],
        );
    });
}

#[test]
fn conference_and_presence() {
    each_method(
        &format!("/conference?conference_id={CONFERENCE}"),
        &[],
        |run| {
            run.expect(
                0,
                &[
                    &format!("conference: id {CONFERENCE}"),
                    "end: conference takes the call over: the emulation stops here",
                ],
            );
        },
    );
    each_method("/presence?presence_id=2000&status=busy", &[], |run| {
        run.expect(
            0,
            &[
                r#"manual_presence: presence_id "2000", status "busy""#,
                "end: end of the callflow: Kazoo hangs up",
            ],
        );
    });
}

#[test]
fn a_bad_request_is_a_client_error() {
    each_method("/user", &[], |run| {
        assert!(
            run.stdout.contains("\n< 400 text/plain; charset=utf-8 ("),
            "{run}"
        );
        run.expect(
            1,
            &[
                "error: status 400 is a client error: Kazoo ends the pivot and continues with the pivot node's children",
            ],
        );
    });
}

#[test]
fn json_transcript_is_one_event_per_line() {
    let run = call(&[&url("/collect"), "--press", "1234", "--format", "json"]);
    assert_eq!(run.code, 0, "{run}");
    let events: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let kinds: Vec<&str> = events.iter().filter_map(|e| e["event"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "request", "answer", "node", "node", "node", "request", "answer", "node", "end",
            "verdict"
        ]
    );
    assert_eq!(
        events[3]["text"],
        r#"collect_dtmf: custom_name = "1234" (max_digits 4 reached)"#
    );
    assert_eq!(
        events.last().map(|e| e["exit_code"].clone()),
        Some(0.into())
    );
}

#[test]
fn rewrite_sends_production_urls_to_the_local_server() {
    // The first request to the production URL too: `call` adds the
    // rewrite, which maps it to the server.
    let run = call(&[&format!("{PUBLIC_URL}/collect"), "--press", "7"]);
    run.expect(0, &[r#"tts: "You typed 7""#]);
    assert!(
        run.stdout
            .contains(&format!("> request 1: GET {}/collect?", url(""))),
        "{run}"
    );
}

#[test]
fn the_same_call_gives_the_same_transcript() {
    let a = call(&[&url("/collect"), "--press", "1234"]);
    let b = call(&[&url("/collect"), "--press", "1234"]);
    assert_eq!(a.stdout, b.stdout);
}

/// The README's session is what the command prints (byte counts aside:
/// they follow the server's address).
#[test]
fn the_readme_session_is_real() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("the README");
    let command = "$ kazoo-callflows call http://127.0.0.1:8080/collect \
                   --rewrite https://pivot.example.com=http://127.0.0.1:8080 --press 1234\n";
    assert!(
        readme.contains(
            "$ cargo run --example pivot_server -- --listen 127.0.0.1:8080 \
             --public-url https://pivot.example.com &\n"
        ),
        "the README starts the server with the public URL the calls rewrite"
    );
    let start = readme.find(command).expect("the README shows the session") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("the block ends")];
    let run = call(&[&url("/collect"), "--press", "1234"]);
    assert_eq!(run.code, 0, "{run}");
    let printed = run.stdout.replace(&server().to_string(), "127.0.0.1:8080");
    assert_eq!(without_sizes(&printed), without_sizes(shown));
}

/// `(N bytes)` → `(… bytes)`.
fn without_sizes(text: &str) -> String {
    text.lines()
        .map(|l| match (l.rfind(" ("), l.ends_with(" bytes)")) {
            (Some(i), true) => format!("{} (… bytes)", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
