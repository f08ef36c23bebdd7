//! The Rust half of the IR: which Rust type each schema node becomes.
//!
//! Built from the [`SchemaGraph`](crate::ir::schema::SchemaGraph) by
//! lowering; read by the Rust emitter, and by the validator and docs
//! emitters when they need to name a type. Every type and field keeps the
//! [`NodeId`] it comes from, so nothing downstream re-reads JSON.

use crate::ir::schema::{FileId, NodeId};
use serde_json::Value;

/// Index of a [`TypeDef`] in [`TypeSpace::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

/// How a value is typed in Rust.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `String`
    String,
    /// `i64`
    Integer,
    /// `serde_json::Number` (keeps `5` and `5.0` apart, so output is lossless)
    Number,
    /// `bool`
    Boolean,
    /// `()`, serialized as `null`
    Null,
    /// `serde_json::Value`: the schema says nothing usable about the shape.
    Any,
    /// `serde_json::Map<String, Value>`: an object with no declared members.
    Object,
    /// `Vec<T>`
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>`: an object whose members all share one schema.
    Map(Box<TypeRef>),
    /// A generated type.
    Named(TypeId),
    /// The runtime's callflow node type (`Flow`), for `callflows.action`.
    Flow,
    /// The runtime's metaflow node type (`Metaflow`), for `metaflow`.
    Metaflow,
}

impl TypeRef {
    /// The named type this refers to directly (not through a collection).
    pub fn direct_named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }
}

/// One generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust identifier.
    pub name: String,
    /// The schema node it represents.
    pub node: NodeId,
    /// Its shape.
    pub kind: TypeKind,
}

/// The shape of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// Not yet filled in (only while lowering).
    Pending,
    /// An object with declared properties.
    Struct(StructDef),
    /// A string enum.
    Enum(EnumDef),
    /// Several alternative shapes (`oneOf`, `anyOf`, `type` arrays),
    /// serialized untagged.
    Union(UnionDef),
    /// `oneOf` branches told apart by one property's value.
    Tagged(TaggedDef),
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// Declared properties, in name order.
    pub fields: Vec<FieldDef>,
    /// Identifier of the flattened map that keeps unknown properties.
    pub extra_ident: String,
    /// Whether a declared member whose value does not fit its field's type
    /// is kept in the extra map (the field left unset) instead of failing
    /// the read. Set on the document type: a node's data that does not fit
    /// is kept raw on the node, but the document has no such fallback.
    /// Required fields and nodes (`Flow`) are still read strictly.
    pub keep_misfits: bool,
}

impl StructDef {
    /// Whether every field is optional (the type can derive `Default`).
    pub fn all_optional(&self) -> bool {
        self.fields.iter().all(|f| !f.required)
    }
}

/// One property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// Rust identifier (may be raw: `r#type`).
    pub ident: String,
    /// The JSON property name.
    pub json_name: String,
    /// The value type (without the `Option` of an optional field).
    pub ty: TypeRef,
    /// In `required`: a plain field rather than an `Option`.
    pub required: bool,
    /// Stored behind a `Box` to break a cycle of direct containment.
    pub boxed: bool,
    /// The property's schema node.
    pub node: NodeId,
    /// The property's `default`, if any.
    pub default: Option<Value>,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// Variants in schema order.
    pub variants: Vec<EnumVariant>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// Rust identifier.
    pub ident: String,
    /// The exact JSON string.
    pub value: String,
}

/// An untagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// Alternatives in the order they are tried when deserializing.
    pub variants: Vec<UnionVariant>,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust identifier.
    pub ident: String,
    /// The payload type.
    pub ty: TypeRef,
    /// Stored behind a `Box`.
    pub boxed: bool,
    /// The branch's schema node (for `type` arrays, the union's own node).
    pub node: NodeId,
}

/// A union told apart by one property (`"macro": "play"`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedDef {
    /// The property holding the tag.
    pub tag: String,
    /// One variant per tag value.
    pub variants: Vec<TaggedVariant>,
}

/// One variant of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// Rust identifier.
    pub ident: String,
    /// The tag's value for this variant.
    pub tag_value: String,
    /// The payload (an object type).
    pub ty: TypeRef,
    /// Stored behind a `Box`.
    pub boxed: bool,
    /// The branch's schema node.
    pub node: NodeId,
}

/// A callflow module (`callflows.<name>.json`) or a metaflow module
/// (`metaflows.<name>.json`).
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleDef {
    /// The module name as Kazoo spells it (`ring_group`).
    pub name: String,
    /// The `Action` (or `MetaflowAction`) variant (`RingGroup`).
    pub variant: String,
    /// The schema file.
    pub file: FileId,
    /// The type of the node's `data`.
    pub data: TypeRef,
}

/// Every generated type, the modules, and the document type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeSpace {
    /// All types, in the order they were first reached (deterministic).
    pub types: Vec<TypeDef>,
    /// Modules in name order.
    pub modules: Vec<ModuleDef>,
    /// Metaflow modules (`metaflows.<name>` schemas) in name order.
    pub metaflow_modules: Vec<ModuleDef>,
    /// The callflow document type (`callflows.json`).
    pub document: Option<TypeId>,
    /// The root of the document schema (the configured document id,
    /// `callflows`), when the directory has one.
    pub document_root: Option<NodeId>,
    /// The schema nodes typed as the runtime's `Flow` (a callflow node):
    /// the configured locations that exist, in configuration order
    /// (`callflows.action`, the document's `/properties/flow`), as written
    /// (before `$ref`s).
    pub flow_nodes: Vec<NodeId>,
    /// The schema nodes typed as the runtime's `Metaflow`: the configured
    /// locations that exist ([`Config::metaflow_node`](crate::Config::metaflow_node)),
    /// as written.
    pub metaflow_nodes: Vec<NodeId>,
}

impl TypeSpace {
    /// The type behind `id`.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    /// The type named `name`.
    pub fn by_name(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The module named `name`.
    pub fn module(&self, name: &str) -> Option<&ModuleDef> {
        self.modules.iter().find(|m| m.name == name)
    }
}
