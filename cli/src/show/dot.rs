//! `show --format dot`: the callflow as a Graphviz digraph (boxes, edges
//! labelled with the children keys, invalid nodes red).

use super::graph::Graph;

pub fn render(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph callflow {\n    node [shape=box, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\"];\n",
    );
    for (i, node) in graph.diagram.nodes.iter().enumerate() {
        let style = if !node.invalid {
            String::new()
        } else {
            String::from(", color=\"#cc0000\", style=filled, fillcolor=\"#ffdddd\"")
        };
        out.push_str(&format!(
            "    n{i} [label=\"{}\"{style}];\n",
            escape(&node.label)
        ));
    }
    for (i, node) in graph.diagram.nodes.iter().enumerate() {
        for (key, child) in &node.children {
            out.push_str(&format!(
                "    n{i} -> n{child} [label=\"{}\"];\n",
                escape(key)
            ));
        }
    }
    out.push_str("}\n");
    out
}

/// A DOT double-quoted string's content.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
