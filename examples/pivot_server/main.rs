//! A runnable pivot server: Kazoo's `pivot` callflow node calls it and runs
//! the callflow it answers with.
//!
//! ```text
//! cargo run --features axum --example pivot_server -- --listen 127.0.0.1:8080
//! curl 'http://127.0.0.1:8080/greet?Caller-ID-Name=Jos%C3%A9+Garc%C3%ADa'
//! ```
//!
//! Options (all optional): `--listen ADDR` (default `127.0.0.1:8080`),
//! `--public-url URL` (how Kazoo reaches this server; default
//! `http://ADDR`), `--user-id`, `--device-id`, `--conference-id`,
//! `--voicemail-id`, `--presence-id` (what the routes bridge to when the
//! `voice_url`'s query does not say), `--ring-group TYPE:ID,…`,
//! `--carrier-did NUMBER`, `--mp3-url URL`, `--utc-offset MINUTES` (the
//! time zone of `/tod`'s business hours), `--client-blacklist-cidrs LIST`
//! and `--client-blacklist-hosts LIST` (the client-URL blacklists of the
//! Kazoo this server answers, comma-separated; default Kazoo's,
//! `127.0.0.1/32,0.0.0.0/32` and `localhost`).
//!
//! `/collect` answers with a pivot back to `--public-url`. Kazoo refuses a
//! `voice_url` on a blacklisted host ("invalid client URL"), so a loopback
//! public URL (the default) only works with a Kazoo whose `kazoo_web`
//! system config empties or changes `client.blacklist.cidrs` and
//! `.hosts`; the server says so at start-up.

mod routes;

use kazoo_callflows::validate::ClientBlacklist;
use routes::{Clock, Config, WeekTime};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

#[tokio::main]
async fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (listen, config) = match parse_args(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("pivot_server: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("pivot_server: cannot listen on {listen}: {e}");
            return ExitCode::from(1);
        }
    };
    eprintln!("pivot_server: listening on http://{listen}");
    if let Some(warning) = config.public_url_warning() {
        eprintln!("{warning}");
    }
    let shutdown = async {
        // Without a Ctrl-C handler the server simply runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match axum::serve(listener, routes::router(config))
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pivot_server: {e}");
            ExitCode::from(1)
        }
    }
}

const USAGE: &str = "usage: pivot_server [--listen ADDR] [--public-url URL] [--user-id ID] \
[--device-id ID] [--conference-id ID] [--voicemail-id ID] [--presence-id ID] \
[--ring-group TYPE:ID,...] [--carrier-did NUMBER] [--mp3-url URL] [--utc-offset MINUTES] \
[--client-blacklist-cidrs LIST] [--client-blacklist-hosts LIST]";

/// The listen address and the routes' settings from `--name value` pairs.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(SocketAddr, Config), String> {
    let mut listen: SocketAddr = ([127, 0, 0, 1], 8080).into();
    let mut public_url = None;
    let mut utc_offset = 0i64;
    let mut settings: Vec<(String, String)> = Vec::new();
    while let Some(name) = args.next() {
        let value = args.next().ok_or_else(|| format!("{name} needs a value"))?;
        match name.as_str() {
            "--listen" => {
                listen = value
                    .parse()
                    .map_err(|e| format!("--listen {value}: {e}"))?;
            }
            "--public-url" => public_url = Some(value),
            "--utc-offset" => {
                utc_offset = value
                    .parse()
                    .map_err(|e| format!("--utc-offset {value}: {e}"))?;
            }
            _ => settings.push((name, value)),
        }
    }
    let public_url = public_url.unwrap_or_else(|| format!("http://{listen}"));
    let mut config = Config::new(public_url, system_clock(utc_offset));
    for (name, value) in settings {
        match name.as_str() {
            "--user-id" => config.user_id = Some(value),
            "--device-id" => config.device_id = Some(value),
            "--conference-id" => config.conference_id = Some(value),
            "--voicemail-id" => config.voicemail_id = Some(value),
            "--presence-id" => config.presence_id = Some(value),
            "--carrier-did" => config.carrier_did = value,
            "--mp3-url" => config.mp3_url = value,
            "--client-blacklist-cidrs" => {
                let cidrs = ClientBlacklist::parse_cidrs(&value)
                    .map_err(|e| format!("--client-blacklist-cidrs: {e}"))?;
                config.client_blacklist = config.client_blacklist.with_cidrs(cidrs);
            }
            "--client-blacklist-hosts" => {
                config.client_blacklist = config
                    .client_blacklist
                    .with_hosts(ClientBlacklist::parse_hosts(&value));
            }
            "--ring-group" => {
                for item in value.split(',') {
                    let (kind, id) = item
                        .split_once(':')
                        .ok_or_else(|| format!("--ring-group: `{item}` is not TYPE:ID"))?;
                    let kind = kind.parse().map_err(|e| format!("--ring-group: {e}"))?;
                    config.ring_group.push((kind, id.to_string()));
                }
            }
            _ => return Err(format!("unknown option {name}")),
        }
    }
    Ok((listen, config))
}

/// The system clock, `utc_offset` minutes from UTC.
fn system_clock(utc_offset: i64) -> Clock {
    Arc::new(move || {
        let unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let local = unix + utc_offset * 60;
        // 1970-01-01 was a Thursday (weekday 3 counting Monday as 0).
        let weekday = (local.div_euclid(86_400) + 3).rem_euclid(7) as u8;
        let minute = (local.rem_euclid(86_400) / 60) as u16;
        WeekTime { weekday, minute }
    })
}
