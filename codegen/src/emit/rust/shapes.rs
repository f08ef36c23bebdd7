//! The shape table (`TYPE_SHAPES`): each generated type's shape as data,
//! which the runtime walks to name where data does not fit a type (see the
//! runtime's `type_shape` module) instead of compiling every type's
//! deserializer a second time for `serde_path_to_error`.
//!
//! One entry per type, at the type's index in the [`TypeSpace`]; what each
//! entry says is taken from the IR, as the type's `Deserialize` is.

use super::RustEmitter;
use super::struct_reader::{kept_when_misfit, struct_expecting};
use crate::ir::types::{TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The table's name, in the generated types file.
pub const TABLE: &str = "TYPE_SHAPES";

impl RustEmitter<'_> {
    /// `&Shape::…` for `t`: what generated code passes to the walk.
    pub(super) fn shape_ref(&self, t: &TypeRef) -> TokenStream {
        let rt = &self.rt;
        let shape = shape(t, &quote!(#rt::__private::Shape));
        quote!(&#shape)
    }

    /// `pub static TYPE_SHAPES: &[TypeShape] = &[…];`, written with short
    /// local names (`S` for `Shape`, `F` for `FieldShape`, `T` for
    /// `TypeShape`).
    pub(super) fn emit_shapes(&self) -> TokenStream {
        let rt = &self.rt;
        let s = quote!(S);
        let entries = self.space.types.iter().map(|t| match &t.kind {
            TypeKind::Struct(st) => {
                let expecting = struct_expecting(t, st);
                let fields = st.fields.iter().map(|f| {
                    let name = &f.json_name;
                    // A member a lenient struct keeps when it does not fit
                    // never fails its reading.
                    let shape = if st.keep_misfits && kept_when_misfit(f) {
                        shape(&TypeRef::Any, &s)
                    } else {
                        shape(&f.ty, &s)
                    };
                    let required = f.required;
                    quote!(F { name: #name, shape: #shape, required: #required })
                });
                quote!(T::Struct { expecting: #expecting, fields: &[#(#fields),*] })
            }
            TypeKind::Enum(e) => {
                let values = e.variants.iter().map(|v| &v.value);
                quote!(T::Enum { values: &[#(#values),*] })
            }
            TypeKind::Union(u) => {
                let name = &t.name;
                let variants = u.variants.iter().map(|v| shape(&v.ty, &s));
                quote!(T::Untagged { name: #name, variants: &[#(#variants),*] })
            }
            TypeKind::Tagged(tg) => {
                let name = &t.name;
                let tag = &tg.tag;
                let values = tg.variants.iter().map(|v| &v.tag_value);
                let variants = tg.variants.iter().map(|v| shape(&v.ty, &s));
                quote!(T::Tagged { name: #name, tag: #tag, values: &[#(#values),*], variants: &[#(#variants),*] })
            }
            // Never left after lowering; an entry keeps the indexes.
            TypeKind::Pending => quote!(T::Untagged { name: "", variants: &[] }),
        });
        let table = quote::format_ident!("{}", TABLE);
        quote! {
            /// Each generated type's shape, at its index: what strict
            /// reading walks to name where data does not fit.
            #[doc(hidden)]
            pub static #table: &[#rt::__private::TypeShape] = {
                use #rt::__private::{FieldShape as F, Shape as S, TypeShape as T};
                &[#(#entries),*]
            };
        }
    }
}

/// The `Shape` expression for `t`, `s` naming `Shape`.
fn shape(t: &TypeRef, s: &TokenStream) -> TokenStream {
    match t {
        TypeRef::String => quote!(#s::String),
        TypeRef::Integer => quote!(#s::Integer),
        TypeRef::Number => quote!(#s::Number),
        TypeRef::Boolean => quote!(#s::Boolean),
        TypeRef::Null => quote!(#s::Null),
        TypeRef::Any => quote!(#s::Any),
        TypeRef::Object => quote!(#s::Object),
        TypeRef::Array(inner) => {
            let inner = shape(inner, s);
            quote!(#s::Array(&#inner))
        }
        TypeRef::Map(inner) => {
            let inner = shape(inner, s);
            quote!(#s::Map(&#inner))
        }
        TypeRef::Named(id) => {
            let i = proc_macro2::Literal::usize_unsuffixed(id.0 as usize);
            quote!(#s::Named(#i))
        }
        TypeRef::Flow => quote!(#s::Flow),
        TypeRef::Metaflow => quote!(#s::Metaflow),
    }
}
