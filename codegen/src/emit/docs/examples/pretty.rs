//! JSON printed for the docs: two-space indents, a node's `module`,
//! `data` and `children` first.

use serde_json::Value;

/// Pretty JSON with two-space indents; a node's `module`, `data` and
/// `children` come first, other members by name.
pub fn pretty(v: &Value) -> String {
    let mut out = String::new();
    write_value(v, 0, &mut out);
    out.push('\n');
    out
}

fn write_value(v: &Value, depth: usize, out: &mut String) {
    match v {
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            let rank = |k: &str| match k {
                "module" if map.contains_key("module") => 0,
                "data" if map.contains_key("module") => 1,
                "children" if map.contains_key("module") => 2,
                _ => 3,
            };
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| (rank(a), a.as_str()).cmp(&(rank(b), b.as_str())));
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                indent(depth + 1, out);
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push_str(": ");
                write_value(&map[k.as_str()], depth + 1, out);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(depth, out);
            out.push('}');
        }
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(depth + 1, out);
                write_value(item, depth + 1, out);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(depth, out);
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

fn indent(depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pretty_puts_node_members_first() {
        let v = json!({"data": {"b": 1, "a": [true]}, "module": "x", "children": {}});
        assert_eq!(
            pretty(&v),
            "{\n  \"module\": \"x\",\n  \"data\": {\n    \"a\": [\n      true\n    ],\n    \"b\": 1\n  },\n  \"children\": {}\n}\n"
        );
    }
}
