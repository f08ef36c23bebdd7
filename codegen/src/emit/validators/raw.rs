//! Raw validators: `n<id>(v: &Value, …)` per schema node (after `$ref`s),
//! with the keyword checks shared with typed validators (strings, numbers,
//! arrays) and the combinators.

use super::body::{Bind, Body, FnKey};
use super::objects::{Kind, Presence, Source};
use super::{Callee, Emitter};
use crate::error::Result;
use crate::ir::schema::{Additional, Dependency, Items, NodeId};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Number, Value};
use std::collections::BTreeMap;

/// `kw::Limit` tokens for a schema number.
pub(crate) fn limit(n: &Number) -> TokenStream {
    if let Some(i) = n.as_i64() {
        quote!(kw::Limit::Int(#i))
    } else if let Some(u) = n.as_u64() {
        quote!(kw::Limit::Uint(#u))
    } else {
        let f = Literal::f64_suffixed(n.as_f64().unwrap_or(0.0));
        quote!(kw::Limit::Float(#f))
    }
}

/// A `bool` expression on `v` that is true only when `v` equals one of
/// the `enum` `values` other than strings (JSON equality), decided
/// without the table: `null`, booleans, strings and integers that fit
/// `i64` (an instance integer equals such a value exactly when its `i64`
/// does). `false` for everything else (floats, containers, big numbers),
/// which the exact table check then decides. `None` when no value has a
/// fast form.
fn enum_fast_accept(values: &[Value]) -> Option<TokenStream> {
    let mut simple: Vec<TokenStream> = Vec::new();
    let mut ints: Vec<TokenStream> = Vec::new();
    let mut int_values: Vec<i64> = Vec::new();
    let mut strs: Vec<&str> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for v in values.iter().filter(|v| seen.insert(v.to_string())) {
        match v {
            Value::Null => simple.push(quote!(Value::Null)),
            Value::Bool(b) => simple.push(quote!(Value::Bool(#b))),
            Value::String(x) => strs.push(x),
            Value::Number(x) => match x.as_i64() {
                Some(i) if i != i64::MIN => {
                    let abs = Literal::u64_unsuffixed(i.unsigned_abs());
                    ints.push(if i < 0 { quote!(-#abs) } else { quote!(#abs) });
                    int_values.push(i);
                }
                _ => {}
            },
            Value::Array(_) | Value::Object(_) => {}
        }
    }
    let mut tests = Vec::new();
    if !simple.is_empty() {
        tests.push(quote!(matches!(v, #(#simple)|*)));
    }
    // Three or more values that are exactly a run `a..=b`: one range
    // pattern (what clippy asks for).
    int_values.sort_unstable();
    if let (Some(&a), Some(&b)) = (int_values.first(), int_values.last())
        && int_values.len() >= 3
        && i128::from(b) - i128::from(a) + 1 == int_values.len() as i128
    {
        let lit = |i: i64| {
            let abs = Literal::u64_unsuffixed(i.unsigned_abs());
            if i < 0 { quote!(-#abs) } else { quote!(#abs) }
        };
        let (a, b) = (lit(a), lit(b));
        ints = vec![quote!(#a..=#b)];
    }
    if !ints.is_empty() {
        tests.push(quote!(
            matches!(v, Value::Number(x) if matches!(x.as_i64(), Some(#(#ints)|*)))
        ));
    }
    if !strs.is_empty() {
        tests.push(quote!(
            matches!(v, Value::String(x) if matches!(x.as_str(), #(#strs)|*))
        ));
    }
    (!tests.is_empty()).then(|| quote!(#(#tests)||*))
}

/// One check of an array: statements, or the check of one tuple item
/// (`if let Some(y) = #get { #call }`), kept apart so that a lone one can
/// join the array's `if let`.
pub(crate) enum ArrayCheck {
    /// Statements.
    Plain(Body),
    /// `call` on the item `get` (an `Option<&Value>` expression) yields.
    Item { get: TokenStream, call: Body },
}

impl ArrayCheck {
    fn into_body(self) -> Body {
        match self {
            ArrayCheck::Plain(b) => b,
            ArrayCheck::Item { get, call } => {
                call.wrap(|call| quote!(if let Some(y) = #get { #call }))
            }
        }
    }
}

/// Where a member value is, under its parent's location.
#[derive(Clone, Copy)]
pub(crate) enum Place<'t> {
    /// The member named by this `&str` expression.
    Member(&'t TokenStream),
    /// The item at this `usize` expression.
    Item(&'t TokenStream),
}

impl Emitter<'_> {
    /// A statement validating raw value `v` (a `&Value` expression) at `at`
    /// (a `&Loc` expression) against `node`; `None` when the node
    /// constrains nothing.
    pub(crate) fn raw_call(
        &mut self,
        node: NodeId,
        v: &TokenStream,
        at: &TokenStream,
    ) -> Result<Option<Body>> {
        Ok(self.raw_fn(node)?.map(|f| f.call(quote!((#v, #at, s);))))
    }

    /// [`Self::raw_call`] at member `key` (a `&str` expression) of the
    /// object at `parent`, or at item `index` of the array there: a
    /// function that only checks its value gets a `kw::Member`/`kw::Item`
    /// (no `Loc` is written unless it reports an error), others a `&Loc`.
    pub(crate) fn raw_call_in(
        &mut self,
        node: NodeId,
        v: &TokenStream,
        parent: &TokenStream,
        place: Place<'_>,
    ) -> Result<Option<Body>> {
        let Some(f) = self.raw_fn(node)? else {
            return Ok(None);
        };
        let args = match (place, f.leaf) {
            (Place::Member(k), true) => quote!((#v, #parent.member(#k), s);),
            (Place::Member(k), false) => quote!((#v, &#parent.key(#k), s);),
            (Place::Item(i), true) => quote!((#v, #parent.item(#i), s);),
            (Place::Item(i), false) => quote!((#v, &#parent.index(#i), s);),
        };
        Ok(Some(f.call(args)))
    }

    /// A `bool` expression: whether `v` at `at` is valid against `node`;
    /// `None` when every value is.
    pub(crate) fn raw_check(
        &mut self,
        node: NodeId,
        v: &TokenStream,
        at: &TokenStream,
    ) -> Result<Option<Body>> {
        Ok(self.raw_fn(node)?.map(|f| {
            f.call(quote!((#v, #at, &mut c);)).wrap(|call| {
                quote!({
                    let mut c = kw::Checker::within(&*s);
                    #call
                    c.is_valid()
                })
            })
        }))
    }

    /// The raw function of `node` (after `$ref`s), generated on first use.
    pub(crate) fn raw_fn(&mut self, node: NodeId) -> Result<Option<Callee>> {
        let n = self.graph.deref(node);
        let doc = format!("`{}`", self.graph.schema_path(n));
        self.define(
            FnKey::Raw(n),
            format_ident!("n{}", n.0),
            &doc,
            (quote!(v), quote!(&Value)),
            |e| e.raw_body(n),
        )
    }

    fn raw_body(&mut self, n: NodeId) -> Result<Option<Body>> {
        let node = self.graph.node(n);
        let mut parts: Vec<Body> = Vec::new();
        if let Some(mask) = self.type_mask(n) {
            let sp = self.sp(n, "type");
            let mask = Self::mask_tokens(mask);
            parts.push(Body::leaf(quote!(kw::check_type(s, at, #sp, #mask, v);)));
        }
        if let Some(values) = &node.enumeration {
            let sp = self.sp(n, "enum");
            let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
            parts.push(match strings {
                Some(strs) => Body::leaf(quote! {
                    if !matches!(v, Value::String(x) if matches!(x.as_str(), #(#strs)|*)) {
                        kw::enum_miss(s, at, #sp, v, &[#(#strs),*]);
                    }
                }),
                None => {
                    let (table, i) = self.enum_static(values);
                    let check = match enum_fast_accept(values) {
                        Some(hit) => quote! {
                            let listed = #hit;
                            if !listed {
                                kw::enum_values(s, at, #sp, v, &#table);
                            }
                        },
                        None => quote!(kw::enum_values(s, at, #sp, v, &#table);),
                    };
                    Body::leaf(check).reads_enum(i)
                }
            });
        }
        // (pattern, body, a further `let` condition) per JSON type that has
        // keywords.
        let mut arms: Vec<(TokenStream, Body, Option<TokenStream>)> = Vec::new();
        let strings = self.string_checks(n, &quote!(x))?;
        if !strings.is_empty() {
            arms.push((
                quote!(Value::String(x)),
                Body::leaf(quote!(#(#strings)*)),
                None,
            ));
        }
        let numbers = self.number_checks(n, &quote!(x));
        if !numbers.is_empty() {
            arms.push((
                quote!(Value::Number(x)),
                Body::leaf(quote!(#(#numbers)*)),
                None,
            ));
        }
        let mut arrays = self.raw_array_checks(n)?;
        if let [ArrayCheck::Item { .. }] = arrays.as_slice()
            && let Some(ArrayCheck::Item { get, call }) = arrays.pop()
        {
            arms.push((
                quote!(Value::Array(x)),
                call,
                Some(quote!(let Some(y) = #get)),
            ));
        } else if !arrays.is_empty() {
            let all = Body::join(arrays.into_iter().map(ArrayCheck::into_body));
            arms.push((quote!(Value::Array(x)), all, None));
        }
        if let Some(o) = self.obj_fn(n)? {
            arms.push((quote!(Value::Object(x)), o.call(quote!((x, at, s);)), None));
        }
        match arms.len() {
            0 => {}
            1 => {
                let (pat, body, cond) = arms.remove(0);
                let cond = cond.map(|c| quote!(&& #c));
                parts.push(body.wrap(|body| quote!(if let #pat = v #cond { #body })));
            }
            _ => {
                let mut all = Body::default();
                let arms: Vec<TokenStream> = arms
                    .into_iter()
                    .map(|(pat, body, cond)| {
                        let body = all.absorb(body);
                        match cond {
                            Some(c) => quote!(#pat => { if #c { #body } }),
                            None => quote!(#pat => { #body }),
                        }
                    })
                    .collect();
                all.extend(quote! {
                    match v {
                        #(#arms)*
                        _ => {}
                    }
                });
                parts.push(all);
            }
        }
        parts.extend(self.combinators(n)?);
        if parts.is_empty() {
            return Ok(None);
        }
        if self.recursive.contains(&n) {
            let sp = self.graph.schema_path(n);
            parts.insert(
                0,
                Body::without_value(quote!(if kw::too_deep(s, at, #sp) { return; })).walks(),
            );
        }
        Ok(Some(Body::join(parts)))
    }

    /// `minLength`, `maxLength`, `pattern`, `format` on `x` (a `&str`).
    pub(crate) fn string_checks(&mut self, n: NodeId, x: &TokenStream) -> Result<Vec<TokenStream>> {
        let node = self.graph.node(n);
        let mut out = Vec::new();
        if let Some(min) = node.min_length {
            let sp = self.sp(n, "minLength");
            out.push(quote!(kw::min_length(s, at, #sp, #x, #min);));
        }
        if let Some(max) = node.max_length {
            let sp = self.sp(n, "maxLength");
            out.push(quote!(kw::max_length(s, at, #sp, #x, #max);));
        }
        if let Some(p) = &node.pattern {
            let sp = self.sp(n, "pattern");
            if super::ecma::to_rust_predicate(p).is_some() {
                let test = self.pattern_test(p, n, "pattern", x)?;
                let p = self.pattern_ref(p, n, "pattern")?;
                out.push(quote! {
                    let matched = #test;
                    if !matched {
                        kw::pattern_miss(s, at, #sp, #p, #x);
                    }
                });
            } else {
                let p = self.pattern_ref(p, n, "pattern")?;
                out.push(quote!(kw::pattern(s, at, #sp, #p, #x);));
            }
        }
        if let Some(f) = &node.format {
            let sp = self.sp(n, "format");
            out.push(quote!(kw::format(s, at, #sp, #f, #x);));
        }
        if let Some(crate::kazoo_rules::KazooRule::ClientUrl) =
            crate::kazoo_rules::kazoo_rule(self.graph, n)
        {
            let sp = self.sp(n, "kazoo-validation");
            out.push(quote!(kw::client_url(s, at, #sp, #x);));
        }
        Ok(out)
    }

    /// `minimum`, `maximum`, `multipleOf` on `x` (a `&Number`).
    pub(crate) fn number_checks(&self, n: NodeId, x: &TokenStream) -> Vec<TokenStream> {
        let node = self.graph.node(n);
        let mut out = Vec::new();
        if let Some(min) = &node.minimum {
            let sp = self.sp(n, "minimum");
            let (l, e) = (limit(min), node.exclusive_minimum);
            out.push(quote!(kw::minimum(s, at, #sp, #x, #l, #e);));
        }
        if let Some(max) = &node.maximum {
            let sp = self.sp(n, "maximum");
            let (l, e) = (limit(max), node.exclusive_maximum);
            out.push(quote!(kw::maximum(s, at, #sp, #x, #l, #e);));
        }
        if let Some(m) = &node.multiple_of {
            let sp = self.sp(n, "multipleOf");
            let l = limit(m);
            out.push(quote!(kw::multiple_of(s, at, #sp, #x, #l);));
        }
        out
    }

    /// `minItems`, `maxItems` on `x.len()`.
    pub(crate) fn item_count_checks(&self, n: NodeId) -> Vec<TokenStream> {
        let node = self.graph.node(n);
        let mut out = Vec::new();
        if let Some(min) = node.min_items {
            let sp = self.sp(n, "minItems");
            out.push(quote!(kw::min_items(s, at, #sp, x.len(), #min);));
        }
        if let Some(max) = node.max_items {
            let sp = self.sp(n, "maxItems");
            out.push(quote!(kw::max_items(s, at, #sp, x.len(), #max);));
        }
        out
    }

    fn raw_array_checks(&mut self, n: NodeId) -> Result<Vec<ArrayCheck>> {
        let node = self.graph.node(n);
        let mut out: Vec<ArrayCheck> = self
            .item_count_checks(n)
            .into_iter()
            .map(|c| ArrayCheck::Plain(Body::leaf(c)))
            .collect();
        if node.unique_items {
            let sp = self.sp(n, "uniqueItems");
            out.push(ArrayCheck::Plain(Body::leaf(
                quote!(kw::unique(s, at, #sp, kw::first_duplicate(x));),
            )));
        }
        match &node.items {
            Some(Items::All(item)) => {
                let call =
                    self.raw_call_in(*item, &quote!(y), &quote!(at), Place::Item(&quote!(i)))?;
                if let Some(call) = call {
                    out.push(ArrayCheck::Plain(call.wrap(|call| {
                        quote! {
                            for (i, y) in x.iter().enumerate() {
                                #call
                            }
                        }
                    })));
                }
            }
            Some(Items::Tuple(list)) => {
                let list = list.clone();
                for (k, item) in list.iter().enumerate() {
                    if let Some(call) = self.raw_call(*item, &quote!(y), &quote!(&at.index(#k)))? {
                        let get = if k == 0 {
                            quote!(x.first())
                        } else {
                            quote!(x.get(#k))
                        };
                        out.push(ArrayCheck::Item { get, call });
                    }
                }
                let k = list.len();
                match &node.additional_items {
                    Some(Additional::Forbidden) => {
                        let sp = self.sp(n, "additionalItems");
                        out.push(ArrayCheck::Plain(Body::leaf(
                            quote!(kw::max_items_tuple(s, at, #sp, x.len(), #k);),
                        )));
                    }
                    Some(Additional::Schema(a)) => {
                        if let Some(f) = self.raw_fn(*a)? {
                            out.push(ArrayCheck::Plain(
                                f.call(quote!((y, &at.index(i), s);)).wrap(|call| {
                                    let rest = if k == 0 {
                                        quote!(x.iter().enumerate())
                                    } else {
                                        quote!(x.iter().enumerate().skip(#k))
                                    };
                                    quote! {
                                        for (i, y) in #rest {
                                            #call
                                        }
                                    }
                                }),
                            ));
                        }
                    }
                    None => {}
                }
            }
            None => {}
        }
        Ok(out)
    }

    /// The object-keyword function `o<id>(x: &Map, …)` of `n`.
    pub(crate) fn obj_fn(&mut self, n: NodeId) -> Result<Option<Callee>> {
        let doc = format!("`{}` (object keywords)", self.graph.schema_path(n));
        self.define(
            FnKey::Obj(n),
            format_ident!("o{}", n.0),
            &doc,
            (
                quote!(x),
                quote!(&::serde_json::Map<::std::string::String, Value>),
            ),
            |e| e.obj_body(n),
        )
    }

    fn obj_body(&mut self, n: NodeId) -> Result<Option<Body>> {
        let node = self.graph.node(n);
        // Required properties are ticked off while the members are walked,
        // instead of being looked up afterwards.
        let mut bits: BTreeMap<String, u64> = BTreeMap::new();
        let mut marks: BTreeMap<String, Body> = BTreeMap::new();
        for r in &node.required {
            if node.property(r).is_some() && bits.len() < 64 && !bits.contains_key(r) {
                let bit = 1u64 << bits.len();
                bits.insert(r.clone(), bit);
                marks.insert(r.clone(), Body::leaf(quote!(seen |= #bit;)));
            }
        }
        // A callflow node keeps its `module` and `data` for Kazoo's rule.
        let hook = self.flow_nodes.contains(&n);
        let mut captured = Vec::new();
        if hook {
            for (name, var) in [("module", quote!(module_v)), ("data", quote!(data_v))] {
                if node.property(name).is_some() {
                    let mark = marks.remove(name).unwrap_or_default();
                    let set = Body::leaf(quote!(#var = Some(y);)).reads(Bind::Member);
                    marks.insert(name.to_string(), Body::join([mark, set]));
                    captured.push(quote!(let mut #var: Option<&Value> = None;));
                } else {
                    captured.push(quote!(let #var = x.get(#name);));
                }
            }
        }
        let sources = [Source {
            iter: quote!(x),
            keys: quote!(x.keys()),
            kind: Kind::Raw,
            binds: Vec::new(),
        }];
        let has_bits = bits.clone();
        let mut checks = self.object_checks_marked(
            n,
            &sources,
            &quote!(x.len()),
            &move |name: &str| match has_bits.get(name) {
                Some(bit) => Presence::Bit(*bit),
                None => Presence::Expr(Body::leaf(quote!(x.contains_key(#name)))),
            },
            &quote!(at),
            marks,
        )?;
        if hook {
            checks.extend(self.kazoo_hook(n)?);
        }
        if self.metaflow_node == Some(n) {
            checks.push(Self::metaflow_hook());
        }
        if checks.is_empty() {
            return Ok(None);
        }
        let seen = if bits.is_empty() {
            quote!()
        } else {
            quote!(let mut seen = 0u64;)
        };
        let mut body = Body::leaf(quote!(#seen #(#captured)*));
        for c in checks {
            body.push(c);
        }
        Ok(Some(body))
    }

    /// `allOf`, `anyOf`, `oneOf`, `not` and schema `dependencies` on `v`.
    pub(crate) fn combinators(&mut self, n: NodeId) -> Result<Vec<Body>> {
        let node = self.graph.node(n);
        let (all_of, any_of, one_of, not) = (
            node.all_of.clone(),
            node.any_of.clone(),
            node.one_of.clone(),
            node.not,
        );
        let deps: Vec<(String, NodeId)> = node
            .dependencies
            .iter()
            .filter_map(|(name, d)| match d {
                Dependency::Schema(s) => Some((name.clone(), *s)),
                Dependency::Properties(_) => None,
            })
            .collect();
        let (v, at) = (quote!(v), quote!(at));
        let mut out = Vec::new();
        for b in all_of {
            out.extend(self.raw_call(b, &v, &at)?);
        }
        if !any_of.is_empty() {
            let checks = any_of
                .iter()
                .map(|b| self.raw_check(*b, &v, &at))
                .collect::<Result<Vec<Option<Body>>>>()?;
            // With a branch every value matches, `anyOf` always holds.
            if let Some(checks) = checks.into_iter().collect::<Option<Vec<Body>>>() {
                let sp = self.sp(n, "anyOf");
                let total = any_of.len();
                let mut b = Body::default();
                let checks: Vec<TokenStream> = checks.into_iter().map(|c| b.absorb(c)).collect();
                b.extend(quote! {
                    let matched = #(#checks)||*;
                    if !matched {
                        kw::any_of_failed(s, at, #sp, #total);
                    }
                });
                out.push(b);
            }
        }
        if !one_of.is_empty() {
            let mut b = Body::default();
            let mut checks = Vec::new();
            for branch in &one_of {
                let check = self.raw_check(*branch, &v, &at)?;
                checks.push(check.map_or_else(|| quote!(true), |c| b.absorb(c)));
            }
            let sp = self.sp(n, "oneOf");
            b.extend(quote!(kw::one_of(s, at, #sp, &[#(#checks),*]);));
            out.push(b);
        }
        if let Some(branch) = not {
            let sp = self.sp(n, "not");
            out.push(match self.raw_check(branch, &v, &at)? {
                None => Body::without_value(quote!(kw::not_failed(s, at, #sp);)),
                Some(check) => check.wrap(|check| {
                    quote! {
                        let matched = #check;
                        if matched {
                            kw::not_failed(s, at, #sp);
                        }
                    }
                }),
            });
        }
        for (name, d) in deps {
            let Some(check) = self.raw_check(d, &v, &at)? else {
                continue;
            };
            let sp = crate::pointer::push(&self.sp(n, "dependencies"), &name);
            out.push(check.wrap(|check| {
                quote! {
                    if let Value::Object(m) = v && m.contains_key(#name) {
                        let matched = #check;
                        if !matched {
                            kw::dependency_schema(s, at, #sp, #name);
                        }
                    }
                }
            }));
        }
        Ok(out)
    }
}
