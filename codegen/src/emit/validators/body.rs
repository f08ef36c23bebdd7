//! Generated code together with what it is: the validator functions it
//! calls, whether it walks into its value, and the local bindings and
//! statics it reads. The emitter decides from these facts, recorded while
//! the code is built, never from the text of tokens already emitted.
//!
//! A [`Body`]'s tokens can only be taken out by a parent that
//! [absorbs](Body::absorb) it (its facts move with them) or by
//! [`Body::finish`], where a function or an entry point is written.

use crate::ir::schema::NodeId;
use crate::ir::types::TypeRef;
use proc_macro2::TokenStream;
use std::collections::BTreeSet;

/// A generated validator function, by what it validates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FnKey {
    /// `n<id>`: a raw `&Value` against a node (after `$ref`s).
    Raw(NodeId),
    /// `o<id>`: a raw object's members against a node's object keywords.
    Obj(NodeId),
    /// `t<id>_<k>`: a typed value against a node.
    Typed(NodeId, TypeRef),
}

/// A local binding generated code may read, declared by the code around it
/// only when something reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Bind {
    /// `y`: the member (or item) value in a member loop.
    Member,
    /// `extra`: a callflow node's extra members.
    Extra,
    /// `data_written`: whether a callflow node writes its own `data`.
    DataWritten,
    /// `children_written`: whether a callflow node writes its own `children`.
    ChildrenWritten,
}

/// What a piece of generated code needs, besides its tokens.
#[derive(Debug, Clone, Default)]
pub(crate) struct Needs {
    /// Validator functions it calls.
    pub(crate) calls: BTreeSet<FnKey>,
    /// Whether it walks into its value: loops over members or items, calls
    /// a validator, recurses (depth check) or builds a location below its
    /// own. Code that does not only reports errors at its own location.
    pub(crate) walks_children: bool,
    /// Local bindings it reads.
    pub(crate) binds: BTreeSet<Bind>,
    /// `ENUM_<i>` statics it reads.
    pub(crate) enums: BTreeSet<usize>,
    /// Whether it reads the validated value (the function's `v` or `x`).
    pub(crate) reads_value: bool,
}

impl Needs {
    /// Adds what `other` needs.
    pub(crate) fn merge(&mut self, other: Needs) {
        self.calls.extend(other.calls);
        self.walks_children |= other.walks_children;
        self.binds.extend(other.binds);
        self.enums.extend(other.enums);
        self.reads_value |= other.reads_value;
    }
}

/// Statements (or an expression) with what they need.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    tokens: TokenStream,
    needs: Needs,
}

impl Body {
    /// Code that checks its value only, at its own location.
    pub(crate) fn leaf(tokens: TokenStream) -> Body {
        let mut b = Body::without_value(tokens);
        b.needs.reads_value = true;
        b
    }

    /// Code that reports at its own location without reading the value
    /// (a check decided at generation time).
    pub(crate) fn without_value(tokens: TokenStream) -> Body {
        Body {
            tokens,
            needs: Needs::default(),
        }
    }

    /// Whether the code reads the validated value.
    pub(crate) fn reads_value(&self) -> bool {
        self.needs.reads_value
    }

    /// Code that walks into its value (a loop, a location below its own, a
    /// recursion into the runtime's `Validate`).
    pub(crate) fn walking(tokens: TokenStream) -> Body {
        Body::leaf(tokens).walks()
    }

    /// A call of validator `key`.
    pub(crate) fn call(key: FnKey, tokens: TokenStream) -> Body {
        let mut b = Body::walking(tokens);
        b.needs.calls.insert(key);
        b
    }

    /// Marks the code as walking into its value.
    pub(crate) fn walks(mut self) -> Body {
        self.needs.walks_children = true;
        self
    }

    /// Records that the code reads `bind`.
    pub(crate) fn reads(mut self, bind: Bind) -> Body {
        self.needs.binds.insert(bind);
        self
    }

    /// Records that the code around declares `bind`: outside it, this
    /// code no longer reads it.
    pub(crate) fn declares(mut self, bind: Bind) -> Body {
        self.needs.binds.remove(&bind);
        self
    }

    /// Records that the code reads the static `ENUM_<i>`.
    pub(crate) fn reads_enum(mut self, i: usize) -> Body {
        self.needs.enums.insert(i);
        self
    }

    /// Whether the code reads `bind`.
    pub(crate) fn binds(&self, bind: Bind) -> bool {
        self.needs.binds.contains(&bind)
    }

    /// Whether the code walks into its value.
    pub(crate) fn walks_children(&self) -> bool {
        self.needs.walks_children
    }

    /// Takes `other`'s needs on and returns its tokens, to be placed in
    /// this body's.
    pub(crate) fn absorb(&mut self, other: Body) -> TokenStream {
        self.needs.merge(other.needs);
        other.tokens
    }

    /// [`Self::absorb`] for an optional body (`None`: no tokens).
    pub(crate) fn absorb_opt(&mut self, other: Option<Body>) -> TokenStream {
        other.map(|b| self.absorb(b)).unwrap_or_default()
    }

    /// Appends statements that check the value only.
    pub(crate) fn extend(&mut self, tokens: TokenStream) {
        self.tokens.extend(tokens);
    }

    /// Appends `other`, with its needs.
    pub(crate) fn push(&mut self, other: Body) {
        let t = self.absorb(other);
        self.tokens.extend(t);
    }

    /// The bodies one after the other.
    pub(crate) fn join(parts: impl IntoIterator<Item = Body>) -> Body {
        let mut out = Body::default();
        for p in parts {
            out.push(p);
        }
        out
    }

    /// The same needs around new tokens made from these.
    pub(crate) fn wrap(self, f: impl FnOnce(TokenStream) -> TokenStream) -> Body {
        Body {
            tokens: f(self.tokens),
            needs: self.needs,
        }
    }

    /// The tokens and the needs, where the code is finally placed.
    pub(crate) fn finish(self) -> (TokenStream, Needs) {
        (self.tokens, self.needs)
    }
}
