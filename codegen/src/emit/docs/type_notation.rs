//! Kazoo's type notation, as its reference tables print it in the `Type`
//! column: `string()`, `integer()`, `array(string())`,
//! `string('a' | 'b')`, `string(1..128)`, unions joined with ` | `, and
//! references as `[#/definitions/<id>](#<anchor>)`.
//!
//! The rules are those of Kazoo's doc tooling, applied to the IR:
//! - a declared `type` wins; several types are printed in the order the
//!   schema lists them, joined with ` | `;
//! - without `type`: a `$ref` is a link, then `enum` a string enumeration,
//!   then `oneOf` (branches joined with ` | `), then `anyOf` (joined with
//!   ` || `); anything else has no notation ([`NoType`]);
//! - `array` is `array(<items>)` from the items' declared type, else
//!   `array(<link>)` from the items' `$ref`, else `array()`;
//! - `string` is its enumeration, else its length bounds.

use crate::ir::schema::{Items, JsonType, SchemaGraph, SchemaNode};
use serde_json::Value;

/// A node whose type Kazoo's tooling cannot name: no `type`, `$ref`,
/// `enum`, `oneOf` or `anyOf`. The cell is left blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoType;

/// The notation of `node` under its declared types (or none).
pub fn notation(graph: &SchemaGraph, node: &SchemaNode) -> Result<String, NoType> {
    notation_as(graph, node, node.types_declared.as_deref())
}

/// The notation of `node` as if it declared `types`.
pub fn notation_as(
    graph: &SchemaGraph,
    node: &SchemaNode,
    types: Option<&[JsonType]>,
) -> Result<String, NoType> {
    match types {
        None | Some([]) => untyped(graph, node),
        Some([t]) => single(graph, node, *t),
        Some(ts) => ts
            .iter()
            .map(|t| single(graph, node, *t))
            .collect::<Result<Vec<_>, _>>()
            .map(|parts| parts.join(" | ")),
    }
}

/// The `Type` cell: a link stays bare, anything else is code.
pub fn cell(graph: &SchemaGraph, node: &SchemaNode) -> String {
    match notation(graph, node) {
        Ok(text) if text.starts_with('[') => text,
        Ok(text) => format!("`{text}`"),
        Err(NoType) => String::from(" "),
    }
}

/// `[#/definitions/<id>](#<anchor>)`; the anchor is the id without dots.
pub fn reference_link(id: &str) -> String {
    format!("[#/definitions/{id}](#{})", id.replace('.', ""))
}

/// `string('a' | 'b')`: each value as Kazoo turns it into text.
pub fn enumeration(values: &[Value]) -> String {
    let parts: Vec<String> = values.iter().map(value_text).collect();
    format!("string('{}')", parts.join("' | '"))
}

/// A JSON value as Kazoo's `to_binary` prints it: strings bare, other
/// scalars as JSON.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn untyped(graph: &SchemaGraph, node: &SchemaNode) -> Result<String, NoType> {
    if let Some(r) = &node.reference {
        return Ok(reference_link(&r.text));
    }
    if let Some(values) = &node.enumeration {
        return Ok(enumeration(values));
    }
    let branches = |list: &[crate::ir::schema::NodeId], sep: &str| {
        list.iter()
            .map(|b| notation(graph, graph.node(*b)))
            .collect::<Result<Vec<_>, _>>()
            .map(|parts| parts.join(sep))
    };
    if !node.one_of.is_empty() {
        return branches(&node.one_of, " | ");
    }
    if !node.any_of.is_empty() {
        return branches(&node.any_of, " || ");
    }
    Err(NoType)
}

fn single(graph: &SchemaGraph, node: &SchemaNode, t: JsonType) -> Result<String, NoType> {
    Ok(match t {
        JsonType::Array => array(graph, node)?,
        JsonType::String => match &node.enumeration {
            Some(values) => enumeration(values),
            None => string_bounds(node.min_length, node.max_length),
        },
        other => format!("{}()", other.as_str()),
    })
}

fn array(graph: &SchemaGraph, node: &SchemaNode) -> Result<String, NoType> {
    let Some(Items::All(item)) = &node.items else {
        return Ok(String::from("array()"));
    };
    let item = graph.node(*item);
    if let Some(types) = item.types_declared.as_deref() {
        return Ok(format!("array({})", notation_as(graph, item, Some(types))?));
    }
    Ok(match &item.reference {
        // Kazoo's tool garbles this case (it never occurs in callflow
        // schemas); the intended link is printed instead.
        Some(r) => format!("array({})", reference_link(&r.text)),
        None => String::from("array()"),
    })
}

/// `string()`, `string(0..max)`, `string(min..)`, `string(n)`, `string(min..max)`.
pub fn string_bounds(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (None, None) => String::from("string()"),
        (None, Some(max)) => format!("string(0..{max})"),
        (Some(min), None) => format!("string({min}..)"),
        (Some(min), Some(max)) if min == max => format!("string({min})"),
        (Some(min), Some(max)) => format!("string({min}..{max})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_bounds_forms() {
        assert_eq!(string_bounds(None, None), "string()");
        assert_eq!(string_bounds(Some(1), Some(128)), "string(1..128)");
        assert_eq!(string_bounds(Some(32), Some(32)), "string(32)");
        assert_eq!(string_bounds(None, Some(2048)), "string(0..2048)");
        assert_eq!(string_bounds(Some(3), None), "string(3..)");
    }

    #[test]
    fn enumerations_print_values_as_text() {
        assert_eq!(enumeration(&[json!("a"), json!("b")]), "string('a' | 'b')");
        assert_eq!(
            enumeration(&[json!("auto"), json!(true), json!(8000)]),
            "string('auto' | 'true' | '8000')"
        );
    }

    #[test]
    fn links_drop_dots_from_anchors() {
        assert_eq!(
            reference_link("callflows.audio_macro.prompt"),
            "[#/definitions/callflows.audio_macro.prompt](#callflowsaudio_macroprompt)"
        );
    }

    fn node(f: impl FnOnce(&mut SchemaNode)) -> SchemaNode {
        let mut n = SchemaNode::default();
        f(&mut n);
        n
    }

    #[test]
    fn declared_order_is_kept_for_unions() {
        let g = SchemaGraph::default();
        let n = node(|n| n.types_declared = Some(vec![JsonType::String, JsonType::Boolean]));
        assert_eq!(cell(&g, &n), "`string() | boolean()`");
    }

    #[test]
    fn untyped_without_hints_has_no_notation() {
        let g = SchemaGraph::default();
        assert_eq!(cell(&g, &SchemaNode::default()), " ");
    }
}
