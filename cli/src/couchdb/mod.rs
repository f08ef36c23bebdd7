//! `validate --couchdb URL [--db NAME]…`: the callflows of a live CouchDB,
//! as a source of records for the validation pipeline.
//!
//! [`open`] reaches the server and chooses the databases — every Kazoo
//! account database it lists, in any of Kazoo's three spellings
//! ([`account_db`]), or those `--db` names — before anything is judged, so
//! bad usage, bad credentials or an unreachable server stop the run before
//! any output (exit 2). Then [`Source::records`] reads each database in
//! pages of `--batch-size` documents ([`pages`]); requests that fail with
//! a server error, a timeout or a broken connection are retried with
//! exponential backoff, a bounded number of times ([`client`]). A server
//! that stops answering mid-run ends the source with an error: the
//! pipeline reports it after the verdicts already made (exit 2).

mod account_db;
mod client;
mod databases;
mod endpoint;
mod pages;
mod records;

use client::{Client, RetryPolicy};
use endpoint::{Endpoint, EnvCredentials};
pub use records::{OnRead, Records};

/// What `validate --couchdb` was asked to read.
pub struct Settings<'a> {
    /// `--couchdb URL`.
    pub url: &'a str,
    /// `--db NAME`, repeated; empty: every account database.
    pub dbs: &'a [String],
    /// `--batch-size`: documents per request.
    pub batch_size: usize,
    /// `--retries`: retries of a failed request.
    pub retries: u32,
    /// `--timeout`: limit on one request, answer included.
    pub timeout: std::time::Duration,
}

/// A server, reached, and the databases to read on it.
pub struct Source {
    client: Client,
    dbs: Vec<String>,
    batch_size: usize,
}

/// Reaches the server of `settings` and chooses the databases to read; the
/// error says why that failed, without credentials.
pub fn open(settings: &Settings<'_>) -> Result<Source, String> {
    let endpoint = Endpoint::parse(settings.url, EnvCredentials::from_env())?;
    let policy = RetryPolicy {
        retries: settings.retries,
        timeout: settings.timeout,
        ..RetryPolicy::default()
    };
    let client = Client::new(endpoint, policy);
    let dbs = databases::select(&client, settings.dbs).map_err(|e| e.to_string())?;
    if dbs.is_empty() {
        eprintln!("note: {} lists no Kazoo account database", client.base());
    }
    Ok(Source {
        client,
        dbs,
        batch_size: settings.batch_size,
    })
}

impl Source {
    /// Every document of the chosen databases, as records, in database
    /// then id order; `on_read` gets the size of each answer.
    pub fn records(self, on_read: OnRead) -> Records {
        Records::new(self.client, self.dbs, self.batch_size, on_read)
    }
}
