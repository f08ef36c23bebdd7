//! The path a call took, drawn as a text tree at the end of `call --format
//! text`: one block per callflow run, each node under the one before it,
//! with the children key that led there.

use kazoo_callflows::pivot::emulate::PathStep;

/// The tree, or `""` when the call ran no node.
pub fn render(path: &[PathStep]) -> String {
    if path.is_empty() {
        return String::new();
    }
    let mut out = String::from("path taken:\n");
    let mut flow = 0;
    let mut depth = 0;
    for step in path {
        if step.flow != flow {
            flow = step.flow;
            depth = 0;
            out.push_str(&format!("  callflow {flow}:\n"));
        }
        match &step.via {
            None => out.push_str(&format!("    {}\n", step.node)),
            Some(key) => {
                depth += 1;
                let indent = "   ".repeat(depth - 1);
                out.push_str(&format!("    {indent}└─ {key}: {}\n", step.node));
            }
        }
    }
    out
}
