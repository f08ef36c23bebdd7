//! The markdown format, for a CHANGELOG or a book page: a `##` heading,
//! the verdict, the counts, the modules added and removed, and one list
//! per changed module.

use super::phrase;
use super::{Change, ChangeKind, DataImpact, Diff, RustImpact, SemverBump};

/// Renders `diff` as a markdown section.
pub fn render(diff: &Diff) -> String {
    let mut out = format!("## {} → {}\n\n", diff.old, diff.new);
    if diff.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let s = diff.summary();
    out.push_str(&format!(
        "**Rust API:** {} · **Stored callflows:** {}\n\n",
        bump(s.rust),
        data(s.data)
    ));
    let counts: Vec<String> = s
        .counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{} {n}", k.as_str()))
        .collect();
    out.push_str(&format!("Changes: {}.\n\n", counts.join(", ")));
    for (kind, title) in [
        (ChangeKind::ModuleAdded, "Modules added"),
        (ChangeKind::ModuleRemoved, "Modules removed"),
    ] {
        let names: Vec<String> = diff
            .changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| code(&c.module))
            .collect();
        if !names.is_empty() {
            out.push_str(&format!("### {title}\n\n{}\n\n", names.join(", ")));
        }
    }
    let mut module: Option<&str> = None;
    for c in diff
        .changes
        .iter()
        .filter(|c| !matches!(c.kind, ChangeKind::ModuleAdded | ChangeKind::ModuleRemoved))
    {
        if module != Some(&c.module) {
            out.push_str(&format!("\n### {}\n\n", code(&c.module)));
            module = Some(&c.module);
        }
        out.push_str(&format!("- {}\n", change_line(c)));
    }
    out
}

/// One change as a list item's text: `` `/path`: what — impact ``.
pub fn change_line(c: &Change) -> String {
    let path = if c.path.is_empty() {
        String::from("(data)")
    } else {
        code(&c.path)
    };
    format!(
        "{path}: {}{}",
        phrase::what(c, &code),
        impact(c.rust, c.data)
    )
}

/// ` — **breaking**, may reject stored data`, or nothing for a neutral change.
fn impact(rust: RustImpact, d: DataImpact) -> String {
    let mut parts = Vec::new();
    match rust {
        RustImpact::Breaking => parts.push(String::from("**breaking**")),
        RustImpact::Additive => parts.push(String::from("additive")),
        RustImpact::None => {}
    }
    match d {
        DataImpact::MayReject => parts.push(String::from("may reject stored callflows")),
        DataImpact::AcceptsMore => parts.push(String::from("accepts more")),
        DataImpact::None => {}
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" — {}", parts.join(", "))
    }
}

fn bump(b: SemverBump) -> &'static str {
    match b {
        SemverBump::Major => "major (breaking changes)",
        SemverBump::Minor => "minor (additions only)",
        SemverBump::Patch => "patch (no signature changes)",
        SemverBump::None => "unchanged",
    }
}

fn data(d: DataImpact) -> &'static str {
    match d {
        DataImpact::MayReject => "may be rejected",
        DataImpact::AcceptsMore => "all still valid (more is accepted)",
        DataImpact::None => "validation unchanged",
    }
}

/// A markdown code span that survives backticks in `s`.
pub fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}
