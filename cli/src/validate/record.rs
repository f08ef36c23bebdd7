//! [`Record`]: one unit of work for the validation pipeline — where it came
//! from ([`Origin`]), what it holds ([`Body`]) and how to judge it
//! ([`Unit`]).
//!
//! Any source of records plugs into [`pipeline::run`](super::pipeline::run):
//! an iterator of `Result<Record, SourceError>`. The file reader
//! ([`reader`](super::reader)) is one; a live-CouchDB reader is another
//! (it yields `Origin::Database` records of `Unit::CouchDoc`).

use serde_json::Value;
use std::fmt;
use std::sync::Arc;

/// Where a record came from; its verdict names it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A record of a file (or `<stdin>`), starting at `line`, `column`
    /// (1-based; the column counts characters).
    File {
        /// The file name as given (`<stdin>` for standard input).
        file: Arc<str>,
        /// The line the record starts on.
        line: u64,
        /// The column (in characters) the record starts at.
        column: u64,
    },
    /// A document of a live CouchDB database.
    Database {
        /// The database name.
        db: Arc<str>,
        /// The document's `_id`.
        id: String,
    },
}

impl Origin {
    /// The start of a record (line, column), when it has one.
    pub fn start(&self) -> Option<(u64, u64)> {
        match self {
            Origin::File { line, column, .. } => Some((*line, *column)),
            Origin::Database { .. } => None,
        }
    }
}

/// What a record holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// JSON text, parsed (in parallel) by the pipeline. Errors get a line and
    /// column computed from it.
    Text(Vec<u8>),
    /// An already parsed value (no line and column in its errors).
    Value(Value),
}

/// How a record is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A callflow document, Crossbar envelope or node (whichever it is), or
    /// with `--module NAME` the bare data of that module.
    Input,
    /// A CouchDB document (an element of `_find`'s `docs`, or a document of
    /// a live database): validated as a callflow document when it is one
    /// (`"pvt_type": "callflow"`, or a `flow` member), skipped otherwise.
    CouchDoc,
    /// A row of `_all_docs` or `_changes` (`include_docs=true`): its `doc`
    /// member is a [`Unit::CouchDoc`]; a row without one is skipped.
    CouchRow,
}

impl Unit {
    /// The JSON pointer, within the record, of the value that is
    /// validated (`/doc` for rows).
    pub fn pointer_prefix(self) -> &'static str {
        match self {
            Unit::Input | Unit::CouchDoc => "",
            Unit::CouchRow => "/doc",
        }
    }
}

/// One unit of work for the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where it came from.
    pub origin: Origin,
    /// What it holds.
    pub body: Body,
    /// How it is judged.
    pub unit: Unit,
}

/// Why a source cannot go on (unreadable input, a truncated response, a
/// server gone away). The pipeline stops there, after every verdict on the
/// records before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError(pub String);

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SourceError {}
