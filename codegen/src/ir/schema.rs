//! The schema half of the IR: every node of every schema in the callflow
//! closure, with each keyword parsed into a typed field and every `$ref`
//! resolved to the node it points at.
//!
//! This is what the schemas *say*. Validators and docs read it directly;
//! the Rust type plan ([`crate::ir::types`]) is derived from it.

use serde_json::{Number, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Index of a [`SchemaNode`] in [`SchemaGraph::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

/// Index of a [`SchemaFile`] in [`SchemaGraph::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// Which JSON Schema draft a file declares in `$schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    /// Draft 3: `required` is a boolean on each property.
    Draft3,
    /// Draft 4 (the default).
    Draft4,
}

/// One schema file of the closure.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// Path as found in the directory.
    pub path: PathBuf,
    /// The schema id: `_id`, or the file name without `.json`.
    pub id: String,
    /// The declared draft.
    pub draft: Draft,
    /// The root node.
    pub root: NodeId,
    /// When the file is a callflow module (`callflows.<name>.json`), its name.
    pub module: Option<String>,
}

/// A JSON Schema primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonType {
    /// `array`
    Array,
    /// `boolean`
    Boolean,
    /// `integer`
    Integer,
    /// `null`
    Null,
    /// `number`
    Number,
    /// `object`
    Object,
    /// `string`
    String,
}

impl JsonType {
    /// Every type, in the order used for deterministic output.
    pub const ALL: [JsonType; 7] = [
        JsonType::Array,
        JsonType::Boolean,
        JsonType::Integer,
        JsonType::Null,
        JsonType::Number,
        JsonType::Object,
        JsonType::String,
    ];

    /// The keyword spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::Array => "array",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Null => "null",
            JsonType::Number => "number",
            JsonType::Object => "object",
            JsonType::String => "string",
        }
    }

    /// Parses the keyword spelling.
    pub fn parse(s: &str) -> Option<JsonType> {
        JsonType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where a node sits: its file and its pointer within the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeLocation {
    /// The file.
    pub file: FileId,
    /// RFC 6901 pointer from the file's root.
    pub pointer: String,
}

/// `additionalProperties` / `additionalItems`.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// `false`
    Forbidden,
    /// A schema every additional member must match.
    Schema(NodeId),
}

/// `items`.
#[derive(Debug, Clone, PartialEq)]
pub enum Items {
    /// One schema for every item.
    All(NodeId),
    /// One schema per position (tuple validation).
    Tuple(Vec<NodeId>),
}

/// One entry of `dependencies`.
#[derive(Debug, Clone, PartialEq)]
pub enum Dependency {
    /// Property dependency: these names must also be present.
    Properties(Vec<String>),
    /// Schema dependency: the instance must also match this schema.
    Schema(NodeId),
}

/// A resolved `$ref`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The reference as written (`"callflows.action"`).
    pub text: String,
    /// The node it resolves to.
    pub target: NodeId,
}

/// One schema node with every keyword the generator understands.
///
/// Unknown keywords are ignored, as JSON Schema requires. A keyword that is
/// absent is `None`, empty or `false`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchemaNode {
    /// Where the node is.
    pub location: Option<NodeLocation>,
    /// `type`, sorted and deduplicated; `None` when absent (any type).
    pub types: Option<Vec<JsonType>>,
    /// `type` as written: in the schema's order, deduplicated; `None` when
    /// absent. Reference docs print union types in this order, as Kazoo's
    /// own tooling does.
    pub types_declared: Option<Vec<JsonType>>,
    /// `$ref`, resolved. Under draft 4 its siblings are ignored by validation.
    pub reference: Option<Reference>,
    /// `title`
    pub title: Option<String>,
    /// `description`
    pub description: Option<String>,
    /// `default`
    pub default: Option<Value>,
    /// Kazoo's `support_level`.
    pub support_level: Option<String>,
    /// Kazoo's `kazoo-validation`: checked by Kazoo code rather than the schema.
    pub kazoo_validation: bool,
    /// `format`
    pub format: Option<String>,
    /// `properties`, in name order.
    pub properties: Vec<(String, NodeId)>,
    /// `patternProperties`, in pattern order.
    pub pattern_properties: Vec<(String, NodeId)>,
    /// `additionalProperties`; `None` when absent or `true`.
    pub additional_properties: Option<Additional>,
    /// `required` (draft 3's per-property booleans are folded in here).
    pub required: Vec<String>,
    /// `items`
    pub items: Option<Items>,
    /// `additionalItems`; `None` when absent or `true`.
    pub additional_items: Option<Additional>,
    /// `enum`
    pub enumeration: Option<Vec<Value>>,
    /// `minimum`
    pub minimum: Option<Number>,
    /// `exclusiveMinimum`
    pub exclusive_minimum: bool,
    /// `maximum`
    pub maximum: Option<Number>,
    /// `exclusiveMaximum`
    pub exclusive_maximum: bool,
    /// `multipleOf` (draft 3's `divisibleBy`).
    pub multiple_of: Option<Number>,
    /// `minLength`
    pub min_length: Option<u64>,
    /// `maxLength`
    pub max_length: Option<u64>,
    /// `pattern`
    pub pattern: Option<String>,
    /// `minItems`
    pub min_items: Option<u64>,
    /// `maxItems`
    pub max_items: Option<u64>,
    /// `uniqueItems`
    pub unique_items: bool,
    /// `minProperties`
    pub min_properties: Option<u64>,
    /// `maxProperties`
    pub max_properties: Option<u64>,
    /// `dependencies`, in name order.
    pub dependencies: Vec<(String, Dependency)>,
    /// `allOf`
    pub all_of: Vec<NodeId>,
    /// `anyOf`
    pub any_of: Vec<NodeId>,
    /// `oneOf`
    pub one_of: Vec<NodeId>,
    /// `not`
    pub not: Option<NodeId>,
    /// `definitions`, in name order (kept so `#/definitions/x` refs resolve).
    pub definitions: Vec<(String, NodeId)>,
}

impl SchemaNode {
    /// Whether `types` allows `t` (an absent `type` allows everything;
    /// `number` allows integers).
    pub fn allows(&self, t: JsonType) -> bool {
        match &self.types {
            None => true,
            Some(ts) => {
                ts.contains(&t) || (t == JsonType::Integer && ts.contains(&JsonType::Number))
            }
        }
    }

    /// The property named `name`.
    pub fn property(&self, name: &str) -> Option<NodeId> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }

    /// Whether `name` is in `required`.
    pub fn is_required(&self, name: &str) -> bool {
        self.required.iter().any(|r| r == name)
    }
}

/// The closure of schemas reachable from the callflow schemas, fully
/// parsed and resolved.
#[derive(Debug, Clone, Default)]
pub struct SchemaGraph {
    /// The directory the schemas came from.
    pub dir: PathBuf,
    /// Every file in the closure, sorted by id.
    pub files: Vec<SchemaFile>,
    /// Every node of every file in the closure.
    pub nodes: Vec<SchemaNode>,
    /// Every file read from the directory (the closure and the rest), sorted:
    /// what a build script must watch.
    pub files_read: Vec<PathBuf>,
    /// Schema defects that were tolerated (each names file and pointer).
    pub warnings: Vec<String>,
    /// Every node by file and pointer (what `$ref` fragments resolve against).
    pub by_pointer: BTreeMap<(FileId, String), NodeId>,
}

impl SchemaGraph {
    /// The node behind `id`.
    pub fn node(&self, id: NodeId) -> &SchemaNode {
        &self.nodes[id.0 as usize]
    }

    /// The file behind `id`.
    pub fn file(&self, id: FileId) -> &SchemaFile {
        &self.files[id.0 as usize]
    }

    /// The file with schema id `id`.
    pub fn file_by_id(&self, id: &str) -> Option<&SchemaFile> {
        self.files.iter().find(|f| f.id == id)
    }

    /// The [`FileId`] of the file with schema id `id`.
    pub fn file_id(&self, id: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.id == id)
            .map(|i| FileId(i as u32))
    }

    /// The node at `pointer` in the schema with id `id` (`""` for its root).
    pub fn node_at(&self, id: &str, pointer: &str) -> Option<NodeId> {
        let file = self.file_id(id)?;
        self.by_pointer.get(&(file, pointer.to_string())).copied()
    }

    /// Callflow modules (`callflows.<name>.json`), in name order.
    pub fn modules(&self) -> impl Iterator<Item = &SchemaFile> {
        let mut mods: Vec<&SchemaFile> = self.files.iter().filter(|f| f.module.is_some()).collect();
        mods.sort_by(|a, b| a.module.cmp(&b.module));
        mods.into_iter()
    }

    /// The file and pointer of a node, for messages.
    pub fn source(&self, id: NodeId) -> crate::SourceLocation {
        let loc = self.node(id).location.as_ref();
        match loc {
            Some(loc) => crate::SourceLocation {
                file: self.file(loc.file).path.clone(),
                pointer: loc.pointer.clone(),
            },
            None => crate::SourceLocation {
                file: self.dir.clone(),
                pointer: String::new(),
            },
        }
    }

    /// `schema-id#pointer` of a node: the schema location validators report.
    pub fn schema_path(&self, id: NodeId) -> String {
        match self.node(id).location.as_ref() {
            Some(loc) => format!("{}#{}", self.file(loc.file).id, loc.pointer),
            None => String::from("#"),
        }
    }

    /// `schema-id#pointer/<token>/…`: where a keyword of node `id` (and,
    /// with more tokens, something inside it) is, as validators report it.
    pub fn keyword_path(&self, id: NodeId, tokens: &[&str]) -> String {
        tokens
            .iter()
            .fold(self.schema_path(id), |acc, t| crate::pointer::push(&acc, t))
    }

    /// Follows `$ref`s from `id` until a node without one (cycles stop where
    /// they close).
    pub fn deref(&self, mut id: NodeId) -> NodeId {
        let mut seen = Vec::new();
        while let Some(r) = &self.node(id).reference {
            if seen.contains(&r.target) {
                break;
            }
            seen.push(id);
            id = r.target;
        }
        id
    }

    /// File name of a node's file, for messages.
    pub fn file_name(&self, id: NodeId) -> &Path {
        match self.node(id).location.as_ref() {
            Some(loc) => &self.file(loc.file).path,
            None => &self.dir,
        }
    }
}
