//! Union emission: untagged unions (`oneOf`/`anyOf`/`type` arrays) and
//! tagged unions, with `From` impls for their payloads.

use super::rustdoc;
use super::{RustEmitter, ident_tokens};
use crate::ir::types::{TaggedDef, TypeDef, TypeRef, UnionDef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

impl RustEmitter<'_> {
    /// `From` impls for each payload type that occurs once among `payloads`.
    pub(super) fn union_from_impls(
        &self,
        name: &syn::Ident,
        payloads: &[(syn::Ident, &TypeRef, bool)],
    ) -> TokenStream {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (_, t, _) in payloads {
            *counts.entry(self.rust_type(t).to_string()).or_default() += 1;
        }
        let impls = payloads
            .iter()
            .filter(|(_, t, _)| counts[&self.rust_type(t).to_string()] == 1)
            .map(|(variant, t, boxed)| {
                let ty = self.rust_type(t);
                let wrap = if *boxed {
                    quote!(::std::boxed::Box::new(value))
                } else {
                    quote!(value)
                };
                let str_impl = if **t == TypeRef::String {
                    quote! {
                        impl ::std::convert::From<&str> for #name {
                            fn from(value: &str) -> Self {
                                #name::#variant(value.to_string())
                            }
                        }
                    }
                } else {
                    quote!()
                };
                quote! {
                    impl ::std::convert::From<#ty> for #name {
                        fn from(value: #ty) -> Self {
                            #name::#variant(#wrap)
                        }
                    }
                    #str_impl
                }
            });
        quote!(#(#impls)*)
    }

    pub(super) fn emit_union(&self, t: &TypeDef, u: &UnionDef) -> TokenStream {
        let variants = u.variants.iter().map(|v| {
            let id = ident_tokens(&v.ident);
            let ty = self.boxed_type(&v.ty, v.boxed);
            let mut lines = rustdoc::node_lines(self.graph, self.graph.node(v.node));
            if lines.is_empty() || v.node == t.node {
                lines = vec![format!("The value as {}.", v.ident)];
            }
            let doc = rustdoc::attrs(&lines);
            quote!(#doc #id(#ty))
        });
        let payloads = u
            .variants
            .iter()
            .map(|v| (ident_tokens(&v.ident), &v.ty, v.boxed));
        self.union_item(
            t,
            quote!(#[serde(untagged)]),
            variants.collect(),
            payloads.collect(),
        )
    }

    pub(super) fn emit_tagged(&self, t: &TypeDef, tg: &TaggedDef) -> TokenStream {
        let tag = &tg.tag;
        let variants = tg.variants.iter().map(|v| {
            let id = ident_tokens(&v.ident);
            let ty = self.boxed_type(&v.ty, v.boxed);
            let value = &v.tag_value;
            let mut lines = rustdoc::node_lines(self.graph, self.graph.node(v.node));
            lines.push(String::new());
            lines.push(format!("`\"{tag}\": {value:?}`"));
            let doc = rustdoc::attrs(&lines);
            quote!(#doc #[serde(rename = #value)] #id(#ty))
        });
        let payloads = tg
            .variants
            .iter()
            .map(|v| (ident_tokens(&v.ident), &v.ty, v.boxed));
        self.union_item(
            t,
            quote!(#[serde(tag = #tag)]),
            variants.collect(),
            payloads.collect(),
        )
    }

    /// The enum item of a union, `serde_attr` choosing untagged or tagged,
    /// followed by its `From` impls.
    fn union_item(
        &self,
        t: &TypeDef,
        serde_attr: TokenStream,
        variants: Vec<TokenStream>,
        payloads: Vec<(syn::Ident, &TypeRef, bool)>,
    ) -> TokenStream {
        let name = ident_tokens(&t.name);
        let doc = self.type_doc(t);
        let schemars = self.schemars_derive();
        let froms = self.union_from_impls(&name, &payloads);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #serde_attr
            #schemars
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#variants,)*
            }
            #froms
        }
    }
}
