//! [`Node`], one node of a tree of modules (module + data + children), with
//! its builder and its lossless JSON writing (reading is in
//! `node_reader`); [`Children`], the branches; [`NodeAction`], what a node's action type provides. Callflow
//! nodes ([`Flow`](crate::Flow)) and metaflow nodes
//! ([`Metaflow`](crate::Metaflow)) are both a `Node`, told apart by their
//! action type.

use crate::ParseError;
use crate::parse_error::join_path;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

/// The branch key every module falls back to: the next step.
pub const DEFAULT_BRANCH: &str = "_";

/// What a node's action type gives [`Node`]: its module, its typed or raw
/// data, and how to read and write them. Implemented by the generated
/// [`Action`](crate::Action) (callflow modules) and
/// [`MetaflowAction`](crate::MetaflowAction) (metaflow modules).
pub trait NodeAction: Sized {
    /// What a node of this kind is called in messages (`"callflow node"`).
    const NODE_KIND: &'static str;
    /// The module name.
    fn module(&self) -> &str;
    /// Types `data` by `module`, keeping what does not fit as raw.
    fn from_parts(module: String, data: Option<Value>) -> Self;
    /// [`NodeAction::from_parts`] on `data`'s JSON text (how the node
    /// reader hands it over from serde_json's deserializers): the same
    /// result, typed straight from the text when it fits. Fails only when
    /// `data` is not JSON. The generated actions type from the text; this
    /// default reads a `Value` first.
    fn from_data_text(module: String, data: &str) -> Result<Self, serde_json::Error> {
        let value: Value = serde_json::from_str(data)?;
        Ok(Self::from_parts(module, Some(value)))
    }
    /// Whether the node has a `data` member.
    fn has_data(&self) -> bool;
    /// Serializes the node's `data`.
    fn serialize_data<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Why raw data of a known module does not fit that module's type, with
    /// the path inside `data` (`None` when typed, unknown or missing).
    fn data_type_error(&self) -> Option<ParseError>;
}

/// One node: what to do (the action `A`: module and data) and where to go
/// next ([`Children`], keyed `"_"` for the default branch and by
/// module-specific keys such as menu digits or `"timeout"`).
///
/// Reading is lossless: unknown node members stay in [`Node::extra`],
/// unknown modules and data that does not fit its module's type stay as the
/// action's `Other` variant, `children` entries that are not nodes are kept
/// too, and writing produces the same JSON value. Any serde deserializer
/// reads it, with the same result; serde_json's (text, reader, `Value`)
/// hand each node's data over as JSON text, which is typed straight from
/// the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<A> {
    /// The module and its data.
    pub action: A,
    /// Branches to the next nodes.
    pub children: Children<A>,
    /// Node members other than `module`, `data` and `children`, kept as
    /// they came (also a `children` that is not an object).
    pub extra: Map<String, Value>,
}

/// The `children` of a node: branch key → next node.
///
/// Entries that are not nodes (no `module` string) are kept apart in
/// [`Children::invalid`] so that output equals input. `Children` alone
/// (the default action type) is a callflow node's branches.
#[derive(Debug, Clone)]
pub struct Children<A = crate::Action> {
    /// Boxed: an action holds its module's whole data type (a kilobyte
    /// or more), which a B-tree leaf would otherwise hold eleven of and
    /// shift on every insert.
    nodes: BTreeMap<String, Box<Node<A>>>,
    invalid: BTreeMap<String, Value>,
    /// Written even when empty (`"children": {}` was read, or a branch was
    /// set and later removed).
    present: bool,
}

impl<A> Default for Children<A> {
    fn default() -> Self {
        Children {
            nodes: BTreeMap::new(),
            invalid: BTreeMap::new(),
            present: false,
        }
    }
}

impl<A> Children<A> {
    /// The node under `key`.
    pub fn get(&self, key: &str) -> Option<&Node<A>> {
        self.nodes.get(key).map(|n| &**n)
    }

    /// The node under `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node<A>> {
        self.nodes.get_mut(key).map(|n| &mut **n)
    }

    /// Sets the node under `key`, returning the one it replaces.
    pub fn insert(&mut self, key: impl Into<String>, flow: Node<A>) -> Option<Node<A>> {
        let key = key.into();
        self.invalid.remove(&key);
        self.present = true;
        self.nodes.insert(key, Box::new(flow)).map(|n| *n)
    }

    /// Removes the node under `key`.
    pub fn remove(&mut self, key: &str) -> Option<Node<A>> {
        self.nodes.remove(key).map(|n| *n)
    }

    /// Branches in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node<A>)> {
        self.nodes.iter().map(|(k, v)| (k.as_str(), &**v))
    }

    /// Branch keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.nodes.keys().map(String::as_str)
    }

    /// Number of branches that are nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether there are no node branches.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Entries of `children` that are not nodes, as they came.
    pub fn invalid(&self) -> &BTreeMap<String, Value> {
        &self.invalid
    }

    pub(crate) fn is_written(&self) -> bool {
        self.present || !self.nodes.is_empty() || !self.invalid.is_empty()
    }
}

impl<A> Children<A> {
    /// No entries yet, written even when empty (`"children": {}` was read).
    pub(crate) fn present() -> Children<A> {
        Children {
            present: true,
            ..Children::default()
        }
    }

    /// Sets the node under `key` as the reader read it (boxed).
    pub(crate) fn insert_boxed(&mut self, key: String, node: Box<Node<A>>) {
        self.invalid.remove(&key);
        self.present = true;
        self.nodes.insert(key, node);
    }

    /// Keeps `value`, which is not a node, under `key` as it came.
    pub(crate) fn keep_invalid(&mut self, key: String, value: Value) {
        self.nodes.remove(&key);
        self.present = true;
        self.invalid.insert(key, value);
    }
}

/// Equal when they write the same JSON.
impl<A: PartialEq> PartialEq for Children<A> {
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes
            && self.invalid == other.invalid
            && self.is_written() == other.is_written()
    }
}

impl<A: NodeAction> Serialize for Children<A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.nodes.len() + self.invalid.len()))?;
        let mut nodes = self.nodes.iter().peekable();
        let mut invalid = self.invalid.iter().peekable();
        // Merge the two key-ordered maps so output is in key order.
        loop {
            let take_node = match (nodes.peek(), invalid.peek()) {
                (Some((a, _)), Some((b, _))) => a <= b,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_node {
                if let Some((k, v)) = nodes.next() {
                    map.serialize_entry(k, v)?;
                }
            } else if let Some((k, v)) = invalid.next() {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

impl<A: NodeAction> Node<A> {
    /// A node running `action`, with no children.
    pub fn new(action: impl Into<A>) -> Node<A> {
        Node {
            action: action.into(),
            children: Children::default(),
            extra: Map::new(),
        }
    }

    /// Appends `next` after the last node of the default (`"_"`) chain, so
    /// `a.then(b).then(c)` runs a, then b, then c.
    #[must_use]
    pub fn then(mut self, next: impl Into<Node<A>>) -> Node<A> {
        let mut node = &mut self;
        let next = next.into();
        loop {
            match node.children.nodes.entry(String::from(DEFAULT_BRANCH)) {
                Entry::Occupied(o) => node = o.into_mut(),
                Entry::Vacant(v) => {
                    v.insert(Box::new(next));
                    node.children.invalid.remove(DEFAULT_BRANCH);
                    node.children.present = true;
                    break;
                }
            }
        }
        self
    }

    /// Sets the branch `key` of this node (menu digits, `"timeout"`,
    /// temporal route ids, `"match"`/`"nomatch"`, hangup causes, …).
    #[must_use]
    pub fn branch(mut self, key: impl Into<String>, flow: impl Into<Node<A>>) -> Node<A> {
        self.children.insert(key, flow.into());
        self
    }

    /// The module name.
    pub fn module(&self) -> &str {
        self.action.module()
    }

    /// The node under branch `key`.
    pub fn child(&self, key: &str) -> Option<&Node<A>> {
        self.children.get(key)
    }

    /// The default next node (`"_"`).
    pub fn next(&self) -> Option<&Node<A>> {
        self.children.get(DEFAULT_BRANCH)
    }

    /// Every node of the tree, depth first in key order, with its dotted
    /// path from this node (`""`, `"children._"`, …).
    pub fn walk(&self) -> Vec<(String, &Node<A>)> {
        let mut out = Vec::new();
        let mut stack = vec![(String::new(), self)];
        while let Some((path, node)) = stack.pop() {
            for (key, child) in node.children.nodes.iter().rev() {
                stack.push((join_path(&path, &format!("children.{key}")), &**child));
            }
            out.push((path, node));
        }
        out
    }

    /// Reads a node from JSON text. Fails only when the text is not JSON or
    /// not a node; see [`Node`] for what is kept.
    pub fn from_json(text: &str) -> Result<Node<A>, ParseError> {
        crate::document::parse_text(text)
    }

    /// Reads a node and requires every node of a known module to have data
    /// that fits the module's type; the error names the path
    /// (`children._.data.timeout`).
    pub fn from_json_strict(text: &str) -> Result<Node<A>, ParseError> {
        let flow = Node::from_json(text)?;
        flow.check_typed().map(|()| flow)
    }

    /// The first node of a known module whose data did not fit its type.
    pub fn check_typed(&self) -> Result<(), ParseError> {
        for (path, node) in self.walk() {
            if let Some(e) = node.action.data_type_error() {
                return Err(e.within(&join_path(&path, "data")));
            }
        }
        Ok(())
    }

    /// The node as a JSON value.
    pub fn to_value(&self) -> Value {
        // Serializing to a Value cannot fail: keys are strings and every
        // generated type serializes to JSON.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl<A: NodeAction> Serialize for Node<A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Data<'a, A>(&'a A);
        impl<A: NodeAction> Serialize for Data<'_, A> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize_data(serializer)
            }
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("module", self.action.module())?;
        let data = self.action.has_data();
        if data {
            map.serialize_entry("data", &Data(&self.action))?;
        }
        let children = self.children.is_written();
        if children {
            map.serialize_entry("children", &self.children)?;
        }
        for (k, v) in &self.extra {
            let written = k == "module" || (k == "data" && data) || (k == "children" && children);
            if !written {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}
