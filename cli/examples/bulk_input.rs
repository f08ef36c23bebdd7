//! Writes the bulk-validation benchmark's input: JSON lines cycling through
//! the corpus (`../shared/kazoo/corpus`) and every generated mutant
//! document and node (`tests/validate_support/mutants.rs`, valid and
//! invalid), compact, one per line, until the file holds at least the
//! requested size.
//!
//! `cargo run --release -p kazoo-callflows-cli --example bulk_input -- OUT MB`

#[path = "../../tests/validate_support/mutants.rs"]
mod mutants;
#[path = "../../tests/shared_data/mod.rs"]
mod shared_data;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(mb)) = (args.next(), args.next()) else {
        eprintln!("usage: bulk_input OUT MB");
        std::process::exit(2);
    };
    let mb: u64 = mb.parse().expect("MB is a number");
    let dir = std::path::PathBuf::from(kazoo_callflows::SCHEMAS_DIR);
    let graph = kazoo_callflows_codegen::load::load_dir(&dir)
        .unwrap_or_else(|e| panic!("loading {}: {e}", dir.display()));
    let corpus = shared_data::corpus();
    let lines: Vec<(String, bool)> = mutants::cases(&graph, &corpus)
        .into_iter()
        .filter(|c| matches!(c.kind, mutants::Kind::Document | mutants::Kind::Node))
        .map(|c| {
            let valid = kazoo_callflows::validate::Options::default()
                .input(&c.value)
                .is_ok_and(|(_, e)| e.is_empty());
            (c.value.to_string(), valid)
        })
        .collect();
    let cycle: u64 = lines.iter().map(|(l, _)| l.len() as u64 + 1).sum();
    let invalid = lines.iter().filter(|(_, v)| !v).count();
    let file = std::fs::File::create(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
    let mut w = std::io::BufWriter::new(file);
    let (mut bytes, mut count) = (0u64, 0u64);
    while bytes < mb * 1_000_000 {
        for (line, _) in &lines {
            writeln!(w, "{line}").expect("write");
        }
        bytes += cycle;
        count += lines.len() as u64;
    }
    w.flush().expect("flush");
    eprintln!(
        "{out}: {count} lines, {bytes} bytes ({} distinct inputs, {invalid} of them invalid)",
        lines.len()
    );
}
