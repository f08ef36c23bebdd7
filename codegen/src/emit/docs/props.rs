//! The book's property list: a module's `data` as nested Markdown lists,
//! each member under its parent, with its type, default, required flag,
//! constraints and support level as short code badges on one line and its
//! description below. No tables, so nothing is wider than the page.
//!
//! Built from the instance paths of [`crate::diff::paths`] (the same facts
//! `diff` compares), so a release history can annotate each member by its
//! path.

use crate::diff::markdown::code;
use crate::diff::paths::{Facts, instance_paths};
use crate::diff::shape::ANY;
use crate::emit::docs::book::inline;
use crate::ir::schema::{JsonType, NodeId, SchemaGraph};
use serde_json::Value;
use std::collections::BTreeMap;

/// Extra words for a member, by instance path (e.g. "since 4.2").
pub type Notes = BTreeMap<String, Vec<String>>;

/// The nested list of the members of the schema at `root`, or a sentence
/// when it has none. `module_link` turns a `$ref`'d schema id into a link
/// target when that schema is a module with its own page.
pub fn property_list(
    graph: &SchemaGraph,
    root: NodeId,
    notes: &Notes,
    module_link: &dyn Fn(&str) -> Option<String>,
) -> String {
    let paths = instance_paths(graph, root);
    let mut out = String::new();
    render_children(&paths, "", 0, notes, module_link, &mut out);
    if out.is_empty() {
        out.push_str("The data takes no documented members.\n");
    }
    out
}

fn render_children(
    paths: &BTreeMap<String, Facts>,
    parent: &str,
    depth: usize,
    notes: &Notes,
    module_link: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
) {
    let parent_is_array = paths
        .get(parent)
        .is_some_and(|f| f.types.0.keys().eq([JsonType::Array].iter()));
    let prefix = format!("{parent}/");
    let children: Vec<(&String, &Facts)> = paths
        .range(prefix.clone()..)
        .take_while(|(p, _)| p.starts_with(&prefix))
        .filter(|(p, _)| !p[prefix.len()..].contains('/'))
        .collect();
    // Named members first (in name order), then `*`.
    let (wild, named): (Vec<_>, Vec<_>) = children
        .into_iter()
        .partition(|(p, _)| &p[prefix.len()..] == ANY);
    for (path, facts) in named.into_iter().chain(wild) {
        let segment = &path[prefix.len()..];
        let indent = "  ".repeat(depth);
        let name = if segment == ANY {
            if parent_is_array {
                String::from("*each item*")
            } else {
                String::from("*other members*")
            }
        } else {
            format!("**{}**", code(&crate::pointer::unescape(segment)))
        };
        let mut line = format!("{indent}- {name}");
        for badge in badges(facts, module_link) {
            line.push_str(" · ");
            line.push_str(&badge);
        }
        for note in notes.get(path.as_str()).into_iter().flatten() {
            line.push_str(&format!(" · *{note}*"));
        }
        out.push_str(&line);
        out.push('\n');
        if let Some(d) = facts
            .description
            .as_deref()
            .map(inline)
            .filter(|d| !d.is_empty())
        {
            out.push_str(&format!("{indent}  <br>{d}\n"));
        }
        render_children(paths, path, depth + 1, notes, module_link, out);
    }
}

/// The badges of one member: type, allowed values, required, default,
/// constraints, support level, the module it refers to.
fn badges(f: &Facts, module_link: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    let types = &f.types;
    if types.is_any() {
        out.push(code("any"));
    } else {
        let names: Vec<String> = types.0.keys().map(|t| code(t.as_str())).collect();
        out.push(names.join(" or "));
    }
    let values: Vec<&Value> = types
        .0
        .values()
        .flatten()
        .flat_map(|v| v.values())
        .collect();
    if !values.is_empty() {
        let shown: Vec<String> = values.iter().map(|v| code(&v.to_string())).collect();
        out.push(format!("one of {}", shown.join(" ")));
    }
    if f.required {
        out.push(String::from("**required**"));
    }
    if let Some(d) = &f.default {
        out.push(format!("default {}", code(&d.to_string())));
    }
    for (k, v) in &f.constraints {
        match (*k, v) {
            ("items" | "additionalProperties", Value::String(_)) => {}
            ("additionalProperties", Value::Bool(false)) => {
                out.push(String::from("no other members"))
            }
            (_, Value::Bool(true)) => out.push(code(k)),
            (_, Value::String(s)) => out.push(format!("{k} {}", code(s))),
            (_, v) => out.push(format!("{k} {}", code(&v.to_string()))),
        }
    }
    if let Some(level) = f.support_level.as_deref().filter(|l| !l.is_empty()) {
        out.push(format!("support: {level}"));
    }
    // A module has its own page; any other schema is inlined right here.
    let (pages, inlined): (Vec<String>, Vec<String>) = f
        .references
        .iter()
        .map(|id| match module_link(id) {
            Some(target) => Ok(format!("[{}]({target})", code(id))),
            None => Err(code(id)),
        })
        .fold((Vec::new(), Vec::new()), |(mut p, mut i), r| {
            match r {
                Ok(link) => p.push(link),
                Err(name) => i.push(name),
            }
            (p, i)
        });
    if !inlined.is_empty() {
        out.push(format!("schema {}", inlined.join(", ")));
    }
    if !pages.is_empty() {
        out.push(format!("see {}", pages.join(", ")));
    }
    out
}
