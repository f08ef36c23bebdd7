//! Writes the bulk-validation benchmark's input: JSON lines from the corpus
//! (`../shared/kazoo/corpus`) and every generated mutant document and node
//! (`tests/validate_support/mutants.rs`, valid and invalid), compact, one
//! per line, until the file holds at least the requested size.
//!
//! `cargo run --release -p kazoo-callflows-cli --example bulk_input -- OUT MB [INVALID%]`
//!
//! Without `INVALID%`, every input in turn (the mutants are mostly
//! invalid: about 70% of the lines). With it, the valid inputs in turn
//! with an invalid one in place of every line that keeps the share of
//! invalid lines at `INVALID%`.

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
    let share: Option<u64> = args
        .next()
        .map(|p| p.parse().expect("INVALID% is a number"));
    let dir = std::path::PathBuf::from(kazoo_callflows::SCHEMAS_DIR);
    let graph = kazoo_callflows_codegen::__internal::load_dir(&dir)
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
    let (valid, invalid): (Vec<&str>, Vec<&str>) = {
        let (v, i): (Vec<_>, Vec<_>) = lines.iter().partition(|(_, ok)| *ok);
        (
            v.into_iter().map(|(l, _)| l.as_str()).collect(),
            i.into_iter().map(|(l, _)| l.as_str()).collect(),
        )
    };
    let file = std::fs::File::create(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
    let mut w = std::io::BufWriter::new(file);
    let (mut bytes, mut count, mut bad) = (0u64, 0u64, 0u64);
    let (mut next_valid, mut next_invalid) = (0usize, 0usize);
    while bytes < mb * 1_000_000 {
        let (line, is_bad) = match share {
            None => {
                let (l, ok) = &lines[count as usize % lines.len()];
                (l.as_str(), !ok)
            }
            // Invalid while the share so far is below the target.
            Some(p) if bad * 100 < p * (count + 1) => {
                next_invalid += 1;
                (invalid[(next_invalid - 1) % invalid.len()], true)
            }
            Some(_) => {
                next_valid += 1;
                (valid[(next_valid - 1) % valid.len()], false)
            }
        };
        bad += u64::from(is_bad);
        writeln!(w, "{line}").expect("write");
        bytes += line.len() as u64 + 1;
        count += 1;
    }
    w.flush().expect("flush");
    eprintln!(
        "{out}: {count} lines, {bytes} bytes, {bad} invalid lines ({} distinct inputs, {} of them invalid)",
        lines.len(),
        invalid.len()
    );
}
