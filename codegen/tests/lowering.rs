//! Lowering decisions, one schema directory per rule: how nested types are
//! named, which shape a union takes, what a default and `required` become,
//! and where the runtime's `Flow` and the document type come in. Each test
//! writes a few schemas of its own and reads the type plan
//! ([`Generated::space`]).

use kazoo_callflows_codegen::ir::types::{TypeDef, TypeKind, TypeRef, TypeSpace};
use kazoo_callflows_codegen::{Config, Generated};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Generates from `files` (`(file name, schema)`), written into a fresh
/// directory named after `case`.
fn generate(case: &str, files: &[(&str, Value)]) -> Generated {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("lowering-{case}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates the schema directory");
    for (name, schema) in files {
        std::fs::write(dir.join(name), schema.to_string()).expect("writes a schema");
    }
    Config::new()
        .schemas_dir(&dir)
        .generate()
        .unwrap_or_else(|e| panic!("{case}: {e}"))
}

/// A minimal node schema, so that modules have somewhere to live.
fn action() -> (&'static str, Value) {
    (
        "callflows.action.json",
        json!({"_id": "callflows.action", "type": "object",
               "properties": {"module": {"type": "string"}, "data": {"type": "object"},
                              "children": {"type": "object"}}}),
    )
}

fn module(name: &str, schema: Value) -> (String, Value) {
    let mut schema = schema;
    schema["_id"] = json!(format!("callflows.{name}"));
    (format!("callflows.{name}.json"), schema)
}

fn files(modules: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let (a, s) = action();
    let mut out = vec![(a.to_string(), s)];
    out.extend(modules);
    out
}

fn run(case: &str, modules: Vec<(String, Value)>) -> Generated {
    let owned = files(modules);
    let borrowed: Vec<(&str, Value)> = owned.iter().map(|(n, s)| (n.as_str(), s.clone())).collect();
    generate(case, &borrowed)
}

fn named<'a>(space: &'a TypeSpace, name: &str) -> &'a TypeDef {
    space.by_name(name).unwrap_or_else(|| {
        let names: Vec<&str> = space.types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type {name}; the types are {names:?}")
    })
}

fn field<'a>(space: &'a TypeSpace, ty: &str, json_name: &str) -> &'a TypeRef {
    match &named(space, ty).kind {
        TypeKind::Struct(s) => {
            &s.fields
                .iter()
                .find(|f| f.json_name == json_name)
                .unwrap_or_else(|| panic!("{ty} has no field {json_name}"))
                .ty
        }
        other => panic!("{ty} is not a struct: {other:?}"),
    }
}

fn name_of(space: &TypeSpace, t: &TypeRef) -> String {
    match t {
        TypeRef::Named(id) => space.get(*id).name.clone(),
        TypeRef::Array(inner) => format!("[{}]", name_of(space, inner)),
        TypeRef::Map(inner) => format!("{{{}}}", name_of(space, inner)),
        other => format!("{other:?}"),
    }
}

#[test]
fn nested_types_are_named_from_their_path() {
    let g = run(
        "nested",
        vec![module(
            "ring_group",
            json!({"type": "object", "properties": {
                "endpoints": {"type": "array", "items": {"type": "object", "properties": {
                    "endpoint_type": {"type": "string", "enum": ["device", "user"]}}}},
                "data": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}},
                "meta": {"type": "object", "additionalProperties": {"type": "object",
                         "properties": {"b": {"type": "integer"}}}}
            }}),
        )],
    );
    let space = g.space();
    // Array items take the singular of the property, or `Item`.
    assert_eq!(
        name_of(space, field(space, "RingGroup", "endpoints")),
        "[RingGroupEndpoint]"
    );
    assert_eq!(
        name_of(space, field(space, "RingGroupEndpoint", "endpoint_type")),
        "RingGroupEndpointEndpointType"
    );
    assert_eq!(
        name_of(space, field(space, "RingGroup", "data")),
        "[RingGroupDataItem]"
    );
    // Map values take `Value`.
    assert_eq!(
        name_of(space, field(space, "RingGroup", "meta")),
        "{RingGroupMetaValue}"
    );
    assert_eq!(
        space.module("ring_group").map(|m| m.variant.as_str()),
        Some("RingGroup")
    );
}

#[test]
fn unions_take_the_shape_of_their_branches() {
    let g = run(
        "unions",
        vec![module(
            "play",
            json!({"type": "object", "properties": {
                // A `type` array: one variant per type.
                "duration": {"type": ["string", "integer"]},
                // Branches that all type the same collapse to that type.
                "same": {"oneOf": [{"type": "string", "minLength": 1}, {"type": "string", "maxLength": 3}]},
                // A branch that says nothing makes the union untyped.
                "loose": {"anyOf": [{"type": "string"}, {}]},
                // Each branch pins the one required property: a tagged enum.
                "step": {"type": "object", "required": ["kind"],
                    "properties": {"kind": {"type": "string", "enum": ["pause", "tone"]}},
                    "oneOf": [
                        {"$ref": "#/definitions/pause", "properties": {"kind": {"enum": ["pause"]}}},
                        {"$ref": "#/definitions/tone", "properties": {"kind": {"enum": ["tone"]}}}
                    ]}
            }, "definitions": {
                "pause": {"type": "object", "properties": {"kind": {"type": "string"}, "ms": {"type": "integer"}}},
                "tone": {"type": "object", "properties": {"kind": {"type": "string"}, "hz": {"type": "integer"}}}
            }}),
        )],
    );
    let space = g.space();
    let duration = named(space, &name_of(space, field(space, "Play", "duration")));
    match &duration.kind {
        TypeKind::Union(u) => {
            let variants: Vec<(&str, String)> = u
                .variants
                .iter()
                .map(|v| (v.ident.as_str(), name_of(space, &v.ty)))
                .collect();
            assert_eq!(
                variants,
                [
                    ("Integer", String::from("Integer")),
                    ("String", String::from("String"))
                ]
            );
        }
        other => panic!("duration: {other:?}"),
    }
    assert_eq!(field(space, "Play", "same"), &TypeRef::String);
    assert_eq!(field(space, "Play", "loose"), &TypeRef::Any);
    let step = named(space, &name_of(space, field(space, "Play", "step")));
    match &step.kind {
        TypeKind::Tagged(t) => {
            assert_eq!(t.tag, "kind");
            let tags: Vec<&str> = t.variants.iter().map(|v| v.tag_value.as_str()).collect();
            assert_eq!(tags, ["pause", "tone"]);
        }
        other => panic!("step: {other:?}"),
    }
}

#[test]
fn defaults_and_required_shape_the_fields() {
    let g = run(
        "defaults",
        vec![module(
            "dial",
            json!({"type": "object", "required": ["id"], "properties": {
                "id": {"type": "string"},
                "timeout": {"type": "integer", "default": 20},
                "key": {"type": "string", "enum": ["#", "*"], "default": "#"}
            }}),
        )],
    );
    let space = g.space();
    let TypeKind::Struct(s) = &named(space, "Dial").kind else {
        panic!("Dial is a struct")
    };
    let f = |name: &str| {
        s.fields
            .iter()
            .find(|f| f.json_name == name)
            .unwrap_or_else(|| panic!("field {name}"))
    };
    assert!(f("id").required && f("id").default.is_none());
    assert!(!f("timeout").required);
    assert_eq!(f("timeout").default, Some(json!(20)));
    assert_eq!(f("key").default, Some(json!("#")));
    assert!(!s.all_optional());
    // The generated accessor returns the default; the field stays unset.
    assert!(
        g.rust().contains("pub fn timeout(&self) -> i64"),
        "timeout accessor"
    );
}

#[test]
fn node_refs_are_flows_and_the_document_keeps_misfits() {
    let (a, s) = action();
    let g = generate(
        "flows",
        &[
            (a, s),
            (
                "callflows.json",
                json!({"_id": "callflows", "type": "object", "properties": {
                    "flow": {"type": "object"}, "name": {"type": "string"}}}),
            ),
            (
                "callflows.menu.json",
                json!({"_id": "callflows.menu", "type": "object", "properties": {
                    "fallback": {"$ref": "callflows.action"}}}),
            ),
        ],
    );
    let space = g.space();
    assert_eq!(field(space, "Menu", "fallback"), &TypeRef::Flow);
    assert_eq!(field(space, "Callflow", "flow"), &TypeRef::Flow);
    let doc = space.document.expect("a document type");
    match &space.get(doc).kind {
        TypeKind::Struct(s) => assert!(s.keep_misfits),
        other => panic!("document: {other:?}"),
    }
}
