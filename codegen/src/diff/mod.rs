//! What changed between two Kazoo schema directories, per callflow module
//! and instance path, classified by what it means for the generated Rust
//! API and for callflows stored under the old schemas.
//!
//! Both directories go through the same loader, resolver and lowering as
//! `generate` (so a directory `generate` refuses is refused here with the
//! same error), then each module's resolved schema is walked into instance
//! paths ([`paths`]) of folded shapes ([`shape`]), compared ([`compare`])
//! into [`Change`]s of the kinds and classification in [`change`], and
//! printed as text, markdown or JSON ([`text`], [`markdown`], [`json`]).
//!
//! ```no_run
//! use kazoo_callflows_codegen::diff::{DiffOptions, diff_dirs};
//! let diff = diff_dirs(
//!     "../shared/kazoo/schemas/4.3".as_ref(),
//!     "../shared/kazoo/schemas/master".as_ref(),
//!     &DiffOptions::default(),
//! )?;
//! print!("{}", diff.to_text());
//! # Ok::<(), kazoo_callflows_codegen::Error>(())
//! ```

pub mod change;
pub mod compare;
pub mod json;
pub mod markdown;
pub mod paths;
pub mod phrase;
pub mod shape;
pub mod text;

pub use change::{Change, ChangeKind, DataImpact, RustImpact};

use crate::config::Config;
use crate::error::Result;
use crate::ir::schema::SchemaGraph;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What to compare and report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Also report `description_changed`.
    pub descriptions: bool,
}

/// The semver bump a crate generated from the schemas owes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SemverBump {
    /// Some change is breaking.
    Major,
    /// Some change is additive, none breaking.
    Minor,
    /// Only changes without signature changes.
    Patch,
    /// Nothing changed.
    None,
}

impl SemverBump {
    /// `major`, `minor`, `patch` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            SemverBump::Major => "major",
            SemverBump::Minor => "minor",
            SemverBump::Patch => "patch",
            SemverBump::None => "none",
        }
    }
}

/// The verdict over all changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The semver bump the Rust API owes.
    pub rust: SemverBump,
    /// Whether stored callflows may be rejected (the worst change).
    pub data: DataImpact,
    /// How many changes of each kind (every kind, zeros included;
    /// `description_changed` counts only when descriptions were compared).
    pub counts: BTreeMap<ChangeKind, usize>,
}

/// Every change between two releases.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// What the old side is called in output (its directory, or a release
    /// name).
    pub old: String,
    /// What the new side is called in output.
    pub new: String,
    /// The changes, by module, path, kind, then values.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The semver bump, the data verdict and the counts per kind.
    pub fn summary(&self) -> Summary {
        let mut counts: BTreeMap<ChangeKind, usize> =
            ChangeKind::ALL.iter().map(|&k| (k, 0)).collect();
        for c in &self.changes {
            *counts.entry(c.kind).or_default() += 1;
        }
        let rust = if self.changes.is_empty() {
            SemverBump::None
        } else if self.changes.iter().any(|c| c.rust == RustImpact::Breaking) {
            SemverBump::Major
        } else if self.changes.iter().any(|c| c.rust == RustImpact::Additive) {
            SemverBump::Minor
        } else {
            SemverBump::Patch
        };
        let data = self
            .changes
            .iter()
            .map(|c| c.data)
            .min()
            .unwrap_or(DataImpact::None);
        Summary { rust, data, counts }
    }

    /// The changes of one module.
    pub fn module_changes<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'a Change> {
        self.changes.iter().filter(move |c| c.module == module)
    }

    /// For people, one line per change; empty when nothing changed.
    pub fn to_text(&self) -> String {
        text::render(self)
    }

    /// For a CHANGELOG: a `##` section with the verdict, counts and one
    /// list per module.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// One JSON object: `{"old", "new", "summary", "changes"}`.
    pub fn to_json(&self) -> String {
        json::render(self)
    }
}

/// Loads both directories as `generate` does and compares them.
pub fn diff_dirs(old: &Path, new: &Path, options: &DiffOptions) -> Result<Diff> {
    let old_graph = load_checked(old)?;
    let new_graph = load_checked(new)?;
    Ok(diff_graphs(&old_graph, &new_graph, options))
}

/// Loads and lowers `dir` exactly as `generate` does (so every error
/// `generate` reports is reported), keeping the resolved schemas.
pub fn load_checked(dir: &Path) -> Result<SchemaGraph> {
    Ok(Config::new().schemas_dir(dir).load_lowered()?.0)
}

/// Compares two resolved schema sets; labels are their directories.
pub fn diff_graphs(old: &SchemaGraph, new: &SchemaGraph, options: &DiffOptions) -> Diff {
    let old_modules: BTreeMap<&str, _> = old
        .modules()
        .filter_map(|f| Some((f.module.as_deref()?, f.root)))
        .collect();
    let new_modules: BTreeMap<&str, _> = new
        .modules()
        .filter_map(|f| Some((f.module.as_deref()?, f.root)))
        .collect();
    let mut changes = Vec::new();
    let names: std::collections::BTreeSet<&str> = old_modules
        .keys()
        .chain(new_modules.keys())
        .copied()
        .collect();
    for name in names {
        match (old_modules.get(name), new_modules.get(name)) {
            (Some(&o), Some(&n)) => changes.extend(compare::module_changes(
                name,
                &paths::instance_paths(old, o),
                &paths::instance_paths(new, n),
                options.descriptions,
            )),
            (None, Some(_)) => changes.push(module_change(ChangeKind::ModuleAdded, name)),
            (Some(_), None) => changes.push(module_change(ChangeKind::ModuleRemoved, name)),
            (None, None) => {}
        }
    }
    changes.sort_by(|a, b| {
        (
            &a.module,
            &a.path,
            a.kind,
            a.old.to_string(),
            a.new.to_string(),
        )
            .cmp(&(
                &b.module,
                &b.path,
                b.kind,
                b.old.to_string(),
                b.new.to_string(),
            ))
    });
    Diff {
        old: old.dir.display().to_string(),
        new: new.dir.display().to_string(),
        changes,
    }
}

fn module_change(kind: ChangeKind, module: &str) -> Change {
    Change::new(
        kind,
        module,
        "",
        serde_json::Value::Null,
        serde_json::Value::Null,
        change::Detail::Plain,
    )
}
