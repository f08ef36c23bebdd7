//! Default accessors: for an optional field with a schema `default`, a
//! method named like the field that returns the value when set and the
//! default otherwise. Defaults are never stored, so serialized output only
//! holds what the user set.
//!
//! A default that does not fit the field's type (Kazoo 4.0 declares
//! `"default": "486"` on an integer) gets no accessor; the field's docs still
//! show it.

use crate::emit::rust::{RustEmitter, ident_tokens};
use crate::ir::types::{FieldDef, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// The accessor for `f`, when it has a default that fits its type.
pub fn default_accessor(e: &RustEmitter<'_>, f: &FieldDef) -> Option<TokenStream> {
    let default = f.default.as_ref()?;
    let id = ident_tokens(&f.ident);
    let doc = super::rustdoc::attrs(&[format!(
        "`{}`, or the schema default `{}` when unset.",
        f.json_name, default
    )]);
    let wrong_self = if ["into_", "from_", "to_", "as_", "is_"]
        .iter()
        .any(|p| crate::ident::unraw(&f.ident).starts_with(p))
    {
        quote!(#[allow(clippy::wrong_self_convention)])
    } else {
        quote!()
    };
    let (ret, body) = match (&f.ty, default) {
        (TypeRef::Integer, Value::Number(n)) => {
            let v = n.as_i64()?;
            (quote!(i64), quote!(self.#id.unwrap_or(#v)))
        }
        (TypeRef::Boolean, Value::Bool(b)) => (quote!(bool), quote!(self.#id.unwrap_or(#b))),
        (TypeRef::Number, Value::Number(n)) => {
            let v = n.as_f64()?;
            (
                quote!(f64),
                quote!(self.#id.as_ref().and_then(::serde_json::Number::as_f64).unwrap_or(#v)),
            )
        }
        (TypeRef::String, Value::String(s)) => {
            (quote!(&str), quote!(self.#id.as_deref().unwrap_or(#s)))
        }
        (TypeRef::Named(_), Value::String(s)) => {
            let variant = enum_variant(e, &f.ty, s)?;
            let ty = e.rust_type(&f.ty);
            (ty, quote!(self.#id.unwrap_or(#variant)))
        }
        (TypeRef::Array(inner), Value::Array(items)) => {
            let inner_ty = e.rust_type(inner);
            if items.is_empty() {
                (
                    quote!(&[#inner_ty]),
                    quote!(self.#id.as_deref().unwrap_or(&[])),
                )
            } else {
                let elems = items
                    .iter()
                    .map(|v| element(e, inner, v))
                    .collect::<Option<Vec<_>>>()?;
                (
                    quote!(&[#inner_ty]),
                    quote! {
                        static DEFAULT: ::std::sync::LazyLock<::std::vec::Vec<#inner_ty>> =
                            ::std::sync::LazyLock::new(|| ::std::vec![#(#elems),*]);
                        self.#id.as_deref().unwrap_or(&DEFAULT)
                    },
                )
            }
        }
        (TypeRef::Object, Value::Object(m)) if m.is_empty() => {
            let ty = e.rust_type(&f.ty);
            (
                quote!(&#ty),
                quote! {
                    static DEFAULT: ::std::sync::LazyLock<#ty> = ::std::sync::LazyLock::new(::serde_json::Map::new);
                    self.#id.as_ref().unwrap_or(&DEFAULT)
                },
            )
        }
        (TypeRef::Map(_), Value::Object(m)) if m.is_empty() => {
            let ty = e.rust_type(&f.ty);
            (
                quote!(&#ty),
                quote! {
                    static DEFAULT: #ty = ::std::collections::BTreeMap::new();
                    self.#id.as_ref().unwrap_or(&DEFAULT)
                },
            )
        }
        (TypeRef::Named(tid), Value::Object(m)) if m.is_empty() => {
            let TypeKind::Struct(s) = &e.space.get(*tid).kind else {
                return None;
            };
            if !s.all_optional() {
                return None;
            }
            let ty = e.rust_type(&f.ty);
            (
                quote!(&#ty),
                quote! {
                    static DEFAULT: ::std::sync::LazyLock<#ty> = ::std::sync::LazyLock::new(<#ty>::default);
                    self.#id.as_ref().unwrap_or(&DEFAULT)
                },
            )
        }
        _ => return None,
    };
    Some(quote! {
        #doc
        #wrong_self
        pub fn #id(&self) -> #ret {
            #body
        }
    })
}

/// `Enum::Variant` for string `s`, when `t` is a string enum that has it.
fn enum_variant(e: &RustEmitter<'_>, t: &TypeRef, s: &str) -> Option<TokenStream> {
    let TypeRef::Named(tid) = t else { return None };
    let def = e.space.get(*tid);
    let TypeKind::Enum(en) = &def.kind else {
        return None;
    };
    let v = en.variants.iter().find(|v| v.value == s)?;
    let ty = ident_tokens(&def.name);
    let var = ident_tokens(&v.ident);
    Some(quote!(#ty::#var))
}

/// An expression building one array element of a default.
fn element(e: &RustEmitter<'_>, t: &TypeRef, v: &Value) -> Option<TokenStream> {
    match (t, v) {
        (TypeRef::String, Value::String(s)) => Some(quote!(::std::string::String::from(#s))),
        (TypeRef::Integer, Value::Number(n)) => {
            let n = n.as_i64()?;
            Some(quote!(#n))
        }
        (TypeRef::Boolean, Value::Bool(b)) => Some(quote!(#b)),
        (TypeRef::Named(_), Value::String(s)) => enum_variant(e, t, s),
        _ => None,
    }
}
