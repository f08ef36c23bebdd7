#!/usr/bin/env bash
# Where the library's compile time goes (issue 14 point 2): LLVM IR lines
# of the `kazoo-callflows` library built for Kazoo master and for the
# two-file fixture `codegen/tests/fixtures/draft3` (the runtime's own
# share), release profile, with `cargo llvm-lines` (`cargo install
# cargo-llvm-lines`), and master's lines by what instantiated them. LLVM
# time (`cargo build --timings`: most of the library's build) grows with
# these lines. Writes target/llvm-lines/{master,minimal}.txt.
#
#   bash codegen/benches/llvm_lines.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/target/llvm-lines
MASTER=$(cd "$ROOT/../shared/kazoo/schemas/master" && pwd)
command -v cargo-llvm-lines >/dev/null || {
    echo "error: cargo-llvm-lines is not installed: cargo install cargo-llvm-lines" >&2
    exit 2
}
mkdir -p "$OUT"
KAZOO_SCHEMAS_DIR=$MASTER cargo llvm-lines --release -p kazoo-callflows --lib >"$OUT/master.txt" 2>"$OUT/master.log"
KAZOO_SCHEMAS_DIR=$ROOT/codegen/tests/fixtures/draft3 \
    cargo llvm-lines --release -p kazoo-callflows --lib >"$OUT/minimal.txt" 2>"$OUT/minimal.log"
total() { awk 'NR == 3 { print $1 }' "$1"; }
echo "LLVM lines: master $(total "$OUT/master.txt"), minimal $(total "$OUT/minimal.txt")"
echo "master by category (lines, functions, category):"
awk 'NR > 3 {
    lines = $1; name = $0; sub(/^ *[0-9]+ \([^)]*\) +[0-9]+ \([^)]*\) +/, "", name)
    if (name ~ /serde_path_to_error/) c = "serde_path_to_error"
    else if (name ~ /serde_json::value::de|MapRefDeserializer|SeqRefDeserializer/) c = "serde_json Value reader"
    else if (name ~ /serde_json::value::ser|to_value/) c = "serde_json Value writer"
    else if (name ~ /serde_json::de::/) c = "serde_json text reader"
    else if (name ~ /Serializ|serde_json::ser::/) c = "serialize (other)"
    else if (name ~ /actions::.*Deserialize|actions::.*Visitor/) c = "generated Deserialize"
    else if (name ~ /actions::/) c = "generated (other)"
    else if (name ~ /validate::|validators/) c = "validation"
    else if (name ~ /pivot::/) c = "pivot"
    else if (name ~ /de::|Deserializ|Visitor/) c = "deserialize (other)"
    else c = "other"
    sum[c] += lines; n[c]++
} END { for (c in sum) printf "%9d %6d  %s\n", sum[c], n[c], c }' "$OUT/master.txt" | sort -rn
