//! The schema interpreter (`kazoo_callflows::interpret`, what
//! `validate --schemas DIR` runs) against the compiled validators and the
//! `jsonschema` crate, on the same inputs as `benches/validate.rs`: the
//! corpus plus the generated mutants (documents and nodes), once the
//! valid ones and once the invalid ones (where every error is built).
//!
//! - `interpreted`: `Schemas::document` / `Schemas::node`, the schemas
//!   loaded once outside the timed loop.
//! - `compiled`: `validate::document` / `validate::node`.
//! - `jsonschema_iter_errors`: the `jsonschema` crate collecting every
//!   error, plus Kazoo's module rule (the same job).
//!
//! Run: `cargo bench --features runtime-schemas --bench interpret`;
//! BENCHMARKS.md has the numbers.

#[path = "../tests/shared_data/mod.rs"]
mod shared_data;
#[path = "../tests/validate_support/mod.rs"]
mod validate_support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kazoo_callflows::interpret::Schemas;
use kazoo_callflows::validate;
use std::hint::black_box;
use std::time::Duration;
use validate_support::reference::Reference;

fn benches(c: &mut Criterion) {
    let dir = validate_support::schemas_dir();
    let reference = Reference::new(&dir);
    let schemas = Schemas::load(&dir).expect("the built schemas load");
    let corpus = shared_data::corpus();
    for (group, valid) in [("interpret/valid", true), ("interpret/invalid", false)] {
        let inputs = validate_support::bench_inputs(&reference, &corpus, valid);
        let bytes: usize = inputs.iter().map(|(_, _, t)| t.len()).sum();
        println!(
            "{group}: {} inputs ({} documents), {bytes} bytes of JSON",
            inputs.len(),
            inputs.iter().filter(|(d, _, _)| *d).count()
        );
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Elements(inputs.len() as u64));
        g.bench_function("interpreted", |b| {
            b.iter(|| {
                for (doc, v, _) in &inputs {
                    let r = if *doc {
                        schemas.document(v)
                    } else {
                        schemas.node(v)
                    };
                    black_box(r.err().map_or(0, |e| e.len()));
                }
            })
        });
        g.bench_function("compiled", |b| {
            b.iter(|| {
                for (doc, v, _) in &inputs {
                    let r = if *doc {
                        validate::document(v)
                    } else {
                        validate::node(v)
                    };
                    black_box(r.err().map_or(0, |e| e.len()));
                }
            })
        });
        g.bench_function("jsonschema_iter_errors", |b| {
            b.iter(|| {
                for (doc, v, _) in &inputs {
                    let r = if *doc {
                        reference.document(v)
                    } else {
                        reference.node(v)
                    };
                    black_box(r.valid);
                }
            })
        });
        g.finish();
    }
    let mut g = c.benchmark_group("interpret/load");
    g.bench_function("schemas_load", |b| {
        b.iter(|| black_box(Schemas::load(&dir).is_ok()))
    });
    g.finish();
}

criterion_group! {
    name = interpret;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6))
        .sample_size(30);
    targets = benches
}
criterion_main!(interpret);
