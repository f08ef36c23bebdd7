//! Settings for a generation run, kept apart from the state the run builds
//! (the [`SchemaGraph`] and
//! [`TypeSpace`](crate::TypeSpace)).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to generate and how to name it.
///
/// [`Config::new`] holds the settings the `kazoo-callflows` crate itself
/// uses; a build script usually only sets the schema directory:
///
/// ```no_run
/// let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
/// let generated = kazoo_callflows_codegen::Config::new()
///     .schemas_dir("schemas")
///     .generate()?;
/// generated.write_rust(&out)?;
/// # Ok::<(), kazoo_callflows_codegen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) schemas_dir: PathBuf,
    pub(crate) runtime_path: String,
    pub(crate) type_names: BTreeMap<String, String>,
    pub(crate) flow_nodes: Vec<(String, String)>,
    pub(crate) metaflow_nodes: Vec<(String, String)>,
    pub(crate) document_id: String,
    pub(crate) schemars: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// The settings of the `kazoo-callflows` crate:
    ///
    /// - schemas from `./schemas`;
    /// - runtime items (`Flow`, serde helpers) under `crate`;
    /// - the document schema `callflows` named `Callflow`, and the `callflow`
    ///   module's data (a jump to another callflow) named `CallflowModule`;
    /// - `callflows.action` and the document's `flow` property typed as the
    ///   runtime's `Flow` node;
    /// - the metaflow node schema `metaflow` typed as the runtime's
    ///   `Metaflow` node (where the document's `metaflow.numbers` and
    ///   `metaflow.patterns` point).
    pub fn new() -> Self {
        let mut type_names = BTreeMap::new();
        type_names.insert(String::from("callflows"), String::from("Callflow"));
        type_names.insert(
            String::from("callflows.callflow"),
            String::from("CallflowModule"),
        );
        Config {
            schemas_dir: PathBuf::from("schemas"),
            runtime_path: String::from("crate"),
            type_names,
            flow_nodes: vec![
                (String::from("callflows.action"), String::new()),
                (String::from("callflows"), String::from("/properties/flow")),
            ],
            metaflow_nodes: vec![(String::from("metaflow"), String::new())],
            document_id: String::from("callflows"),
            schemars: false,
        }
    }

    /// The Kazoo schema directory to read.
    pub fn schemas_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.schemas_dir = dir.as_ref().to_path_buf();
        self
    }

    /// The path generated code uses to reach the runtime (`crate` inside
    /// `kazoo-callflows`, `::kazoo_callflows` elsewhere).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Names the type generated for schema `schema_id`, instead of the name
    /// derived from the id.
    pub fn type_name(mut self, schema_id: impl Into<String>, rust_name: impl Into<String>) -> Self {
        self.type_names.insert(schema_id.into(), rust_name.into());
        self
    }

    /// Types the node at `pointer` in schema `schema_id` as the runtime's
    /// `Flow` (a callflow node) instead of generating a type for it.
    pub fn flow_node(mut self, schema_id: impl Into<String>, pointer: impl Into<String>) -> Self {
        self.flow_nodes.push((schema_id.into(), pointer.into()));
        self
    }

    /// Types the node at `pointer` in schema `schema_id` as the runtime's
    /// `Metaflow` (a metaflow node, dispatched by module to the
    /// `metaflows.<module>` schemas) instead of generating a type for it.
    /// The first location that exists is the metaflow node schema, where
    /// Kazoo's metaflow rule applies when its `module` carries the
    /// `kazoo-validation` flag.
    pub fn metaflow_node(
        mut self,
        schema_id: impl Into<String>,
        pointer: impl Into<String>,
    ) -> Self {
        self.metaflow_nodes.push((schema_id.into(), pointer.into()));
        self
    }

    /// Derives `schemars::JsonSchema` on generated types when the consuming
    /// crate's `schemars` feature is on.
    pub fn schemars(mut self, on: bool) -> Self {
        self.schemars = on;
        self
    }
}
