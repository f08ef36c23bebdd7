//! Keyword parsing: one JSON schema object into a [`SchemaNode`], recursing
//! into every sub-schema, with an error naming file and pointer for any
//! keyword whose value has the wrong shape.
//!
//! `$ref`s are collected as pending, with the base URI in force where they
//! are (draft-03/04 `id` scoping), and resolved later by [`crate::load`],
//! once every file of the closure is parsed. Every `id` is recorded with the
//! URI it resolves to, including location-independent ones (`"#foo"`).
//!
//! Draft-03 keywords without a draft-04 twin are rewritten into draft-04
//! ones at parse time: `extends` → `allOf`, `disallow` → `not` of the
//! disallowed types and schemas, and a `type` array holding schemas → an
//! `anyOf` of the listed types and schemas.

use crate::error::{Error, ErrorKind, Result, SourceLocation};
use crate::ir::schema::{
    Additional, Dependency, Draft, FileId, Items, JsonType, NodeId, NodeLocation, SchemaNode,
};
use crate::pointer;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// A `$ref` found while parsing, to be resolved once all files are parsed.
#[derive(Debug, Clone)]
pub struct PendingRef {
    /// The node that holds the `$ref`.
    pub node: NodeId,
    /// The reference as written.
    pub text: String,
    /// The base URI in force at the node (see [`crate::uri`]).
    pub base: String,
}

/// Parses files into one node arena.
pub struct Parser<'a> {
    /// The node arena being filled.
    pub nodes: &'a mut Vec<SchemaNode>,
    /// `$ref`s waiting to be resolved.
    pub pending: &'a mut Vec<PendingRef>,
    /// Pointer → node, per file, so `#/...` refs resolve.
    pub by_pointer: &'a mut BTreeMap<(FileId, String), NodeId>,
    /// Schema defects that were tolerated, for the user to see.
    pub warnings: &'a mut Vec<String>,
    /// Every `id`, resolved to an absolute URI, and the node it names.
    pub ids: &'a mut BTreeMap<String, NodeId>,
    /// The base URIs of the nodes being parsed, innermost last.
    pub bases: Vec<String>,
}

struct Ctx<'p> {
    file: FileId,
    path: &'p Path,
    draft: Draft,
}

impl Ctx<'_> {
    fn at(&self, pointer: &str) -> SourceLocation {
        SourceLocation {
            file: self.path.to_path_buf(),
            pointer: pointer.to_string(),
        }
    }

    fn invalid(&self, pointer: &str, keyword: &str, expected: &'static str) -> Error {
        ErrorKind::InvalidKeyword {
            at: self.at(&pointer::push(pointer, keyword)),
            keyword: keyword.to_string(),
            expected,
        }
        .into()
    }
}

impl Parser<'_> {
    /// Parses the whole document of one file, retrieved from `uri`; returns
    /// its root node.
    pub fn parse_file(
        &mut self,
        file: FileId,
        path: &Path,
        uri: &str,
        draft: Draft,
        doc: &Value,
    ) -> Result<NodeId> {
        let ctx = Ctx { file, path, draft };
        self.bases = vec![uri.to_string()];
        let root = self.parse_node(&ctx, "", doc)?;
        self.ids.entry(uri.to_string()).or_insert(root);
        Ok(root)
    }

    fn base(&self) -> &str {
        self.bases.last().map_or("", String::as_str)
    }

    fn parse_node(&mut self, ctx: &Ctx<'_>, ptr: &str, value: &Value) -> Result<NodeId> {
        let Value::Object(obj) = value else {
            return Err(ErrorKind::InvalidKeyword {
                at: ctx.at(ptr),
                keyword: String::from("(schema)"),
                expected: "a JSON object (a schema)",
            }
            .into());
        };
        // Reserve the slot first so parents get lower ids than children.
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(SchemaNode::default());
        self.by_pointer.insert((ctx.file, ptr.to_string()), id);
        // `id` changes the base URI of the node and what it contains;
        // beside a `$ref` it is ignored, as the `$ref`'s other siblings are.
        let scoped = match (obj.get("id"), obj.contains_key("$ref")) {
            (Some(Value::String(text)), false) => match crate::uri::resolve(self.base(), text) {
                Some(uri) => {
                    self.ids.entry(uri.clone()).or_insert(id);
                    let (doc, _) = crate::uri::split_fragment(&uri);
                    let doc = doc.to_string();
                    self.bases.push(doc);
                    true
                }
                None => false,
            },
            _ => false,
        };
        let node = self.fill(ctx, ptr, obj, id);
        if scoped {
            self.bases.pop();
        }
        self.nodes[id.0 as usize] = node?;
        Ok(id)
    }

    /// A node the parser makes for a draft-03 keyword (a type listed in
    /// `type` or `disallow`, or the schema `disallow` forbids), at `ptr`.
    fn synthetic(&mut self, ctx: &Ctx<'_>, ptr: &str, node: SchemaNode) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(SchemaNode {
            location: Some(NodeLocation {
                file: ctx.file,
                pointer: ptr.to_string(),
            }),
            ..node
        });
        self.by_pointer
            .entry((ctx.file, ptr.to_string()))
            .or_insert(id);
        id
    }

    /// Draft 3's list of types and schemas (`type`, `disallow`) as nodes:
    /// one `{"type": t}` per simple type, the schemas as they are.
    fn type_branches(
        &mut self,
        ctx: &Ctx<'_>,
        ptr: &str,
        key: &str,
        v: &Value,
    ) -> Result<Vec<NodeId>> {
        let here = &pointer::push(ptr, key);
        let list: Vec<&Value> = match v {
            Value::Array(list) => list.iter().collect(),
            one => vec![one],
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let at = match v {
                Value::Array(_) => pointer::push(here, &i.to_string()),
                _ => here.to_string(),
            };
            let node = match item {
                Value::Object(_) => self.parse_node(ctx, &at, item)?,
                Value::String(t) if t == "any" => self.synthetic(ctx, &at, SchemaNode::default()),
                Value::String(t) => {
                    let ty = JsonType::parse(t).ok_or_else(|| ErrorKind::UnknownType {
                        at: ctx.at(&at),
                        value: t.clone(),
                    })?;
                    let n = SchemaNode {
                        types: Some(vec![ty]),
                        types_declared: Some(vec![ty]),
                        ..SchemaNode::default()
                    };
                    self.synthetic(ctx, &at, n)
                }
                _ => {
                    return Err(ctx.invalid(
                        ptr,
                        key,
                        "a type name, a schema, or an array of them",
                    ));
                }
            };
            out.push(node);
        }
        Ok(out)
    }

    fn fill(
        &mut self,
        ctx: &Ctx<'_>,
        ptr: &str,
        obj: &Map<String, Value>,
        id: NodeId,
    ) -> Result<SchemaNode> {
        let mut n = SchemaNode {
            location: Some(NodeLocation {
                file: ctx.file,
                pointer: ptr.to_string(),
            }),
            ..SchemaNode::default()
        };
        for (key, v) in obj {
            let here = pointer::push(ptr, key);
            match key.as_str() {
                // Draft 3: a `type` array that holds schemas.
                "type"
                    if ctx.draft == Draft::Draft3
                        && v.as_array().is_some_and(|l| l.iter().any(Value::is_object)) =>
                {
                    n.any_of = self.type_branches(ctx, ptr, key, v)?;
                }
                "extends" if ctx.draft == Draft::Draft3 => {
                    n.all_of = match v {
                        Value::Array(_) => self.schema_list(ctx, &here, key, ptr, v)?,
                        _ => vec![self.parse_node(ctx, &here, v)?],
                    };
                }
                "disallow" if ctx.draft == Draft::Draft3 => {
                    let any_of = self.type_branches(ctx, ptr, key, v)?;
                    let forbidden = SchemaNode {
                        any_of,
                        ..SchemaNode::default()
                    };
                    n.not = Some(self.synthetic(ctx, &here, forbidden));
                }
                "type" => {
                    n.types_declared = parse_types(ctx, ptr, v)?;
                    n.types = n.types_declared.clone().map(|mut ts| {
                        ts.sort();
                        ts
                    });
                }
                "$ref" => {
                    let text = v
                        .as_str()
                        .ok_or_else(|| ctx.invalid(ptr, key, "a string"))?;
                    self.pending.push(PendingRef {
                        node: id,
                        text: text.to_string(),
                        base: self.base().to_string(),
                    });
                }
                "title" => n.title = Some(string(ctx, ptr, key, v)?),
                "description" => n.description = Some(string(ctx, ptr, key, v)?),
                "default" => n.default = Some(v.clone()),
                "support_level" => n.support_level = Some(string(ctx, ptr, key, v)?),
                "kazoo-validation" => n.kazoo_validation = boolean(ctx, ptr, key, v)?,
                "format" => n.format = Some(string(ctx, ptr, key, v)?),
                "pattern" => n.pattern = Some(string(ctx, ptr, key, v)?),
                "properties" => n.properties = self.schema_map(ctx, &here, key, ptr, v)?,
                "patternProperties" => {
                    n.pattern_properties = self.schema_map(ctx, &here, key, ptr, v)?
                }
                "definitions" => n.definitions = self.schema_map(ctx, &here, key, ptr, v)?,
                "additionalProperties" => {
                    n.additional_properties = self.additional(ctx, &here, key, ptr, v)?
                }
                "additionalItems" => {
                    n.additional_items = self.additional(ctx, &here, key, ptr, v)?
                }
                "required" => match (v, ctx.draft) {
                    (Value::Array(items), _) => {
                        n.required = items
                            .iter()
                            .map(|i| i.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                            .ok_or_else(|| ctx.invalid(ptr, key, "an array of property names"))?;
                    }
                    // Draft 3: a boolean on the property itself, folded into
                    // the parent's list below.
                    (Value::Bool(_), Draft::Draft3) => {}
                    // Draft 3 validators act only on `true`; Kazoo 4.0 has
                    // `"required": "true"` (a string), which they ignore.
                    (_, Draft::Draft3) => self.warnings.push(format!(
                        "{}: draft-03 `required` must be a boolean; {v} is ignored",
                        ctx.at(&pointer::push(ptr, key))
                    )),
                    _ => return Err(ctx.invalid(ptr, key, "an array of property names")),
                },
                "items" => {
                    n.items = Some(match v {
                        Value::Array(list) => Items::Tuple(
                            list.iter()
                                .enumerate()
                                .map(|(i, s)| {
                                    self.parse_node(ctx, &pointer::push(&here, &i.to_string()), s)
                                })
                                .collect::<Result<_>>()?,
                        ),
                        _ => Items::All(self.parse_node(ctx, &here, v)?),
                    })
                }
                "enum" => {
                    let list = v.as_array().filter(|a| !a.is_empty());
                    n.enumeration = Some(
                        list.ok_or_else(|| ctx.invalid(ptr, key, "a non-empty array"))?
                            .clone(),
                    );
                }
                "minimum" => n.minimum = Some(number(ctx, ptr, key, v)?),
                "maximum" => n.maximum = Some(number(ctx, ptr, key, v)?),
                "exclusiveMinimum" => n.exclusive_minimum = boolean(ctx, ptr, key, v)?,
                "exclusiveMaximum" => n.exclusive_maximum = boolean(ctx, ptr, key, v)?,
                "multipleOf" | "divisibleBy" => {
                    let m = number(ctx, ptr, key, v)?;
                    if m.as_f64().is_none_or(|f| f <= 0.0) {
                        return Err(ctx.invalid(ptr, key, "a number greater than 0"));
                    }
                    n.multiple_of = Some(m);
                }
                "minLength" => n.min_length = Some(count(ctx, ptr, key, v)?),
                "maxLength" => n.max_length = Some(count(ctx, ptr, key, v)?),
                "minItems" => n.min_items = Some(count(ctx, ptr, key, v)?),
                "maxItems" => n.max_items = Some(count(ctx, ptr, key, v)?),
                "minProperties" => n.min_properties = Some(count(ctx, ptr, key, v)?),
                "maxProperties" => n.max_properties = Some(count(ctx, ptr, key, v)?),
                "uniqueItems" => n.unique_items = boolean(ctx, ptr, key, v)?,
                "allOf" => n.all_of = self.schema_list(ctx, &here, key, ptr, v)?,
                "anyOf" => n.any_of = self.schema_list(ctx, &here, key, ptr, v)?,
                "oneOf" => n.one_of = self.schema_list(ctx, &here, key, ptr, v)?,
                "not" => n.not = Some(self.parse_node(ctx, &here, v)?),
                "dependencies" => {
                    let map = v
                        .as_object()
                        .ok_or_else(|| ctx.invalid(ptr, key, "an object"))?;
                    for (name, dep) in map {
                        let d = match dep {
                            Value::Array(names) => Dependency::Properties(
                                names
                                    .iter()
                                    .map(|x| x.as_str().map(str::to_string))
                                    .collect::<Option<_>>()
                                    .ok_or_else(|| {
                                        ctx.invalid(ptr, key, "an object of name arrays or schemas")
                                    })?,
                            ),
                            // Draft 3 allows a single property name.
                            Value::String(s) => Dependency::Properties(vec![s.clone()]),
                            _ => Dependency::Schema(self.parse_node(
                                ctx,
                                &pointer::push(&here, name),
                                dep,
                            )?),
                        };
                        n.dependencies.push((name.clone(), d));
                    }
                }
                _ => {}
            }
        }
        if ctx.draft == Draft::Draft3 {
            for (name, child) in &obj_properties(obj) {
                if child.get("required") == Some(&Value::Bool(true)) && !n.required.contains(name) {
                    n.required.push(name.clone());
                }
            }
        }
        Ok(n)
    }

    fn schema_map(
        &mut self,
        ctx: &Ctx<'_>,
        here: &str,
        key: &str,
        ptr: &str,
        v: &Value,
    ) -> Result<Vec<(String, NodeId)>> {
        let map = v
            .as_object()
            .ok_or_else(|| ctx.invalid(ptr, key, "an object of schemas"))?;
        map.iter()
            .map(|(name, s)| {
                Ok((
                    name.clone(),
                    self.parse_node(ctx, &pointer::push(here, name), s)?,
                ))
            })
            .collect()
    }

    fn schema_list(
        &mut self,
        ctx: &Ctx<'_>,
        here: &str,
        key: &str,
        ptr: &str,
        v: &Value,
    ) -> Result<Vec<NodeId>> {
        let list = v
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| ctx.invalid(ptr, key, "a non-empty array of schemas"))?;
        list.iter()
            .enumerate()
            .map(|(i, s)| self.parse_node(ctx, &pointer::push(here, &i.to_string()), s))
            .collect()
    }

    fn additional(
        &mut self,
        ctx: &Ctx<'_>,
        here: &str,
        key: &str,
        ptr: &str,
        v: &Value,
    ) -> Result<Option<Additional>> {
        Ok(match v {
            Value::Bool(true) => None,
            Value::Bool(false) => Some(Additional::Forbidden),
            Value::Object(_) => Some(Additional::Schema(self.parse_node(ctx, here, v)?)),
            _ => return Err(ctx.invalid(ptr, key, "a boolean or a schema")),
        })
    }
}

fn obj_properties(obj: &Map<String, Value>) -> Vec<(String, Value)> {
    match obj.get("properties") {
        Some(Value::Object(p)) => p.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    }
}

fn parse_types(ctx: &Ctx<'_>, ptr: &str, v: &Value) -> Result<Option<Vec<JsonType>>> {
    let names: Vec<(String, &Value)> = match v {
        Value::String(_) => vec![(pointer::push(ptr, "type"), v)],
        Value::Array(list) if !list.is_empty() => list
            .iter()
            .enumerate()
            .map(|(i, x)| {
                (
                    pointer::push(&pointer::push(ptr, "type"), &i.to_string()),
                    x,
                )
            })
            .collect(),
        _ => {
            return Err(ctx.invalid(
                ptr,
                "type",
                "a type name or a non-empty array of type names",
            ));
        }
    };
    let mut out = Vec::new();
    for (at, name) in names {
        let Some(s) = name.as_str() else {
            return Err(ctx.invalid(
                ptr,
                "type",
                "a type name or a non-empty array of type names",
            ));
        };
        match JsonType::parse(s) {
            Some(t) => out.push(t),
            // Draft 3's `any` means no constraint.
            None if s == "any" && ctx.draft == Draft::Draft3 => return Ok(None),
            None => {
                return Err(ErrorKind::UnknownType {
                    at: ctx.at(&at),
                    value: s.to_string(),
                }
                .into());
            }
        }
    }
    let mut seen = Vec::with_capacity(out.len());
    out.retain(|t| {
        let first = !seen.contains(t);
        seen.push(*t);
        first
    });
    Ok(Some(out))
}

fn string(ctx: &Ctx<'_>, ptr: &str, key: &str, v: &Value) -> Result<String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| ctx.invalid(ptr, key, "a string"))
}

fn boolean(ctx: &Ctx<'_>, ptr: &str, key: &str, v: &Value) -> Result<bool> {
    v.as_bool()
        .ok_or_else(|| ctx.invalid(ptr, key, "a boolean"))
}

fn number(ctx: &Ctx<'_>, ptr: &str, key: &str, v: &Value) -> Result<Number> {
    match v {
        Value::Number(n) => Ok(n.clone()),
        _ => Err(ctx.invalid(ptr, key, "a number")),
    }
}

fn count(ctx: &Ctx<'_>, ptr: &str, key: &str, v: &Value) -> Result<u64> {
    v.as_u64()
        .ok_or_else(|| ctx.invalid(ptr, key, "a non-negative integer"))
}
