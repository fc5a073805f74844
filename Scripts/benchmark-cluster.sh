#!/usr/bin/env bash
# Measures the whole cluster: starts one on its own ports and data directory, submits generated reports
# with `submit --wait` (durable acks, every document applied), and prints documents/s, the CPU seconds each
# process spent (from /proc, and per document), and the one-core extractor rate over the same corpus in the
# same minute, and submit-to-applied latency (p50, p99, max: from each document's first send to the commit
# of the aggregator's transaction that stored it) at full load and, in a second run paced at half the first
# run's rate, at half load. With --compare-curve it alternates plain and CURVE runs, so the two are measured in the same
# minutes on a noisy machine. With --ceiling it measures the coordinator alone: 1 KB reports, and workers
# that make records without extracting (a benchmark-only switch), so the figure says how many documents per
# second one broker and aggregator carry, that is how many worker machines they can feed. With --syscalls it also
# prints each process's system calls per document (and its pwrite calls), counted by `perf stat` on the kernel's
# tracepoints: a figure the machine's noise does not move, for changes too small for the clock to see. Each run
# also says how many threads of each daemon ran under each scheduling policy (`scheduling.coordinators`). With
# --prefill N every run starts on a records store that already holds N applied documents (filled once by
# `ingest-benchmark --store`, copied for each run), as an aggregator that has run for a while has: the store's
# indexes are then larger than its page cache, which an empty store never shows. The aggregator's background
# read of every page, which a start begins, is waited for before the documents are sent.
#
# Usage: Scripts/benchmark-cluster.sh [--workers N] [--docs N] [--full] [--ceiling] [--rounds N] [--compare-curve] [--syscalls] [--prefill N]
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

workers=2
docs=5000
full=""
ceiling=0
rounds=1
compare=0
syscalls=0
prefill=0
while [ $# -gt 0 ]; do
    case "$1" in
        --workers) workers="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
        --docs) docs="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
        --full) full="--full"; shift ;;
        --ceiling) ceiling=1; shift ;;
        --rounds) rounds="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
        --compare-curve) compare=1; shift ;;
        --syscalls) syscalls=1; shift ;;
        --prefill) prefill="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
        *) echo "usage: $0 [--workers N] [--docs N] [--full] [--ceiling] [--rounds N] [--compare-curve] [--syscalls] [--prefill N]" >&2; exit 2 ;;
    esac
done
for value in "$workers" "$docs" "$rounds"; do
    # No leading zero: `08` would pass as a number here and fail later as Python's.
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "benchmark-cluster: --workers, --docs and --rounds take whole numbers of at least 1" >&2; exit 2; }
done
[[ "$prefill" =~ ^(0|[1-9][0-9]*)$ ]] || { echo "benchmark-cluster: --prefill takes a whole number of documents" >&2; exit 2; }
[ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"
if [ "$syscalls" = 1 ] && ! perf stat -e raw_syscalls:sys_enter true >/dev/null 2>&1; then
    echo "benchmark-cluster: --syscalls needs perf with the raw_syscalls tracepoints (linux-perf, and root or kernel.perf_event_paranoid <= -1)" >&2
    exit 2
fi

work="$(mktemp -d /tmp/ingest-bench.XXXXXX)"
cleanup() {
    INGEST_DATA="$work/data" "$SCRIPTS/stop-cluster.sh" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
cluster_flags=()
if [ "$ceiling" = 1 ]; then
    python3 "$SCRIPTS/make-corpus.py" "$docs" "$work/corpus" --bytes 1024
    cluster_flags+=(--benchmark-skip-extraction)
else
    python3 "$SCRIPTS/make-corpus.py" "$docs" "$work/corpus" $full
fi
benchmark="$ROOT/.build/release/ingest-benchmark"
if [ "$prefill" -gt 0 ]; then
    swift build -c release --product ingest-benchmark 2>&1 | grep -Ev '^warning: ' >&2
    python3 "$SCRIPTS/make-corpus.py" 400 "$work/fill-corpus" --full >/dev/null
    echo "filling a records store with $prefill documents (copied for each run)"
    if ! "$benchmark" "$work/fill-corpus" --store "$work/prefilled" --documents "$prefill" > "$work/fill.log" 2>&1; then
        echo "benchmark-cluster: filling the records store failed:" >&2
        tail -5 "$work/fill.log" >&2
        exit 1
    fi
    grep -E '^store: [0-9]+ documents in' "$work/fill.log" || true
    rm -rf "$work/fill-corpus"
fi
# Summed by find, not `cat *`: a folder of tens of thousands of reports overflows the argument list.
bytes="$(find "$work/corpus" -type f -printf '%s\n' | awk '{ total += $1 } END { print total + 0 }')"

run() {
    local mode="$1" rate="${2:-}"
    rm -rf "$work/data"
    use_private_cluster "$work/data"
    if [ "$prefill" -gt 0 ]; then
        mkdir -m 700 "$work/data"
        cp -a "$work/prefilled/." "$work/data/"
        # Written back before the cluster starts: left to the kernel, the copy's gigabyte of dirty pages was written
        # back during the run, and every fsync of the aggregator's waited behind it (half-load maxima of 400-600 ms
        # that a store which has run a while, not copied a moment ago, does not show).
        sync -f "$work/data"
    fi
    unset INGEST_CURVE
    if [ "$mode" = curve ]; then
        "$SCRIPTS/start-cluster.sh" --workers "$workers" --secure ${cluster_flags[@]+"${cluster_flags[@]}"} >/dev/null 2>&1
        export INGEST_CURVE=1
    else
        "$SCRIPTS/start-cluster.sh" --workers "$workers" ${cluster_flags[@]+"${cluster_flags[@]}"} >/dev/null 2>&1
    fi
    local start end before after threads_before threads_after policies
    [ "$prefill" -gt 0 ] && wait_for_page_check
    policies="$(thread_policies)"
    before="$(daemon_cpu)"
    threads_before="$(thread_seconds)"
    start="$(date +%s.%N)"
    local pacing=()
    [ -n "$rate" ] && pacing=(--benchmark-rate "$rate")
    local counting=() counters=()
    if [ "$syscalls" = 1 ]; then
        local pidfile
        for pidfile in "$INGEST_DATA/pids"/*.pid; do
            perf stat -x, -e raw_syscalls:sys_enter,syscalls:sys_enter_pwrite64 -p "$(cat "$pidfile")" \
                -o "$work/syscalls.$(basename "$pidfile" .pid)" 2>/dev/null &
            counters+=($!)
        done
        counting=(perf stat -x, -e raw_syscalls:sys_enter,syscalls:sys_enter_pwrite64 -o "$work/syscalls.submit")
    fi
    /usr/bin/time -f "%U %S" -o "$work/submit.time" ${counting[@]+"${counting[@]}"} "$INGEST_BIN" submit --wait --benchmark-timings "$work/timings.tsv" \
        ${pacing[@]+"${pacing[@]}"} "$work/corpus" >/dev/null
    end="$(date +%s.%N)"
    # The aggregator lists what it stored in its first quiet moment (the records store's listing table is written
    # behind the records): that work is part of these documents' cost, so it is waited for before CPU is read.
    sleep 0.5
    after="$(daemon_cpu)"
    threads_after="$(thread_seconds)"
    if [ ${#counters[@]} -gt 0 ]; then
        kill -INT "${counters[@]}" 2>/dev/null || true
        wait "${counters[@]}" 2>/dev/null || true
    fi
    "$SCRIPTS/stop-cluster.sh" >/dev/null 2>&1
    python3 - "$before" "$after" "$(cat "$work/submit.time")" "$threads_before" "$threads_after" <<PY
import collections, sys
seconds = $end - $start
with open("$work/rate", "w") as out: out.write(f"{$docs / seconds:.0f}")
load = f" at {float('$rate'):.0f} documents/s (half load)" if "$rate" else ""
print(f"$mode{' (coordinator ceiling: extraction skipped)' if $ceiling else ''}{' over a store of $prefill documents' if $prefill else ''}{load}: {$docs} documents in {seconds:.2f} s, {$docs / seconds:.0f} documents/s, {$bytes / seconds / 1e6:.2f} MB/s, $workers workers")
before = dict(item.split("=") for item in sys.argv[1].split())
after = dict(item.split("=") for item in sys.argv[2].split())
user, system = map(float, sys.argv[3].split())
cpu = {name: float(after[name]) - float(before.get(name, 0)) for name in after}
cpu["submit"] = user + system
print("  CPU seconds (per document): " + ", ".join(f"{name} {value:.2f} s ({value / $docs * 1e6:.0f} µs)" for name, value in sorted(cpu.items())))
print(f"  CPU in all {sum(cpu.values()):.2f} s of {2 * seconds:.2f} s on 2 cores")
def threads(items):
    seconds = collections.Counter()
    for item in items.split():
        name, _, cpu = item.rpartition("=")
        seconds[name] += float(cpu)
    return seconds
spent = threads(sys.argv[5])
spent.subtract(threads(sys.argv[4]))
busiest = spent.most_common(6)
print("  busiest threads (per document): " + ", ".join(f"{name} {value / $docs * 1e6:.0f} µs" for name, value in busiest))
PY
    echo "  thread policies: $policies"
    latency
    [ "$syscalls" = 1 ] && count_syscalls
    return 0
}

# System calls per document of each process, from the `perf stat` files of the run.
count_syscalls() {
    python3 - "$docs" "$work"/syscalls.* <<'PY'
import os, sys
docs = int(sys.argv[1])
parts = []
for path in sorted(sys.argv[2:]):
    counts = {}
    for line in open(path):
        fields = line.strip().split(",")
        if len(fields) > 2 and fields[0].isdigit():
            counts[fields[2]] = int(fields[0])
    name = os.path.basename(path).split(".", 1)[1]
    parts.append(f"{name} {counts.get('raw_syscalls:sys_enter', 0) / docs:.1f} ({counts.get('syscalls:sys_enter_pwrite64', 0) / docs:.2f} pwrite)")
    os.remove(path)
print("  system calls per document: " + ", ".join(parts))
PY
}

# Submit-to-applied latency: each document's first send (from submit's timings) to `received_at` in the records
# store, which the aggregator stamps with the time of the commit that stored it.
latency() {
    python3 - "$work/timings.tsv" "$work/data/journals/records.sqlite" "$prefill" <<'PY'
import datetime, sqlite3, sys
sent = {}
for line in open(sys.argv[1]):
    document, at = line.rstrip("\n").split("\t")
    sent.setdefault(document, float(at))
db = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
waits = []
for document, stored in db.execute("SELECT id, received_at FROM records WHERE seq > ?", (int(sys.argv[3]),)):
    if document in sent and stored:
        at = datetime.datetime.fromisoformat(stored.replace("Z", "+00:00")).timestamp()
        waits.append((at - sent[document]) * 1000)
waits.sort()
if waits:
    pick = lambda q: waits[min(len(waits) - 1, int(q * len(waits)))]
    print(f"  submit-to-applied latency: p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {waits[-1]:.1f} ms ({len(waits)} documents)")
PY
}

# Waits (up to 10 minutes) until the aggregator says every page of its store was read (it reads them all at a start);
# an aggregator that stops meanwhile (a damaged page) ends the run at once.
wait_for_page_check() {
    local waited=0 pid
    pid="$(cat "$INGEST_DATA/pids/aggregator.pid" 2>/dev/null || true)"
    until grep -q "pages are sound" "$INGEST_DATA/logs/aggregator.log" 2>/dev/null; do
        [ "$waited" -lt 6000 ] || { echo "benchmark-cluster: the aggregator's page check did not end within 10 minutes" >&2; exit 1; }
        if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
            echo "benchmark-cluster: the aggregator stopped before reading every page of the store; its log ends:" >&2
            tail -5 "$INGEST_DATA/logs/aggregator.log" >&2
            exit 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# "daemon:thread=seconds ..." for each thread of each daemon of the running cluster.
thread_seconds() {
    local pidfile
    for pidfile in "$INGEST_DATA/pids"/*.pid; do thread_cpu "$(cat "$pidfile")" "$(basename "$pidfile" .pid)"; done
}

for _ in $(seq 1 "$rounds"); do
    run plain
    [ "$compare" = 1 ] && run curve
done
run plain "$(( $(cat "$work/rate") / 2 ))"
if [ -x "$benchmark" ]; then
    echo -n "one-core extractor over the same corpus: "
    taskset -c 0 "$benchmark" "$work/corpus" --seconds 3 | grep throughput
fi
