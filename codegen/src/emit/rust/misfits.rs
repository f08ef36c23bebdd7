//! The `Deserialize` impl of a struct that keeps misfitting members
//! ([`StructDef::keep_misfits`]): each optional member is read as its
//! field's type when it fits and kept in the extra map when it does not, so
//! reading never fails on a member's value and output still equals input.

use super::{RustEmitter, ident_tokens};
use crate::ir::types::{FieldDef, StructDef, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl RustEmitter<'_> {
    /// `impl Deserialize for <t>`: a map visitor reading each member by
    /// name. Required fields and nodes (`Flow`, which is lossless itself and
    /// fails only on what is not a node at all) are read strictly, so their
    /// errors keep their path; other members go through
    /// `__private::read_or_keep`.
    pub(super) fn emit_misfit_deserialize(&self, t: &TypeDef, s: &StructDef) -> TokenStream {
        let name = ident_tokens(&t.name);
        let rt = &self.rt;
        let extra = ident_tokens(&s.extra_ident);
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
            if !kept_when_misfit(f) {
                quote! {
                    #key => {
                        #local = ::std::option::Option::Some(map.next_value::<#ty>()?);
                        rest.remove(&key);
                    }
                }
            } else {
                quote! {
                    #key => match #rt::__private::read_or_keep::<#ty>(map.next_value()?) {
                        ::std::result::Result::Ok(value) => {
                            #local = ::std::option::Option::Some(value);
                            rest.remove(&key);
                        }
                        ::std::result::Result::Err(value) => {
                            #local = ::std::option::Option::None;
                            rest.insert(key, value);
                        }
                    },
                }
            }
        });
        let inits = s.fields.iter().zip(&locals).map(|(f, local)| {
            let id = ident_tokens(&f.ident);
            let key = &f.json_name;
            if f.required {
                quote! {
                    #id: match #local {
                        ::std::option::Option::Some(value) => value,
                        ::std::option::Option::None => {
                            return ::std::result::Result::Err(
                                <A::Error as ::serde::de::Error>::missing_field(#key),
                            );
                        }
                    }
                }
            } else {
                quote!(#id: #local)
            }
        });
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
        let extra_str = &s.extra_ident;
        let misfit_doc = super::rustdoc::attrs(&[format!(
            "The first declared member (in name order) kept in `{}` because its value does \
             not fit its field's type, as an error naming its path (`numbers[0]`); `None` when \
             every member fits.",
            crate::ident::unraw(extra_str)
        )]);
        quote! {
            impl #name {
                #misfit_doc
                pub fn first_misfit(&self) -> ::std::option::Option<#rt::ParseError> {
                    #(#checks)*
                    ::std::option::Option::None
                }
            }

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
                                map.next_key::<::std::string::String>()?
                            {
                                match key.as_str() {
                                    #(#arms)*
                                    _ => {
                                        let value = map.next_value()?;
                                        rest.insert(key, value);
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
