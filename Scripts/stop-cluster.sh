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
# STOP_ONLY="aggregator worker-3" (start-cluster.sh after a failed start): only those, and no daemon found by its lock.
only() { [ -z "${STOP_ONLY+set}" ] || [[ " $STOP_ONLY " == *" $(basename "$1" .pid) "* ]]; }
# Daemons of this data directory that no pid file names (the pids folder cleared by hand, or the whole data directory
# removed under a running cluster): found as is_daemon knows them, by the data directory in their environment, and
# given a pid file to be stopped in order with the others. (A broker or an aggregator also holds its lock; a worker none.)
if [ -z "${STOP_ONLY+set}" ]; then
    listed=" $(cat "$PID_DIR"/*.pid 2>/dev/null | tr '\n' ' ') "
    for proc in /proc/[0-9]*; do
        pid="${proc#/proc/}"
        [[ "$listed" == *" $pid "* ]] && continue
        # The role from the command line, read without a subprocess: is_daemon's checks run only for `ingest ROLE`.
        mapfile -d '' -t arguments <"$proc/cmdline" 2>/dev/null || continue
        role="${arguments[1]:-}"
        case "$role" in worker | broker | aggregator) ;; *) continue ;; esac
        is_daemon "$pid" "$role" || continue
        pidfile="$PID_DIR/$role.pid"
        [ "$role" = worker ] && pidfile="$PID_DIR/worker-unlisted-$pid.pid"
        [ -e "$pidfile" ] && continue
        article=a; [ "$role" = aggregator ] && article=an
        echo "stop-cluster: $article $role of $INGEST_DATA (pid $pid) had no pid file; stopping it too" >&2
        mkdir -p "$PID_DIR"
        echo "$pid" >"$pidfile"
    done
fi
pidfiles=("$PID_DIR"/*.pid)
if [ "${#pidfiles[@]}" = 0 ]; then
    echo "stop-cluster: no pid files in $PID_DIR: nothing of a cluster with INGEST_DATA=$INGEST_DATA to stop (is that the data directory it was started with?)" >&2
fi
# Workers together, each in a subshell whose exit status says whether it had to be killed.
stoppers=()
for pidfile in "$PID_DIR"/worker-*.pid; do only "$pidfile" || continue; (status=0; stop "$pidfile"; exit $status) & stoppers+=($!); done
for stopper in ${stoppers[@]+"${stoppers[@]}"}; do wait "$stopper" || status=1; done
only broker.pid && stop "$PID_DIR/broker.pid"
only aggregator.pid && stop "$PID_DIR/aggregator.pid"
# A broker or an aggregator of this data directory that no pid file names (its file removed by hand, or lost in a race
# of two starts) still holds the directory's lock, which names it.
for role in broker aggregator; do
    holder="$(sed -n 's/^pid //p' "$INGEST_DATA/$role.lock" 2>/dev/null | head -n 1)"
    [ -n "$holder" ] && is_daemon "$holder" "$role" || continue
    # Named by its pid file: stopped above, or (STOP_ONLY) not this run's to stop.
    [ "$(cat "$PID_DIR/$role.pid" 2>/dev/null)" = "$holder" ] && continue
    if [ -n "${STOP_ONLY+set}" ]; then
        echo "stop-cluster: the $role holding $INGEST_DATA/$role.lock (pid $holder) has no pid file; left running (Scripts/stop-cluster.sh stops it)" >&2
        continue
    fi
    echo "stop-cluster: the $role holding $INGEST_DATA/$role.lock (pid $holder) had no pid file; stopping it too" >&2
    mkdir -p "$PID_DIR"
    echo "$holder" >"$PID_DIR/$role.pid"
    stop "$PID_DIR/$role.pid"
done
[ -n "${STOP_ONLY+set}" ] || rm -f "$PID_DIR/curve"
[ "${#pidfiles[@]}" = 0 ] || echo "stop-cluster: stopped" >&2
exit $status
