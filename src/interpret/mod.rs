//! Validation against any Kazoo schema directory, read at run time: what
//! an operator runs against a new release's schemas before upgrading,
//! without rebuilding this crate (feature `runtime-schemas`).
//!
//! [`Schemas::load`] reads the directory through the same loader and IR
//! the build script generates the compiled validators from
//! (`kazoo-callflows-codegen`), compiles every pattern once, and keeps a
//! plan per schema node; validating then walks the plan, calling the same
//! keyword checks as the compiled validators. Same semantics, same
//! messages, same JSON pointers and schema locations: for the directory
//! this crate was built from, [`Schemas::node`] returns exactly what
//! [`validate::node`](crate::validate::node) returns.
//!
//! ```
//! use kazoo_callflows::interpret::Schemas;
//! use serde_json::json;
//!
//! let schemas = Schemas::load(kazoo_callflows::SCHEMAS_DIR)?;
//! let node = json!({"module": "resource", "data": {}});
//! let errors = schemas.node(&node).unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     r#"/module: unknown module "resource"; did you mean "resources"? (kazoo-validation)"#
//! );
//! # Ok::<(), kazoo_callflows_codegen::Error>(())
//! ```

mod plan;
mod walk;

use crate::validate::{Collector, InputKind, Loc, NotACallflow, Options, ValidationErrors};
use kazoo_callflows_codegen::Config;
use serde_json::Value;
use std::path::Path;

/// A Kazoo schema directory, loaded and ready to validate with.
///
/// Loading checks the directory as `kazoo-callflows generate` does (same
/// errors for a missing directory, broken JSON, dangling `$ref`s, …).
/// Validation is `Send + Sync`: one `Schemas` serves every thread.
#[derive(Debug)]
pub struct Schemas {
    plan: plan::Plan,
    options: Options,
}

impl Schemas {
    /// Loads the schema directory `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<Schemas, kazoo_callflows_codegen::Error> {
        let loaded = Config::new().schemas_dir(dir).validation_schemas()?;
        let plan = plan::build(&loaded)?;
        Ok(Schemas {
            plan,
            options: Options::default(),
        })
    }

    /// The same schemas, validating with `options` (e.g.
    /// [`Options::kazoo_formats`]).
    pub fn with_options(mut self, options: Options) -> Schemas {
        self.options = options;
        self
    }

    /// The options validation runs with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The callflow modules the schemas define, in name order.
    pub fn modules(&self) -> impl Iterator<Item = &str> {
        self.plan.module_names()
    }

    /// Whether the schemas define module `module`.
    pub fn is_known_module(&self, module: &str) -> bool {
        self.plan.module(module).is_some()
    }

    /// The module closest to `module` (a likely typo), for messages.
    pub fn closest_module(&self, module: &str) -> Option<&str> {
        crate::validate::suggest::closest(module, self.modules())
    }

    fn run(&self, f: impl FnOnce(&plan::Plan, &Loc<'_>, &mut Collector)) -> ValidationErrors {
        let mut c = Collector::new(&self.options);
        f(&self.plan, &Loc::root(), &mut c);
        c.finish()
    }

    /// Validates a callflow document (`callflows.json`, every node of its
    /// `flow` with its module's data), as [`Options::document`].
    pub fn document(&self, v: &Value) -> Result<(), ValidationErrors> {
        self.run(|p, at, c| {
            if let Some(d) = p.document {
                p.value(d, v, at, c);
            }
        })
        .into_result()
    }

    /// Validates a callflow node (`callflows.action`, the node's data
    /// against its module's schema, and its children), as
    /// [`Options::node`].
    pub fn node(&self, v: &Value) -> Result<(), ValidationErrors> {
        self.run(|p, at, c| {
            if let Some(f) = p.flow_node {
                p.value(f, v, at, c);
            }
        })
        .into_result()
    }

    /// Validates `data` against module `module`'s schema; an unknown module
    /// is one error, at `""`. As [`Options::module_data`].
    pub fn module_data(&self, module: &str, data: &Value) -> Result<(), ValidationErrors> {
        self.run(|p, at, c| {
            if !p.module_data(module, data, at, c) {
                p.unknown_module(module, at, c);
            }
        })
        .into_result()
    }

    /// Validates `v` as whatever [`InputKind`] it is; an envelope's
    /// document is validated at `/data`. As [`Options::input`].
    pub fn input(&self, v: &Value) -> Result<(InputKind, ValidationErrors), NotACallflow> {
        let kind = InputKind::detect(v)?;
        let errors = self.run(|p, at, c| match (kind, v) {
            (InputKind::Node, _) => {
                if let Some(f) = p.flow_node {
                    p.value(f, v, at, c);
                }
            }
            (InputKind::Document, _) => {
                if let Some(d) = p.document {
                    p.value(d, v, at, c);
                }
            }
            (InputKind::Envelope, Value::Object(m)) => {
                if let (Some(doc), Some(d)) = (m.get("data"), p.document) {
                    p.value(d, doc, &at.key("data"), c);
                }
            }
            (InputKind::Envelope, _) => {}
        });
        Ok((kind, errors))
    }
}
