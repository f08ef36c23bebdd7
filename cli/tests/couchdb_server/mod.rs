//! Real servers for the CouchDB tests: pouchdb-server, and a proxy in front
//! of it that injects failures.

pub mod pouchdb;
pub mod proxy;
