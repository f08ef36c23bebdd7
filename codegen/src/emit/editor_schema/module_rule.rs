//! Kazoo's module rule in JSON Schema terms, added to each callflow node
//! schema of the bundle: `module` must name a module (an `enum`, described
//! per value with VS Code's `enumDescriptions`), the node's `data` must fit
//! that module's schema (one `if`/`then` per module), children are nodes
//! where the node schema does not say so itself (Kazoo 4.0), and one
//! `defaultSnippets` entry per module inserts its minimal valid node.
//!
//! This mirrors the generated validators ([`crate::emit::validators`]):
//! the rule holds where they apply it (the configured flow nodes, after
//! `$ref`s), only on object nodes whose `module` is a string, and a node
//! without `data` is only checked for a known module.

use super::render::Renderer;
use crate::emit::docs::examples;
use crate::emit::validators::flow::children_recurse;
use crate::error::Result;
use crate::ir::schema::{JsonType, NodeId, SchemaGraph};
use crate::ir::types::TypeSpace;
use serde_json::{Map, Value, json};

/// One module: its name, schema, description and example node.
struct Module {
    name: String,
    root: NodeId,
    description: String,
    /// The example node as pretty JSON, `module` first.
    example: String,
}

/// The rule, ready to add to node schemas.
pub(crate) struct ModuleRule<'a> {
    graph: &'a SchemaGraph,
    /// The configured flow nodes, after `$ref`s; the first is the node
    /// schema.
    flow_nodes: Vec<NodeId>,
    modules: Vec<Module>,
}

impl<'a> ModuleRule<'a> {
    pub(crate) fn new(graph: &'a SchemaGraph, space: &TypeSpace) -> Result<Self> {
        let examples = examples::examples(graph, space)?;
        let modules = space
            .modules
            .iter()
            .zip(examples)
            .map(|(m, e)| {
                let root = graph.file(m.file).root;
                let own = graph.node(root);
                let target = graph.node(graph.deref(root));
                let description = own
                    .description
                    .clone()
                    .or_else(|| target.description.clone())
                    .or_else(|| own.title.clone())
                    .unwrap_or_default();
                Module {
                    name: m.name.clone(),
                    root,
                    description,
                    example: e.json_text.trim_end().to_string(),
                }
            })
            .collect();
        Ok(ModuleRule {
            graph,
            flow_nodes: crate::validation::flow_node_targets(graph, space),
            modules,
        })
    }

    /// The callflow node schema (`callflows.action`), after `$ref`s.
    pub(crate) fn node_schema(&self) -> Option<NodeId> {
        self.flow_nodes.first().copied()
    }

    /// The nodes the rule applies to: the renderer must reference them
    /// (never inline them) so that each carries the rule.
    pub(crate) fn flow_nodes(&self) -> &[NodeId] {
        &self.flow_nodes
    }

    /// Whether `id` is a callflow node schema.
    pub(crate) fn applies_to(&self, id: NodeId) -> bool {
        self.flow_nodes.contains(&id)
    }

    /// Adds the rule to `schema`, the rendering of flow node `id`.
    pub(crate) fn add_to(&self, id: NodeId, schema: &mut Map<String, Value>, r: &mut Renderer<'_>) {
        let mut all_of = Vec::new();
        self.add_module_enum(id, schema, &mut all_of);
        for m in &self.modules {
            all_of.push(json!({
                "if": {
                    "properties": {"module": {"const": m.name}},
                    "required": ["module"],
                },
                "then": {"properties": {"data": r.reference(m.root)}},
            }));
        }
        if !children_recurse(self.graph, id) {
            all_of.push(json!({
                "properties": {
                    "children": {"additionalProperties": r.reference(id)},
                },
            }));
        }
        match schema.get_mut("allOf") {
            Some(Value::Array(existing)) => existing.extend(all_of),
            _ => {
                schema.insert(String::from("allOf"), Value::Array(all_of));
            }
        }
        let snippets = self
            .modules
            .iter()
            .map(|m| {
                json!({
                    "label": m.name,
                    "description": m.description,
                    "bodyText": snippet_text(&m.example),
                })
            })
            .collect();
        schema.insert(String::from("defaultSnippets"), Value::Array(snippets));
    }

    /// `enum` of every module on `module`: in the node's own `module`
    /// property when that is a plain string schema (so editors complete
    /// and hover it as one), otherwise as a separate `allOf` member that
    /// constrains strings only (the validators ignore a module that is not
    /// a string).
    fn add_module_enum(
        &self,
        id: NodeId,
        schema: &mut Map<String, Value>,
        all_of: &mut Vec<Value>,
    ) {
        let names: Vec<Value> = self
            .modules
            .iter()
            .map(|m| Value::from(m.name.as_str()))
            .collect();
        let descriptions: Vec<Value> = self
            .modules
            .iter()
            .map(|m| Value::from(m.description.as_str()))
            .collect();
        let g = self.graph;
        let string_only = g
            .node(id)
            .property("module")
            .map(|p| g.node(g.deref(p)))
            .is_some_and(|p| {
                p.types.as_deref() == Some(&[JsonType::String]) && p.enumeration.is_none()
            });
        let own = schema
            .get_mut("properties")
            .and_then(|p| p.get_mut("module"))
            .and_then(Value::as_object_mut)
            .filter(|m| !m.contains_key("$ref"));
        match own {
            Some(module) if string_only => {
                module.insert(String::from("enum"), Value::Array(names));
                module.insert(String::from("enumDescriptions"), Value::Array(descriptions));
            }
            _ => all_of.push(json!({
                "properties": {
                    "module": {
                        "if": {"type": "string"},
                        "then": {"enum": names, "enumDescriptions": descriptions},
                    },
                },
            })),
        }
    }
}

/// `text` as a VS Code snippet (`defaultSnippets[].bodyText`), where `$`,
/// `}` and `\` are syntax: each is escaped with a backslash, so the
/// snippet inserts exactly `text`. (`bodyText` rather than a `body` value
/// keeps the example's member order: `module`, `data`, `children`.)
fn snippet_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet_text;

    #[test]
    fn snippet_syntax_characters_are_escaped() {
        assert_eq!(
            snippet_text("{\"a\": \"$1 \\\\d\"}"),
            "{\"a\": \"\\$1 \\\\\\\\d\"\\}"
        );
    }
}
