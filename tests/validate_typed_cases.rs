//! Acceptance 3: typed validation (`Validate`, walking fields without a
//! JSON round trip) reports exactly what raw validation of
//! `serde_json::to_value(&typed)` reports, on every generated case that
//! reads into typed values (documents, nodes and each module's data).
//! Independent of the schema release, so CI can run it for any build.

mod shared_data;
mod validate_support;

use kazoo_callflows::validate::{self, ValidationError, ValidationErrors};
use kazoo_callflows::{Action, Callflow, Flow, Validate};
use validate_support::mutants::{self, Kind};

fn errors(r: Result<(), ValidationErrors>) -> Vec<ValidationError> {
    r.err().map(ValidationErrors::into_vec).unwrap_or_default()
}

/// Typed and raw errors of a node.
fn node_pair(flow: &Flow) -> (Vec<ValidationError>, Vec<ValidationError>) {
    let v = serde_json::to_value(flow).expect("serializes");
    (errors(flow.validate()), errors(validate::node(&v)))
}

#[test]
fn typed_and_raw_agree_on_every_generated_case() {
    let graph = validate_support::graph();
    let cases = mutants::cases(&graph, &shared_data::corpus());
    let (mut typed, mut typed_invalid, mut typed_actions, mut untyped) = (0, 0, 0, 0);
    // Invalid values whose every node holds typed module data: their errors
    // come from the typed checks, not from raw data in `Action::Other`.
    let mut fully_typed_invalid = 0;
    let mut mismatches = Vec::new();
    for c in &cases {
        let mut fully_typed = true;
        let (ours, raw, json) = match &c.kind {
            Kind::Document => match serde_json::from_value::<Callflow>(c.value.clone()) {
                Ok(doc) => {
                    let v = serde_json::to_value(&doc).expect("serializes");
                    if let Some(f) = doc.flow_node() {
                        let nodes = f.walk();
                        let n = nodes
                            .iter()
                            .filter(|(_, n)| !matches!(n.action, Action::Other(_)))
                            .count();
                        fully_typed = n == nodes.len();
                        typed_actions += n;
                    }
                    (errors(doc.validate()), errors(validate::document(&v)), v)
                }
                Err(_) => {
                    untyped += 1;
                    continue;
                }
            },
            Kind::Node => match serde_json::from_value::<Flow>(c.value.clone()) {
                Ok(flow) => {
                    let nodes = flow.walk();
                    let n = nodes
                        .iter()
                        .filter(|(_, n)| !matches!(n.action, Action::Other(_)))
                        .count();
                    fully_typed = n == nodes.len();
                    typed_actions += n;
                    let (t, r) = node_pair(&flow);
                    (t, r, flow.to_value())
                }
                Err(_) => {
                    untyped += 1;
                    continue;
                }
            },
            Kind::Module(m) => {
                let action = Action::from_parts(m.clone(), Some(c.value.clone()));
                if matches!(action, Action::Other(_)) {
                    fully_typed = false;
                } else {
                    typed_actions += 1;
                }
                (
                    errors(action.validate()),
                    errors(validate::module_data(m, &c.value)),
                    c.value.clone(),
                )
            }
        };
        assert_eq!(json, c.value, "{}: reading is lossless", c.name);
        typed += 1;
        if !ours.is_empty() {
            typed_invalid += 1;
            if fully_typed {
                fully_typed_invalid += 1;
            }
        }
        if ours != raw {
            mismatches.push(format!(
                "{}:\n  input: {}\n  typed: {ours:#?}\n  raw: {raw:#?}",
                c.name, c.value
            ));
        }
    }
    println!(
        "typed vs raw: {typed} typed values ({typed_invalid} invalid, of which {fully_typed_invalid} \
         with every node's data typed; {typed_actions} nodes or data in typed module variants), \
         {untyped} cases that do not read as typed; mismatches: {}",
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "typed and raw differ:\n{}",
        mismatches
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        fully_typed_invalid * 20 >= typed,
        "too few invalid values with typed data ({fully_typed_invalid} of {typed})"
    );
    assert!(
        typed_actions * 2 >= typed,
        "too few typed module variants ({typed_actions})"
    );
}
