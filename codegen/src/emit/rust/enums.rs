//! String enum emission: `ALL`, `as_str`, `Display`, `FromStr`, and
//! `Serialize`/`Deserialize` as the exact string Kazoo uses (written by
//! hand rather than derived: serde's derive also reads the `{"variant":
//! null}` form, which would not write back as read, and costs more to
//! compile).

use super::{RustEmitter, ident_tokens};
use crate::ir::types::{EnumDef, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

impl RustEmitter<'_> {
    pub(super) fn emit_enum(&self, t: &TypeDef, e: &EnumDef) -> TokenStream {
        let name = ident_tokens(&t.name);
        let name_str = &t.name;
        let doc = self.type_doc(t);
        let schemars = self.schemars_derive();
        let rt = &self.rt;
        let variants = e.variants.iter().map(|v| {
            let id = ident_tokens(&v.ident);
            let value = &v.value;
            let doc = format!(" `{value:?}`");
            // schemars reads the name from serde's attribute, which only
            // its derive declares here.
            let rename = self
                .schemars
                .then(|| quote!(#[cfg_attr(feature = "schemars", serde(rename = #value))]));
            quote!(#[doc = #doc] #rename #id)
        });
        let idents: Vec<syn::Ident> = e.variants.iter().map(|v| ident_tokens(&v.ident)).collect();
        let values: Vec<&String> = e.variants.iter().map(|v| &v.value).collect();
        quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #schemars
            #[allow(clippy::enum_variant_names)]
            pub enum #name {
                #(#variants,)*
            }

            impl #name {
                /// Every value, in schema order.
                pub const ALL: &'static [#name] = &[#(#name::#idents),*];

                /// The exact string Kazoo uses.
                pub fn as_str(&self) -> &'static str {
                    match self {
                        #(#name::#idents => #values,)*
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #rt::__private::deserialize_str_enum(deserializer, &[#(#values),*], |s| s.parse().ok())
                }
            }

            impl ::std::str::FromStr for #name {
                type Err = #rt::UnknownValue;

                fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                    match s {
                        #(#values => ::std::result::Result::Ok(#name::#idents),)*
                        _ => ::std::result::Result::Err(#rt::UnknownValue::new(#name_str, s, &[#(#values),*])),
                    }
                }
            }
        }
    }
}
