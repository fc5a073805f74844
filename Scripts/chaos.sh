#!/usr/bin/env bash
# Proves the delivery guarantee: runs a corpus through a fault-free cluster and through one whose
# workers are killed (kill -9) every half second, the aggregator twice and the broker once, each
# restarted; then compares the two final snapshots.
#
# Usage: Scripts/chaos.sh [--docs N] [--corpus DIR] [--workers N] [--keep]
# Prints `lost=N duplicated=N mismatched_provinces=N mislisted_provinces=N faults=K` (the kills that happened: it
# exits non-zero unless the first four are 0 and every planned fault was dealt, so a run whose kills missed their
# daemons cannot pass).
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

# kill -9 of a daemon by its pid file; counts it in $work/kills (one line per kill) when a process was there to kill.
kill_daemon() {
    local pidfile="$PID_DIR/$1.pid"
    if [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null; then
        echo "$1" >>"$work/kills"
        return 0
    fi
    return 1
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
    kill_daemon "worker-$(( (RANDOM % workers) + 1 ))" || true
    case "$tick" in
        3|9) kill_daemon aggregator && echo "chaos: round $tick: killed the aggregator" >&2 || echo "chaos: round $tick: no aggregator to kill" >&2 ;;
        6) kill_daemon broker && echo "chaos: round $tick: killed the broker" >&2 || echo "chaos: round $tick: no broker to kill" >&2 ;;
    esac
    restart_dead
    running=0
    for pid in "${submitters[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$tick" -ge 12 ] && [ "$running" = 0 ] && break
done
failed=0
for pid in "${submitters[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { echo "chaos: a submit failed:" >&2; tail -5 "$work/submit.err" >&2; }
# Everything accepted must now be applied: submitting again answers DUPLICATE and waits for that. When every slice's
# submit ended acknowledged (exit 0), a document this pass gets ACCEPTED for was acknowledged once and then forgotten:
# it counts as lost, though this pass then applies it.
"$INGEST_BIN" submit --wait "$corpus" >"$work/final.out" 2>>"$work/submit.err" || failed=1
cat "$work/final.out" >&2
forgotten=0
if [ "$failed" = 0 ]; then
    forgotten="$(sed -n 's/.* accepted \([0-9]*\) .*/\1/p' "$work/final.out" | tail -1)"
    forgotten="${forgotten:-0}"
fi
"$SCRIPTS/stop-cluster.sh" >&2
"$INGEST_BIN" snapshot --format json >"$work/chaos.json"
echo "chaos: $tick fault rounds" >&2

# 3. Compare: every document applied once, the same state for every province, and each province's listing
#    (`ingest records --province`, from the store's listing table, which the aggregator writes behind the
#    records and a killed one finishes at its next start) holding the same documents.
kills_of() { grep -c "^$1" "$work/kills" 2>/dev/null || true; }
python3 - "$work/clean.json" "$work/chaos.json" "$work/clean" "$work/chaos" "$INGEST_BIN" "$forgotten" \
    "$(kills_of worker)" "$(kills_of aggregator)" "$(kills_of broker)" <<'PY'
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

def current_units(data):
    output = subprocess.run([sys.argv[5], "snapshot", "--units", "current", "--format", "json"], capture_output=True, text=True,
                            env=dict(os.environ, INGEST_DATA=data)).stdout
    return {p["name"]: p for p in json.loads(output)["provinces"]}

clean_ids, chaos_ids = applied(sys.argv[3]), applied(sys.argv[4])
forgotten = int(sys.argv[6])
lost = len(set(clean_ids) - set(chaos_ids)) + forgotten
# The store's unique index makes a repeated id impossible there; a document applied twice would show in the counts.
duplicated_applied = max(0, chaos["documentsApplied"] - len(set(chaos_ids)))
clean_provinces = {p["name"]: p for p in clean["provinces"]}
chaos_provinces = {p["name"]: p for p in chaos["provinces"]}
duplicated = duplicated_applied + (len(chaos_ids) - len(set(chaos_ids))) + sum(
    max(0, chaos_provinces[name]["documents"] - clean_provinces.get(name, {"documents": 0})["documents"]) for name in chaos_provinces)
mismatched = sum(1 for name in set(clean_provinces) | set(chaos_provinces)
                 if clean_provinces.get(name) != chaos_provinces.get(name))
# The 2025 view too, where a document counts once per successor however many of its old units it names.
clean_units, chaos_units = current_units(sys.argv[3]), current_units(sys.argv[4])
mismatched += sum(1 for name in set(clean_units) | set(chaos_units) if clean_units.get(name) != chaos_units.get(name))
mislisted = sum(1 for name in clean_provinces if listed(sys.argv[3], name) != listed(sys.argv[4], name) or not listed(sys.argv[3], name))
worker_kills, aggregator_kills, broker_kills = (int(value or 0) for value in sys.argv[7:10])
print(f"lost={lost} duplicated={duplicated} mismatched_provinces={mismatched} mislisted_provinces={mislisted} "
      f"faults=workers:{worker_kills},aggregator:{aggregator_kills},broker:{broker_kills}")
if forgotten:
    print(f"chaos: {forgotten} documents acknowledged during the faults were accepted again by the last pass", file=sys.stderr)
dealt = worker_kills >= 6 and aggregator_kills == 2 and broker_kills == 1
if not dealt:
    print("chaos: the planned faults were not all dealt (workers at least 6, the aggregator twice, the broker once)", file=sys.stderr)
sys.exit(0 if lost == duplicated == mismatched == mislisted == 0 and dealt else 1)
PY
[ "$failed" = 0 ]
