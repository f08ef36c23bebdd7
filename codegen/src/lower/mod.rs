//! Lowering: deciding the Rust type of every schema node reachable from the
//! callflow document and the modules, producing the [`TypeSpace`].
//!
//! Rules, in order, for one node:
//! 1. a node configured as a callflow node (`callflows.action`) is `Flow`,
//!    one configured as a metaflow node (`metaflow`) is `Metaflow`;
//! 2. a `$ref` is the type of its target (draft 4 ignores its siblings);
//! 3. a `oneOf` whose branches each pin one required property to a single
//!    value (`"macro": "play"`) is a tagged enum;
//! 4. a `oneOf`/`anyOf` on a node without own properties is an untagged
//!    union of its branches (collapsed when all branches type the same);
//! 5. a `type` array is an untagged union with one variant per type;
//! 6. otherwise the single (declared or inferred) type decides: string enums
//!    become enums, objects with properties structs, objects whose members
//!    share one schema maps, arrays `Vec`s.

mod cycles;
mod enum_variants;

use crate::config::Config;
use crate::error::Result;
use crate::ident;
use crate::ir::schema::{Additional, FileId, Items, JsonType, NodeId, SchemaGraph};
use crate::ir::types::{
    EnumDef, FieldDef, ModuleDef, StructDef, TaggedDef, TaggedVariant, TypeDef, TypeId, TypeKind,
    TypeRef, TypeSpace, UnionDef, UnionVariant,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub use enum_variants::name_variants;

/// Builds the type plan for `graph`.
pub fn lower(graph: &SchemaGraph, config: &Config) -> Result<TypeSpace> {
    let mut l = Lowerer {
        graph,
        config,
        space: TypeSpace::default(),
        memo: BTreeMap::new(),
        names: BTreeMap::new(),
        in_progress: BTreeSet::new(),
        flow_nodes: BTreeSet::new(),
        metaflow_nodes: BTreeSet::new(),
    };
    for (schema_id, ptr) in &config.flow_nodes {
        if let Some(node) = graph.node_at(schema_id, ptr) {
            l.flow_nodes.insert(node);
            l.space.flow_nodes.push(node);
        }
    }
    for (schema_id, ptr) in &config.metaflow_nodes {
        if let Some(node) = graph.node_at(schema_id, ptr)
            && !l.flow_nodes.contains(&node)
        {
            l.metaflow_nodes.insert(node);
            l.space.metaflow_nodes.push(node);
        }
    }
    l.space.document_root = graph.file_by_id(&config.document_id).map(|f| f.root);
    if let Some(doc) = graph.file_by_id(&config.document_id) {
        let name = l.schema_type_name(doc.root)?;
        let t = l.lower_node(doc.root, &[name])?;
        l.space.document = t.direct_named();
        if let Some(id) = l.space.document
            && let TypeKind::Struct(s) = &mut l.space.types[id.0 as usize].kind
        {
            s.keep_misfits = true;
        }
    }
    // Module variants: named in module-name order, collisions numbered.
    let mut modules: Vec<(String, FileId)> = graph
        .files
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| f.module.clone().map(|m| (m, FileId(fi as u32))))
        .collect();
    modules.sort();
    let bases: Vec<String> = modules.iter().map(|(m, _)| ident::upper_camel(m)).collect();
    for ((name, file), variant) in modules.into_iter().zip(ident::unique_names(&bases)) {
        l.space.modules.push(ModuleDef {
            name,
            variant,
            file,
            data: TypeRef::Any,
        });
    }
    l.space.modules.sort_by(|a, b| a.name.cmp(&b.name));
    for i in 0..l.space.modules.len() {
        let root = graph.file(l.space.modules[i].file).root;
        let name = l.schema_type_name(root)?;
        l.space.modules[i].data = l.lower_node(root, &[name])?;
    }
    // Metaflow modules, after the callflow modules: a metaflow module's data
    // type takes the name left free (`MetaflowTransfer`, numbered when
    // taken), so callflow types keep theirs.
    let metaflows = crate::kazoo_rules::metaflow_modules(graph);
    let bases: Vec<String> = metaflows
        .iter()
        .map(|(m, _)| ident::upper_camel(m))
        .collect();
    for ((name, root), variant) in metaflows.into_iter().zip(ident::unique_names(&bases)) {
        let Some(file) = graph.node(root).location.as_ref().map(|l| l.file) else {
            continue;
        };
        let type_name = l.schema_type_name(root)?;
        let data = l.lower_node(root, &[type_name])?;
        l.space.metaflow_modules.push(ModuleDef {
            name,
            variant,
            file,
            data,
        });
    }
    cycles::mark_boxes(&mut l.space);
    Ok(l.space)
}

struct Lowerer<'a> {
    graph: &'a SchemaGraph,
    config: &'a Config,
    space: TypeSpace,
    memo: BTreeMap<NodeId, TypeRef>,
    names: BTreeMap<String, TypeId>,
    in_progress: BTreeSet<NodeId>,
    flow_nodes: BTreeSet<NodeId>,
    metaflow_nodes: BTreeSet<NodeId>,
}

impl Lowerer<'_> {
    /// The type name of a schema file's root: configured, or derived from the
    /// id without its `callflows.` prefix (`metaflows.` becomes `Metaflow`).
    fn schema_type_name(&self, root: NodeId) -> Result<String> {
        let g = self.graph;
        let Some(loc) = g.node(root).location.as_ref() else {
            return Ok(String::from("Schema"));
        };
        let id = &g.file(loc.file).id;
        if let Some(name) = self.config.type_names.get(id) {
            return Ok(name.clone());
        }
        let mut name = match id.strip_prefix("metaflows.") {
            Some(rest) => format!("Metaflow{}", ident::camel_part(rest)),
            None => ident::camel_part(id.strip_prefix("callflows.").unwrap_or(id)),
        };
        if !loc.pointer.is_empty()
            && let Some(last) = crate::pointer::tokens(&loc.pointer).and_then(|t| t.last().cloned())
        {
            name.push_str(&ident::camel_part(&last));
        }
        Ok(ident::not_self(name))
    }

    fn lower_node(&mut self, node: NodeId, names: &[String]) -> Result<TypeRef> {
        if let Some(t) = self.node_type(node) {
            return Ok(t);
        }
        if let Some(r) = &self.graph.node(node).reference {
            let target = r.target;
            if let Some(t) = self.node_type(target) {
                return Ok(t);
            }
            if let Some(t) = self.memo.get(&target) {
                return Ok(t.clone());
            }
            let name = self.schema_type_name(target)?;
            return self.lower_node(target, &[name]);
        }
        if let Some(t) = self.memo.get(&node) {
            return Ok(t.clone());
        }
        if !self.in_progress.insert(node) {
            // A cycle through nodes that are not named types: nothing to name.
            return Ok(TypeRef::Any);
        }
        let t = self.lower_fresh(node, names);
        self.in_progress.remove(&node);
        let t = t?;
        self.memo.insert(node, t.clone());
        Ok(t)
    }

    /// `Flow` or `Metaflow` for a configured node location.
    fn node_type(&self, node: NodeId) -> Option<TypeRef> {
        if self.flow_nodes.contains(&node) {
            Some(TypeRef::Flow)
        } else if self.metaflow_nodes.contains(&node) {
            Some(TypeRef::Metaflow)
        } else {
            None
        }
    }

    fn lower_fresh(&mut self, node: NodeId, names: &[String]) -> Result<TypeRef> {
        let n = self.graph.node(node);
        if let Some(t) = self.try_tagged(node, names)? {
            return Ok(t);
        }
        let branches = if n.one_of.is_empty() {
            n.any_of.clone()
        } else {
            n.one_of.clone()
        };
        if !branches.is_empty() && n.properties.is_empty() {
            return self.lower_branches(node, &branches, names);
        }
        if n.properties.is_empty() && n.all_of.len() == 1 && n.types.is_none() {
            return self.lower_node(n.all_of[0], names);
        }
        match self.effective_types(node) {
            None => Ok(TypeRef::Any),
            Some(ts) if ts.len() == 1 => self.lower_shape(node, ts[0], names),
            Some(ts) => self.lower_type_union(node, &ts, names),
        }
    }

    /// The declared types, or the one implied by the keywords present.
    fn effective_types(&self, node: NodeId) -> Option<Vec<JsonType>> {
        let n = self.graph.node(node);
        if let Some(ts) = &n.types {
            return Some(ts.clone());
        }
        if let Some(values) = &n.enumeration {
            let kinds: BTreeSet<JsonType> = values.iter().map(json_type_of).collect();
            return (kinds.len() == 1).then(|| kinds.into_iter().collect());
        }
        if !n.properties.is_empty()
            || !n.pattern_properties.is_empty()
            || n.additional_properties.is_some()
        {
            return Some(vec![JsonType::Object]);
        }
        if n.items.is_some() {
            return Some(vec![JsonType::Array]);
        }
        None
    }

    fn lower_shape(&mut self, node: NodeId, t: JsonType, names: &[String]) -> Result<TypeRef> {
        let n = self.graph.node(node);
        Ok(match t {
            JsonType::String => {
                let values: Vec<String> = n
                    .enumeration
                    .iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if values.is_empty() {
                    TypeRef::String
                } else {
                    self.lower_enum(node, values, names)?
                }
            }
            JsonType::Integer => TypeRef::Integer,
            JsonType::Number => TypeRef::Number,
            JsonType::Boolean => TypeRef::Boolean,
            JsonType::Null => TypeRef::Null,
            JsonType::Array => match &n.items {
                Some(Items::All(item)) => {
                    let item = *item;
                    let mut item_names = Vec::new();
                    for name in names {
                        if let Some(s) = ident::singular(name) {
                            item_names.push(s);
                        }
                        item_names.push(format!("{name}Item"));
                    }
                    TypeRef::Array(Box::new(self.lower_node(item, &item_names)?))
                }
                _ => TypeRef::Array(Box::new(TypeRef::Any)),
            },
            JsonType::Object => self.lower_object(node, names)?,
        })
    }

    fn lower_object(&mut self, node: NodeId, names: &[String]) -> Result<TypeRef> {
        let n = self.graph.node(node);
        if !n.properties.is_empty() {
            return self.lower_struct(node, names);
        }
        let value_names: Vec<String> = names.iter().map(|s| format!("{s}Value")).collect();
        match (&n.additional_properties, n.pattern_properties.as_slice()) {
            (None | Some(Additional::Forbidden), [(_, pp)]) => {
                let pp = *pp;
                Ok(TypeRef::Map(Box::new(self.lower_node(pp, &value_names)?)))
            }
            (Some(Additional::Schema(a)), []) => {
                let a = *a;
                Ok(TypeRef::Map(Box::new(self.lower_node(a, &value_names)?)))
            }
            _ => Ok(TypeRef::Object),
        }
    }

    fn lower_struct(&mut self, node: NodeId, names: &[String]) -> Result<TypeRef> {
        let g = self.graph;
        let n = g.node(node);
        let id = self.reserve(node, names);
        let type_name = self.space.get(id).name.clone();
        let mut fields = Vec::with_capacity(n.properties.len());
        let bases: Vec<String> = n.properties.iter().map(|(p, _)| ident::snake(p)).collect();
        let field_idents = ident::unique_names_preferring(&bases, |i| {
            ident::unraw(&bases[i]) == n.properties[i].0
        });
        let idents: BTreeSet<&str> = field_idents.iter().map(String::as_str).collect();
        for ((name, child), field_ident) in n.properties.iter().zip(&field_idents) {
            let part = ident::camel_part(name);
            let ty = self.lower_node(*child, &[format!("{type_name}{part}")])?;
            fields.push(FieldDef {
                ident: field_ident.clone(),
                json_name: name.clone(),
                ty,
                required: n.is_required(name),
                boxed: false,
                node: *child,
                default: g.node(*child).default.clone(),
            });
        }
        let extra_ident = ["extra", "extra_properties", "additional_properties_map"]
            .into_iter()
            .find(|e| !idents.contains(*e))
            .unwrap_or("extra_members")
            .to_string();
        self.space.types[id.0 as usize].kind = TypeKind::Struct(StructDef {
            fields,
            extra_ident,
            keep_misfits: false,
        });
        Ok(TypeRef::Named(id))
    }

    fn lower_enum(
        &mut self,
        node: NodeId,
        values: Vec<String>,
        names: &[String],
    ) -> Result<TypeRef> {
        let variants = name_variants(&values);
        // The same values under the same name (a `terminator` and the items of
        // `terminators`) share one type.
        for name in names {
            if let Some(&existing) = self.names.get(name)
                && let TypeKind::Enum(e) = &self.space.get(existing).kind
                && e.variants == variants
            {
                return Ok(TypeRef::Named(existing));
            }
        }
        let id = self.reserve(node, names);
        self.space.types[id.0 as usize].kind = TypeKind::Enum(EnumDef { variants });
        Ok(TypeRef::Named(id))
    }

    fn lower_type_union(
        &mut self,
        node: NodeId,
        types: &[JsonType],
        names: &[String],
    ) -> Result<TypeRef> {
        let mut variants = Vec::new();
        for &t in types {
            let word = type_word(t);
            let sub: Vec<String> = names.iter().map(|n| format!("{n}{word}")).collect();
            let ty = self.lower_shape(node, t, &sub)?;
            variants.push((ty, node));
        }
        self.make_union(node, variants, names)
    }

    fn lower_branches(
        &mut self,
        node: NodeId,
        branches: &[NodeId],
        names: &[String],
    ) -> Result<TypeRef> {
        // A branch is named by its type; branches that share a type by what
        // distinguishes them (their only required, or only, property), then
        // by their type again (numbered when the names are taken).
        let words: Vec<String> = branches
            .iter()
            .map(|&b| match self.effective_types(b).as_deref() {
                Some([t]) => type_word(*t).to_string(),
                _ => String::from("Value"),
            })
            .collect();
        let mut variants = Vec::new();
        for (&b, word) in branches.iter().zip(&words) {
            let shared = words.iter().filter(|w| *w == word).count() > 1;
            let mut parts = Vec::new();
            if shared && let Some(p) = self.distinguishing_property(b) {
                parts.push(format!("{}{word}", ident::camel_part(&p)));
            }
            parts.push(word.clone());
            let sub: Vec<String> = parts
                .iter()
                .flat_map(|p| names.iter().map(move |n| format!("{n}{p}")))
                .collect();
            let ty = self.lower_node(b, &sub)?;
            variants.push((ty, b));
        }
        self.make_union(node, variants, names)
    }

    /// The property that tells a union branch apart: its only required
    /// property, or its only property.
    fn distinguishing_property(&self, branch: NodeId) -> Option<String> {
        let n = self.graph.node(self.graph.deref(branch));
        match (n.required.as_slice(), n.properties.as_slice()) {
            ([r], _) => Some(r.clone()),
            (_, [(p, _)]) => Some(p.clone()),
            _ => None,
        }
    }

    /// An untagged union of `variants`, collapsed to one type when they agree
    /// and to `Any` when one of them is unconstrained.
    fn make_union(
        &mut self,
        node: NodeId,
        variants: Vec<(TypeRef, NodeId)>,
        names: &[String],
    ) -> Result<TypeRef> {
        if variants.iter().any(|(t, _)| *t == TypeRef::Any) {
            return Ok(TypeRef::Any);
        }
        let first = &variants[0].0;
        if variants.iter().all(|(t, _)| t == first) {
            return Ok(first.clone());
        }
        let id = self.reserve(node, names);
        let union_name = self.space.get(id).name.clone();
        let bases: Vec<String> = variants
            .iter()
            .map(|(ty, _)| ident::not_self(self.variant_word(ty, &union_name)))
            .collect();
        let out = variants
            .into_iter()
            .zip(ident::unique_names(&bases))
            .map(|((ty, b), ident)| UnionVariant {
                ident,
                ty,
                boxed: false,
                node: b,
            })
            .collect();
        self.space.types[id.0 as usize].kind = TypeKind::Union(UnionDef { variants: out });
        Ok(TypeRef::Named(id))
    }

    fn variant_word(&self, ty: &TypeRef, union_name: &str) -> String {
        match ty {
            TypeRef::String => "String".into(),
            TypeRef::Integer => "Integer".into(),
            TypeRef::Number => "Number".into(),
            TypeRef::Boolean => "Boolean".into(),
            TypeRef::Null => "Null".into(),
            TypeRef::Any => "Value".into(),
            TypeRef::Object => "Object".into(),
            TypeRef::Array(_) => "List".into(),
            TypeRef::Map(_) => "Map".into(),
            TypeRef::Flow => "Flow".into(),
            TypeRef::Metaflow => "Metaflow".into(),
            TypeRef::Named(id) => {
                let name = &self.space.get(*id).name;
                match name.strip_prefix(union_name) {
                    Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => {
                        rest.to_string()
                    }
                    _ => name.clone(),
                }
            }
        }
    }

    /// A `oneOf` whose branches are `$ref`s each pinning the node's only,
    /// required property to one string (`macros` items in `audio_macro`).
    fn try_tagged(&mut self, node: NodeId, names: &[String]) -> Result<Option<TypeRef>> {
        let g = self.graph;
        let n = g.node(node);
        if n.one_of.len() < 2 || !n.allows(JsonType::Object) || n.properties.len() != 1 {
            return Ok(None);
        }
        let tag = n.properties[0].0.clone();
        if !n.is_required(&tag) {
            return Ok(None);
        }
        let mut pinned = Vec::new();
        for &b in &n.one_of {
            let bn = g.node(b);
            let value = bn
                .property(&tag)
                .and_then(|p| g.node(p).enumeration.as_ref())
                .and_then(|e| match e.as_slice() {
                    [Value::String(s)] => Some(s.clone()),
                    _ => None,
                });
            match (value, &bn.reference) {
                (Some(v), Some(_)) if !pinned.iter().any(|(p, _)| *p == v) => pinned.push((v, b)),
                _ => return Ok(None),
            }
        }
        let mut variants = Vec::new();
        let values: Vec<String> = pinned.iter().map(|(v, _)| v.clone()).collect();
        let idents = name_variants(&values);
        for ((value, b), named) in pinned.into_iter().zip(idents) {
            let ident = named.ident;
            let ty = self.lower_node(b, std::slice::from_ref(&ident))?;
            let object_like = match &ty {
                TypeRef::Named(id) => matches!(
                    self.space.get(*id).kind,
                    TypeKind::Struct(_) | TypeKind::Pending
                ),
                TypeRef::Object | TypeRef::Map(_) => true,
                _ => false,
            };
            if !object_like {
                return Ok(None);
            }
            variants.push(TaggedVariant {
                ident,
                tag_value: value,
                ty,
                boxed: false,
                node: b,
            });
        }
        let id = self.reserve(node, names);
        self.space.types[id.0 as usize].kind = TypeKind::Tagged(TaggedDef { tag, variants });
        Ok(Some(TypeRef::Named(id)))
    }

    /// Claims the first free name of `names` for a new type at `node`; when
    /// all are taken, the first with the first free numbered suffix.
    fn reserve(&mut self, node: NodeId, names: &[String]) -> TypeId {
        let first = names
            .first()
            .cloned()
            .unwrap_or_else(|| String::from("Schema"));
        let name = names
            .iter()
            .find(|n| !self.names.contains_key(*n))
            .cloned()
            .unwrap_or_else(|| {
                (2..)
                    .map(|i| ident::numbered(&first, i))
                    .find(|n| !self.names.contains_key(n))
                    .unwrap_or(first)
            });
        let id = TypeId(self.space.types.len() as u32);
        self.space.types.push(TypeDef {
            name: name.clone(),
            node,
            kind: TypeKind::Pending,
        });
        self.names.insert(name.clone(), id);
        self.memo.insert(node, TypeRef::Named(id));
        id
    }
}

fn type_word(t: JsonType) -> &'static str {
    match t {
        JsonType::Array => "List",
        JsonType::Boolean => "Boolean",
        JsonType::Integer => "Integer",
        JsonType::Null => "Null",
        JsonType::Number => "Number",
        JsonType::Object => "Object",
        JsonType::String => "String",
    }
}

pub(crate) fn json_type_of(v: &Value) -> JsonType {
    match v {
        Value::Null => JsonType::Null,
        Value::Bool(_) => JsonType::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => JsonType::Integer,
        Value::Number(_) => JsonType::Number,
        Value::String(_) => JsonType::String,
        Value::Array(_) => JsonType::Array,
        Value::Object(_) => JsonType::Object,
    }
}
