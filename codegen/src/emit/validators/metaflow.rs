//! Kazoo's metaflow rule (`kazoo-validation` on `metaflow.module`): a
//! metaflow node's `module` must name a `metaflows.<module>` schema and its
//! `data` is checked against it. Also the typed `Validate` impls of the
//! runtime's `Metaflow` node and the generated `MetaflowAction`.

use super::Emitter;
use super::Switch;
use super::body::{Body, FnKey};
use crate::error::Result;
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_> {
    /// `metaflow_data(module, data, at, s) -> bool`: validates `data`
    /// against `metaflows.<module>`; `false` when no schema has that name.
    /// With the list of metaflow modules and where the rule is.
    pub(crate) fn metaflow_dispatch(&mut self) -> Result<Body> {
        let modules = crate::validation::module_roots(self.graph, &self.space.metaflow_modules);
        let names: Vec<&str> = modules.iter().map(|(m, _)| m.as_str()).collect();
        let sp =
            crate::validation::metaflow_schema_path(self.graph, self.metaflow_node, self.config);
        let mut all = Body::default();
        let mut arms = Vec::new();
        for (name, root) in &modules {
            self.out_of_line.insert(FnKey::Raw(self.graph.deref(*root)));
            let call = self.raw_call(*root, &quote!(data), &quote!(at))?;
            arms.push((name.clone(), call.map(|c| all.absorb(c))));
        }
        let consts = quote! {
            /// The metaflow modules (`metaflows.<module>` schemas).
            pub(crate) const METAFLOW_MODULES: &[&str] = &[#(#names),*];
            /// Where the rule "a metaflow node's module names a metaflow schema" is.
            pub(crate) const METAFLOW_SCHEMA_PATH: &str = #sp;
        };
        if arms.iter().all(|(_, call)| call.is_none()) {
            return Ok(Body::leaf(quote! {
                #consts
                /// Whether `module` names a metaflow schema (none constrains its data).
                pub(crate) fn metaflow_data<S: Sink>(module: &str, _: &Value, _: &Loc<'_>, _: &mut S) -> bool {
                    METAFLOW_MODULES.contains(&module)
                }
            }));
        }
        let switch = super::string_switch(&quote!(module), &arms, Switch::Test);
        all.extend(quote! {
            #consts
            /// Validates `data` against `metaflows.<module>`; `false` when no
            /// schema has that name.
            pub(crate) fn metaflow_data<S: Sink>(module: &str, data: &Value, at: &Loc<'_>, s: &mut S) -> bool {
                #switch
            }
        });
        Ok(all)
    }

    /// Kazoo's rule in the object function of the metaflow node schema:
    /// `module` names a metaflow schema, `data` is checked against it.
    pub(crate) fn metaflow_hook() -> Body {
        Body::walking(quote! {
            if let Some(Value::String(module)) = x.get("module") {
                let known = match x.get("data") {
                    Some(d) => metaflow_data(module, d, &at.key("data"), s),
                    None => METAFLOW_MODULES.contains(&module.as_str()),
                };
                if !known {
                    kw::unknown_metaflow_module(s, &at.key("module"), METAFLOW_SCHEMA_PATH, module, METAFLOW_MODULES.iter().copied());
                }
            }
        })
    }

    /// `impl Validate for Metaflow`: the node's JSON against the metaflow
    /// node schema with the raw validator, which runs the module dispatch,
    /// so the typed path reports exactly what the raw path does (a
    /// metaflow tree is small next to a callflow).
    pub(crate) fn metaflow_impl(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let call = match self.metaflow_type_node {
            Some(m) => self.raw_call(m, &quote!(&kw::to_value(self)), &quote!(at))?,
            None => None,
        };
        Ok(self.node_validate_impl(quote!(#rt::Metaflow), call))
    }

    /// `impl Validate for MetaflowAction`: the data against its metaflow
    /// module's schema (paths relative to the data); an unknown module is
    /// one error where Kazoo's metaflow rule applies.
    pub(crate) fn metaflow_action_impl(&mut self) -> Result<TokenStream> {
        let rt = self.rt.clone();
        let (arms, all) = self.typed_module_arms(true, &quote!(#rt::MetaflowAction))?;
        let other = if self.metaflow_node.is_some() {
            quote! {
                #rt::MetaflowAction::Other(raw) => {
                    let known = match &raw.data {
                        Some(d) => metaflow_data(&raw.module, d, at, s),
                        None => METAFLOW_MODULES.contains(&raw.module.as_str()),
                    };
                    if !known {
                        kw::unknown_metaflow_module(s, at, METAFLOW_SCHEMA_PATH, &raw.module, METAFLOW_MODULES.iter().copied());
                    }
                }
            }
        } else {
            quote!(#rt::MetaflowAction::Other(_) => {})
        };
        let rest = if all { quote!() } else { quote!(_ => {}) };
        let (at, s) = if arms.is_empty() && self.metaflow_node.is_none() {
            (quote!(_), quote!(_))
        } else {
            (quote!(at), quote!(s))
        };
        Ok(quote! {
            impl #rt::validate::Validate for #rt::MetaflowAction {
                fn validate_at<S: Sink>(&self, #at: &Loc<'_>, #s: &mut S) {
                    match self {
                        #(#arms)*
                        #other
                        #rest
                    }
                }
            }
        })
    }
}
