//! Reference docs from the IR, in two formats:
//!
//! - [`DocsFormat::Kazoo`]: one `<module>.md` per callflow module in the
//!   layout of Kazoo's own `doc/ref` pages ([`kazoo_ref`], rows by
//!   [`rows`], type notation by [`type_notation`], cells by [`cells`]);
//! - [`DocsFormat::Book`]: an mdBook site ([`book`]) with an index grouped
//!   by what modules do ([`groups`]), and per module the table, a minimal
//!   valid JSON example and the Rust builder code that produces it
//!   ([`examples`]), and the `children` keys it branches on
//!   ([`crate::branches`]).
//!
//! Like every emitter, these read only the
//! [`SchemaGraph`] and [`TypeSpace`].

pub mod book;
pub mod cells;
pub mod examples;
pub mod groups;
pub mod kazoo_ref;
pub mod rows;
pub mod type_notation;

use crate::error::Result;
use crate::ir::schema::SchemaGraph;
use crate::ir::types::TypeSpace;

/// Which docs to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocsFormat {
    /// Kazoo's reference pages, one `<module>.md` per module.
    #[default]
    Kazoo,
    /// An mdBook site: `book.toml`, `src/SUMMARY.md`, one page per module.
    Book,
}

/// The files of `format`, as `(relative path, content)` in a fixed order.
pub fn docs_files(
    graph: &SchemaGraph,
    space: &TypeSpace,
    format: DocsFormat,
) -> Result<Vec<(String, String)>> {
    match format {
        DocsFormat::Kazoo => Ok(kazoo_ref_files(graph)),
        DocsFormat::Book => book::files(graph, space),
    }
}

/// Kazoo's reference pages: `(<module>.md, content)` in module order.
pub fn kazoo_ref_files(graph: &SchemaGraph) -> Vec<(String, String)> {
    kazoo_ref::pages(graph)
        .iter()
        .map(|p| (p.file_name(), p.render()))
        .collect()
}
