//! The validator emitter: compiled validation from the IR. One generic
//! function per schema node that constrains anything (`n<id>` for a raw
//! `serde_json::Value`, `o<id>` for its object keywords), one per
//! (schema node, Rust type) pair for typed values (`t<id>_<k>`), a
//! `Validate` impl per generated type and for `Flow` and `Metaflow`, and
//! Kazoo's module dispatch. Nothing reads a schema at run time.
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

mod body;
pub mod ecma;
pub(crate) mod flow;
mod metaflow;
mod objects;
mod raw;
mod tables;
mod typed;

use crate::config::Config;
use crate::emit::rust::{TypePaths, format_file, preamble, type_tokens};
use crate::error::Result;
use crate::ir::schema::{JsonType, NodeId, SchemaGraph};
use crate::ir::types::{TypeRef, TypeSpace};
use body::{Body, FnKey, Needs};
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
    let metaflow_impl = e.metaflow_impl()?;
    let metaflow_action_impl = e.metaflow_action_impl()?;
    let (items, enums) = e.live_items();
    let tables = e.tables(&enums);
    let rt = &e.rt;
    let body = format_file(
        quote! {
            use #rt::__private::keywords as kw;
            use #rt::validate::{Loc, Sink};
            use ::serde_json::Value;

            #tables
            #entries
            #impls
            #flow_impl
            #action_impl
            #metaflow_impl
            #metaflow_action_impl
            #(#items)*
        },
        "validators",
    )?;
    Ok(format!("{}{body}", preamble(graph, "callflow validators")))
}

/// A validator function that exists: its name and whether it is a leaf
/// (it checks its value without walking into it, so it takes its location
/// as any `kw::At`).
#[derive(Debug, Clone)]
pub(crate) struct Callee {
    pub(crate) key: FnKey,
    pub(crate) name: syn::Ident,
    pub(crate) leaf: bool,
}

impl Callee {
    /// A call of this validator with `args` (`(v, at, s);`).
    pub(crate) fn call(&self, args: TokenStream) -> Body {
        let name = &self.name;
        Body::call(self.key.clone(), quote!(#name #args))
    }
}

/// One generated item: a validator function (`key`) or code that is always
/// kept (`None`), with what it needs.
struct Item {
    key: Option<FnKey>,
    tokens: TokenStream,
    needs: Needs,
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
    /// The metaflow node schema, when Kazoo dispatches it by module.
    pub(crate) metaflow_node: Option<NodeId>,
    /// The schema typed as the runtime's `Metaflow` (the first configured
    /// metaflow-node location), after `$ref`s.
    pub(crate) metaflow_type_node: Option<NodeId>,
    /// The document schema's root, when the directory has one.
    pub(crate) document: Option<NodeId>,
    /// The settings of the run.
    pub(crate) config: &'a Config,
    /// Nodes that can be reached again from themselves (through `$ref`s),
    /// and the callflow node: where validation recurses with the input's
    /// nesting, so where the depth limit is checked.
    pub(crate) recursive: BTreeSet<NodeId>,
    /// Every validator requested: `None` when it checks nothing.
    fns: BTreeMap<FnKey, Option<Callee>>,
    /// Names of typed validators, given on first request (`t<id>_<k>`,
    /// the k-th type asked for node `id`).
    typed_names: BTreeMap<(NodeId, TypeRef), syn::Ident>,
    /// Validators being generated (a request for one of them is a cycle).
    in_progress: BTreeSet<FnKey>,
    /// Validators requested while being generated (kept even if empty).
    cycles: BTreeSet<FnKey>,
    /// Pattern sources, interned.
    pub(crate) patterns: BTreeMap<String, usize>,
    /// `enum` lists that are not all strings, as JSON text, interned.
    pub(crate) enums: BTreeMap<String, usize>,
    /// Generated items, in the order they were finished.
    items: Vec<Item>,
    /// What the code outside validator functions (entry points, impls) needs.
    pub(crate) roots: Needs,
    /// Validators never to inline (module roots, see `module_dispatch`).
    pub(crate) out_of_line: BTreeSet<FnKey>,
}

impl<'a> Emitter<'a> {
    fn new(graph: &'a SchemaGraph, space: &'a TypeSpace, config: &'a Config) -> Result<Self> {
        let rt = crate::emit::rust::RustEmitter::new(graph, space, config)?.rt;
        let ordered = crate::validation::flow_node_targets(graph, space);
        let flow_node = ordered.first().copied();
        let recursive = crate::validation::recursive(graph, &ordered);
        let flow_nodes: BTreeSet<NodeId> = ordered.into_iter().collect();
        Ok(Emitter {
            graph,
            space,
            rt,
            flow_node,
            flow_nodes,
            metaflow_node: crate::kazoo_rules::metaflow_node(graph, space),
            metaflow_type_node: crate::validation::metaflow_node_targets(graph, space)
                .first()
                .copied(),
            document: space.document_root,
            config,
            recursive,
            fns: BTreeMap::new(),
            typed_names: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            cycles: BTreeSet::new(),
            patterns: BTreeMap::new(),
            enums: BTreeMap::new(),
            items: Vec::new(),
            roots: Needs::default(),
            out_of_line: BTreeSet::new(),
        })
    }

    /// `schema-id#/pointer/<keyword>`: where a keyword of `node` is.
    pub(crate) fn sp(&self, node: NodeId, keyword: &str) -> String {
        self.graph.keyword_path(node, &[keyword])
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
        let paths = TypePaths {
            named: quote!(#rt::actions::),
            flow: quote!(#rt::Flow),
            metaflow: quote!(#rt::Metaflow),
            short: false,
        };
        type_tokens(self.space, &paths, t)
    }

    /// The validator `key` named `name`, generated on first request by
    /// `build` (`None`: it checks nothing, and is not generated unless a
    /// cycle already calls it).
    pub(crate) fn define(
        &mut self,
        key: FnKey,
        name: syn::Ident,
        doc: &str,
        param: (TokenStream, TokenStream),
        build: impl FnOnce(&mut Self) -> Result<Option<Body>>,
    ) -> Result<Option<Callee>> {
        if self.in_progress.contains(&key) {
            // Its leafness is not known yet: callers pass a `&Loc`, which
            // is also a `kw::At`.
            self.cycles.insert(key.clone());
            return Ok(Some(Callee {
                key,
                name,
                leaf: false,
            }));
        }
        if let Some(done) = self.fns.get(&key) {
            return Ok(done.clone());
        }
        self.in_progress.insert(key.clone());
        let body = build(self);
        self.in_progress.remove(&key);
        let body = body?;
        if body.is_none() && !self.cycles.contains(&key) {
            self.fns.insert(key, None);
            return Ok(None);
        }
        let leaf = self.function(&key, &name, doc, param, body);
        let callee = Callee { key, name, leaf };
        self.fns.insert(callee.key.clone(), Some(callee.clone()));
        Ok(Some(callee))
    }

    /// The name of typed validator (`n`, `ty`): `t<id>_<k>` for the k-th
    /// type asked for `n`.
    pub(crate) fn typed_name(&mut self, n: NodeId, ty: &TypeRef) -> syn::Ident {
        let count = self.typed_names.keys().filter(|(m, _)| *m == n).count();
        self.typed_names
            .entry((n, ty.clone()))
            .or_insert_with(|| format_ident!("t{}_{}", n.0, count))
            .clone()
    }

    /// Writes a validator function; `true` when it is a leaf. A function
    /// that checks its value without walking into it (no loop, no call of
    /// another validator, no location below its own) is small: inlined,
    /// it costs less than the call. It only reports errors at its own
    /// location, so that location can be a `kw::Member` or `kw::Item` of
    /// its parent's, built into a `Loc` only for an error. A function
    /// without a body (kept only because a cycle calls it) ignores its
    /// parameters.
    fn function(
        &mut self,
        key: &FnKey,
        name: &syn::Ident,
        doc: &str,
        (param, param_ty): (TokenStream, TokenStream),
        body: Option<Body>,
    ) -> bool {
        // Schema paths may hold control characters (a tab in a property
        // name): escaped, as they are no layout.
        let doc: String = format!(" {doc}")
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let leaf = body.as_ref().is_some_and(|b| !b.walks_children());
        let param = match &body {
            Some(b) if !b.reads_value() => quote!(_),
            _ => param,
        };
        let inline = if self.out_of_line.contains(key) {
            quote!(#[inline(never)])
        } else if leaf {
            quote!(#[inline])
        } else {
            quote!()
        };
        let (tokens, needs) = match body {
            None => (
                quote! {
                    #[doc = #doc]
                    fn #name<S: Sink>(_: #param_ty, _: &Loc<'_>, _: &mut S) {}
                },
                Needs::default(),
            ),
            Some(body) => {
                let (body, needs) = body.finish();
                let param = if needs.reads_value { param } else { quote!(_) };
                let at = if leaf {
                    quote!(impl kw::At)
                } else {
                    quote!(&Loc<'_>)
                };
                let tokens = quote! {
                    #[doc = #doc]
                    #inline
                    fn #name<S: Sink>(#param: #param_ty, at: #at, s: &mut S) {
                        #body
                    }
                };
                (tokens, needs)
            }
        };
        self.items.push(Item {
            key: Some(key.clone()),
            tokens,
            needs,
        });
        leaf
    }

    /// Adds an item that is always emitted.
    pub(crate) fn item(&mut self, body: Body) {
        let (tokens, needs) = body.finish();
        self.items.push(Item {
            key: None,
            tokens,
            needs,
        });
    }

    /// Places `body` outside any validator function (an entry point, an
    /// impl): what it calls is live.
    pub(crate) fn root(&mut self, body: Body) -> TokenStream {
        let (tokens, needs) = body.finish();
        self.roots.merge(needs);
        tokens
    }

    /// The items that are reachable from the roots, in the order they were
    /// finished, and the `ENUM_<i>` statics they read.
    fn live_items(&mut self) -> (Vec<TokenStream>, BTreeSet<usize>) {
        let items = std::mem::take(&mut self.items);
        let mut stack: Vec<FnKey> = self.roots.calls.iter().cloned().collect();
        let mut enums = self.roots.enums.clone();
        for item in items.iter().filter(|i| i.key.is_none()) {
            stack.extend(item.needs.calls.iter().cloned());
            enums.extend(&item.needs.enums);
        }
        let by_key: BTreeMap<&FnKey, &Item> = items
            .iter()
            .filter_map(|i| i.key.as_ref().map(|k| (k, i)))
            .collect();
        let mut live: BTreeSet<FnKey> = BTreeSet::new();
        while let Some(k) = stack.pop() {
            if live.contains(&k) {
                continue;
            }
            if let Some(item) = by_key.get(&k) {
                stack.extend(item.needs.calls.iter().cloned());
                enums.extend(&item.needs.enums);
            }
            live.insert(k);
        }
        let kept = items
            .into_iter()
            .filter(|i| i.key.as_ref().is_none_or(|k| live.contains(k)))
            .map(|i| i.tokens)
            .collect();
        (kept, enums)
    }

    /// The public entry points the runtime calls.
    fn entry_points(&mut self) -> Result<TokenStream> {
        let document = match self.document {
            Some(root) => self.raw_call(root, &quote!(v), &quote!(at))?,
            None => None,
        };
        let document = match document {
            Some(call) => {
                let call = self.root(call);
                quote! {
                    /// Validates a callflow document.
                    pub(crate) fn document<S: Sink>(v: &Value, at: &Loc<'_>, s: &mut S) {
                        #call
                    }
                }
            }
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
            Some(call) => {
                let call = self.root(call);
                quote! {
                    /// Validates a callflow node.
                    pub(crate) fn node<S: Sink>(v: &Value, at: &Loc<'_>, s: &mut S) {
                        #call
                    }
                }
            }
            None => quote! {
                /// Validates a callflow node (no node schema constrains anything).
                pub(crate) fn node<S: Sink>(_: &Value, _: &Loc<'_>, _: &mut S) {}
            },
        };
        let dispatch = self.module_dispatch()?;
        let dispatch = self.root(dispatch);
        let module_sp = self.module_schema_path();
        // Only where a metaflow node schema calls it.
        let metaflow = match self.metaflow_node {
            Some(_) => {
                let body = self.metaflow_dispatch()?;
                self.root(body)
            }
            None => quote!(),
        };
        Ok(quote! {
            /// Where the rule "a node's module names a callflow schema" is.
            pub(crate) const MODULE_SCHEMA_PATH: &str = #module_sp;
            #document
            #node
            #dispatch
            #metaflow
        })
    }
}

/// One arm of a string switch: a name and what runs for it.
type Arm = (String, Option<TokenStream>);

/// What a string switch computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Switch {
    /// A `bool`: whether the key is one of the names, after running the
    /// arm's statements (`None`: none).
    Test,
    /// Statements: the arm's, nothing for other keys. Every arm has some.
    Run,
}

impl Switch {
    /// An arm's body.
    fn arm(self, body: &Option<TokenStream>) -> TokenStream {
        match (self, body) {
            (Switch::Test, None) => quote!(true),
            (Switch::Test, Some(b)) => quote!({ #b true }),
            (Switch::Run, b) => quote!({ #b }),
        }
    }

    /// What other keys get.
    fn default(self) -> TokenStream {
        match self {
            Switch::Test => quote!(false),
            Switch::Run => quote!({}),
        }
    }
}

/// A switch on `key` (a `&str` expression) over `arms`; with many names,
/// first by length (a jump table), then, among three or more names of one
/// length, by the byte where they differ most, so a key is compared with
/// about one name only.
pub(crate) fn string_switch(key: &TokenStream, arms: &[Arm], kind: Switch) -> TokenStream {
    let all: Vec<&Arm> = arms.iter().collect();
    if arms.len() <= 8 {
        return plain_switch(key, &all, kind);
    }
    let mut by_len: BTreeMap<usize, Vec<&Arm>> = BTreeMap::new();
    for arm in arms {
        by_len.entry(arm.0.len()).or_default().push(arm);
    }
    if by_len.len() == 1 {
        return byte_switch(key, &all, kind);
    }
    let default = kind.default();
    let groups = by_len.iter().map(|(len, group)| match group.as_slice() {
        [(name, body)] => {
            let body = kind.arm(body);
            let eq = str_eq(key, name);
            quote!(#len if #eq => #body,)
        }
        _ => {
            let inner = byte_switch(key, group, kind);
            quote!(#len => #inner,)
        }
    });
    quote!(match #key.len() { #(#groups)* _ => #default, })
}

/// A `match` (or an `if`) comparing `key` with each name in turn.
fn plain_switch(key: &TokenStream, arms: &[&Arm], kind: Switch) -> TokenStream {
    match (arms, kind) {
        ([(name, None)], Switch::Test) => str_eq(key, name),
        ([(name, Some(body))], Switch::Test) => {
            let eq = str_eq(key, name);
            quote!(if #eq { #body true } else { false })
        }
        ([(name, body)], Switch::Run) => {
            let eq = str_eq(key, name);
            quote!(if #eq { #body })
        }
        (_, Switch::Test) if arms.iter().all(|(_, body)| body.is_none()) => {
            let names = arms.iter().map(|(name, _)| name);
            quote!(::std::matches!(#key, #(#names)|*))
        }
        _ => {
            let default = kind.default();
            let arms = arms.iter().map(|(name, body)| {
                let body = kind.arm(body);
                quote!(#name => #body,)
            });
            quote!(match #key { #(#arms)* _ => #default, })
        }
    }
}

/// `key == name`, written `key.is_empty()` for the empty name.
pub(crate) fn str_eq(key: &TokenStream, name: &str) -> TokenStream {
    if name.is_empty() {
        quote!(#key.is_empty())
    } else {
        quote!(#key == #name)
    }
}

/// A switch over names of one length (that `key` is known to have): on
/// the byte position where the names differ most, then on the whole name.
fn byte_switch(key: &TokenStream, arms: &[&Arm], kind: Switch) -> TokenStream {
    if arms.len() < 3 {
        return plain_switch(key, arms, kind);
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
        return plain_switch(key, arms, kind);
    };
    if distinct(best) < 2 {
        return plain_switch(key, arms, kind);
    }
    let mut by_byte: BTreeMap<u8, Vec<&Arm>> = BTreeMap::new();
    for arm in arms {
        by_byte.entry(arm.0.as_bytes()[best]).or_default().push(arm);
    }
    let default = kind.default();
    let groups = by_byte.iter().map(|(b, group)| {
        let b = proc_macro2::Literal::byte_character(*b);
        match group.as_slice() {
            [(name, body)] => {
                let body = kind.arm(body);
                let eq = str_eq(key, name);
                quote!(#b if #eq => #body,)
            }
            _ => {
                let inner = byte_switch(key, group, kind);
                quote!(#b => #inner,)
            }
        }
    });
    quote!(match #key.as_bytes()[#best] { #(#groups)* _ => #default, })
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
