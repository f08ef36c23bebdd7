//! Flattening a schema into the rows of a Kazoo reference table, by the
//! rules of Kazoo's doc tooling:
//!
//! - one row per property, keyed by its path: `parent.child`, `parent.[]`
//!   for string items, `parent.[].child` for object items, pattern
//!   properties by their regex (`/regex/` below a property, bare at the top
//!   and inside `anyOf` branches);
//! - an object's rows come from its `properties`, its `patternProperties`
//!   and the members of its `anyOf` branches (a branch that is a `$ref`
//!   contributes the referenced schema's members); `oneOf` branches and
//!   `$ref`s only add referenced schemas, which get their own tables;
//! - an array of objects lists its items' members, an array of strings one
//!   `parent.[]` row, an array whose items have no type but a `oneOf` one
//!   `parent.[]` row with the branches' types;
//! - `Required` is looked up in the page's schema along the row's path
//!   (through `properties`, `patternProperties` and `items`), `Support
//!   Level` along `properties` and `items` only;
//! - order: members by name, each property's nested rows before its own
//!   row, `anyOf` branches last first. (Kazoo's tool prepends rows while
//!   folding over members it sees in descending order; this module
//!   reproduces that fold exactly and reverses once at the end.)

use crate::emit::docs::cells;
use crate::emit::docs::type_notation::{self, NoType};
use crate::ir::schema::{Items, JsonType, NodeId, SchemaGraph, SchemaNode};
use std::collections::BTreeSet;

/// One table row, every cell formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// `Key`, in backticks.
    pub key: String,
    /// `Description`.
    pub description: String,
    /// `Type`.
    pub ty: String,
    /// `Default`.
    pub default: String,
    /// `Required`.
    pub required: String,
    /// `Support Level`.
    pub support_level: String,
}

impl Row {
    /// The row as a Markdown table line (without the newline).
    pub fn line(&self) -> String {
        [
            self.key.as_str(),
            &self.description,
            &self.ty,
            &self.default,
            &self.required,
            &self.support_level,
        ]
        .join(" | ")
    }
}

/// The rows of one schema and the schemas it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The schema's description (empty when it has none).
    pub description: String,
    /// Rows in Kazoo's order.
    pub rows: Vec<Row>,
    /// `$ref`s met on properties and on the schema's own `oneOf`/`anyOf`
    /// branches, as written.
    pub refs: BTreeSet<String>,
}

/// One step of a row's path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// A member name (a `/regex/` for a nested pattern property).
    Key(String),
    /// `[]`: the items of an array.
    Items,
}

/// Builds the table of the schema rooted at `root`.
pub fn table(graph: &SchemaGraph, root: NodeId) -> Table {
    let mut w = Walker {
        graph,
        root,
        emitted: Vec::new(),
        refs: BTreeSet::new(),
    };
    let node = graph.node(root);
    for (name, child) in merged_members(node).into_iter().rev() {
        w.property(vec![Step::Key(name)], child);
    }
    for b in node.one_of.iter().chain(&node.any_of) {
        w.add_ref(*b);
    }
    let mut rows = w.emitted;
    rows.reverse();
    Table {
        description: node.description.clone().unwrap_or_default(),
        rows,
        refs: w.refs,
    }
}

/// `patternProperties` and `properties` as one map, by name (a property
/// wins over a pattern spelled the same).
fn merged_members(node: &SchemaNode) -> Vec<(String, NodeId)> {
    let mut all: std::collections::BTreeMap<String, NodeId> = node
        .pattern_properties
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    for (k, v) in &node.properties {
        all.insert(k.clone(), *v);
    }
    all.into_iter().collect()
}

struct Walker<'g> {
    graph: &'g SchemaGraph,
    root: NodeId,
    /// Rows in the order Kazoo's fold produces them (reversed at the end).
    emitted: Vec<Row>,
    refs: BTreeSet<String>,
}

impl Walker<'_> {
    fn add_ref(&mut self, node: NodeId) {
        if let Some(r) = &self.graph.node(node).reference {
            self.refs.insert(r.text.clone());
        }
    }

    fn property(&mut self, path: Vec<Step>, node_id: NodeId) {
        let g = self.graph;
        let node = g.node(node_id);
        self.emitted.push(Row {
            key: key(&path),
            description: cells::description(g, node),
            ty: type_notation::cell(g, node),
            default: cells::default(node.default.as_ref()),
            required: cells::required(self.is_required(&path)),
            support_level: cells::support_level(self.support_level(&path)),
        });
        self.add_ref(node_id);
        self.nested(node.types_declared.as_deref(), path, node_id);
    }

    /// The rows below a property of the given declared types.
    fn nested(&mut self, types: Option<&[JsonType]>, path: Vec<Step>, node_id: NodeId) {
        let g = self.graph;
        let node = g.node(node_id);
        match types {
            None | Some([]) => {
                // Untyped: typed like the referenced schema, if any.
                if let Some(r) = &node.reference {
                    let target = g.node(r.target).types_declared.as_deref();
                    if target.is_some() {
                        self.nested(target, path, node_id);
                    }
                }
            }
            Some([JsonType::Object]) => self.object_members(path, node_id),
            Some([JsonType::Array]) => self.array_items(path, node),
            Some([_]) => {}
            Some(types) => {
                for t in types {
                    self.nested(Some(std::slice::from_ref(t)), path.clone(), node_id);
                }
            }
        }
    }

    fn object_members(&mut self, path: Vec<Step>, node_id: NodeId) {
        let g = self.graph;
        let node = g.node(node_id);
        for (name, child) in node.properties.iter().rev() {
            self.property(with(&path, Step::Key(name.clone())), *child);
        }
        for (pattern, child) in node.pattern_properties.iter().rev() {
            self.property(with(&path, Step::Key(format!("/{pattern}/"))), *child);
        }
        for branch in &node.any_of {
            let b = g.node(*branch);
            let source = match &b.reference {
                Some(r) => g.node(r.target),
                None => b,
            };
            for (name, child) in merged_members(source).into_iter().rev() {
                self.property(with(&path, Step::Key(name)), child);
            }
        }
        for branch in &node.one_of {
            self.add_ref(*branch);
        }
    }

    fn array_items(&mut self, path: Vec<Step>, node: &SchemaNode) {
        let g = self.graph;
        let item_id = match &node.items {
            Some(Items::All(item)) => Some(*item),
            _ => None,
        };
        let item = item_id.map(|i| g.node(i));
        match item.and_then(|i| i.types_declared.as_deref()) {
            Some([JsonType::Object]) => {
                if let Some(item_id) = item_id {
                    self.object_members(with(&path, Step::Items), item_id);
                }
            }
            Some([JsonType::String]) => {
                let ty = match item.map(|i| type_notation::notation(g, i)) {
                    Some(Ok(text)) => cells::code(&text),
                    _ => String::from(cells::EMPTY),
                };
                self.emitted.push(Row {
                    key: key(&with(&path, Step::Items)),
                    description: String::from(cells::EMPTY),
                    ty,
                    default: String::from(cells::EMPTY),
                    required: cells::required(self.is_required(&path)),
                    support_level: cells::support_level(self.support_level(&path)),
                });
            }
            Some([_]) => {}
            // No single item type: the `oneOf` branches' types, if any.
            _ => {
                let Some(item) = item.filter(|i| !i.one_of.is_empty()) else {
                    return;
                };
                let parts: Result<Vec<String>, NoType> = item
                    .one_of
                    .iter()
                    .map(|b| type_notation::notation(g, g.node(*b)))
                    .collect();
                let ty = match parts {
                    Ok(parts) => cells::code(&parts.join("|")),
                    Err(NoType) => String::from(cells::EMPTY),
                };
                self.emitted.push(Row {
                    key: key(&with(&path, Step::Items)),
                    description: String::from(cells::EMPTY),
                    ty,
                    default: String::from(cells::EMPTY),
                    required: String::from(cells::EMPTY),
                    support_level: String::from(cells::EMPTY),
                });
            }
        }
    }

    /// Whether the last step of `path` is in the `required` list of the
    /// node the other steps lead to, from the page's root.
    fn is_required(&self, path: &[Step]) -> bool {
        let Some((last, parents)) = path.split_last() else {
            return false;
        };
        let Step::Key(last) = last else {
            return false;
        };
        let mut at = self.root;
        for step in parents {
            let n = self.graph.node(at);
            let next = match step {
                Step::Items => match &n.items {
                    Some(Items::All(i)) => Some(*i),
                    _ => None,
                },
                Step::Key(k) => match as_regex(k) {
                    Some(re) => n
                        .pattern_properties
                        .iter()
                        .find(|(p, _)| p == re)
                        .map(|(_, id)| *id),
                    None => n.property(k),
                },
            };
            match next {
                Some(next) => at = next,
                None => return false,
            }
        }
        let name = as_regex(last).unwrap_or(last);
        self.graph.node(at).is_required(name)
    }

    /// The support level at `path`, following `properties` and `items` from
    /// the page's root.
    fn support_level(&self, path: &[Step]) -> Option<&str> {
        let mut at = self.root;
        for step in path {
            let n = self.graph.node(at);
            let next = match step {
                Step::Items => match &n.items {
                    Some(Items::All(i)) => Some(*i),
                    _ => None,
                },
                Step::Key(k) => n.property(k),
            };
            at = next?;
        }
        self.graph.node(at).support_level.as_deref()
    }
}

/// `/regex/` → `regex`.
fn as_regex(step: &str) -> Option<&str> {
    step.strip_prefix('/')?.strip_suffix('/')
}

fn with(path: &[Step], step: Step) -> Vec<Step> {
    let mut p = path.to_vec();
    p.push(step);
    p
}

fn key(path: &[Step]) -> String {
    let parts: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Items => "[]",
        })
        .collect();
    cells::code(&parts.join("."))
}
