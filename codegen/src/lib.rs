//! Generates typed Rust for Kazoo callflows from a Kazoo schema directory.
//!
//! One pipeline: [`load`](load::load_dir) the directory (every `*.json`,
//! then the closure of `callflows.json`, `callflows.*.json` and what they
//! `$ref`) → resolve refs into a [`SchemaGraph`] → [`lower`](lower::lower) it
//! to a [`TypeSpace`] → emitters write Rust (and, elsewhere, validators and
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

pub mod branches;
pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
pub mod ident;
pub mod ir;
pub mod load;
pub mod lower;
pub mod parse;
pub mod pointer;

pub use config::Config;
pub use diff::{Diff, DiffOptions, diff_dirs};
pub use emit::docs::release_book_files;
pub use error::{Error, ErrorKind, Result, SourceLocation};
pub use ir::schema::SchemaGraph;
pub use ir::types::TypeSpace;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the generated types, inside the output directory.
pub const TYPES_FILE: &str = "callflows.rs";

/// File name of the generated validators, inside the output directory.
pub const VALIDATORS_FILE: &str = "validators.rs";

/// Everything one run produced, held in memory until written.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The resolved schemas.
    pub graph: SchemaGraph,
    /// The type plan.
    pub space: TypeSpace,
    /// Formatted Rust for the types and `Action`.
    pub rust: String,
    /// Formatted Rust for the validators (see [`emit::validators`]).
    pub validators: String,
    /// How long loading, lowering and emitting took.
    pub elapsed: Duration,
    /// The settings of the run.
    pub config: Config,
}

impl Config {
    /// Loads the schema directory and generates everything in memory.
    pub fn generate(&self) -> Result<Generated> {
        let start = std::time::Instant::now();
        let graph = load::load_dir(&self.schemas_dir)?;
        let space = lower::lower(&graph, self)?;
        let rust = emit::rust::emit_rust(&graph, &space, self)?;
        let validators = emit::validators::emit_validators(&graph, &space, self)?;
        Ok(Generated {
            graph,
            space,
            rust,
            validators,
            elapsed: start.elapsed(),
            config: self.clone(),
        })
    }
}

impl Generated {
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

    /// The output files and their contents, in a fixed order.
    pub fn rust_files(&self) -> Vec<(&'static str, &str)> {
        vec![
            (TYPES_FILE, self.rust.as_str()),
            (VALIDATORS_FILE, self.validators.as_str()),
        ]
    }

    /// Reference docs in `format`, as `(relative path, content)` in a
    /// fixed order (see [`emit::docs`]).
    pub fn docs_files(&self, format: emit::docs::DocsFormat) -> Result<Vec<(String, String)>> {
        emit::docs::docs_files(&self.graph, &self.space, format)
    }

    /// The self-contained draft-07 JSON Schema for editors, of `shape`
    /// (see [`emit::editor_schema`]).
    pub fn editor_schema(&self, shape: emit::editor_schema::Shape) -> Result<String> {
        emit::editor_schema::editor_schema(&self.graph, &self.space, &self.config, shape)
    }

    /// Every docs example as a Rust test source (see
    /// [`emit::docs::examples::snippet_tests`]).
    pub fn docs_snippet_tests(&self) -> Result<String> {
        emit::docs::examples::snippet_tests(&self.graph, &self.space)
    }

    /// Writes the Rust files into `dir` (created if missing). Each file is
    /// written to a temporary name and renamed, so a reader never sees half
    /// a file.
    pub fn write_rust(&self, dir: &Path) -> Result<()> {
        write_files(dir, &self.rust_files())
    }
}

/// Writes `files` into `dir`, each through a temporary file and a rename.
/// Files whose content is unchanged are not touched (so builds that watch
/// them do not rerun).
pub fn write_files(dir: &Path, files: &[(&str, &str)]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| ErrorKind::Write {
        file: dir.to_path_buf(),
        source,
    })?;
    for (name, content) in files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == *content) {
            continue;
        }
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, content).map_err(|source| ErrorKind::Write {
            file: tmp.clone(),
            source,
        })?;
        std::fs::rename(&tmp, &path).map_err(|source| ErrorKind::Write { file: path, source })?;
    }
    Ok(())
}
