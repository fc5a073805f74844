#!/usr/bin/env bash
# What an idle cluster costs: starts one (the aggregator, the broker and N workers) on its own ports and data
# directory, lets it sit with nothing to do for S seconds, and prints each daemon's CPU in milliseconds per second
# (from /proc). Timers and heartbeats are all an idle daemon should spend anything on.
# Usage: Scripts/benchmark-idle.sh [--workers N] [--seconds S]
set -euo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"

workers=2
seconds=10
while [ $# -gt 0 ]; do
    case "$1" in
        --workers) workers="${2:-}"; shift 2 ;;
        --seconds) seconds="${2:-}"; shift 2 ;;
        *) echo "usage: $0 [--workers N] [--seconds S]" >&2; exit 2 ;;
    esac
done
for value in "$workers" "$seconds"; do
    [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "benchmark-idle: --workers and --seconds take whole numbers of at least 1" >&2; exit 2; }
done
[ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"

work="$(mktemp -d /tmp/ingest-bench-idle.XXXXXX)"
cleanup() {
    INGEST_DATA="$work/data" "$SCRIPTS/stop-cluster.sh" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
use_private_cluster "$work/data"
unset INGEST_CURVE
"$SCRIPTS/start-cluster.sh" --workers "$workers" >/dev/null 2>&1
# The first second after the start is the daemons settling (workers saying READY and HELLO), not idling.
sleep 1
before="$(daemon_cpu)"
sleep "$seconds"
after="$(daemon_cpu)"
python3 - "$before" "$after" "$seconds" <<'PY'
import sys
before = dict(item.split("=") for item in sys.argv[1].split())
after = dict(item.split("=") for item in sys.argv[2].split())
seconds = float(sys.argv[3])
print(f"idle for {seconds:.0f} s, CPU per second: " + ", ".join(
    f"{name} {(float(after[name]) - float(before.get(name, 0))) / seconds * 1000:.1f} ms" for name in sorted(after)))
PY
