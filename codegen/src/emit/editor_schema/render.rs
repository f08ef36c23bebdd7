//! One [`SchemaNode`] of the IR as a draft-07 JSON Schema object, with its
//! `$ref`s pointing into the bundle's own `definitions`.
//!
//! The IR holds what Kazoo's draft-03/04 schemas say; draft-07 spells a few
//! keywords differently, and editors treat a few others in ways Kazoo's
//! validators do not:
//!
//! - boolean `exclusiveMinimum`/`exclusiveMaximum` become the bound itself;
//! - under drafts 4 and 7 alike a `$ref` ignores its siblings, so a
//!   reference keeps only annotations (`title`, `description`, `default`),
//!   which editors still show on hover;
//! - `format` is dropped: Kazoo's validators (and ours by default) treat it
//!   as an annotation, while editors assert some formats (VS Code: `email`,
//!   `uri`, `date-time`, `color-hex`…) and would flag values Kazoo accepts;
//! - Kazoo's own keywords (`support_level`, `kazoo-validation`) are not
//!   JSON Schema; the module rule they stand for is added by the caller
//!   ([`super::module_rule`]).
//!
//! Everything else (types, enums, defaults, bounds, lengths, ECMA-262
//! patterns, items, properties, dependencies, combinators) is kept as is.

use crate::ir::schema::{Additional, Dependency, Items, NodeId, SchemaGraph, SchemaNode};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, VecDeque};

/// Renders nodes and collects the `$ref` targets they need as definitions.
pub(crate) struct Renderer<'a> {
    graph: &'a SchemaGraph,
    /// Definition name of every node a `$ref` was written for.
    names: BTreeMap<NodeId, String>,
    /// Nodes named but not rendered yet.
    queue: VecDeque<NodeId>,
    /// Nodes always written as a `$ref` to their definition, never inline.
    referenced: Vec<NodeId>,
}

impl<'a> Renderer<'a> {
    /// A renderer that writes each of `referenced` as a `$ref` wherever it
    /// occurs, so its one definition is the place to add to it.
    pub(crate) fn new(graph: &'a SchemaGraph, referenced: &[NodeId]) -> Self {
        Renderer {
            graph,
            names: BTreeMap::new(),
            queue: VecDeque::new(),
            referenced: referenced.to_vec(),
        }
    }

    /// `{"$ref": "#/definitions/<name>"}` for `target`, which will be
    /// rendered into `definitions` by [`Renderer::take_pending`].
    pub(crate) fn reference(&mut self, target: NodeId) -> Value {
        json!({ "$ref": self.ref_uri(target) })
    }

    /// The `$ref` URI of `target`'s definition.
    pub(crate) fn ref_uri(&mut self, target: NodeId) -> String {
        let name = match self.names.get(&target) {
            Some(name) => name.clone(),
            None => {
                let name = definition_name(self.graph, target);
                self.names.insert(target, name.clone());
                self.queue.push_back(target);
                name
            }
        };
        format!("#/definitions/{}", uri_fragment_token(&name))
    }

    /// The next node that was referenced and is not rendered yet, with its
    /// definition name.
    pub(crate) fn take_pending(&mut self) -> Option<(NodeId, String)> {
        let id = self.queue.pop_front()?;
        Some((id, self.names[&id].clone()))
    }

    /// The node `id` as a JSON Schema object.
    pub(crate) fn render(&mut self, id: NodeId) -> Map<String, Value> {
        let n = self.graph.node(id);
        let mut m = Map::new();
        annotations(n, &mut m);
        if let Some(r) = &n.reference {
            m.insert(String::from("$ref"), Value::String(self.ref_uri(r.target)));
            return m;
        }
        if let Some(ts) = &n.types_declared {
            let names: Vec<Value> = ts.iter().map(|t| Value::from(t.as_str())).collect();
            m.insert(
                String::from("type"),
                match names.as_slice() {
                    [one] => one.clone(),
                    _ => Value::Array(names),
                },
            );
        }
        if let Some(e) = &n.enumeration {
            m.insert(String::from("enum"), Value::Array(e.clone()));
        }
        bound(
            &mut m,
            "minimum",
            "exclusiveMinimum",
            n.minimum.as_ref(),
            n.exclusive_minimum,
        );
        bound(
            &mut m,
            "maximum",
            "exclusiveMaximum",
            n.maximum.as_ref(),
            n.exclusive_maximum,
        );
        insert_opt(
            &mut m,
            "multipleOf",
            n.multiple_of.clone().map(Value::Number),
        );
        insert_opt(&mut m, "minLength", n.min_length.map(Value::from));
        insert_opt(&mut m, "maxLength", n.max_length.map(Value::from));
        insert_opt(&mut m, "pattern", n.pattern.clone().map(Value::String));
        match &n.items {
            Some(Items::All(i)) => {
                let v = self.child(*i);
                m.insert(String::from("items"), v);
            }
            Some(Items::Tuple(list)) => {
                let v = list.iter().map(|i| self.child(*i)).collect();
                m.insert(String::from("items"), Value::Array(v));
            }
            None => {}
        }
        if let Some(a) = &n.additional_items {
            let v = self.additional(a);
            m.insert(String::from("additionalItems"), v);
        }
        insert_opt(&mut m, "minItems", n.min_items.map(Value::from));
        insert_opt(&mut m, "maxItems", n.max_items.map(Value::from));
        if n.unique_items {
            m.insert(String::from("uniqueItems"), Value::Bool(true));
        }
        if !n.properties.is_empty() {
            let v = self.schema_map(&n.properties);
            m.insert(String::from("properties"), v);
        }
        if !n.pattern_properties.is_empty() {
            let v = self.schema_map(&n.pattern_properties);
            m.insert(String::from("patternProperties"), v);
        }
        if let Some(a) = &n.additional_properties {
            let v = self.additional(a);
            m.insert(String::from("additionalProperties"), v);
        }
        if !n.required.is_empty() {
            let names = n.required.iter().cloned().map(Value::String).collect();
            m.insert(String::from("required"), Value::Array(names));
        }
        insert_opt(&mut m, "minProperties", n.min_properties.map(Value::from));
        insert_opt(&mut m, "maxProperties", n.max_properties.map(Value::from));
        if !n.dependencies.is_empty() {
            let mut deps = Map::new();
            for (name, d) in &n.dependencies {
                let v = match d {
                    Dependency::Properties(names) => {
                        Value::Array(names.iter().cloned().map(Value::String).collect())
                    }
                    Dependency::Schema(s) => self.child(*s),
                };
                deps.insert(name.clone(), v);
            }
            m.insert(String::from("dependencies"), Value::Object(deps));
        }
        for (key, list) in [
            ("allOf", &n.all_of),
            ("anyOf", &n.any_of),
            ("oneOf", &n.one_of),
        ] {
            if !list.is_empty() {
                let v = list.iter().map(|s| self.child(*s)).collect();
                m.insert(String::from(key), Value::Array(v));
            }
        }
        if let Some(not) = n.not {
            let v = self.child(not);
            m.insert(String::from("not"), v);
        }
        m
    }

    fn child(&mut self, id: NodeId) -> Value {
        if self.referenced.contains(&id) {
            return self.reference(id);
        }
        Value::Object(self.render(id))
    }

    fn schema_map(&mut self, entries: &[(String, NodeId)]) -> Value {
        let mut out = Map::new();
        for (name, id) in entries {
            let v = self.child(*id);
            out.insert(name.clone(), v);
        }
        Value::Object(out)
    }

    fn additional(&mut self, a: &Additional) -> Value {
        match a {
            Additional::Forbidden => Value::Bool(false),
            Additional::Schema(s) => self.child(*s),
        }
    }
}

/// `title`, `description` and `default`: what editors show on hover and
/// offer in completion.
fn annotations(n: &SchemaNode, m: &mut Map<String, Value>) {
    insert_opt(m, "title", n.title.clone().map(Value::String));
    insert_opt(m, "description", n.description.clone().map(Value::String));
    insert_opt(m, "default", n.default.clone());
}

/// A draft-04 bound with its boolean `exclusive*` flag, as draft-07 spells
/// it.
fn bound(
    m: &mut Map<String, Value>,
    inclusive: &str,
    exclusive: &str,
    limit: Option<&serde_json::Number>,
    is_exclusive: bool,
) {
    if let Some(limit) = limit {
        let key = if is_exclusive { exclusive } else { inclusive };
        m.insert(key.to_string(), Value::Number(limit.clone()));
    }
}

fn insert_opt(m: &mut Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        m.insert(key.to_string(), v);
    }
}

/// A file root is named by its schema id (`callflows.ring_group`), any
/// other node by the id and its pointer (`metaflows/definitions/x`).
fn definition_name(graph: &SchemaGraph, id: NodeId) -> String {
    match graph.node(id).location.as_ref() {
        Some(loc) => format!("{}{}", graph.file(loc.file).id, loc.pointer),
        None => format!("node-{}", id.0),
    }
}

/// `name` as one JSON-pointer token inside a URI fragment: `~` and `/`
/// escaped as RFC 6901 says, then every byte outside the URI fragment
/// character set percent-encoded.
fn uri_fragment_token(name: &str) -> String {
    let token = crate::pointer::escape(name);
    let mut out = String::with_capacity(token.len());
    for b in token.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri_fragment_token;

    #[test]
    fn definition_names_become_uri_safe_pointer_tokens() {
        assert_eq!(
            uri_fragment_token("callflows.ring_group"),
            "callflows.ring_group"
        );
        assert_eq!(
            uri_fragment_token("a/definitions/b~c"),
            "a~1definitions~1b~0c"
        );
        assert_eq!(uri_fragment_token("x y#é"), "x%20y%23%C3%A9");
    }
}
