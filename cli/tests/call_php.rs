//! `kazoo-callflows call` against pivot scripts written in PHP, as the
//! Pivot talk's audience writes them (`$_REQUEST['Digits']['custom_name']`,
//! `$_REQUEST['Caller-ID-Name']`), served by `php -S` on an ephemeral
//! loopback port, by GET and POST; and every fault a pivot server can
//! commit, each with its transcript line and exit code.
//!
//! The scripts pivot back to their own address, a loopback one, which
//! Kazoo's default client-URL blacklists refuse (one test shows that):
//! the other calls run with both lists empty, as a Kazoo whose system
//! config empties `client.blacklist.cidrs` and `.hosts`.

mod call_support;

use call_support::{PhpServer, Run, free_addr, raw_server};
use std::path::Path;
use std::sync::OnceLock;

/// `php -S` serving `tests/fixtures/php`, started once.
fn php() -> &'static PhpServer {
    static SERVER: OnceLock<PhpServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        PhpServer::start(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/php"))
    })
}

/// `kazoo-callflows call ARGS` with Kazoo's client-URL blacklists empty.
fn call(args: &[&str]) -> Run {
    let mut all = args.to_vec();
    all.extend([
        "--client-blacklist-cidrs",
        "",
        "--client-blacklist-hosts",
        "",
    ]);
    call_support::call(&all)
}

#[test]
fn a_loopback_pivot_is_refused_with_kazoos_default_lists() {
    let run = call_support::call(&[&php().url("fallback.php")]);
    run.expect(
        1,
        &[
            "error: /data/voice_url: invalid client URL (kazoo-validation)",
            "error: the callflow has 1 schema error: Kazoo refuses it and hangs up",
        ],
    );
    // Emptying only the host list does not help: 127.0.0.1 is on the
    // network list; emptying that one does.
    let only_hosts =
        call_support::call(&[&php().url("fallback.php"), "--client-blacklist-hosts", ""]);
    assert!(
        only_hosts.has_line("error: /data/voice_url: invalid client URL (kazoo-validation)"),
        "{only_hosts}"
    );
    let no_networks =
        call_support::call(&[&php().url("fallback.php"), "--client-blacklist-cidrs", ""]);
    assert!(
        !no_networks.has_line("error: /data/voice_url: invalid client URL (kazoo-validation)"),
        "{no_networks}"
    );
}

#[test]
fn collect_then_collected_by_get_and_post() {
    for (first, next) in [("get", "get"), ("post", "post"), ("get", "post")] {
        let url = php().url(&format!("collect.php?next={next}"));
        let run = call(&[
            &url,
            "--method",
            first,
            "--caller-id-name",
            "José García",
            "--press",
            "1234",
        ]);
        run.expect(
            0,
            &[
                r#"tts: "Please enter up to four digits.""#,
                r#"collect_dtmf: custom_name = "1234" (max_digits 4 reached)"#,
                r#"tts: "You typed 1234, José García""#,
                "end: end of the callflow: Kazoo hangs up",
            ],
        );
        let second = format!("> request 2: {} ", next.to_uppercase());
        assert!(run.stdout.contains(&second), "{run}");
        if next == "post" {
            assert!(
                run.stdout.contains("Digits[custom_name]=1234"),
                "the POST body carries the collection\n{run}"
            );
        }
    }
}

#[test]
fn caller_id_and_owners_reach_the_script() {
    for method in ["get", "post"] {
        let run = call(&[
            &php().url("greet.php"),
            "--method",
            method,
            "--caller-id-name",
            "Ana",
            "--caller-id-number",
            "+14155550100",
            "--user-id",
            "u1",
            "--user-id",
            "u2",
        ]);
        let verb = method.to_uppercase();
        run.expect(
            0,
            &[&format!(
                r#"tts: "Hi Ana from +14155550100, owners u1 and u2, {verb}""#
            )],
        );
    }
    let run = call(&[&php().url("greet.php"), "--user-id", "u1"]);
    run.expect(0, &[r#"tts: "Hi there from nowhere, owners u1, GET""#]);
}

#[test]
fn menus_branch_on_the_keys() {
    let menu = php().url("menu.php");
    call(&[&menu, "--press", "2"]).expect(
        0,
        &[r#"menu: pressed 2 -> branch "2""#, r#"tts: "Support""#],
    );
    call(&[&menu]).expect(
        0,
        &[
            r#"menu: no digits -> branch "timeout""#,
            r#"tts: "Nobody there? Goodbye.""#,
        ],
    );
    call(&[&menu, "--press", "9", "--press", "8", "--press", "7"]).expect(
        0,
        &[
            "menu: pressed 9: no such branch, invalid entry (2 tries left)",
            "menu: pressed 8: no such branch, invalid entry (1 tries left)",
            "menu: pressed 7: no such branch, invalid entry (0 tries left)",
            r#"menu: out of tries -> "_""#,
            "hangup",
            "end: hangup takes the call over: the emulation stops here",
        ],
    );
}

#[test]
fn a_pivot_without_req_format_sends_twiml_names() {
    call(&[&php().url("twiml_names.php"), "--caller-id-name", "Ana"]).expect(
        0,
        &[
            "warning: this pivot node has no req_format: Kazoo sends TwiML field names \
             (CallerName, CallSid, …) instead of Caller-ID-Name, Call-ID, …; set \"req_format\": \"kazoo\"",
            r#"tts: "name field CallerName""#,
        ],
    );
}

#[test]
fn text_html_with_a_callflow_runs_with_a_warning() {
    call(&[&php().url("no_header.php")]).expect(
        0,
        &[
            "warning: Content-Type text/html: Kazoo tries TwiML first, then reads a Kazoo callflow; send application/json",
            r#"tts: "Hello from text/html""#,
        ],
    );
}

#[test]
fn an_html_error_page_is_refused() {
    let run = call(&[&php().url("html_page.php")]);
    run.expect(1, &["end: Kazoo hangs up"]);
    assert!(
        run.stdout
            .contains("error: the body is not JSON (line 1, column 1: expected value"),
        "{run}"
    );
}

#[test]
fn invalid_json_names_line_and_column() {
    call(&[&php().url("invalid_json.php")]).expect(
        1,
        &[
            "error: the body is not JSON (line 3, column 0: EOF while parsing an object at line 3 column 0): Kazoo hangs up",
            "end: Kazoo hangs up",
            "verdict: Kazoo would reject or could not run what a server answered (exit 1)",
        ],
    );
}

#[test]
fn schema_errors_are_listed_with_their_pointers() {
    call(&[&php().url("schema_errors.php")]).expect(
        1,
        &[
            r#"error: /children/_/data/use_local_resources: expected boolean, found "false" (type)"#,
            "error: the callflow has 1 schema error: Kazoo refuses it and hangs up",
            "end: Kazoo hangs up",
        ],
    );
    call(&[&php().url("unknown_module.php")]).expect(
        1,
        &[r#"error: /module: unknown module "resource"; did you mean "resources"? (kazoo-validation)"#],
    );
}

#[test]
fn a_500_continues_with_the_pivot_nodes_children() {
    let run = call(&[&php().url("error500.php")]);
    assert!(
        run.stdout.contains("\n< 500 text/html; charset=UTF-8 ("),
        "{run}"
    );
    run.expect(
        1,
        &[
            "error: status 500 is a server error: Kazoo ends the pivot and continues with the pivot node's children",
        ],
    );
    call(&[&php().url("fallback.php")]).expect(
        1,
        &[
            "error: status 500 is a server error: Kazoo ends the pivot and continues with the pivot node's children",
            "pivot failed: Kazoo continues with the pivot node's children",
            r#"tts: "Fallback""#,
        ],
    );
}

#[test]
fn pivots_that_loop_hit_the_request_limit() {
    let run = call(&[&php().url("loop.php"), "--max-requests", "3"]);
    run.expect(
        1,
        &[
            "error: a pivot request beyond the limit of 3 (--max-requests): do the pivots loop?",
            "end: Kazoo hangs up",
        ],
    );
    assert_eq!(run.stdout.matches("> request ").count(), 3, "{run}");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let addr = raw_server(None);
    let started = std::time::Instant::now();
    call(&[&format!("http://{addr}/pivot"), "--timeout", "300ms"]).expect(
        1,
        &["error: no answer within 300 ms: Kazoo gives up on the request"],
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn an_answer_without_content_type_is_read_as_twiml() {
    let addr = raw_server(Some(
        b"HTTP/1.1 200 OK\r\nContent-Length: 37\r\nConnection: close\r\n\r\n{\"module\":\"tts\",\"data\":{\"text\":\"Hi\"}}",
    ));
    call(&[&format!("http://{addr}/pivot")]).expect(
        1,
        &[
            "error: no Content-Type (Kazoo reads it as text/xml): Kazoo reads only TwiML from it, \
           and this is not TwiML it runs: not XML (line 1, column 1): unknown token at 1:1; \
           Kazoo ends the call",
        ],
    );
}

#[test]
fn an_unreachable_server_is_exit_2() {
    let addr = free_addr();
    let run = call(&[&format!("http://{addr}/pivot")]);
    assert_eq!(run.code, 2, "{run}");
    assert!(
        run.stdout.contains(&format!("error: http://{addr}/pivot?")),
        "{run}"
    );
    assert!(
        run.has_line("verdict: a server could not be reached (exit 2)"),
        "{run}"
    );
}

#[test]
fn bad_usage_is_exit_2_with_nothing_on_stdout() {
    for args in [
        &["http://127.0.0.1:1/x", "--press", "12x"][..],
        &["http://127.0.0.1:1/x", "--rewrite", "nothing"],
        &["http://127.0.0.1:1/x", "--timeout", "soon"],
        &["http://127.0.0.1:1/x", "--answer", "--busy"],
    ] {
        let run = call(args);
        assert_eq!(run.code, 2, "{args:?}\n{run}");
        assert!(run.stdout.is_empty(), "{args:?}\n{run}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

fn temporal_rules() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/temporal_rules.json")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn temporal_routes_follow_the_rules_at_the_given_time() {
    let tod = php().url("tod.php");
    let rules = temporal_rules();
    // 2026-12-01 is a Tuesday; the second Monday of December 2026 is the 14th.
    let open = call(&[&tod, "--temporal-rules", &rules, "--at", "2026-12-01T10:00"]);
    open.expect(
        0,
        &[
            r#"temporal_route: rules holidays, business_hours: rule business_hours in effect -> branch "business_hours""#,
            r#"tts: "We are open""#,
        ],
    );
    assert!(!open.stdout.contains("warning"), "{open}");
    call(&[&tod, "--temporal-rules", &rules, "--at", "2026-12-14T10:00"]).expect(
        0,
        &[
            r#"temporal_route: rules holidays, business_hours: rule holidays in effect -> branch "holidays""#,
            r#"tts: "We are closed for the holidays""#,
        ],
    );
    call(&[&tod, "--temporal-rules", &rules, "--at", "2026-12-07T10:00"])
        .expect(0, &[r#"tts: "We are open""#]);
    call(&[&tod, "--temporal-rules", &rules, "--at", "2026-12-01T17:30"]).expect(
        0,
        &[
            r#"temporal_route: rules holidays, business_hours: no rule in effect -> "_""#,
            r#"tts: "We are closed""#,
        ],
    );
    call(&[&tod, "--temporal-rules", &rules, "--at", "2026-12-05T10:00"])
        .expect(0, &[r#"tts: "We are closed""#]);
    call(&[&tod, "--rule", "holidays"]).expect(0, &[r#"tts: "We are closed for the holidays""#]);
    call(&[&tod]).expect(0, &[r#"tts: "We are closed""#]);
}

#[test]
fn temporal_options_are_checked() {
    let tod = php().url("tod.php");
    for args in [
        vec![tod.as_str(), "--at", "2026-12-01T10:00"],
        vec![tod.as_str(), "--temporal-rules", "/nonexistent.json"],
        vec![tod.as_str(), "--at", "tuesday"],
    ] {
        let run = call(&args);
        assert_eq!(run.code, 2, "{args:?}\n{run}");
        assert!(run.stdout.is_empty(), "{run}");
    }
}

#[test]
fn twiml_gather_then_the_action_by_post() {
    let run = call(&[
        &php().url("twiml_gather.php"),
        "--caller-id-name",
        "Ana",
        "--press",
        "1234",
    ]);
    let gathered = php().url("twiml_gathered.php");
    run.expect(
        0,
        &[
            r#"Say: "Enter your PIN""#,
            &format!(r#"Gather: Digits = "1234" (numDigits 4 reached) -> POST {gathered}"#),
            &format!("> request 2: POST {gathered}"),
            r#"Say: "You typed 1234, Ana, by POST""#,
            "end: end of the TwiML: Kazoo hangs up",
        ],
    );
    assert!(run.stdout.contains("Digits=1234"), "{run}");
    // No keys: the Gather ends empty and the next verbs run.
    call(&[&php().url("twiml_gather.php")]).expect(
        0,
        &[
            "Gather: no digits: Kazoo goes on with the next verb",
            r#"Say: "We did not get your PIN""#,
            "Hangup",
            "end: Hangup: Kazoo hangs up",
        ],
    );
}

#[test]
fn twiml_dial_action_redirect_and_reject() {
    let dialed = php().url("twiml_dialed.php");
    let run = call(&[&php().url("twiml_dial.php"), "--no-answer"]);
    run.expect(
        0,
        &[
            r#"Say: "Connecting you""#,
            &format!("Dial: number +15550100100: no answer -> GET {dialed}"),
            "Pause: 2 s",
            &format!("Redirect: GET {dialed}?again=1"),
            "Reject: busy (486)",
            "end: Kazoo rejects the call with 486",
        ],
    );
    assert!(
        run.stdout.contains(&format!("> request 2: GET {dialed}?"))
            && run
                .stdout
                .contains(&format!("> request 3: GET {dialed}?again=1&")),
        "{run}"
    );
}

#[test]
fn twiml_faults_end_the_call_with_exit_1() {
    call(&[&php().url("twiml_bad.php")]).expect(
        1,
        &[
            r#"Say: "Hi""#,
            "error: line 3 of the TwiML: Kazoo has no verb <Sms>: it ends the call",
        ],
    );
    let looped = call(&[&php().url("twiml_loop.php"), "--max-requests", "3"]);
    looped.expect(
        1,
        &["error: a pivot request beyond the limit of 3 (--max-requests): do the pivots loop?"],
    );
    assert_eq!(
        looped.stdout.matches("Redirect: POST ").count(),
        3,
        "{looped}"
    );
}
