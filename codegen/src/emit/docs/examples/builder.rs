//! Values and the Rust builder code that produces them, derived together
//! from the type plan: the code builds the JSON by construction.

use super::Example;
use super::pretty::pretty;
use super::samples::{any_sample, sample_integer, sample_string};
use crate::branches;
use crate::error::{ErrorKind, Result};
use crate::ir::schema::{Items, NodeId, SchemaGraph};
use crate::ir::types::{ModuleDef, TypeKind, TypeRef, TypeSpace};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A value and the Rust expression building it.
struct Built {
    json: Value,
    /// An expression of exactly the value's Rust type.
    exact: String,
    /// An expression accepted where the API takes `impl Into<T>` (or
    /// `impl IntoIterator<Item = impl Into<T>>` for lists).
    param: String,
}

pub(super) struct Generator<'a> {
    graph: &'a SchemaGraph,
    space: &'a TypeSpace,
    /// Modules whose data type is theirs alone (they convert `Into<Action>`).
    unique_data: BTreeMap<&'a TypeRef, usize>,
}

impl<'a> Generator<'a> {
    pub(super) fn new(graph: &'a SchemaGraph, space: &'a TypeSpace) -> Self {
        let mut unique_data = BTreeMap::new();
        for m in &space.modules {
            *unique_data.entry(&m.data).or_insert(0) += 1;
        }
        Generator {
            graph,
            space,
            unique_data,
        }
    }

    pub(super) fn example(&self, m: &ModuleDef) -> Result<Example> {
        let root = self.graph.file(m.file).root;
        let (mut json, code) = self.node(m)?;
        let mut chain = String::new();
        let keys = branches::branch_keys(&m.name);
        if !keys.is_empty()
            && let Some(leaf) = self.leaf_module()
        {
            let (leaf_json, leaf_code) = self.node(leaf)?;
            let mut children = Map::new();
            for k in keys {
                children.insert(k.example().to_string(), leaf_json.clone());
                chain.push_str(&format!(
                    ".branch({:?}, Flow::new({leaf_code}))",
                    k.example()
                ));
            }
            children.insert(String::from(branches::DEFAULT_BRANCH), leaf_json);
            chain.push_str(&format!(".then(Flow::new({leaf_code}))"));
            if let Value::Object(o) = &mut json {
                o.insert(String::from("children"), Value::Object(children));
            }
        }
        let statements = format!("let flow = Flow::new({code}){chain};");
        let rust = format!(
            "use kazoo_callflows::{{Flow, actions}};\n\n{}",
            format_statements(&statements).map_err(|message| ErrorKind::GeneratedCode {
                what: format!(
                    "docs example of `{}` ({})",
                    m.name,
                    self.graph.schema_path(root)
                ),
                message,
            })?
        );
        Ok(Example {
            module: m.name.clone(),
            json_text: pretty(&json),
            json,
            rust,
        })
    }

    /// `({"module", "data"}, expression convertible into an Action)`.
    fn node(&self, m: &ModuleDef) -> Result<(Value, String)> {
        let root = self.graph.file(m.file).root;
        let built = self
            .build(&m.data, root)
            .ok_or_else(|| ErrorKind::NoExample {
                at: self.graph.source(root),
                module: m.name.clone(),
            })?;
        let mut node = Map::new();
        node.insert(String::from("module"), Value::String(m.name.clone()));
        node.insert(String::from("data"), built.json);
        let code =
            if self.unique_data.get(&m.data) == Some(&1) && matches!(m.data, TypeRef::Named(_)) {
                built.exact
            } else {
                format!("actions::Action::{}({})", m.variant, built.exact)
            };
        Ok((Value::Object(node), code))
    }

    /// The module used for example children: `hangup`, else the first
    /// module whose data requires nothing.
    fn leaf_module(&self) -> Option<&'a ModuleDef> {
        let needs_nothing = |m: &&ModuleDef| match &m.data {
            TypeRef::Named(id) => match &self.space.get(*id).kind {
                TypeKind::Struct(s) => s.all_optional(),
                _ => false,
            },
            _ => false,
        };
        let modules = &self.space.modules;
        modules
            .iter()
            .filter(needs_nothing)
            .find(|m| m.name == "hangup")
            .or_else(|| modules.iter().find(needs_nothing))
    }

    /// A valid value of type `ty` for the schema `node`.
    fn build(&self, ty: &TypeRef, node: NodeId) -> Option<Built> {
        let own = self.graph.node(node);
        let c = self.graph.node(self.graph.deref(node));
        let default = own.default.as_ref().or(c.default.as_ref());
        Some(match ty {
            TypeRef::String => {
                let s = sample_string(c, default, &self.hint(node));
                Built {
                    json: Value::String(s.clone()),
                    exact: format!("String::from({s:?})"),
                    param: format!("{s:?}"),
                }
            }
            TypeRef::Integer => {
                let n = sample_integer(c, default);
                let exact = n.to_string();
                Built {
                    json: Value::Number(n.into()),
                    param: exact.clone(),
                    exact,
                }
            }
            TypeRef::Number => {
                let n = sample_integer(c, default);
                Built {
                    json: Value::Number(n.into()),
                    exact: format!("serde_json::Number::from({n}_i64)"),
                    param: format!("serde_json::Number::from({n}_i64)"),
                }
            }
            TypeRef::Boolean => {
                let b = default.and_then(Value::as_bool).unwrap_or(false);
                Built {
                    json: Value::Bool(b),
                    exact: b.to_string(),
                    param: b.to_string(),
                }
            }
            TypeRef::Null => Built {
                json: Value::Null,
                exact: String::from("()"),
                param: String::from("()"),
            },
            TypeRef::Any => {
                let v = default.cloned().unwrap_or_else(|| any_sample(c));
                let code = format!("serde_json::json!({v})");
                Built {
                    json: v,
                    exact: code.clone(),
                    param: code,
                }
            }
            TypeRef::Object => Built {
                json: Value::Object(Map::new()),
                exact: String::from("serde_json::Map::new()"),
                param: String::from("serde_json::Map::new()"),
            },
            TypeRef::Map(inner) => {
                let inner = self.rust_type(inner)?;
                Built {
                    json: Value::Object(Map::new()),
                    exact: String::from("std::collections::BTreeMap::new()"),
                    param: format!("std::collections::BTreeMap::<String, {inner}>::new()"),
                }
            }
            TypeRef::Array(inner) => {
                let item = match &c.items {
                    Some(Items::All(i)) => *i,
                    _ => return None,
                };
                let count = c.min_items.unwrap_or(0).max(1);
                if c.max_items.is_some_and(|m| m < count) {
                    return None;
                }
                let one = self.build(inner, item)?;
                let n = usize::try_from(count).ok()?;
                Built {
                    json: Value::Array(vec![one.json; n]),
                    exact: format!("vec![{}]", vec![one.exact; n].join(", ")),
                    param: format!("[{}]", vec![one.param; n].join(", ")),
                }
            }
            TypeRef::Named(id) => {
                let def = self.space.get(*id);
                let path = format!("actions::{}", def.name);
                match &def.kind {
                    TypeKind::Struct(s) => {
                        let mut json = Map::new();
                        let mut args = Vec::new();
                        for f in s.fields.iter().filter(|f| f.required) {
                            let v = self.build(&f.ty, f.node)?;
                            json.insert(f.json_name.clone(), v.json);
                            args.push(v.param);
                        }
                        let code = format!("{path}::new({})", args.join(", "));
                        Built {
                            json: Value::Object(json),
                            exact: code.clone(),
                            param: code,
                        }
                    }
                    TypeKind::Enum(e) => {
                        let wanted = default.and_then(Value::as_str);
                        let v = e
                            .variants
                            .iter()
                            .find(|v| Some(v.value.as_str()) == wanted)
                            .or_else(|| e.variants.first())?;
                        let code = format!("{path}::{}", v.ident);
                        Built {
                            json: Value::String(v.value.clone()),
                            exact: code.clone(),
                            param: code,
                        }
                    }
                    TypeKind::Union(u) => {
                        let (v, payload) = u
                            .variants
                            .iter()
                            .find_map(|v| Some((v, self.build(&v.ty, v.node)?)))?;
                        let inner = boxed(payload.exact, v.boxed);
                        let code = format!("{path}::{}({inner})", v.ident);
                        Built {
                            json: payload.json,
                            exact: code.clone(),
                            param: code,
                        }
                    }
                    TypeKind::Tagged(t) => {
                        let (v, payload) = t
                            .variants
                            .iter()
                            .find_map(|v| Some((v, self.build(&v.ty, v.node)?)))?;
                        let Value::Object(mut json) = payload.json else {
                            return None;
                        };
                        json.insert(t.tag.clone(), Value::String(v.tag_value.clone()));
                        let inner = boxed(payload.exact, v.boxed);
                        let code = format!("{path}::{}({inner})", v.ident);
                        Built {
                            json: Value::Object(json),
                            exact: code.clone(),
                            param: code,
                        }
                    }
                    TypeKind::Pending => return None,
                }
            }
            TypeRef::Flow | TypeRef::Metaflow => return None,
        })
    }

    /// The Rust type of `ty`, as the snippets spell it (formatted with
    /// the statements that hold it).
    fn rust_type(&self, ty: &TypeRef) -> Option<String> {
        let paths = crate::emit::rust::TypePaths {
            named: quote::quote!(actions::),
            flow: quote::quote!(Flow),
            metaflow: quote::quote!(Metaflow),
            short: true,
        };
        Some(crate::emit::rust::type_tokens(self.space, &paths, ty).to_string())
    }

    /// The property name a node sits under (`voice_url`), for samples.
    fn hint(&self, node: NodeId) -> String {
        let pointer = self.graph.source(node).pointer;
        crate::pointer::tokens(&pointer)
            .and_then(|t| {
                t.into_iter().rev().find(|t| {
                    !matches!(t.as_str(), "items" | "oneOf" | "anyOf" | "allOf")
                        && !t.chars().all(|c| c.is_ascii_digit())
                })
            })
            .unwrap_or_default()
    }
}

fn boxed(expr: String, boxed: bool) -> String {
    if boxed {
        format!("Box::new({expr})")
    } else {
        expr
    }
}

/// Formats `let` statements with prettyplease.
fn format_statements(statements: &str) -> std::result::Result<String, String> {
    let file: syn::File =
        syn::parse_str(&format!("fn wrapper() {{ {statements} }}")).map_err(|e| e.to_string())?;
    let text = prettyplease::unparse(&file);
    let body: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|l| *l != "}")
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    Ok(format!("{}\n", body.join("\n")))
}
