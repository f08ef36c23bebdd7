//! The text format: a verdict line, then one line per change, grouped by
//! module. Empty when nothing changed.

use super::Diff;
use super::phrase;

/// Renders `diff` for a terminal.
pub fn render(diff: &Diff) -> String {
    if diff.is_empty() {
        return String::new();
    }
    let s = diff.summary();
    let counts: Vec<String> = s
        .counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{} {n}", k.as_str()))
        .collect();
    let mut out = format!(
        "{} -> {}: {} changes (rust: {}, data: {})\n  {}\n",
        diff.old,
        diff.new,
        diff.changes.len(),
        s.rust.as_str(),
        s.data.as_str(),
        counts.join(", ")
    );
    let mut module = None;
    let quote = |s: &str| s.to_string();
    for c in &diff.changes {
        if module != Some(&c.module) {
            out.push_str(&format!("\n{}\n", c.module));
            module = Some(&c.module);
        }
        let path = if c.path.is_empty() { "(data)" } else { &c.path };
        out.push_str(&format!(
            "  {path}: {}  [{}; rust {}, data {}]\n",
            phrase::what(c, &quote),
            c.kind.as_str(),
            c.rust.as_str(),
            c.data.as_str()
        ));
    }
    out
}
