//! The validator emitter: compiled validation from the IR. One generic
//! function per schema node that constrains anything (`n<id>` for a raw
//! `serde_json::Value`, `o<id>` for its object keywords), one per
//! (schema node, Rust type) pair for typed values (`t<id>_<k>`), a
//! `Validate` impl per generated type and for `Flow`, and Kazoo's module
//! dispatch. Nothing reads a schema at run time.
//!
//! Draft-04 semantics: a `$ref` replaces its node (siblings ignored), every
//! keyword reports its own errors, `oneOf`/`anyOf`/`not` report one error
//! at the instance they judge. Typed functions check the same keywords on
//! fields and collections directly and fall back to the raw function on
//! the value's JSON only where a keyword needs the whole value (`oneOf`,
//! `anyOf`, `allOf`, `not`, `enum` of non-strings).
//!
//! Speed: object members are walked once, dispatched on their name by a
//! generated `match` (on length, then on a distinguishing byte);
//! functions that only check their own value are `#[inline]` and take
//! their location as a `kw::Member`/`kw::Item` (parent and name or
//! index), so the valid path writes no `Loc` for them; simple patterns
//! are direct calls of generated predicates, and `enum`s of integers
//! compare `i64`s.

pub mod ecma;
pub(crate) mod flow;
mod objects;
mod raw;
mod tables;
mod typed;

use crate::config::Config;
use crate::emit::rust::{format_file, preamble, type_tokens};
use crate::error::Result;
use crate::ir::schema::{JsonType, NodeId, SchemaGraph};
use crate::ir::types::{TypeRef, TypeSpace};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// Emits the validators for `graph` and `space`.
pub fn emit_validators(graph: &SchemaGraph, space: &TypeSpace, config: &Config) -> Result<String> {
    let mut e = Emitter::new(graph, space, config)?;
    let entries = e.entry_points()?;
    let impls = e.validate_impls()?;
    let flow_impl = e.flow_impl()?;
    let action_impl = e.action_impl()?;
    let tables = e.tables();
    let items = std::mem::take(&mut e.items);
    let rt = &e.rt;
    let body = format_file(
        quote! {
            use #rt::validate::keywords as kw;
            use #rt::validate::{Loc, Sink};
            use ::serde_json::Value;

            #tables
            #entries
            #impls
            #flow_impl
            #action_impl
            #(#items)*
        },
        "validators",
    )?;
    Ok(format!("{}{body}", preamble(graph, "callflow validators")))
}

/// State of one emission: what has been emitted and what it needs.
pub(crate) struct Emitter<'a> {
    pub(crate) graph: &'a SchemaGraph,
    pub(crate) space: &'a TypeSpace,
    /// Path tokens of the runtime (`crate`).
    pub(crate) rt: TokenStream,
    /// The callflow node schema (`callflows.action`), after `$ref`s.
    pub(crate) flow_node: Option<NodeId>,
    /// Every configured callflow-node location, after `$ref`s.
    pub(crate) flow_nodes: BTreeSet<NodeId>,
    /// Nodes that can be reached again from themselves (through `$ref`s),
    /// and the callflow node: where validation recurses with the input's
    /// nesting, so where the depth limit is checked.
    pub(crate) recursive: BTreeSet<NodeId>,
    /// Raw functions: `None` when the node constrains nothing.
    pub(crate) raw_fns: BTreeMap<NodeId, Option<syn::Ident>>,
    /// Object-keyword functions.
    pub(crate) obj_fns: BTreeMap<NodeId, Option<syn::Ident>>,
    /// Typed functions by (node, type).
    pub(crate) typed_fns: BTreeMap<(NodeId, TypeRef), Option<syn::Ident>>,
    /// Functions being generated (a request for one of them is a cycle).
    pub(crate) in_progress: BTreeSet<String>,
    /// Functions requested while being generated (kept even if empty).
    pub(crate) cycles: BTreeSet<String>,
    /// Pattern sources, interned.
    pub(crate) patterns: BTreeMap<String, usize>,
    /// `enum` lists that are not all strings, as JSON text, interned.
    pub(crate) enums: BTreeMap<String, usize>,
    /// Emitted functions.
    pub(crate) items: Vec<TokenStream>,
    /// Emitted functions that check their value only (see `is_leaf`):
    /// their location is any `kw::At`.
    pub(crate) leaf_fns: BTreeSet<String>,
    /// Functions never to inline (module roots, see `module_dispatch`).
    pub(crate) out_of_line: BTreeSet<String>,
}

impl<'a> Emitter<'a> {
    fn new(graph: &'a SchemaGraph, space: &'a TypeSpace, config: &Config) -> Result<Self> {
        let rt = crate::emit::rust::RustEmitter::new(graph, space, config)?.rt;
        let flow_node_ids = config.flow_node_ids(graph);
        let flow_node = flow_node_ids.first().copied();
        let flow_nodes: BTreeSet<NodeId> = flow_node_ids.into_iter().collect();
        let targets: BTreeSet<NodeId> = graph
            .nodes
            .iter()
            .filter_map(|n| n.reference.as_ref().map(|r| graph.deref(r.target)))
            .collect();
        let mut recursive: BTreeSet<NodeId> = targets
            .into_iter()
            .filter(|t| reaches_itself(graph, *t))
            .collect();
        recursive.extend(flow_nodes.iter().copied());
        Ok(Emitter {
            graph,
            space,
            rt,
            flow_node,
            flow_nodes,
            recursive,
            raw_fns: BTreeMap::new(),
            obj_fns: BTreeMap::new(),
            typed_fns: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            cycles: BTreeSet::new(),
            patterns: BTreeMap::new(),
            enums: BTreeMap::new(),
            items: Vec::new(),
            leaf_fns: BTreeSet::new(),
            out_of_line: BTreeSet::new(),
        })
    }

    /// `schema-id#/pointer/<keyword>`: where a keyword of `node` is.
    pub(crate) fn sp(&self, node: NodeId, keyword: &str) -> String {
        crate::pointer::push(&self.graph.schema_path(node), keyword)
    }

    /// The `type` bit mask of `node` (`None` when `type` is absent).
    pub(crate) fn type_mask(&self, node: NodeId) -> Option<u8> {
        let types = self.graph.node(node).types.as_ref()?;
        Some(types.iter().map(|t| type_bit(*t)).fold(0, |a, b| a | b))
    }

    /// The mask as `kw::types::A | kw::types::B` tokens.
    pub(crate) fn mask_tokens(mask: u8) -> TokenStream {
        let names: Vec<syn::Ident> = JsonType::ALL
            .iter()
            .filter(|t| mask & type_bit(**t) != 0)
            .map(|t| format_ident!("{}", t.as_str().to_uppercase()))
            .collect();
        quote!(#(kw::types::#names)|*)
    }

    /// The Rust type of a typed value, with generated types under
    /// `<runtime>::actions`.
    pub(crate) fn rust_type(&self, t: &TypeRef) -> TokenStream {
        let rt = &self.rt;
        type_tokens(self.space, rt, &quote!(#rt::actions::), t)
    }

    /// Wraps a function body: parameters are underscored when the body is
    /// empty (a function kept only because a cycle refers to it).
    pub(crate) fn function(
        &mut self,
        name: &syn::Ident,
        doc: &str,
        param: TokenStream,
        param_ty: TokenStream,
        body: TokenStream,
    ) {
        let doc = format!(" {doc}");
        // A function that checks its value without walking into it (no
        // loop, no call to another generated function) is small: inlined,
        // it costs less than the call. It only reports errors at its own
        // location, so that location can be a `kw::Member` or `kw::Item`
        // of its parent's, built into a `Loc` only for an error.
        let leaf = !body.is_empty() && is_leaf(&body);
        if leaf {
            self.leaf_fns.insert(name.to_string());
        }
        let inline = if self.out_of_line.contains(&name.to_string()) {
            quote!(#[inline(never)])
        } else if leaf {
            quote!(#[inline])
        } else {
            quote!()
        };
        let item = if body.is_empty() {
            quote! {
                #[doc = #doc]
                fn #name<S: Sink>(_: #param_ty, _: &Loc<'_>, _: &mut S) {}
            }
        } else if leaf {
            quote! {
                #[doc = #doc]
                #inline
                fn #name<S: Sink>(#param: #param_ty, at: impl kw::At, s: &mut S) {
                    #body
                }
            }
        } else {
            quote! {
                #[doc = #doc]
                #inline
                fn #name<S: Sink>(#param: #param_ty, at: &Loc<'_>, s: &mut S) {
                    #body
                }
            }
        };
        self.items.push(item);
    }

    /// The public entry points the runtime calls.
    fn entry_points(&mut self) -> Result<TokenStream> {
        let graph = self.graph;
        let document = graph
            .file_by_id("callflows")
            .map(|f| f.root)
            .map(|root| self.raw_call(root, &quote!(v), &quote!(at)))
            .transpose()?
            .flatten();
        let document = match document {
            Some(call) => quote! {
                /// Validates a callflow document.
                pub(crate) fn document<S: Sink>(v: &Value, at: &Loc<'_>, s: &mut S) {
                    #call
                }
            },
            None => quote! {
                /// Validates a callflow document (its schema constrains nothing).
                pub(crate) fn document<S: Sink>(_: &Value, _: &Loc<'_>, _: &mut S) {}
            },
        };
        let node = match self.flow_node {
            Some(f) => self.raw_call(f, &quote!(v), &quote!(at))?,
            None => None,
        };
        let node = match node {
            Some(call) => quote! {
                /// Validates a callflow node.
                pub(crate) fn node<S: Sink>(v: &Value, at: &Loc<'_>, s: &mut S) {
                    #call
                }
            },
            None => quote! {
                /// Validates a callflow node (no node schema constrains anything).
                pub(crate) fn node<S: Sink>(_: &Value, _: &Loc<'_>, _: &mut S) {}
            },
        };
        let dispatch = self.module_dispatch()?;
        let module_sp = self.module_schema_path();
        Ok(quote! {
            /// Where the rule "a node's module names a callflow schema" is.
            pub(crate) const MODULE_SCHEMA_PATH: &str = #module_sp;
            #document
            #node
            #dispatch
        })
    }
}

/// The schemas `n` applies to parts of its instance (or, for a `$ref`,
/// its target).
fn applied(graph: &SchemaGraph, n: NodeId) -> Vec<NodeId> {
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
        if let crate::ir::schema::Additional::Schema(s) = a {
            out.push(*s);
        }
    }
    match &node.items {
        Some(crate::ir::schema::Items::All(i)) => out.push(*i),
        Some(crate::ir::schema::Items::Tuple(list)) => out.extend(list),
        None => {}
    }
    out.extend(&node.all_of);
    out.extend(&node.any_of);
    out.extend(&node.one_of);
    out.extend(node.not);
    for (_, d) in &node.dependencies {
        if let crate::ir::schema::Dependency::Schema(s) = d {
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

/// One arm of a string switch: a name and the body run for it.
type Arm = (String, TokenStream);

/// `match key { "a" => …, _ => default }`, where `arms` are
/// `(name, body)`; with many names, first by length (a jump table), then,
/// among three or more names of one length, by the byte where they differ
/// most, so a key is compared with about one name only.
pub(crate) fn string_switch(key: &TokenStream, arms: &[Arm], default: &TokenStream) -> TokenStream {
    let all: Vec<&Arm> = arms.iter().collect();
    if arms.len() <= 8 {
        return plain_switch(key, &all, default);
    }
    let mut by_len: BTreeMap<usize, Vec<&Arm>> = BTreeMap::new();
    for arm in arms {
        by_len.entry(arm.0.len()).or_default().push(arm);
    }
    if by_len.len() == 1 {
        return byte_switch(key, &all, default);
    }
    let groups = by_len.iter().map(|(len, group)| match group.as_slice() {
        [(name, body)] => quote!(#len if #key == #name => #body,),
        _ => {
            let inner = byte_switch(key, group, default);
            quote!(#len => #inner,)
        }
    });
    quote!(match #key.len() { #(#groups)* _ => #default, })
}

/// `t` as a block.
fn block(t: &TokenStream) -> TokenStream {
    match t.clone().into_iter().next() {
        Some(proc_macro2::TokenTree::Group(g))
            if g.delimiter() == proc_macro2::Delimiter::Brace
                && t.clone().into_iter().count() == 1 =>
        {
            t.clone()
        }
        _ => quote!({ #t }),
    }
}

/// A `match` (or an `if`) comparing `key` with each name in turn.
fn plain_switch(key: &TokenStream, arms: &[&Arm], default: &TokenStream) -> TokenStream {
    match arms {
        [(name, body)] => {
            let (body, default_block) = (block(body), block(default));
            if default.to_string() == "{ }" || default.is_empty() {
                quote!(if #key == #name #body)
            } else if body.to_string() == "{ true }" && default.to_string() == "false" {
                quote!(#key == #name)
            } else {
                quote!(if #key == #name #body else #default_block)
            }
        }
        _ => {
            let arms = arms.iter().map(|(name, body)| quote!(#name => #body,));
            quote!(match #key { #(#arms)* _ => #default, })
        }
    }
}

/// A switch over names of one length (that `key` is known to have): on
/// the byte position where the names differ most, then on the whole name.
fn byte_switch(key: &TokenStream, arms: &[&Arm], default: &TokenStream) -> TokenStream {
    if arms.len() < 3 {
        return plain_switch(key, arms, default);
    }
    let len = arms[0].0.len();
    let distinct = |p: usize| {
        arms.iter()
            .map(|(name, _)| name.as_bytes()[p])
            .collect::<std::collections::BTreeSet<u8>>()
            .len()
    };
    // The first position with the most distinct bytes.
    let Some(best) = (0..len).rev().max_by_key(|p| distinct(*p)) else {
        return plain_switch(key, arms, default);
    };
    if distinct(best) < 2 {
        return plain_switch(key, arms, default);
    }
    let mut by_byte: BTreeMap<u8, Vec<&Arm>> = BTreeMap::new();
    for arm in arms {
        by_byte.entry(arm.0.as_bytes()[best]).or_default().push(arm);
    }
    let groups = by_byte.iter().map(|(b, group)| {
        let b = proc_macro2::Literal::byte_character(*b);
        match group.as_slice() {
            [(name, body)] => quote!(#b if #key == #name => #body,),
            _ => {
                let inner = byte_switch(key, group, default);
                quote!(#b => #inner,)
            }
        }
    });
    quote!(match #key.as_bytes()[#best] { #(#groups)* _ => #default, })
}

/// Whether a function body checks its value without walking into it: no
/// loop, no call to another generated function (`n<id>`, `o<id>`,
/// `t<id>_<k>`, `module_data`), no location built from its own (`key`,
/// `index`) and no other use of it as a `Loc`.
fn is_leaf(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().all(|t| match t {
        proc_macro2::TokenTree::Ident(i) => {
            let name = i.to_string();
            let generated = name
                .strip_prefix(['n', 'o', 't'])
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c.is_ascii_digit());
            !generated
                && !matches!(
                    name.as_str(),
                    "for"
                        | "while"
                        | "loop"
                        | "module_data"
                        | "key"
                        | "index"
                        | "member"
                        | "item"
                        | "validate_at"
                        | "too_deep"
                        | "depth"
                )
        }
        proc_macro2::TokenTree::Group(g) => is_leaf(&g.stream()),
        _ => true,
    })
}

/// Whether `tokens` use the identifier `name` anywhere.
pub(crate) fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == name,
        proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), name),
        _ => false,
    })
}

/// The runtime's bit for a JSON type.
pub(crate) fn type_bit(t: JsonType) -> u8 {
    match t {
        JsonType::Array => 1,
        JsonType::Boolean => 1 << 1,
        JsonType::Integer => 1 << 2,
        JsonType::Null => 1 << 3,
        JsonType::Number => 1 << 4,
        JsonType::Object => 1 << 5,
        JsonType::String => 1 << 6,
    }
}
