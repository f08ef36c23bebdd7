//! The official JSON-Schema-Test-Suite, draft3 and draft4 with `optional/`:
//! every test's `data` validated against its group's module by the compiled
//! raw validator and by the typed path (read into the module's `Action`,
//! then `validate()`; data that does not fit the type stays raw there, as
//! the runtime keeps it), each verdict compared with the suite's. Prints
//! `draft3: N/N` and `draft4: N/N` and fails on any disagreement.
//!
//! `optional/format` runs under Kazoo's formats (`--formats kazoo`) for the
//! formats Kazoo asserts (`email`, `date-time`, `ipv4`, `ipv6`; the others
//! are annotations there and are listed as not run), counted apart: where
//! Kazoo's rule is looser than the suite's (its `email` is
//! `^[^@]+@[^@]+$`, its `date-time` takes a leap second at any minute) the
//! verdict follows Kazoo, and those cases are listed in
//! [`KAZOO_FORMAT_DIFFERENCES`]; any other difference fails. Groups whose `$ref`s name a document outside the suite's
//! `remotes/` could not be generated (see `build.rs`); they are listed and
//! must all be such remote groups.

use kazoo_callflows_conformance::Action;
use kazoo_callflows_conformance::validate::{Options, Validate};
use serde_json::Value;
use std::collections::BTreeMap;

const CASES: &str = include_str!(concat!(env!("OUT_DIR"), "/cases.json"));

/// The formats Kazoo asserts (see `src/validate/formats.rs`).
const KAZOO_FORMATS: [&str; 4] = ["email", "date-time", "ipv4", "ipv6"];

/// Suite cases whose expectation is stricter than the format rule Kazoo
/// applies: (file, test description). Kazoo accepts these values.
const KAZOO_FORMAT_DIFFERENCES: [(&str, &str); 11] = [
    (
        "draft3/optional/format/email.json",
        "dot before local part is not valid",
    ),
    (
        "draft3/optional/format/email.json",
        "dot after local part is not valid",
    ),
    (
        "draft3/optional/format/email.json",
        "two subsequent dots inside local part are not valid",
    ),
    (
        "draft3/optional/format/email.json",
        "full \"From\" header is invalid",
    ),
    (
        "draft4/optional/format/date-time.json",
        "an invalid date-time with leap second on a wrong minute, UTC",
    ),
    (
        "draft4/optional/format/date-time.json",
        "an invalid date-time with leap second on a wrong hour, UTC",
    ),
    (
        "draft4/optional/format/email.json",
        "dot before local part is not valid",
    ),
    (
        "draft4/optional/format/email.json",
        "dot after local part is not valid",
    ),
    (
        "draft4/optional/format/email.json",
        "two subsequent dots inside local part are not valid",
    ),
    (
        "draft4/optional/format/email.json",
        "full \"From\" header is invalid",
    ),
    (
        "draft4/optional/format/email.json",
        "unquoted space in local part is invalid",
    ),
];

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
        .map(|l| {
            (
                l["module"].as_str().expect("module"),
                l["error"].as_str().expect("error"),
            )
        })
        .collect();
    for (module, error) in &left_out {
        assert!(
            error.contains("http://json-schema.org/"),
            "{module} was left out for something other than a remote metaschema: {error}"
        );
    }
    let mut counts: BTreeMap<String, Count> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut format_differences = Vec::new();
    let mut not_run = Vec::new();
    for group in cases["groups"].as_array().expect("groups") {
        let draft = group["draft"].as_str().expect("draft");
        let module = group["module"].as_str().expect("module");
        let file = group["file"].as_str().expect("file");
        let kind = group["kind"].as_str().expect("kind");
        let tests = group["tests"].as_array().expect("tests");
        if left_out.contains_key(module) {
            not_run.push(format!(
                "{draft}/{file} ({module}): remote ref, {} tests",
                tests.len()
            ));
            continue;
        }
        let options = if kind == "format" {
            let format = file
                .trim_start_matches("optional/format/")
                .trim_end_matches(".json");
            if !KAZOO_FORMATS.contains(&format) {
                not_run.push(format!(
                    "{draft}/{file}: a format Kazoo does not assert, {} tests",
                    tests.len()
                ));
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
            let key = if kind == "format" {
                format!("{draft} optional/format (kazoo formats)")
            } else {
                draft.to_string()
            };
            let count = counts.entry(key).or_default();
            count.total += 1;
            let description = test["description"].as_str().expect("description");
            if kind == "format" && !expected && raw && typed.as_ref().is_ok_and(|(t, _)| *t) {
                format_differences.push((format!("{draft}/{file}"), description.to_string()));
                continue;
            }
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
        if draft.contains("format") {
            println!(
                "  ({} more where Kazoo's rule accepts what the suite refuses, listed below)",
                c.total - c.passed
            );
        }
    }
    for n in &not_run {
        println!("not run: {n}");
    }
    for (file, description) in &format_differences {
        println!("kazoo format rule accepts: {file}: {description}");
    }
    assert_eq!(counts.len(), 4, "both drafts and their formats ran");
    let expected_differences: Vec<(String, String)> = KAZOO_FORMAT_DIFFERENCES
        .iter()
        .map(|(f, d)| (f.to_string(), d.to_string()))
        .collect();
    assert_eq!(
        format_differences, expected_differences,
        "the format cases where Kazoo's rule is looser than the suite's"
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
