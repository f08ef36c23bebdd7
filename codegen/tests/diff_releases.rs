//! `diff` on each adjacent pair of the five Kazoo releases in
//! `../shared/kazoo/schemas`: a handful of changes per pair, each checked
//! by reading the schemas, the modules added and removed against the
//! directory listings, a release against itself empty, determinism.

#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use kazoo_callflows_codegen::diff::{Change, Diff, DiffOptions, diff_dirs};
use serde_json::{Value, json};
use shared_data::{RELEASES, release};
use std::collections::BTreeSet;

fn diff(old: &str, new: &str) -> Diff {
    diff_dirs(&release(old), &release(new), &DiffOptions::default())
        .unwrap_or_else(|e| panic!("{old} → {new}: {e}"))
}

fn at<'a>(d: &'a Diff, module: &str, path: &str) -> Vec<&'a Change> {
    d.changes
        .iter()
        .filter(|c| c.module == module && c.path == path)
        .collect()
}

/// Asserts one change with these values and classification (one argument
/// per member of a change reads best at the call sites).
#[allow(clippy::too_many_arguments)]
#[track_caller]
fn has(
    d: &Diff,
    module: &str,
    path: &str,
    kind: &str,
    old: Value,
    new: Value,
    rust: &str,
    data: &str,
) {
    let found = at(d, module, path);
    assert!(
        found.iter().any(|c| c.kind.as_str() == kind
            && c.old == old
            && c.new == new
            && c.rust.as_str() == rust
            && c.data.as_str() == data),
        "{} → {}: no {kind} {old} → {new} ({rust}, {data}) at {module} {path:?}; found {found:#?}",
        d.old,
        d.new
    );
}

/// Module names in a release directory, read from the file names as the
/// loader defines them (`callflows.<name>.json`, no dot in `<name>`, not
/// `action`).
fn modules_on_disk(name: &str) -> BTreeSet<String> {
    std::fs::read_dir(release(name))
        .expect("listable")
        .filter_map(|e| {
            let file = e.ok()?.file_name().into_string().ok()?;
            let m = file.strip_prefix("callflows.")?.strip_suffix(".json")?;
            (!m.contains('.') && m != "action").then(|| m.to_string())
        })
        .collect()
}

#[test]
fn modules_added_and_removed_match_the_directories() {
    for pair in RELEASES.windows(2) {
        let d = diff(pair[0], pair[1]);
        let (old, new) = (modules_on_disk(pair[0]), modules_on_disk(pair[1]));
        let of_kind = |kind: &str| -> BTreeSet<String> {
            d.changes
                .iter()
                .filter(|c| c.kind.as_str() == kind)
                .map(|c| c.module.clone())
                .collect()
        };
        assert_eq!(of_kind("module_added"), &new - &old, "{pair:?}");
        assert_eq!(of_kind("module_removed"), &old - &new, "{pair:?}");
        assert!(
            !(&new - &old).is_empty(),
            "{pair:?}: every release adds modules"
        );
        // Nothing is reported inside a module that exists on one side only.
        let one_sided: BTreeSet<String> = old.symmetric_difference(&new).cloned().collect();
        assert!(
            d.changes
                .iter()
                .all(|c| !one_sided.contains(&c.module) || c.path.is_empty()),
            "{pair:?}"
        );
    }
}

#[test]
fn from_4_0_to_4_1() {
    let d = diff("4.0", "4.1");
    // 4.0: `"sip": {"type": "object", "properties": {"username": ..}}`; 4.1 has no `sip`.
    has(
        &d,
        "acdc_agent",
        "/sip",
        "property_removed",
        json!({"type": "object", "required": false}),
        Value::Null,
        "breaking",
        "accepts_more",
    );
    // 4.0 gave fax_option no type at all; 4.1 types it.
    has(
        &d,
        "faxbox",
        "/media/fax_option",
        "type_changed",
        json!("any"),
        json!("boolean | string"),
        "breaking",
        "may_reject",
    );
    assert_eq!(d.summary().rust.as_str(), "major");
}

#[test]
fn from_4_1_to_4_2() {
    let d = diff("4.1", "4.2");
    has(
        &d,
        "park",
        "/action",
        "enum_value_added",
        Value::Null,
        json!("direct_park"),
        "breaking",
        "accepts_more",
    );
    has(
        &d,
        "conference",
        "/config/profile",
        "type_changed",
        json!("string"),
        json!("object"),
        "breaking",
        "may_reject",
    );
    has(
        &d,
        "tts",
        "/language",
        "default_changed",
        json!("en"),
        Value::Null,
        "breaking",
        "none",
    );
    has(
        &d,
        "record_caller",
        "/time_limit",
        "constraint_changed",
        json!({"maximum": 3600}),
        json!({"maximum": 10800}),
        "none",
        "accepts_more",
    );
    // The members of the new profile object come with its type change.
    assert!(
        d.changes
            .iter()
            .all(|c| !c.path.starts_with("/config/profile/"))
    );
}

#[test]
fn from_4_2_to_4_3() {
    let d = diff("4.2", "4.3");
    has(
        &d,
        "tts",
        "/engine",
        "enum_value_added",
        Value::Null,
        json!("google"),
        "breaking",
        "accepts_more",
    );
    // audio_macro reaches tts through `$ref` inside `oneOf` items.
    has(
        &d,
        "audio_macro",
        "/macros/*/engine",
        "enum_value_added",
        Value::Null,
        json!("google"),
        "breaking",
        "accepts_more",
    );
    has(
        &d,
        "audio_macro",
        "/macros/*/macro",
        "required_added",
        json!(false),
        json!(true),
        "breaking",
        "may_reject",
    );
    has(
        &d,
        "group_pickup_feature",
        "/type",
        "required_added",
        json!(false),
        json!(true),
        "breaking",
        "may_reject",
    );
    has(
        &d,
        "acdc_agent",
        "/skip_module",
        "property_added",
        Value::Null,
        json!({"type": "boolean", "required": false}),
        "breaking",
        "may_reject",
    );
}

#[test]
fn from_4_3_to_master() {
    let d = diff("4.3", "master");
    // 4.3: `"type": ["string", "boolean"], "enum": ["auto", true, false]`;
    // master: `oneOf` any boolean or one of "auto", "true", "false". Both
    // take any boolean and the string "auto"; master adds two strings.
    for module in ["faxbox", "receive_fax"] {
        let path = "/media/fax_option";
        has(
            &d,
            module,
            path,
            "enum_value_added",
            Value::Null,
            json!("true"),
            "breaking",
            "accepts_more",
        );
        has(
            &d,
            module,
            path,
            "enum_value_added",
            Value::Null,
            json!("false"),
            "breaking",
            "accepts_more",
        );
        assert_eq!(
            at(&d, module, path).len(),
            2,
            "{module}: {:#?}",
            at(&d, module, path)
        );
    }
    // `"type": ["boolean", "string"]` became `oneOf` of the same two types.
    assert!(at(&d, "conference", "/play_entry_tone").is_empty());
    has(
        &d,
        "transfer",
        "/captures",
        "constraint_changed",
        json!({"items": null}),
        json!({"items": "schema"}),
        "breaking",
        "may_reject",
    );
    has(
        &d,
        "missed_call_alert",
        "/recipients/*/id",
        "constraint_changed",
        json!({"format": null}),
        json!({"format": "email"}),
        "none",
        "may_reject",
    );
}

#[test]
fn each_release_against_itself_is_empty() {
    for name in RELEASES {
        let d = diff_dirs(
            &release(name),
            &release(name),
            &DiffOptions { descriptions: true },
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(d.is_empty(), "{name}: {}", d.to_text());
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let a = diff("4.3", "master");
    let b = diff("4.3", "master");
    assert_eq!(a.to_json(), b.to_json());
    assert_eq!(a.to_text(), b.to_text());
    assert_eq!(a.to_markdown(), b.to_markdown());
}

/// Prints the counts per kind for every pair (`--nocapture`), for the
/// report; asserts only that each pair found something.
#[test]
fn counts_per_pair() {
    for pair in RELEASES.windows(2) {
        let d = diff(pair[0], pair[1]);
        let s = d.summary();
        let counts: Vec<String> = s
            .counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{} {n}", k.as_str()))
            .collect();
        println!(
            "diff {} → {}: {} changes, rust {}, data {}: {}",
            pair[0],
            pair[1],
            d.changes.len(),
            s.rust.as_str(),
            s.data.as_str(),
            counts.join(", ")
        );
        assert!(!d.is_empty());
    }
}
