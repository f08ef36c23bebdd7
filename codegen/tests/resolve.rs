//! Loading and `$ref` resolution: the closure of the callflow schemas, refs
//! by `_id`, by file name, with `.json`, and with `#/pointer` fragments, and
//! self-reference.

use kazoo_callflows_codegen::__internal::load_dir;
use kazoo_callflows_codegen::ir::schema::{Draft, NodeId, SchemaGraph};
use std::path::Path;

fn load(case: &str) -> SchemaGraph {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case);
    load_dir(&dir).unwrap_or_else(|e| panic!("{case}: {e}"))
}

/// The node a property of schema `id` refers to, as `schema-id#pointer`.
fn target_of(g: &SchemaGraph, id: &str, property: &str) -> String {
    let root = g
        .file_by_id(id)
        .unwrap_or_else(|| panic!("{id} is in the closure"))
        .root;
    let prop = g
        .node(root)
        .property(property)
        .unwrap_or_else(|| panic!("{id} has {property}"));
    let r = g
        .node(prop)
        .reference
        .as_ref()
        .unwrap_or_else(|| panic!("{id}.{property} is a $ref"));
    g.schema_path(r.target)
}

#[test]
fn closure_is_the_callflow_schemas_and_what_they_reference() {
    let g = load("refs");
    let mut ids: Vec<&str> = g.files.iter().map(|f| f.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        ["callflows", "callflows.action", "callflows.page", "shared"]
    );
    assert_eq!(g.files_read.len(), 5, "every file of the directory is read");
    let modules: Vec<&str> = g.modules().filter_map(|f| f.module.as_deref()).collect();
    assert_eq!(modules, ["page"]);
}

#[test]
fn refs_resolve_by_id_file_name_and_pointer() {
    let g = load("refs");
    assert_eq!(target_of(&g, "callflows", "flow"), "callflows.action#");
    assert_eq!(
        target_of(&g, "callflows", "name"),
        "callflows#/definitions/label"
    );
    assert_eq!(target_of(&g, "callflows.page", "by_file_name"), "shared#");
    assert_eq!(
        target_of(&g, "callflows.page", "into_other"),
        "shared#/definitions/volume"
    );
    assert_eq!(
        target_of(&g, "callflows.page", "label"),
        "callflows#/definitions/label"
    );
    assert_eq!(
        target_of(&g, "shared", "level"),
        "shared#/definitions/volume"
    );
}

#[test]
fn the_node_schema_refers_to_itself() {
    let g = load("refs");
    let action = g.file_by_id("callflows.action").expect("loaded");
    let children = g.node(action.root).property("children").expect("children");
    let (_, branch) = g.node(children).pattern_properties[0].clone();
    let target = g.node(branch).reference.as_ref().expect("a $ref").target;
    assert_eq!(target, action.root);
    assert_eq!(g.deref(branch), action.root);
}

#[test]
fn shared_ids_outside_the_closure_are_not_an_error() {
    // `traps` has two unrelated files declaring `_id: "limits"`, one with an
    // invalid `type`: neither is part of the callflow closure.
    let g = load("traps");
    assert!(g.file_by_id("limits").is_none());
}

#[test]
fn draft3_required_booleans_fold_into_the_parent() {
    let g = load("draft3");
    let lookup = g.file_by_id("callflows.lookup").expect("loaded");
    assert_eq!(lookup.draft, Draft::Draft3);
    assert_eq!(g.node(lookup.root).required, ["id"]);
    assert_eq!(g.warnings.len(), 1, "{:?}", g.warnings);
    assert!(
        g.warnings[0].contains("callflows.lookup.json#/properties/lists/required"),
        "{:?}",
        g.warnings
    );
    let mode = g.node(lookup.root).property("mode").expect("mode");
    assert_eq!(
        g.node(mode).types,
        None,
        "draft-03 `any` is no type constraint"
    );
}

#[test]
fn every_node_knows_where_it_is() {
    let g = load("traps");
    for (i, n) in g.nodes.iter().enumerate() {
        let loc = n
            .location
            .as_ref()
            .unwrap_or_else(|| panic!("node {i} has a location"));
        assert!(loc.pointer.is_empty() || loc.pointer.starts_with('/'));
        let _ = g.schema_path(NodeId(i as u32));
    }
}

/// The `schema-id#pointer` a property of module `module` resolves to.
fn ref_target(g: &SchemaGraph, module: &str, property: &str) -> String {
    target_of(g, &format!("callflows.{module}"), property)
}

#[test]
fn refs_resolve_against_ids_with_escapes_and_location_independent_names() {
    let g = load("id_scoping");
    assert_eq!(
        ref_target(&g, "scope", "a"),
        "callflows.scope#/definitions/tilde~0field"
    );
    assert_eq!(
        ref_target(&g, "scope", "b"),
        "callflows.scope#/definitions/percent%field"
    );
    assert_eq!(
        ref_target(&g, "scope", "c"),
        "callflows.scope#/definitions/named"
    );
    assert_eq!(
        ref_target(&g, "scope", "d"),
        "callflows.scope#/definitions/inner/definitions/leaf"
    );
    assert_eq!(ref_target(&g, "scope", "e"), "other#/definitions/x");
    // An `id` beside a `$ref` does not change the base: `other.json`
    // resolves against the file's `id`, to the file with that root `id`.
    assert_eq!(ref_target(&g, "scope", "f"), "other#");
    // The pointer inside an `id`-scoped subschema starts at that subschema.
    let inner = g
        .node_at("callflows.scope", "/definitions/inner/properties/l")
        .expect("l");
    let r = g.node(inner).reference.as_ref().expect("l is a $ref");
    assert_eq!(
        g.schema_path(r.target),
        "callflows.scope#/definitions/inner/definitions/leaf"
    );
}

#[test]
fn draft3_type_arrays_extends_and_disallow_become_draft4_keywords() {
    let g = load("id_scoping");
    let old = |p: &str| {
        g.node(
            g.node_at("callflows.old", p)
                .unwrap_or_else(|| panic!("{p}")),
        )
    };
    let t = old("/properties/t");
    assert_eq!(t.types, None);
    assert_eq!(t.any_of.len(), 2, "a type branch and a schema branch");
    let x = old("/properties/x");
    assert_eq!(x.all_of.len(), 1);
    let n = old("/properties/n");
    let forbidden = g.node(n.not.expect("disallow is a not"));
    assert_eq!(forbidden.any_of.len(), 2);
}
