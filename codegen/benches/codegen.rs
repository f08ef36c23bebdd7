//! Codegen time against typify 0.8, in one run, on the Kazoo master
//! callflow schemas typify survives (no panic, no error; see
//! `tests/typify_baseline.rs` for the others) and our generator reads from a
//! directory holding only those (`runner::common_set`):
//!
//! - `codegen/ours`: [`Config::generate`] on a directory holding only those
//!   schemas (symlinks, under the target directory): loading, lowering,
//!   types and validators, formatted.
//! - `codegen/typify`: for each of those schemas, reading and parsing the
//!   file and the files it references, typify's `TypeSpace` on it (the
//!   referenced files as `definitions`), its tokens formatted with
//!   prettyplease as ours are: types only.
//!
//! Run: `cargo bench -p kazoo-callflows-codegen --bench codegen`;
//! BENCHMARKS.md has the ratios. Each side's output size is printed first.

#[path = "../tests/typify_baseline/runner.rs"]
mod runner;

use criterion::{Criterion, criterion_group, criterion_main};
use kazoo_callflows_codegen::Config;
use runner::{Outcome, SchemaText};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// typify's job: read each schema and the ones it references, generate and
/// format; returns the Rust written (bytes, lines).
fn typify_all(master: &Path, schemas: &[SchemaText]) -> (usize, usize) {
    let read: Vec<SchemaText> = schemas
        .iter()
        .map(|s| SchemaText {
            file_name: s.file_name.clone(),
            id: s.id.clone(),
            json: serde_json::from_str(
                &std::fs::read_to_string(master.join(&s.file_name)).unwrap(),
            )
            .unwrap(),
        })
        .collect();
    read.iter()
        .map(|s| match runner::typify(&runner::typify_input(s, &read)) {
            Outcome::Generated(text) => (text.len(), text.lines().count()),
            other => panic!(
                "{}: typify failed in the timed loop: {other:?}",
                s.file_name
            ),
        })
        .fold((0, 0), |(b, l), (tb, tl)| (b + tb, l + tl))
}

fn benches(c: &mut Criterion) {
    let master = runner::master_dir();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("typify-baseline-schemas");
    let kept = runner::common_set(&dir);
    let ours = Config::new().schemas_dir(&dir).generate().unwrap();
    let lines = |s: &str| s.lines().count();
    let (typify_bytes, typify_lines) = typify_all(master, &kept);
    println!(
        "schemas: {}; ours: {} + {} lines (types + validators), {} bytes; \
         typify: {typify_lines} lines, {typify_bytes} bytes (types)",
        kept.len(),
        lines(ours.rust()),
        lines(ours.validators()),
        ours.rust().len() + ours.validators().len(),
    );
    let mut group = c.benchmark_group("codegen");
    group
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10))
        .sample_size(20);
    group.bench_function("ours", |b| {
        b.iter(|| black_box(Config::new().schemas_dir(&dir).generate().unwrap()))
    });
    group.bench_function("typify", |b| {
        b.iter(|| black_box(typify_all(master, &kept)))
    });
    group.finish();
}

criterion_group!(codegen, benches);
criterion_main!(codegen);
