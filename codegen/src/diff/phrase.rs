//! How a change reads for people: the wording shared by the text and
//! markdown formats, with the way values are quoted left to each format.

use super::change::{Change, ChangeKind};
use serde_json::Value;

/// What happened, e.g. `boolean → string`, `value "true" added`,
/// `maxLength 5 → 10`. `code` quotes a literal (schema values, type names).
pub fn what(c: &Change, code: &dyn Fn(&str) -> String) -> String {
    let value = |v: &Value| code(&v.to_string());
    match c.kind {
        ChangeKind::ModuleAdded => String::from("module added"),
        ChangeKind::ModuleRemoved => String::from("module removed"),
        ChangeKind::PropertyAdded => format!("added, {}", property(&c.new, code)),
        ChangeKind::PropertyRemoved => format!("removed (was {})", property(&c.old, code)),
        ChangeKind::TypeChanged => format!(
            "type {} → {}",
            code(c.old.as_str().unwrap_or_default()),
            code(c.new.as_str().unwrap_or_default())
        ),
        ChangeKind::EnumValueAdded => format!("value {} added", value(&c.new)),
        ChangeKind::EnumValueRemoved => format!("value {} removed", value(&c.old)),
        ChangeKind::RequiredAdded => String::from("now required"),
        ChangeKind::RequiredRemoved => String::from("no longer required"),
        ChangeKind::DefaultChanged => match (&c.old, &c.new) {
            (Value::Null, n) => format!("default {} added", value(n)),
            (o, Value::Null) => format!("default {} removed", value(o)),
            (o, n) => format!("default {} → {}", value(o), value(n)),
        },
        ChangeKind::ConstraintChanged => constraint(c, code),
        ChangeKind::DescriptionChanged => {
            format!("description {} → {}", value(&c.old), value(&c.new))
        }
    }
}

/// `string, optional` from `{"type": "string", "required": false}`.
fn property(v: &Value, code: &dyn Fn(&str) -> String) -> String {
    let ty = v.get("type").and_then(Value::as_str).unwrap_or("any");
    let required = v.get("required").and_then(Value::as_bool) == Some(true);
    format!(
        "{}, {}",
        code(ty),
        if required { "required" } else { "optional" }
    )
}

/// `maxLength 5 → 10`, `pattern "^x$" added`, `enum removed`.
fn constraint(c: &Change, code: &dyn Fn(&str) -> String) -> String {
    let (key, old) = single(&c.old);
    let (_, new) = single(&c.new);
    let shown = |v: &Value| code(&v.to_string());
    match (old, new) {
        (Value::Null, n) => format!("{key} {} added", shown(n)),
        (o, Value::Null) => format!("{key} {} removed", shown(o)),
        (o, n) => format!("{key} {} → {}", shown(o), shown(n)),
    }
}

/// The one member of `{"keyword": value}`.
fn single(v: &Value) -> (&str, &Value) {
    v.as_object()
        .and_then(|m| m.iter().next())
        .map_or(("constraint", &Value::Null), |(k, v)| (k.as_str(), v))
}
