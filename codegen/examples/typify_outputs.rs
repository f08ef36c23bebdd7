//! Writes both sides of the typify baseline for `codegen/benches/compile_outputs.sh`
//! (compile time of the generated code): into the directory given as the
//! only argument, `schemas/` (symlinks to the Kazoo master schemas typify
//! survives; our generator reads the same ones from there as typify is
//! given, see `runner::common_set`) and `typify.rs` (typify's types for
//! each of them, one module per schema).

#[path = "../tests/typify_baseline/runner.rs"]
mod runner;

use runner::Outcome;
use std::path::PathBuf;

fn main() {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: typify_outputs OUT_DIR");
        std::process::exit(2);
    };
    let common = runner::common_set(&out.join("schemas"));
    let mut typify = String::new();
    for schema in &common {
        match runner::typify(&runner::typify_input(schema, &common)) {
            Outcome::Generated(text) => {
                let module = schema.id.replace(['.', '-'], "_");
                typify.push_str(&format!("pub mod {module} {{\n{text}\n}}\n"));
            }
            other => panic!("{}: typify failed: {other:?}", schema.file_name),
        }
    }
    std::fs::write(out.join("typify.rs"), typify).unwrap();
    println!("{} schemas written to {}", common.len(), out.display());
}
