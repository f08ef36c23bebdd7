//! Struct emission: fields with lossless serde attributes (the
//! `Deserialize` impl is `struct_reader`'s), `new`, `with_*` setters and
//! default accessors.

use super::defaults::default_accessor;
use super::{RustEmitter, ident_tokens};
use crate::ident;
use crate::ir::types::{FieldDef, StructDef, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

impl RustEmitter<'_> {
    pub(super) fn emit_struct(&self, t: &TypeDef, s: &StructDef) -> TokenStream {
        let name = ident_tokens(&t.name);
        let doc = self.type_doc(t);
        let schemars = self.schemars_derive();
        let present = format!("{}::__private::deserialize_present", self.rt_str);
        let required_fn = format!("{}::__private::deserialize_required", self.rt_str);
        let extra = ident_tokens(&s.extra_ident);
        let fields = s.fields.iter().map(|f| {
            let id = ident_tokens(&f.ident);
            let doc = self.field_doc(f);
            let ty = self.boxed_type(&f.ty, f.boxed);
            let rename = if ident::unraw(&f.ident) == f.json_name {
                quote!()
            } else {
                let n = &f.json_name;
                quote!(#[serde(rename = #n)])
            };
            if f.required {
                let keep_missing = if matches!(f.ty, TypeRef::Any | TypeRef::Null) {
                    quote!(#[serde(deserialize_with = #required_fn)])
                } else {
                    quote!()
                };
                quote!(#doc #rename #keep_missing pub #id: #ty)
            } else {
                let schema = self.schemars_with(&ty);
                quote! {
                    #doc
                    #rename
                    #[serde(default, skip_serializing_if = "::std::option::Option::is_none", deserialize_with = #present)]
                    #schema
                    pub #id: ::std::option::Option<#ty>
                }
            }
        });
        let derive_default = if s.all_optional() {
            quote!(#[derive(Default)])
        } else {
            quote!()
        };

        // Constructor.
        let required: Vec<&FieldDef> = s.fields.iter().filter(|f| f.required).collect();
        let ctor = if required.is_empty() {
            quote! {
                /// A value with every property unset.
                pub fn new() -> Self {
                    Self::default()
                }
            }
        } else {
            let params = required.iter().map(|f| {
                let id = ident_tokens(&f.ident);
                let (decl, _) = self.param(&f.ty, f.boxed, &id);
                quote!(#id: #decl)
            });
            let inits = s.fields.iter().map(|f| {
                let id = ident_tokens(&f.ident);
                if f.required {
                    let (_, conv) = self.param(&f.ty, f.boxed, &id);
                    quote!(#id: #conv)
                } else {
                    quote!(#id: ::std::option::Option::None)
                }
            });
            let mut allowed = Vec::new();
            if required.len() > 7 {
                allowed.push(quote!(clippy::too_many_arguments));
            }
            allowed.extend(param_lints(&required));
            let allow = if allowed.is_empty() {
                quote!()
            } else {
                quote!(#[allow(#(#allowed),*)])
            };
            let names = required
                .iter()
                .map(|f| format!("`{}`", f.json_name))
                .collect::<Vec<_>>()
                .join(", ");
            let doc =
                format!(" A value with the required {names} set and every other property unset.");
            quote! {
                #[doc = #doc]
                #allow
                pub fn new(#(#params),*) -> Self {
                    Self { #(#inits,)* #extra: ::serde_json::Map::new() }
                }
            }
        };

        // Builder setters.
        let setters = s.fields.iter().map(|f| {
            let id = ident_tokens(&f.ident);
            let setter = ident_tokens(&format!("with_{}", ident::base_word(&f.ident)));
            let (decl, conv) = self.param(&f.ty, f.boxed, &id);
            let store = if f.required {
                quote!(#conv)
            } else {
                quote!(::std::option::Option::Some(#conv))
            };
            let doc = format!(" Sets `{}`.", f.json_name);
            let allowed = param_lints(&[f]);
            let allow = if allowed.is_empty() {
                quote!()
            } else {
                quote!(#[allow(#(#allowed),*)])
            };
            quote! {
                #[doc = #doc]
                #[must_use]
                #allow
                pub fn #setter(mut self, #id: #decl) -> Self {
                    self.#id = #store;
                    self
                }
            }
        });

        // Accessors that apply the schema default.
        let taken: Vec<String> = s
            .fields
            .iter()
            .map(|f| format!("with_{}", ident::base_word(&f.ident)))
            .chain([String::from("new")])
            .collect();
        let accessors = s
            .fields
            .iter()
            .filter(|f| !f.required && !f.boxed && !taken.contains(&f.ident))
            .filter_map(|f| default_accessor(self, f));

        let extra_doc = super::rustdoc::attrs(&[String::from(if s.keep_misfits {
            "Properties the schema does not declare, and declared ones whose value does not fit \
             their field's type, kept so that output equals input."
        } else {
            "Properties the schema does not declare, kept so that output equals input."
        })]);
        let deserialize_impl = self.emit_struct_deserialize(t, s);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
            #derive_default
            #schemars
            pub struct #name {
                #(#fields,)*
                #extra_doc
                #[serde(flatten)]
                pub #extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            }

            impl #name {
                #ctor
                #(#setters)*
                #(#accessors)*
            }

            #deserialize_impl
        }
    }
}

/// Clippy style lints that a constructor or setter taking `fields` as
/// parameters trips only because of what the schema says, allowed on that
/// function alone: a parameter named as the property, when the name is
/// one of clippy's placeholder names (`foo`, `baz`, `quux`), and a `null`
/// property, whose `()` value is passed on (`unit_arg`).
fn param_lints(fields: &[&FieldDef]) -> Vec<TokenStream> {
    let mut out = Vec::new();
    if fields
        .iter()
        .any(|f| ident::is_placeholder_name(ident::unraw(&f.ident)))
    {
        out.push(quote!(clippy::disallowed_names));
    }
    if fields.iter().any(|f| f.ty == TypeRef::Null) {
        out.push(quote!(clippy::unit_arg));
    }
    out
}
