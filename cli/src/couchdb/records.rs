//! The documents of the chosen databases as records for the validation
//! pipeline ([`crate::validate::pipeline`]): one database after another,
//! one page at a time, each document a [`Unit::CouchDoc`] record named by
//! its database and id. The pipeline checks the callflows and counts the
//! other documents as skipped.

use crate::couchdb::client::Client;
use crate::couchdb::pages::Pages;
use crate::validate::record::{Body, Origin, Record, SourceError, Unit};
use std::sync::Arc;

/// Called with the size in bytes of each answer read (for progress).
pub type OnRead = Box<dyn Fn(u64) + Send>;

/// The records of `dbs`, read through `client` in pages of `batch_size`.
pub struct Records {
    client: Client,
    dbs: std::vec::IntoIter<String>,
    batch_size: usize,
    /// The database being read and its pages.
    current: Option<(Arc<str>, Pages)>,
    /// The records of the page read last, not yet handed on.
    page: std::vec::IntoIter<Record>,
    /// After an error: nothing more.
    failed: bool,
    on_read: OnRead,
}

impl Records {
    /// The records of `dbs`, in order.
    pub fn new(client: Client, dbs: Vec<String>, batch_size: usize, on_read: OnRead) -> Records {
        Records {
            client,
            dbs: dbs.into_iter(),
            batch_size,
            current: None,
            page: Vec::new().into_iter(),
            failed: false,
            on_read,
        }
    }
}

impl Iterator for Records {
    type Item = Result<Record, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(record) = self.page.next() {
                return Some(Ok(record));
            }
            if self.failed {
                return None;
            }
            let Some((db, pages)) = &mut self.current else {
                let db = self.dbs.next()?;
                let pages = Pages::new(&db, self.batch_size);
                self.current = Some((Arc::from(db), pages));
                continue;
            };
            match pages.next_page(&self.client) {
                Ok(Some((rows, size))) => {
                    (self.on_read)(size);
                    let records: Vec<Record> = rows
                        .into_iter()
                        .filter_map(|row| {
                            Some(Record {
                                origin: Origin::Database {
                                    db: Arc::clone(db),
                                    id: row.id,
                                },
                                body: Body::Value(row.doc?),
                                unit: Unit::CouchDoc,
                            })
                        })
                        .collect();
                    self.page = records.into_iter();
                }
                Ok(None) => self.current = None,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(SourceError(format!("database {db:?}: {e}"))));
                }
            }
        }
    }
}
