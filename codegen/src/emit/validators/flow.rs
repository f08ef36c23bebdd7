//! Kazoo's rule on top of draft 4 (`kazoo-validation` on
//! `callflows.action`): a node's `module` must name a callflow schema, its
//! `data` is checked against `callflows.<module>`, and children are nodes.
//! Also the typed `Validate` impl of the runtime's `Flow`, which checks the
//! node schema on the typed action, children and extra members.

use super::body::{Bind, Body, FnKey};
use super::objects::{Kind, Presence, Source};
use super::{Emitter, Switch};
use crate::emit::rust::ident_tokens;
use crate::error::Result;
use crate::ir::schema::{Additional, JsonType, NodeId, SchemaGraph};
use crate::ir::types::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;

/// The node members `Flow` writes from its own fields.
const NODE_MEMBERS: [&str; 3] = ["module", "data", "children"];

impl Emitter<'_> {
    /// Where unknown-module errors point: `kazoo-validation` on the node
    /// schema's `module`.
    pub(crate) fn module_schema_path(&self) -> String {
        crate::validation::module_schema_path(self.graph, self.flow_node, self.config)
    }

    /// `module_data(module, data, at, s) -> bool`: validates `data` against
    /// `callflows.<module>`; `false` when no schema has that name.
    pub(crate) fn module_dispatch(&mut self) -> Result<Body> {
        let rt = self.rt.clone();
        let mut all = Body::default();
        let mut arms = Vec::new();
        let modules = crate::validation::module_roots(self.graph, &self.space.modules);
        for (name, root) in modules {
            // Kept out of `module_data`, which then is a bare dispatch (it
            // would otherwise pay for the frames of every module inlined
            // into it on every call).
            self.out_of_line.insert(FnKey::Raw(self.graph.deref(root)));
            let call = self.raw_call(root, &quote!(data), &quote!(at))?;
            arms.push((name, call.map(|c| all.absorb(c))));
        }
        if arms.iter().all(|(_, call)| call.is_none()) {
            return Ok(Body::leaf(quote! {
                /// Whether `module` names a callflow schema (none constrains its data).
                pub(crate) fn module_data<S: Sink>(module: &str, _: &Value, _: &Loc<'_>, _: &mut S) -> bool {
                    #rt::Action::is_known_module(module)
                }
            }));
        }
        let switch = super::string_switch(&quote!(module), &arms, Switch::Test);
        all.extend(quote! {
            /// Validates `data` against `callflows.<module>`; `false` when no
            /// schema has that name.
            pub(crate) fn module_data<S: Sink>(module: &str, data: &Value, at: &Loc<'_>, s: &mut S) -> bool {
                #switch
            }
        });
        Ok(all)
    }

    /// The Kazoo rule, in the object function of a callflow node schema,
    /// on the `module_v` and `data_v` members it kept.
    pub(crate) fn kazoo_hook(&mut self, n: NodeId) -> Result<Vec<Body>> {
        let rt = self.rt.clone();
        let mut out = vec![Body::walking(quote! {
            if let Some(Value::String(module)) = module_v {
                let known = match data_v {
                    Some(d) => module_data(module, d, &at.key("data"), s),
                    None => #rt::Action::is_known_module(module),
                };
                if !known {
                    kw::unknown_module(s, &at.key("module"), MODULE_SCHEMA_PATH, module);
                }
            }
        })];
        if !children_recurse(self.graph, n)
            && let Some(f) = self.raw_fn(n)?
        {
            out.push(f.call(quote!((y, &at.key(k), s);)).wrap(|call| {
                quote! {
                    if let Some(Value::Object(children)) = x.get("children") {
                        let at = &at.key("children");
                        for (k, y) in children {
                            #call
                        }
                    }
                }
            }));
        }
        Ok(out)
    }

    /// `impl Validate for Flow`.
    pub(crate) fn flow_impl(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let body = match self.flow_node {
            Some(f) => self.flow_body(f)?,
            None => None,
        };
        Ok(self.node_validate_impl(quote!(#rt::Flow), body))
    }

    /// `impl Validate for NODE_TYPE` running `body` at the node (nothing
    /// when there is no body): shared by `Flow` and `Metaflow`.
    pub(crate) fn node_validate_impl(
        &mut self,
        node_type: TokenStream,
        body: Option<Body>,
    ) -> TokenStream {
        let rt = self.rt.clone();
        let method = match body {
            None => quote!(
                fn validate_at<S: Sink>(&self, _: &Loc<'_>, _: &mut S) {}
            ),
            Some(body) => {
                let body = self.root(body);
                quote! {
                    fn validate_at<S: Sink>(&self, at: &Loc<'_>, s: &mut S) {
                        #body
                    }
                }
            }
        };
        quote! {
            impl #rt::validate::Validate for #node_type {
                #method
            }
        }
    }

    /// The typed arms of `impl Validate` for an action enum (`Action`, or
    /// `MetaflowAction` with `metaflow`): each variant's data against its
    /// module's schema; with whether every variant has an arm.
    pub(crate) fn typed_module_arms(
        &mut self,
        metaflow: bool,
        action: &TokenStream,
    ) -> Result<(Vec<TokenStream>, bool)> {
        let list = if metaflow {
            &self.space.metaflow_modules
        } else {
            &self.space.modules
        };
        let modules: Vec<(String, TypeRef, NodeId)> = list
            .iter()
            .map(|m| {
                (
                    m.variant.clone(),
                    m.data.clone(),
                    self.graph.file(m.file).root,
                )
            })
            .collect();
        let mut arms = Vec::new();
        let mut all = true;
        for (variant, ty, root) in modules {
            let v = ident_tokens(&variant);
            match self.typed_call(root, &ty, &quote!(d), &quote!(at))? {
                Some(call) => {
                    let call = self.root(call);
                    arms.push(quote!(#action::#v(d) => { #call }));
                }
                None => all = false,
            }
        }
        Ok((arms, all))
    }

    /// `impl Validate for Action`: the data against its module's schema
    /// (paths relative to the data); an unknown module is one error.
    pub(crate) fn action_impl(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let (arms, all) = self.typed_module_arms(false, &quote!(#rt::Action))?;
        let rest = if all { quote!() } else { quote!(_ => {}) };
        Ok(quote! {
            impl #rt::validate::Validate for #rt::Action {
                fn validate_at<S: Sink>(&self, at: &Loc<'_>, s: &mut S) {
                    match self {
                        #(#arms)*
                        #rt::Action::Other(raw) => {
                            let known = match &raw.data {
                                Some(d) => module_data(&raw.module, d, at, s),
                                None => #rt::Action::is_known_module(&raw.module),
                            };
                            if !known {
                                kw::unknown_module(s, at, MODULE_SCHEMA_PATH, &raw.module);
                            }
                        }
                        #rest
                    }
                }
            }
        })
    }

    fn flow_body(&mut self, f: NodeId) -> Result<Option<Body>> {
        let rt = self.rt.clone();
        if self.needs_fallback(f, &TypeRef::Flow) {
            return self.raw_call(f, &quote!(&kw::to_value(self)), &quote!(at));
        }
        let node = self.graph.node(f);
        let sp_f = self.graph.schema_path(f);
        let mut parts: Vec<Body> = Vec::new();
        if let Some(mask) = self.type_mask(f)
            && mask & super::type_bit(JsonType::Object) == 0
        {
            let sp = self.sp(f, "type");
            let mask = Self::mask_tokens(mask);
            parts.push(Body::leaf(
                quote!(kw::wrong_type(s, at, #sp, #mask, || String::from("an object"));),
            ));
        }
        if node.min_properties.is_some() || node.max_properties.is_some() {
            parts.push(
                Body::leaf(quote! {
                    let count = 1 + usize::from(data_written) + usize::from(children_written)
                        + extra
                            .keys()
                            .filter(|k| !(*k == "module" || (*k == "data" && data_written) || (*k == "children" && children_written)))
                            .count();
                })
                .reads(Bind::Extra)
                .reads(Bind::DataWritten)
                .reads(Bind::ChildrenWritten),
            );
            parts.extend(
                self.property_counts(f, &quote!(count), &quote!(at))
                    .into_iter()
                    .map(Body::leaf),
            );
        }
        // `module`
        let module_at = quote!(&at.key("module"));
        let applicable = self.applicable(f, "module");
        for a in &applicable.nodes {
            parts.extend(self.typed_call(
                *a,
                &TypeRef::String,
                &quote!(self.action.module()),
                &module_at,
            )?);
        }
        if applicable.forbidden {
            parts.push(self.not_allowed(f, &quote!("module"), &quote!(at)));
        }
        // `data`: typed by module, or raw for `Action::Other`, in a function
        // of its own so that the frames of nested nodes stay small.
        let data = self.flow_data(f)?.wrap(|data| {
            quote! {
                /// A node's `data` against its module's schema.
                #[inline(never)]
                fn node_data<S: Sink>(node: &#rt::Flow, data_written: bool, at: &Loc<'_>, s: &mut S) {
                    let extra = &node.extra;
                    #data
                }
            }
        });
        self.item(data);
        parts.push(
            Body::walking(quote!(node_data(self, data_written, at, s);)).reads(Bind::DataWritten),
        );
        // `children`
        parts.push(self.flow_children(f)?);
        // `required`, `dependencies`
        let has = |name: &str| -> Presence {
            match name {
                "module" => Presence::Always,
                "data" => Presence::Expr(
                    Body::leaf(quote!(data_written || extra.contains_key("data")))
                        .reads(Bind::DataWritten)
                        .reads(Bind::Extra),
                ),
                "children" => Presence::Expr(
                    Body::leaf(quote!(children_written || extra.contains_key("children")))
                        .reads(Bind::ChildrenWritten)
                        .reads(Bind::Extra),
                ),
                other => Presence::Expr(
                    Body::leaf(quote!(extra.contains_key(#other))).reads(Bind::Extra),
                ),
            }
        };
        parts.extend(self.required_checks(f, &has, &quote!(at)));
        parts.extend(self.dependency_checks(f, &has, &quote!(at)));
        // Other members.
        let skip: Vec<String> = NODE_MEMBERS.iter().map(|s| s.to_string()).collect();
        let props: Vec<(String, NodeId)> = node
            .properties
            .iter()
            .filter(|(p, _)| !skip.contains(p))
            .cloned()
            .collect();
        let source = Source {
            iter: quote!(extra),
            keys: quote!(extra.keys()),
            kind: Kind::Raw,
            binds: vec![Bind::Extra],
        };
        parts.extend(self.member_loop(f, &source, &skip, &props, &quote!(at))?);
        // Kazoo 4.0: children are nodes though the schema does not say so.
        if !children_recurse(self.graph, f)
            && let Some(raw) = self.raw_fn(f)?
        {
            let call = raw.call(quote!((y, &at.key(k), s);));
            parts.push(
                call.wrap(|call| {
                    quote! {
                        if children_written {
                            let at = &at.key("children");
                            for (k, y) in self.children.iter() {
                                #rt::validate::Validate::validate_at(y, &at.key(k), s);
                            }
                            for (k, y) in self.children.invalid() {
                                #call
                            }
                        } else if let Some(Value::Object(children)) = extra.get("children") {
                            let at = &at.key("children");
                            for (k, y) in children {
                                #call
                            }
                        }
                    }
                })
                .reads(Bind::ChildrenWritten)
                .reads(Bind::Extra),
            );
        }
        let body = Body::join(parts);
        let mut preamble = vec![quote!(if kw::too_deep(s, at, #sp_f) { return; })];
        if body.binds(Bind::Extra) {
            preamble.push(quote!(let extra = &self.extra;));
        }
        if body.binds(Bind::DataWritten) {
            preamble.push(quote!(let data_written = self.action.has_data();));
        }
        if body.binds(Bind::ChildrenWritten) {
            preamble
                .push(quote!(let children_written = self.children != #rt::Children::default();));
        }
        let body = body
            .declares(Bind::Extra)
            .declares(Bind::DataWritten)
            .declares(Bind::ChildrenWritten);
        Ok(Some(body.walks().wrap(|body| quote!(#(#preamble)* #body))))
    }

    /// The node's `data`: each module's typed data against the `data`
    /// property and the module's schema; raw data of `Action::Other`
    /// against the same, plus the unknown-module rule. Runs where `extra`
    /// and `data_written` are bound.
    fn flow_data(&mut self, f: NodeId) -> Result<Body> {
        let rt = self.rt.clone();
        let data_at = quote!(&at.key("data"));
        let applicable = self.applicable(f, "data");
        let mut out = Body::walking(TokenStream::new());
        let forbid = applicable.forbidden.then(|| {
            let call = out.absorb(self.not_allowed(f, &quote!("data"), &quote!(at)));
            quote!(if data_written || extra.contains_key("data") { #call })
        });
        let modules: Vec<(String, TypeRef, NodeId)> = self
            .space
            .modules
            .iter()
            .map(|m| {
                (
                    m.variant.clone(),
                    m.data.clone(),
                    self.graph.file(m.file).root,
                )
            })
            .collect();
        let mut arms = Vec::new();
        let mut all = true;
        for (variant, ty, root) in modules {
            let v = ident_tokens(&variant);
            let mut calls = Vec::new();
            for a in &applicable.nodes {
                calls.extend(self.typed_call(*a, &ty, &quote!(d), &data_at)?);
            }
            calls.extend(self.typed_call(root, &ty, &quote!(d), &data_at)?);
            if calls.is_empty() {
                all = false;
            } else {
                let calls = out.absorb(Body::join(calls));
                arms.push(quote!(#rt::Action::#v(d) => { #calls }));
            }
        }
        let mut raw_calls = Vec::new();
        for a in &applicable.nodes {
            raw_calls.extend(self.raw_call(*a, &quote!(d), &data_at)?);
        }
        let raw_data = if raw_calls.is_empty() {
            quote!()
        } else {
            let calls = out.absorb(Body::join(raw_calls));
            quote!(if let Some(d) = data { #calls })
        };
        let rest = if all { quote!() } else { quote!(_ => {}) };
        out.extend(quote! {
            match &node.action {
                #(#arms)*
                #rt::Action::Other(raw) => {
                    let data = if data_written { raw.data.as_ref() } else { extra.get("data") };
                    #raw_data
                    let known = match data {
                        Some(d) => module_data(&raw.module, d, #data_at, s),
                        None => #rt::Action::is_known_module(&raw.module),
                    };
                    if !known {
                        kw::unknown_module(s, &at.key("module"), MODULE_SCHEMA_PATH, &raw.module);
                    }
                }
                #rest
            }
            #forbid
        });
        Ok(out)
    }

    /// The node's `children`: typed child nodes and raw leftovers against
    /// the `children` schemas, or a raw `children` member kept in `extra`.
    fn flow_children(&mut self, f: NodeId) -> Result<Body> {
        let applicable = self.applicable(f, "children");
        let children_at = quote!(children_at);
        let mut out = Body::default();
        let mut typed = Vec::new();
        let mut raw = Vec::new();
        for a in &applicable.nodes {
            let a = self.graph.deref(*a);
            raw.extend(self.raw_call(a, &quote!(c), &children_at)?);
            if self.raw_fn(a)?.is_none() {
                continue;
            }
            if self.needs_fallback(a, &TypeRef::Any) {
                typed.extend(self.raw_call(
                    a,
                    &quote!(&kw::to_value(&self.children)),
                    &children_at,
                )?);
                continue;
            }
            if let Some(mask) = self.type_mask(a)
                && mask & super::type_bit(JsonType::Object) == 0
            {
                let sp = self.sp(a, "type");
                let mask = Self::mask_tokens(mask);
                typed.push(Body::leaf(quote!(kw::wrong_type(s, children_at, #sp, #mask, || String::from("an object"));)));
            }
            let sources = [
                Source {
                    iter: quote!(self.children.iter()),
                    keys: quote!(self.children.keys()),
                    kind: Kind::Typed(TypeRef::Flow),
                    binds: Vec::new(),
                },
                Source {
                    iter: quote!(self.children.invalid()),
                    keys: quote!(self.children.invalid().keys()),
                    kind: Kind::Raw,
                    binds: Vec::new(),
                },
            ];
            typed.extend(self.object_checks(
                a,
                &sources,
                &quote!(self.children.len() + self.children.invalid().len()),
                &|name: &str| {
                    Presence::Expr(Body::leaf(quote!(
                        self.children.get(#name).is_some() || self.children.invalid().contains_key(#name)
                    )))
                },
                &children_at,
            )?);
        }
        let forbid = applicable.forbidden.then(|| {
            let call = out.absorb(self.not_allowed(f, &quote!("children"), &quote!(at)));
            quote!(if children_written || extra.contains_key("children") { #call })
        });
        if forbid.is_some() {
            out = out.reads(Bind::ChildrenWritten).reads(Bind::Extra);
        }
        let has_typed = !typed.is_empty();
        let has_raw = !raw.is_empty();
        let typed = out.absorb(Body::join(typed));
        let raw = out.absorb(Body::join(raw));
        let raw_part = quote! {
            let children_at = &at.key("children");
            #raw
        };
        let checks = match (has_typed, has_raw) {
            (false, false) => quote!(),
            (true, false) => quote! {
                if children_written {
                    let children_at = &at.key("children");
                    #typed
                }
            },
            (false, true) => quote! {
                if !children_written && let Some(c) = extra.get("children") { #raw_part }
            },
            (true, true) => quote! {
                if children_written {
                    let children_at = &at.key("children");
                    #typed
                } else if let Some(c) = extra.get("children") {
                    #raw_part
                }
            },
        };
        if has_typed {
            out = out.reads(Bind::ChildrenWritten).walks();
        }
        if has_raw {
            out = out.reads(Bind::ChildrenWritten).reads(Bind::Extra).walks();
        }
        out.extend(quote!(#checks #forbid));
        Ok(out)
    }
}

/// Whether the node schema `f`'s `children` recurse into nodes by itself
/// (Kazoo 4.1 on); otherwise validation recurses (Kazoo 4.0).
pub(crate) fn children_recurse(g: &SchemaGraph, f: NodeId) -> bool {
    let Some(c) = g.node(f).property("children") else {
        return false;
    };
    let c = g.node(g.deref(c));
    c.pattern_properties.iter().any(|(_, p)| g.deref(*p) == f)
        || matches!(&c.additional_properties, Some(Additional::Schema(a)) if g.deref(*a) == f)
}
