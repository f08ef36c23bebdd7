//! The editor bundle (`kazoo-callflows schema`, one self-contained draft-07
//! JSON Schema) judged by the `jsonschema` crate in draft-07 mode, with
//! formats asserted, against our validators: on the corpus and every
//! mutant of `validate_support::mutants`, for the schema directory the
//! library was compiled from, the verdicts must be identical — documents
//! with the `document` shape, nodes with `node`, module data with that
//! module's definition inside the bundle, and every document wrapped as a
//! Crossbar envelope with `envelope`. The sets of error instance paths are
//! compared too.
//!
//! Draft-07 cannot tell `2.0` from `2` (see `whole_floats_as_integers`);
//! the cases where that is the only difference are judged again by VS
//! Code's JSON language service on their text, which, like Kazoo and our
//! validators, calls `2.0` not an integer: there too the verdicts must
//! be identical.
//!
//! CI runs it for master (the default build) and 4.3
//! (`KAZOO_SCHEMAS_DIR=../shared/kazoo/schemas/4.3`).

mod editor_support;
mod shared_data;
mod validate_support;

use kazoo_callflows::validate::{self, InputKind, ValidationErrors};
use kazoo_callflows_codegen::{EDITOR_SCHEMA_DRAFT as DRAFT, EditorSchemaShape as Shape};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use validate_support::mutants::{self, Kind};

fn compile(schema: &Value, what: &str) -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the {what} bundle does not compile as draft-07: {e}"))
}

/// The bundle of `shape`, parsed.
fn bundle(generated: &kazoo_callflows_codegen::Generated, shape: Shape) -> Value {
    let text = generated
        .editor_schema(shape)
        .unwrap_or_else(|e| panic!("{shape} bundle: {e}"));
    let v: Value = serde_json::from_str(&text).expect("the bundle is JSON");
    assert_eq!(v["$schema"], DRAFT, "{shape} bundle declares draft-07");
    v
}

fn paths(validator: &jsonschema::Validator, v: &Value) -> BTreeSet<String> {
    validator
        .iter_errors(v)
        .map(|e| e.instance_path().as_str().to_string())
        .collect()
}

/// Draft 4 (Kazoo, our validators) says `2.0` and `1000.0` are not
/// integers; drafts 6 and later define an integer by its value, so a
/// draft-07 validator must accept them, and no draft-07 keyword tells `2.0`
/// from `2`. `v` with every such whole float written as an integer: where
/// our validators on it agree with the bundle on `v`, that was the whole
/// difference.
fn whole_floats_as_integers(v: &Value) -> Value {
    match v {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => v.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(whole_floats_as_integers).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), whole_floats_as_integers(x)))
                .collect(),
        ),
        _ => v.clone(),
    }
}

fn our_paths(r: &Result<(), ValidationErrors>) -> BTreeSet<String> {
    match r {
        Ok(()) => BTreeSet::new(),
        Err(e) => e.errors().iter().map(|e| e.instance_path.clone()).collect(),
    }
}

#[test]
fn bundle_verdicts_equal_our_validators() {
    let dir = validate_support::schemas_dir();
    let graph = validate_support::graph();
    let generated = kazoo_callflows_codegen::Config::new()
        .schemas_dir(&dir)
        .generate()
        .unwrap_or_else(|e| panic!("generating from {}: {e}", dir.display()));
    let document_bundle = bundle(&generated, Shape::Document);
    let document = compile(&document_bundle, "document");
    let node = compile(&bundle(&generated, Shape::Node), "node");
    let envelope = compile(&bundle(&generated, Shape::Envelope), "envelope");
    // Module data: the module's own definition inside the bundle.
    let mut modules = BTreeMap::new();
    for f in graph.modules() {
        let m = f.module.clone().expect("a module file names its module");
        let name = format!("#/definitions/{}", f.id);
        let mut schema = document_bundle.clone();
        schema["allOf"] = json!([{ "$ref": name }]);
        modules.insert(m.clone(), compile(&schema, &m));
    }

    let corpus = shared_data::corpus();
    let cases = mutants::cases(&graph, &corpus);
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut client_url_errors = 0usize;
    let client_url_errors = &mut client_url_errors;
    let mut verdicts = Vec::new();
    let mut path_differences = Vec::new();
    // Set aside for the editor engine: (kind, name, input as a bundle shape, our verdict).
    let mut integral_floats: Vec<(&'static str, String, Value, bool)> = Vec::new();
    let mut check = |what: &'static str,
                     name: &str,
                     value: &Value,
                     run: &dyn Fn(&Value) -> Result<(), ValidationErrors>,
                     theirs: &jsonschema::Validator|
     -> Option<bool> {
        // Kazoo's client-URL rule is beyond the schemas, so beyond the
        // bundle: its errors are split off (and counted) first.
        let (ours, split) = validate_support::split_client_url_errors(run(value));
        *client_url_errors += split;
        let their_paths = paths(theirs, value);
        let valid = their_paths.is_empty();
        assert_eq!(
            valid,
            theirs.is_valid(value),
            "{name}: iter_errors vs is_valid"
        );
        let entry = counts.entry(what).or_default();
        if ours.is_ok() {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
        let mine = our_paths(&ours);
        if ours.is_ok() == valid && mine == their_paths {
            return None;
        }
        // The one difference draft-07 cannot express (see
        // `whole_floats_as_integers`): set aside, counted, and nothing else.
        let integers = whole_floats_as_integers(value);
        if integers != *value {
            assert_eq!(
                paths(theirs, &integers),
                their_paths,
                "{name}: the bundle tells 2.0 from 2"
            );
            let (again, _) = validate_support::split_client_url_errors(run(&integers));
            if again.is_ok() == valid && our_paths(&again) == their_paths {
                return Some(ours.is_ok());
            }
        }
        if ours.is_ok() != valid {
            verdicts.push(format!(
                "{what} {name}: ours {}, bundle {}\n  input: {value}\n  ours: {:?}\n  bundle: {their_paths:?}",
                if ours.is_ok() { "valid" } else { "invalid" },
                if valid { "valid" } else { "invalid" },
                ours.err().map(|e| e.to_string()),
            ));
        } else {
            path_differences.push(format!(
                "{what} {name}:\n  input: {value}\n  ours: {mine:?}\n  bundle: {their_paths:?}"
            ));
        }
        None
    };
    let envelope_run = |v: &Value| {
        validate::Options::default()
            .input(v)
            .expect("an envelope is a callflow input")
            .1
            .into_result()
    };
    for c in &cases {
        match &c.kind {
            Kind::Document => {
                if let Some(ok) = check(
                    "document",
                    &c.name,
                    &c.value,
                    &validate::document,
                    &document,
                ) {
                    integral_floats.push(("document", c.name.clone(), c.value.clone(), ok));
                }
                let wrapped = json!({ "data": c.value });
                if InputKind::detect(&wrapped) == Ok(InputKind::Envelope)
                    && let Some(ok) = check("envelope", &c.name, &wrapped, &envelope_run, &envelope)
                {
                    integral_floats.push(("envelope", c.name.clone(), wrapped, ok));
                }
            }
            Kind::Node => {
                if let Some(ok) = check("node", &c.name, &c.value, &validate::node, &node) {
                    integral_floats.push(("node", c.name.clone(), c.value.clone(), ok));
                }
            }
            Kind::Module(m) => {
                let theirs = modules
                    .get(m)
                    .unwrap_or_else(|| panic!("{}: the bundle has no module {m}", c.name));
                let run = |v: &Value| validate::module_data(m, v);
                if check("data", &c.name, &c.value, &run, theirs).is_some() {
                    // Bare data has no editor shape: it goes to the editor
                    // engine as the node `{module, data}`.
                    let wrapped = json!({ "module": m, "data": c.value });
                    let ok = validate_support::split_client_url_errors(validate::node(&wrapped))
                        .0
                        .is_ok();
                    integral_floats.push(("node", c.name.clone(), wrapped, ok));
                }
            }
        }
    }
    let total: usize = counts.values().map(|(v, i)| v + i).sum();
    let detail: Vec<String> = counts
        .iter()
        .map(|(what, (v, i))| format!("{what} {} ({v} valid, {i} invalid)", v + i))
        .collect();
    println!(
        "editor bundle parity ({}): {total} cases: {}; verdict disagreements: {}; \
         instance-path set differences: {}; draft-04 integers written as \
         whole floats (2.0), which draft-07 accepts, judged by VS Code's engine: {}; \
         left out as Kazoo's client-URL rule: {} errors",
        dir.display(),
        detail.join(", "),
        verdicts.len(),
        path_differences.len(),
        integral_floats.len(),
        *client_url_errors
    );
    let show = |list: &[String]| list.iter().take(15).cloned().collect::<Vec<_>>().join("\n");
    assert!(verdicts.is_empty(), "verdicts differ:\n{}", show(&verdicts));
    assert!(
        path_differences.is_empty(),
        "instance paths differ:\n{}",
        show(&path_differences)
    );
    editor_engine_agrees(&generated, &integral_floats);
    for (what, (v, i)) in &counts {
        assert!(
            *v > 0 && *i > 0,
            "{what}: the cases must exercise both verdicts"
        );
    }
}

/// The set-aside whole-float cases, as text, through VS Code's JSON
/// language service with the bundle of their shape: no diagnostic exactly
/// where our validators find the input valid.
fn editor_engine_agrees(
    generated: &kazoo_callflows_codegen::Generated,
    cases: &[(&'static str, String, Value, bool)],
) {
    let shape = |what: &str| match what {
        "document" => Shape::Document,
        "node" => Shape::Node,
        "envelope" => Shape::Envelope,
        other => panic!("no editor shape for {other}"),
    };
    let driven: Vec<editor_support::Case> = cases
        .iter()
        .enumerate()
        .map(|(i, (what, name, value, _))| {
            editor_support::Case::validate(
                format!("{i}:{what}:{name}"),
                shape(what),
                serde_json::to_string_pretty(value).expect("a value prints"),
            )
        })
        .collect();
    let results = editor_support::run(generated, &driven);
    let mut differ = Vec::new();
    for (case, (_, _, value, ours_valid)) in driven.iter().zip(cases) {
        let found = editor_support::diagnostics(&results[&case.name]);
        if found.is_empty() != *ours_valid {
            differ.push(format!(
                "{}: ours {}, VS Code's engine {found:?}\n  input: {value}",
                case.name,
                if *ours_valid { "valid" } else { "invalid" },
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "VS Code's engine and our validators differ on {} of {} whole-float cases:\n{}",
        differ.len(),
        cases.len(),
        differ
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
