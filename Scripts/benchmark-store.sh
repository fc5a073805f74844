#!/usr/bin/env bash
# Measures the records store at scale: fills a data directory with N applied documents (default 1,000,000)
# through `ingest-benchmark --store` (the extractor's records of generated reports, each with its own id and a
# date over ten years), then, with the real binaries on that directory:
#   - the aggregator's restart to serving (process start to "aggregator listening", after recovery and bind),
#     and its resident memory above an aggregator started on an empty data directory, per applied document;
#   - a snapshot's write time (from the fill: the aggregator's own encode, write, fsync and rename);
#   - `ingest records --province P --since D` (P the province with most documents) and `ingest show ID`.
#   - with --check, also waits for the aggregator's background read of every page (minutes at a million
#     documents) and times the queries again after it.
# Usage: Scripts/benchmark-store.sh [--documents N] [--keep] [--check]
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

documents=1000000
keep=0
check=0
while [ $# -gt 0 ]; do
    case "$1" in
        --documents) documents="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --check) check=1; shift ;;
        *) echo "usage: $0 [--documents N] [--keep] [--check]" >&2; exit 2 ;;
    esac
done
[[ "$documents" =~ ^[0-9]+$ ]] && [ "$documents" -ge 1 ] || { echo "benchmark-store: --documents takes a whole number of at least 1" >&2; exit 2; }
"$SCRIPTS/setup.sh"
swift build -c release --product ingest-benchmark 2>&1 | grep -Ev '^warning: ' >&2
benchmark="$ROOT/.build/release/ingest-benchmark"

work="$(mktemp -d /tmp/ingest-store-bench.XXXXXX)"
aggregator_pid=""
cleanup() {
    [ -n "$aggregator_pid" ] && kill "$aggregator_pid" 2>/dev/null && wait "$aggregator_pid" 2>/dev/null
    if [ "$keep" = 1 ]; then echo "benchmark-store: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
python3 "$SCRIPTS/make-corpus.py" 400 "$work/corpus" --full >/dev/null
"$benchmark" "$work/corpus" --store "$work/full" --documents "$documents"

now_ms() { date +%s%3N; }

# Starts the aggregator on data directory $1; sets aggregator_pid, and listen_ms to the milliseconds until it listens.
start_aggregator() {
    read -r _ _ port < <(free_ports)
    export INGEST_DATA="$1" INGEST_AGGREGATOR="tcp://127.0.0.1:$port"
    local started
    started="$(now_ms)"
    "$INGEST_BIN" aggregator >/dev/null 2>"$1/aggregator.log" &
    aggregator_pid=$!
    until grep -q "aggregator listening" "$1/aggregator.log" 2>/dev/null; do
        is_running "$aggregator_pid" || { echo "benchmark-store: the aggregator exited:" >&2; tail -5 "$1/aggregator.log" >&2; exit 1; }
        sleep 0.005
    done
    listen_ms=$(( $(now_ms) - started ))
}

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

stop_aggregator() {
    kill "$aggregator_pid"
    wait "$aggregator_pid" 2>/dev/null || true
    aggregator_pid=""
}

mkdir -p "$work/empty"
start_aggregator "$work/empty"
empty_ms="$listen_ms"
sleep 1
empty_rss="$(rss_kib "$aggregator_pid")"
stop_aggregator

start_aggregator "$work/full"
full_ms="$listen_ms"
sleep 1
full_rss="$(rss_kib "$aggregator_pid")"
echo "restart to serving: empty ${empty_ms} ms, with $documents documents ${full_ms} ms"

snapshot="$(ls "$work/full/snapshots"/snapshot-*.json | tail -1)"
province="$(python3 -c "import json, sys; s = json.load(open(sys.argv[1])); print(max(s['provinces'], key=lambda p: p['documents'])['name'])" "$snapshot")"
since="2024-01-01"
# Times one `ingest records` run; prints "<documents> documents in <ms> ms".
time_records() {
    local start count
    start="$(now_ms)"
    count="$("$INGEST_BIN" records --province "$province" --since "$since" "$@" | wc -l)"
    echo "$count documents in $(( $(now_ms) - start )) ms"
}
python3 -c "import sys; e, f, n = map(int, sys.argv[1:]); print(f'aggregator RSS: empty {e / 1024:.1f} MiB, with {n} documents {f / 1024:.1f} MiB: {(f - e) * 1024 / n:.1f} bytes per document above empty')" "$empty_rss" "$full_rss" "$documents"
echo "while the aggregator reads every page in the background:"
echo "  ingest records --province '$province' --since $since (table): $(time_records)"
if [ "$check" = 1 ]; then
    until grep -q "pages are sound" "$work/full/aggregator.log"; do
        is_running "$aggregator_pid" || { echo "benchmark-store: the aggregator exited:" >&2; tail -5 "$work/full/aggregator.log" >&2; exit 1; }
        sleep 1
    done
    echo "page check: $(grep -o 'check_seconds=[0-9.]*' "$work/full/aggregator.log") (in the background; the aggregator serves and stores meanwhile); RSS then $(rss_kib "$aggregator_pid") KiB"
fi
stop_aggregator
echo "with no daemon (the queries read the store directly):"
echo "  ingest records --province '$province' --since $since (table): $(time_records)"
echo "  the same again: $(time_records)"
echo "  the same --format csv: $(time_records --format csv)"
echo "  the same --format jsonl (every record read): $(time_records --format jsonl)"
id="$(sqlite3 "file:$work/full/journals/records.sqlite?mode=ro" "SELECT id FROM records WHERE seq = $(( documents / 2 + 1 ))")"
start="$(now_ms)"
"$INGEST_BIN" show "$id" >/dev/null
echo "  ingest show ID: $(( $(now_ms) - start )) ms"
if [ -w /proc/sys/vm/drop_caches ]; then
    # The store's pages only: the binary and the Swift libraries are read back in first (`--version`), as
    # they would be cached on any machine that ran ingest before.
    sync && echo 3 >/proc/sys/vm/drop_caches
    "$INGEST_BIN" --version >/dev/null
    echo "  the store's pages dropped from the page cache first (root): table $(time_records)"
    sync && echo 3 >/proc/sys/vm/drop_caches
    "$INGEST_BIN" --version >/dev/null
    echo "  the store's pages dropped first: jsonl $(time_records --format jsonl)"
    sync && echo 3 >/proc/sys/vm/drop_caches
    echo "  everything dropped, the binary and its libraries too: table $(time_records)"
fi
