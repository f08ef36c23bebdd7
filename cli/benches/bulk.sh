#!/usr/bin/env bash
# Bulk validation benchmark (issue 12): `kazoo-callflows validate` end to
# end on a generated JSON-lines file of at least $BULK_MB MB, against the
# floor — one thread parsing the same lines into serde_json::Value — in the
# same run. Wall time, MB/s, peak RSS (GNU time's maximum resident set
# size), and the ratio to the floor, for --threads 1 and 2; $BULK_RUNS runs.
#
#   bash cli/benches/bulk.sh            # BULK_MB=320 BULK_RUNS=5
#
# The input is written to target/bulk/ (never committed) from the corpus
# and the generated mutants, and reused while it is large enough.
set -euo pipefail
cd "$(dirname "$0")/../.."

MB=${BULK_MB:-320}
RUNS=${BULK_RUNS:-5}
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
DATA=$OUT/callflows.jsonl
mkdir -p "$OUT"
if [ ! -f "$DATA" ] || [ "$(stat -c %s "$DATA")" -lt $((MB * 1000000)) ]; then
    target/release/examples/bulk_input "$DATA" "$MB"
fi
BYTES=$(stat -c %s "$DATA")
LINES=$(wc -l <"$DATA")

# measure NAME CMD...: sets SECS (wall) and RSS (MB); exit 0 or 1 only.
measure() {
    local name=$1
    shift
    local t0 t1 code=0
    t0=$(date +%s%N)
    "$TIME" -f %M -o "$OUT/rss.txt" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || code=$?
    t1=$(date +%s%N)
    if [ "$code" -gt 1 ]; then
        echo "error: $name exited $code:" >&2
        tail -5 "$OUT/$name.err" >&2
        exit 1
    fi
    SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS=$(awk -v k="$(tail -1 "$OUT/rss.txt")" 'BEGIN { printf "%.1f", k / 1024 }')
}
mbps() { awk -v n="$BYTES" -v s="$1" 'BEGIN { printf "%.0f", n / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }

echo "input: $DATA, $BYTES bytes, $LINES lines; $(nproc) cores; $(date -u +%F)"
echo
echo "| run | floor: MB/s (s, RSS MB) | --threads 1: MB/s (s, RSS MB) | ratio | --threads 2: MB/s (s, RSS MB) | ratio |"
echo "| --- | --- | --- | --- | --- | --- |"
for run in $(seq 1 "$RUNS"); do
    measure floor "$FLOOR" "$DATA"
    fs=$SECS frss=$RSS
    measure t1 "$BIN" validate --format json --summary none --threads 1 "$DATA"
    s1=$SECS r1=$RSS
    measure t2 "$BIN" validate --format json --summary none --threads 2 "$DATA"
    s2=$SECS r2=$RSS
    # Both validate runs judged every line.
    for t in t1 t2; do
        n=$(wc -l <"$OUT/$t.out")
        if [ "$n" -ne "$LINES" ]; then
            echo "error: $t printed $n verdicts for $LINES lines" >&2
            exit 1
        fi
    done
    echo "| $run | $(mbps "$fs") ($fs s, $frss) | $(mbps "$s1") ($s1 s, $r1) | $(ratio "$s1" "$fs") | $(mbps "$s2") ($s2 s, $r2) | $(ratio "$s2" "$fs") |"
done
echo
echo "ratio: floor time / validate time (above 1: validate is faster than the floor)"
