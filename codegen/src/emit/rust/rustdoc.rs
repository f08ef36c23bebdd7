//! Rustdoc text from schema nodes: the description, default, constraints
//! and support level, with Kazoo's prose made safe for rustdoc (no stray
//! intra-doc links, HTML tags, bare URLs or accidental code blocks).

use crate::ir::schema::{JsonType, SchemaGraph, SchemaNode};
use proc_macro2::TokenStream;
use quote::quote;

/// Escapes schema prose for rustdoc: `[`/`]` are not links, `<`/`>` are not
/// HTML, URLs are autolinked, and no line starts a code block or a heading.
pub fn sanitize(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line = line.trim();
            let mut out = String::with_capacity(line.len() + 8);
            let mut rest = line;
            while !rest.is_empty() {
                if let Some(url_len) = url_at(rest) {
                    out.push('<');
                    out.push_str(&rest[..url_len]);
                    out.push('>');
                    rest = &rest[url_len..];
                    continue;
                }
                let c = rest.chars().next().unwrap_or(' ');
                match c {
                    '[' | ']' | '*' | '_' | '`' | '\\' | '|' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '#' | '-' | '+' | '=' if out.is_empty() => {
                        out.push('\\');
                        out.push(c);
                    }
                    '.' | ')' if !out.is_empty() && out.chars().all(|d| d.is_ascii_digit()) => {
                        out.push('\\');
                        out.push(c);
                    }
                    c => out.push(c),
                }
                rest = &rest[c.len_utf8()..];
            }
            out
        })
        .collect()
}

/// Length of a URL at the start of `s`, if one starts there.
fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | ')' | ']'))
        .unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

/// Renders a JSON value as inline code for docs.
pub fn code(value: &serde_json::Value) -> String {
    let s = value.to_string();
    // Backticks inside a value would end the code span early.
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// The doc lines for a schema node: description, then one line each for
/// default, constraints and support level.
pub fn node_lines(graph: &SchemaGraph, node: &SchemaNode) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(t) = &node.title {
        lines.extend(sanitize(t));
    }
    if let Some(d) = &node.description {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(sanitize(d));
    }
    let mut facts = Vec::new();
    if let Some(d) = &node.default {
        facts.push(format!("Default: {}.", code(d)));
    }
    if let Some(r) = &node.reference {
        let target = graph.node(r.target);
        if let Some(loc) = &target.location {
            facts.push(format!("Schema: `{}`.", graph.file(loc.file).id));
        }
    }
    facts.extend(constraint_lines(node));
    if let Some(level) = &node.support_level {
        facts.push(format!("Support level: {}.", sanitize(level).join(" ")));
    }
    if !facts.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        for f in facts {
            lines.push(f);
        }
    }
    lines
}

fn constraint_lines(n: &SchemaNode) -> Vec<String> {
    let mut out = Vec::new();
    let json = |n: &serde_json::Number| n.to_string();
    match (&n.minimum, &n.maximum) {
        (Some(a), Some(b)) => out.push(format!("Range: {}..={}.", json(a), json(b))),
        (Some(a), None) => out.push(format!("Minimum: {}.", json(a))),
        (None, Some(b)) => out.push(format!("Maximum: {}.", json(b))),
        (None, None) => {}
    }
    let is_string = n
        .types
        .as_ref()
        .is_some_and(|t| t.contains(&JsonType::String));
    match (n.min_length, n.max_length) {
        (Some(a), Some(b)) => out.push(format!("Length: {a}..={b} characters.")),
        (Some(a), None) if is_string || a > 0 => out.push(format!("Minimum length: {a}.")),
        (None, Some(b)) => out.push(format!("Maximum length: {b}.")),
        _ => {}
    }
    if let Some(p) = &n.pattern {
        out.push(format!(
            "Pattern: {}.",
            code(&serde_json::Value::String(p.clone()))
        ));
    }
    if let Some(f) = &n.format {
        out.push(format!("Format: `{f}`."));
    }
    if let Some(m) = n.min_items {
        out.push(format!("At least {m} item(s)."));
    }
    if n.unique_items {
        out.push(String::from("Items are unique."));
    }
    out
}

/// Longest doc text on one line: with `/// ` and the indentation of a
/// field or a variant (4), a generated line stays within 100 columns.
const DOC_WIDTH: usize = 92;

/// `line` wrapped at spaces to [`DOC_WIDTH`] characters. A break is never
/// put before a word that would start a Markdown block at the start of a
/// line (heading, list, quote, table, numbered item), so the text renders
/// the same; a word longer than the width stays whole.
pub fn wrap(line: &str) -> Vec<String> {
    if line.chars().count() <= DOC_WIDTH {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut width = 0;
    for (i, word) in line.split(' ').enumerate() {
        let len = word.chars().count();
        if i > 0 && width > 0 && width + 1 + len > DOC_WIDTH && starts_plain(word) {
            out.push(std::mem::take(&mut current));
            width = 0;
        } else if i > 0 {
            current.push(' ');
            width += 1;
        }
        current.push_str(word);
        width += len;
    }
    out.push(current);
    out
}

/// Whether a line may start with `word` without starting a Markdown block.
fn starts_plain(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if matches!(first, '#' | '-' | '+' | '=' | '>' | '|' | '*')
        || word.starts_with("```")
        || word.starts_with("~~~")
    {
        return false;
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    !(digits > 0 && matches!(word[digits..].chars().next(), Some('.' | ')')))
}

/// `#[doc = "..."]` attributes for `lines`, one per line, wrapped (see
/// [`wrap`]).
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines: Vec<String> = lines.iter().flat_map(|l| wrap(l)).collect();
    let docs = lines.iter().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#docs)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_never_before_a_block() {
        let long = format!(
            "{} - item {}",
            "word ".repeat(17).trim_end(),
            "x".repeat(120)
        );
        let lines = wrap(&long);
        assert_eq!(lines.join(" "), long, "nothing is lost");
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() <= DOC_WIDTH || !l.contains(' '))
        );
        assert!(lines.iter().skip(1).all(|l| starts_plain(l)), "{lines:?}");
        assert_eq!(wrap("short"), ["short"]);
        assert!(!starts_plain("1.") && !starts_plain("-") && starts_plain("1a"));
    }

    #[test]
    fn brackets_and_tags_are_escaped() {
        assert_eq!(
            sanitize("use [foo] or <bar>"),
            ["use \\[foo\\] or &lt;bar&gt;"]
        );
    }

    #[test]
    fn urls_are_autolinked() {
        assert_eq!(
            sanitize("see http://x.com/a_b. Or https://y.org"),
            ["see <http://x.com/a_b>. Or <https://y.org>"]
        );
    }

    #[test]
    fn no_code_blocks_or_headings() {
        assert_eq!(
            sanitize("    indented\n# heading"),
            ["indented", "\\# heading"]
        );
        assert_eq!(sanitize("- a\n1. b\n+ c"), ["\\- a", "1\\. b", "\\+ c"]);
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code(&serde_json::json!("a`b")), "`` \"a`b\" ``");
        assert_eq!(code(&serde_json::json!(20)), "`20`");
    }
}
