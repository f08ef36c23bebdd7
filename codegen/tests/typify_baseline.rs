//! The typify baseline: which Kazoo master callflow schemas (the closure our
//! generator loads) typify 0.8 panics on or rejects, handed to it two ways
//! (see `typify_baseline/runner.rs`): `resolved`, with the schemas it
//! references as `definitions` (what the codegen benchmark uses), and
//! `alone`, the file as it is. The outcome is computed here and compared
//! with the record in `tests/typify_baseline/outcomes.txt` (one
//! `<way> <schema file> panics|error` line per schema typify does not
//! survive); when typify or the schemas change, update that file.

#[path = "typify_baseline/runner.rs"]
mod runner;

use runner::Outcome;

#[test]
fn typify_outcomes_match_the_record() {
    let all = runner::closure(runner::master_dir());
    assert!(
        all.iter().any(|s| s.id == "callflows"),
        "the closure of the master directory has no callflows schema"
    );
    let mut found = String::new();
    for (way, outcomes) in [
        ("resolved", runner::typify_each(&all)),
        ("alone", runner::typify_each_alone(&all)),
    ] {
        record(way, &outcomes, &mut found);
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/typify_baseline/outcomes.txt"
    );
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(
        found, expected,
        "typify's failures on the master schemas differ from the record in {path}"
    );
}

/// Appends a line per schema typify did not survive to `found`.
fn record(way: &str, outcomes: &[(String, Outcome)], found: &mut String) {
    for (file, outcome) in outcomes {
        match outcome {
            Outcome::Generated(text) => {
                assert!(!text.is_empty(), "{file}: typify generated nothing")
            }
            Outcome::Error(message) => {
                eprintln!("{way} {file}: typify error: {message}");
                found.push_str(&format!("{way} {file} error\n"));
            }
            Outcome::Panicked(message) => {
                eprintln!("{way} {file}: typify panicked: {message}");
                found.push_str(&format!("{way} {file} panics\n"));
            }
        }
    }
    let survived = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Generated(_)))
        .count();
    eprintln!(
        "{way}: typify survives {survived} of {} schemas",
        outcomes.len()
    );
}
