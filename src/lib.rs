//! Typed Kazoo callflows, generated from Kazoo's own JSON schemas.
//!
//! A Kazoo callflow is a tree of nodes, each `{"module", "data",
//! "children"}`. This crate reads a Kazoo schema directory at build time and
//! generates one Rust type per callflow module ([`actions`]), so that a pivot
//! server or a provisioning tool builds callflows with the compiler checking
//! module names, field names and value types.
//!
//! - [`Flow`]: one node; [`Flow::new`], [`Flow::then`] and [`Flow::branch`]
//!   build trees.
//! - [`Action`]: a node's module and typed data, or [`Action::Other`] for
//!   what no schema describes.
//! - [`Callflow`]: the callflow document (`flow`, `numbers`, `patterns`, …).
//! - [`Metaflow`]: a metaflow node (the document's `metaflow.numbers` and
//!   `metaflow.patterns`), built and read like [`Flow`] (both are a
//!   [`Node`]), its module and data a [`MetaflowAction`].
//!
//! Reading is lossless: any callflow JSON reads into these types and writes
//! back as the same JSON value.
//!
//! ```
//! use kazoo_callflows::{Flow, actions::{CollectDtmf, Pivot, Tts}};
//!
//! let response = Flow::new(Tts::new("Please enter up to four digits."))
//!     .then(CollectDtmf::new().with_max_digits(4).with_collection_name("custom_name"))
//!     .then(Pivot::new("http://you.com/collected.php"));
//!
//! assert_eq!(
//!     response.to_value(),
//!     serde_json::json!({
//!         "module": "tts",
//!         "data": {"text": "Please enter up to four digits."},
//!         "children": {"_": {
//!             "module": "collect_dtmf",
//!             "data": {"max_digits": 4, "collection_name": "custom_name"},
//!             "children": {"_": {
//!                 "module": "pivot",
//!                 "data": {"voice_url": "http://you.com/collected.php"}
//!             }}
//!         }}
//!     })
//! );
//! ```
//!
//! The schemas come from the directory the `KAZOO_SCHEMAS_DIR` environment
//! variable names at build time (in this crate's repository, `schemas/`,
//! Kazoo master, when it is unset); the README's "Use it from your crate"
//! says how to set it once in `.cargo/config.toml`.
//!
//! **On docs.rs** these docs are built from `docs-rs-schemas/`, a small
//! schema directory written for this project (a handful of modules: `tts`,
//! `collect_dtmf`, `pivot`, `resources`, `ring_group`, `hangup`), because
//! docs.rs has no Kazoo checkout: [`actions`] there shows a sample, not a
//! Kazoo release.

mod data_capture;
pub mod describe;
mod document;
mod flow;
#[cfg(feature = "runtime-schemas")]
pub mod interpret;
#[cfg(feature = "schemars")]
mod json_schema;
mod metaflow;
mod node;
mod node_reader;
mod parse_error;
pub mod pivot;
mod raw;
mod type_shape;
mod typed_text;
pub mod validate;

/// Items generated code calls (serde helpers, validator keywords); not
/// part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::private::*;
}
mod private;

/// The generated types: one per callflow module (`RingGroup` for
/// `ring_group`), the types nested in them (`RingGroupEndpoint`), and the
/// schemas they refer to.
pub mod actions {
    include!(concat!(env!("OUT_DIR"), "/callflows.rs"));
}

pub use actions::{Action, Callflow, MetaflowAction};
pub use document::FlowField;
pub use flow::Flow;
pub use metaflow::Metaflow;
pub use node::{Children, DEFAULT_BRANCH, Node, NodeAction};
pub use parse_error::{ParseError, UnknownValue};
pub use raw::RawAction;
pub use validate::Validate;

/// The Kazoo schema directory this build generated its types and
/// validators from (`schemas/`, or `KAZOO_SCHEMAS_DIR` at build time).
pub const SCHEMAS_DIR: &str = env!("KAZOO_CALLFLOWS_SCHEMAS_DIR");

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
