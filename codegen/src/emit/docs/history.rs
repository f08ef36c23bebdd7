//! The release history the multi-release book prints: which modules exist
//! in which release, what `diff` found between each adjacent pair, and per
//! member of the newest release "since X" / "changed in X".
//!
//! Every fact here comes from [`crate::diff`]: the same instance paths and
//! the same changes `kazoo-callflows diff` prints.

use crate::diff::markdown::{change_line, code};
use crate::diff::paths::{Facts, instance_paths};
use crate::diff::{ChangeKind, Diff, DiffOptions, diff_graphs};
use crate::emit::docs::props::Notes;
use crate::ir::schema::SchemaGraph;
use std::collections::{BTreeMap, BTreeSet};

/// Releases, oldest first, and what changed between them.
#[derive(Debug, Clone)]
pub struct History {
    /// Release names, oldest first.
    pub names: Vec<String>,
    /// The modules of each release.
    pub modules: Vec<BTreeSet<String>>,
    /// Instance paths per release and module.
    paths: Vec<BTreeMap<String, BTreeSet<String>>>,
    /// One diff per adjacent pair, labelled with the release names.
    pub diffs: Vec<Diff>,
}

impl History {
    /// Compares each release with the next. `releases` is oldest first.
    pub fn new(releases: &[(String, &SchemaGraph)]) -> History {
        let names = releases.iter().map(|(n, _)| n.clone()).collect();
        let mut modules = Vec::new();
        let mut paths = Vec::new();
        for (_, graph) in releases {
            let mut per_module = BTreeMap::new();
            for file in graph.modules() {
                let Some(m) = &file.module else { continue };
                let p: BTreeMap<String, Facts> = instance_paths(graph, file.root);
                per_module.insert(m.clone(), p.into_keys().collect());
            }
            modules.push(per_module.keys().cloned().collect());
            paths.push(per_module);
        }
        let diffs = releases
            .windows(2)
            .map(|pair| {
                let mut d = diff_graphs(pair[0].1, pair[1].1, &DiffOptions::default());
                d.old = pair[0].0.clone();
                d.new = pair[1].0.clone();
                d
            })
            .collect();
        History {
            names,
            modules,
            paths,
            diffs,
        }
    }

    /// The release from which `module` exists without a gap up to the
    /// newest; `None` when that is the oldest release (or it is not in the
    /// newest).
    pub fn module_since(&self, module: &str) -> Option<&str> {
        self.since(|i| self.modules[i].contains(module))
    }

    /// "since X" and "changed in X, Y" per instance path of `module` in
    /// the newest release.
    pub fn notes(&self, module: &str) -> Notes {
        let Some(newest) = self.paths.last().and_then(|p| p.get(module)) else {
            return Notes::new();
        };
        let mut notes = Notes::new();
        for path in newest {
            let exists = |i: usize| self.paths[i].get(module).is_some_and(|p| p.contains(path));
            let mut words = Vec::new();
            let since = self.since(exists);
            let module_since = self.module_since(module);
            if let Some(since) = since.filter(|s| Some(*s) != module_since) {
                words.push(format!("since {since}"));
            }
            let first = self
                .names
                .iter()
                .position(|n| Some(n.as_str()) == since)
                .unwrap_or(0);
            let changed: Vec<&str> = self
                .diffs
                .iter()
                .enumerate()
                .filter(|(k, d)| {
                    *k + 1 > first
                        && d.changes.iter().any(|c| {
                            c.module == module
                                && &c.path == path
                                && !matches!(
                                    c.kind,
                                    ChangeKind::PropertyAdded | ChangeKind::ModuleAdded
                                )
                        })
                })
                .map(|(k, _)| self.names[k + 1].as_str())
                .collect();
            if !changed.is_empty() {
                words.push(format!("changed in {}", changed.join(", ")));
            }
            if !words.is_empty() {
                notes.insert(path.clone(), words);
            }
        }
        notes
    }

    /// The `## History` section of a module page: per release, newest
    /// first, what `diff` found for the module.
    pub fn module_section(&self, module: &str) -> String {
        let mut out = String::from("## History\n\n");
        let mut any = false;
        for d in self.diffs.iter().rev() {
            let changes: Vec<_> = d.module_changes(module).collect();
            if changes.is_empty() {
                continue;
            }
            any = true;
            out.push_str(&format!("### {} (from {})\n\n", d.new, d.old));
            if changes.iter().any(|c| c.kind == ChangeKind::ModuleAdded) {
                out.push_str(&format!("- module added in {}\n", d.new));
            }
            for c in changes.iter().filter(|c| c.kind != ChangeKind::ModuleAdded) {
                out.push_str(&format!("- {}\n", change_line(c)));
            }
            out.push('\n');
        }
        if !any {
            out.push_str(&format!(
                "No changes from {} to {}.\n",
                self.names.first().map_or("", String::as_str),
                self.names.last().map_or("", String::as_str)
            ));
        }
        out
    }

    /// The changelog pages: `(path under src/, title, content)`, oldest
    /// pair first; each is the markdown `diff` prints.
    pub fn changelog_pages(&self) -> Vec<(String, String, String)> {
        self.diffs
            .iter()
            .map(|d| {
                let title = format!("{} → {}", d.old, d.new);
                let md = d.to_markdown();
                let body = md.split_once('\n').map_or("", |(_, rest)| rest);
                (
                    format!("changelog/{}-{}.md", file_part(&d.old), file_part(&d.new)),
                    title.clone(),
                    format!("# {title}\n{body}"),
                )
            })
            .collect()
    }

    /// The page listing which modules exist in which release.
    pub fn releases_page(&self) -> String {
        let mut out = String::from(
            "# Modules by release\n\nWhich callflow modules each release's schemas define \
             (✓). Linked modules have a page in this book (the newest release's).\n\n",
        );
        out.push_str("| Module |");
        for n in &self.names {
            out.push_str(&format!(" {n} |"));
        }
        out.push_str("\n| --- |");
        for _ in &self.names {
            out.push_str(" :---: |");
        }
        out.push('\n');
        let all: BTreeSet<&String> = self.modules.iter().flatten().collect();
        let newest = self.modules.last();
        for m in all {
            if newest.is_some_and(|n| n.contains(m)) {
                out.push_str(&format!("| [{}](modules/{m}.md) |", code(m)));
            } else {
                out.push_str(&format!("| {} |", code(m)));
            }
            for set in &self.modules {
                out.push_str(if set.contains(m) { " ✓ |" } else { "   |" });
            }
            out.push('\n');
        }
        out
    }

    /// The newest release that still lacks the thing, plus one: the first
    /// release of the unbroken run up to the newest. `None` when the run
    /// starts at the oldest release or the newest lacks it.
    fn since(&self, exists: impl Fn(usize) -> bool) -> Option<&str> {
        let n = self.names.len();
        if n == 0 || !exists(n - 1) {
            return None;
        }
        let mut i = n - 1;
        while i > 0 && exists(i - 1) {
            i -= 1;
        }
        (i > 0).then(|| self.names[i].as_str())
    }
}

/// A release name as a file name part (`4.3` stays, `a/b` → `a_b`).
fn file_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
