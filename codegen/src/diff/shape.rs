//! What one schema node says about one instance, folded into a comparable
//! [`Shape`]: the JSON types it accepts (with the values each is limited
//! to by `enum`), its constraints, which members it requires, and the
//! schema nodes that describe each of its members and items.
//!
//! `$ref`s are followed (draft 4 ignores a `$ref`'s siblings for
//! validation, so only their `description` and `default` are kept, as the
//! docs do); `oneOf`/`anyOf` branches are united and `allOf` members
//! intersected, so `"type": ["boolean", "string"]` and
//! `"oneOf": [{"type": "boolean"}, {"type": "string"}]` fold to the same
//! shape and are not reported as a change.

use crate::ir::schema::{Additional, Items, JsonType, NodeId, SchemaGraph, SchemaNode};
use serde_json::{Number, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Segment of an instance path that stands for any array item or any
/// member matched by `patternProperties`/`additionalProperties`.
pub const ANY: &str = "*";

/// The values allowed for one JSON type: `None` for any value of the type,
/// otherwise the `enum` values of that type, keyed by their JSON text.
pub type Values = Option<BTreeMap<String, Value>>;

/// The JSON types an instance may have, each with its allowed values.
///
/// Normalised so equal meanings compare equal: `integer` is dropped when
/// unrestricted `number` is present, and a `boolean` limited to both
/// booleans (or `null` to `null`) counts as unrestricted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeSet(pub BTreeMap<JsonType, Values>);

impl TypeSet {
    /// Every type, unrestricted (an absent `type`).
    pub fn any() -> TypeSet {
        TypeSet(JsonType::ALL.into_iter().map(|t| (t, None)).collect()).normalised()
    }

    fn normalised(mut self) -> TypeSet {
        let m = &mut self.0;
        if let Some(Some(v)) = m.get(&JsonType::Boolean)
            && v.len() == 2
        {
            m.insert(JsonType::Boolean, None);
        }
        if let Some(Some(_)) = m.get(&JsonType::Null) {
            m.insert(JsonType::Null, None);
        }
        if matches!(m.get(&JsonType::Number), Some(None)) {
            m.remove(&JsonType::Integer);
        }
        self
    }

    /// Whether the set allows every type without restriction.
    pub fn is_any(&self) -> bool {
        *self == TypeSet::any()
    }

    /// Whether every type of `self` is a type of `other` (`integer` counts
    /// as a `number`); values are not compared.
    pub fn types_within(&self, other: &TypeSet) -> bool {
        self.0.keys().all(|t| {
            other.0.contains_key(t)
                || (*t == JsonType::Integer && other.0.contains_key(&JsonType::Number))
        })
    }

    /// Whether both sets name the same types.
    pub fn same_types(&self, other: &TypeSet) -> bool {
        self.0.keys().eq(other.0.keys())
    }

    /// `"boolean | string"`, or `"any"`.
    pub fn type_names(&self) -> String {
        if self.is_any() {
            return String::from("any");
        }
        if self.0.is_empty() {
            return String::from("nothing");
        }
        let names: Vec<&str> = self.0.keys().map(|t| t.as_str()).collect();
        names.join(" | ")
    }

    fn union(mut self, other: TypeSet) -> TypeSet {
        for (t, values) in other.0 {
            let merged = match (self.0.remove(&t), values) {
                (None, v) => v,
                (Some(None), _) | (Some(_), None) => None,
                (Some(Some(mut a)), Some(b)) => {
                    a.extend(b);
                    Some(a)
                }
            };
            self.0.insert(t, merged);
        }
        self.normalised()
    }

    fn intersection(self, other: &TypeSet) -> TypeSet {
        let keys: BTreeSet<JsonType> = self.0.keys().chain(other.0.keys()).copied().collect();
        let mut out = BTreeMap::new();
        for t in keys {
            let (Some(a), Some(b)) = (self.lookup(t), other.lookup(t)) else {
                continue;
            };
            let merged = match (a, b) {
                (None, v) | (v, None) => v.clone(),
                (Some(a), Some(b)) => Some(
                    a.iter()
                        .filter(|(k, _)| b.contains_key(*k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                ),
            };
            out.insert(t, merged);
        }
        TypeSet(out).normalised()
    }

    /// The values allowed for `t`; an `integer` is allowed by `number`.
    fn lookup(&self, t: JsonType) -> Option<&Values> {
        self.0.get(&t).or_else(|| {
            (t == JsonType::Integer)
                .then(|| self.0.get(&JsonType::Number))
                .flatten()
        })
    }
}

/// What a node (with its `$ref`s and combinators) says about an instance.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// Accepted types and values.
    pub types: TypeSet,
    /// Constraint keywords and their values (see [`constraints`]).
    pub constraints: BTreeMap<&'static str, Value>,
    /// Members the instance must have.
    pub required: BTreeSet<String>,
    /// Path segment (property name, [`ANY`], or a tuple position) → the
    /// nodes that describe it.
    pub children: BTreeMap<String, Vec<NodeId>>,
    /// `default`: the node's own, else its `$ref` target's.
    pub default: Option<Value>,
    /// `description`: the node's own, else its `$ref` target's.
    pub description: Option<String>,
    /// Kazoo's `support_level`: the node's own, else its `$ref` target's.
    pub support_level: Option<String>,
    /// The schema ids the node refers to: its own `$ref` (the first along
    /// the chain), else those of its `oneOf`/`anyOf` branches, e.g.
    /// `callflows.tts`.
    pub references: Vec<String>,
}

/// Folds `node` into a [`Shape`]. `active` holds the nodes being folded
/// further up (a `$ref` cycle stops there, as an unconstrained shape).
pub fn fold(graph: &SchemaGraph, node: NodeId, active: &mut Vec<NodeId>) -> Shape {
    let notes = annotations(graph, node);
    let target = graph.deref(node);
    if active.contains(&target) {
        return Shape {
            types: TypeSet::any(),
            description: notes.description,
            default: notes.default,
            support_level: notes.support_level,
            references: notes.reference.into_iter().collect(),
            ..Shape::default()
        };
    }
    active.push(target);
    let n = graph.node(target);
    let mut shape = Shape {
        types: own_types(n),
        constraints: constraints(n),
        required: n.required.iter().cloned().collect(),
        children: children(n),
        default: notes.default,
        description: notes.description,
        support_level: notes.support_level,
        references: notes.reference.into_iter().collect(),
    };
    for &member in &n.all_of {
        let m = fold(graph, member, active);
        shape.types = shape.types.intersection(&m.types);
        shape.required.extend(m.required);
        merge_constraints(&mut shape.constraints, m.constraints);
        merge_children(&mut shape.children, m.children);
    }
    let branches = if n.one_of.is_empty() {
        &n.any_of
    } else {
        &n.one_of
    };
    if !branches.is_empty() {
        let folded: Vec<Shape> = branches.iter().map(|&b| fold(graph, b, active)).collect();
        let mut types: Option<TypeSet> = None;
        let mut required: Option<BTreeSet<String>> = None;
        for b in folded {
            types = Some(match types {
                None => b.types,
                Some(t) => t.union(b.types),
            });
            required = Some(match required {
                None => b.required,
                Some(r) => r.intersection(&b.required).cloned().collect(),
            });
            merge_constraints(&mut shape.constraints, b.constraints);
            merge_children(&mut shape.children, b.children);
            if n.reference.is_none() {
                for r in b.references {
                    if !shape.references.contains(&r) {
                        shape.references.push(r);
                    }
                }
            }
        }
        if let Some(t) = types {
            shape.types = shape.types.intersection(&t);
        }
        shape.required.extend(required.unwrap_or_default());
    }
    active.pop();
    shape
}

/// Folds several nodes that describe the same instance (e.g. two
/// `patternProperties`) into one shape: their union.
pub fn fold_all(graph: &SchemaGraph, nodes: &[NodeId], active: &mut Vec<NodeId>) -> Shape {
    let mut shapes = nodes.iter().map(|&n| fold(graph, n, active));
    let Some(mut shape) = shapes.next() else {
        return Shape {
            types: TypeSet::any(),
            ..Shape::default()
        };
    };
    for s in shapes {
        shape.types = shape.types.union(s.types);
        shape.required = shape.required.intersection(&s.required).cloned().collect();
        merge_constraints(&mut shape.constraints, s.constraints);
        merge_children(&mut shape.children, s.children);
        shape.default = shape.default.or(s.default);
        shape.description = shape.description.or(s.description);
        shape.support_level = shape.support_level.or(s.support_level);
        for r in s.references {
            if !shape.references.contains(&r) {
                shape.references.push(r);
            }
        }
    }
    shape
}

/// The annotations of a node, each from the first node along its `$ref`
/// chain that has it.
#[derive(Default)]
struct Annotations {
    description: Option<String>,
    default: Option<Value>,
    support_level: Option<String>,
    reference: Option<String>,
}

fn annotations(graph: &SchemaGraph, node: NodeId) -> Annotations {
    let mut a = Annotations::default();
    let mut id = node;
    let mut seen = Vec::new();
    loop {
        let n = graph.node(id);
        a.description = a.description.or_else(|| n.description.clone());
        a.default = a.default.or_else(|| n.default.clone());
        a.support_level = a.support_level.or_else(|| n.support_level.clone());
        match &n.reference {
            Some(r) if !seen.contains(&r.target) => {
                if a.reference.is_none() {
                    a.reference = graph
                        .node(r.target)
                        .location
                        .as_ref()
                        .map(|l| graph.file(l.file).id.clone());
                }
                seen.push(id);
                id = r.target;
            }
            _ => return a,
        }
    }
}

/// The types of `type` (all when absent), each narrowed to its `enum`
/// values; `enum` values no declared type admits are dropped (nothing can
/// match them).
fn own_types(n: &SchemaNode) -> TypeSet {
    let declared = match &n.types {
        Some(ts) => TypeSet(ts.iter().map(|&t| (t, None)).collect()),
        None => TypeSet(JsonType::ALL.into_iter().map(|t| (t, None)).collect()),
    };
    let Some(values) = &n.enumeration else {
        return declared.normalised();
    };
    let mut by_type: BTreeMap<JsonType, BTreeMap<String, Value>> = BTreeMap::new();
    for v in values {
        let mut t = crate::lower::json_type_of(v);
        if t == JsonType::Integer && !declared.0.contains_key(&t) {
            t = JsonType::Number;
        }
        if declared.0.contains_key(&t) {
            by_type
                .entry(t)
                .or_default()
                .insert(v.to_string(), v.clone());
        }
    }
    TypeSet(by_type.into_iter().map(|(t, v)| (t, Some(v))).collect()).normalised()
}

/// Constraint keywords present on `n`, by their keyword name. A schema
/// for `additionalProperties` shows as `"schema"` (its content is compared
/// at the `*` path), `items` as `"schema"` or the tuple length.
pub fn constraints(n: &SchemaNode) -> BTreeMap<&'static str, Value> {
    let mut c = BTreeMap::new();
    let mut num = |k: &'static str, v: &Option<Number>| {
        if let Some(v) = v {
            c.insert(k, Value::Number(v.clone()));
        }
    };
    num("minimum", &n.minimum);
    num("maximum", &n.maximum);
    num("multipleOf", &n.multiple_of);
    let counts = [
        ("minLength", n.min_length),
        ("maxLength", n.max_length),
        ("minItems", n.min_items),
        ("maxItems", n.max_items),
        ("minProperties", n.min_properties),
        ("maxProperties", n.max_properties),
    ];
    for (k, v) in counts {
        if let Some(v) = v {
            c.insert(k, Value::from(v));
        }
    }
    let flags = [
        ("exclusiveMinimum", n.exclusive_minimum),
        ("exclusiveMaximum", n.exclusive_maximum),
        ("uniqueItems", n.unique_items),
    ];
    for (k, on) in flags {
        if on {
            c.insert(k, Value::Bool(true));
        }
    }
    if let Some(p) = &n.pattern {
        c.insert("pattern", Value::String(p.clone()));
    }
    if let Some(f) = &n.format {
        c.insert("format", Value::String(f.clone()));
    }
    match &n.additional_properties {
        Some(Additional::Forbidden) => {
            c.insert("additionalProperties", Value::Bool(false));
        }
        Some(Additional::Schema(_)) => {
            c.insert("additionalProperties", Value::from("schema"));
        }
        None => {}
    }
    match &n.items {
        Some(Items::All(_)) => {
            c.insert("items", Value::from("schema"));
        }
        Some(Items::Tuple(list)) => {
            c.insert("items", Value::from(list.len()));
        }
        None => {}
    }
    c
}

fn children(n: &SchemaNode) -> BTreeMap<String, Vec<NodeId>> {
    let mut out: BTreeMap<String, Vec<NodeId>> = BTreeMap::new();
    for (name, id) in &n.properties {
        out.entry(name.clone()).or_default().push(*id);
    }
    for (_, id) in &n.pattern_properties {
        out.entry(ANY.to_string()).or_default().push(*id);
    }
    if let Some(Additional::Schema(id)) = &n.additional_properties {
        out.entry(ANY.to_string()).or_default().push(*id);
    }
    match &n.items {
        Some(Items::All(id)) => out.entry(ANY.to_string()).or_default().push(*id),
        Some(Items::Tuple(list)) => {
            for (i, id) in list.iter().enumerate() {
                out.entry(i.to_string()).or_default().push(*id);
            }
        }
        None => {}
    }
    if let Some(Additional::Schema(id)) = &n.additional_items {
        out.entry(ANY.to_string()).or_default().push(*id);
    }
    out
}

/// Adds `more` to `into`; a keyword both have with different values keeps
/// every distinct value, as a sorted array.
fn merge_constraints(
    into: &mut BTreeMap<&'static str, Value>,
    more: BTreeMap<&'static str, Value>,
) {
    for (k, v) in more {
        match into.remove(k) {
            None => {
                into.insert(k, v);
            }
            Some(old) if old == v => {
                into.insert(k, old);
            }
            Some(old) => {
                let mut all: BTreeMap<String, Value> = BTreeMap::new();
                for x in [old, v] {
                    match x {
                        Value::Array(items) => {
                            all.extend(items.into_iter().map(|i| (i.to_string(), i)))
                        }
                        x => {
                            all.insert(x.to_string(), x);
                        }
                    }
                }
                into.insert(k, Value::Array(all.into_values().collect()));
            }
        }
    }
}

fn merge_children(into: &mut BTreeMap<String, Vec<NodeId>>, more: BTreeMap<String, Vec<NodeId>>) {
    for (k, v) in more {
        let list = into.entry(k).or_default();
        for id in v {
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(pairs: &[(JsonType, Option<Vec<Value>>)]) -> TypeSet {
        TypeSet(
            pairs
                .iter()
                .map(|(t, v)| {
                    (
                        *t,
                        v.as_ref()
                            .map(|vs| vs.iter().map(|x| (x.to_string(), x.clone())).collect()),
                    )
                })
                .collect(),
        )
        .normalised()
    }

    #[test]
    fn both_booleans_are_any_boolean() {
        let a = set(&[(JsonType::Boolean, Some(vec![json!(true), json!(false)]))]);
        assert_eq!(a, set(&[(JsonType::Boolean, None)]));
    }

    #[test]
    fn integer_is_within_number() {
        let int = set(&[(JsonType::Integer, None)]);
        let num = set(&[(JsonType::Number, None)]);
        assert!(int.types_within(&num));
        assert!(!num.types_within(&int));
        assert_eq!(int.clone().union(num.clone()), num);
    }

    #[test]
    fn any_intersected_with_a_union_is_the_union() {
        let union = set(&[(JsonType::Integer, None), (JsonType::String, None)]);
        assert_eq!(TypeSet::any().intersection(&union), union);
        assert_eq!(union.clone().intersection(&TypeSet::any()), union);
    }

    #[test]
    fn any_is_named_any() {
        assert_eq!(TypeSet::any().type_names(), "any");
        assert!(TypeSet::any().is_any());
    }
}
