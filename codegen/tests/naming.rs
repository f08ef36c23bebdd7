//! Naming never fails: names that map to one identifier are numbered in
//! schema order, names without letters are spelled out or escaped, and union
//! branches are named by what tells them apart (`fixtures/collisions`).

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::ir::types::{TypeKind, TypeRef, TypeSpace};
use std::path::Path;

fn space() -> TypeSpace {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/collisions");
    let generated = Config::new()
        .schemas_dir(&dir)
        .generate()
        .unwrap_or_else(|e| panic!("collisions: {e}"));
    // The same schemas give the same output.
    let again = Config::new()
        .schemas_dir(&dir)
        .generate()
        .expect("generates");
    assert_eq!(generated.rust(), again.rust());
    assert_eq!(generated.validators(), again.validators());
    generated.space().clone()
}

fn fields(space: &TypeSpace, ty: &str) -> Vec<(String, String)> {
    match &space
        .by_name(ty)
        .unwrap_or_else(|| panic!("{ty} exists"))
        .kind
    {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| (f.json_name.clone(), f.ident.clone()))
            .collect(),
        other => panic!("{ty} is {other:?}"),
    }
}

#[test]
fn colliding_property_names_are_numbered_exact_spelling_first() {
    let s = space();
    let x = fields(&s, "X");
    assert_eq!(
        x,
        [
            ("foo-bar".to_string(), "foo_bar_2".to_string()),
            ("foo_bar".to_string(), "foo_bar".to_string())
        ]
    );
}

#[test]
fn colliding_module_names_are_numbered() {
    let s = space();
    let variants: Vec<(&str, &str)> = s
        .modules
        .iter()
        .map(|m| (m.name.as_str(), m.variant.as_str()))
        .collect();
    assert!(
        variants.contains(&("ring-group", "RingGroup")),
        "{variants:?}"
    );
    assert!(
        variants.contains(&("ring_group", "RingGroup2")),
        "{variants:?}"
    );
}

#[test]
fn colliding_type_names_are_numbered() {
    let s = space();
    // `a.b_c` and `a_b.c` both want `ABC`: the first lowered keeps it.
    assert!(s.by_name("ABC").is_some());
    assert!(s.by_name("ABC2").is_some());
}

#[test]
fn trap_property_names_get_fields() {
    let s = space();
    let f = fields(&s, "Shapes");
    let ident = |json: &str| {
        f.iter()
            .find(|(j, _)| j == json)
            .map(|(_, i)| i.as_str())
            .unwrap_or_else(|| panic!("{json:?} has a field: {f:?}"))
    };
    assert_eq!(ident(""), "empty");
    assert_eq!(ident("_"), "underscore");
    assert_eq!(ident("__"), "underscore_underscore");
    assert_eq!(ident("-"), "dash");
    assert_eq!(ident("ä"), "u00e4");
    assert_eq!(ident("A B"), "a_b");
    assert_eq!(ident("type"), "r#type");
    assert_eq!(
        ident("Type"),
        "type_2",
        "the exact spelling keeps the identifier"
    );
    match &s.by_name("ShapesEmpty").expect("the enum of \"\"").kind {
        TypeKind::Enum(e) => {
            let names: Vec<&str> = e.variants.iter().map(|v| v.ident.as_str()).collect();
            assert_eq!(
                names,
                [
                    "Empty",
                    "Underscore",
                    "UnderscoreUnderscore",
                    "Dash",
                    "U00E4",
                    "U03BC",
                    "U1F600",
                    "AB",
                    "AB2"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn union_branches_are_named_by_what_distinguishes_them() {
    let s = space();
    for name in [
        "ShapesShapeRadiusObject",
        "ShapesShapeSideObject",
        "ShapesShapeObject",
        "ShapesShapeObject2",
    ] {
        assert!(
            s.by_name(name).is_some(),
            "{name}: {:?}",
            s.types.iter().map(|t| &t.name).collect::<Vec<_>>()
        );
    }
}

#[test]
fn metaflow_modules_are_named_apart_from_callflow_modules() {
    let s = space();
    let variants: Vec<(&str, &str)> = s
        .metaflow_modules
        .iter()
        .map(|m| (m.name.as_str(), m.variant.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("hold", "Hold"),
            ("ring-group", "RingGroup"),
            ("ring_group", "RingGroup2")
        ]
    );
    let data: Vec<String> = s
        .metaflow_modules
        .iter()
        .map(|m| match m.data {
            TypeRef::Named(id) => s.get(id).name.clone(),
            ref other => panic!("{}: {other:?}", m.name),
        })
        .collect();
    // The callflow module `metaflow_hold` was lowered first and keeps
    // `MetaflowHold`; metaflow `hold` is numbered, and the two `ring group`
    // spellings are numbered among themselves.
    assert_eq!(
        data,
        ["MetaflowHold2", "MetaflowRingGroup", "MetaflowRingGroup2"]
    );
    assert!(s.by_name("MetaflowHold").is_some());
    // The callflow module's `$ref` to the metaflow node schema is the
    // runtime's `Metaflow`.
    let hold = fields_typed(&s, "MetaflowHold");
    assert!(
        hold.contains(&(String::from("next"), TypeRef::Metaflow)),
        "{hold:?}"
    );
    assert_eq!(s.metaflow_nodes.len(), 1);
}

fn fields_typed(space: &TypeSpace, ty: &str) -> Vec<(String, TypeRef)> {
    match &space
        .by_name(ty)
        .unwrap_or_else(|| panic!("{ty} exists"))
        .kind
    {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| (f.json_name.clone(), f.ty.clone()))
            .collect(),
        other => panic!("{ty} is {other:?}"),
    }
}
