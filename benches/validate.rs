//! Validation and parsing on real callflow data: the corpus plus the valid
//! generated mutants (documents and nodes).
//!
//! - `validate/*`: our generated raw validator (every error collected)
//!   against the `jsonschema` crate's compiled validators (built once,
//!   outside the timed loop) doing the same job: `iter_errors` with the
//!   same Kazoo module walk, and `is_valid`, its fastest path. Plus
//!   `visit_only`, which checks nothing: it visits every member and item
//!   and reads each member name's first byte, the least any validator of
//!   a `serde_json::Value` must do (a floor, not a validator).
//! - `parse/*`: typed deserialization (`Flow`, `Callflow`) against parsing
//!   the same texts to `serde_json::Value`: `typed`/`value` on every input,
//!   `typed_callflow`/`value_callflow` on the documents alone,
//!   `typed_flow`/`value_flow` on the nodes alone.
//!
//! Run: `cargo bench --bench validate`; BENCHMARKS.md has the ratios.
//! `KAZOO_BENCH_INPUTS=N` keeps N evenly spaced inputs only (a set small
//! enough to stay in the CPU caches).

#[path = "../tests/shared_data/mod.rs"]
mod shared_data;
#[path = "../tests/validate_support/mod.rs"]
mod validate_support;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kazoo_callflows::{Callflow, Flow, validate};
use serde_json::Value;
use std::hint::black_box;
use std::time::Duration;
use validate_support::reference::Reference;

/// A valid input: (is a document, parsed, text).
type Input = (bool, Value, String);

/// Visits every member and item of `v`, reading each member name's first
/// byte: what any validator of a `Value` does at least.
fn visit(v: &Value) -> usize {
    match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, y)| usize::from(k.as_bytes().first().copied().unwrap_or(0)) + visit(y))
            .sum(),
        Value::Array(a) => a.iter().map(visit).sum(),
        Value::String(s) => s.len(),
        _ => 1,
    }
}

/// `KAZOO_BENCH_INPUTS`: how many evenly spaced inputs to keep.
fn kept(inputs: Vec<Input>) -> Vec<Input> {
    let Ok(n) = std::env::var("KAZOO_BENCH_INPUTS") else {
        return inputs;
    };
    let n: usize = n
        .parse()
        .unwrap_or_else(|_| panic!("KAZOO_BENCH_INPUTS={n}: expected a number of inputs"));
    let step = (inputs.len() / n.max(1)).max(1);
    inputs.into_iter().step_by(step).take(n).collect()
}

fn benches(c: &mut Criterion) {
    let reference = Reference::new(&validate_support::schemas_dir());
    let inputs = kept(validate_support::bench_inputs(
        &reference,
        &shared_data::corpus(),
        true,
    ));
    let bytes: usize = inputs.iter().map(|(_, _, t)| t.len()).sum();
    println!(
        "{} valid inputs ({} documents), {bytes} bytes of JSON",
        inputs.len(),
        inputs.iter().filter(|(d, _, _)| *d).count()
    );
    for (doc, v, t) in &inputs {
        let ours = if *doc {
            validate::document(v)
        } else {
            validate::node(v)
        };
        // Kazoo's client-URL rule is not in the schemas `jsonschema` knows
        // (as in tests/validate_differential.rs).
        let (ours, _) = validate_support::split_client_url_errors(ours);
        assert!(ours.is_ok(), "our validator rejects a valid input: {v}");
        let typed = if *doc {
            serde_json::from_str::<Callflow>(t).map(|_| ())
        } else {
            serde_json::from_str::<Flow>(t).map(|_| ())
        };
        assert!(typed.is_ok(), "typed parsing fails on a valid input: {v}");
    }

    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("generated", |b| {
        b.iter(|| {
            for (doc, v, _) in &inputs {
                let r = if *doc {
                    validate::document(v)
                } else {
                    validate::node(v)
                };
                black_box(r.is_ok());
            }
        })
    });
    g.bench_function("visit_only", |b| {
        b.iter(|| {
            for (_, v, _) in &inputs {
                black_box(visit(v));
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
    g.bench_function("jsonschema_is_valid", |b| {
        b.iter(|| {
            for (doc, v, _) in &inputs {
                let r = if *doc {
                    reference.document_is_valid(v)
                } else {
                    reference.node_is_valid(v)
                };
                black_box(r);
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("typed", |b| {
        b.iter(|| {
            for (doc, _, text) in &inputs {
                if *doc {
                    black_box(serde_json::from_str::<Callflow>(text).is_ok());
                } else {
                    black_box(serde_json::from_str::<Flow>(text).is_ok());
                }
            }
        })
    });
    g.bench_function("value", |b| {
        b.iter(|| {
            for (_, _, text) in &inputs {
                black_box(serde_json::from_str::<Value>(text).is_ok());
            }
        })
    });
    // The documents alone, then the nodes alone.
    for (name, want_doc) in [("callflow", true), ("flow", false)] {
        let texts: Vec<&str> = inputs
            .iter()
            .filter(|(doc, _, _)| *doc == want_doc)
            .map(|(_, _, t)| t.as_str())
            .collect();
        g.throughput(Throughput::Bytes(
            texts.iter().map(|t| t.len()).sum::<usize>() as u64,
        ));
        g.bench_function(format!("typed_{name}"), |b| {
            b.iter(|| {
                for text in &texts {
                    if want_doc {
                        black_box(serde_json::from_str::<Callflow>(text).is_ok());
                    } else {
                        black_box(serde_json::from_str::<Flow>(text).is_ok());
                    }
                }
            })
        });
        g.bench_function(format!("value_{name}"), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(serde_json::from_str::<Value>(text).is_ok());
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = validation;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6))
        .sample_size(30);
    targets = benches
}
criterion_main!(validation);
