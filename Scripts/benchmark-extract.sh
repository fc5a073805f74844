#!/usr/bin/env bash
# Measures `ingest extract` as a whole process against the extractor alone, in the same minutes: each round runs
# `ingest extract --jobs 1` and `--jobs 2` over the same generated reports, with the one-core extractor benchmark
# (pinned to a core, one second) before and after each, and prints each run's documents/s as a share of the mean
# one-core rate around it, per core used (by wall time: the rate over the jobs; and by CPU time: documents per CPU
# second of the process, start-up included). The machine is shared and noisy, so the pairing is what to read.
#
# Usage: Scripts/benchmark-extract.sh [--docs N] [--rounds N]   (INGEST_BIN= picks another `ingest` binary)
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

docs=5000
rounds=3
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "usage: $0 [--docs N] [--rounds N]" >&2; exit 2 ;;
    esac
done
for value in "$docs" "$rounds"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "benchmark-extract: --docs and --rounds take whole numbers of at least 1" >&2; exit 2; }
done
[ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"
swift build -c release --package-path "$ROOT" --product ingest-benchmark 2>&1 | grep -Ev '^warning: ' >&2

work="$(mktemp -d /tmp/ingest-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
python3 "$SCRIPTS/make-corpus.py" "$docs" "$work/corpus" --full >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $docs reports, $(du -sm "$work/corpus" | cut -f1) MB on disk"

one_core() { taskset -c 0 "$ROOT/.build/release/ingest-benchmark" "$work/corpus" --seconds 1 | sed -n 's/.*, \([0-9]*\) documents\/s.*/\1/p'; }
# Wall and CPU seconds of one whole `ingest extract` (the children's rusage), its output thrown away.
extract_seconds() {
    python3 -c '
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run([sys.argv[1], "extract", "--jobs", sys.argv[3], sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.monotonic() - start, usage.ru_utime + usage.ru_stime)' "$INGEST_BIN" "$work/corpus" "$1"
}
for round in $(seq 1 "$rounds"); do
    before="$(one_core)"
    for jobs in 1 2; do
        read -r wall cpu < <(extract_seconds "$jobs")
        after="$(one_core)"
        python3 -c '
import sys
round_, jobs, docs, before, after, wall, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(float, sys.argv[4:8])
one_core = (before + after) / 2
rate = docs / wall
print(f"round {round_}, extract --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU, {rate:,.0f} documents/s; one-core extractor "
      f"{before:,.0f} before, {after:,.0f} after; per core {rate / jobs / one_core:.0%} of it by wall time, {docs / cpu / one_core:.0%} by CPU time")
' "$round" "$jobs" "$docs" "$before" "$after" "$wall" "$cpu"
        before="$after"
    done
done
