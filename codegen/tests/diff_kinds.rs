//! `diff` on fixture pairs written for it: every change kind with its Rust
//! and data classification, `$ref`s reported at each using path, `*` paths,
//! equivalent spellings not reported, the JSON shape, determinism, and bad
//! input refused with `generate`'s own errors.

use kazoo_callflows_codegen::Config;
use kazoo_callflows_codegen::diff::{DiffOptions, diff_dirs};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// `(kind, module, path, old, new, rust, data)` of every change, from the
/// JSON output.
fn rows(json: &Value) -> Vec<(String, String, String, Value, Value, String, String)> {
    json["changes"]
        .as_array()
        .expect("changes is an array")
        .iter()
        .map(|c| {
            let s = |k: &str| {
                c[k].as_str()
                    .unwrap_or_else(|| panic!("{k} in {c}"))
                    .to_string()
            };
            (
                s("kind"),
                s("module"),
                s("path"),
                c["old"].clone(),
                c["new"].clone(),
                s("rust"),
                s("data"),
            )
        })
        .collect()
}

fn kinds_diff(descriptions: bool) -> Value {
    let d = diff_dirs(
        &fixture("diff/kinds/old"),
        &fixture("diff/kinds/new"),
        &DiffOptions { descriptions },
    )
    .expect("fixture pair loads");
    serde_json::from_str(&d.to_json()).expect("diff JSON parses")
}

fn row(
    kind: &str,
    module: &str,
    path: &str,
    old: Value,
    new: Value,
    rust: &str,
    data: &str,
) -> (String, String, String, Value, Value, String, String) {
    (
        kind.into(),
        module.into(),
        path.into(),
        old,
        new,
        rust.into(),
        data.into(),
    )
}

fn expected_kinds() -> Vec<(String, String, String, Value, Value, String, String)> {
    let null = Value::Null;
    vec![
        row(
            "module_added",
            "fresh",
            "",
            null.clone(),
            null.clone(),
            "additive",
            "accepts_more",
        ),
        row(
            "module_removed",
            "gone",
            "",
            null.clone(),
            null.clone(),
            "breaking",
            "may_reject",
        ),
        // A change inside a `$ref`'d schema shows in each module using it.
        row(
            "type_changed",
            "other",
            "/thing/size",
            json!("integer"),
            json!("string"),
            "breaking",
            "may_reject",
        ),
        row(
            "property_added",
            "shape",
            "/added_opt",
            null.clone(),
            json!({"type": "string", "required": false}),
            "breaking",
            "may_reject",
        ),
        row(
            "property_added",
            "shape",
            "/added_req",
            null.clone(),
            json!({"type": "string", "required": true}),
            "breaking",
            "may_reject",
        ),
        row(
            "constraint_changed",
            "shape",
            "/code",
            json!({"minLength": 3}),
            json!({"minLength": 1}),
            "none",
            "accepts_more",
        ),
        row(
            "enum_value_added",
            "shape",
            "/colour",
            null.clone(),
            json!("blue"),
            "breaking",
            "accepts_more",
        ),
        row(
            "enum_value_removed",
            "shape",
            "/colour",
            json!("green"),
            null.clone(),
            "breaking",
            "may_reject",
        ),
        row(
            "constraint_changed",
            "shape",
            "/digits",
            json!({"pattern": null}),
            json!({"pattern": "^[0-9]+$"}),
            "none",
            "may_reject",
        ),
        row(
            "type_changed",
            "shape",
            "/endpoints/*/delay",
            json!("integer"),
            json!("string"),
            "breaking",
            "may_reject",
        ),
        row(
            "constraint_changed",
            "shape",
            "/free_text",
            json!({"enum": null}),
            json!({"enum": ["a", "b"]}),
            "breaking",
            "may_reject",
        ),
        row(
            "default_changed",
            "shape",
            "/grace",
            null.clone(),
            json!(5),
            "additive",
            "none",
        ),
        row(
            "enum_value_added",
            "shape",
            "/level",
            null.clone(),
            json!(3),
            "none",
            "accepts_more",
        ),
        row(
            "type_changed",
            "shape",
            "/list/*/delay",
            json!("integer"),
            json!("string"),
            "breaking",
            "may_reject",
        ),
        row(
            "required_removed",
            "shape",
            "/may",
            json!(true),
            json!(false),
            "breaking",
            "accepts_more",
        ),
        row(
            "required_added",
            "shape",
            "/must",
            json!(false),
            json!(true),
            "breaking",
            "may_reject",
        ),
        row(
            "constraint_changed",
            "shape",
            "/name",
            json!({"maxLength": 10}),
            json!({"maxLength": 5}),
            "none",
            "may_reject",
        ),
        // Its new members are part of the type change, not property_added.
        row(
            "type_changed",
            "shape",
            "/profile",
            json!("string"),
            json!("object"),
            "breaking",
            "may_reject",
        ),
        row(
            "property_removed",
            "shape",
            "/removed",
            json!({"type": "string", "required": false}),
            null.clone(),
            "breaking",
            "accepts_more",
        ),
        row(
            "default_changed",
            "shape",
            "/retries",
            json!(3),
            null.clone(),
            "breaking",
            "none",
        ),
        // Unknown members were forbidden: a new property accepts more.
        row(
            "property_added",
            "shape",
            "/strict/b",
            null.clone(),
            json!({"type": "string", "required": false}),
            "breaking",
            "accepts_more",
        ),
        row(
            "type_changed",
            "shape",
            "/thing/size",
            json!("integer"),
            json!("string"),
            "breaking",
            "may_reject",
        ),
        row(
            "default_changed",
            "shape",
            "/timeout",
            json!(20),
            json!(30),
            "none",
            "none",
        ),
        row(
            "type_changed",
            "shape",
            "/typed",
            json!("integer"),
            json!("string"),
            "breaking",
            "may_reject",
        ),
        row(
            "type_changed",
            "shape",
            "/widened",
            json!("integer"),
            json!("number"),
            "breaking",
            "accepts_more",
        ),
    ]
}

#[test]
fn every_kind_is_found_and_classified() {
    let json = kinds_diff(false);
    assert_eq!(rows(&json), expected_kinds());
    // `"type": [boolean, string]` → `oneOf` of the same types is no change.
    assert!(rows(&json).iter().all(|r| r.2 != "/tone"));
}

#[test]
fn descriptions_are_reported_only_when_asked() {
    let json = kinds_diff(true);
    let mut expected = expected_kinds();
    expected.push(row(
        "description_changed",
        "shape",
        "/text",
        json!("Old words"),
        json!("New words"),
        "none",
        "none",
    ));
    let mut got = rows(&json);
    let key =
        |r: &(String, String, String, Value, Value, String, String)| (r.1.clone(), r.2.clone());
    got.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(got, expected);
    assert_eq!(json["summary"]["counts"]["description_changed"], 1);
    assert_eq!(
        kinds_diff(false)["summary"]["counts"]["description_changed"],
        0
    );
}

#[test]
fn json_has_the_documented_shape_and_summary() {
    let json = kinds_diff(false);
    let keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    // Members come in the documented order.
    let text = diff_dirs(
        &fixture("diff/kinds/old"),
        &fixture("diff/kinds/new"),
        &DiffOptions::default(),
    )
    .expect("loads")
    .to_json();
    let at = |key: &str| {
        text.find(&format!("\n  \"{key}\": "))
            .unwrap_or_else(|| panic!("{key}"))
    };
    assert!(at("old") < at("new") && at("new") < at("summary") && at("summary") < at("changes"));
    let first = &text[at("changes")..];
    let at = |key: &str| {
        first
            .find(&format!("\"{key}\": "))
            .unwrap_or_else(|| panic!("{key}"))
    };
    let order = ["kind", "module", "path", "old", "new", "rust", "data"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(
        json["old"]
            .as_str()
            .is_some_and(|s| s.ends_with("kinds/old"))
    );
    assert!(
        json["new"]
            .as_str()
            .is_some_and(|s| s.ends_with("kinds/new"))
    );
    assert_eq!(json["summary"]["rust"], "major");
    assert_eq!(json["summary"]["data"], "may_reject");
    let counts = json["summary"]["counts"].as_object().expect("counts");
    assert_eq!(counts.len(), 12, "every kind is counted");
    let expected = expected_kinds();
    for (kind, n) in counts {
        let want = expected.iter().filter(|r| &r.0 == kind).count();
        assert_eq!(n, want, "{kind}");
    }
    for c in json["changes"].as_array().expect("changes") {
        assert_eq!(c.as_object().expect("a change").len(), 7, "{c}");
    }
}

#[test]
fn semver_summary_follows_the_worst_change() {
    // Only an added module: minor; data accepts more.
    let d = diff_dirs(
        &fixture("diff/minor/old"),
        &fixture("diff/minor/new"),
        &DiffOptions::default(),
    )
    .expect("loads");
    let s = d.summary();
    assert_eq!(
        (s.rust.as_str(), s.data.as_str()),
        ("minor", "accepts_more")
    );
    // Only a changed default value: patch, data none.
    let d = diff_dirs(
        &fixture("diff/patch/old"),
        &fixture("diff/patch/new"),
        &DiffOptions::default(),
    )
    .expect("loads");
    let s = d.summary();
    assert_eq!((s.rust.as_str(), s.data.as_str()), ("patch", "none"));
}

#[test]
fn a_directory_against_itself_is_empty() {
    let dir = fixture("diff/kinds/new");
    let d = diff_dirs(&dir, &dir, &DiffOptions { descriptions: true }).expect("loads");
    assert!(d.is_empty(), "{}", d.to_text());
    assert_eq!(d.to_text(), "");
    let json: Value = serde_json::from_str(&d.to_json()).expect("JSON");
    assert_eq!(json["summary"]["rust"], "none");
    assert_eq!(json["summary"]["data"], "none");
    assert_eq!(json["changes"], json!([]));
}

#[test]
fn every_format_is_deterministic() {
    let run = || {
        let d = diff_dirs(
            &fixture("diff/kinds/old"),
            &fixture("diff/kinds/new"),
            &DiffOptions { descriptions: true },
        )
        .expect("loads");
        (d.to_text(), d.to_markdown(), d.to_json())
    };
    assert_eq!(run(), run());
}

#[test]
fn text_and_markdown_name_every_change() {
    let d = diff_dirs(
        &fixture("diff/kinds/old"),
        &fixture("diff/kinds/new"),
        &DiffOptions::default(),
    )
    .expect("loads");
    let text = d.to_text();
    let md = d.to_markdown();
    for c in &d.changes {
        assert!(
            text.contains(c.kind.as_str()),
            "{} missing in text",
            c.kind.as_str()
        );
        if !c.path.is_empty() {
            assert!(
                text.contains(&format!("  {}: ", c.path)),
                "{} in text",
                c.path
            );
            assert!(
                md.contains(&format!("- `{}`: ", c.path)),
                "{} in markdown",
                c.path
            );
        }
    }
    assert!(text.contains("/colour: value \"blue\" added"), "{text}");
    assert!(md.contains("### Modules added\n\n`fresh`"), "{md}");
    assert!(md.contains("### Modules removed\n\n`gone`"), "{md}");
}

/// Every bad-input fixture of `generate`, on either side, gives exactly the
/// error `generate` gives.
#[test]
fn bad_input_on_either_side_gives_generates_error() {
    let good = fixture("diff/kinds/new");
    let bad_root = fixture("bad");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&bad_root)
        .expect("bad fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.push(bad_root.join("does_not_exist"));
    cases.sort();
    assert!(
        cases.iter().any(|c| c.ends_with("invalid_json")),
        "the bad-input fixtures are found: {cases:?}"
    );
    for bad in cases {
        let generate = match Config::new().schemas_dir(&bad).generate() {
            Ok(_) => panic!("{}: generate accepts it", bad.display()),
            Err(e) => e.to_string(),
        };
        for (old, new) in [(&bad, &good), (&good, &bad)] {
            match diff_dirs(old, new, &DiffOptions::default()) {
                Ok(_) => panic!("{}: diff accepts it", bad.display()),
                Err(e) => assert_eq!(e.to_string(), generate, "{}", bad.display()),
            }
        }
    }
}

/// The classification assumes generated structs and string enums are
/// exhaustive (no `#[non_exhaustive]`); this checks that against what the
/// emitter writes, so the two cannot drift apart.
#[test]
fn classification_matches_the_emitted_rust() {
    use kazoo_callflows_codegen::diff::change::{
        GENERATED_ENUMS_EXHAUSTIVE, GENERATED_STRUCTS_EXHAUSTIVE,
    };
    let generated = Config::new()
        .schemas_dir(fixture("diff/kinds/new"))
        .generate()
        .expect("generates");
    let file = syn::parse_file(generated.rust()).expect("generated Rust parses");
    let non_exhaustive =
        |attrs: &[syn::Attribute]| attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
    let mut structs = 0;
    let mut enums = 0;
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if s.ident == "Shape" => {
                structs += 1;
                assert_eq!(
                    non_exhaustive(&s.attrs),
                    !GENERATED_STRUCTS_EXHAUSTIVE,
                    "struct {}",
                    s.ident
                );
                assert!(
                    s.fields
                        .iter()
                        .all(|f| matches!(f.vis, syn::Visibility::Public(_))),
                    "every field of {} is public",
                    s.ident
                );
            }
            syn::Item::Enum(e) if e.ident == "ShapeColour" => {
                enums += 1;
                assert_eq!(
                    non_exhaustive(&e.attrs),
                    !GENERATED_ENUMS_EXHAUSTIVE,
                    "enum {}",
                    e.ident
                );
            }
            syn::Item::Enum(e) if e.ident == "Action" => {
                assert!(
                    non_exhaustive(&e.attrs),
                    "module_added is additive because Action is #[non_exhaustive]"
                );
            }
            _ => {}
        }
    }
    assert_eq!(
        (structs, enums),
        (1, 1),
        "the fixture's struct and enum were found"
    );
}
