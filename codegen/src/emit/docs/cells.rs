//! The text cells of Kazoo's reference tables other than `Type`: key,
//! description, default, required and support level, each formatted the
//! way Kazoo's doc tooling formats it (code spans in backticks, a single
//! space for an empty cell, `""` bare for an empty string default).

use crate::emit::docs::type_notation::value_text;
use crate::ir::schema::{SchemaGraph, SchemaNode};
use serde_json::Value;

/// An empty cell.
pub const EMPTY: &str = " ";

/// `value` as a code span.
pub fn code(value: &str) -> String {
    format!("`{value}`")
}

/// The `Default` cell.
///
/// Strings are printed bare in backticks (`""` without them when empty),
/// lists as `["a", "b"]` with every item as text, everything else as
/// compact JSON.
pub fn default(value: Option<&Value>) -> String {
    match value {
        None => String::from(EMPTY),
        Some(Value::Array(items)) if items.is_empty() => code("[]"),
        Some(Value::Array(items)) => {
            let parts: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::Array(_) | Value::Object(_) => v.to_string(),
                    scalar => value_text(scalar),
                })
                .collect();
            code(&format!("[\"{}\"]", parts.join("\", \"")))
        }
        Some(Value::String(s)) if s.is_empty() => String::from("\"\""),
        Some(Value::String(s)) => code(s),
        Some(other) => code(&other.to_string()),
    }
}

/// The `Required` cell.
pub fn required(required: bool) -> String {
    code(if required { "true" } else { "false" })
}

/// The `Support Level` cell.
pub fn support_level(level: Option<&str>) -> String {
    match level {
        Some(level) if !level.is_empty() => code(level),
        _ => String::from(EMPTY),
    }
}

/// The `Description` cell: the node's own description, else (for a
/// `$ref`) the referenced schema's, else empty. The text is Kazoo's, as is.
pub fn description(graph: &SchemaGraph, node: &SchemaNode) -> String {
    if let Some(d) = node.description.as_deref().filter(|d| !d.is_empty()) {
        return d.to_string();
    }
    node.reference
        .as_ref()
        .and_then(|r| graph.node(r.target).description.clone())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| String::from(EMPTY))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults() {
        assert_eq!(default(None), " ");
        assert_eq!(default(Some(&json!([]))), "`[]`");
        assert_eq!(default(Some(&json!(["1", "#"]))), "`[\"1\", \"#\"]`");
        assert_eq!(default(Some(&json!(""))), "\"\"");
        assert_eq!(default(Some(&json!("external"))), "`external`");
        assert_eq!(default(Some(&json!({}))), "`{}`");
        assert_eq!(default(Some(&json!(20))), "`20`");
        assert_eq!(default(Some(&json!(false))), "`false`");
    }

    #[test]
    fn required_and_support() {
        assert_eq!(required(true), "`true`");
        assert_eq!(support_level(Some("supported")), "`supported`");
        assert_eq!(support_level(Some("")), " ");
        assert_eq!(support_level(None), " ");
    }
}
