//! Kazoo's own rules beyond JSON Schema, as they apply to callflow and
//! metaflow schemas. Kazoo runs an extra validator on every schema node
//! flagged `kazoo-validation: true`, keyed on the schema's id and the
//! member's name (`callflows.pivot.voice_url`). The keys that matter here:
//!
//! - `callflows.action.module` / `.data`: the callflow module must have a
//!   `callflows.<module>` schema, the data is checked against it (the flow
//!   nodes of [`crate::ValidationSchemas`]);
//! - `metaflow.module` / `.data`: the same for metaflow nodes against
//!   `metaflows.<module>` ([`metaflow_node`], [`metaflow_modules`]);
//! - the client-URL rule ([`KazooRule::ClientUrl`]) on the members listed in
//!   [`CLIENT_URL_KEYS`].
//!
//! Kazoo's other keys (storage references, OAuth documents) belong to
//! schemas outside callflows; its `kazoo-regexp` flag and stability levels
//! are used by no callflow or metaflow schema, and stability levels are
//! off unless a system setting turns them on.

use crate::ir::schema::{NodeId, SchemaGraph};
use crate::ir::types::TypeSpace;

/// The flagged members that hold a URL Kazoo calls, as `schema-id.member`.
pub(crate) const CLIENT_URL_KEYS: [&str; 6] = [
    "callflows.pivot.voice_url",
    "callflows.record_call.url",
    "callflows.record_caller.url",
    "callflows.webhook.uri",
    "metaflows.pivot.voice_url",
    "metaflows.record_call.url",
];

/// A rule Kazoo checks on a value beyond its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KazooRule {
    /// A string must be a client URL Kazoo may call (the runtime's
    /// `ClientBlacklist::allows`).
    ClientUrl,
}

/// `schema-id.member` of a node flagged `kazoo-validation`: its file's id
/// and the last token of its pointer.
fn kazoo_key(graph: &SchemaGraph, node: NodeId) -> Option<String> {
    let n = graph.node(node);
    if !n.kazoo_validation {
        return None;
    }
    let loc = n.location.as_ref()?;
    let member = crate::pointer::tokens(&loc.pointer)?.pop()?;
    Some(format!("{}.{member}", graph.file(loc.file).id))
}

/// The value rule Kazoo checks on `node` (not the module dispatch, which
/// works on whole nodes).
pub(crate) fn kazoo_rule(graph: &SchemaGraph, node: NodeId) -> Option<KazooRule> {
    let key = kazoo_key(graph, node)?;
    CLIENT_URL_KEYS
        .contains(&key.as_str())
        .then_some(KazooRule::ClientUrl)
}

/// The schema-directory fields a module's page names as checked by
/// Kazoo beyond its schema: `(member pointer, rule)` for every flagged
/// member of the file `file_id`.
pub(crate) fn kazoo_checked_members(
    graph: &SchemaGraph,
    file_id: &str,
) -> Vec<(String, KazooRule)> {
    let mut out = Vec::new();
    for (i, n) in graph.nodes.iter().enumerate() {
        let id = NodeId(i as u32);
        let Some(loc) = &n.location else { continue };
        if graph.file(loc.file).id != file_id {
            continue;
        }
        if let Some(rule) = kazoo_rule(graph, id) {
            out.push((loc.pointer.clone(), rule));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The metaflow node schema (the first configured
/// [`Config::metaflow_node`](crate::Config::metaflow_node) location that
/// lowering found, `metaflow`), when its `module` carries Kazoo's flag:
/// Kazoo dispatches such nodes by module.
pub(crate) fn metaflow_node(graph: &SchemaGraph, space: &TypeSpace) -> Option<NodeId> {
    let root = *crate::validation::metaflow_node_targets(graph, space).first()?;
    let module = graph.node(root).property("module")?;
    kazoo_key(graph, module)
        .is_some_and(|k| k == "metaflow.module")
        .then_some(root)
}

/// The metaflow modules (`metaflows.<module>` schemas) in name order, each
/// with its schema's root.
pub(crate) fn metaflow_modules(graph: &SchemaGraph) -> Vec<(String, NodeId)> {
    let mut out: Vec<(String, NodeId)> = graph
        .files
        .iter()
        .filter_map(|f| {
            let name = f.id.strip_prefix("metaflows.")?;
            (!name.is_empty() && !name.contains('.')).then(|| (name.to_string(), f.root))
        })
        .collect();
    out.sort();
    out
}
