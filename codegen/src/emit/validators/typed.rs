//! Typed validators: `t<id>_<k>(x: &T, …)` per (schema node, Rust type),
//! checking the node's keywords on fields, strings, numbers and collections
//! directly, and `Validate` impls for every generated type. A struct's
//! `extra` members are checked raw, including extra members named like a
//! declared property (they win when serialized).

use super::body::{Body, FnKey};
use super::objects::{Kind, Presence, Source};
use super::{Callee, Emitter};
use crate::emit::rust::ident_tokens;
use crate::error::Result;
use crate::ir::schema::{Dependency, Items, JsonType, NodeId};
use crate::ir::types::{StructDef, TypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_> {
    /// A statement validating typed value `x` (an expression of type `&T`)
    /// at `at` against `node`; `None` when nothing can fail.
    pub(crate) fn typed_call(
        &mut self,
        node: NodeId,
        ty: &TypeRef,
        x: &TokenStream,
        at: &TokenStream,
    ) -> Result<Option<Body>> {
        let n = self.graph.deref(node);
        match ty {
            TypeRef::Any => return self.raw_call(n, x, at),
            TypeRef::Flow if Some(n) == self.flow_node => {
                let rt = &self.rt;
                return Ok(Some(Body::walking(
                    quote!(#rt::validate::Validate::validate_at(#x, #at, s);),
                )));
            }
            TypeRef::Flow => return self.fallback_call(n, x, at),
            TypeRef::Metaflow if Some(n) == self.metaflow_type_node => {
                let rt = &self.rt;
                return Ok(Some(Body::walking(
                    quote!(#rt::validate::Validate::validate_at(#x, #at, s);),
                )));
            }
            TypeRef::Metaflow => return self.fallback_call(n, x, at),
            _ => {}
        }
        if self.needs_fallback(n, ty) {
            return self.fallback_call(n, x, at);
        }
        Ok(self.typed_fn(n, ty)?.map(|f| f.call(quote!((#x, #at, s);))))
    }

    /// Validates the JSON of typed `x` with the raw function.
    fn fallback_call(
        &mut self,
        n: NodeId,
        x: &TokenStream,
        at: &TokenStream,
    ) -> Result<Option<Body>> {
        self.raw_call(n, &quote!(&kw::to_value(#x)), at)
    }

    /// Whether a keyword of `n` needs the whole JSON value of a `ty`.
    pub(crate) fn needs_fallback(&self, n: NodeId, ty: &TypeRef) -> bool {
        let node = self.graph.node(n);
        let string_typed = match ty {
            TypeRef::String => true,
            TypeRef::Named(id) => matches!(self.space.get(*id).kind, TypeKind::Enum(_)),
            _ => false,
        };
        let string_enum = node
            .enumeration
            .as_ref()
            .is_none_or(|values| string_typed && values.iter().all(|v| v.is_string()));
        !node.all_of.is_empty()
            || !node.any_of.is_empty()
            || !node.one_of.is_empty()
            || node.not.is_some()
            || node
                .dependencies
                .iter()
                .any(|(_, d)| matches!(d, Dependency::Schema(_)))
            || !string_enum
            || (self.flow_nodes.contains(&n) && *ty != TypeRef::Flow)
            || (self.metaflow_node == Some(n) && *ty != TypeRef::Metaflow)
            || matches!(ty, TypeRef::Named(id) if matches!(self.space.get(*id).kind, TypeKind::Tagged(_)))
            || (matches!(ty, TypeRef::Array(_)) && matches!(node.items, Some(Items::Tuple(_))))
    }

    /// The parameter type of a typed function for `ty`.
    fn param_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote!(&str),
            TypeRef::Array(inner) => {
                let inner = self.rust_type(inner);
                quote!(&[#inner])
            }
            other => {
                let t = self.rust_type(other);
                quote!(&#t)
            }
        }
    }

    /// The typed function for (`n`, `ty`), generated on first use.
    fn typed_fn(&mut self, n: NodeId, ty: &TypeRef) -> Result<Option<Callee>> {
        let name = self.typed_name(n, ty);
        let doc = format!(
            "{} for a typed `{}`",
            self.graph.schema_path(n),
            type_label(self, ty)
        );
        let param_ty = self.param_type(ty);
        self.define(
            FnKey::Typed(n, ty.clone()),
            name,
            &doc,
            (quote!(x), param_ty),
            |e| e.typed_body(n, ty),
        )
    }

    /// A static `type` check: an error when the node's `type` excludes
    /// `t`, whose JSON text `found` builds.
    fn static_type(&self, n: NodeId, t: JsonType, found: TokenStream) -> Option<Body> {
        let mask = self.type_mask(n)?;
        let bit = super::type_bit(t);
        let allowed = mask & bit != 0
            || (t == JsonType::Integer && mask & super::type_bit(JsonType::Number) != 0);
        if allowed {
            return None;
        }
        let sp = self.sp(n, "type");
        let mask = Self::mask_tokens(mask);
        let check = quote!(kw::wrong_type(s, at, #sp, #mask, || #found););
        // Null, array and object values are shown by their type alone.
        Some(
            if matches!(t, JsonType::Null | JsonType::Array | JsonType::Object) {
                Body::without_value(check)
            } else {
                Body::leaf(check)
            },
        )
    }

    /// A string `enum` check on `x` (a `&str`), unless every value of
    /// `known` (an enum type's values) is allowed anyway.
    fn string_enum(&self, n: NodeId, x: &TokenStream, known: Option<&[String]>) -> Option<Body> {
        let values = self.graph.node(n).enumeration.as_ref()?;
        let strs: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
        if known.is_some_and(|k| k.iter().all(|v| strs.contains(&v.as_str()))) {
            return None;
        }
        let sp = self.sp(n, "enum");
        Some(Body::leaf(quote! {
            if !matches!(#x, #(#strs)|*) {
                kw::enum_miss_str(s, at, #sp, #x, &[#(#strs),*]);
            }
        }))
    }

    fn typed_body(&mut self, n: NodeId, ty: &TypeRef) -> Result<Option<Body>> {
        let mut parts: Vec<Body> = Vec::new();
        match ty {
            TypeRef::String => {
                parts.extend(self.static_type(n, JsonType::String, quote!(kw::show_string(x))));
                parts.extend(self.string_enum(n, &quote!(x), None));
                parts.extend(
                    self.string_checks(n, &quote!(x))?
                        .into_iter()
                        .map(Body::leaf),
                );
            }
            TypeRef::Integer => {
                parts.extend(self.static_type(n, JsonType::Integer, quote!(x.to_string())));
                let checks = self.number_checks(n, &quote!(&number));
                if !checks.is_empty() {
                    parts.push(Body::leaf(
                        quote!(let number = ::serde_json::Number::from(*x);),
                    ));
                    parts.extend(checks.into_iter().map(Body::leaf));
                }
            }
            TypeRef::Number => {
                if let Some(mask) = self.type_mask(n) {
                    let sp = self.sp(n, "type");
                    let mask = Self::mask_tokens(mask);
                    parts.push(Body::leaf(
                        quote!(kw::check_number_type(s, at, #sp, #mask, x);),
                    ));
                }
                parts.extend(
                    self.number_checks(n, &quote!(x))
                        .into_iter()
                        .map(Body::leaf),
                );
            }
            TypeRef::Boolean => {
                parts.extend(self.static_type(n, JsonType::Boolean, quote!(x.to_string())));
            }
            TypeRef::Null => {
                parts.extend(self.static_type(n, JsonType::Null, quote!(String::from("null"))));
            }
            TypeRef::Array(inner) => {
                parts.extend(self.static_type(
                    n,
                    JsonType::Array,
                    quote!(String::from("an array")),
                ));
                parts.extend(self.typed_array_checks(n, inner)?);
            }
            TypeRef::Map(inner) => {
                parts.extend(self.static_type(
                    n,
                    JsonType::Object,
                    quote!(String::from("an object")),
                ));
                let sources = [Source {
                    iter: quote!(x),
                    keys: quote!(x.keys()),
                    kind: Kind::Typed((**inner).clone()),
                    binds: Vec::new(),
                }];
                parts.extend(self.object_checks(
                    n,
                    &sources,
                    &quote!(x.len()),
                    &|name: &str| Presence::Expr(Body::leaf(quote!(x.contains_key(#name)))),
                    &quote!(at),
                )?);
            }
            TypeRef::Object => {
                parts.extend(self.static_type(
                    n,
                    JsonType::Object,
                    quote!(String::from("an object")),
                ));
                if let Some(o) = self.obj_fn(n)? {
                    parts.push(o.call(quote!((x, at, s);)));
                }
            }
            TypeRef::Named(id) => parts.extend(self.named_body(n, *id)?),
            // Handled by `typed_call`.
            TypeRef::Any | TypeRef::Flow | TypeRef::Metaflow => {}
        }
        if parts.is_empty() {
            return Ok(None);
        }
        if self.recursive.contains(&n) {
            let sp = self.graph.schema_path(n);
            parts.insert(
                0,
                Body::without_value(quote!(if kw::too_deep(s, at, #sp) { return; })).walks(),
            );
        }
        Ok(Some(Body::join(parts)))
    }

    fn typed_array_checks(&mut self, n: NodeId, inner: &TypeRef) -> Result<Vec<Body>> {
        let node = self.graph.node(n);
        let mut out: Vec<Body> = self
            .item_count_checks(n)
            .into_iter()
            .map(Body::leaf)
            .collect();
        if node.unique_items {
            let sp = self.sp(n, "uniqueItems");
            let ordered = match inner {
                TypeRef::String | TypeRef::Integer | TypeRef::Boolean => true,
                TypeRef::Named(id) => matches!(self.space.get(*id).kind, TypeKind::Enum(_)),
                _ => false,
            };
            out.push(Body::leaf(if ordered {
                quote!(kw::unique(s, at, #sp, kw::first_duplicate_ord(x));)
            } else {
                quote! {
                    let values: ::std::vec::Vec<Value> = x.iter().map(kw::to_value).collect();
                    kw::unique(s, at, #sp, kw::first_duplicate(&values));
                }
            }));
        }
        if let Some(Items::All(item)) = &node.items
            && let Some(call) = self.typed_call(*item, inner, &quote!(y), &quote!(&at.index(i)))?
        {
            out.push(call.wrap(|call| {
                quote! {
                    for (i, y) in x.iter().enumerate() {
                        #call
                    }
                }
            }));
        }
        Ok(out)
    }

    fn named_body(&mut self, n: NodeId, id: TypeId) -> Result<Vec<Body>> {
        let def = self.space.get(id);
        let path = self.rust_type(&TypeRef::Named(id));
        let mut parts = Vec::new();
        match &def.kind {
            TypeKind::Enum(e) => {
                let values: Vec<String> = e.variants.iter().map(|v| v.value.clone()).collect();
                parts.extend(self.static_type(
                    n,
                    JsonType::String,
                    quote!(kw::show_string(x.as_str())),
                ));
                parts.extend(self.string_enum(n, &quote!(x.as_str()), Some(&values)));
                parts.extend(
                    self.string_checks(n, &quote!(x.as_str()))?
                        .into_iter()
                        .map(Body::leaf),
                );
            }
            TypeKind::Union(u) => {
                let variants = u.variants.clone();
                let mut arms = Vec::new();
                let mut all = Body::default();
                let mut any = false;
                for v in &variants {
                    let ident = ident_tokens(&v.ident);
                    let call = self.typed_call(v.node, &v.ty, &quote!(y), &quote!(at))?;
                    any |= call.is_some();
                    arms.push(match call {
                        Some(c) => {
                            let c = all.absorb(c);
                            quote!(#path::#ident(y) => { #c })
                        }
                        None => quote!(#path::#ident(_) => {}),
                    });
                }
                if any {
                    all.extend(quote!(match x { #(#arms)* }));
                    parts.push(all);
                }
            }
            TypeKind::Struct(sd) => {
                let sd = sd.clone();
                parts.extend(self.struct_body(n, &sd)?);
            }
            // Tagged unions have a `oneOf`: `needs_fallback` sends them raw.
            TypeKind::Tagged(_) | TypeKind::Pending => {}
        }
        Ok(parts)
    }

    fn struct_body(&mut self, n: NodeId, sd: &StructDef) -> Result<Vec<Body>> {
        let node = self.graph.node(n);
        let extra = ident_tokens(&sd.extra_ident);
        let mut parts = Vec::new();
        parts.extend(self.static_type(n, JsonType::Object, quote!(String::from("an object"))));
        if node.min_properties.is_some() || node.max_properties.is_some() {
            let terms = sd.fields.iter().map(|f| {
                let id = ident_tokens(&f.ident);
                let name = &f.json_name;
                if f.required {
                    quote!(usize::from(!x.#extra.contains_key(#name)))
                } else {
                    quote!(usize::from(x.#id.is_some() && !x.#extra.contains_key(#name)))
                }
            });
            parts.push(Body::leaf(quote!(let count = x.#extra.len() #(+ #terms)*;)));
            parts.extend(
                self.property_counts(n, &quote!(count), &quote!(at))
                    .into_iter()
                    .map(Body::leaf),
            );
        }
        // Checks of extra members, run only when there are some.
        let mut extra_parts: Vec<Body> = Vec::new();
        for f in &sd.fields {
            let id = ident_tokens(&f.ident);
            let name = &f.json_name;
            let applicable = self.applicable(n, name);
            let here = quote!(&at.key(#name));
            let forbid = applicable
                .forbidden
                .then(|| self.not_allowed(n, &quote!(#name), &quote!(at)));
            let mut typed = Vec::new();
            let mut raw = Vec::new();
            for a in &applicable.nodes {
                typed.extend(self.typed_call(*a, &f.ty, &quote!(y), &here)?);
                raw.extend(self.raw_call(*a, &quote!(y), &here)?);
            }
            // The field's value counts unless an extra member of the same
            // name replaces it when serialized.
            if !typed.is_empty() || forbid.is_some() {
                let has_typed = !typed.is_empty();
                let mut check = Body::join(typed);
                if let Some(forbid) = forbid.clone() {
                    check.push(forbid);
                }
                parts.push(check.wrap(|check| match (f.required, has_typed) {
                    (false, true) => quote! {
                        if !x.#extra.contains_key(#name) && let Some(y) = x.#id.as_ref() { #check }
                    },
                    (false, false) => quote! {
                        if !x.#extra.contains_key(#name) && x.#id.is_some() { #check }
                    },
                    (true, true) => quote! {
                        if !x.#extra.contains_key(#name) { let y = &x.#id; #check }
                    },
                    (true, false) => quote!(if !x.#extra.contains_key(#name) { #check }),
                }));
            }
            if !raw.is_empty() || forbid.is_some() {
                let has_raw = !raw.is_empty();
                let mut check = Body::join(raw);
                if let Some(forbid) = forbid {
                    check.push(forbid);
                }
                extra_parts.push(check.wrap(|check| {
                    if has_raw {
                        quote!(if let Some(y) = x.#extra.get(#name) { #check })
                    } else {
                        quote!(if x.#extra.contains_key(#name) { #check })
                    }
                }));
            }
        }
        // `required`, `dependencies`: a member is there as a field or an extra.
        let fields = sd.fields.clone();
        let extra2 = extra.clone();
        let has = move |name: &str| -> Presence {
            match fields.iter().find(|f| f.json_name == name) {
                Some(f) if f.required => Presence::Always,
                Some(f) => {
                    let id = ident_tokens(&f.ident);
                    Presence::Expr(Body::leaf(
                        quote!(x.#id.is_some() || x.#extra2.contains_key(#name)),
                    ))
                }
                None => Presence::Expr(Body::leaf(quote!(x.#extra2.contains_key(#name)))),
            }
        };
        parts.extend(self.required_checks(n, &has, &quote!(at)));
        // Extra members not named like a field.
        let skip: Vec<String> = sd.fields.iter().map(|f| f.json_name.clone()).collect();
        let props: Vec<(String, NodeId)> = node
            .properties
            .iter()
            .filter(|(p, _)| !skip.contains(p))
            .cloned()
            .collect();
        let source = Source {
            iter: quote!(&x.#extra),
            keys: quote!(x.#extra.keys()),
            kind: Kind::Raw,
            binds: Vec::new(),
        };
        extra_parts.extend(self.member_loop(n, &source, &skip, &props, &quote!(at))?);
        match extra_parts.len() {
            0 => {}
            1 => parts.extend(extra_parts),
            _ => parts
                .push(Body::join(extra_parts).wrap(|all| quote!(if !x.#extra.is_empty() { #all }))),
        }
        parts.extend(self.dependency_checks(n, &has, &quote!(at)));
        Ok(parts)
    }

    /// `impl Validate` for every generated type.
    pub(crate) fn validate_impls(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let mut out = TokenStream::new();
        for (i, def) in self.space.types.iter().enumerate() {
            if matches!(def.kind, TypeKind::Pending) {
                continue;
            }
            let ty = TypeRef::Named(TypeId(i as u32));
            let path = self.rust_type(&ty);
            let call = self.typed_call(def.node, &ty, &quote!(self), &quote!(at))?;
            let body = match call {
                Some(c) => {
                    let c = self.root(c);
                    quote! {
                        fn validate_at<S: Sink>(&self, at: &Loc<'_>, s: &mut S) {
                            #c
                        }
                    }
                }
                None => quote! {
                    fn validate_at<S: Sink>(&self, _: &Loc<'_>, _: &mut S) {}
                },
            };
            out.extend(quote! {
                impl #rt::validate::Validate for #path {
                    #body
                }
            });
        }
        Ok(out)
    }
}

/// A short name of a type, for doc comments.
fn type_label(e: &Emitter<'_>, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => e.space.get(*id).name.clone(),
        TypeRef::Array(inner) => format!("[{}]", type_label(e, inner)),
        TypeRef::Map(inner) => format!("map of {}", type_label(e, inner)),
        other => format!("{other:?}").to_lowercase(),
    }
}
