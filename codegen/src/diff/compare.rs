//! Comparing two releases' instance paths into classified [`Change`]s.
//!
//! A path that exists on one side only is a `property_added`/`_removed`
//! when it is a named property whose parent exists on both sides and may
//! be an object on the other side (what lies under a new property, or under
//! a string that became an object, is part of that change; a new `*` shows
//! as the parent's `items`/`additionalProperties` constraint). A path on both
//! sides is compared fact by fact.

use super::change::{Change, ChangeKind, Detail, Direction};
use super::paths::Facts;
use crate::ir::schema::JsonType;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Changes between the paths of one module in two releases.
pub fn module_changes(
    module: &str,
    old: &BTreeMap<String, Facts>,
    new: &BTreeMap<String, Facts>,
    descriptions: bool,
) -> Vec<Change> {
    let mut out = Vec::new();
    let paths: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for path in paths {
        match (old.get(path), new.get(path)) {
            (Some(o), Some(n)) => facts_changes(module, path, o, n, descriptions, &mut out),
            (None, Some(n)) if n.is_property => {
                if let Some(parent) = parent(path)
                    .and_then(|p| old.get(p))
                    .filter(|p| is_object(p))
                {
                    out.push(Change::new(
                        ChangeKind::PropertyAdded,
                        module,
                        path,
                        Value::Null,
                        property_summary(n),
                        property_detail(n, parent),
                    ));
                }
            }
            (Some(o), None) if o.is_property => {
                if let Some(parent) = parent(path)
                    .and_then(|p| new.get(p))
                    .filter(|p| is_object(p))
                {
                    out.push(Change::new(
                        ChangeKind::PropertyRemoved,
                        module,
                        path,
                        property_summary(o),
                        Value::Null,
                        property_detail(o, parent),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether the instance may be an object (otherwise its members come and
/// go with a `type_changed`, not one by one).
fn is_object(f: &Facts) -> bool {
    f.types.0.contains_key(&JsonType::Object)
}

/// The path one level up (`/a/b` → `/a`, `/a` → `""`).
fn parent(path: &str) -> Option<&str> {
    path.rfind('/').map(|i| &path[..i])
}

/// `{"type": "string", "required": false}`: what an added or removed
/// property was.
fn property_summary(f: &Facts) -> Value {
    json!({"type": f.types.type_names(), "required": f.required})
}

fn property_detail(f: &Facts, parent_elsewhere: &Facts) -> Detail {
    Detail::Property {
        required: f.required,
        parent_closed: parent_elsewhere.constraints.get("additionalProperties")
            == Some(&Value::Bool(false)),
        constrained: !f.types.is_any() || !f.constraints.is_empty(),
    }
}

fn facts_changes(
    module: &str,
    path: &str,
    o: &Facts,
    n: &Facts,
    descriptions: bool,
    out: &mut Vec<Change>,
) {
    let change = |kind, old, new, detail| Change::new(kind, module, path, old, new, detail);
    if !o.types.same_types(&n.types) {
        out.push(change(
            ChangeKind::TypeChanged,
            Value::from(o.types.type_names()),
            Value::from(n.types.type_names()),
            Detail::Types {
                widened: o.types.types_within(&n.types),
            },
        ));
    }
    for (t, old_values) in &o.types.0 {
        let Some(new_values) = n.types.0.get(t) else {
            continue;
        };
        let string = *t == JsonType::String;
        match (old_values, new_values) {
            (None, None) => {}
            (Some(a), Some(b)) => {
                for (key, v) in b {
                    if !a.contains_key(key) {
                        out.push(change(
                            ChangeKind::EnumValueAdded,
                            Value::Null,
                            v.clone(),
                            Detail::EnumValue { string },
                        ));
                    }
                }
                for (key, v) in a {
                    if !b.contains_key(key) {
                        out.push(change(
                            ChangeKind::EnumValueRemoved,
                            v.clone(),
                            Value::Null,
                            Detail::EnumValue { string },
                        ));
                    }
                }
            }
            (a, b) => out.push(change(
                ChangeKind::ConstraintChanged,
                enum_constraint(a),
                enum_constraint(b),
                Detail::Constraint {
                    direction: if a.is_none() {
                        Direction::Tighter
                    } else {
                        Direction::Looser
                    },
                    shapes_rust_type: string,
                },
            )),
        }
    }
    if o.is_property && n.is_property && o.required != n.required {
        let kind = if n.required {
            ChangeKind::RequiredAdded
        } else {
            ChangeKind::RequiredRemoved
        };
        out.push(change(
            kind,
            Value::Bool(o.required),
            Value::Bool(n.required),
            Detail::Plain,
        ));
    }
    if o.default != n.default {
        out.push(change(
            ChangeKind::DefaultChanged,
            o.default.clone().unwrap_or(Value::Null),
            n.default.clone().unwrap_or(Value::Null),
            Detail::Default {
                before: o.default.is_some(),
                after: n.default.is_some(),
            },
        ));
    }
    let keys: BTreeSet<&&str> = o.constraints.keys().chain(n.constraints.keys()).collect();
    for key in keys {
        let (a, b) = (o.constraints.get(*key), n.constraints.get(*key));
        if a == b {
            continue;
        }
        let shapes_rust_type = match *key {
            "items" => a.is_none() || b.is_none(),
            "additionalProperties" => {
                (a == Some(&Value::from("schema")) || b == Some(&Value::from("schema")))
                    && !o.named_members
                    && !n.named_members
            }
            _ => false,
        };
        out.push(change(
            ChangeKind::ConstraintChanged,
            json!({ *key: a }),
            json!({ *key: b }),
            Detail::Constraint {
                direction: direction(key, a, b),
                shapes_rust_type,
            },
        ));
    }
    if descriptions && o.description != n.description {
        out.push(change(
            ChangeKind::DescriptionChanged,
            o.description.clone().map_or(Value::Null, Value::from),
            n.description.clone().map_or(Value::Null, Value::from),
            Detail::Plain,
        ));
    }
}

/// `{"enum": [values]}`, or `{"enum": null}` for any value of the type.
fn enum_constraint(values: &super::shape::Values) -> Value {
    json!({ "enum": values.as_ref().map(|v| v.values().cloned().collect::<Vec<_>>()) })
}

/// Which way constraint `key` moved from `a` to `b` (absent = `None`).
fn direction(key: &str, a: Option<&Value>, b: Option<&Value>) -> Direction {
    let num = |v: Option<&Value>| v.and_then(Value::as_f64);
    match key {
        "minimum" | "minLength" | "minItems" | "minProperties" => match (num(a), num(b)) {
            (None, Some(_)) => Direction::Tighter,
            (Some(_), None) => Direction::Looser,
            (Some(x), Some(y)) if y > x => Direction::Tighter,
            _ => Direction::Looser,
        },
        "maximum" | "maxLength" | "maxItems" | "maxProperties" => match (num(a), num(b)) {
            (None, Some(_)) => Direction::Tighter,
            (Some(_), None) => Direction::Looser,
            (Some(x), Some(y)) if y < x => Direction::Tighter,
            _ => Direction::Looser,
        },
        // Flags stored only when on.
        "exclusiveMinimum" | "exclusiveMaximum" | "uniqueItems" => {
            if a.is_none() {
                Direction::Tighter
            } else {
                Direction::Looser
            }
        }
        // Absent allows any member; a schema limits them; `false` forbids them.
        "additionalProperties" => {
            let rank = |v: Option<&Value>| match v {
                None => 0,
                Some(Value::Bool(false)) => 2,
                Some(_) => 1,
            };
            if rank(b) > rank(a) {
                Direction::Tighter
            } else {
                Direction::Looser
            }
        }
        // `pattern`, `format`, `multipleOf`, `items`: losing one accepts more,
        // gaining or changing one may reject.
        _ => match (a, b) {
            (Some(_), None) => Direction::Looser,
            _ => Direction::Different,
        },
    }
}
