//! Paging through one database's documents: `_all_docs?include_docs=true`
//! in batches of `--batch-size`, in document id order, so a database is
//! read a page at a time, never whole. Each batch asks for one row more
//! than it keeps; that row's id is where the next batch starts.
//!
//! `_all_docs` works on every CouchDB and on pouchdb-server, needs no
//! design document, and shows the documents that are not callflows too,
//! so the validator can count them as skipped.

use crate::couchdb::account_db::url_segment;
use crate::couchdb::client::{Client, RequestError};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

/// The pages of one database, fetched one at a time.
pub struct Pages {
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

/// An `_all_docs` row: a document's id and the document (none when it
/// was deleted).
#[derive(serde::Deserialize)]
pub struct Row {
    /// `_id`.
    pub id: String,
    /// The document.
    #[serde(default)]
    pub doc: Option<Value>,
}

impl Pages {
    /// The pages of database `db` (any spelling), `batch_size` (≥ 1)
    /// documents each.
    pub fn new(db: &str, batch_size: usize) -> Pages {
        Pages {
            segment: url_segment(db),
            batch_size: batch_size.max(1),
            next: None,
        }
    }

    /// The next page's rows, read from `client`, and the answer's size in
    /// bytes; `None` after the last page.
    pub fn next_page(&mut self, client: &Client) -> Result<Option<(Vec<Row>, u64)>, RequestError> {
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
        let (AllDocs { mut rows }, size) = client.get_json_sized::<AllDocs>(&query)?;
        self.next = Some(if rows.len() > self.batch_size {
            rows.truncate(self.batch_size + 1);
            rows.pop().map(|row| row.id)
        } else {
            None
        });
        Ok(Some((rows, size)))
    }
}
