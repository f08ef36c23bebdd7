//! Reference docs from the IR, in two formats:
//!
//! - [`DocsFormat::Kazoo`]: one `<module>.md` per callflow module in the
//!   layout of Kazoo's own `doc/ref` pages ([`kazoo_ref`], rows by
//!   [`rows`], type notation by [`type_notation`], cells by [`cells`]);
//! - [`DocsFormat::Book`]: an mdBook site ([`book`]) with an index grouped
//!   by what modules do ([`groups`]), and per module its members as nested
//!   lists ([`props`]), a minimal valid JSON example and the Rust builder
//!   code that produces it ([`examples`]), the example as a Mermaid
//!   diagram ([`diagrams`]), and the `children` keys it branches on
//!   ([`crate::branches`]); built from several releases
//!   ([`release_book_files`]), with their history ([`history`]).
//!
//! Like every emitter, these read only the
//! [`SchemaGraph`] and [`TypeSpace`].

pub mod book;
pub mod cells;
pub mod diagrams;
pub mod examples;
pub mod groups;
pub mod history;
pub mod kazoo_checks;
pub mod kazoo_ref;
pub mod props;
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

/// The book of several releases, `(name, schema directory)` oldest first:
/// the newest release's pages with per-member history, a History section
/// per module, a Changelog chapter and a page of modules per release (see
/// `book` and `history`). Every directory is loaded as `generate`
/// loads it; the first error is returned and nothing is produced.
pub fn release_book_files(
    releases: &[(String, std::path::PathBuf)],
) -> Result<Vec<(String, String)>> {
    let Some(((_, newest_dir), older)) = releases.split_last() else {
        return Ok(Vec::new());
    };
    let mut graphs = Vec::with_capacity(releases.len());
    for (_, dir) in older {
        graphs.push(crate::diff::load_checked(dir)?);
    }
    let (newest_graph, newest_space) = crate::Config::new()
        .schemas_dir(newest_dir)
        .load_lowered()?;
    let mut named: Vec<(String, &SchemaGraph)> = older
        .iter()
        .zip(&graphs)
        .map(|((name, _), g)| (name.clone(), g))
        .collect();
    named.push((releases[releases.len() - 1].0.clone(), &newest_graph));
    let history = history::History::new(&named);
    book::files_with_history(&newest_graph, &newest_space, Some(&history))
}

/// Kazoo's reference pages: `(<module>.md, content)` in module order.
pub fn kazoo_ref_files(graph: &SchemaGraph) -> Vec<(String, String)> {
    kazoo_ref::pages(graph)
        .iter()
        .map(|p| (p.file_name(), p.render()))
        .collect()
}
