//! [`Flow`], one callflow node (module + data + children), with its builder
//! and its lossless JSON reading and writing; [`Children`], the branches.

use crate::parse_error::join_path;
use crate::{Action, ParseError};
use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

/// The branch key every module falls back to: the next step.
pub const DEFAULT_BRANCH: &str = "_";

/// One callflow node: what to do ([`Action`]: module and data) and where to
/// go next ([`Children`], keyed `"_"` for the default branch and by
/// module-specific keys such as menu digits or `"timeout"`).
///
/// Reading is lossless: unknown node members stay in [`Flow::extra`],
/// unknown modules and data that does not fit its module's type stay as
/// [`Action::Other`], `children` entries that are not nodes are kept too,
/// and writing produces the same JSON value.
///
/// ```
/// use kazoo_callflows::{Flow, actions::{CollectDtmf, Pivot, Tts}};
///
/// let flow = Flow::new(Tts::new("Please enter up to four digits."))
///     .then(CollectDtmf::new().with_max_digits(4).with_collection_name("custom_name"))
///     .then(Pivot::new("http://you.com/collected.php"));
/// assert_eq!(flow.module(), "tts");
/// assert_eq!(flow.next().unwrap().next().unwrap().module(), "pivot");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// The module and its data.
    pub action: Action,
    /// Branches to the next nodes.
    pub children: Children,
    /// Node members other than `module`, `data` and `children`, kept as
    /// they came (also a `children` that is not an object).
    pub extra: Map<String, Value>,
}

/// The `children` of a node: branch key → next node.
///
/// Entries that are not callflow nodes (no `module` string) are kept apart
/// in [`Children::invalid`] so that output equals input.
#[derive(Debug, Clone, Default)]
pub struct Children {
    nodes: BTreeMap<String, Flow>,
    invalid: BTreeMap<String, Value>,
    /// Written even when empty (`"children": {}` was read, or a branch was
    /// set and later removed).
    present: bool,
}

impl Children {
    /// The node under `key`.
    pub fn get(&self, key: &str) -> Option<&Flow> {
        self.nodes.get(key)
    }

    /// The node under `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Flow> {
        self.nodes.get_mut(key)
    }

    /// Sets the node under `key`, returning the one it replaces.
    pub fn insert(&mut self, key: impl Into<String>, flow: Flow) -> Option<Flow> {
        let key = key.into();
        self.invalid.remove(&key);
        self.present = true;
        self.nodes.insert(key, flow)
    }

    /// Removes the node under `key`.
    pub fn remove(&mut self, key: &str) -> Option<Flow> {
        self.nodes.remove(key)
    }

    /// Branches in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Flow)> {
        self.nodes.iter().map(|(k, v)| (k.as_str(), v))
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

    /// Entries of `children` that are not callflow nodes, as they came.
    pub fn invalid(&self) -> &BTreeMap<String, Value> {
        &self.invalid
    }

    fn is_written(&self) -> bool {
        self.present || !self.nodes.is_empty() || !self.invalid.is_empty()
    }

    fn from_map(map: Map<String, Value>) -> Children {
        let mut children = Children {
            present: true,
            ..Children::default()
        };
        for (key, value) in map {
            match Flow::from_value(value) {
                Ok(flow) => {
                    children.nodes.insert(key, flow);
                }
                Err((value, _)) => {
                    children.invalid.insert(key, value);
                }
            }
        }
        children
    }
}

/// Equal when they write the same JSON.
impl PartialEq for Children {
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes
            && self.invalid == other.invalid
            && self.is_written() == other.is_written()
    }
}

impl Serialize for Children {
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

/// Why a JSON value is not a callflow node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotANode {
    NotAnObject(&'static str),
    NoModule,
    ModuleNotAString(&'static str),
}

impl NotANode {
    fn message(self) -> String {
        match self {
            NotANode::NotAnObject(found) => {
                format!(
                    "expected a callflow node (an object with a \"module\" string), found {found}"
                )
            }
            NotANode::NoModule => String::from("a callflow node needs a \"module\" member"),
            NotANode::ModuleNotAString(found) => {
                format!("\"module\" must be a string, found {found}")
            }
        }
    }
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

impl Flow {
    /// A node running `action`, with no children.
    pub fn new(action: impl Into<Action>) -> Flow {
        Flow {
            action: action.into(),
            children: Children::default(),
            extra: Map::new(),
        }
    }

    /// Appends `next` after the last node of the default (`"_"`) chain, so
    /// `a.then(b).then(c)` runs a, then b, then c.
    #[must_use]
    pub fn then(mut self, next: impl Into<Flow>) -> Flow {
        let mut node = &mut self;
        let next = next.into();
        loop {
            match node.children.nodes.entry(String::from(DEFAULT_BRANCH)) {
                Entry::Occupied(o) => node = o.into_mut(),
                Entry::Vacant(v) => {
                    v.insert(next);
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
    pub fn branch(mut self, key: impl Into<String>, flow: impl Into<Flow>) -> Flow {
        self.children.insert(key, flow.into());
        self
    }

    /// The module name.
    pub fn module(&self) -> &str {
        self.action.module()
    }

    /// The node under branch `key`.
    pub fn child(&self, key: &str) -> Option<&Flow> {
        self.children.get(key)
    }

    /// The default next node (`"_"`).
    pub fn next(&self) -> Option<&Flow> {
        self.children.get(DEFAULT_BRANCH)
    }

    /// Every node of the tree, depth first in key order, with its dotted
    /// path from this node (`""`, `"children._"`, …).
    pub fn walk(&self) -> Vec<(String, &Flow)> {
        let mut out = Vec::new();
        let mut stack = vec![(String::new(), self)];
        while let Some((path, node)) = stack.pop() {
            for (key, child) in node.children.nodes.iter().rev() {
                stack.push((join_path(&path, &format!("children.{key}")), child));
            }
            out.push((path, node));
        }
        out
    }

    /// Reads a node from JSON text. Fails only when the text is not JSON or
    /// not a node; see [`Flow`] for what is kept.
    pub fn from_json(text: &str) -> Result<Flow, ParseError> {
        crate::document::parse_text(text)
    }

    /// Reads a node and requires every node of a known module to have data
    /// that fits the module's type; the error names the path
    /// (`children._.data.timeout`).
    pub fn from_json_strict(text: &str) -> Result<Flow, ParseError> {
        let flow = Flow::from_json(text)?;
        flow.check_typed().map(|()| flow)
    }

    /// The first node of a known module whose data did not fit its type.
    pub fn check_typed(&self) -> Result<(), ParseError> {
        for (path, node) in self.walk() {
            if let Action::Other(raw) = &node.action
                && let Some(e) = raw.type_error()
            {
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

    /// Reads a node from a JSON value; the value back when it is not a node.
    fn from_value(value: Value) -> Result<Flow, (Value, NotANode)> {
        let mut map = match value {
            Value::Object(map) => map,
            other => {
                let found = kind(&other);
                return Err((other, NotANode::NotAnObject(found)));
            }
        };
        let module = match map.remove("module") {
            Some(Value::String(m)) => m,
            Some(other) => {
                let found = kind(&other);
                map.insert(String::from("module"), other);
                return Err((Value::Object(map), NotANode::ModuleNotAString(found)));
            }
            None => return Err((Value::Object(map), NotANode::NoModule)),
        };
        let data = map.remove("data");
        let children = match map.remove("children") {
            Some(Value::Object(c)) => Children::from_map(c),
            Some(other) => {
                map.insert(String::from("children"), other);
                Children::default()
            }
            None => Children::default(),
        };
        Ok(Flow {
            action: Action::from_parts(module, data),
            children,
            extra: map,
        })
    }
}

/// Any action, or any module's data type (`Tts`, `RingGroup`, …), is a
/// node without children: `flow.then(Tts::new("Hi"))`.
impl<T: Into<Action>> From<T> for Flow {
    fn from(action: T) -> Flow {
        Flow::new(action)
    }
}

impl Serialize for Flow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Data<'a>(&'a Action);
        impl Serialize for Data<'_> {
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

impl<'de> Deserialize<'de> for Flow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flow, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Flow::from_value(value).map_err(|(_, problem)| D::Error::custom(problem.message()))
    }
}
