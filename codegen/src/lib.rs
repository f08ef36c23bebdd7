//! Generates typed Rust for Kazoo callflows from a Kazoo schema directory.
//!
//! One pipeline: load the directory (every `*.json`, then the closure of
//! `callflows.json`, `callflows.*.json` and what they `$ref`) → resolve
//! refs into a [`SchemaGraph`] → lower it to a [`TypeSpace`] → emitters write Rust (and, elsewhere, validators and
//! docs) from that IR alone.
//!
//! [`diff_dirs`] compares two schema directories through the same loader
//! and IR ([`diff`]); [`release_book_files`] builds the book of several
//! releases with their history.
//!
//! Called from the `kazoo-callflows` build script and CLI:
//!
//! ```no_run
//! let generated = kazoo_callflows_codegen::Config::new()
//!     .schemas_dir("../shared/kazoo/schemas/master")
//!     .generate()?;
//! println!("{}", generated.summary());
//! generated.write_rust(std::path::Path::new("generated"))?;
//! # Ok::<(), kazoo_callflows_codegen::Error>(())
//! ```
//!
//! Run-time validation against any directory (the runtime's
//! `interpret` module) starts from [`Config::validation_schemas`]: the same
//! loading, checks and entry points, without emitting code.
//!
//! # Public API
//!
//! - [`Config`]: what to generate; [`Config::generate`] runs the pipeline
//!   in memory and returns [`Generated`] (or an [`Error`], whose
//!   [`ErrorKind`] names the file and JSON pointer, [`SourceLocation`]).
//! - [`Generated`]: the outputs and the model they came from, read through
//!   accessors; [`Generated::write_rust`] and [`Generated::write_docs`]
//!   write them, [`write_files`] writes any `(path, content)` list the
//!   same way (atomic, unchanged files untouched).
//! - [`DocsFormat`]: which reference docs [`Generated::docs_files`] makes;
//!   [`release_book_files`]: one book over several releases with history.
//! - [`EditorSchemaShape`]: which self-contained JSON Schema for editors
//!   [`Generated::editor_schema`] writes.
//! - [`diff`]: what changed between two schema directories ([`diff_dirs`]).
//! - [`diagram`]: a callflow tree as a diagram ([`diagram::Diagram`]) and
//!   its Mermaid flowchart, drawn by the book and `kazoo-callflows show`.
//! - [`ir`]: the read-only models: [`ir::schema`] (the resolved schemas,
//!   [`SchemaGraph`]: every node with its keywords parsed and `$ref`s
//!   resolved, for tools that walk schemas) and [`ir::types`] (the Rust
//!   type plan, [`TypeSpace`]).
//!
//! Everything else (loading, parsing, lowering, the emitters, identifier
//! rules) is private: it can change in any release.

mod branches;
mod config;
pub mod diagram;
pub mod diff;
mod emit;
mod error;
mod ident;
pub mod ir;
mod kazoo_rules;
mod load;
mod lower;
mod parse;
mod pointer;
mod uri;
mod validation;
mod write;

pub use config::Config;
pub use diff::{Diff, DiffOptions, diff_dirs};
pub use emit::docs::DocsFormat;
pub use emit::docs::release_book_files;
pub use emit::editor_schema::{DRAFT as EDITOR_SCHEMA_DRAFT, Shape as EditorSchemaShape};
pub use error::{Error, ErrorKind, Result, SourceLocation};
pub use ir::schema::SchemaGraph;
pub use ir::types::TypeSpace;
pub use write::write_files;

/// For this repository's own tests and build script only: not part of
/// the API, may change in any release.
#[doc(hidden)]
pub mod __internal {
    pub use crate::emit::docs::diagrams::{MERMAID_SRI, MERMAID_VERSION};
    pub use crate::emit::docs::examples::{Example, examples as docs_examples};
    pub use crate::emit::docs::groups::group_of;
    pub use crate::emit::validators::ecma::to_rust_regex;
    pub use crate::load::load_dir;
}
pub use kazoo_rules::KazooRule;
pub use validation::ValidationSchemas;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the generated types, inside the output directory.
pub const TYPES_FILE: &str = "callflows.rs";

/// File name of the generated validators, inside the output directory.
pub const VALIDATORS_FILE: &str = "validators.rs";

/// Everything one run produced, held in memory until written.
#[derive(Debug, Clone)]
pub struct Generated {
    graph: SchemaGraph,
    space: TypeSpace,
    rust: String,
    validators: String,
    elapsed: Duration,
}

impl Config {
    /// Loads the schema directory and lowers it: what every entry point
    /// (`generate`, `diff`, the release book, run-time validation) starts
    /// from, so each refuses a directory with the same error.
    pub(crate) fn load_lowered(&self) -> Result<(SchemaGraph, TypeSpace)> {
        let graph = load::load_dir(&self.schemas_dir)?;
        let space = lower::lower(&graph, self)?;
        Ok((graph, space))
    }

    /// Loads the schema directory and generates everything in memory.
    pub fn generate(&self) -> Result<Generated> {
        let start = std::time::Instant::now();
        let (graph, space) = self.load_lowered()?;
        let rust = emit::rust::emit_rust(&graph, &space, self)?;
        let validators = emit::validators::emit_validators(&graph, &space, self)?;
        Ok(Generated {
            graph,
            space,
            rust,
            validators,
            elapsed: start.elapsed(),
        })
    }
}

impl Generated {
    /// The resolved schemas (the read-only schema model).
    pub fn graph(&self) -> &SchemaGraph {
        &self.graph
    }

    /// The type plan.
    pub fn space(&self) -> &TypeSpace {
        &self.space
    }

    /// Formatted Rust for the types and `Action` ([`TYPES_FILE`]).
    pub fn rust(&self) -> &str {
        &self.rust
    }

    /// Formatted Rust for the validators ([`VALIDATORS_FILE`]).
    pub fn validators(&self) -> &str {
        &self.validators
    }

    /// How long loading, lowering and emitting took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Schema defects that were tolerated, each naming file and pointer:
    /// what a build script prints as `cargo:warning=` and the command line
    /// on stderr.
    pub fn warnings(&self) -> &[String] {
        &self.graph.warnings
    }

    /// Every file the directory listing read: what a build script watches.
    pub fn files_read(&self) -> &[PathBuf] {
        &self.graph.files_read
    }

    /// `schemas: N  modules: M  types: T  in X ms`.
    pub fn summary(&self) -> String {
        format!(
            "schemas: {}  modules: {}  types: {}  in {} ms",
            self.graph.files.len(),
            self.space.modules.len(),
            self.space.types.len(),
            self.elapsed.as_millis()
        )
    }

    /// The Rust output files and their contents, in a fixed order.
    pub fn rust_files(&self) -> Vec<(&'static str, &str)> {
        vec![
            (TYPES_FILE, self.rust.as_str()),
            (VALIDATORS_FILE, self.validators.as_str()),
        ]
    }

    /// Reference docs in `format`, as `(relative path, content)` in a
    /// fixed order.
    pub fn docs_files(&self, format: DocsFormat) -> Result<Vec<(String, String)>> {
        emit::docs::docs_files(&self.graph, &self.space, format)
    }

    /// The self-contained draft-07 JSON Schema for editors, of `shape`
    /// (see [`EditorSchemaShape`]).
    pub fn editor_schema(&self, shape: EditorSchemaShape) -> Result<String> {
        emit::editor_schema::editor_schema(&self.graph, &self.space, shape)
    }

    /// Every docs example as a Rust test source, for this repository's own
    /// tests (`tests/docs_examples.rs`); when the examples cannot be
    /// generated, a source with none, so that the tests report it, and the
    /// error.
    #[doc(hidden)]
    pub fn docs_snippet_tests(&self) -> (String, Option<Error>) {
        match emit::docs::examples::snippet_tests(&self.graph, &self.space) {
            Ok(s) => (s, None),
            Err(e) => (emit::docs::examples::empty_snippet_tests(), Some(e)),
        }
    }

    /// Writes the Rust files into `dir` (created if missing), through
    /// [`write_files`].
    pub fn write_rust(&self, dir: &Path) -> Result<()> {
        write_files(dir, &self.rust_files())
    }

    /// Writes the reference docs in `format` under `dir`, through
    /// [`write_files`]; nothing is written when they cannot be generated.
    pub fn write_docs(&self, dir: &Path, format: DocsFormat) -> Result<()> {
        write_files(dir, &self.docs_files(format)?)
    }
}
