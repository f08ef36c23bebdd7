//! Callflow diagrams: the tree of a callflow node (nodes with a label and
//! their JSON pointer, edges with the `children` keys) and its Mermaid
//! flowchart ([`Diagram::mermaid`]). One home for the drawing shared by the book
//! (each module's example as a diagram) and `kazoo-callflows show`.
//!
//! ```
//! use kazoo_callflows_codegen::diagram::Diagram;
//!
//! let flow = serde_json::json!({"module": "menu", "children": {"1": {"module": "hangup"}}});
//! let diagram = Diagram::from_flow(&flow, "", |node| node["module"].to_string());
//! assert_eq!(diagram.nodes[1].pointer, "/children/1");
//! assert_eq!(
//!     diagram.mermaid(),
//!     "flowchart TD\n    n0[\"#quot;menu#quot;\"]\n    n1[\"#quot;hangup#quot;\"]\n    n0 -->|\"1\"| n1\n"
//! );
//! ```

mod mermaid;

use serde_json::Value;

/// One node of a diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What the node shows (the module and its key data, or what is wrong
    /// with a child that is no node).
    pub label: String,
    /// Where the node is in the input (`/flow/children/_`).
    pub pointer: String,
    /// Drawn as invalid (the node has schema errors).
    pub invalid: bool,
    /// Children keys and node indexes, in key order.
    pub children: Vec<(String, usize)>,
}

/// The nodes of a callflow tree in depth-first order; index 0 is the root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagram {
    /// The nodes; edges are in [`Node::children`].
    pub nodes: Vec<Node>,
}

impl Diagram {
    /// The tree under `root`, a callflow node at `pointer` in its
    /// document: every value under `children` becomes a node labelled
    /// `label(value)`, children in key order, none marked invalid.
    pub fn from_flow(root: &Value, pointer: &str, mut label: impl FnMut(&Value) -> String) -> Self {
        let mut diagram = Diagram::default();
        diagram.add(root, pointer.to_string(), &mut label);
        diagram
    }

    fn add(
        &mut self,
        value: &Value,
        pointer: String,
        label: &mut impl FnMut(&Value) -> String,
    ) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node {
            label: label(value),
            pointer: pointer.clone(),
            invalid: false,
            children: Vec::new(),
        });
        if let Some(children) = value.get("children").and_then(Value::as_object) {
            let mut keys: Vec<&String> = children.keys().collect();
            keys.sort();
            for key in keys {
                let child_pointer =
                    crate::pointer::push(&crate::pointer::push(&pointer, "children"), key);
                let child = self.add(&children[key.as_str()], child_pointer, label);
                self.nodes[index].children.push((key.clone(), child));
            }
        }
        index
    }

    /// The diagram as a Mermaid flowchart (top down): node and edge labels
    /// quoted with Mermaid's entity codes, invalid nodes in the class
    /// `invalid`.
    pub fn mermaid(&self) -> String {
        mermaid::render(self)
    }
}
