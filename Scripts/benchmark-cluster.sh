#!/usr/bin/env bash
# Measures the whole cluster: starts one on its own ports and data directory, submits generated reports
# with `submit --wait` (durable acks, every document applied), and prints documents/s. With --compare-curve
# it alternates plain and CURVE runs, so the two are measured in the same minutes on a noisy machine.
#
# Usage: Scripts/benchmark-cluster.sh [--workers N] [--docs N] [--full] [--rounds N] [--compare-curve]
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

workers=2
docs=5000
full=""
rounds=1
compare=0
while [ $# -gt 0 ]; do
    case "$1" in
        --workers) workers="$2"; shift 2 ;;
        --docs) docs="$2"; shift 2 ;;
        --full) full="--full"; shift ;;
        --rounds) rounds="$2"; shift 2 ;;
        --compare-curve) compare=1; shift ;;
        *) echo "usage: $0 [--workers N] [--docs N] [--full] [--rounds N] [--compare-curve]" >&2; exit 2 ;;
    esac
done
for value in "$workers" "$docs" "$rounds"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "benchmark-cluster: --workers, --docs and --rounds take whole numbers of at least 1" >&2; exit 2; }
done
[ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"

work="$(mktemp -d /tmp/ingest-bench.XXXXXX)"
cleanup() {
    INGEST_DATA="$work/data" "$SCRIPTS/stop-cluster.sh" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
python3 "$SCRIPTS/make-corpus.py" "$docs" "$work/corpus" $full
bytes="$(cat "$work/corpus"/* | wc -c)"

run() {
    local mode="$1"
    rm -rf "$work/data"
    export INGEST_DATA="$work/data"
    read -r front back agg < <(free_ports)
    export INGEST_FRONTEND="tcp://127.0.0.1:$front" INGEST_BACKEND="tcp://127.0.0.1:$back" INGEST_AGGREGATOR="tcp://127.0.0.1:$agg"
    unset INGEST_CURVE
    if [ "$mode" = curve ]; then
        "$SCRIPTS/start-cluster.sh" --workers "$workers" --secure >/dev/null 2>&1
        export INGEST_CURVE=1
    else
        "$SCRIPTS/start-cluster.sh" --workers "$workers" >/dev/null 2>&1
    fi
    local start end
    start="$(date +%s.%N)"
    "$INGEST_BIN" submit --wait "$work/corpus" >/dev/null
    end="$(date +%s.%N)"
    "$SCRIPTS/stop-cluster.sh" >/dev/null 2>&1
    python3 -c "import sys; s=$end-$start; print(f'$mode: {$docs} documents in {s:.2f} s, {$docs/s:.0f} documents/s, {$bytes/s/1e6:.2f} MB/s, $workers workers')"
}

for _ in $(seq 1 "$rounds"); do
    run plain
    [ "$compare" = 1 ] && run curve
done
