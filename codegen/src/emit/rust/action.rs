//! The action enums of the runtime's nodes: `Action` (callflow modules) and
//! `MetaflowAction` (metaflow modules), each with one variant per module,
//! `Other` for the rest, the dispatch of a node's `data` to its module's
//! type, and the runtime's `NodeAction` trait.

use super::rustdoc;
use super::{RustEmitter, ident_tokens};
use crate::ir::types::{ModuleDef, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// What differs between the two action enums.
struct ActionKind<'a> {
    /// The enum's name.
    name: &'static str,
    /// Its modules, in name order.
    modules: &'a [ModuleDef],
    /// What a node of this kind is called (`callflow node`).
    node_kind: &'static str,
    /// The enum's doc comment.
    doc: &'static str,
}

impl RustEmitter<'_> {
    /// `Action` and `MetaflowAction`.
    pub(super) fn emit_actions(&self) -> TokenStream {
        // A data type shared by several modules (of either kind) gets no
        // `From` and no `MODULE`: its module would be ambiguous.
        let mut counts: BTreeMap<&TypeRef, usize> = BTreeMap::new();
        for m in self
            .space
            .modules
            .iter()
            .chain(&self.space.metaflow_modules)
        {
            *counts.entry(&m.data).or_default() += 1;
        }
        let action = self.emit_action(
            &ActionKind {
                name: "Action",
                modules: &self.space.modules,
                node_kind: "callflow node",
                doc: "What a callflow node does: its module and the module's data.\n\n\
                    One variant per callflow module schema, holding that module's\n\
                    typed data. A node whose module no schema knows, or whose data\n\
                    does not fit its module's type, is kept as [`Action::Other`] with\n\
                    its data exactly as it came; validation says what is wrong with it.",
            },
            &counts,
        );
        let metaflow = self.emit_action(
            &ActionKind {
                name: "MetaflowAction",
                modules: &self.space.metaflow_modules,
                node_kind: "metaflow node",
                doc: "What a metaflow node does: its metaflow module and the module's data.\n\n\
                    One variant per metaflow module schema (`metaflows.<module>`),\n\
                    holding that module's typed data. A node whose module no schema\n\
                    knows, or whose data does not fit its module's type, is kept as\n\
                    [`MetaflowAction::Other`] with its data exactly as it came; validation says what\n\
                    is wrong with it.",
            },
            &counts,
        );
        quote!(#action #metaflow)
    }

    fn emit_action(
        &self,
        kind: &ActionKind<'_>,
        counts: &BTreeMap<&TypeRef, usize>,
    ) -> TokenStream {
        let rt = &self.rt;
        let g = self.graph;
        let modules = kind.modules;
        let action = ident_tokens(kind.name);
        let node_kind = kind.node_kind;
        let enum_doc = rustdoc::attrs(&kind.doc.lines().map(str::to_string).collect::<Vec<_>>());
        let variants = modules.iter().map(|m| {
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
        let names: Vec<&String> = modules.iter().map(|m| &m.name).collect();
        let vs: Vec<syn::Ident> = modules.iter().map(|m| ident_tokens(&m.variant)).collect();
        let tys: Vec<TokenStream> = modules.iter().map(|m| self.rust_type(&m.data)).collect();
        // `_` arms only where typed variants exist (a directory without
        // metaflow modules has only `Other`).
        let typed_rest = |t: TokenStream| {
            if modules.is_empty() {
                quote!()
            } else {
                quote!(_ => #t,)
            }
        };
        let has_data_rest = typed_rest(quote!(true));
        let kept_as = format!(
            " Types `data` by `module`; data that does not fit (or a\n module no schema knows) is kept as [`{}::Other`].",
            kind.name
        );
        let has_data_doc = format!(
            " Whether the node has a `data` member (only [`{}::Other`]\n can lack one).",
            kind.name
        );
        let type_error_rest = typed_rest(quote!(::std::option::Option::None));
        let table = quote::format_ident!("{}", super::shapes::TABLE);
        let shapes: Vec<TokenStream> = modules.iter().map(|m| self.shape_ref(&m.data)).collect();
        let (from_parts, data_error) = if modules.is_empty() {
            (
                quote! {
                    pub fn from_parts(module: ::std::string::String, data: ::std::option::Option<::serde_json::Value>) -> Self {
                        #action::Other(#rt::RawAction { module, data })
                    }
                },
                quote! {
                    pub fn data_error(_: &str, _: &::serde_json::Value) -> ::std::option::Option<#rt::ParseError> {
                        ::std::option::Option::None
                    }
                },
            )
        } else {
            (
                quote! {
                    pub fn from_parts(module: ::std::string::String, data: ::std::option::Option<::serde_json::Value>) -> Self {
                        let ::std::option::Option::Some(data) = data else {
                            return #action::Other(#rt::RawAction { module, data: ::std::option::Option::None });
                        };
                        let typed = match module.as_str() {
                            #(#names => #rt::__private::read_data::<#tys>(#table, #shapes, &data).map(#action::#vs),)*
                            _ => ::std::option::Option::None,
                        };
                        if let ::std::option::Option::Some(action) = typed {
                            return action;
                        }
                        #action::Other(#rt::RawAction { module, data: ::std::option::Option::Some(data) })
                    }
                },
                quote! {
                    pub fn data_error(module: &str, data: &::serde_json::Value) -> ::std::option::Option<#rt::ParseError> {
                        match module {
                            #(#names => #rt::__private::type_error(#table, #shapes, data),)*
                            _ => ::std::option::Option::None,
                        }
                    }
                },
            )
        };
        // Typed straight from `data`'s text; through a `Value` (and so
        // `from_parts`, which types from it) only when that fails, so that
        // what is typed is what fits the `Value`. Without typed variants
        // the trait's default (a `Value`, then `from_parts`) is all.
        let from_data_text = if modules.is_empty() {
            quote!()
        } else {
            quote! {
                // One module (a small schema directory) makes the match a
                // single arm.
                #[allow(clippy::single_match)]
                fn from_data_text(module: ::std::string::String, data: &str) -> ::std::result::Result<Self, ::serde_json::Error> {
                    match module.as_str() {
                        #(#names => if let ::std::result::Result::Ok(data) = ::serde_json::from_str::<#tys>(data) {
                            return ::std::result::Result::Ok(#action::#vs(data));
                        },)*
                        _ => {}
                    }
                    let value: ::serde_json::Value = ::serde_json::from_str(data)?;
                    ::std::result::Result::Ok(#action::from_parts(module, ::std::option::Option::Some(value)))
                }
            }
        };
        let froms = modules
            .iter()
            .filter(|m| counts[&m.data] == 1 && matches!(m.data, TypeRef::Named(_)))
            .map(|m| {
                let v = ident_tokens(&m.variant);
                let ty = self.rust_type(&m.data);
                let name = &m.name;
                let doc = format!(" The `{name}` module's name.");
                quote! {
                    impl ::std::convert::From<#ty> for #action {
                        fn from(data: #ty) -> Self {
                            #action::#v(data)
                        }
                    }
                    impl #ty {
                        #[doc = #doc]
                        pub const MODULE: &'static str = #name;
                    }
                }
            });
        quote! {
                    #enum_doc
                    #[derive(Debug, Clone, PartialEq)]
                    #[non_exhaustive]
                    #[allow(clippy::large_enum_variant)]
                    pub enum #action {
                        #(#variants,)*
                        /// A module without a schema, or data that does not fit its
                        /// module's type, kept as it came.
                        Other(#rt::RawAction),
                    }

                    impl #action {
                        /// Every module the schemas define, in name order.
                        pub const MODULES: &'static [&'static str] = &[#(#names),*];

                        /// The module name (`"ring_group"`).
                        pub fn module(&self) -> &str {
                            match self {
                                #(#action::#vs(_) => #names,)*
                                #action::Other(raw) => &raw.module,
                            }
                        }

                        /// Whether the schemas define `module`.
                        pub fn is_known_module(module: &str) -> bool {
                            Self::MODULES.binary_search(&module).is_ok()
                        }

                        #[doc = #kept_as]
        #from_parts

                        /// Why `data` does not fit `module`'s type, with the JSON path
                        /// inside `data` (`None` when it fits or the module is unknown).
        #data_error

                        #[doc = #has_data_doc]
                        pub fn has_data(&self) -> bool {
                            match self {
                                #action::Other(raw) => raw.data.is_some(),
                                #has_data_rest
                            }
                        }

                        /// Serializes the node's `data`.
                        pub fn serialize_data<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                            match self {
                                #(#action::#vs(d) => ::serde::Serialize::serialize(d, serializer),)*
                                #action::Other(raw) => ::serde::Serialize::serialize(&raw.data, serializer),
                            }
                        }
                    }

                    impl ::std::convert::From<#rt::RawAction> for #action {
                        fn from(raw: #rt::RawAction) -> Self {
                            #action::Other(raw)
                        }
                    }

                    impl #rt::NodeAction for #action {
                        const NODE_KIND: &'static str = #node_kind;
                        fn module(&self) -> &str {
                            #action::module(self)
                        }
                        fn from_parts(module: ::std::string::String, data: ::std::option::Option<::serde_json::Value>) -> Self {
                            #action::from_parts(module, data)
                        }
                        #from_data_text
                        fn has_data(&self) -> bool {
                            #action::has_data(self)
                        }
                        fn serialize_data<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                            #action::serialize_data(self, serializer)
                        }
                        fn data_type_error(&self) -> ::std::option::Option<#rt::ParseError> {
                            match self {
                                #action::Other(raw) => #action::data_error(&raw.module, raw.data.as_ref()?),
                                #type_error_rest
                            }
                        }
                    }

                    #(#froms)*
                }
    }
}
