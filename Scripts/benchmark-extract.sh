#!/usr/bin/env bash
# Measures `ingest extract` as a whole process against the extractor alone, in the same seconds. The machine is shared
# and noisy (the one-core extractor's own rate moves by a third from one minute to the next), so each figure is paired:
# - `--jobs 1`: `ingest extract` runs pinned to one core, again and again, while the one-core extractor benchmark runs
#   on the other core over the same reports; then the cores swap. Its documents/s (start-up included) over the
#   extractor's in those same seconds is the share.
# - `--jobs 2`: both cores are the process's, so nothing runs beside it: two one-core extractors run at once (one per
#   core) just before and just after it, and its documents/s is compared with the mean of their sum.
# Each run is printed; read the pairs, not one figure.
#
# Usage: Scripts/benchmark-extract.sh [--docs N] [--rounds N]   (INGEST_BIN= picks another `ingest` binary)
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

docs=5000
rounds=3
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
        --rounds) rounds="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
        *) echo "usage: $0 [--docs N] [--rounds N]" >&2; exit 2 ;;
    esac
done
for value in "$docs" "$rounds"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "benchmark-extract: --docs and --rounds take whole numbers of at least 1" >&2; exit 2; }
done
[ "$(nproc)" -ge 2 ] || { echo "benchmark-extract: needs two cores (one for each side of a pair)" >&2; exit 1; }
[ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"
swift build -c release --package-path "$ROOT" --product ingest-benchmark 2>&1 | grep -Ev '^warning: ' >&2

work="$(mktemp -d /tmp/ingest-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 "$SCRIPTS/make-corpus.py" "$docs" "$work/corpus" --full >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $docs reports, $(du -sm "$work/corpus" | cut -f1) MB on disk"

benchmark="$ROOT/.build/release/ingest-benchmark"
rate_of() { sed -n 's/.*, \([0-9]*\) documents\/s.*/\1/p' "$1"; }
# Seconds of one whole `ingest extract --jobs JOBS` pinned to CORES, its output thrown away.
extract_seconds() {
    local start end
    start="$(date +%s.%N)"
    taskset -c "$2" "$INGEST_BIN" extract --jobs "$1" "$work/corpus" >/dev/null
    end="$(date +%s.%N)"
    python3 -c "print($end - $start)"
}

for round in $(seq 1 "$rounds"); do
    for cores in "0 1" "1 0"; do
        read -r mine theirs <<< "$cores"
        taskset -c "$theirs" "$benchmark" "$work/corpus" --seconds 4 > "$work/alone" &
        alone=$!
        sleep 1  # its reading of the reports, which its rate leaves out
        runs=0 seconds=0
        while [ "$runs" -eq 0 ] || kill -0 "$alone" 2>/dev/null; do
            seconds="$(python3 -c "print($seconds + $(extract_seconds 1 "$mine"))")"
            runs=$((runs + 1))
        done
        wait "$alone"
        python3 -c '
import sys
round_, mine, theirs, docs, runs, seconds, alone = sys.argv[1:4] + [int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])]
rate = docs * runs / seconds
print(f"round {round_}, extract --jobs 1 on core {mine}: {runs} runs, {rate:,.0f} documents/s; one-core extractor on core {theirs} "
      f"in the same seconds {alone:,.0f}; {rate / alone:.0%} of it")
' "$round" "$mine" "$theirs" "$docs" "$runs" "$seconds" "$(rate_of "$work/alone")"
    done
    pair() {
        taskset -c 0 "$benchmark" "$work/corpus" --seconds 1 > "$work/alone0" &
        local first=$!
        taskset -c 1 "$benchmark" "$work/corpus" --seconds 1 > "$work/alone1"
        wait "$first"
        echo $(( $(rate_of "$work/alone0") + $(rate_of "$work/alone1") ))
    }
    before="$(pair)"
    seconds="$(extract_seconds 2 0,1)"
    after="$(pair)"
    python3 -c '
import sys
round_, docs, seconds, before, after = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
rate = docs / seconds
both = (before + after) / 2
print(f"round {round_}, extract --jobs 2: {rate:,.0f} documents/s; two one-core extractors at once {before:,.0f} before, {after:,.0f} "
      f"after; {rate / both:.0%} of them, that is per core of the one-core rate")
' "$round" "$docs" "$seconds" "$before" "$after"
done
