//! The callflow tree `show` draws: nodes with their labels and JSON
//! pointers, edges with their children keys, and the validation errors of
//! each node.

use kazoo_callflows::describe;
use kazoo_callflows::validate::ValidationError;
use serde_json::Value;

/// One node of the drawing.
pub struct Node {
    /// `module: key data`, or what is wrong with a child that is no node.
    pub label: String,
    /// Where the node is in the input (`/flow/children/_`).
    pub pointer: String,
    /// The errors located at this node (not at its children).
    pub errors: Vec<ValidationError>,
    /// Children keys and node indexes, in key order.
    pub children: Vec<(String, usize)>,
}

/// The nodes in depth-first order; index 0 is the root.
pub struct Graph {
    pub nodes: Vec<Node>,
}

impl Graph {
    /// The tree under `root` (at `pointer`), with `errors` assigned to the
    /// deepest node whose pointer contains theirs.
    pub fn new(root: &Value, pointer: &str, errors: Vec<ValidationError>) -> Graph {
        let mut graph = Graph { nodes: Vec::new() };
        graph.add(root, pointer.to_string());
        for error in errors {
            let owner = graph
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| contains(&n.pointer, &error.instance_path))
                .max_by_key(|(_, n)| n.pointer.len())
                .map_or(0, |(i, _)| i);
            graph.nodes[owner].errors.push(error);
        }
        graph
    }

    fn add(&mut self, value: &Value, pointer: String) -> usize {
        let index = self.nodes.len();
        let label = match value.get("module").and_then(Value::as_str) {
            Some(_) => match serde_json::from_value::<kazoo_callflows::Flow>(value.clone()) {
                Ok(flow) => describe::node(&flow),
                Err(e) => format!("not a node: {e}"),
            },
            None => String::from("not a node (no \"module\" string)"),
        };
        self.nodes.push(Node {
            label,
            pointer: pointer.clone(),
            errors: Vec::new(),
            children: Vec::new(),
        });
        if let Some(children) = value.get("children").and_then(Value::as_object) {
            let mut keys: Vec<&String> = children.keys().collect();
            keys.sort();
            for key in keys {
                let child_pointer = format!("{pointer}/children/{}", escape_pointer(key));
                let child = self.add(&children[key.as_str()], child_pointer);
                self.nodes[index].children.push((key.clone(), child));
            }
        }
        index
    }
}

/// Whether `inner` is `outer` or below it, segment-wise.
fn contains(outer: &str, inner: &str) -> bool {
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// RFC 6901 escaping of one pointer segment.
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
