//! Paging through one database's documents: `_all_docs?include_docs=true`
//! in batches of `--batch-size`, in document id order, so at most one
//! batch is in memory. Each batch asks for one row more than it keeps; that
//! row's id is where the next batch starts.
//!
//! `_all_docs` works on every CouchDB and on pouchdb-server, needs no
//! design document, and shows the documents that are not callflows too,
//! so they can be counted as skipped.

use crate::couchdb::account_db::url_segment;
use crate::couchdb::client::{Client, RequestError};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// One document of a database.
pub enum Record {
    /// A callflow document (`pvt_type: "callflow"`, or a `flow` member).
    Callflow {
        /// `_id`.
        id: String,
        /// The document.
        doc: Value,
    },
    /// Any other document (design documents included).
    Other,
}

/// The pages of one database, fetched one at a time.
pub struct Pages<'c> {
    client: &'c Client,
    /// The database, as a URL path segment.
    segment: String,
    batch_size: usize,
    /// Where the next page starts: `None` before the first, `Some(None)`
    /// after the last.
    next: Option<Option<String>>,
}

/// An `_all_docs` answer.
#[derive(serde::Deserialize)]
struct AllDocs {
    rows: Vec<Row>,
}

/// An `_all_docs` row.
#[derive(serde::Deserialize)]
struct Row {
    id: String,
    #[serde(default)]
    doc: Option<Value>,
}

impl<'c> Pages<'c> {
    /// The pages of database `db` (any spelling), `batch_size` (≥ 1)
    /// documents each.
    pub fn new(client: &'c Client, db: &str, batch_size: usize) -> Pages<'c> {
        Pages {
            client,
            segment: url_segment(db),
            batch_size: batch_size.max(1),
            next: None,
        }
    }

    /// The next page's documents, or `None` after the last page.
    pub fn next_page(&mut self) -> Result<Option<Vec<Record>>, RequestError> {
        let start = match &self.next {
            Some(None) => return Ok(None),
            Some(Some(id)) => Some(id.as_str()),
            None => None,
        };
        let mut query = format!(
            "/{}/_all_docs?include_docs=true&limit={}",
            self.segment,
            self.batch_size.saturating_add(1)
        );
        if let Some(id) = start {
            let key = Value::String(id.to_owned()).to_string();
            query.push_str("&startkey=");
            query.extend(utf8_percent_encode(&key, NON_ALPHANUMERIC));
        }
        let mut rows = self.client.get_json::<AllDocs>(&query)?.rows;
        self.next = Some(if rows.len() > self.batch_size {
            rows.truncate(self.batch_size + 1);
            rows.pop().map(|row| row.id)
        } else {
            None
        });
        Ok(Some(rows.into_iter().map(record).collect()))
    }
}

/// What a row is.
fn record(row: Row) -> Record {
    match row.doc {
        Some(doc) if is_callflow(&doc) => Record::Callflow { id: row.id, doc },
        _ => Record::Other,
    }
}

/// Whether `doc` is a callflow document: `pvt_type: "callflow"`, or a
/// `flow` member.
pub fn is_callflow(doc: &Value) -> bool {
    doc.get("pvt_type").and_then(Value::as_str) == Some("callflow") || doc.get("flow").is_some()
}
