//! Kazoo's reference pages (`applications/callflow/doc/ref/<module>.md`):
//! one page per callflow module, laid out byte for byte as Kazoo's doc
//! tooling lays them out.
//!
//! ```text
//! ## Ring Group                     (module name in Title Case)
//!
//! ### About Ring Group
//!
//! #### Schema
//!
//! <schema description>
//!
//!
//!
//! Key | Description | Type | Default | Required | Support Level
//! --- | ----------- | ---- | ------- | -------- | -------------
//! <rows>
//!
//! ### <ref id>                      (one per schema the module refers to)
//!
//! <description>
//!
//!
//! Key | ...
//! ```
//!
//! The referenced schemas are those named by `$ref` on the module's
//! properties and `oneOf`/`anyOf` branches, plus everything those schemas
//! refer to (through `properties`, `patternProperties`, `oneOf`,
//! `additionalProperties` and other single sub-schemas, not through `anyOf`
//! or `allOf`), in id order. A reference that does not name a schema file
//! gets no section.

use crate::emit::docs::rows::{self, Table};
use crate::ir::schema::{Additional, Dependency, Items, NodeId, SchemaFile, SchemaGraph};
use std::collections::BTreeSet;

/// The table header: column names and the separator line.
pub const TABLE_HEADER: &str = "Key | Description | Type | Default | Required | Support Level\n\
                                --- | ----------- | ---- | ------- | -------- | -------------\n";

/// One page: its file name (`ring_group.md`) and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The module.
    pub module: String,
    /// The module's own table.
    pub table: Table,
    /// `(ref id, table)` for every referenced schema, in id order.
    pub sections: Vec<(String, Table)>,
}

impl Page {
    /// `<module>.md`
    pub fn file_name(&self) -> String {
        format!("{}.md", self.module)
    }

    /// The Markdown text.
    pub fn render(&self) -> String {
        let title = title_case(&self.module);
        let mut out = format!("## {title}\n\n### About {title}\n\n#### Schema\n\n");
        out.push_str(&description_block(&self.table.description));
        out.push_str("\n\n");
        out.push_str(&table_block(&self.table));
        out.push('\n');
        for (id, table) in &self.sections {
            out.push_str(&format!("### {id}\n\n"));
            out.push_str(&description_block(&table.description));
            out.push('\n');
            out.push_str(&table_block(table));
            out.push('\n');
        }
        out.push_str("\n\n");
        out
    }
}

/// Every module's page, in module order.
pub fn pages(graph: &SchemaGraph) -> Vec<Page> {
    graph.modules().map(|file| page(graph, file)).collect()
}

/// The page of one module file.
pub fn page(graph: &SchemaGraph, file: &SchemaFile) -> Page {
    let table = rows::table(graph, file.root);
    let mut sections = Vec::new();
    for id in referenced_closure(graph, &table.refs) {
        if let Some(target) = schema_file_named(graph, &id) {
            sections.push((id, rows::table(graph, target.root)));
        }
    }
    Page {
        module: file.module.clone().unwrap_or_else(|| file.id.clone()),
        table,
        sections,
    }
}

/// `ring_group` → `Ring Group` (Kazoo also spells out `api`, `ip` and `auth`).
pub fn title_case(name: &str) -> String {
    name.split('_')
        .map(|part| match part {
            "api" => String::from("API"),
            "ip" => String::from("IP"),
            "auth" => String::from("Authentication"),
            _ => {
                let mut chars = part.chars();
                match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn description_block(description: &str) -> String {
    if description.is_empty() {
        String::new()
    } else {
        format!("{description}\n\n")
    }
}

fn table_block(table: &Table) -> String {
    let mut out = String::from(TABLE_HEADER);
    for row in &table.rows {
        out.push_str(&row.line());
        out.push('\n');
    }
    out
}

/// The schema file a reference names, as Kazoo loads it: `<ref>.json`.
fn schema_file_named<'g>(graph: &'g SchemaGraph, id: &str) -> Option<&'g SchemaFile> {
    graph
        .files
        .iter()
        .find(|f| f.path.file_stem().is_some_and(|s| s == id))
}

/// `refs` and every reference reachable from the schemas they name.
fn referenced_closure(graph: &SchemaGraph, refs: &BTreeSet<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<String> = refs.iter().cloned().collect();
    while let Some(id) = queue.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(file) = schema_file_named(graph, &id) {
            let mut found = Vec::new();
            collect_refs(graph, file.root, &mut found, &mut BTreeSet::new());
            queue.extend(found);
        }
    }
    seen
}

/// The `$ref`s inside one schema, as Kazoo's tool finds them.
fn collect_refs(
    graph: &SchemaGraph,
    node_id: NodeId,
    out: &mut Vec<String>,
    visited: &mut BTreeSet<NodeId>,
) {
    if !visited.insert(node_id) {
        return;
    }
    let n = graph.node(node_id);
    if let Some(r) = &n.reference {
        out.push(r.text.clone());
    }
    let mut children: Vec<NodeId> = Vec::new();
    children.extend(n.properties.iter().map(|(_, c)| *c));
    children.extend(n.pattern_properties.iter().map(|(_, c)| *c));
    children.extend(n.definitions.iter().map(|(_, c)| *c));
    children.extend(n.one_of.iter().copied());
    if let Some(Additional::Schema(a)) = &n.additional_properties {
        children.push(*a);
    }
    if let Some(Additional::Schema(a)) = &n.additional_items {
        children.push(*a);
    }
    if let Some(Items::All(i)) = &n.items {
        children.push(*i);
    }
    if let Some(not) = n.not {
        children.push(not);
    }
    for (_, dep) in &n.dependencies {
        if let Dependency::Schema(d) = dep {
            children.push(*d);
        }
    }
    for c in children {
        collect_refs(graph, c, out, visited);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(title_case("ring_group"), "Ring Group");
        assert_eq!(title_case("lookupcidname"), "Lookupcidname");
        assert_eq!(title_case("api_auth_ip"), "API Authentication IP");
    }
}
