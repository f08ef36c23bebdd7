//! Which databases to read: every Kazoo account database the server lists
//! (`_all_dbs`), or the ones `--db` names, in any of their spellings.

use crate::couchdb::account_db::{self, url_segment};
use crate::couchdb::client::{Client, RequestError};

/// Why the databases to read cannot be chosen.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    /// The server did not answer as hoped.
    #[error(transparent)]
    Request(#[from] RequestError),
    /// A `--db` names no database on the server.
    #[error(
        "--db {name:?}: no such database on {server} (its other Kazoo spellings were tried too)"
    )]
    NoSuchDatabase {
        /// The name given.
        name: String,
        /// The server's base URL.
        server: String,
    },
}

/// The databases to read, in order, as the server names them: the account
/// databases of `_all_dbs` (sorted) when `requested` is empty, else each
/// requested one once, in the order given.
///
/// A requested name matches a listed database with the same
/// [`identity`](account_db::identity), so `account/ab/cd/…`,
/// `account%2Fab%2Fcd%2F…`, `accountabcd…` and the bare account id all
/// find the database whichever spelling the server lists. When the server
/// does not let us list databases (CouchDB 3 keeps `_all_dbs` for admins),
/// requested names are used as CouchDB spells them
/// ([`couchdb_name`](account_db::couchdb_name)), each checked to exist first.
pub fn select(client: &Client, requested: &[String]) -> Result<Vec<String>, SelectError> {
    let listed = match client.get_json::<Vec<String>>("/_all_dbs") {
        Ok(names) => Some(names),
        Err(e) if !requested.is_empty() && matches!(e.refused_status(), Some(401 | 403)) => None,
        Err(e) => return Err(e.into()),
    };
    let Some(mut listed) = listed else {
        return requested_as_given(client, requested);
    };
    listed.sort();
    if requested.is_empty() {
        listed.retain(|name| account_db::recognise(name).is_some());
        return Ok(listed);
    }
    let mut chosen: Vec<String> = Vec::new();
    for name in requested {
        let wanted = account_db::identity(name);
        let found = listed
            .iter()
            .find(|l| *l == name)
            .or_else(|| listed.iter().find(|l| account_db::identity(l) == wanted));
        match found {
            Some(l) if chosen.contains(l) => {}
            Some(l) => chosen.push(l.clone()),
            None => {
                return Err(SelectError::NoSuchDatabase {
                    name: name.clone(),
                    server: client.base().to_owned(),
                });
            }
        }
    }
    Ok(chosen)
}

/// The requested names as CouchDB spells them, deduplicated, each checked
/// with `GET /DB`.
fn requested_as_given(client: &Client, requested: &[String]) -> Result<Vec<String>, SelectError> {
    let mut chosen: Vec<String> = Vec::new();
    for name in requested {
        let id = account_db::identity(name);
        if chosen.iter().any(|c| account_db::identity(c) == id) {
            continue;
        }
        let couch = account_db::couchdb_name(name);
        match client.get_json::<serde::de::IgnoredAny>(&format!("/{}", url_segment(&couch))) {
            Ok(_) => chosen.push(couch),
            Err(e) if e.refused_status() == Some(404) => {
                return Err(SelectError::NoSuchDatabase {
                    name: name.clone(),
                    server: client.base().to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(chosen)
}
