//! How verdicts are written on standard output.
//!
//! - `text`: one line per error, `FILE:LINE:COLUMN: <pointer>: <message>
//!   (<keyword>)` — the position of the offending value in the file
//!   (`DB/ID:LINE:COLUMN` for a live database's document, in its text).
//!   Valid and skipped records print nothing.
//! - `json`: one line per checked record, naming it (`file` and `line`, or
//!   `db`; plus `id` for CouchDB documents), then `valid` and `errors`,
//!   each error with its `line` and `column`. Skipped records (CouchDB
//!   documents that are not callflows) print nothing; the summary counts
//!   them.

use super::record::Origin;
use super::verdict::{Finding, Outcome, Verdict};
use serde::Serialize;
use std::io::Write;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `FILE:LINE:COLUMN: <pointer>: <message> (<keyword>)` per error.
    Text,
    /// `{"file", "line", "valid", "errors"}` per record.
    Json,
}

/// One line of `--format json`, members in the documented order.
#[derive(Serialize)]
struct JsonVerdict<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    db: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    valid: bool,
    errors: Vec<JsonError<'a>>,
}

/// One error of a JSON line.
#[derive(Serialize)]
struct JsonError<'a> {
    instance_path: &'a str,
    schema_path: &'a str,
    keyword: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u64>,
}

/// Writes `verdict` to `out` in `format`.
pub fn write(out: &mut impl Write, format: OutputFormat, verdict: &Verdict) -> std::io::Result<()> {
    let Outcome::Checked(findings) = &verdict.outcome else {
        return Ok(());
    };
    match format {
        OutputFormat::Text => {
            for f in findings {
                write_place(out, verdict, f)?;
                writeln!(
                    out,
                    ": {}: {} ({})",
                    f.error.instance_path, f.error.message, f.error.keyword
                )?;
            }
            Ok(())
        }
        OutputFormat::Json => {
            let (file, db, line, id) = match &verdict.origin {
                Origin::File { file, line, .. } => {
                    (Some(&**file), None, Some(*line), verdict.id.as_deref())
                }
                Origin::Database { db, id } => (None, Some(&**db), None, Some(id.as_str())),
            };
            let line = JsonVerdict {
                file,
                db,
                line,
                id,
                valid: findings.is_empty(),
                errors: findings
                    .iter()
                    .map(|f| JsonError {
                        instance_path: &f.error.instance_path,
                        schema_path: &f.error.schema_path,
                        keyword: &f.error.keyword,
                        message: &f.error.message,
                        line: f.position.map(|p| p.0),
                        column: f.position.map(|p| p.1),
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        }
    }
}

/// `FILE:LINE:COLUMN` (the record's start when the error has no position).
fn write_place(out: &mut impl Write, verdict: &Verdict, f: &Finding) -> std::io::Result<()> {
    match &verdict.origin {
        Origin::File { file, line, column } => {
            let (l, c) = f.position.unwrap_or((*line, *column));
            write!(out, "{file}:{l}:{c}")
        }
        Origin::Database { db, id } => match f.position {
            Some((l, c)) => write!(out, "{db}/{id}:{l}:{c}"),
            None => write!(out, "{db}/{id}"),
        },
    }
}
