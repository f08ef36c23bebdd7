//! `kazoo-callflows call URL`: plays Kazoo's side of a call against a pivot
//! server ([`kazoo_callflows::pivot::emulate`]) and prints the transcript.
//!
//! Exit codes: 0 the call ran to its end with only valid callflows; 1 a
//! server answered something Kazoo rejects or cannot run, or a limit was
//! hit; 2 a server could not be reached, or bad usage.

mod http;
mod path;

use kazoo_callflows::pivot::emulate::{
    self, BridgeOutcome, Call, Clock, Limits, LocalTime, Script, Verdict,
};
use kazoo_callflows::pivot::{BodyFormat, HttpMethod};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// `--method`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Method {
    /// Fields in the query string.
    Get,
    /// Fields in a form body (or JSON with `--body-format json`).
    Post,
}

/// `--body-format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Body {
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `application/json`.
    Json,
}

/// `--format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// One line per event, then the path taken.
    Text,
    /// One JSON object per event and line, then the verdict.
    Json,
}

/// Arguments of `call`.
#[derive(clap::Args)]
pub struct Args {
    /// The pivot server's URL (the `voice_url` of the first pivot node).
    url: String,
    /// How the first request is sent.
    #[arg(long, value_enum, default_value = "get")]
    method: Method,
    /// The POST body's format (`req_body_format`).
    #[arg(long, value_enum, default_value = "form")]
    body_format: Body,
    /// `Caller-ID-Name`.
    #[arg(long, value_name = "NAME")]
    caller_id_name: Option<String>,
    /// `Caller-ID-Number` (and `From` unless given).
    #[arg(long, value_name = "NUMBER")]
    caller_id_number: Option<String>,
    /// `From` (the SIP From user).
    #[arg(long, value_name = "USER")]
    from: Option<String>,
    /// `To` and `Request` (the number dialled).
    #[arg(long, value_name = "USER")]
    to: Option<String>,
    /// `Account-ID`.
    #[arg(long, value_name = "ID")]
    account_id: Option<String>,
    /// `User-ID` (give it again for several owners).
    #[arg(long, value_name = "ID")]
    user_id: Vec<String>,
    /// `Language`.
    #[arg(long, value_name = "LANG")]
    language: Option<String>,
    /// Keys the caller presses (0-9 * # A-D; `,` pauses); several --press
    /// are separated by pauses.
    #[arg(long, value_name = "KEYS")]
    press: Vec<String>,
    /// Bridges are answered (the default).
    #[arg(long, group = "bridge")]
    answer: bool,
    /// Bridges ring out unanswered (NO_ANSWER, sip:480).
    #[arg(long, group = "bridge")]
    no_answer: bool,
    /// Bridges find the callee busy (USER_BUSY, sip:486).
    #[arg(long, group = "bridge")]
    busy: bool,
    /// Temporal rule documents (a JSON array, or Crossbar's `{"data": [...]}`)
    /// that `temporal_route` nodes evaluate at `--at`.
    #[arg(long, value_name = "FILE")]
    temporal_rules: Option<PathBuf>,
    /// The local time temporal rules are evaluated at
    /// (`YYYY-MM-DDTHH:MM[:SS]`, in the route's time zone); default: now, UTC.
    #[arg(long, value_name = "TIME")]
    at: Option<LocalTime>,
    /// A temporal rule id to take as in effect, whatever the time.
    #[arg(long, value_name = "ID")]
    rule: Option<String>,
    /// Replace the URL prefix FROM by TO before sending (a production host
    /// by a local one); may be given several times.
    #[arg(long, value_name = "FROM=TO")]
    rewrite: Vec<String>,
    /// Kazoo's client-URL blacklists the answers are checked with: by
    /// default a `pivot` to `127.0.0.1` or `localhost` is refused, as
    /// Kazoo does; a test server that pivots to itself on loopback needs
    /// `--client-blacklist-cidrs '' --client-blacklist-hosts ''` (or
    /// answers with production URLs and `--rewrite`).
    #[command(flatten)]
    client_blacklist: crate::client_blacklist::ClientBlacklistArgs,
    /// Nodes run per callflow before the emulation stops.
    #[arg(long, default_value_t = Limits::default().max_steps)]
    max_steps: usize,
    /// Pivot requests per call.
    #[arg(long, default_value_t = Limits::default().max_requests)]
    max_requests: usize,
    /// Time allowed per request when the pivot node gives no
    /// `req_timeout_ms`: `500ms`, `5s` or seconds.
    #[arg(long, default_value = "5s", value_parser = parse_timeout)]
    timeout: Duration,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// `500ms`, `5s`, `2.5` (seconds).
fn parse_timeout(text: &str) -> Result<Duration, String> {
    let bad = || format!("`{text}` is not a duration: write 500ms, 5s or 2.5");
    let (number, scale) = if let Some(ms) = text.strip_suffix("ms") {
        (ms, 0.001)
    } else if let Some(s) = text.strip_suffix('s') {
        (s, 1.0)
    } else {
        (text, 1.0)
    };
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    if !(value.is_finite() && value > 0.0) {
        return Err(bad());
    }
    Duration::try_from_secs_f64(value * scale).map_err(|_| bad())
}

pub fn run(args: Args) -> ExitCode {
    let setup = match setup(&args) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let (call, mut script, limits) = setup;
    let transcript = emulate::emulate(&call, &mut http::UreqTransport, &mut script, &limits);
    let verdict = transcript.verdict();
    let mut out = String::new();
    match args.format {
        OutputFormat::Text => {
            out.push_str(&transcript.to_text());
            let unused = script.unused();
            if !unused.is_empty() {
                out.push_str(&format!("warning: keys never read: {unused}\n"));
            }
            out.push_str(&path::render(&transcript.path));
            out.push_str(&format!("verdict: {}\n", verdict_text(verdict)));
        }
        OutputFormat::Json => {
            for event in &transcript.events {
                out.push_str(&serde_json::to_string(event).unwrap_or_default());
                out.push('\n');
            }
            let last = serde_json::json!({
                "event": "verdict",
                "verdict": verdict,
                "exit_code": verdict.exit_code(),
                "unused_keys": script.unused(),
            });
            out.push_str(&format!("{last}\n"));
        }
    }
    // A closed stdout (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(out.as_bytes());
    ExitCode::from(verdict.exit_code())
}

fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Completed => "the call ran to its end with valid callflows (exit 0)",
        Verdict::Rejected => "Kazoo would reject or could not run what a server answered (exit 1)",
        Verdict::Unreachable => "a server could not be reached (exit 2)",
    }
}

/// The call, the caller's script and the limits from the arguments.
fn setup(args: &Args) -> Result<(Call, Script, Limits), String> {
    let mut call = Call::new(args.url.clone());
    call.method = match args.method {
        Method::Get => HttpMethod::Get,
        Method::Post => HttpMethod::Post,
    };
    call.body_format = match args.body_format {
        Body::Form => BodyFormat::Form,
        Body::Json => BodyFormat::Json,
    };
    let req = &mut call.request;
    req.caller_id_name = args.caller_id_name.clone();
    req.caller_id_number = args.caller_id_number.clone();
    req.from = args.from.clone().or_else(|| args.caller_id_number.clone());
    req.to = args.to.clone();
    req.request = args.to.clone();
    req.account_id = args.account_id.clone();
    req.user_id = args.user_id.clone();
    req.language = args.language.clone();
    for rule in &args.rewrite {
        let (from, to) = rule
            .split_once('=')
            .filter(|(from, _)| !from.is_empty())
            .ok_or_else(|| format!("--rewrite {rule}: expected FROM=TO"))?;
        call.rewrites.push((from.to_string(), to.to_string()));
    }
    call.rules.client_blacklist = args.client_blacklist.lists()?;
    let bridge = if args.no_answer {
        BridgeOutcome::NoAnswer
    } else if args.busy {
        BridgeOutcome::Busy
    } else {
        BridgeOutcome::Answer
    };
    let keys = args.press.join(",");
    let mut script = Script::new(&keys, bridge).map_err(|e| format!("--press {keys}: {e}"))?;
    script.temporal_rule = args.rule.clone();
    if let Some(path) = &args.temporal_rules {
        let name = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| format!("{name}:{}:{}: not JSON: {e}", e.line(), e.column()))?;
        let rules = Clock::read_rules(&json).map_err(|e| format!("{name}: {e}"))?;
        let at = args.at.unwrap_or_else(now);
        script.clock = Some(Clock { rules, at });
    } else if args.at.is_some() {
        return Err(String::from(
            "--at needs --temporal-rules FILE: Kazoo's temporal rules live in its database",
        ));
    }
    let limits = Limits {
        max_steps: args.max_steps,
        max_requests: args.max_requests,
        timeout: args.timeout,
    };
    Ok((call, script, limits))
}

/// The system clock, UTC.
fn now() -> LocalTime {
    let unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    LocalTime::from_unix(unix)
}

#[cfg(test)]
mod tests {
    use super::parse_timeout;
    use std::time::Duration;

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_timeout("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_timeout("2.5"), Ok(Duration::from_millis(2500)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
