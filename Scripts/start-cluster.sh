#!/usr/bin/env bash
# Starts the aggregator, the broker and N workers in the background (pid files and logs under
# $INGEST_DATA), and returns once all answer (or at once with --no-wait, for restarting the dead).
# With --secure: CURVE on every socket (INGEST_CURVE=1); a server key, a `worker` key and a `client` key
# (producer and reader) are made under $INGEST_DATA/keys when missing. Export INGEST_CURVE=1 to use the
# cluster's keys from `ingest submit`, `status` and `snapshot --live` afterwards.
# Usage: Scripts/start-cluster.sh [--workers N] [--no-wait] [--secure]
set -euo pipefail
source "$(dirname "$0")/common.sh"

workers=2
wait_ready=1
while [ $# -gt 0 ]; do
    case "$1" in
        --workers) workers="$2"; shift 2 ;;
        --workers=*) workers="${1#*=}"; shift ;;
        --no-wait) wait_ready=0; shift ;;
        --secure) export INGEST_CURVE=1; shift ;;
        *) echo "usage: $0 [--workers N] [--no-wait] [--secure]" >&2; exit 2 ;;
    esac
done
if [ ! -x "$INGEST_BIN" ]; then
    echo "start-cluster: $INGEST_BIN not built yet; running Scripts/setup.sh" >&2
    "$ROOT/Scripts/setup.sh"
fi
mkdir -p "$PID_DIR" "$LOG_DIR"
chmod 700 "$INGEST_DATA"

if [ "${INGEST_CURVE:-0}" = 1 ]; then
    keys="${INGEST_KEYS:-$INGEST_DATA/keys}"
    "$INGEST_BIN" keys server --config "$INGEST_CONFIG" >/dev/null
    [ -f "$keys/worker.key" ] || "$INGEST_BIN" keys new --config "$INGEST_CONFIG" --role worker worker >/dev/null
    [ -f "$keys/client.key" ] || "$INGEST_BIN" keys new --config "$INGEST_CONFIG" --role producer --role reader client >/dev/null
    echo "start-cluster: CURVE on; keys in $keys (server public key in $keys/server.public); export INGEST_CURVE=1 for clients" >&2
fi

start() {
    local name="$1"; shift
    local pidfile="$PID_DIR/$name.pid"
    if [ -f "$pidfile" ] && is_running "$(cat "$pidfile")"; then
        echo "start-cluster: $name already running (pid $(cat "$pidfile"))" >&2
        return
    fi
    rotate_log "$LOG_DIR/$name.log"
    nohup "$INGEST_BIN" "$@" --config "$INGEST_CONFIG" >>"$LOG_DIR/$name.log" 2>&1 &
    echo $! >"$pidfile"
}

start aggregator aggregator
start broker broker
for i in $(seq 1 "$workers"); do start "worker-$i" worker; done

[ "$wait_ready" = 1 ] || exit 0

# Ready when the broker and the aggregator answer and every worker has said READY to the broker.
for _ in $(seq 1 100); do
    if status="$("$INGEST_BIN" status --config "$INGEST_CONFIG" 2>/dev/null)"; then
        live="$(printf '%s\n' "$status" | sed -n 's/.*live workers \([0-9]*\).*/\1/p')"
        if [ "${live:-0}" -ge "$workers" ]; then
            echo "start-cluster: broker, aggregator and $workers workers running; data in $INGEST_DATA" >&2
            exit 0
        fi
    fi
    for pidfile in "$PID_DIR"/*.pid; do
        if ! is_running "$(cat "$pidfile")"; then
            name="$(basename "$pidfile" .pid)"
            echo "start-cluster: $name exited; its log ($LOG_DIR/$name.log) ends:" >&2
            tail -n 5 "$LOG_DIR/$name.log" >&2
            "$(dirname "$0")/stop-cluster.sh" >&2 || true
            exit 1
        fi
    done
    sleep 0.2
done
echo "start-cluster: the daemons did not answer within 20 s" >&2
"$INGEST_BIN" status --config "$INGEST_CONFIG" >&2 || true
exit 1
