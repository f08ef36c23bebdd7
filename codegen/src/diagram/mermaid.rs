//! A [`Diagram`] as a Mermaid flowchart (top down): node labels and edge
//! labels quoted, with Mermaid's entity codes for the characters its parser
//! would read, invalid nodes in the class `invalid`.

use super::Diagram;

/// The flowchart text, one statement per line.
pub(crate) fn render(diagram: &Diagram) -> String {
    let mut out = String::from("flowchart TD\n");
    for (i, node) in diagram.nodes.iter().enumerate() {
        out.push_str(&format!("    n{i}[\"{}\"]\n", escape(&node.label)));
    }
    for (i, node) in diagram.nodes.iter().enumerate() {
        for (key, child) in &node.children {
            out.push_str(&format!("    n{i} -->|\"{}\"| n{child}\n", escape(key)));
        }
    }
    let invalid: Vec<String> = diagram
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.invalid)
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !invalid.is_empty() {
        out.push_str("    classDef invalid fill:#fdd,stroke:#c00,stroke-width:2px\n");
        out.push_str(&format!("    class {} invalid\n", invalid.join(",")));
    }
    out
}

/// Mermaid entity codes (`#quot;`, `#35;`, …) for the characters that end
/// or change a quoted label.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
