//! Lossless reading: every callflow example from Kazoo's docs reads into
//! `Flow`/`Callflow` and writes back as the same JSON value, including the
//! ones that break the schemas.

mod shared_data;

use kazoo_callflows::{Action, Callflow, Flow};
use serde_json::Value;

fn count_nodes(flow: &Flow, typed: &mut usize, raw: &mut usize) {
    for (_, node) in flow.walk() {
        match node.action {
            Action::Other(_) => *raw += 1,
            _ => *typed += 1,
        }
    }
}

#[test]
fn every_corpus_example_round_trips() {
    let corpus = shared_data::corpus();
    let (mut ok, mut typed, mut raw) = (0, 0, 0);
    let mut failures = Vec::new();
    for (name, text) in &corpus {
        let input: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        let output = if input.get("flow").is_some() {
            let doc = Callflow::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            if let Some(flow) = doc.flow_node() {
                count_nodes(flow, &mut typed, &mut raw);
            }
            serde_json::to_value(&doc).expect("serializes")
        } else {
            let flow = Flow::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            count_nodes(&flow, &mut typed, &mut raw);
            serde_json::to_value(&flow).expect("serializes")
        };
        if output == input {
            ok += 1;
        } else {
            failures.push(format!("{name}:\n  in:  {input}\n  out: {output}"));
        }
    }
    println!(
        "round-trip: {ok}/{} (typed nodes: {typed}, raw nodes: {raw})",
        corpus.len()
    );
    assert!(
        failures.is_empty(),
        "not lossless:\n{}",
        failures.join("\n")
    );
    assert!(
        typed > raw,
        "most corpus nodes are well-formed and must land in typed variants"
    );
}

/// Every node kept raw is explained: its module has no schema, or its data
/// does not deserialize as the module's type (with a path saying where).
/// Nothing well-formed is left untyped.
#[test]
fn raw_nodes_are_unknown_modules_or_misfitting_data() {
    let mut explained = Vec::new();
    for (name, text) in shared_data::corpus() {
        let input: Value = serde_json::from_str(&text).expect("JSON");
        let root = match input.get("flow") {
            Some(flow) => serde_json::from_value::<Flow>(flow.clone()).expect("node"),
            None => Flow::from_json(&text).expect("node"),
        };
        for (path, node) in root.walk() {
            let Action::Other(raw) = &node.action else {
                continue;
            };
            if raw.is_known_module() {
                let err = raw.type_error().unwrap_or_else(|| {
                    panic!("{name} {path}: data fits `{}` but was kept raw", raw.module)
                });
                explained.push(format!("{name} {path} {}: {err}", raw.module));
            } else {
                assert!(raw.type_error().is_none());
                explained.push(format!("{name} {path} {}: unknown module", raw.module));
            }
        }
    }
    println!("{}", explained.join("\n"));
    assert!(
        explained.iter().any(|e| e.contains("say: unknown module")),
        "the corpus uses the unknown module `say`"
    );
    assert!(
        explained
            .iter()
            .any(|e| e.contains("ring_group: endpoints[0]")),
        "ring_group endpoints given as strings do not fit"
    );
}
