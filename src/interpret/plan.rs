//! The schemas turned into what the walk reads: one [`NodePlan`] per
//! schema node the entry points reach (after `$ref`s), with every keyword
//! parsed into its check, every schema location written out, patterns
//! compiled and subschemas resolved to plan indexes. Built once, when the
//! directory is loaded; mirrors what the validator emitter decides at
//! generation time (`codegen/src/emit/validators/`).

use crate::private::keywords::{Limit, Pattern};
use kazoo_callflows_codegen::ir::schema::{
    Additional, Dependency, Items, JsonType, NodeId, SchemaGraph,
};
use kazoo_callflows_codegen::{Error, ErrorKind, ValidationSchemas};
use serde_json::Value;
use std::collections::BTreeMap;

/// Index of a [`NodePlan`] in [`Plan::nodes`].
pub(crate) type Ix = usize;

/// A keyword's value and where the keyword is (`schema-id#pointer`).
#[derive(Debug)]
pub(crate) struct Kw<T> {
    pub(crate) value: T,
    pub(crate) path: String,
}

/// `enum`: all strings (reported with the strings' did-you-mean), or any
/// values (compared by JSON equality).
#[derive(Debug)]
pub(crate) enum EnumPlan {
    Strings(Vec<String>),
    Values(Vec<Value>),
}

/// A check on a string.
#[derive(Debug)]
pub(crate) enum StringCheck {
    MinLength(Kw<u64>),
    MaxLength(Kw<u64>),
    /// Index into [`Plan::patterns`].
    Pattern(Kw<usize>),
    Format(Kw<String>),
    /// Kazoo's client-URL rule; the value is unused.
    ClientUrl(Kw<()>),
}

/// A check on a number.
#[derive(Debug)]
pub(crate) enum NumberCheck {
    Minimum(Kw<(Limit, bool)>),
    Maximum(Kw<(Limit, bool)>),
    MultipleOf(Kw<Limit>),
}

/// `items` (and `additionalItems` after a tuple).
#[derive(Debug)]
pub(crate) enum ItemsPlan {
    None,
    All(Ix),
    Tuple(Vec<Ix>, Option<AdditionalItems>),
}

/// `additionalItems` after a tuple of items.
#[derive(Debug)]
pub(crate) enum AdditionalItems {
    /// `false`: at most the tuple's length.
    Forbidden(Kw<usize>),
    Schema(Ix),
}

/// The array keywords of a node.
#[derive(Debug)]
pub(crate) struct ArrayPlan {
    pub(crate) min_items: Option<Kw<u64>>,
    pub(crate) max_items: Option<Kw<u64>>,
    pub(crate) unique: Option<String>,
    pub(crate) items: ItemsPlan,
}

/// `additionalProperties`.
#[derive(Debug)]
pub(crate) enum AdditionalProperties {
    /// `false`; the value is the declared names, for the did-you-mean.
    Forbidden(Kw<Vec<String>>),
    Schema(Ix),
}

/// Kazoo's rule on a callflow-node schema.
#[derive(Debug)]
pub(crate) struct KazooRule {
    /// When the schema's `children` do not recurse into nodes by themselves
    /// (Kazoo 4.0), the node itself, applied to each child.
    pub(crate) children: Option<Ix>,
}

/// The object keywords of a node.
#[derive(Debug)]
pub(crate) struct ObjectPlan {
    pub(crate) min_properties: Option<Kw<u64>>,
    pub(crate) max_properties: Option<Kw<u64>>,
    /// `properties`, in name order (binary-searched).
    pub(crate) properties: Vec<(String, Ix)>,
    /// `patternProperties`: pattern index and schema.
    pub(crate) pattern_properties: Vec<(usize, Ix)>,
    pub(crate) additional: Option<AdditionalProperties>,
    /// Whether the members need walking at all.
    pub(crate) walk: bool,
    pub(crate) required: Kw<Vec<String>>,
    /// Property dependencies: name, the names it needs, and the location.
    pub(crate) dependencies: Vec<Kw<(String, Vec<String>)>>,
    pub(crate) kazoo: Option<KazooRule>,
    /// Kazoo's rule on the metaflow node schema: `module` names a metaflow
    /// schema, `data` is checked against it.
    pub(crate) metaflow: bool,
}

/// Everything one schema node checks.
#[derive(Debug, Default)]
pub(crate) struct NodePlan {
    /// Constrains nothing (the emitter generates no function for it).
    pub(crate) trivial: bool,
    /// The node's location, when the depth limit is checked here.
    pub(crate) depth_check: Option<String>,
    pub(crate) types: Option<Kw<u8>>,
    pub(crate) enumeration: Option<Kw<EnumPlan>>,
    pub(crate) strings: Vec<StringCheck>,
    pub(crate) numbers: Vec<NumberCheck>,
    pub(crate) array: Option<Box<ArrayPlan>>,
    pub(crate) object: Option<Box<ObjectPlan>>,
    pub(crate) all_of: Vec<Ix>,
    pub(crate) any_of: Option<Kw<Vec<Ix>>>,
    pub(crate) one_of: Option<Kw<Vec<Ix>>>,
    pub(crate) not: Option<Kw<Ix>>,
    /// Schema dependencies: name, schema, location.
    pub(crate) schema_dependencies: Vec<Kw<(String, Ix)>>,
}

/// Every node plan, the patterns, and the entry points.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) nodes: Vec<NodePlan>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) document: Option<Ix>,
    pub(crate) flow_node: Option<Ix>,
    /// Modules in name order (binary-searched), each with its root's plan.
    pub(crate) modules: Vec<(String, Ix)>,
    pub(crate) module_schema_path: String,
    /// Metaflow modules in name order (binary-searched), each with its
    /// root's plan.
    pub(crate) metaflow_modules: Vec<(String, Ix)>,
    pub(crate) metaflow_schema_path: String,
}

/// The runtime's bit for a JSON type (as the emitter writes it).
fn type_bit(t: JsonType) -> u8 {
    use crate::private::keywords::types;
    match t {
        JsonType::Array => types::ARRAY,
        JsonType::Boolean => types::BOOLEAN,
        JsonType::Integer => types::INTEGER,
        JsonType::Null => types::NULL,
        JsonType::Number => types::NUMBER,
        JsonType::Object => types::OBJECT,
        JsonType::String => types::STRING,
    }
}

/// Builds plans on demand, one per node after `$ref`s.
struct Builder<'s> {
    schemas: &'s ValidationSchemas,
    index: BTreeMap<NodeId, Ix>,
    /// The node each plan is for.
    ids: Vec<NodeId>,
    nodes: Vec<NodePlan>,
    pattern_index: BTreeMap<String, usize>,
    patterns: Vec<Pattern>,
    queue: Vec<(Ix, NodeId)>,
}

impl Builder<'_> {
    fn graph(&self) -> &SchemaGraph {
        &self.schemas.graph
    }

    /// The plan index of `node` (after `$ref`s), queued for building.
    fn ix(&mut self, node: NodeId) -> Ix {
        let n = self.graph().deref(node);
        if let Some(i) = self.index.get(&n) {
            return *i;
        }
        let i = self.nodes.len();
        self.nodes.push(NodePlan::default());
        self.ids.push(n);
        self.index.insert(n, i);
        self.queue.push((i, n));
        i
    }

    /// The index of pattern `source` (of `keyword` at `n`), compiled on
    /// first use. [`ValidationSchemas`] checked every pattern, so the error
    /// (the one `generate` gives) is only a safety net.
    fn pattern(&mut self, n: NodeId, keyword: &str, source: &str) -> Result<usize, Error> {
        if let Some(i) = self.pattern_index.get(source) {
            return Ok(*i);
        }
        let translated = self.schemas.patterns.get(source).cloned().flatten();
        let compiled = Pattern::compile(source, translated.as_deref())
            .or_else(|| Pattern::compile(source, None))
            .ok_or_else(|| {
                let mut at = self.graph().source(n);
                at.pointer = format!("{}/{keyword}", at.pointer);
                ErrorKind::InvalidKeyword {
                    at,
                    keyword: keyword.to_string(),
                    expected: "an ECMA-262 regular expression",
                }
            })?;
        let i = self.patterns.len();
        self.patterns.push(compiled);
        self.pattern_index.insert(source.to_string(), i);
        Ok(i)
    }

    fn kw<T>(&self, n: NodeId, keyword: &str, value: T) -> Kw<T> {
        Kw {
            value,
            path: self.graph().keyword_path(n, &[keyword]),
        }
    }

    fn build(&mut self, n: NodeId) -> Result<NodePlan, Error> {
        let schemas = self.schemas;
        let graph = &schemas.graph;
        let node = graph.node(n);
        let mut plan = NodePlan {
            types: node.types.as_ref().map(|ts| {
                let mask = ts.iter().map(|t| type_bit(*t)).fold(0, |a, b| a | b);
                self.kw(n, "type", mask)
            }),
            ..NodePlan::default()
        };
        if let Some(values) = &node.enumeration {
            let strings: Option<Vec<String>> = values
                .iter()
                .map(|v| v.as_str().map(String::from))
                .collect();
            let e = match strings {
                Some(s) => EnumPlan::Strings(s),
                None => EnumPlan::Values(values.clone()),
            };
            plan.enumeration = Some(self.kw(n, "enum", e));
        }
        if let Some(min) = node.min_length {
            plan.strings
                .push(StringCheck::MinLength(self.kw(n, "minLength", min)));
        }
        if let Some(max) = node.max_length {
            plan.strings
                .push(StringCheck::MaxLength(self.kw(n, "maxLength", max)));
        }
        if let Some(p) = &node.pattern {
            let i = self.pattern(n, "pattern", p)?;
            plan.strings
                .push(StringCheck::Pattern(self.kw(n, "pattern", i)));
        }
        if let Some(f) = &node.format {
            plan.strings
                .push(StringCheck::Format(self.kw(n, "format", f.clone())));
        }
        if let Some(kazoo_callflows_codegen::KazooRule::ClientUrl) = self.schemas.kazoo_rule(n) {
            plan.strings
                .push(StringCheck::ClientUrl(self.kw(n, "kazoo-validation", ())));
        }
        if let Some(min) = &node.minimum {
            let v = (Limit::of(min), node.exclusive_minimum);
            plan.numbers
                .push(NumberCheck::Minimum(self.kw(n, "minimum", v)));
        }
        if let Some(max) = &node.maximum {
            let v = (Limit::of(max), node.exclusive_maximum);
            plan.numbers
                .push(NumberCheck::Maximum(self.kw(n, "maximum", v)));
        }
        if let Some(m) = &node.multiple_of {
            plan.numbers.push(NumberCheck::MultipleOf(self.kw(
                n,
                "multipleOf",
                Limit::of(m),
            )));
        }
        plan.array = self.array(n);
        plan.object = Some(Box::new(self.object(n)?));
        plan.all_of = node.all_of.iter().map(|b| self.ix(*b)).collect();
        if !node.any_of.is_empty() {
            let bs = node.any_of.iter().map(|b| self.ix(*b)).collect();
            plan.any_of = Some(self.kw(n, "anyOf", bs));
        }
        if !node.one_of.is_empty() {
            let bs = node.one_of.iter().map(|b| self.ix(*b)).collect();
            plan.one_of = Some(self.kw(n, "oneOf", bs));
        }
        if let Some(b) = node.not {
            let b = self.ix(b);
            plan.not = Some(self.kw(n, "not", b));
        }
        for (name, d) in &node.dependencies {
            if let Dependency::Schema(d) = d {
                let d = self.ix(*d);
                plan.schema_dependencies.push(Kw {
                    value: (name.clone(), d),
                    path: graph.keyword_path(n, &["dependencies", name]),
                });
            }
        }
        Ok(plan)
    }

    fn array(&mut self, n: NodeId) -> Option<Box<ArrayPlan>> {
        let schemas = self.schemas;
        let node = schemas.graph.node(n);
        let items = match &node.items {
            None => ItemsPlan::None,
            Some(Items::All(i)) => ItemsPlan::All(self.ix(*i)),
            Some(Items::Tuple(list)) => {
                let ixs: Vec<Ix> = list.iter().map(|i| self.ix(*i)).collect();
                let additional = match &node.additional_items {
                    None => None,
                    Some(Additional::Forbidden) => Some(AdditionalItems::Forbidden(self.kw(
                        n,
                        "additionalItems",
                        list.len(),
                    ))),
                    Some(Additional::Schema(a)) => Some(AdditionalItems::Schema(self.ix(*a))),
                };
                ItemsPlan::Tuple(ixs, additional)
            }
        };
        let plan = ArrayPlan {
            min_items: node.min_items.map(|m| self.kw(n, "minItems", m)),
            max_items: node.max_items.map(|m| self.kw(n, "maxItems", m)),
            unique: node
                .unique_items
                .then(|| schemas.graph.keyword_path(n, &["uniqueItems"])),
            items,
        };
        let empty = plan.min_items.is_none()
            && plan.max_items.is_none()
            && plan.unique.is_none()
            && matches!(plan.items, ItemsPlan::None);
        (!empty).then(|| Box::new(plan))
    }

    fn object(&mut self, n: NodeId) -> Result<ObjectPlan, Error> {
        let schemas = self.schemas;
        let graph = &schemas.graph;
        let node = graph.node(n);
        let properties = node
            .properties
            .iter()
            .map(|(name, p)| (name.clone(), self.ix(*p)))
            .collect();
        let mut pattern_properties = Vec::new();
        for (p, pp) in &node.pattern_properties {
            let i = self.pattern(n, "patternProperties", p)?;
            pattern_properties.push((i, self.ix(*pp)));
        }
        let additional = match &node.additional_properties {
            None => None,
            Some(Additional::Forbidden) => {
                let known = node.properties.iter().map(|(k, _)| k.clone()).collect();
                Some(AdditionalProperties::Forbidden(self.kw(
                    n,
                    "additionalProperties",
                    known,
                )))
            }
            Some(Additional::Schema(a)) => Some(AdditionalProperties::Schema(self.ix(*a))),
        };
        let dependencies = node
            .dependencies
            .iter()
            .filter_map(|(name, d)| match d {
                Dependency::Properties(needs) => Some(Kw {
                    value: (name.clone(), needs.clone()),
                    path: graph.keyword_path(n, &["dependencies", name]),
                }),
                Dependency::Schema(_) => None,
            })
            .collect();
        let kazoo = schemas.flow_nodes.contains(&n).then(|| KazooRule {
            children: (!children_recurse(graph, n)).then(|| self.ix(n)),
        });
        Ok(ObjectPlan {
            min_properties: node.min_properties.map(|m| self.kw(n, "minProperties", m)),
            max_properties: node.max_properties.map(|m| self.kw(n, "maxProperties", m)),
            walk: !node.properties.is_empty()
                || !node.pattern_properties.is_empty()
                || node.additional_properties.is_some(),
            properties,
            pattern_properties,
            additional,
            required: self.kw(n, "required", node.required.clone()),
            dependencies,
            kazoo,
            metaflow: schemas.metaflow_node == Some(n),
        })
    }
}

/// Whether the node schema's `children` recurse into nodes by themselves
/// (Kazoo 4.1 on); otherwise validation recurses (Kazoo 4.0).
fn children_recurse(g: &SchemaGraph, f: NodeId) -> bool {
    let Some(c) = g.node(f).property("children") else {
        return false;
    };
    let c = g.node(g.deref(c));
    c.pattern_properties.iter().any(|(_, p)| g.deref(*p) == f)
        || matches!(&c.additional_properties, Some(Additional::Schema(a)) if g.deref(*a) == f)
}

impl NodePlan {
    /// Whether the node checks anything itself (not counting subschemas).
    fn checks_itself(&self) -> bool {
        let object = self.object.as_ref().is_some_and(|o| {
            o.min_properties.is_some()
                || o.max_properties.is_some()
                || matches!(o.additional, Some(AdditionalProperties::Forbidden(_)))
                || !o.required.value.is_empty()
                || o.dependencies.iter().any(|d| !d.value.1.is_empty())
                || o.kazoo.is_some()
                || o.metaflow
        });
        let array = self.array.as_ref().is_some_and(|a| {
            a.min_items.is_some()
                || a.max_items.is_some()
                || a.unique.is_some()
                || matches!(
                    a.items,
                    ItemsPlan::Tuple(_, Some(AdditionalItems::Forbidden(_)))
                )
        });
        self.types.is_some()
            || self.enumeration.is_some()
            || !self.strings.is_empty()
            || !self.numbers.is_empty()
            || self.one_of.is_some()
            || self.not.is_some()
            || object
            || array
    }

    /// Whether the node checks anything through its subschemas, given
    /// which plans constrain something.
    fn checks_through(&self, live: &[bool]) -> bool {
        let any = |ixs: &[Ix]| ixs.iter().any(|i| live[*i]);
        let object = self.object.as_ref().is_some_and(|o| {
            o.properties.iter().any(|(_, i)| live[*i])
                || o.pattern_properties.iter().any(|(_, i)| live[*i])
                || matches!(o.additional, Some(AdditionalProperties::Schema(a)) if live[a])
        });
        let array = self.array.as_ref().is_some_and(|a| match &a.items {
            ItemsPlan::None => false,
            ItemsPlan::All(i) => live[*i],
            ItemsPlan::Tuple(list, extra) => {
                any(list) || matches!(extra, Some(AdditionalItems::Schema(x)) if live[*x])
            }
        });
        // `anyOf` checks something only when no branch is always true.
        let any_of = self
            .any_of
            .as_ref()
            .is_some_and(|k| k.value.iter().all(|i| live[*i]));
        object
            || array
            || any_of
            || any(&self.all_of)
            || self.schema_dependencies.iter().any(|d| live[d.value.1])
    }
}

/// Builds the plan of `schemas`.
pub(crate) fn build(schemas: &ValidationSchemas) -> Result<Plan, Error> {
    let mut b = Builder {
        schemas,
        index: BTreeMap::new(),
        ids: Vec::new(),
        nodes: Vec::new(),
        pattern_index: BTreeMap::new(),
        patterns: Vec::new(),
        queue: Vec::new(),
    };
    let document = schemas.document.map(|d| b.ix(d));
    let flow_node = schemas.flow_nodes.first().map(|f| b.ix(*f));
    for f in &schemas.flow_nodes {
        b.ix(*f);
    }
    let mut modules: Vec<(String, Ix)> = schemas
        .modules
        .iter()
        .map(|(name, root)| (name.clone(), b.ix(*root)))
        .collect();
    modules.sort_by(|a, z| a.0.cmp(&z.0));
    let mut metaflow_modules: Vec<(String, Ix)> = schemas
        .metaflow_modules
        .iter()
        .map(|(name, root)| (name.clone(), b.ix(*root)))
        .collect();
    metaflow_modules.sort_by(|a, z| a.0.cmp(&z.0));
    while let Some((i, n)) = b.queue.pop() {
        b.nodes[i] = b.build(n)?;
    }
    // A node constrains something when it checks something itself or
    // through a subschema that does; a node on a cycle counts as doing so
    // (as the emitter, which generates a function for a node it meets
    // again while generating it). So: the greatest fixed point.
    let mut live = vec![true; b.nodes.len()];
    loop {
        let mut changed = false;
        for (i, plan) in b.nodes.iter().enumerate() {
            if live[i] && !plan.checks_itself() && !plan.checks_through(&live) {
                live[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (i, plan) in b.nodes.iter_mut().enumerate() {
        plan.trivial = !live[i];
        let n = b.ids[i];
        if live[i] && schemas.recursive.contains(&n) {
            plan.depth_check = Some(schemas.graph.schema_path(n));
        }
    }
    Ok(Plan {
        nodes: b.nodes,
        patterns: b.patterns,
        document,
        flow_node,
        modules,
        module_schema_path: schemas.module_schema_path.clone(),
        metaflow_modules,
        metaflow_schema_path: schemas.metaflow_schema_path.clone(),
    })
}
