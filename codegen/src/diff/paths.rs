//! Walking a module's schema into *instance paths*: one [`Facts`] per JSON
//! pointer into the module's `data` (`""` is the data itself, `*` any array
//! item or any member matched by `patternProperties`/`additionalProperties`).
//!
//! A schema reached through `$ref` is walked at every path that uses it,
//! so a change inside a shared schema shows in every module that uses it.

use super::shape::{ANY, Shape, TypeSet, fold_all};
use crate::ir::schema::{NodeId, SchemaGraph};
use crate::pointer;
use serde_json::Value;
use std::collections::BTreeMap;

/// Paths deeper than this are not walked (no Kazoo schema comes close;
/// it bounds walks through recursive schemas).
const MAX_DEPTH: usize = 24;

/// What the schemas say about the instance at one path.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// Accepted types and values.
    pub types: TypeSet,
    /// Whether the parent object requires this member (`false` for `""`,
    /// `*` and tuple positions).
    pub required: bool,
    /// `default`
    pub default: Option<Value>,
    /// `description`
    pub description: Option<String>,
    /// Kazoo's `support_level`.
    pub support_level: Option<String>,
    /// The schema ids the node refers to (its `$ref`, else its branches').
    pub references: Vec<String>,
    /// Constraint keywords (see [`super::shape::constraints`]).
    pub constraints: BTreeMap<&'static str, Value>,
    /// Whether this is a named property (as opposed to `""`, `*` or a
    /// tuple position).
    pub is_property: bool,
    /// Whether the instance has named properties (an object with
    /// `properties` is a struct in Rust, whatever `additionalProperties` says).
    pub named_members: bool,
}

/// Every instance path of the schema rooted at `root`, in path order.
pub fn instance_paths(graph: &SchemaGraph, root: NodeId) -> BTreeMap<String, Facts> {
    let mut out = BTreeMap::new();
    let mut ancestors = Vec::new();
    walk(
        graph,
        String::new(),
        &[root],
        false,
        false,
        &mut ancestors,
        &mut out,
    );
    out
}

fn walk(
    graph: &SchemaGraph,
    path: String,
    nodes: &[NodeId],
    required: bool,
    is_property: bool,
    ancestors: &mut Vec<NodeId>,
    out: &mut BTreeMap<String, Facts>,
) {
    let shape: Shape = fold_all(graph, nodes, &mut Vec::new());
    let named_members = shape.children.keys().any(|k| k != ANY);
    out.insert(
        path.clone(),
        Facts {
            types: shape.types,
            required,
            default: shape.default,
            description: shape.description,
            support_level: shape.support_level,
            references: shape.references,
            constraints: shape.constraints,
            is_property,
            named_members,
        },
    );
    let targets: Vec<NodeId> = nodes.iter().map(|&n| graph.deref(n)).collect();
    // A schema that contains itself (through `$ref`) is walked once per path.
    if targets.iter().all(|t| ancestors.contains(t)) || path.matches('/').count() >= MAX_DEPTH {
        return;
    }
    let depth = ancestors.len();
    ancestors.extend(targets);
    for (segment, kids) in &shape.children {
        let named = segment != ANY && !is_tuple_position(graph, nodes, segment);
        let child_path = if segment == ANY {
            format!("{path}/{ANY}")
        } else {
            pointer::push(&path, segment)
        };
        let child_required = named && shape.required.contains(segment);
        walk(
            graph,
            child_path,
            kids,
            child_required,
            named,
            ancestors,
            out,
        );
    }
    ancestors.truncate(depth);
}

/// Whether `segment` is a position of a tuple `items` on one of `nodes`
/// (rather than a property that happens to be named `"0"`).
fn is_tuple_position(graph: &SchemaGraph, nodes: &[NodeId], segment: &str) -> bool {
    segment.bytes().all(|b| b.is_ascii_digit())
        && nodes.iter().any(|&n| {
            let n = graph.node(graph.deref(n));
            matches!(n.items, Some(crate::ir::schema::Items::Tuple(_)))
                && n.property(segment).is_none()
        })
}
