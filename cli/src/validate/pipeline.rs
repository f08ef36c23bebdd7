//! The validation pipeline: records in, verdicts out, in input order, on
//! every core, in bounded memory.
//!
//! ```text
//! source thread ──batches──▶ judging (rayon pool, `threads` workers) ──verdicts──▶ output thread
//! ```
//!
//! The source (any iterator of `Result<Record, SourceError>`: the file
//! reader, a live-CouchDB reader, …) runs on its own thread and hands on
//! batches of records; each batch is judged in parallel
//! ([`verdict::judge`]: parse, validate, locate) and its verdicts go, in
//! order, to `emit` on an output thread. Both hand-offs are bounded
//! channels of [`QUEUED`] batches, so at most a handful of batches (each at
//! most [`BATCH_RECORDS`] records or [`BATCH_BYTES`] bytes of text, or one
//! record larger than that) are in memory at once, whatever the input's
//! size. A source error stops the run after the verdicts on every record
//! before it; an output error stops it at once.

use super::record::{Body, Record, SourceError};
use super::validator::Validator;
use super::verdict::{self, Verdict};
use rayon::prelude::*;
use std::sync::mpsc::sync_channel;

/// Most records in a batch.
pub const BATCH_RECORDS: usize = 2048;
/// Most bytes of record text in a batch (a larger record is a batch alone).
pub const BATCH_BYTES: usize = 1 << 20;
/// Batches waiting at each hand-off.
pub const QUEUED: usize = 2;

/// How records are judged.
pub struct Settings<'a> {
    /// The schemas.
    pub validator: &'a dyn Validator,
    /// `--module NAME`: records of [`Unit::Input`](super::record::Unit)
    /// are that module's bare data.
    pub module: Option<&'a str>,
    /// Worker threads judging records (at least 1).
    pub threads: usize,
}

/// Why a run stopped before the end of its records.
#[derive(Debug)]
pub enum Stop {
    /// The source failed (after every verdict before it was emitted).
    Source(SourceError),
    /// `emit` failed.
    Output(std::io::Error),
    /// The worker threads could not be started.
    Threads(String),
}

/// Judges every record of `records` and calls `emit` with each verdict, in
/// the records' order.
pub fn run<I, E>(records: I, settings: &Settings<'_>, mut emit: E) -> Result<(), Stop>
where
    I: Iterator<Item = Result<Record, SourceError>> + Send,
    E: FnMut(Verdict) -> std::io::Result<()> + Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.threads.max(1))
        .thread_name(|i| format!("validate-{i}"))
        .build()
        .map_err(|e| Stop::Threads(e.to_string()))?;
    let (batches_in, batches) = sync_channel::<Result<Vec<Record>, SourceError>>(QUEUED);
    let (verdicts_in, verdicts) = sync_channel::<Vec<Verdict>>(QUEUED);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for item in records {
                match item {
                    Ok(record) => {
                        if let Body::Text(t) = &record.body {
                            bytes += t.len();
                        }
                        batch.push(record);
                        if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                            bytes = 0;
                            if batches_in.send(Ok(std::mem::take(&mut batch))).is_err() {
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        if !batch.is_empty() && batches_in.send(Ok(batch)).is_err() {
                            return;
                        }
                        let _ = batches_in.send(Err(e));
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = batches_in.send(Ok(batch));
            }
        });
        let output = scope.spawn(move || {
            for batch in verdicts {
                for v in batch {
                    emit(v)?;
                }
            }
            Ok::<(), std::io::Error>(())
        });
        let mut stop = None;
        for item in batches {
            match item {
                Ok(batch) => {
                    let judged: Vec<Verdict> = pool.install(|| {
                        batch
                            .into_par_iter()
                            .with_min_len(8)
                            .map(|r| verdict::judge(r, settings.validator, settings.module))
                            .collect()
                    });
                    if verdicts_in.send(judged).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    stop = Some(Stop::Source(e));
                    break;
                }
            }
        }
        drop(verdicts_in);
        match output.join() {
            Ok(Ok(())) => stop.map_or(Ok(()), Err),
            Ok(Err(e)) => Err(Stop::Output(e)),
            Err(_) => Err(Stop::Output(std::io::Error::other(
                "the output thread panicked",
            ))),
        }
    })
}
