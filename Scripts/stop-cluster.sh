#!/usr/bin/env bash
# Stops the cluster gracefully, by PID: workers, then the broker, then the aggregator (which writes
# its final snapshot). Waits for each to exit; kills with SIGKILL only after 15 s.
set -uo pipefail
source "$(dirname "$0")/common.sh"

status=0
stop() {
    local pidfile="$1"
    [ -f "$pidfile" ] || return 0
    local pid name
    pid="$(cat "$pidfile")"
    name="$(basename "$pidfile" .pid)"
    if is_running "$pid" && ! is_daemon "$pid" "$(role_of "$pidfile")"; then
        echo "stop-cluster: $name's pid file names pid $pid, another program (a stale file); left it alone" >&2
    elif is_running "$pid" && kill -TERM "$pid" 2>/dev/null; then
        for _ in $(seq 1 150); do
            is_running "$pid" || break
            sleep 0.1
        done
        if is_running "$pid"; then
            echo "stop-cluster: $name (pid $pid) did not stop in 15 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null
            status=1
        fi
    fi
    rm -f "$pidfile"
}

shopt -s nullglob
for pidfile in "$PID_DIR"/worker-*.pid; do stop "$pidfile" & done
wait
stop "$PID_DIR/broker.pid"
stop "$PID_DIR/aggregator.pid"
echo "stop-cluster: stopped" >&2
exit $status
