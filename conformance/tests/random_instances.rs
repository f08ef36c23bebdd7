//! The compiled batch of random trap schemas (drawn with a fixed seed by
//! `build.rs`, generated and compiled into this package with every warning
//! denied in CI) against the `jsonschema` crate: random instances of each
//! schema, validated by the compiled raw validator, by the typed path and by
//! `jsonschema`; every verdict must agree. Prints
//! `random: N/N instances agree`.

// Shared with the build script; each uses part of it.
#[allow(dead_code)]
#[path = "../trap_schemas.rs"]
mod trap_schemas;

use kazoo_callflows_conformance::Action;
use kazoo_callflows_conformance::validate::{self, Validate};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

const CASES: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));

/// Instances drawn per schema.
const INSTANCES: usize = 40;

#[test]
fn compiled_trap_schemas_agree_with_jsonschema() {
    let cases: Value = serde_json::from_str(CASES).expect("cases.json is JSON");
    let random = cases["random"].as_array().expect("random");
    assert!(!random.is_empty(), "the build wrote a random batch");
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, b"kazoo-callflows random instances"),
    );
    let (mut total, mut valid, mut typed_read) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in random {
        let module = case["module"].as_str().expect("module");
        let schema = &case["schema"];
        let oracle = jsonschema::draft4::options()
            .should_validate_formats(false)
            .build(schema)
            .unwrap_or_else(|e| panic!("jsonschema compiles {module}: {e}"));
        let strategy = trap_schemas::instance(schema);
        for _ in 0..INSTANCES {
            let data = strategy
                .new_tree(&mut runner)
                .expect("an instance")
                .current();
            let expected = oracle.is_valid(&data);
            let raw = validate::module_data(module, &data).is_ok();
            let action = Action::from_parts(module.to_string(), Some(data.clone()));
            let read = !matches!(action, Action::Other(_));
            if read {
                let mut written = Vec::new();
                action
                    .serialize_data(&mut serde_json::Serializer::new(&mut written))
                    .expect("typed data serializes");
                let back: Value = serde_json::from_slice(&written).expect("JSON");
                if back != data {
                    failures.push(format!("{module}: {data} writes back as {back}"));
                }
            }
            let typed = action.validate().is_ok();
            total += 1;
            valid += usize::from(expected);
            typed_read += usize::from(read);
            if raw != expected || typed != expected {
                failures.push(format!(
                    "{module}: {data}: jsonschema {expected}, raw {raw}, typed {typed}\n  schema {schema}"
                ));
            }
        }
    }
    println!(
        "random: {}/{total} instances agree ({} schemas; {valid} valid; {typed_read} read into their type)",
        total - failures.len(),
        random.len()
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
