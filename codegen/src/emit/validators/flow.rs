//! Kazoo's rule on top of draft 4 (`kazoo-validation` on
//! `callflows.action`): a node's `module` must name a callflow schema, its
//! `data` is checked against `callflows.<module>`, and children are nodes.
//! Also the typed `Validate` impl of the runtime's `Flow`, which checks the
//! node schema on the typed action, children and extra members.

use super::Emitter;
use super::objects::{Kind, Presence, Source};
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
        let base = match self.flow_node {
            Some(f) => self.graph.schema_path(f),
            None => String::from("callflows.action#"),
        };
        ["properties", "module", "kazoo-validation"]
            .iter()
            .fold(base, |acc, t| crate::pointer::push(&acc, t))
    }

    /// `module_data(module, data, at, s) -> bool`: validates `data` against
    /// `callflows.<module>`; `false` when no schema has that name.
    pub(crate) fn module_dispatch(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let mut arms = Vec::new();
        let modules: Vec<(String, NodeId)> = self
            .space
            .modules
            .iter()
            .map(|m| (m.name.clone(), self.graph.file(m.file).root))
            .collect();
        for (name, root) in modules {
            // Kept out of `module_data`, which then is a bare dispatch (it
            // would otherwise pay for the frames of every module inlined
            // into it on every call).
            let f = format!("n{}", self.graph.deref(root).0);
            self.out_of_line.insert(f);
            let body = match self.raw_call(root, &quote!(data), &quote!(at))? {
                Some(call) => quote!({ #call true }),
                None => quote!(true),
            };
            arms.push((name, body));
        }
        if arms.iter().all(|(_, b)| b.to_string() == "true") {
            return Ok(quote! {
                /// Whether `module` names a callflow schema (none constrains its data).
                pub(crate) fn module_data<S: Sink>(module: &str, _: &Value, _: &Loc<'_>, _: &mut S) -> bool {
                    #rt::Action::is_known_module(module)
                }
            });
        }
        let switch = super::string_switch(&quote!(module), &arms, &quote!(false));
        Ok(quote! {
            /// Validates `data` against `callflows.<module>`; `false` when no
            /// schema has that name.
            pub(crate) fn module_data<S: Sink>(module: &str, data: &Value, at: &Loc<'_>, s: &mut S) -> bool {
                #switch
            }
        })
    }

    /// The Kazoo rule, in the object function of a callflow node schema,
    /// on the `module_v` and `data_v` members it kept.
    pub(crate) fn kazoo_hook(&mut self, n: NodeId) -> Result<Vec<TokenStream>> {
        let rt = self.rt.clone();
        let mut out = vec![quote! {
            if let Some(Value::String(module)) = module_v {
                let known = match data_v {
                    Some(d) => module_data(module, d, &at.key("data"), s),
                    None => #rt::Action::is_known_module(module),
                };
                if !known {
                    kw::unknown_module(s, &at.key("module"), MODULE_SCHEMA_PATH, module);
                }
            }
        }];
        if !children_recurse(self.graph, n)
            && let Some(f) = self.raw_fn(n)?
        {
            out.push(quote! {
                if let Some(Value::Object(children)) = x.get("children") {
                    let at = &at.key("children");
                    for (k, y) in children {
                        #f(y, &at.key(k), s);
                    }
                }
            });
        }
        Ok(out)
    }

    /// `impl Validate for Flow`.
    pub(crate) fn flow_impl(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let body = match self.flow_node {
            Some(f) => self.flow_body(f)?,
            None => TokenStream::new(),
        };
        let method = if body.is_empty() {
            quote!(
                fn validate_at<S: Sink>(&self, _: &Loc<'_>, _: &mut S) {}
            )
        } else {
            quote! {
                fn validate_at<S: Sink>(&self, at: &Loc<'_>, s: &mut S) {
                    #body
                }
            }
        };
        Ok(quote! {
            impl #rt::validate::Validate for #rt::Flow {
                #method
            }
        })
    }

    /// `impl Validate for Action`: the data against its module's schema
    /// (paths relative to the data); an unknown module is one error.
    pub(crate) fn action_impl(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
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
            match self.typed_call(root, &ty, &quote!(d), &quote!(at))? {
                Some(call) => arms.push(quote!(#rt::Action::#v(d) => { #call })),
                None => all = false,
            }
        }
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

    fn flow_body(&mut self, f: NodeId) -> Result<TokenStream> {
        let rt = self.rt.clone();
        if self.needs_fallback(f, &TypeRef::Flow) {
            let call = self.raw_call(f, &quote!(&kw::to_value(self)), &quote!(at))?;
            return Ok(quote!(#call));
        }
        let node = self.graph.node(f);
        let sp_f = self.graph.schema_path(f);
        let mut parts = Vec::new();
        if let Some(mask) = self.type_mask(f)
            && mask & super::type_bit(JsonType::Object) == 0
        {
            let sp = self.sp(f, "type");
            let mask = Self::mask_tokens(mask);
            parts.push(quote!(kw::wrong_type(s, at, #sp, #mask, || String::from("an object"));));
        }
        if node.min_properties.is_some() || node.max_properties.is_some() {
            parts.push(quote! {
                let count = 1 + usize::from(data_written) + usize::from(children_written)
                    + extra
                        .keys()
                        .filter(|k| !(*k == "module" || (*k == "data" && data_written) || (*k == "children" && children_written)))
                        .count();
            });
            parts.extend(self.property_counts(f, &quote!(count), &quote!(at)));
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
        let data = self.flow_data(f)?;
        self.items.push(quote! {
            /// A node's `data` against its module's schema.
            #[inline(never)]
            fn node_data<S: Sink>(node: &#rt::Flow, data_written: bool, at: &Loc<'_>, s: &mut S) {
                let extra = &node.extra;
                #data
            }
        });
        parts.push(quote!(node_data(self, data_written, at, s);));
        // `children`
        parts.push(self.flow_children(f)?);
        // `required`, `dependencies`
        let has = |name: &str| -> Presence {
            match name {
                "module" => Presence::Always,
                "data" => Presence::Expr(quote!(data_written || extra.contains_key("data"))),
                "children" => {
                    Presence::Expr(quote!(children_written || extra.contains_key("children")))
                }
                other => Presence::Expr(quote!(extra.contains_key(#other))),
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
        };
        parts.extend(self.member_loop(f, &source, &skip, &props, &quote!(at))?);
        // Kazoo 4.0: children are nodes though the schema does not say so.
        if !children_recurse(self.graph, f)
            && let Some(raw) = self.raw_fn(f)?
        {
            parts.push(quote! {
                if children_written {
                    let at = &at.key("children");
                    for (k, y) in self.children.iter() {
                        #rt::validate::Validate::validate_at(y, &at.key(k), s);
                    }
                    for (k, y) in self.children.invalid() {
                        #raw(y, &at.key(k), s);
                    }
                } else if let Some(Value::Object(children)) = extra.get("children") {
                    let at = &at.key("children");
                    for (k, y) in children {
                        #raw(y, &at.key(k), s);
                    }
                }
            });
        }
        let body = quote!(#(#parts)*);
        let mut preamble = vec![quote!(if kw::too_deep(s, at, #sp_f) { return; })];
        if super::mentions(&body, "extra") {
            preamble.push(quote!(let extra = &self.extra;));
        }
        if super::mentions(&body, "data_written") {
            preamble.push(quote!(let data_written = self.action.has_data();));
        }
        if super::mentions(&body, "children_written") {
            preamble
                .push(quote!(let children_written = self.children != #rt::Children::default();));
        }
        Ok(quote!(#(#preamble)* #body))
    }

    /// The node's `data`: each module's typed data against the `data`
    /// property and the module's schema; raw data of `Action::Other`
    /// against the same, plus the unknown-module rule.
    fn flow_data(&mut self, f: NodeId) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let data_at = quote!(&at.key("data"));
        let applicable = self.applicable(f, "data");
        let forbid = applicable.forbidden.then(|| {
            let call = self.not_allowed(f, &quote!("data"), &quote!(at));
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
                arms.push(quote!(#rt::Action::#v(d) => { #(#calls)* }));
            }
        }
        let mut raw_calls = Vec::new();
        for a in &applicable.nodes {
            raw_calls.extend(self.raw_call(*a, &quote!(d), &data_at)?);
        }
        let raw_data = if raw_calls.is_empty() {
            quote!()
        } else {
            quote!(if let Some(d) = data { #(#raw_calls)* })
        };
        let rest = if all { quote!() } else { quote!(_ => {}) };
        Ok(quote! {
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
        })
    }

    /// The node's `children`: typed child nodes and raw leftovers against
    /// the `children` schemas, or a raw `children` member kept in `extra`.
    fn flow_children(&mut self, f: NodeId) -> Result<TokenStream> {
        let applicable = self.applicable(f, "children");
        let children_at = quote!(children_at);
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
                typed.push(quote!(kw::wrong_type(s, children_at, #sp, #mask, || String::from("an object"));));
            }
            let sources = [
                Source {
                    iter: quote!(self.children.iter()),
                    keys: quote!(self.children.keys()),
                    kind: Kind::Typed(TypeRef::Flow),
                },
                Source {
                    iter: quote!(self.children.invalid()),
                    keys: quote!(self.children.invalid().keys()),
                    kind: Kind::Raw,
                },
            ];
            typed.extend(self.object_checks(
                a,
                &sources,
                &quote!(self.children.len() + self.children.invalid().len()),
                &|name: &str| {
                    Presence::Expr(quote!(
                        self.children.get(#name).is_some() || self.children.invalid().contains_key(#name)
                    ))
                },
                &children_at,
            )?);
        }
        let forbid = applicable.forbidden.then(|| {
            let call = self.not_allowed(f, &quote!("children"), &quote!(at));
            quote!(if children_written || extra.contains_key("children") { #call })
        });
        let raw_part = quote! {
            let children_at = &at.key("children");
            #(#raw)*
        };
        let checks = match (typed.is_empty(), raw.is_empty()) {
            (true, true) => quote!(),
            (false, true) => quote! {
                if children_written {
                    let children_at = &at.key("children");
                    #(#typed)*
                }
            },
            (true, false) => quote! {
                if !children_written && let Some(c) = extra.get("children") { #raw_part }
            },
            (false, false) => quote! {
                if children_written {
                    let children_at = &at.key("children");
                    #(#typed)*
                } else if let Some(c) = extra.get("children") {
                    #raw_part
                }
            },
        };
        Ok(quote!(#checks #forbid))
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
