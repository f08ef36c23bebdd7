//! The schema interpreter (`kazoo_callflows::interpret`) against the
//! compiled validators, on the corpus and every mutant generated from the
//! schemas the library was built from: identical error lists (instance
//! path, schema path, keyword, message, in order) for every case, through
//! every entry point (document, node, module data, recognised input,
//! Crossbar envelope), with formats as annotations and asserted as Kazoo
//! does.
//!
//! CI runs this for master (the default build), 4.3 and the keyword
//! fixture (`KAZOO_SCHEMAS_DIR`), like the other parity tests.

mod shared_data;
mod validate_support;

use kazoo_callflows::interpret::Schemas;
use kazoo_callflows::validate::{Options, ValidationErrors};
use serde_json::{Value, json};
use validate_support::mutants::{self, Kind};

/// The errors of a result (none when valid).
fn errors(r: Result<(), ValidationErrors>) -> ValidationErrors {
    r.err().unwrap_or_default()
}

/// What the comparison found.
#[derive(Default)]
struct Tally {
    /// Results compared.
    checks: usize,
    /// Errors compared (the compiled side's).
    errors: usize,
    mismatches: Vec<String>,
}

impl Tally {
    fn compare(&mut self, what: String, compiled: ValidationErrors, interpreted: ValidationErrors) {
        self.checks += 1;
        self.errors += compiled.len();
        if compiled != interpreted {
            self.mismatches.push(format!(
                "{what}:\n  compiled:\n{compiled}\n  interpreted:\n{interpreted}"
            ));
        }
    }
}

#[test]
fn interpreted_validation_equals_compiled() {
    let dir = validate_support::schemas_dir();
    let graph = validate_support::graph();
    let corpus = shared_data::corpus();
    let cases = mutants::cases(&graph, &corpus);
    let mut invalid = 0usize;
    let mut t = Tally::default();
    for options in [Options::default(), Options::kazoo_formats()] {
        let schemas = Schemas::load(&dir)
            .unwrap_or_else(|e| panic!("loading {}: {e}", dir.display()))
            .with_options(options.clone());
        let mode = format!("{:?}", options.formats);
        for c in &cases {
            let (compiled, interpreted) = match &c.kind {
                Kind::Document => (options.document(&c.value), schemas.document(&c.value)),
                Kind::Node => (options.node(&c.value), schemas.node(&c.value)),
                Kind::Module(m) => (
                    options.module_data(m, &c.value),
                    schemas.module_data(m, &c.value),
                ),
            };
            if compiled.is_err() {
                invalid += 1;
            }
            let what = format!("{} ({mode})", c.name);
            t.compare(what.clone(), errors(compiled), errors(interpreted));
            let inputs: Vec<Value> = match &c.kind {
                Kind::Document => vec![c.value.clone(), json!({ "data": c.value })],
                Kind::Node => vec![c.value.clone()],
                Kind::Module(_) => vec![],
            };
            for input in inputs {
                match (options.input(&input), schemas.input(&input)) {
                    (Ok((k1, e1)), Ok((k2, e2))) if k1 == k2 => {
                        t.compare(format!("{what} as input {input}"), e1, e2);
                    }
                    (Err(e1), Err(e2)) if e1 == e2 => t.checks += 1,
                    (a, b) => t.mismatches.push(format!(
                        "{what} as input: compiled {a:?}, interpreted {b:?}"
                    )),
                }
            }
        }
    }
    println!(
        "interpret ({}): {} cases ({invalid} invalid verdicts over both format modes), \
         {} results compared, {} errors compared, mismatches: {}",
        dir.display(),
        cases.len(),
        t.checks,
        t.errors,
        t.mismatches.len()
    );
    let shown: Vec<&String> = t.mismatches.iter().take(10).collect();
    assert!(
        t.mismatches.is_empty(),
        "interpreted and compiled validation differ:\n{}",
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        t.errors > cases.len(),
        "the cases must produce errors to compare ({} errors)",
        t.errors
    );
    assert!(invalid > 0 && invalid < 2 * cases.len());
}

#[test]
fn unknown_modules_are_suggested_from_the_loaded_schemas() {
    let schemas = Schemas::load(validate_support::schemas_dir()).expect("loads");
    let first = schemas
        .modules()
        .next()
        .expect("the schemas define modules");
    let typo = format!("{first}x");
    assert!(!schemas.is_known_module(&typo));
    assert_eq!(schemas.closest_module(&typo), Some(first));
    let errors = schemas.module_data(&typo, &json!({})).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors.errors()[0]
            .message
            .ends_with(&format!("did you mean \"{first}\"?")),
        "{errors}"
    );
}

#[test]
fn a_broken_directory_gives_the_generate_error() {
    let missing = std::path::Path::new("tests/fixtures/no-such-dir");
    let interpreted = Schemas::load(missing).unwrap_err().to_string();
    let generated = kazoo_callflows_codegen::Config::new()
        .schemas_dir(missing)
        .generate()
        .unwrap_err()
        .to_string();
    assert_eq!(interpreted, generated);
    assert!(interpreted.contains("no-such-dir"), "{interpreted}");
}

#[test]
fn one_loaded_schema_set_serves_several_threads() {
    let schemas = Schemas::load(validate_support::schemas_dir()).expect("loads");
    let node = json!({"module": 7});
    let expected = schemas.node(&node);
    assert!(expected.is_err());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| schemas.node(&node)))
            .collect();
        for h in handles {
            assert_eq!(h.join().expect("the thread finishes"), expected);
        }
    });
}
