#!/usr/bin/env bash
# Proves the delivery guarantee: runs a corpus through a fault-free cluster and through one whose
# workers are killed (kill -9) every half second, the aggregator twice and the broker once, each
# restarted; then compares the two final snapshots.
#
# Usage: Scripts/chaos.sh [--docs N] [--corpus DIR] [--workers N] [--keep]
# Prints `lost=N duplicated=N mismatched_provinces=N mislisted_provinces=N`; exits non-zero unless all are 0.
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

docs=2000
corpus=""
workers=3
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --corpus) corpus="$2"; shift 2 ;;
        --workers) workers="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "usage: $0 [--docs N] [--corpus DIR] [--workers N] [--keep]" >&2; exit 2 ;;
    esac
done
[ -x "$INGEST_BIN" ] || { echo "chaos: $INGEST_BIN not built; run Scripts/setup.sh" >&2; exit 1; }

work="$(mktemp -d /tmp/ingest-chaos.XXXXXX)"
cleanup() {
    for data in "$work/clean" "$work/chaos"; do
        INGEST_DATA="$data" "$SCRIPTS/stop-cluster.sh" >/dev/null 2>&1 || true
    done
    [ "$keep" = 1 ] && echo "chaos: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$corpus" ]; then
    corpus="$work/corpus"
    python3 "$SCRIPTS/make-corpus.py" "$docs" "$corpus"
fi
echo "chaos: corpus $corpus ($(find "$corpus" -name '*.txt' -o -name '*.md' | wc -l) documents)" >&2

use_cluster() {
    use_private_cluster "$work/$1"
    PID_DIR="$INGEST_DATA/pids"
}

kill_daemon() {
    local pidfile="$PID_DIR/$1.pid"
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
}

restart_dead() {
    "$SCRIPTS/start-cluster.sh" --workers "$workers" --no-wait >/dev/null 2>&1 || true
}

# 1. Without faults.
use_cluster clean
"$SCRIPTS/start-cluster.sh" --workers "$workers" >&2
"$INGEST_BIN" submit --wait "$corpus" >&2
"$SCRIPTS/stop-cluster.sh" >&2
"$INGEST_BIN" snapshot --format json >"$work/clean.json"

# 2. With faults: the corpus arrives in slices over at least 12 rounds of half a second; each round
#    kills a random worker, round 3 and 9 the aggregator, round 6 the broker; the dead are restarted.
use_cluster chaos
"$SCRIPTS/start-cluster.sh" --workers "$workers" >&2
find "$corpus" -name '*.txt' -o -name '*.md' | sort >"$work/files"
split -n l/12 -d "$work/files" "$work/slice."
tick=0
submitters=()
while :; do
    slice="$(printf '%s/slice.%02d' "$work" "$tick")"
    if [ -s "$slice" ]; then
        xargs -a "$slice" -d '\n' "$INGEST_BIN" submit >>"$work/submit.out" 2>>"$work/submit.err" &
        submitters+=($!)
    fi
    sleep 0.5
    tick=$((tick + 1))
    kill_daemon "worker-$(( (RANDOM % workers) + 1 ))"
    case "$tick" in
        3|9) kill_daemon aggregator; echo "chaos: round $tick: killed the aggregator" >&2 ;;
        6) kill_daemon broker; echo "chaos: round $tick: killed the broker" >&2 ;;
    esac
    restart_dead
    running=0
    for pid in "${submitters[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$tick" -ge 12 ] && [ "$running" = 0 ] && break
done
failed=0
for pid in "${submitters[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { echo "chaos: a submit failed:" >&2; tail -5 "$work/submit.err" >&2; }
# Everything accepted must now be applied: submitting again answers DUPLICATE and waits for that.
"$INGEST_BIN" submit --wait "$corpus" >&2 || failed=1
"$SCRIPTS/stop-cluster.sh" >&2
"$INGEST_BIN" snapshot --format json >"$work/chaos.json"
echo "chaos: $tick fault rounds" >&2

# 3. Compare: every document applied once, the same state for every province, and each province's listing
#    (`ingest records --province`, from the store's listing table, which the aggregator writes behind the
#    records and a killed one finishes at its next start) holding the same documents.
python3 - "$work/clean.json" "$work/chaos.json" "$work/clean" "$work/chaos" "$INGEST_BIN" <<'PY'
import csv, io, json, os, sqlite3, subprocess, sys
clean, chaos = (json.load(open(path)) for path in sys.argv[1:3])

def listed(data, province):
    output = subprocess.run([sys.argv[5], "records", "--province", province, "--format", "csv"], capture_output=True, text=True,
                            env=dict(os.environ, INGEST_DATA=data)).stdout
    return sorted(row["id"] for row in csv.DictReader(io.StringIO(output)))

def applied(data):
    # Read the aggregator's records store directly, not through ingest: an outside check.
    store = sqlite3.connect("file:" + os.path.join(data, "journals", "records.sqlite") + "?mode=ro", uri=True)
    return [row[0] for row in store.execute("SELECT id FROM records")]

clean_ids, chaos_ids = applied(sys.argv[3]), applied(sys.argv[4])
lost = len(set(clean_ids) - set(chaos_ids))
# The store's unique index makes a repeated id impossible there; a document applied twice would show in the counts.
duplicated_applied = max(0, chaos["documentsApplied"] - len(set(chaos_ids)))
clean_provinces = {p["name"]: p for p in clean["provinces"]}
chaos_provinces = {p["name"]: p for p in chaos["provinces"]}
duplicated = duplicated_applied + (len(chaos_ids) - len(set(chaos_ids))) + sum(
    max(0, chaos_provinces[name]["documents"] - clean_provinces.get(name, {"documents": 0})["documents"]) for name in chaos_provinces)
mismatched = sum(1 for name in set(clean_provinces) | set(chaos_provinces)
                 if clean_provinces.get(name) != chaos_provinces.get(name))
mislisted = sum(1 for name in clean_provinces if listed(sys.argv[3], name) != listed(sys.argv[4], name) or not listed(sys.argv[3], name))
print(f"lost={lost} duplicated={duplicated} mismatched_provinces={mismatched} mislisted_provinces={mislisted}")
sys.exit(0 if lost == duplicated == mismatched == mislisted == 0 else 1)
PY
[ "$failed" = 0 ]
