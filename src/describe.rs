//! One-line descriptions of callflow nodes: the module and its key data
//! (`tts: "Please enter up to four digits."`, `ring_group: 2 endpoints,
//! strategy simultaneous`), shared by the call emulator's transcript and the
//! diagrams of `kazoo-callflows show`.

use crate::Flow;
use serde_json::Value;

/// The longest text quoted in a description, in characters.
const MAX_TEXT: usize = 60;

/// `module: key data`, or just the module when it has no key data.
///
/// ```
/// use kazoo_callflows::{Flow, actions::Tts, describe};
///
/// assert_eq!(describe::node(&Flow::new(Tts::new("Hello caller"))), r#"tts: "Hello caller""#);
/// ```
pub fn node(flow: &Flow) -> String {
    let value = flow.to_value();
    let data = value.get("data").unwrap_or(&Value::Null);
    let details = data_summary(flow.module(), data);
    if details.is_empty() {
        flow.module().to_string()
    } else {
        format!("{}: {details}", flow.module())
    }
}

/// The key data of a node of `module` with `data`, or `""`.
pub fn data_summary(module: &str, data: &Value) -> String {
    let text = |key: &str| data.get(key).map(short);
    match module {
        "tts" => text("text").unwrap_or_default(),
        "ring_group" => {
            let endpoints = data
                .get("endpoints")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let strategy = data
                .get("strategy")
                .and_then(Value::as_str)
                .unwrap_or("simultaneous");
            let noun = if endpoints == 1 {
                "endpoint"
            } else {
                "endpoints"
            };
            format!("{endpoints} {noun}, strategy {strategy}")
        }
        "collect_dtmf" => {
            let max = data
                .get("max_digits")
                .map_or_else(|| String::from("1"), plain);
            let name = data
                .get("collection_name")
                .and_then(Value::as_str)
                .unwrap_or(crate::pivot::DEFAULT_COLLECTION);
            format!("up to {max} digits into {name}")
        }
        "pivot" => {
            let url = data.get("voice_url").map(plain).unwrap_or_default();
            match data.get("method").and_then(Value::as_str) {
                Some(m) => format!("{} {url}", m.to_ascii_uppercase()),
                None => url,
            }
        }
        "resources" => match data.get("to_did") {
            Some(did) => format!("to {}", plain(did)),
            None => String::from("the dialled number"),
        },
        "temporal_route" => match data.get("rules").and_then(Value::as_array) {
            Some(rules) => format!(
                "rules {}",
                rules.iter().map(plain).collect::<Vec<_>>().join(", ")
            ),
            None => String::new(),
        },
        _ => generic(data),
    }
}

/// Up to three scalar members, `key value`, in key order; `id` first.
fn generic(data: &Value) -> String {
    let Some(members) = data.as_object() else {
        return String::new();
    };
    let scalar = |v: &Value| !matches!(v, Value::Array(_) | Value::Object(_) | Value::Null);
    let mut parts: Vec<String> = Vec::new();
    if let Some(id) = members.get("id").filter(|v| scalar(v)) {
        parts.push(format!("id {}", plain(id)));
    }
    for (k, v) in members {
        if parts.len() == 3 {
            break;
        }
        if k != "id" && scalar(v) {
            parts.push(format!("{k} {}", short(v)));
        }
    }
    parts.join(", ")
}

/// A value as text without quotes (strings cut at [`MAX_TEXT`]).
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => cut(s),
        other => other.to_string(),
    }
}

/// A value as JSON text, strings quoted (cut at [`MAX_TEXT`]).
fn short(value: &Value) -> String {
    match value {
        Value::String(s) => Value::String(cut(s)).to_string(),
        other => other.to_string(),
    }
}

fn cut(s: &str) -> String {
    if s.chars().count() <= MAX_TEXT {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX_TEXT - 1).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn key_data_per_module() {
        assert_eq!(
            data_summary("ring_group", &json!({"endpoints": [{}, {}]})),
            "2 endpoints, strategy simultaneous"
        );
        assert_eq!(
            data_summary(
                "collect_dtmf",
                &json!({"max_digits": 4, "collection_name": "pin"})
            ),
            "up to 4 digits into pin"
        );
        assert_eq!(
            data_summary(
                "device",
                &json!({"timeout": 20, "id": "d1", "can_call_self": false})
            ),
            "id d1, can_call_self false, timeout 20"
        );
        assert_eq!(
            data_summary(
                "pivot",
                &json!({"voice_url": "http://x/y", "method": "post"})
            ),
            "POST http://x/y"
        );
        let long = "x".repeat(100);
        assert_eq!(
            data_summary("tts", &json!({ "text": long }))
                .chars()
                .count(),
            MAX_TEXT + 2
        );
    }
}
