#!/usr/bin/env bash
# Measures `ingest extract` as a whole process against the extractor alone, in the same minutes: each round
# runs the one-core extractor benchmark (pinned to a core), then `ingest extract --jobs 1` and `--jobs 2` over
# the same generated reports, and prints each run's documents/s as a share of that round's one-core rate, per
# core used (by wall time: the rate over the jobs; and by CPU time: documents per CPU second of the process,
# start-up included). The machine is shared and noisy, so the pairing within a round is what to read.
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

for round in $(seq 1 "$rounds"); do
    one_core="$(taskset -c 0 "$ROOT/.build/release/ingest-benchmark" "$work/corpus" --seconds 2 | sed -n 's/.*, \([0-9]*\) documents\/s.*/\1/p')"
    echo "round $round: one-core extractor $one_core documents/s"
    for jobs in 1 2; do
        # Wall and CPU seconds of the whole process (children's rusage), its output thrown away.
        python3 - "$INGEST_BIN" "$work/corpus" "$jobs" "$docs" "$one_core" <<'EOF'
import resource, subprocess, sys, time
binary, corpus, jobs, docs, one_core = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
start = time.monotonic()
subprocess.run([binary, "extract", "--jobs", str(jobs), corpus], stdout=subprocess.DEVNULL, check=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
rate = docs / wall
print(f"  extract --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU; {rate:,.0f} documents/s; "
      f"per core {rate / jobs / one_core:.0%} of the one-core rate by wall time, {docs / cpu / one_core:.0%} by CPU time")
EOF
    done
done
