//! Writes the validation test inputs of a schema directory (the corpus of
//! `../shared/kazoo/corpus` and every mutant `tests/validate_support`
//! generates from the directory) as JSON lines that `kazoo-callflows
//! validate --jsonl` reads: `inputs.jsonl` for documents and nodes, and
//! `module.<name>.jsonl` per module for bare data (`--module <name>`).
//!
//! CI runs it to compare two binaries: one built from master validating
//! with `--schemas <4.3>`, one built from 4.3.
//!
//! ```sh
//! cargo run --example validation_cases -- ../shared/kazoo/schemas/4.3 target/cases
//! ```
//!
//! Documents are written as Crossbar envelopes (`{"data": doc}`), which
//! `validate` recognises whatever the document holds; a node that no longer
//! looks like one (its `module` mutated away) is written as the `flow` of
//! such an envelope. A document mutated into something other than an
//! object cannot be an input (`validate` refuses it as not a callflow): it
//! is left out and counted. Exit 2 on bad usage or unwritable output.

#[path = "../tests/shared_data/mod.rs"]
mod shared_data;
#[path = "../tests/validate_support/mod.rs"]
mod validate_support;

use kazoo_callflows::validate::InputKind;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use validate_support::mutants::{self, Kind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: validation_cases SCHEMAS_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let graph = match kazoo_callflows_codegen::__internal::load_dir(&PathBuf::from(dir)) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let cases = mutants::cases(&graph, &shared_data::corpus());
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut left_out = 0usize;
    for c in &cases {
        let (file, value) = match &c.kind {
            Kind::Document if !c.value.is_object() => {
                left_out += 1;
                continue;
            }
            Kind::Module(m) => (format!("module.{m}.jsonl"), c.value.clone()),
            Kind::Document => (String::from("inputs.jsonl"), json!({ "data": c.value })),
            Kind::Node if InputKind::detect(&c.value) == Ok(InputKind::Node) => {
                (String::from("inputs.jsonl"), c.value.clone())
            }
            Kind::Node => (
                String::from("inputs.jsonl"),
                json!({ "data": { "flow": c.value } }),
            ),
        };
        let line = files.entry(file).or_default();
        line.push_str(&Value::to_string(&value));
        line.push('\n');
    }
    let out = PathBuf::from(out);
    let written = std::fs::create_dir_all(&out).and_then(|()| {
        files
            .iter()
            .try_for_each(|(name, text)| std::fs::write(out.join(name), text))
    });
    if let Err(e) = written {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!(
        "{} cases in {} files under {} ({left_out} documents that are not objects left out)",
        cases.len() - left_out,
        files.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
