//! Statics the validators share: compiled `pattern`s (checked here, at
//! generation time, to be valid ECMA-262) and `enum` lists holding values
//! other than strings.

use super::Emitter;
use crate::error::{ErrorKind, Result};
use crate::ir::schema::NodeId;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use std::collections::BTreeSet;

impl Emitter<'_> {
    /// The index of `source` in `PATTERNS`; an invalid pattern is an error
    /// naming the node.
    pub(crate) fn pattern_index(
        &mut self,
        source: &str,
        node: NodeId,
        keyword: &str,
    ) -> Result<usize> {
        if let Some(i) = self.patterns.get(source) {
            return Ok(*i);
        }
        if regress::Regex::new(source).is_err() {
            let mut at = self.graph.source(node);
            at.pointer = crate::pointer::push(&at.pointer, keyword);
            return Err(ErrorKind::InvalidKeyword {
                at,
                keyword: keyword.to_string(),
                expected: "an ECMA-262 regular expression",
            }
            .into());
        }
        let i = self.patterns.len();
        self.patterns.insert(source.to_string(), i);
        Ok(i)
    }

    /// Whether pattern `source` matches `name` (decided now, for declared
    /// property names).
    pub(crate) fn matches_now(source: &str, name: &str) -> bool {
        regress::Regex::new(source).is_ok_and(|re| re.find(name).is_some())
    }

    /// `&PATTERNS[i]` for `source`.
    pub(crate) fn pattern_ref(
        &mut self,
        source: &str,
        node: NodeId,
        keyword: &str,
    ) -> Result<TokenStream> {
        let i = Literal::usize_unsuffixed(self.pattern_index(source, node, keyword)?);
        Ok(quote!(&PATTERNS[#i]))
    }

    /// A `bool` expression: whether pattern `source` matches `text` (a
    /// `&str` expression). A pattern the generator decides itself is a
    /// direct call to its predicate; others go through `PATTERNS`.
    pub(crate) fn pattern_test(
        &mut self,
        source: &str,
        node: NodeId,
        keyword: &str,
        text: &TokenStream,
    ) -> Result<TokenStream> {
        let i = self.pattern_index(source, node, keyword)?;
        Ok(if super::ecma::to_rust_predicate(source).is_some() {
            let name = format_ident!("pattern_{}", i);
            quote!(#name(#text))
        } else {
            let i = Literal::usize_unsuffixed(i);
            quote!(kw::key_matches(&PATTERNS[#i], #text))
        })
    }

    /// The static holding `values`, and its index.
    pub(crate) fn enum_static(&mut self, values: &[Value]) -> (syn::Ident, usize) {
        let text = Value::Array(values.to_vec()).to_string();
        let n = self.enums.len();
        let i = *self.enums.entry(text).or_insert(n);
        (format_ident!("ENUM_{}", i), i)
    }

    /// The statics, in index order: every pattern (the runtime lists them
    /// all) and the `enum` lists in `used`.
    pub(crate) fn tables(&self, used: &BTreeSet<usize>) -> TokenStream {
        let mut out = TokenStream::new();
        let mut sources: Vec<(&String, &usize)> = self.patterns.iter().collect();
        sources.sort_by_key(|(_, i)| **i);
        let n = Literal::usize_unsuffixed(sources.len());
        let mut items = Vec::new();
        for (source, i) in sources {
            if let Some(test) = super::ecma::to_rust_predicate(source) {
                let name = format_ident!("pattern_{}", i);
                let doc = format!(" `{source}`, decided without a regex engine.");
                out.extend(quote! {
                    #[doc = #doc]
                    #[inline]
                    fn #name(text: &str) -> bool {
                        #test
                    }
                });
                items.push(quote!(kw::Pattern::compiled(#source, #name)));
            } else if let Some(rust) = super::ecma::to_rust_regex(source) {
                items.push(quote!(kw::Pattern::translated(#source, #rust)));
            } else {
                items.push(quote!(kw::Pattern::new(#source)));
            }
        }
        out.extend(quote! {
            /// Every `pattern` and `patternProperties` pattern, compiled on first use.
            pub(crate) static PATTERNS: [kw::Pattern; #n] = [#(#items),*];
        });
        let mut enums: Vec<(&String, &usize)> = self.enums.iter().collect();
        enums.sort_by_key(|(_, i)| **i);
        for (text, i) in enums.into_iter().filter(|(_, i)| used.contains(i)) {
            let name = format_ident!("ENUM_{}", i);
            let doc = format!(" `enum` {text}");
            out.extend(quote! {
                #[doc = #doc]
                static #name: ::std::sync::LazyLock<::std::vec::Vec<Value>> =
                    ::std::sync::LazyLock::new(|| ::serde_json::from_str(#text).unwrap_or_default());
            });
        }
        out
    }
}
