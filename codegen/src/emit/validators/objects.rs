//! Object keywords over members from any source: a raw map, a typed map,
//! a struct's extra members, a callflow node's children (typed nodes and
//! raw leftovers). `properties`, `patternProperties`,
//! `additionalProperties`, `required`, `minProperties`/`maxProperties` and
//! property `dependencies`.

use super::body::{Bind, Body};
use super::{Emitter, Switch};
use crate::error::Result;
use crate::ir::schema::{Additional, Dependency, NodeId};
use crate::ir::types::TypeRef;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// How the members of a source are typed.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// `&serde_json::Value`
    Raw,
    /// A typed value.
    Typed(TypeRef),
}

/// Members to check: an expression iterating `(key, value)` pairs.
pub(crate) struct Source {
    /// Iterates `(&String | &str, &V)`.
    pub(crate) iter: TokenStream,
    /// Iterates the keys alone.
    pub(crate) keys: TokenStream,
    /// What `V` is.
    pub(crate) kind: Kind,
    /// The bindings `iter` and `keys` read.
    pub(crate) binds: Vec<Bind>,
}

/// Whether a member is there, as generated code tells it.
pub(crate) enum Presence {
    /// Always (a required field).
    Always,
    /// This `bool` expression.
    Expr(Body),
    /// This bit of the local `seen`, set while walking the members.
    Bit(u64),
}

impl Presence {
    /// A `bool` expression that is true when the member is there (`None`:
    /// always).
    pub(crate) fn present(&self) -> Option<Body> {
        match self {
            Presence::Always => None,
            Presence::Expr(e) => Some(e.clone().wrap(|e| quote!((#e)))),
            Presence::Bit(b) => Some(Body::leaf(quote!((seen & #b) != 0))),
        }
    }

    /// A `bool` expression that is true when the member is missing
    /// (`None`: never).
    pub(crate) fn absent(&self) -> Option<Body> {
        match self {
            Presence::Always => None,
            Presence::Expr(e) => Some(e.clone().wrap(|e| quote!(!(#e)))),
            Presence::Bit(b) => Some(Body::leaf(quote!((seen & #b) == 0))),
        }
    }
}

/// What applies to one member name under a node.
pub(crate) struct Applicable {
    /// `properties` and matching `patternProperties` (decided now), or the
    /// `additionalProperties` schema.
    pub(crate) nodes: Vec<NodeId>,
    /// `additionalProperties: false` forbids it.
    pub(crate) forbidden: bool,
}

impl Emitter<'_> {
    /// A statement validating value `y` (of `kind`), the member `k` of the
    /// object at `at`, against `node`.
    fn member_call(
        &mut self,
        node: NodeId,
        kind: &Kind,
        y: &TokenStream,
        at: &TokenStream,
    ) -> Result<Option<Body>> {
        let call = match kind {
            Kind::Raw => self.raw_call_in(node, y, at, super::raw::Place::Member(&quote!(k)))?,
            Kind::Typed(t) => self.typed_call(node, t, y, &quote!(&#at.key(k)))?,
        };
        Ok(call.map(|c| c.reads(Bind::Member)))
    }

    /// The schemas applying to a member named `name` of `n`, decided at
    /// generation time.
    pub(crate) fn applicable(&self, n: NodeId, name: &str) -> Applicable {
        let node = self.graph.node(n);
        let mut nodes: Vec<NodeId> = node.property(name).into_iter().collect();
        for (p, pp) in &node.pattern_properties {
            if Self::matches_now(p, name) {
                nodes.push(*pp);
            }
        }
        let mut forbidden = false;
        if nodes.is_empty() {
            match &node.additional_properties {
                Some(Additional::Forbidden) => forbidden = true,
                Some(Additional::Schema(a)) => nodes.push(*a),
                None => {}
            }
        }
        Applicable { nodes, forbidden }
    }

    /// `kw::not_allowed` for member `key` (a `&str` expression) of `n`.
    pub(crate) fn not_allowed(&self, n: NodeId, key: &TokenStream, at: &TokenStream) -> Body {
        let sp = self.sp(n, "additionalProperties");
        let known: Vec<&String> = self
            .graph
            .node(n)
            .properties
            .iter()
            .map(|(k, _)| k)
            .collect();
        Body::leaf(quote!(kw::not_allowed(s, #at, #sp, #key, &[#(#known),*]);))
    }

    /// The object keywords of `n` over `sources`: `len` counts the members
    /// and `has(name)` is a `bool` expression for a member's presence.
    pub(crate) fn object_checks(
        &mut self,
        n: NodeId,
        sources: &[Source],
        len: &TokenStream,
        has: &dyn Fn(&str) -> Presence,
        at: &TokenStream,
    ) -> Result<Vec<Body>> {
        self.object_checks_marked(n, sources, len, has, at, BTreeMap::new())
    }

    /// [`Self::object_checks`], running `marks[name]` (statements that may
    /// use the member `y`) on the members so named.
    pub(crate) fn object_checks_marked(
        &mut self,
        n: NodeId,
        sources: &[Source],
        len: &TokenStream,
        has: &dyn Fn(&str) -> Presence,
        at: &TokenStream,
        marks: BTreeMap<String, Body>,
    ) -> Result<Vec<Body>> {
        let node = self.graph.node(n);
        let mut out: Vec<Body> = self
            .property_counts(n, len, at)
            .into_iter()
            .map(Body::leaf)
            .collect();
        let props = node.properties.clone();
        for source in sources {
            out.extend(self.member_loop_marked(n, source, &[], &props, at, &marks)?);
        }
        out.extend(self.required_checks(n, has, at));
        out.extend(self.dependency_checks(n, has, at));
        Ok(out)
    }

    /// `minProperties`, `maxProperties` on `len` members.
    pub(crate) fn property_counts(
        &self,
        n: NodeId,
        len: &TokenStream,
        at: &TokenStream,
    ) -> Vec<TokenStream> {
        let node = self.graph.node(n);
        let mut out = Vec::new();
        if let Some(min) = node.min_properties {
            let sp = self.sp(n, "minProperties");
            out.push(quote!(kw::min_properties(s, #at, #sp, #len, #min);));
        }
        if let Some(max) = node.max_properties {
            let sp = self.sp(n, "maxProperties");
            out.push(quote!(kw::max_properties(s, #at, #sp, #len, #max);));
        }
        out
    }

    /// `required`, given presence expressions (`None` when always present).
    pub(crate) fn required_checks(
        &self,
        n: NodeId,
        has: &dyn Fn(&str) -> Presence,
        at: &TokenStream,
    ) -> Vec<Body> {
        let node = self.graph.node(n);
        let sp = self.sp(n, "required");
        node.required
            .iter()
            .filter_map(|r| {
                let absent = has(r).absent()?;
                Some(absent.wrap(|absent| quote!(if #absent { kw::missing(s, #at, #sp, #r); })))
            })
            .collect()
    }

    /// Property `dependencies`, given presence expressions.
    pub(crate) fn dependency_checks(
        &self,
        n: NodeId,
        has: &dyn Fn(&str) -> Presence,
        at: &TokenStream,
    ) -> Vec<Body> {
        let node = self.graph.node(n);
        let mut out = Vec::new();
        for (name, d) in &node.dependencies {
            let Dependency::Properties(needs) = d else {
                continue;
            };
            let sp = crate::pointer::push(&self.sp(n, "dependencies"), name);
            let when = has(name).present();
            for need in needs {
                let Some(absent) = has(need).absent() else {
                    continue;
                };
                let mut b = Body::default();
                let absent = b.absorb(absent);
                let cond = match &when {
                    Some(w) => {
                        let w = b.absorb(w.clone());
                        quote!(#w && #absent)
                    }
                    None => absent,
                };
                b.extend(quote! {
                    if #cond { kw::dependency(s, #at, #sp, #name, #need); }
                });
                out.push(b);
            }
        }
        out
    }

    /// One loop over the members of `iter`: `props` by name, the node's
    /// `patternProperties` by pattern, and `additionalProperties` for the
    /// rest. Members named in `skip` are left alone. `None` when nothing
    /// needs checking.
    pub(crate) fn member_loop(
        &mut self,
        n: NodeId,
        source: &Source,
        skip: &[String],
        props: &[(String, NodeId)],
        at: &TokenStream,
    ) -> Result<Option<Body>> {
        self.member_loop_marked(n, source, skip, props, at, &BTreeMap::new())
    }

    /// [`Self::member_loop`] with `marks` run on the members so named.
    pub(crate) fn member_loop_marked(
        &mut self,
        n: NodeId,
        source: &Source,
        skip: &[String],
        props: &[(String, NodeId)],
        at: &TokenStream,
        marks: &BTreeMap<String, Body>,
    ) -> Result<Option<Body>> {
        let (iter, kind) = (&source.iter, &source.kind);
        let node = self.graph.node(n);
        let patterns = node.pattern_properties.clone();
        let additional = node.additional_properties.clone();
        let y = quote!(y);
        // Everything the loop body holds, for its needs.
        let mut all = Body::walking(TokenStream::new());
        // What the rest get.
        let rest = match &additional {
            Some(Additional::Forbidden) => Some(self.not_allowed(n, &quote!(k), at)),
            Some(Additional::Schema(a)) => self.member_call(*a, kind, &y, at)?,
            None => None,
        };
        let rest = rest.map(|r| all.absorb(r));
        let need_known = rest.is_some();
        let mut arms: Vec<(String, Option<TokenStream>)> = Vec::new();
        for (name, p) in props {
            let call = self.member_call(*p, kind, &y, at)?;
            let mark = marks.get(name).cloned();
            let body = match (mark, call) {
                (Some(m), Some(c)) => Some(Body::join([m, c])),
                (Some(m), None) => Some(m),
                (None, c) => c,
            };
            if body.is_some() || need_known {
                arms.push((name.clone(), body.map(|b| all.absorb(b))));
            }
        }
        let mut pattern_checks = Vec::new();
        for (p, pp) in &patterns {
            let call = self.member_call(*pp, kind, &y, at)?;
            if call.is_none() && !need_known {
                continue;
            }
            let call = all.absorb_opt(call);
            let test = self.pattern_test(p, n, "patternProperties", &quote!(k))?;
            let mark = if need_known {
                quote!(matched = true;)
            } else {
                quote!()
            };
            pattern_checks.push(quote!(if #test { #mark #call }));
        }
        if arms.is_empty() && pattern_checks.is_empty() && rest.is_none() {
            return Ok(None);
        }
        let skip = if skip.is_empty() {
            quote!()
        } else {
            quote!(if matches!(k, #(#skip)|*) {
                continue;
            })
        };
        let props_part = if need_known {
            let all_plain = arms.iter().all(|(_, c)| c.is_none());
            let expr = if arms.is_empty() {
                quote!(false)
            } else if all_plain {
                let names = arms.iter().map(|(n, _)| n);
                quote!(matches!(k, #(#names)|*))
            } else {
                super::string_switch(&quote!(k), &arms, Switch::Test)
            };
            let binding = if pattern_checks.is_empty() {
                quote!(let matched)
            } else {
                quote!(let mut matched)
            };
            quote!(#binding = #expr;)
        } else {
            match arms.as_slice() {
                [] => quote!(),
                [(name, call)] => {
                    let eq = super::str_eq(&quote!(k), name);
                    quote!(if #eq { #call })
                }
                _ => super::string_switch(&quote!(k), &arms, Switch::Run),
            }
        };
        let rest_part = match rest {
            Some(r) => quote!(if !matched { #r }),
            None => quote!(),
        };
        let (pair, iter) = if all.binds(Bind::Member) {
            (quote!((k, y)), iter.clone())
        } else {
            (quote!(k), source.keys.clone())
        };
        let mut out = Body::default();
        out.push(all.declares(Bind::Member));
        for b in &source.binds {
            out = out.reads(*b);
        }
        out.extend(quote! {
            for #pair in #iter {
                let k: &str = k;
                #skip
                #props_part
                #(#pattern_checks)*
                #rest_part
            }
        });
        Ok(Some(out))
    }
}
