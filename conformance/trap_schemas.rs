//! Random module schemas full of naming traps, and random instances for
//! them, as proptest strategies. Shared by the build script (which draws one
//! fixed-seed batch, generated and compiled into this package) and by the
//! tests (`tests/trap_schemas.rs`: generation succeeds and is deterministic;
//! `tests/random_instances.rs`: the compiled batch agrees with the
//! `jsonschema` crate).
//!
//! The traps are names real JSON allows and Rust does not: `""`, `"_"`,
//! `"__"`, `"-"`, `"ä"`, `"μ"`, an emoji, `"a-b"` next to `"a_b"`, `"A B"`,
//! keywords, names of generated members (`extra`, `new`, `with_x`), control
//! characters; as property names, enum values, module names, and in
//! `oneOf`/`anyOf` unions of several object branches.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Names that have no Rust identifier as written, or collide once made one.
pub const TRAP_NAMES: &[&str] = &[
    "",
    "_",
    "__",
    "-",
    "ä",
    "μ",
    "😀",
    "a-b",
    "a_b",
    "A B",
    "a b",
    "type",
    "Type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "match",
    "r#x",
    "extra",
    "new",
    "with_x",
    "x",
    "X",
    "1",
    "10",
    "#",
    "*",
    "ß",
    "\r",
    "\t",
    "Empty",
    "empty",
    "underscore",
    "U00E4",
    "u00e4",
];

/// Module names: file names (`callflows.<name>.json`) without `.` or `/`.
pub const TRAP_MODULES: &[&str] = &[
    "a-b", "a_b", "A B", "ä", "μ", "😀", "type", "self", "1", "x", "_",
];

/// A property name or enum value: mostly a trap, sometimes a random short
/// string of trap characters.
pub fn name() -> impl Strategy<Value = String> {
    let chars = vec!['a', 'B', '_', '-', ' ', 'ä', 'μ', '1', '#', '😀'];
    prop_oneof![
        3 => prop::sample::select(TRAP_NAMES).prop_map(str::to_string),
        1 => prop::collection::vec(prop::sample::select(chars), 0..5)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "string"})),
        (0u64..3, 3u64..6)
            .prop_map(|(a, b)| json!({"type": "string", "minLength": a, "maxLength": b})),
        prop::collection::btree_set(name(), 1..5)
            .prop_map(|s| json!({"type": "string", "enum": s.into_iter().collect::<Vec<_>>()})),
        prop::collection::btree_set(name(), 1..4)
            .prop_map(|s| json!({"enum": s.into_iter().collect::<Vec<_>>()})),
        Just(json!({"type": "integer"})),
        (-5i64..5).prop_map(|m| json!({"type": "integer", "minimum": m})),
        Just(json!({"type": "number", "maximum": 10.5})),
        Just(json!({"type": "boolean"})),
        Just(json!({"type": "null"})),
        Just(json!({"type": ["string", "integer"]})),
        Just(json!({"type": "string", "pattern": "^[a-c]+$"})),
        Just(json!({"type": "array", "items": {"type": "integer"}, "maxItems": 3})),
        Just(json!({})),
    ]
}

fn object(props: Vec<(String, Value)>, required: &[bool], closed: bool) -> Value {
    let req: std::collections::BTreeSet<&String> = props
        .iter()
        .zip(required)
        .filter(|(_, r)| **r)
        .map(|((n, _), _)| n)
        .collect();
    let mut m = Map::new();
    m.insert("type".into(), json!("object"));
    m.insert(
        "properties".into(),
        Value::Object(props.iter().cloned().collect()),
    );
    if !req.is_empty() {
        m.insert("required".into(), json!(req));
    }
    if closed {
        m.insert("additionalProperties".into(), json!(false));
    }
    Value::Object(m)
}

/// One schema: leaves, objects with trap property names, arrays, and
/// `oneOf`/`anyOf` of object branches told apart by a required property.
pub fn schema() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            (
                prop::collection::vec((name(), inner.clone()), 0..6),
                prop::collection::vec(any::<bool>(), 6),
                any::<bool>(),
            )
                .prop_map(|(props, required, closed)| object(props, &required, closed)),
            (
                prop::collection::vec((name(), inner.clone()), 2..4),
                any::<bool>()
            )
                .prop_map(|(branches, one)| {
                    let branches: Vec<Value> = branches
                        .into_iter()
                        .map(|(n, s)| {
                            json!({"type": "object", "required": [n], "properties": {n: s}})
                        })
                        .collect();
                    if one {
                        json!({"oneOf": branches})
                    } else {
                        json!({"anyOf": branches})
                    }
                }),
            inner
                .clone()
                .prop_map(|s| json!({"type": "array", "items": s})),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|bs| json!({"anyOf": bs})),
        ]
    })
}

/// A module's schema: a draft-04 object with trap-named properties.
pub fn module_schema() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec((name(), schema()), 1..7),
        prop::collection::vec(any::<bool>(), 7),
        any::<bool>(),
    )
        .prop_map(|(props, required, closed)| {
            let mut root = object(props, &required, closed);
            if let Value::Object(m) = &mut root {
                m.insert(
                    "$schema".into(),
                    json!("http://json-schema.org/draft-04/schema#"),
                );
            }
            root
        })
}

/// A schema directory: module name → schema (trap module names, some of
/// which collide as identifiers).
pub fn directory() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::btree_map(prop::sample::select(TRAP_MODULES), module_schema(), 1..5)
        .prop_map(|m| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Any small JSON value (what an instance holds where the schema is not
/// followed).
fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-10i64..10).prop_map(|i| json!(i)),
        (-10i64..10).prop_map(|i| json!(i as f64 + 0.5)),
        name().prop_map(Value::String),
        Just(json!([])),
        Just(json!([1, "a"])),
        Just(json!({})),
        (name(), -3i64..3).prop_map(|(k, v)| json!({k: v})),
    ]
}

/// An instance for `schema`: mostly shaped like it (properties, items, enum
/// values, branches), sometimes not, so both verdicts occur.
pub fn instance(schema: &Value) -> BoxedStrategy<Value> {
    let shaped = shaped(schema);
    prop_oneof![12 => shaped, 1 => junk()].boxed()
}

fn shaped(schema: &Value) -> BoxedStrategy<Value> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return prop::sample::select(values.clone()).boxed();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let options: Vec<BoxedStrategy<Value>> = branches.iter().map(instance).collect();
            return prop::strategy::Union::new(options).boxed();
        }
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts.first().and_then(Value::as_str).unwrap_or("").to_string(),
        _ => String::new(),
    };
    match ty.as_str() {
        "object" => {
            let props: Vec<(String, BoxedStrategy<Value>)> = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), instance(v))).collect())
                .unwrap_or_default();
            let n = props.len();
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let values: Vec<BoxedStrategy<Option<Value>>> = props
                .into_iter()
                .map(|(k, s)| {
                    let p = if required.contains(&k.as_str()) {
                        0.97
                    } else {
                        0.6
                    };
                    prop::option::weighted(p, s).boxed()
                })
                .collect();
            let names: Vec<String> = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            (values, prop::option::weighted(0.1, (name(), junk())))
                .prop_map(move |(vals, extra)| {
                    let mut m = Map::new();
                    for (k, v) in names.iter().take(n).zip(vals) {
                        if let Some(v) = v {
                            m.insert(k.clone(), v);
                        }
                    }
                    if let Some((k, v)) = extra {
                        m.entry(k).or_insert(v);
                    }
                    Value::Object(m)
                })
                .boxed()
        }
        "array" => {
            let item = schema.get("items").map_or_else(|| junk().boxed(), instance);
            prop::collection::vec(item, 0..4)
                .prop_map(Value::Array)
                .boxed()
        }
        "string" => prop_oneof![
            name(),
            Just(String::from("abc")),
            Just(String::from("abcdefg"))
        ]
        .prop_map(Value::String)
        .boxed(),
        "integer" => (-10i64..10).prop_map(|i| json!(i)).boxed(),
        "number" => prop_oneof![
            (-20i64..20).prop_map(|i| json!(i)),
            (-20i64..20).prop_map(|i| json!(i as f64 + 0.25))
        ]
        .boxed(),
        "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
        "null" => Just(Value::Null).boxed(),
        _ => junk().boxed(),
    }
}
