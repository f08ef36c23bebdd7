//! The callflow tree `show` draws: the [`Diagram`] of the input (labels
//! from [`describe`], JSON pointers, children keys) and the validation
//! errors of each node, which mark it invalid.

use kazoo_callflows::describe;
use kazoo_callflows::validate::ValidationError;
use kazoo_callflows_codegen::diagram::Diagram;
use serde_json::Value;

/// The diagram and, per node (same index), the errors located at it (not
/// at its children).
pub struct Graph {
    pub diagram: Diagram,
    pub errors: Vec<Vec<ValidationError>>,
}

impl Graph {
    /// The tree under `root` (at `pointer`), with `errors` assigned to the
    /// deepest node whose pointer contains theirs.
    pub fn new(root: &Value, pointer: &str, errors: Vec<ValidationError>) -> Graph {
        let mut diagram = Diagram::from_flow(root, pointer, label);
        let mut per_node: Vec<Vec<ValidationError>> = vec![Vec::new(); diagram.nodes.len()];
        for error in errors {
            let owner = diagram
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| contains(&n.pointer, &error.instance_path))
                .max_by_key(|(_, n)| n.pointer.len())
                .map_or(0, |(i, _)| i);
            per_node[owner].push(error);
        }
        for (node, errors) in diagram.nodes.iter_mut().zip(&per_node) {
            node.invalid = !errors.is_empty();
        }
        Graph {
            diagram,
            errors: per_node,
        }
    }
}

/// `module: key data`, or what is wrong with a child that is no node.
fn label(value: &Value) -> String {
    match value.get("module").and_then(Value::as_str) {
        Some(_) => match serde_json::from_value::<kazoo_callflows::Flow>(value.clone()) {
            Ok(flow) => describe::node(&flow),
            Err(e) => format!("not a node: {e}"),
        },
        None => String::from("not a node (no \"module\" string)"),
    }
}

/// Whether `inner` is `outer` or below it, segment-wise.
fn contains(outer: &str, inner: &str) -> bool {
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
}
