//! `show --format tree`: the callflow as an indented text tree, each node
//! under its parent after the children key, invalid nodes marked and their
//! errors listed after the tree.

use super::graph::Graph;

pub fn render(graph: &Graph) -> String {
    let mut out = String::new();
    line(graph, 0, "", None, &mut out);
    let errors: Vec<String> = graph
        .errors
        .iter()
        .flatten()
        .map(|e| {
            let at = if e.instance_path.is_empty() {
                "/"
            } else {
                &e.instance_path
            };
            format!("  {at}: {} ({})\n", e.message, e.keyword)
        })
        .collect();
    if !errors.is_empty() {
        out.push_str("errors:\n");
        out.extend(errors);
    }
    out
}

/// Writes node `index` and its subtree; `prefix` is the indentation of its
/// children's lines, `edge` the branch glyph and key leading to it.
fn line(graph: &Graph, index: usize, prefix: &str, edge: Option<(&str, &str)>, out: &mut String) {
    let node = &graph.diagram.nodes[index];
    let mark = match graph.errors[index].len() {
        0 => String::new(),
        1 => String::from("  [invalid: 1 error]"),
        n => format!("  [invalid: {n} errors]"),
    };
    let child_prefix = match edge {
        None => {
            out.push_str(&format!("{}{mark}\n", node.label));
            String::new()
        }
        Some((glyph, key)) => {
            out.push_str(&format!("{prefix}{glyph} {key}: {}{mark}\n", node.label));
            let more = if glyph == "├─" { "│  " } else { "   " };
            format!("{prefix}{more}")
        }
    };
    let count = node.children.len();
    for (i, (key, child)) in node.children.iter().enumerate() {
        let glyph = if i + 1 == count { "└─" } else { "├─" };
        line(graph, *child, &child_prefix, Some((glyph, key)), out);
    }
}
