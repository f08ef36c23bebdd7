//! The editor bundle on every Kazoo release's schemas and on the keyword
//! fixture: two independent generations give identical bytes for every
//! shape; the bundle is self-contained (every `$ref` is a local pointer
//! that resolves inside it); every module is in `module`'s enum with a
//! description, has one `if`/`then` and one snippet; the shapes' roots
//! point where they should.

#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::{EDITOR_SCHEMA_DRAFT as DRAFT, EditorSchemaShape as Shape};
use serde_json::Value;
use std::path::PathBuf;

fn dirs() -> Vec<(String, PathBuf)> {
    let mut out = shared_data::schema_dirs();
    out.push((
        String::from("keyword fixture"),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/validate/schemas"),
    ));
    out
}

/// Every `$ref` under `v`, with where it is.
fn refs(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    out.push((at.to_string(), x.as_str().unwrap_or_default().to_string()));
                } else {
                    refs(x, &format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                refs(x, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A local `$ref` (`#/definitions/a~1b%20c`) as a JSON pointer.
fn local_pointer(r: &str) -> Option<String> {
    let fragment = r.strip_prefix('#')?;
    let bytes = fragment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[test]
fn bundles_are_deterministic_self_contained_and_cover_every_module() {
    for (name, dir) in dirs() {
        let a = Config::new()
            .schemas_dir(&dir)
            .generate()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = Config::new()
            .schemas_dir(&dir)
            .generate()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let modules: Vec<&str> = a.space().modules.iter().map(|m| m.name.as_str()).collect();
        for shape in Shape::ALL {
            let text = a
                .editor_schema(shape)
                .unwrap_or_else(|e| panic!("{name} {shape}: {e}"));
            assert_eq!(
                text,
                b.editor_schema(shape).expect("second run"),
                "{name} {shape}: two runs, same bytes"
            );
            let v: Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(v["$schema"], DRAFT);
            let mut found = Vec::new();
            refs(&v, "", &mut found);
            for (at, r) in &found {
                let pointer = local_pointer(r)
                    .filter(|p| p.starts_with("/definitions/"))
                    .unwrap_or_else(|| panic!("{name} {shape}: {at}: $ref {r:?} is not local"));
                assert!(
                    v.pointer(&pointer).is_some_and(Value::is_object),
                    "{name} {shape}: {at}: $ref {r:?} resolves to nothing"
                );
            }
            let root = v["allOf"][0].clone();
            match shape {
                Shape::Document => assert_eq!(root["$ref"], "#/definitions/callflows"),
                Shape::Node => {
                    let target =
                        local_pointer(root["$ref"].as_str().expect("a $ref")).expect("local");
                    let node = &v.pointer(&target).expect("the node schema");
                    // The module rule: an enum somewhere on `module`, one
                    // if/then and one snippet per module.
                    let text = node.to_string();
                    let ifs = node["allOf"]
                        .as_array()
                        .expect("allOf")
                        .iter()
                        .filter(|x| {
                            x.get("if").is_some()
                                && x["if"]["properties"]["module"].get("const").is_some()
                        })
                        .map(|x| {
                            x["if"]["properties"]["module"]["const"]
                                .as_str()
                                .unwrap_or_default()
                        })
                        .collect::<Vec<_>>();
                    assert_eq!(ifs, modules, "{name}: one if/then per module, in order");
                    let snippets: Vec<&str> = node["defaultSnippets"]
                        .as_array()
                        .expect("defaultSnippets")
                        .iter()
                        .map(|s| s["label"].as_str().unwrap_or_default())
                        .collect();
                    assert_eq!(snippets, modules, "{name}: one snippet per module");
                    let enum_text = serde_json::to_string(&modules).expect("names");
                    assert!(
                        text.contains(&enum_text),
                        "{name}: module enum lists every module"
                    );
                }
                Shape::Envelope => {
                    assert_eq!(root["required"], serde_json::json!(["data"]));
                    assert_eq!(
                        root["properties"]["data"]["$ref"],
                        "#/definitions/callflows"
                    );
                }
            }
        }
    }
}

#[test]
fn shapes_parse_from_their_names() {
    for shape in Shape::ALL {
        assert_eq!(Shape::parse(shape.as_str()), Some(shape));
    }
    assert_eq!(Shape::parse("tree"), None);
}
