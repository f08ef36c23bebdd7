//! The `Deserialize` impl of every generated struct: a map visitor reading
//! each member by name, straight into its field, and every other member
//! into the extra map. Two ways, decided by [`StructDef::keep_misfits`]:
//!
//! - **strict** (every struct but the document): serde derive's semantics
//!   for a struct with a flattened map, without its buffering of every
//!   member: a declared member is read as its field's type (its error is
//!   the read's error), given twice it is serde's `duplicate_field`, a
//!   missing required one serde's `missing_field`; unknown members are kept
//!   (a later duplicate wins); only a map is accepted;
//! - **keeping misfits**: each optional member is read as its field's type
//!   when it fits and kept in the extra map when it does not, so reading
//!   never fails on a member's value and output still equals input.

use super::{RustEmitter, ident_tokens};
use crate::ir::types::{FieldDef, StructDef, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl RustEmitter<'_> {
    /// `impl Deserialize for <t>` (and, for a struct keeping misfits,
    /// `first_misfit`). Required fields and nodes (`Flow`, which is lossless
    /// itself and fails only on what is not a node at all) are read strictly
    /// either way, so their errors keep their path; other members of a
    /// struct keeping misfits go through `__private::next_value_or_keep`.
    pub(super) fn emit_struct_deserialize(&self, t: &TypeDef, s: &StructDef) -> TokenStream {
        let name = ident_tokens(&t.name);
        let rt = &self.rt;
        let extra = ident_tokens(&s.extra_ident);
        let keep_misfits = s.keep_misfits;
        let expecting = struct_expecting(t, s);
        // One local per field, named after it (`field_type` for `r#type`).
        let locals: Vec<_> = s
            .fields
            .iter()
            .map(|f| format_ident!("field_{}", crate::ident::unraw(&f.ident)))
            .collect();
        let decls = s.fields.iter().zip(&locals).map(|(f, local)| {
            let ty = self.boxed_type(&f.ty, f.boxed);
            quote!(let mut #local: ::std::option::Option<#ty> = ::std::option::Option::None;)
        });
        let arms = s.fields.iter().zip(&locals).map(|(f, local)| {
            let key = &f.json_name;
            let ty = self.boxed_type(&f.ty, f.boxed);
            if !keep_misfits {
                quote!(#key => #rt::__private::read_once(&mut map, &mut #local, #key)?,)
            } else if !kept_when_misfit(f) {
                quote! {
                    #key => {
                        #local = ::std::option::Option::Some(map.next_value::<#ty>()?);
                        rest.remove(#key);
                    }
                }
            } else {
                quote! {
                    #key => match #rt::__private::next_value_or_keep::<#ty, A>(&mut map)? {
                        ::std::result::Result::Ok(value) => {
                            #local = ::std::option::Option::Some(value);
                            rest.remove(#key);
                        }
                        ::std::result::Result::Err(value) => {
                            #local = ::std::option::Option::None;
                            rest.insert(key.into_string(), value);
                        }
                    },
                }
            }
        });
        let inits = s.fields.iter().zip(&locals).map(|(f, local)| {
            let id = ident_tokens(&f.ident);
            let key = &f.json_name;
            if f.required {
                quote!(#id: #rt::__private::required::<_, A::Error>(#local, #key)?)
            } else {
                quote!(#id: #local)
            }
        });
        let first_misfit = if keep_misfits {
            self.emit_first_misfit(&name, s)
        } else {
            quote!()
        };
        quote! {
            #first_misfit

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error> {
                    /// Reads the members one by one.
                    struct Members;

                    impl<'de> ::serde::de::Visitor<'de> for Members {
                        type Value = #name;

                        fn expecting(
                            &self,
                            f: &mut ::std::fmt::Formatter<'_>,
                        ) -> ::std::fmt::Result {
                            f.write_str(#expecting)
                        }

                        fn visit_map<A: ::serde::de::MapAccess<'de>>(
                            self,
                            mut map: A,
                        ) -> ::std::result::Result<#name, A::Error> {
                            let mut rest = ::serde_json::Map::new();
                            #(#decls)*
                            while let ::std::option::Option::Some(key) =
                                map.next_key::<#rt::__private::MemberName<'de>>()?
                            {
                                match key.as_str() {
                                    #(#arms)*
                                    _ => {
                                        let value = map.next_value()?;
                                        rest.insert(key.into_string(), value);
                                    }
                                }
                            }
                            ::std::result::Result::Ok(#name {
                                #(#inits,)*
                                #extra: rest,
                            })
                        }
                    }

                    deserializer.deserialize_map(Members)
                }
            }
        }
    }

    /// `first_misfit` of a struct keeping misfits.
    fn emit_first_misfit(&self, name: &syn::Ident, s: &StructDef) -> TokenStream {
        let rt = &self.rt;
        let extra = ident_tokens(&s.extra_ident);
        let table = quote::format_ident!("{}", super::shapes::TABLE);
        let checks = s.fields.iter().filter(|f| kept_when_misfit(f)).map(|f| {
            let key = &f.json_name;
            let shape = self.shape_ref(&f.ty);
            quote! {
                if let ::std::option::Option::Some(value) = self.#extra.get(#key)
                    && let ::std::option::Option::Some(e) =
                        #rt::__private::member_misfit(#table, #shape, #key, value)
                {
                    return ::std::option::Option::Some(e);
                }
            }
        });
        let misfit_doc = super::rustdoc::attrs(&[format!(
            "The first declared member (in name order) kept in `{}` because its value does \
             not fit its field's type, as an error naming its path (`numbers[0]`); `None` when \
             every member fits.",
            crate::ident::unraw(&s.extra_ident)
        )]);
        quote! {
            impl #name {
                #misfit_doc
                pub fn first_misfit(&self) -> ::std::option::Option<#rt::ParseError> {
                    #(#checks)*
                    ::std::option::Option::None
                }
            }
        }
    }
}

/// What a struct's `Deserialize` expects, in its `invalid type` errors:
/// one home for the visitors and the shape table.
pub(super) fn struct_expecting(t: &TypeDef, s: &StructDef) -> String {
    if s.keep_misfits {
        format!("a JSON object (`{}`)", t.name)
    } else {
        // What serde's derive says.
        format!("struct {}", t.name)
    }
}

/// Whether a misfitting value of `f` is kept as an extra member. Required
/// fields cannot be left unset, and a node (`Flow`) is lossless itself: it
/// fails only on what is not a node at all, which is an error with its path.
pub(super) fn kept_when_misfit(f: &FieldDef) -> bool {
    !f.required && !matches!(f.ty, TypeRef::Flow | TypeRef::Metaflow)
}
