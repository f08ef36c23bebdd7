//! The official JSON-Schema-Test-Suite, draft3 and draft4 with `optional/`:
//! every test's `data` validated against its group's module by the compiled
//! raw validator and by the typed path (read into the module's `Action`,
//! then `validate()`; data that does not fit the type stays raw there, as
//! the runtime keeps it), each verdict compared with the suite's. Prints
//! `draft3: N/N` and `draft4: N/N` and fails on any disagreement.
//!
//! `optional/format` runs under Kazoo's formats (`--formats kazoo`) and
//! counts only the formats Kazoo asserts (`email`, `date-time`, `ipv4`,
//! `ipv6`); its other files are annotations there and are listed as not
//! run. Groups whose `$ref`s name a document outside the suite's
//! `remotes/` could not be generated (see `build.rs`); they are listed and
//! must all be such remote groups.

use kazoo_callflows_conformance::Action;
use kazoo_callflows_conformance::validate::{Options, Validate};
use serde_json::Value;
use std::collections::BTreeMap;

const CASES: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));

/// The formats Kazoo asserts (see `src/validate/formats.rs`).
const KAZOO_FORMATS: [&str; 4] = ["email", "date-time", "ipv4", "ipv6"];

#[derive(Default)]
struct Count {
    passed: usize,
    total: usize,
    /// Passed tests whose data was read into the module's type.
    typed: usize,
}

#[test]
fn json_schema_test_suite() {
    let cases: Value = serde_json::from_str(CASES).expect("cases.json is JSON");
    let left_out: BTreeMap<&str, &str> = cases["left_out"]
        .as_array()
        .expect("left_out")
        .iter()
        .map(|l| (l["module"].as_str().expect("module"), l["error"].as_str().expect("error")))
        .collect();
    for (module, error) in &left_out {
        assert!(
            error.contains("http://json-schema.org/"),
            "{module} was left out for something other than a remote metaschema: {error}"
        );
    }
    let mut counts: BTreeMap<String, Count> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut not_run = Vec::new();
    for group in cases["groups"].as_array().expect("groups") {
        let draft = group["draft"].as_str().expect("draft");
        let module = group["module"].as_str().expect("module");
        let file = group["file"].as_str().expect("file");
        let kind = group["kind"].as_str().expect("kind");
        let tests = group["tests"].as_array().expect("tests");
        if left_out.contains_key(module) {
            not_run.push(format!("{draft}/{file} ({module}): remote ref, {} tests", tests.len()));
            continue;
        }
        let options = if kind == "format" {
            let format = file.trim_start_matches("optional/format/").trim_end_matches(".json");
            if !KAZOO_FORMATS.contains(&format) {
                not_run.push(format!("{draft}/{file}: a format Kazoo does not assert, {} tests", tests.len()));
                continue;
            }
            Options::kazoo_formats()
        } else {
            Options::default()
        };
        for test in tests {
            let data = &test["data"];
            let expected = test["valid"].as_bool().expect("valid");
            let raw = options.module_data(module, data).is_ok();
            let typed = typed_verdict(module, data, &options);
            let count = counts.entry(draft.to_string()).or_default();
            count.total += 1;
            match typed {
                Ok((typed, read)) if raw == expected && typed == expected => {
                    count.passed += 1;
                    count.typed += usize::from(read);
                }
                Ok((typed, _)) => failures.push(format!(
                    "{draft}/{file} {module} {:?} / {:?}: data {data}: expected {expected}, raw {raw}, typed {typed}",
                    group["description"], test["description"]
                )),
                Err(why) => failures.push(format!(
                    "{draft}/{file} {module} {:?} / {:?}: data {data}: {why}",
                    group["description"], test["description"]
                )),
            }
        }
    }
    for (draft, c) in &counts {
        println!(
            "{draft}: {}/{}  (typed: {} read into their type, the rest kept raw)",
            c.passed, c.total, c.typed
        );
    }
    for n in &not_run {
        println!("not run: {n}");
    }
    assert_eq!(counts.len(), 2, "both drafts ran");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

/// The typed path's verdict: `data` read into the module's `Action` and
/// validated. Data that fits the module's type must write back as the
/// same JSON; data that does not is kept raw (`Action::Other`), as the
/// runtime keeps it, and validated raw. `Ok((verdict, read into the type))`.
fn typed_verdict(module: &str, data: &Value, options: &Options) -> Result<(bool, bool), String> {
    let action = Action::from_parts(module.to_string(), Some(data.clone()));
    let typed = !matches!(action, Action::Other(_));
    if typed {
        let mut written = Vec::new();
        action
            .serialize_data(&mut serde_json::Serializer::new(&mut written))
            .map_err(|e| format!("typed data does not serialize: {e}"))?;
        let back: Value = serde_json::from_slice(&written).map_err(|e| e.to_string())?;
        if back != *data {
            return Err(format!("typed data writes back as {back}"));
        }
    }
    Ok((action.validate_with(options).is_ok(), typed))
}
