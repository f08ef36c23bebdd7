//! Reading a [`Node`] (a callflow or metaflow node) straight from a
//! deserializer, in one pass: `module` and `children` are read as they
//! come, the node's `data` is captured as raw JSON text and typed from that
//! text once the module is known. A `serde_json::Value` is built only for
//! what is kept as it came: unknown node members, `children` entries that
//! are not nodes, and data that does not fit its module's type (then
//! [`NodeAction::from_data_text`] falls back to
//! [`NodeAction::from_parts`]).
//!
//! Works with every deserializer: the data is asked for as serde_json's
//! raw value (see [`crate::data_capture`]); a deserializer that does not
//! know it (any other format, serde's buffered content) hands over the data
//! itself, read into a `Value` and typed from there as before.
//!
//! What skipping over the text of `data` does not check is checked when it
//! is typed: a number out of `f64`'s range, a lone surrogate escape, or
//! nesting deeper than serde_json's limit of 128 is the error reading a
//! `Value` gives, with the same message, but located within `data`'s text
//! (its line and column count from the start of `data`, its path is the
//! node's), and `data`'s nesting is counted from `data`, not from the
//! start of the document.

use crate::data_capture::{Captured, DataSeed};
use crate::node::{Children, Node, NodeAction};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// Why a JSON value is not a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotANode {
    NotAnObject(&'static str),
    NoModule,
    ModuleNotAString(&'static str),
}

impl NotANode {
    /// Why `value` is not a node, or `None` when it is one: what the reader
    /// finds, without taking the value.
    fn of(value: &Value) -> Option<NotANode> {
        let Value::Object(map) = value else {
            return Some(NotANode::NotAnObject(kind(value)));
        };
        match map.get("module") {
            Some(Value::String(_)) => None,
            Some(other) => Some(NotANode::ModuleNotAString(kind(other))),
            None => Some(NotANode::NoModule),
        }
    }

    fn message(self, node_kind: &str) -> String {
        match self {
            NotANode::NotAnObject(found) => {
                format!(
                    "expected a {node_kind} (an object with a \"module\" string), found {found}"
                )
            }
            NotANode::NoModule => format!("a {node_kind} needs a \"module\" member"),
            NotANode::ModuleNotAString(found) => {
                format!("\"module\" must be a string, found {found}")
            }
        }
    }
}

/// The error reading `value` as a node of `node_kind` gives (the message
/// of [`Node`]'s `Deserialize`), or `None` when it is a node.
pub(crate) fn not_a_node(value: &Value, node_kind: &str) -> Option<String> {
    NotANode::of(value).map(|problem| problem.message(node_kind))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What one pass read: a node, a `children` object, or a value that is
/// neither (kept as it came).
enum Read<A> {
    /// Boxed: it goes into its parent's children boxed, without moving a
    /// kilobyte-sized action again.
    Node(Box<Node<A>>),
    Children(Children<A>),
    Other(Value, NotANode),
}

/// Which of the two object shapes the pass expects.
#[derive(Clone, Copy)]
enum Shape {
    Node,
    Children,
}

/// Reads the shape it expects, with nodes of action type `A`.
struct Expect<A>(Shape, PhantomData<fn() -> A>);

impl<A> Expect<A> {
    fn node() -> Self {
        Expect(Shape::Node, PhantomData)
    }

    fn children() -> Self {
        Expect(Shape::Children, PhantomData)
    }
}

impl<'de, A: NodeAction> DeserializeSeed<'de> for Expect<A> {
    type Value = Read<A>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<A>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn not_an_object<A>(value: Value) -> Read<A> {
    let found = kind(&value);
    Read::Other(value, NotANode::NotAnObject(found))
}

impl<'de, A: NodeAction> Visitor<'de> for Expect<A> {
    type Value = Read<A>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Shape::Node => write!(f, "a {}", A::NODE_KIND),
            Shape::Children => write!(f, "the children of a {}", A::NODE_KIND),
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::String(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::String(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Read<A>, E> {
        Ok(not_an_object(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<A>, D::Error> {
        Value::deserialize(deserializer).map(not_an_object)
    }

    fn visit_seq<M: SeqAccess<'de>>(self, seq: M) -> Result<Read<A>, M::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(not_an_object)
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Read<A>, M::Error> {
        match self.0 {
            Shape::Node => node_members(map),
            Shape::Children => children_entries(map).map(Read::Children),
        }
    }
}

/// A node member's name: the three the node reads itself, or any other
/// (kept in [`Node::extra`]).
enum NodeKey {
    Module,
    Data,
    Children,
    Other(String),
}

impl<'de> Deserialize<'de> for NodeKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<NodeKey, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = NodeKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeKey, E> {
                Ok(match v {
                    "module" => NodeKey::Module,
                    "data" => NodeKey::Data,
                    "children" => NodeKey::Children,
                    other => NodeKey::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(Name)
    }
}

/// The members of an object read as a node (later duplicates win, as in
/// `serde_json::Value`).
fn node_members<'de, A: NodeAction, M: MapAccess<'de>>(mut map: M) -> Result<Read<A>, M::Error> {
    let mut module: Option<Value> = None;
    let mut data: Option<Captured<'de>> = None;
    let mut children: Option<Read<A>> = None;
    let mut extra = Map::new();
    while let Some(key) = map.next_key::<NodeKey>()? {
        match key {
            NodeKey::Module => module = Some(map.next_value()?),
            NodeKey::Data => data = Some(map.next_value_seed(DataSeed)?),
            NodeKey::Children => children = Some(map.next_value_seed(Expect::children())?),
            NodeKey::Other(name) => {
                extra.insert(name, map.next_value()?);
            }
        }
    }
    let module = match module {
        Some(Value::String(module)) => module,
        other => {
            // Not a node: the object back as it came.
            let problem = match &other {
                None => NotANode::NoModule,
                Some(v) => NotANode::ModuleNotAString(kind(v)),
            };
            if let Some(m) = other {
                extra.insert(String::from("module"), m);
            }
            if let Some(d) = data {
                extra.insert(String::from("data"), d.into_value()?);
            }
            if let Some(c) = children {
                extra.insert(String::from("children"), read_value(c)?);
            }
            return Ok(Read::Other(Value::Object(extra), problem));
        }
    };
    let action = match data {
        None => A::from_parts(module, None),
        Some(Captured::Text(text)) => {
            A::from_data_text(module, &text).map_err(de::Error::custom)?
        }
        Some(Captured::Value(value)) => A::from_parts(module, Some(value)),
    };
    let children = match children {
        Some(Read::Children(c)) => c,
        Some(other) => {
            extra.insert(String::from("children"), read_value(other)?);
            Children::default()
        }
        None => Children::default(),
    };
    Ok(Read::Node(Box::new(Node {
        action,
        children,
        extra,
    })))
}

/// The entries of a `children` object: nodes, and what is not a node kept
/// as it came.
fn children_entries<'de, A: NodeAction, M: MapAccess<'de>>(
    mut map: M,
) -> Result<Children<A>, M::Error> {
    let mut children = Children::present();
    while let Some(key) = map.next_key::<String>()? {
        match map.next_value_seed(Expect::node())? {
            Read::Node(node) => children.insert_boxed(key, node),
            other => children.keep_invalid(key, read_value(other)?),
        }
    }
    Ok(children)
}

/// What a pass read, as a JSON value.
fn read_value<A: NodeAction, E: de::Error>(read: Read<A>) -> Result<Value, E> {
    match read {
        Read::Other(value, _) => Ok(value),
        Read::Node(flow) => serde_json::to_value(&flow).map_err(E::custom),
        Read::Children(children) => serde_json::to_value(&children).map_err(E::custom),
    }
}

/// Reads a node; anything that is not a node is an error saying why.
impl<'de, A: NodeAction> Deserialize<'de> for Node<A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node<A>, D::Error> {
        let kind = A::NODE_KIND;
        match Expect::node().deserialize(deserializer)? {
            Read::Node(node) => Ok(*node),
            Read::Other(_, problem) => Err(de::Error::custom(problem.message(kind))),
            // `Expect::node` reads objects as nodes, never as `children`.
            Read::Children(_) => Err(de::Error::custom(NotANode::NoModule.message(kind))),
        }
    }
}
