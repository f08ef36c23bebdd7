//! What validating against a schema directory needs besides the resolved
//! schemas: the entry points the validators are emitted for (the callflow
//! document, the callflow-node schemas, each module's root), the nodes
//! where validation recurses with the input's nesting, and every pattern
//! with its exact `regex` translation. The validator emitter and the
//! runtime's schema interpreter (`kazoo_callflows::interpret`) both read
//! it, so compiled and interpreted validation start from the same facts.

use crate::config::Config;
use crate::error::{ErrorKind, Result};
use crate::ir::schema::{Additional, Dependency, Items, NodeId, SchemaGraph};
use crate::ir::types::{ModuleDef, TypeSpace};
use std::collections::{BTreeMap, BTreeSet};

/// A schema directory loaded and checked as `generate` checks it, with the
/// validators' entry points. Built by [`Config::validation_schemas`].
#[derive(Debug, Clone)]
pub struct ValidationSchemas {
    /// The resolved schemas.
    pub graph: SchemaGraph,
    /// The root of the callflow document schema (`callflows`), when the
    /// directory has one.
    pub document: Option<NodeId>,
    /// Every configured callflow-node location (after `$ref`s), in
    /// configuration order; the first is the node schema
    /// (`callflows.action`). Kazoo's module rule applies on these.
    pub flow_nodes: Vec<NodeId>,
    /// The callflow modules in name order, each with its schema's root.
    pub modules: Vec<(String, NodeId)>,
    /// Where unknown-module errors point: `kazoo-validation` on the node
    /// schema's `module`.
    pub module_schema_path: String,
    /// The metaflow node schema (`metaflow`) when Kazoo dispatches its
    /// nodes by module (see [`ValidationSchemas::kazoo_rule`]).
    pub metaflow_node: Option<NodeId>,
    /// The metaflow modules in name order, each with its schema's root.
    pub metaflow_modules: Vec<(String, NodeId)>,
    /// Where unknown-metaflow-module errors point: `kazoo-validation` on
    /// the metaflow schema's `module`.
    pub metaflow_schema_path: String,
    /// Nodes (after `$ref`s) where validation recurses with the input's
    /// nesting, so where the depth limit is checked: `$ref` targets that
    /// can reach themselves, and the callflow-node schemas.
    pub recursive: BTreeSet<NodeId>,
    /// Every `pattern` and `patternProperties` pattern of the nodes the
    /// entry points reach (each checked to be valid ECMA-262), with its
    /// exact translation to the `regex` crate's syntax where there is one
    /// (the validators' ECMA translation, `emit::validators::ecma`).
    pub patterns: BTreeMap<String, Option<String>>,
}

impl Config {
    /// Loads the schema directory, lowers it (so a directory `generate`
    /// refuses is refused here with the same error), and collects what
    /// validation needs; no code is emitted.
    pub fn validation_schemas(&self) -> Result<ValidationSchemas> {
        let (graph, space) = self.load_lowered()?;
        let flow_nodes = flow_node_targets(&graph, &space);
        let recursive = recursive(&graph, &flow_nodes);
        let modules = module_roots(&graph, &space.modules);
        let document = space.document_root;
        let module_schema_path = module_schema_path(&graph, flow_nodes.first().copied(), self);
        let metaflow_node = crate::kazoo_rules::metaflow_node(&graph, &space);
        let metaflow_modules = module_roots(&graph, &space.metaflow_modules);
        let metaflow_schema_path = metaflow_schema_path(&graph, metaflow_node, self);
        let mut schemas = ValidationSchemas {
            graph,
            document,
            flow_nodes,
            modules,
            module_schema_path,
            metaflow_node,
            metaflow_modules,
            metaflow_schema_path,
            recursive,
            patterns: BTreeMap::new(),
        };
        schemas.patterns = patterns(&schemas)?;
        Ok(schemas)
    }
}

impl ValidationSchemas {
    /// The rule Kazoo checks on the values of `node` beyond its schema
    /// (the client-URL rule on `voice_url`, webhook `uri`, recording
    /// `url`); the module dispatch, which works on whole nodes, is
    /// [`ValidationSchemas::flow_nodes`] and
    /// [`ValidationSchemas::metaflow_node`].
    pub fn kazoo_rule(&self, node: NodeId) -> Option<crate::KazooRule> {
        crate::kazoo_rules::kazoo_rule(&self.graph, node)
    }
}

/// `kazoo-validation` on the `module` of the node schema `flow_node`; when
/// the directory has no node schema, on the first configured node schema
/// location ([`Config::flow_node`]).
pub(crate) fn module_schema_path(
    graph: &SchemaGraph,
    flow_node: Option<NodeId>,
    config: &Config,
) -> String {
    rule_path(graph, flow_node, &config.flow_nodes)
}

/// The same for the metaflow node schema ([`Config::metaflow_node`]).
pub(crate) fn metaflow_schema_path(
    graph: &SchemaGraph,
    metaflow_node: Option<NodeId>,
    config: &Config,
) -> String {
    rule_path(graph, metaflow_node, &config.metaflow_nodes)
}

/// `kazoo-validation` on the `module` of `node`, or of the first of the
/// configured `locations` when the directory has no such node.
fn rule_path(graph: &SchemaGraph, node: Option<NodeId>, locations: &[(String, String)]) -> String {
    let tokens = ["properties", "module", "kazoo-validation"];
    match node {
        Some(n) => graph.keyword_path(n, &tokens),
        None => {
            let location = locations
                .first()
                .map_or_else(String::new, |(id, pointer)| format!("{id}#{pointer}"));
            tokens
                .iter()
                .fold(location, |acc, t| crate::pointer::push(&acc, t))
        }
    }
}

/// The callflow-node schemas Kazoo's module rule applies on: the nodes
/// lowering typed as `Flow` ([`TypeSpace::flow_nodes`], the configured
/// locations that exist), after `$ref`s, in configuration order without
/// repeats; the first is the node schema itself. The one place this is
/// computed: the validator emitter, the editor schema and the run-time
/// interpreter ([`ValidationSchemas::flow_nodes`]) all take it from here.
pub(crate) fn flow_node_targets(graph: &SchemaGraph, space: &TypeSpace) -> Vec<NodeId> {
    targets(graph, &space.flow_nodes)
}

/// The metaflow-node schemas, likewise: the nodes lowering typed as
/// `Metaflow` ([`TypeSpace::metaflow_nodes`]), after `$ref`s, in order
/// without repeats; the first is the metaflow node schema.
pub(crate) fn metaflow_node_targets(graph: &SchemaGraph, space: &TypeSpace) -> Vec<NodeId> {
    targets(graph, &space.metaflow_nodes)
}

/// `written` after `$ref`s, in order, without repeats.
fn targets(graph: &SchemaGraph, written: &[NodeId]) -> Vec<NodeId> {
    let mut out = Vec::new();
    for node in written.iter().map(|n| graph.deref(*n)) {
        if !out.contains(&node) {
            out.push(node);
        }
    }
    out
}

/// Each module of `modules` (lowering's, in name order) with its schema's
/// root.
pub(crate) fn module_roots(graph: &SchemaGraph, modules: &[ModuleDef]) -> Vec<(String, NodeId)> {
    modules
        .iter()
        .map(|m| (m.name.clone(), graph.file(m.file).root))
        .collect()
}

/// `$ref` targets that can reach themselves, and the callflow nodes.
pub(crate) fn recursive(graph: &SchemaGraph, flow_nodes: &[NodeId]) -> BTreeSet<NodeId> {
    let targets: BTreeSet<NodeId> = graph
        .nodes
        .iter()
        .filter_map(|n| n.reference.as_ref().map(|r| graph.deref(r.target)))
        .collect();
    let mut out: BTreeSet<NodeId> = targets
        .into_iter()
        .filter(|t| reaches_itself(graph, *t))
        .collect();
    out.extend(flow_nodes.iter().copied());
    out
}

/// The schemas `n` applies to parts of its instance (or, for a `$ref`,
/// its target).
pub(crate) fn applied(graph: &SchemaGraph, n: NodeId) -> Vec<NodeId> {
    let node = graph.node(n);
    if let Some(r) = &node.reference {
        return vec![r.target];
    }
    let mut out: Vec<NodeId> = node.properties.iter().map(|(_, p)| *p).collect();
    out.extend(node.pattern_properties.iter().map(|(_, p)| *p));
    for a in [&node.additional_properties, &node.additional_items]
        .into_iter()
        .flatten()
    {
        if let Additional::Schema(s) = a {
            out.push(*s);
        }
    }
    match &node.items {
        Some(Items::All(i)) => out.push(*i),
        Some(Items::Tuple(list)) => out.extend(list),
        None => {}
    }
    out.extend(&node.all_of);
    out.extend(&node.any_of);
    out.extend(&node.one_of);
    out.extend(node.not);
    for (_, d) in &node.dependencies {
        if let Dependency::Schema(s) = d {
            out.push(*s);
        }
    }
    out
}

/// Whether validating `start` can come back to `start`.
fn reaches_itself(graph: &SchemaGraph, start: NodeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = applied(graph, start);
    while let Some(n) = stack.pop() {
        let n = graph.deref(n);
        if n == start {
            return true;
        }
        if seen.insert(n) {
            stack.extend(applied(graph, n));
        }
    }
    false
}

/// The patterns of every node the entry points reach, checked and
/// translated; an invalid one is the error `generate` reports for it.
fn patterns(s: &ValidationSchemas) -> Result<BTreeMap<String, Option<String>>> {
    let graph = &s.graph;
    let mut stack: Vec<NodeId> = s.document.into_iter().collect();
    stack.extend(&s.flow_nodes);
    stack.extend(s.modules.iter().map(|(_, root)| *root));
    stack.extend(s.metaflow_modules.iter().map(|(_, root)| *root));
    let mut seen = BTreeSet::new();
    let mut out = BTreeMap::new();
    while let Some(n) = stack.pop() {
        let n = graph.deref(n);
        if !seen.insert(n) {
            continue;
        }
        let node = graph.node(n);
        let found = node.pattern.iter().map(|p| (p, "pattern")).chain(
            node.pattern_properties
                .iter()
                .map(|(p, _)| (p, "patternProperties")),
        );
        for (source, keyword) in found {
            if out.contains_key(source) {
                continue;
            }
            if regress::Regex::new(source).is_err() {
                let mut at = graph.source(n);
                at.pointer = crate::pointer::push(&at.pointer, keyword);
                return Err(ErrorKind::InvalidKeyword {
                    at,
                    keyword: keyword.to_string(),
                    expected: "an ECMA-262 regular expression",
                }
                .into());
            }
            let translated = crate::emit::validators::ecma::to_rust_regex(source);
            out.insert(source.clone(), translated);
        }
        stack.extend(applied(graph, n));
    }
    Ok(out)
}
