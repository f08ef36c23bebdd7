//! `kazoo-callflows validate --client-blacklist-cidrs/--client-blacklist-hosts`:
//! Kazoo's client-URL rule with its default lists, lists given on the
//! command line (an empty value turns one off), the same verdicts with
//! `--schemas DIR` (interpreted), and a bad list is exit 2.

mod cli;

use std::process::Output;

fn validate(args: &[&str], stdin: &str) -> Output {
    cli::validate_with_stdin(args, stdin.as_bytes())
}

fn pivot(url: &str) -> String {
    format!(r#"{{"module": "pivot", "data": {{"voice_url": "{url}"}}}}"#)
}

/// Exit code and stdout, compiled and with `--schemas` (which must agree).
fn run(extra: &[&str], input: &str) -> (i32, String) {
    let compiled = validate(extra, input);
    let dir = kazoo_callflows::SCHEMAS_DIR;
    let mut args = vec!["--schemas", dir];
    args.extend_from_slice(extra);
    let interpreted = validate(&args, input);
    let out = |o: &Output| {
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
        )
    };
    assert_eq!(
        out(&compiled),
        out(&interpreted),
        "compiled and --schemas differ"
    );
    out(&compiled)
}

#[test]
fn default_lists() {
    assert_eq!(
        run(&[], &pivot("http://127.0.0.1:8080/x")),
        (
            1,
            "<stdin>:1:43: /data/voice_url: invalid client URL (kazoo-validation)\n".to_string()
        )
    );
    assert_eq!(
        run(
            &[],
            r#"{"module": "webhook", "data": {"uri": "ftp://example.com/h"}}"#
        )
        .0,
        1
    );
    assert_eq!(
        run(&[], &pivot("https://pivot.example.com/x")),
        (0, String::new())
    );
    assert_eq!(run(&[], &pivot("http://10.1.2.3/x")), (0, String::new()));
    assert_eq!(run(&[], &pivot("http://LocalHost:80/x")).0, 1);
}

#[test]
fn lists_from_the_command_line() {
    let ten = ["--client-blacklist-cidrs", "10.0.0.0/8"];
    assert_eq!(
        run(&ten, &pivot("http://10.1.2.3/x")),
        (
            1,
            "<stdin>:1:43: /data/voice_url: invalid client URL (kazoo-validation)\n".to_string()
        )
    );
    assert_eq!(run(&ten, &pivot("http://127.0.0.1/x")), (0, String::new()));
    let off = [
        "--client-blacklist-cidrs",
        "",
        "--client-blacklist-hosts",
        "",
    ];
    assert_eq!(run(&off, &pivot("http://127.0.0.1/x")), (0, String::new()));
    assert_eq!(run(&off, &pivot("http://localhost/x")), (0, String::new()));
    let hosts = ["--client-blacklist-hosts", "Pivot.Internal, other"];
    assert_eq!(run(&hosts, &pivot("http://pivot.internal/x")).0, 1);
    assert_eq!(
        run(&hosts, &pivot("http://localhost/x")),
        (0, String::new())
    );
    assert_eq!(
        run(&hosts, &pivot("http://127.0.0.1/x")).0,
        1,
        "the default networks stay"
    );
}

#[test]
fn a_bad_list_is_a_usage_error() {
    let out = validate(
        &["--client-blacklist-cidrs", "10.0.0.0/40"],
        &pivot("http://a.example/x"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--client-blacklist-cidrs") && err.contains("10.0.0.0/40"),
        "{err}"
    );
}
