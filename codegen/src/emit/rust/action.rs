//! The `Action` enum: one variant per module, `Other` for the rest, and the
//! dispatch of a node's `data` to its module's type.

use super::rustdoc;
use super::{RustEmitter, ident_tokens};
use crate::ir::types::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

impl RustEmitter<'_> {
    pub(super) fn emit_action(&self) -> TokenStream {
        let rt = &self.rt;
        let g = self.graph;
        let mut counts: BTreeMap<&TypeRef, usize> = BTreeMap::new();
        for m in &self.space.modules {
            *counts.entry(&m.data).or_default() += 1;
        }
        let variants = self.space.modules.iter().map(|m| {
            let v = ident_tokens(&m.variant);
            let ty = self.rust_type(&m.data);
            let root = g.file(m.file).root;
            let mut lines = vec![format!("`{}`", m.name)];
            if let Some(d) = &g.node(root).description {
                lines.push(String::new());
                lines.extend(rustdoc::sanitize(d));
            }
            let doc = rustdoc::attrs(&lines);
            quote!(#doc #v(#ty))
        });
        let names: Vec<&String> = self.space.modules.iter().map(|m| &m.name).collect();
        let vs: Vec<syn::Ident> = self
            .space
            .modules
            .iter()
            .map(|m| ident_tokens(&m.variant))
            .collect();
        let tys: Vec<TokenStream> = self
            .space
            .modules
            .iter()
            .map(|m| self.rust_type(&m.data))
            .collect();
        let froms = self
            .space
            .modules
            .iter()
            .filter(|m| counts[&m.data] == 1 && matches!(m.data, TypeRef::Named(_)))
            .map(|m| {
                let v = ident_tokens(&m.variant);
                let ty = self.rust_type(&m.data);
                let name = &m.name;
                let doc = format!(" The `{name}` module's name.");
                quote! {
                    impl ::std::convert::From<#ty> for Action {
                        fn from(data: #ty) -> Self {
                            Action::#v(data)
                        }
                    }
                    impl #ty {
                        #[doc = #doc]
                        pub const MODULE: &'static str = #name;
                    }
                }
            });
        quote! {
            /// What a callflow node does: its module and the module's data.
            ///
            /// One variant per callflow module schema, holding that module's
            /// typed data. A node whose module no schema knows, or whose data
            /// does not fit its module's type, is kept as [`Action::Other`] with
            /// its data exactly as it came; validation says what is wrong with it.
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum Action {
                #(#variants,)*
                /// A module without a schema, or data that does not fit its
                /// module's type, kept as it came.
                Other(#rt::RawAction),
            }

            impl Action {
                /// Every module the schemas define, in name order.
                pub const MODULES: &'static [&'static str] = &[#(#names),*];

                /// The module name (`"ring_group"`).
                pub fn module(&self) -> &str {
                    match self {
                        #(Action::#vs(_) => #names,)*
                        Action::Other(raw) => &raw.module,
                    }
                }

                /// Whether the schemas define `module`.
                pub fn is_known_module(module: &str) -> bool {
                    Self::MODULES.binary_search(&module).is_ok()
                }

                /// Types `data` by `module`; data that does not fit (or a
                /// module no schema knows) is kept as [`Action::Other`].
                pub fn from_parts(module: ::std::string::String, data: ::std::option::Option<::serde_json::Value>) -> Self {
                    let ::std::option::Option::Some(data) = data else {
                        return Action::Other(#rt::RawAction { module, data: ::std::option::Option::None });
                    };
                    let typed = match module.as_str() {
                        #(#names => <#tys as ::serde::Deserialize>::deserialize(&data).ok().map(Action::#vs),)*
                        _ => ::std::option::Option::None,
                    };
                    if let ::std::option::Option::Some(action) = typed {
                        return action;
                    }
                    Action::Other(#rt::RawAction { module, data: ::std::option::Option::Some(data) })
                }

                /// Why `data` does not fit `module`'s type, with the JSON path
                /// inside `data` (`None` when it fits or the module is unknown).
                pub fn data_error(module: &str, data: &::serde_json::Value) -> ::std::option::Option<#rt::ParseError> {
                    match module {
                        #(#names => #rt::__private::type_error::<#tys>(data),)*
                        _ => ::std::option::Option::None,
                    }
                }

                /// Whether the node has a `data` member (only [`Action::Other`]
                /// can lack one).
                pub fn has_data(&self) -> bool {
                    match self {
                        Action::Other(raw) => raw.data.is_some(),
                        _ => true,
                    }
                }

                /// Serializes the node's `data`.
                pub fn serialize_data<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self {
                        #(Action::#vs(d) => ::serde::Serialize::serialize(d, serializer),)*
                        Action::Other(raw) => ::serde::Serialize::serialize(&raw.data, serializer),
                    }
                }
            }

            impl ::std::convert::From<#rt::RawAction> for Action {
                fn from(raw: #rt::RawAction) -> Self {
                    Action::Other(raw)
                }
            }

            #(#froms)*
        }
    }
}
