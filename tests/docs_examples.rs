//! Every docs example, as `kazoo-callflows docs --format book` prints it,
//! for the schemas this crate is built against: build.rs writes each
//! module's Rust snippet verbatim into `OUT_DIR/docs_snippets.rs`, which is
//! compiled here. Each snippet must build exactly its JSON example, and the
//! JSON must read back into a typed `Flow` (no node left as
//! `Action::Other`), and both must pass the validators.

use kazoo_callflows::{Action, Flow};
use std::collections::BTreeSet;

mod snippets {
    include!(concat!(env!("OUT_DIR"), "/docs_snippets.rs"));
}

use snippets::SNIPPETS;

#[test]
fn every_module_has_an_example() {
    let modules: BTreeSet<&str> = SNIPPETS.iter().map(|(m, _, _)| *m).collect();
    let expected: BTreeSet<&str> = Action::MODULES.iter().copied().collect();
    assert_eq!(
        modules, expected,
        "modules without a docs example (see build warnings)"
    );
}

#[test]
fn each_snippet_builds_its_json_example() {
    for (module, json, build) in SNIPPETS {
        let mut built = Vec::new();
        build(&mut built);
        let [flow] = built.as_slice() else {
            panic!("{module}: the snippet pushed {} flows", built.len());
        };
        let expected: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{module}: {e}\n{json}"));
        assert_eq!(flow.to_value(), expected, "{module}");
        assert_eq!(flow.module(), *module);
    }
}

#[test]
fn each_json_example_reads_into_typed_nodes() {
    for (module, json, _) in SNIPPETS {
        let value: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{module}: {e}\n{json}"));
        let flow = Flow::from_json_strict(json).unwrap_or_else(|e| panic!("{module}: {e}\n{json}"));
        assert_eq!(flow.module(), *module);
        for (path, node) in flow.walk() {
            assert!(
                !matches!(node.action, Action::Other(_)),
                "{module}: node {path:?} ({}) is Action::Other",
                node.module()
            );
        }
        assert_eq!(
            flow.to_value(),
            value,
            "{module}: reading and writing changed the example"
        );
    }
}

#[test]
fn each_example_passes_the_validators() {
    use kazoo_callflows::Validate;
    for (module, json, build) in SNIPPETS {
        let value: serde_json::Value =
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{module}: {e}\n{json}"));
        if let Err(errors) = kazoo_callflows::validate::node(&value) {
            panic!("{module}: the JSON example is invalid:\n{errors}\n{json}");
        }
        let mut built = Vec::new();
        build(&mut built);
        for flow in &built {
            if let Err(errors) = flow.validate() {
                panic!("{module}: the snippet's flow is invalid:\n{errors}");
            }
        }
    }
}
