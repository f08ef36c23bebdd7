#!/usr/bin/env bash
# Compile time of the generated code, ours against typify 0.8, in one run
# (issue 14), release profile, dependencies already built, $COMPILE_RUNS
# runs back to back (default 3); wall time and CPU time (user + system) of
# each build. typify's types are generated from the Kazoo master callflow
# schemas it survives (`codegen/examples/typify_outputs.rs`: all but the
# document schema `callflows.json`, which the library cannot do without, so
# ours is built from all of master). Per run:
#
# - `ours`: the `kazoo-callflows` library rebuilt from Kazoo master
#   (`KAZOO_SCHEMAS_DIR`: build script = our generator, then the library:
#   runtime + generated types + validators);
# - `minimal`: the same library rebuilt from the two-file fixture
#   `codegen/tests/fixtures/draft3` (the runtime's own cost);
# - `typify`: a crate holding only typify's types (serde, serde_json,
#   regress), after `touch`ing its source.
#
#   bash codegen/benches/compile_outputs.sh
#
# Everything is written to target/typify-compile/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${COMPILE_RUNS:-3}
OUT=$ROOT/target/typify-compile
MINIMAL=$ROOT/codegen/tests/fixtures/draft3
MASTER=$(cd "$ROOT/../shared/kazoo/schemas/master" && pwd)

cargo run --quiet --release -p kazoo-callflows-codegen --example typify_outputs -- "$OUT"
CRATE=$OUT/typify_crate
mkdir -p "$CRATE/src"
cat >"$CRATE/Cargo.toml" <<'TOML'
[package]
name = "typify-output"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1.0.228", features = ["derive"] }
serde_json = "1.0.145"
regress = "0.12.0"

[workspace]
TOML
printf '#![allow(warnings, clippy::all)]\ninclude!("%s");\n' "$OUT/typify.rs" >"$CRATE/src/lib.rs"
cp Cargo.lock "$CRATE/Cargo.lock"
(cd "$CRATE" && cargo build --quiet --release --offline)

# timed NAME CMD...: runs CMD, setting W (wall seconds) and C (CPU seconds,
# user + system, of CMD and everything it ran: less disturbed than the wall
# time by other work on a shared machine).
timed() {
    local name=$1
    shift
    local TIMEFORMAT="%R %U %S"
    { time "$@" >"$OUT/$name.log" 2>&1; } 2>"$OUT/$name.time" ||
        { echo "error: $name failed:" >&2; tail -20 "$OUT/$name.log" >&2; exit 1; }
    read -r W user sys <"$OUT/$name.time"
    C=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}
ours() { KAZOO_SCHEMAS_DIR=$1 cargo build --quiet --release -p kazoo-callflows --lib; }
typify() { touch "$CRATE/src/lib.rs"; (cd "$CRATE" && cargo build --quiet --release --offline); }

echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M') UTC"
echo "generated lines: typify $(wc -l <"$OUT/typify.rs")"
ours "$MINIMAL" >/dev/null 2>&1 || true
echo "wall and CPU seconds; ratios of CPU seconds"
echo "run | ours wall | ours CPU | minimal wall | minimal CPU | typify wall | typify CPU | ours / minimal | (ours - minimal) / typify"
for run in $(seq 1 "$RUNS"); do
    timed ours ours "$MASTER"
    OW=$W OC=$C
    timed minimal ours "$MINIMAL"
    MW=$W MC=$C
    timed typify typify
    YW=$W YC=$C
    awk -v r="$run" -v ow="$OW" -v oc="$OC" -v mw="$MW" -v mc="$MC" -v yw="$YW" -v yc="$YC" \
        'BEGIN { printf "%d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f\n",
                 r, ow, oc, mw, mc, yw, yc, oc / mc, (oc - mc) / yc }'
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
