#!/usr/bin/env bash
# The aggregator alone: starts one on its own port and data directory, feeds it N records of generated reports of
# real length as workers send them (ingest-benchmark --feed-aggregator: RESULT with a ticket, as 2 workers with 128 unanswered each),
# and prints its CPU per document (from /proc, the aggregator pinned to core 0 and the feeder to core 1) beside the
# extractor's time per document over the same reports, measured by the feeder on its core in the same run.
# The aggregator keeps up with any number of workers while the first stays well below the second.
# Usage: Scripts/benchmark-aggregator.sh [--docs N] [--rounds N]
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

docs=20000
rounds=1
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs="${2:-}"; shift 2 ;;
        --rounds) rounds="${2:-}"; shift 2 ;;
        *) echo "usage: $0 [--docs N] [--rounds N]" >&2; exit 2 ;;
    esac
done
for value in "$docs" "$rounds"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "benchmark-aggregator: --docs and --rounds take whole numbers of at least 1" >&2; exit 2; }
done
[ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"
benchmark="$ROOT/.build/release/ingest-benchmark"
[ -x "$benchmark" ] || swift build -c release --product ingest-benchmark >&2

work="$(mktemp -d /tmp/ingest-bench-aggregator.XXXXXX)"
aggregator=""
cleanup() {
    if [ -n "$aggregator" ] && is_running "$aggregator"; then
        kill -TERM "$aggregator" 2>/dev/null
        for _ in $(seq 1 100); do is_running "$aggregator" || break; sleep 0.1; done
        is_running "$aggregator" && kill -KILL "$aggregator" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
python3 "$SCRIPTS/make-corpus.py" 2000 "$work/corpus" --full

ticks="$(getconf CLK_TCK)"
cpu_of() { awk -v ticks="$ticks" '{ sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / ticks }' "/proc/$1/stat"; }

for _ in $(seq 1 "$rounds"); do
    rm -rf "$work/data"
    mkdir -p "$work/data"
    read -r port _ _ < <(free_ports)
    export INGEST_DATA="$work/data" INGEST_AGGREGATOR="tcp://127.0.0.1:$port"
    taskset -c 0 "$INGEST_BIN" aggregator --config "$INGEST_CONFIG" 2>"$work/aggregator.log" &
    aggregator=$!
    for _ in $(seq 1 100); do grep -q "aggregator listening" "$work/aggregator.log" 2>/dev/null && break; sleep 0.1; done
    grep -q "aggregator listening" "$work/aggregator.log" || { echo "benchmark-aggregator: the aggregator did not start:" >&2; tail -5 "$work/aggregator.log" >&2; exit 1; }
    before="$(cpu_of "$aggregator")"
    threads_before="$(thread_cpu "$aggregator" aggregator)"
    taskset -c 1 "$benchmark" "$work/corpus" --feed-aggregator "$INGEST_AGGREGATOR" --data "$INGEST_DATA" --documents "$docs" | tee "$work/feed.out"
    # The aggregator lists what it stored in its first quiet moment: part of these documents' cost.
    sleep 0.5
    after="$(cpu_of "$aggregator")"
    threads_after="$(thread_cpu "$aggregator" aggregator)"
    kill -TERM "$aggregator"; wait "$aggregator" || true
    aggregator=""
    python3 - "$before" "$after" "$docs" "$work/feed.out" "$threads_before" "$threads_after" <<'PY'
import collections, re, sys
before, after, docs = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
extractor = float(re.search(r"([0-9.]+) µs per document", open(sys.argv[4]).read()).group(1))
per = (after - before) / docs * 1e6
print(f"aggregator CPU {after - before:.2f} s for {docs} documents: {per:.0f} µs per document, {per / extractor:.2f} of the extractor's {extractor:.0f} µs")
def threads(items):
    seconds = collections.Counter()
    for item in items.split():
        name, _, cpu = item.rpartition("=")
        seconds[name] += float(cpu)
    return seconds
spent = threads(sys.argv[6])
spent.subtract(threads(sys.argv[5]))
busiest = [(name, cpu) for name, cpu in spent.most_common() if cpu > 0.005 * docs / 1000]
print("  by thread: " + ", ".join(f"{name} {cpu / docs * 1e6:.0f} µs ({cpu / docs * 1e6 / extractor:.2f})" for name, cpu in busiest))
PY
done
