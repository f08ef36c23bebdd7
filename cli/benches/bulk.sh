#!/usr/bin/env bash
# Bulk validation benchmark (issue 12): `kazoo-callflows validate` end to
# end on a generated JSON-lines file of at least $BULK_MB MB, against the
# floor — one thread parsing the same lines into serde_json::Value — in the
# same run. Wall time, MB/s, CPU time, peak RSS (GNU time's maximum resident
# set size), and the ratio to the floor, for --threads 1 and 2; $BULK_RUNS
# runs; for each mix of $BULK_MIXES: a share of invalid lines in percent, or
# `all` (every corpus example and mutant in turn: ~70% invalid).
#
#   bash cli/benches/bulk.sh            # BULK_MB=320 BULK_RUNS=5 BULK_MIXES="5 all"
#
# The inputs are written to target/bulk/ (never committed) from the corpus
# and the generated mutants, and reused while they are large enough.
set -euo pipefail
cd "$(dirname "$0")/../.."

MB=${BULK_MB:-320}
RUNS=${BULK_RUNS:-5}
MIXES=${BULK_MIXES:-5 all}
TIME=/usr/bin/time
if ! "$TIME" -f %M true >/dev/null 2>&1; then
    echo "error: GNU time is required at $TIME (peak RSS): apt-get install -y time" >&2
    exit 1
fi

cargo build --quiet --release -p kazoo-callflows-cli \
    --bin kazoo-callflows --example bulk_input --example parse_floor
BIN=target/release/kazoo-callflows
FLOOR=target/release/examples/parse_floor
OUT=target/bulk
mkdir -p "$OUT"

# measure NAME CMD...: sets SECS (wall), CPU (user + system s) and RSS (MB);
# the command may exit 0 or 1 only.
measure() {
    local name=$1
    shift
    local t0 t1 code=0
    t0=$(date +%s%N)
    "$TIME" -f "%M %U %S" -o "$OUT/time.txt" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || code=$?
    t1=$(date +%s%N)
    if [ "$code" -gt 1 ]; then
        echo "error: $name exited $code:" >&2
        tail -5 "$OUT/$name.err" >&2
        exit 1
    fi
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    read -r kb user sys < <(tail -1 "$OUT/time.txt")
    RSS=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
    CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}
mbps() { awk -v n="$BYTES" -v s="$1" 'BEGIN { printf "%.0f", n / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }

echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M') UTC"
for mix in $MIXES; do
    DATA=$OUT/callflows-$mix.jsonl
    if [ ! -f "$DATA" ] || [ "$(stat -c %s "$DATA")" -lt $((MB * 1000000)) ]; then
        if [ "$mix" = all ]; then
            target/release/examples/bulk_input "$DATA" "$MB"
        else
            target/release/examples/bulk_input "$DATA" "$MB" "$mix"
        fi
    fi
    BYTES=$(stat -c %s "$DATA")
    LINES=$(wc -l <"$DATA")
    echo
    echo "input: $DATA, $BYTES bytes, $LINES lines (invalid: $mix)"
    echo
    echo "| run | floor: MB/s (wall s, CPU s, RSS MB) | --threads 1: MB/s (wall s, CPU s, RSS MB) | ratio | --threads 2: MB/s (wall s, CPU s, RSS MB) | ratio |"
    echo "| --- | --- | --- | --- | --- | --- |"
    for run in $(seq 1 "$RUNS"); do
        measure floor "$FLOOR" "$DATA"
        f="$SECS" cell_f="$(mbps "$SECS") ($SECS, $CPU, $RSS)"
        measure t1 "$BIN" validate --format json --summary none --threads 1 "$DATA"
        s1="$SECS" cell_1="$(mbps "$SECS") ($SECS, $CPU, $RSS)"
        measure t2 "$BIN" validate --format json --summary none --threads 2 "$DATA"
        s2="$SECS" cell_2="$(mbps "$SECS") ($SECS, $CPU, $RSS)"
        # Both validate runs judged every line.
        for t in t1 t2; do
            n=$(wc -l <"$OUT/$t.out")
            if [ "$n" -ne "$LINES" ]; then
                echo "error: $t printed $n verdicts for $LINES lines" >&2
                exit 1
            fi
        done
        echo "| $run | $cell_f | $cell_1 | $(ratio "$s1" "$f") | $cell_2 | $(ratio "$s2" "$f") |"
    done
done
echo
echo "ratio: floor wall time / validate wall time (1 or more: validate is at least as fast as the floor)"
