//! The editor bundle in a real editor engine: `vscode-json-languageservice`
//! (the engine of VS Code's JSON support, npm, installed by `.ci/run` into
//! `target/npm`) driven by `tests/editor/language_service.cjs` under node,
//! on bundles generated from the schema directory the library was built
//! from. Fails (never skips) when node or the package is missing.
//!
//! Checked: completion at `"module": "|"` offers exactly every module, with
//! its description; inside a `ring_group` node's `data` exactly its
//! properties; hover on a `data` member shows Kazoo's description of it;
//! the value of `"flow": |` offers one snippet per module
//! inserting its docs example; `"use_local_resources": "false"` on
//! `resources`, an unknown module and a whole float for an integer each get
//! exactly one diagnostic, on the offending value; every module's example
//! and every corpus input our validators accept gets none, and every corpus
//! input they reject gets at least one; no schema is fetched from outside.

mod editor_support;
mod shared_data;
mod validate_support;

use editor_support::{Case, diagnostics, run};
use kazoo_callflows::validate::{self, InputKind};
use kazoo_callflows_codegen::__internal::docs_examples;
use kazoo_callflows_codegen::EditorSchemaShape as Shape;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Asserts exactly one diagnostic, covering exactly `needle` in `text`.
fn one_diagnostic_on(results: &BTreeMap<String, Value>, case: &Case, needle: &str) -> String {
    let found = diagnostics(&results[&case.name]);
    let start = case.text.find(needle).expect("the needle is in the text");
    assert_eq!(
        found.len(),
        1,
        "{}: expected one diagnostic, got {found:?}",
        case.name
    );
    let (message, s, e) = &found[0];
    assert_eq!(
        (*s, *e),
        (start, start + needle.len()),
        "{}: the diagnostic {message:?} must cover {needle}",
        case.name
    );
    message.clone()
}

/// Undoes the snippet escaping of `$`, `}` and `\`.
fn unsnippet(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn vscode_json_language_service_completes_and_diagnoses_with_the_bundle() {
    let dir = validate_support::schemas_dir();
    let generated = kazoo_callflows_codegen::Config::new()
        .schemas_dir(&dir)
        .generate()
        .unwrap_or_else(|e| panic!("generating from {}: {e}", dir.display()));
    let graph = generated.graph();
    let modules: BTreeMap<String, String> = generated
        .space()
        .modules
        .iter()
        .map(|m| {
            let root = graph.node(graph.file(m.file).root);
            (m.name.clone(), root.description.clone().unwrap_or_default())
        })
        .collect();
    let ring_group_properties: BTreeSet<String> = graph
        .file_by_id("callflows.ring_group")
        .map(|f| graph.node(graph.deref(f.root)))
        .expect("a ring_group schema")
        .properties
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    let examples = docs_examples(graph, generated.space()).expect("docs examples");

    let module_values = Case::complete(
        "module-values",
        Shape::Node,
        r#"{"module": "|", "data": {}}"#,
    );
    let ring_group = Case::complete(
        "ring-group-data",
        Shape::Node,
        r#"{"module": "ring_group", "data": {|}}"#,
    );
    let snippets = Case::complete("flow-snippets", Shape::Document, r#"{"flow": |}"#);
    let resources = Case::validate(
        "resources-false",
        Shape::Node,
        r#"{"module": "resources", "data": {"use_local_resources": "false"}}"#,
    );
    let unknown = Case::validate(
        "unknown-module",
        Shape::Document,
        r#"{"flow": {"module": "resource", "data": {}}, "numbers": ["2000"]}"#,
    );
    // Draft-04 integers: `20.0` is not one (a draft-07 validator by value
    // would accept it; VS Code's engine goes by the text, as Kazoo does).
    let mut ring_group_node = examples
        .iter()
        .find(|e| e.module == "ring_group")
        .expect("a ring_group example")
        .json
        .clone();
    ring_group_node["data"]["timeout"] = json!(20.0);
    let envelope = json!({"data": {"flow": ring_group_node}});
    let ours = validate::Options::default()
        .input(&envelope)
        .expect("an envelope")
        .1;
    assert_eq!(ours.len(), 1, "we reject 20.0 for an integer: {ours:?}");
    let whole_float = Case::validate("whole-float", Shape::Envelope, envelope.to_string());
    let hover = Case::hover(
        "hover-strategy",
        Shape::Node,
        r#"{"module": "ring_group", "data": {"strat|egy": "single"}}"#,
    );
    let mut cases = vec![
        module_values,
        ring_group,
        snippets,
        resources,
        unknown,
        whole_float,
        hover,
    ];
    for e in &examples {
        cases.push(Case::validate(
            format!("example-{}", e.module),
            Shape::Node,
            e.json_text.clone(),
        ));
        cases.push(Case::validate(
            format!("example-document-{}", e.module),
            Shape::Document,
            json!({"flow": e.json, "numbers": ["2000"]}).to_string(),
        ));
    }
    let mut corpus_verdicts = BTreeMap::new();
    for (name, text) in shared_data::corpus() {
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let Ok((kind, errors)) = validate::Options::default().input(&v) else {
            continue;
        };
        let shape = match kind {
            InputKind::Document => Shape::Document,
            InputKind::Node => Shape::Node,
            InputKind::Envelope => Shape::Envelope,
        };
        corpus_verdicts.insert(format!("corpus-{name}"), errors.is_empty());
        cases.push(Case::validate(format!("corpus-{name}"), shape, text));
    }
    let results = run(&generated, &cases);
    let (module_values, ring_group, snippets, resources, unknown, whole_float, hover) = (
        &cases[0], &cases[1], &cases[2], &cases[3], &cases[4], &cases[5], &cases[6],
    );
    // The cases above; examples and corpus follow.
    let checked = 7;

    // `"module": "|"` offers exactly the modules, each with its description.
    let offered: BTreeMap<String, Value> = results[&module_values.name]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["label"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_matches('"')
                    .to_string(),
                i.clone(),
            )
        })
        .collect();
    assert_eq!(
        offered.keys().cloned().collect::<BTreeSet<_>>(),
        modules.keys().cloned().collect::<BTreeSet<_>>(),
        "completion at \"module\": \"|\" must offer every module and nothing else"
    );
    for (m, description) in &modules {
        if !description.is_empty() {
            assert_eq!(
                offered[m]["documentation"].as_str(),
                Some(description.as_str()),
                "the completion of {m} shows its description"
            );
        }
    }
    println!(
        "editor: completion at \"module\": \"|\" offers {} modules",
        offered.len()
    );

    // Inside a ring_group node's data: exactly ring_group's properties.
    let offered: BTreeSet<String> = results[&ring_group.name]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().unwrap_or_default().to_string())
        .collect();
    for expected in ["endpoints", "strategy", "timeout"] {
        assert!(
            offered.contains(expected),
            "ring_group data offers {expected}: {offered:?}"
        );
    }
    assert_eq!(
        offered, ring_group_properties,
        "ring_group data offers its properties"
    );
    println!(
        "editor: completion in ring_group data offers {} properties",
        offered.len()
    );

    // `"flow": |` offers one snippet per module, inserting its example.
    let items = results[&snippets.name]["items"].as_array().expect("items");
    for e in &examples {
        let item = items
            .iter()
            .find(|i| i["label"] == e.module.as_str())
            .unwrap_or_else(|| panic!("no snippet for {}", e.module));
        let text = unsnippet(item["insertText"].as_str().expect("a snippet inserts text"));
        let inserted: Value = serde_json::from_str(&text).unwrap_or_else(|err| {
            panic!("{} snippet inserts invalid JSON ({err}): {text}", e.module)
        });
        assert_eq!(
            inserted, e.json,
            "{} snippet inserts its docs example",
            e.module
        );
    }
    println!(
        "editor: \"flow\": | offers {} module snippets",
        examples.len()
    );

    // One diagnostic each, on the offending value.
    let message = one_diagnostic_on(&results, resources, r#""false""#);
    println!("editor: resources \"false\": {message:?}");
    let message = one_diagnostic_on(&results, unknown, r#""resource""#);
    assert!(
        message.contains("resources"),
        "the message lists the modules: {message}"
    );
    one_diagnostic_on(&results, whole_float, "20.0");

    // Hover shows Kazoo's description of the member.
    let strategy = graph
        .file_by_id("callflows.ring_group")
        .map(|f| graph.node(graph.deref(f.root)))
        .and_then(|n| n.property("strategy"))
        .and_then(|p| graph.node(p).description.clone())
        .expect("ring_group's strategy has a description");
    let shown = results[&hover.name]["hover"].as_str().unwrap_or_default();
    assert!(
        shown.contains(&strategy),
        "hover on strategy shows {strategy:?}, got {shown:?}"
    );
    println!("editor: hover on ring_group strategy: {shown:?}");

    // Examples: no diagnostics. Corpus: none exactly when we accept.
    let mut clean = 0;
    for c in &cases[checked..] {
        let found = diagnostics(&results[&c.name]);
        let expect_valid = corpus_verdicts.get(&c.name).copied().unwrap_or(true);
        if expect_valid {
            assert!(
                found.is_empty(),
                "{}: expected no diagnostics, got {found:?}\n{}",
                c.name,
                c.text
            );
            clean += 1;
        } else {
            assert!(
                !found.is_empty(),
                "{}: we reject it, the editor shows nothing",
                c.name
            );
        }
    }
    println!(
        "editor: {} example/corpus inputs, {clean} without diagnostics as our validators say, {} rejected by both",
        cases.len() - checked,
        cases.len() - checked - clean
    );
}
