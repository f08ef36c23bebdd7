//! `validate --couchdb URL [--db NAME]…`: validates the callflows of a live
//! CouchDB, one Kazoo account database after another, a batch of documents
//! at a time.
//!
//! Verdicts are printed as they are made, in database then document id
//! order. `--format json` prints one line per callflow,
//! `{"db": NAME, "id": DOC_ID, "valid": bool, "errors": [...]}`; text prints
//! one line per error, `DB:DOC_ID: <pointer>: <message> (<keyword>)`.
//! Documents that are not callflows are counted as skipped. Exit codes: 0
//! every callflow valid, 1 some invalid, 2 bad usage or a server that
//! cannot be read — when it stops answering mid-run, the verdicts already
//! printed stay and the error follows them on stderr.

mod account_db;
mod client;
mod databases;
mod endpoint;
mod pages;

use client::{Client, RequestError, RetryPolicy};
use endpoint::{Endpoint, EnvCredentials};
use kazoo_callflows::validate::{Options, ValidationError};
use pages::{Pages, Record};
use std::io::Write;
use std::process::ExitCode;

/// What `validate --couchdb` was asked to do.
pub struct Settings<'a> {
    /// `--couchdb URL`.
    pub url: &'a str,
    /// `--db NAME`, repeated; empty: every account database.
    pub dbs: &'a [String],
    /// `--batch-size`: documents per request.
    pub batch_size: usize,
    /// `--retries`: retries of a failed request.
    pub retries: u32,
    /// Validation options.
    pub options: Options,
    /// `--format json`.
    pub json: bool,
}

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    databases: usize,
    callflows: usize,
    invalid: usize,
    errors: usize,
    skipped: usize,
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
enum Stop {
    #[error("database {db:?}: {source}")]
    Read { db: String, source: RequestError },
    #[error("writing output: {0}")]
    Write(#[from] std::io::Error),
}

/// Runs `validate --couchdb`; see the module docs.
pub fn run(settings: &Settings<'_>) -> ExitCode {
    let endpoint = match Endpoint::parse(settings.url, EnvCredentials::from_env()) {
        Ok(e) => e,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let policy = RetryPolicy {
        retries: settings.retries,
        ..RetryPolicy::default()
    };
    let client = Client::new(endpoint, policy);
    let dbs = match databases::select(&client, settings.dbs) {
        Ok(dbs) => dbs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if dbs.is_empty() {
        eprintln!("note: {} lists no Kazoo account database", client.base());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let result = check(&client, &dbs, settings, &mut out, &mut tally);
    let flushed = out.flush();
    eprintln!(
        "{} callflow(s) in {} database(s): {} valid, {} invalid, {} error(s); {} other document(s) skipped",
        tally.callflows,
        tally.databases,
        tally.callflows - tally.invalid,
        tally.invalid,
        tally.errors,
        tally.skipped
    );
    match result.and(flushed.map_err(Stop::from)) {
        Err(stop) => {
            eprintln!(
                "error: {stop}; stopped after {} verdict(s)",
                tally.callflows
            );
            ExitCode::from(2)
        }
        Ok(()) if tally.invalid == 0 => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(1),
    }
}

/// Validates every callflow of `dbs`, printing verdicts as they are made.
fn check(
    client: &Client,
    dbs: &[String],
    settings: &Settings<'_>,
    out: &mut impl Write,
    tally: &mut Tally,
) -> Result<(), Stop> {
    for db in dbs {
        let mut pages = Pages::new(client, db, settings.batch_size);
        loop {
            let page = pages.next_page().map_err(|source| Stop::Read {
                db: db.clone(),
                source,
            })?;
            let Some(records) = page else { break };
            for record in records {
                let Record::Callflow { id, doc } = record else {
                    tally.skipped += 1;
                    continue;
                };
                let errors = settings
                    .options
                    .document(&doc)
                    .err()
                    .map(|e| e.into_vec())
                    .unwrap_or_default();
                tally.callflows += 1;
                tally.invalid += usize::from(!errors.is_empty());
                tally.errors += errors.len();
                print_verdict(out, settings.json, db, &id, &errors)?;
            }
            out.flush()?;
        }
        tally.databases += 1;
    }
    Ok(())
}

/// One line of `--format json`, members in the documented order.
#[derive(serde::Serialize)]
struct JsonLine<'a> {
    db: &'a str,
    id: &'a str,
    valid: bool,
    errors: &'a [ValidationError],
}

/// Prints the verdict on callflow `id` of `db`.
fn print_verdict(
    out: &mut impl Write,
    json: bool,
    db: &str,
    id: &str,
    errors: &[ValidationError],
) -> std::io::Result<()> {
    if json {
        let line = JsonLine {
            db,
            id,
            valid: errors.is_empty(),
            errors,
        };
        let text = serde_json::to_string(&line).map_err(std::io::Error::other)?;
        return writeln!(out, "{text}");
    }
    for e in errors {
        writeln!(
            out,
            "{db}:{id}: {}: {} ({})",
            e.instance_path, e.message, e.keyword
        )?;
    }
    Ok(())
}
