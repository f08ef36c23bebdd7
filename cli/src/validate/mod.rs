//! `kazoo-callflows validate`: checks callflow documents, Crossbar
//! envelopes and nodes (or, with `--module`, a module's bare data) against
//! the schemas this binary was built from — or with `--schemas DIR` that
//! directory, read at run time ([`validator`]) — one record or millions,
//! as a stream.
//!
//! Inputs are files or standard input, or a live CouchDB's account
//! databases with `--couchdb URL` ([`crate::couchdb`]); files come in any
//! of the shapes [`reader`] recognises: one document, JSON lines, concatenated values, or
//! a CouchDB response (`_all_docs`, `_find`, `_changes` with
//! `include_docs=true`, of which only callflow documents are checked).
//! Records are read, judged on every core and reported in input order
//! ([`pipeline`]), in memory bounded by the largest record.
//!
//! Output ([`output`]): text, one line per error, `FILE:LINE:COLUMN:
//! <pointer>: <message> (<keyword>)`; or `--format json`, one line per
//! record. A record that is not JSON is an invalid record (keyword
//! `json`), not the end of the run. Then a summary on standard error
//! ([`summary`]), and a progress bar there while it runs when standard
//! error is a terminal ([`progress`]).
//!
//! Exit codes: 0 every record checked is valid; 1 some record is invalid;
//! 2 bad usage, or an input that cannot be read (a missing file or a
//! CouchDB server that cannot be reached: before any output; a read error,
//! an empty input, a truncated CouchDB response or a server that stops
//! answering: after the verdicts on the records before it).

pub mod output;
pub mod pipeline;
pub mod progress;
pub mod reader;
pub mod record;
mod scan;
pub mod spans;
pub mod summary;
pub mod validator;
pub mod verdict;

use kazoo_callflows::validate::{Formats, Options};
use output::OutputFormat;
use pipeline::{Settings, Stop};
use progress::Progress;
use reader::FileReader;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use summary::{Summary, SummaryFormat};

/// Format assertion modes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatsMode {
    /// Assert `email`, `date-time`, `ipv4` and `ipv6` as Kazoo does.
    Kazoo,
}

/// Arguments of `validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Validate against this Kazoo schema directory, read at run time,
    /// instead of the schemas this binary was built from.
    #[arg(long, value_name = "DIR")]
    schemas: Option<PathBuf>,
    /// Validate each record as the bare `data` of module NAME.
    #[arg(long, value_name = "NAME")]
    module: Option<String>,
    /// Every non-blank line of each input is one record (JSON lines are
    /// also recognised without it).
    #[arg(long)]
    jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Assert `format` keywords (by default they are annotations).
    #[arg(long, value_enum, value_name = "MODE")]
    formats: Option<FormatsMode>,
    #[command(flatten)]
    client_blacklist: crate::client_blacklist::ClientBlacklistArgs,
    /// The summary printed on standard error at the end.
    #[arg(long, value_enum, default_value = "text")]
    summary: SummaryFormat,
    /// Threads judging records (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Read the documents of a live CouchDB server instead of files: every
    /// Kazoo account database, or those named by --db. Credentials: user
    /// info in the URL, or COUCHDB_USER and COUCHDB_PASSWORD.
    #[arg(long, value_name = "URL", conflicts_with_all = ["files", "jsonl", "module"])]
    couchdb: Option<String>,
    /// With --couchdb: read only database NAME (any of Kazoo's spellings of
    /// an account database, or the bare account id); repeatable.
    #[arg(long = "db", value_name = "NAME", requires = "couchdb")]
    dbs: Vec<String>,
    /// With --couchdb: documents fetched per request.
    #[arg(long, value_name = "N", default_value_t = 500, requires = "couchdb",
          value_parser = clap::value_parser!(u32).range(1..))]
    batch_size: u32,
    /// With --couchdb: retries of a request that fails with a server error,
    /// a timeout or a broken connection (waits double from 0.25 s).
    #[arg(long, value_name = "N", default_value_t = 4, requires = "couchdb")]
    retries: u32,
    /// With --couchdb: seconds one request (answer included) may take
    /// before it counts as failed.
    #[arg(long, value_name = "SECS", default_value_t = 60, requires = "couchdb",
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Input files; `-` (or none) reads standard input.
    #[arg(value_name = "FILE|-")]
    files: Vec<PathBuf>,
}

/// An input, opened.
struct Input {
    name: String,
    src: Box<dyn Read + Send>,
}

/// Opens every input before anything is judged, so that a missing file
/// stops the run before any output. Also returns the total size, when
/// every input is a regular file.
fn open(files: &[PathBuf]) -> Result<(Vec<Input>, Option<u64>), String> {
    let mut inputs = Vec::new();
    let mut total = Some(0u64);
    for file in files {
        if file.as_os_str() == "-" {
            inputs.push(Input {
                name: String::from("<stdin>"),
                src: Box::new(std::io::stdin()),
            });
            total = None;
            continue;
        }
        let name = file.display().to_string();
        let opened = std::fs::File::open(file).and_then(|f| f.metadata().map(|m| (f, m)));
        let (f, meta) = opened.map_err(|e| format!("{name}: cannot read: {e}"))?;
        if meta.is_dir() {
            return Err(format!("{name}: cannot read: is a directory"));
        }
        total = total
            .zip(meta.is_file().then_some(meta.len()))
            .map(|(a, b)| a + b);
        inputs.push(Input {
            name,
            src: Box::new(f),
        });
    }
    Ok((inputs, total))
}

/// Every record to judge, from the files or the live CouchDB `args` name,
/// and the progress bar reading them advances. The error (a missing file,
/// an unreachable server, …) comes before any output.
fn records(
    args: &Args,
) -> Result<(Box<dyn Iterator<Item = RecordOrError> + Send>, Progress), String> {
    if let Some(url) = &args.couchdb {
        let source = crate::couchdb::open(&crate::couchdb::Settings {
            url,
            dbs: &args.dbs,
            batch_size: usize::try_from(args.batch_size).unwrap_or(usize::MAX),
            retries: args.retries,
            timeout: std::time::Duration::from_secs(args.timeout),
        })?;
        let progress = Progress::start(None);
        let reading = progress.clone();
        let records = source.records(Box::new(move |n| reading.read(n)));
        return Ok((Box::new(records), progress));
    }
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let (inputs, total) = open(&files)?;
    let progress = Progress::start(total);
    let jsonl = args.jsonl;
    let reading = progress.clone();
    let records = inputs.into_iter().flat_map(move |Input { name, src }| {
        let p = reading.clone();
        FileReader::new(&name, src, jsonl, Box::new(move |n| p.read(n)))
    });
    Ok((Box::new(records), progress))
}

/// What a source of records yields.
type RecordOrError = Result<record::Record, record::SourceError>;

/// Validates every input; see the module docs for output and exit codes.
pub fn run(args: Args) -> ExitCode {
    let client_blacklist = match args.client_blacklist.lists() {
        Ok(lists) => lists,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        formats: match args.formats {
            Some(FormatsMode::Kazoo) => Formats::Kazoo,
            None => Formats::Annotate,
        },
        client_blacklist,
    };
    let validator = match validator::choose(args.schemas.as_deref(), options) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if let Some(module) = &args.module
        && !validator.is_known_module(module)
    {
        let hint = validator
            .closest_module(module)
            .map(|m| format!("; did you mean {m:?}?"))
            .unwrap_or_default();
        eprintln!("error: --module: unknown module {module:?}{hint}");
        return ExitCode::from(2);
    }
    let (records, progress) = match records(&args) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let settings = Settings {
        validator: &*validator,
        module: args.module.as_deref(),
        threads: args
            .threads
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
    };
    let mut summary = Summary::default();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let shown = progress.clone();
    let format = args.format;
    let result = pipeline::run(records, &settings, |verdict| {
        summary.add(&verdict);
        if summary.records % 1024 == 0 {
            shown.records(summary.records);
        }
        output::write(&mut out, format, &verdict)
    });
    let flushed = out.flush();
    progress.finish();
    eprint!("{}", summary.render(args.summary));
    let stopped = match (result, flushed) {
        (Err(Stop::Source(e)), _) => Some(e.to_string()),
        (Err(Stop::Output(e)), _) | (Ok(()), Err(e)) => Some(format!("writing output: {e}")),
        (Err(Stop::Threads(e)), _) => Some(format!("starting worker threads: {e}")),
        (Ok(()), Ok(())) => None,
    };
    if let Some(message) = stopped {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    if summary.invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
