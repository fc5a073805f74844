#!/usr/bin/env bash
# Starts the aggregator, the broker and N workers in the background (pid files and logs under
# $INGEST_DATA), and returns once all answer (or at once with --no-wait, for restarting the dead).
# With --secure: CURVE on every socket (INGEST_CURVE=1); a server key, a `worker` key and a `client` key
# (producer and reader) are made under $INGEST_DATA/keys when missing. Export INGEST_CURVE=1 to use the
# cluster's keys from `ingest submit`, `status` and `snapshot --live` afterwards.
# --benchmark-skip-extraction (Scripts/benchmark-cluster.sh --ceiling only) starts workers that make records
# without extracting.
# INGEST_START_TIMEOUT (seconds, default 20) is how long it waits for the daemons to answer; a records store being
# moved to a new schema does not count against it.
# Usage: Scripts/start-cluster.sh [--workers N] [--no-wait] [--secure]
set -euo pipefail
source "$(dirname "$0")/common.sh"

# One line: what is wrong, and how it is used.
usage() {
    echo "start-cluster: ${1:+$1; }usage: $0 [--workers N] [--no-wait] [--secure]" >&2
    exit 2
}

workers=2
wait_ready=1
worker_flags=()
while [ $# -gt 0 ]; do
    case "$1" in
        --workers) [ $# -ge 2 ] || usage "--workers needs a number"; workers="$2"; shift 2 ;;
        --workers=*) workers="${1#*=}"; shift ;;
        --no-wait) wait_ready=0; shift ;;
        --secure) export INGEST_CURVE=1; shift ;;
        --benchmark-skip-extraction) worker_flags+=(--benchmark-skip-extraction); shift ;;
        *) usage "unknown option '$1'" ;;
    esac
done
# A whole number, checked here: anything else used to fail 100 times in the wait below, then blame a timeout.
[[ "$workers" =~ ^[0-9]+$ ]] || usage "--workers takes a whole number of workers (0 or more), not '$workers'"
# At most 256 on one machine, checked before the shell's arithmetic, which wraps past 2^63.
{ [ "${#workers}" -le 4 ] && [ $((10#$workers)) -le 256 ]; } || usage "--workers takes at most 256 workers on one machine, not $workers"
workers=$((10#$workers))
start_timeout="${INGEST_START_TIMEOUT:-20}"
{ [[ "$start_timeout" =~ ^[0-9]+$ ]] && [ "${#start_timeout}" -le 5 ] && [ $((10#$start_timeout)) -ge 1 ]; } \
    || usage "INGEST_START_TIMEOUT takes a whole number of seconds from 1 to 99999, not '$start_timeout'"
start_timeout=$((10#$start_timeout))
if [ ! -x "$INGEST_BIN" ]; then
    echo "start-cluster: $INGEST_BIN not built yet; running Scripts/setup.sh" >&2
    "$ROOT/Scripts/setup.sh"
fi
# A folder others may write to (/tmp, a shared drop folder) is refused, not made private under them.
# (Through a link, as the daemons see it: a data directory linked to a larger disk is the folder it points to.)
if [ -d "$INGEST_DATA" ] && [ -n "$(find -L "$INGEST_DATA" -maxdepth 0 \( -perm -1000 -o -perm -0002 -o \( -perm -2000 -perm -0020 \) \))" ]; then
    echo "start-cluster: INGEST_DATA=$INGEST_DATA is a folder others may write to (mode $(stat -L -c %a "$INGEST_DATA")); give the cluster a folder of its own" >&2
    exit 2
fi
mkdir -p "$PID_DIR" "$LOG_DIR"
chmod 700 "$INGEST_DATA"

# A cluster started with --secure is restarted with it: run again to restart a dead daemon, this script would
# otherwise start it without CURVE, where it can reach nobody. The mark outlives the daemons (a reboot, an OOM kill):
# only stop-cluster.sh, or INGEST_CURVE set to off, removes it.
if [ "${INGEST_CURVE+set}" != set ] && [ -f "$PID_DIR/curve" ]; then
    echo "start-cluster: this cluster was started with --secure; starting with CURVE on too (INGEST_CURVE=0 to start it without)" >&2
    export INGEST_CURVE=1
fi

# The values the daemons take as on (1, true, yes, on, in any case), so that the keys are made for them.
if [[ "${INGEST_CURVE:-0}" =~ ^(1|[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss]|[Oo][Nn])$ ]]; then
    keys="${INGEST_KEYS:-$INGEST_DATA/keys}"
    "$INGEST_BIN" keys server --config "$INGEST_CONFIG" >/dev/null
    [ -f "$keys/worker.key" ] || "$INGEST_BIN" keys new --config "$INGEST_CONFIG" --role worker worker >/dev/null
    [ -f "$keys/client.key" ] || "$INGEST_BIN" keys new --config "$INGEST_CONFIG" --role producer --role reader client >/dev/null
    echo "start-cluster: CURVE on; keys in $keys (server public key in $keys/server.public); export INGEST_CURVE=1 for clients" >&2
    touch "$PID_DIR/curve"
else
    rm -f "$PID_DIR/curve"
fi

SETSID="$(command -v setsid || true)"

start() {
    local name="$1"; shift
    local pidfile="$PID_DIR/$name.pid"
    if [ -f "$pidfile" ] && is_daemon "$(cat "$pidfile")" "$(role_of "$pidfile")"; then
        echo "start-cluster: $name already running (pid $(cat "$pidfile"))" >&2
        return
    fi
    rotate_log "$LOG_DIR/$name.log"
    (
        # Descriptors this script inherited beyond 0-2 are not the daemon's to keep: a caller that waits
        # for one to close (Foundation's Process does, to see its child exit) would wait for the daemon.
        for fd in /proc/$BASHPID/fd/*; do
            fd="${fd##*/}"
            if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        # Each daemon leads a session of its own (setsid: no fork here, so the pid file stays true). In one
        # process group, a worker's exit while the broker is stopped (SIGSTOP, a debugger) makes the kernel
        # send the group SIGHUP and SIGCONT wherever PID 1 shares the daemons' session (a container).
        exec $SETSID nohup "$INGEST_BIN" "$@" --config "$INGEST_CONFIG" >>"$LOG_DIR/$name.log" 2>&1
    ) &
    local pid=$!
    # The pid file names the daemon, not the shell that is about to become it: wait (a few milliseconds) for the exec,
    # so that no pid file ever names a process that is not yet, or no longer, this cluster's daemon.
    for _ in $(seq 1 100); do
        is_daemon "$pid" "$(role_of "$pidfile")" && break
        is_running "$pid" || break
        sleep 0.01
    done
    echo "$pid" >"$pidfile"
    started_now+=("$name")
}
started_now=()

start aggregator aggregator
start broker broker
for i in $(seq 1 "$workers"); do start "worker-$i" worker ${worker_flags[@]+"${worker_flags[@]}"}; done

[ "$wait_ready" = 1 ] || exit 0

# Workers whose pid file names a live process: those this run started and any left from an earlier one
# (with --workers 2 after --workers 5, workers 3 to 5 keep running).
running_workers() {
    local count=0 pidfile
    for pidfile in "$PID_DIR"/worker-*.pid; do
        [ -f "$pidfile" ] && is_daemon "$(cat "$pidfile")" worker && count=$((count + 1))
    done
    echo "$count"
}

# Ready when the daemons this script looks after are all running, the broker and the aggregator answer, and every
# worker has said READY to the broker. A daemon that exited fails the start even if something else answers at its
# endpoint (another aggregator on this data directory that no pid file names: the lock it holds is what this one
# exited on). INGEST_START_TIMEOUT in all, by the clock: each `status` of a silent daemon takes 1.5 s.
deadline=$((SECONDS + start_timeout))
while :; do
    pass_started=$SECONDS
    for name in aggregator broker $(seq -f 'worker-%g' 1 "$workers"); do
        pidfile="$PID_DIR/$name.pid"
        if ! is_running "$(cat "$pidfile" 2>/dev/null)"; then
            echo "start-cluster: $name exited; its log ($LOG_DIR/$name.log) ends:" >&2
            tail -n 5 "$LOG_DIR/$name.log" >&2
            # What this run started is stopped; what was running before it (daemons it left alone, or one holding the data
            # directory's lock with no pid file) is not: it may be serving. Scripts/stop-cluster.sh stops everything.
            STOP_ONLY="${started_now[*]}" "$(dirname "$0")/stop-cluster.sh" >&2 || true
            exit 1
        fi
    done
    if status="$("$INGEST_BIN" status --config "$INGEST_CONFIG" 2>/dev/null)"; then
        live="$(printf '%s\n' "$status" | sed -n 's/.*live workers \([0-9]*\).*/\1/p')"
        if [ "${live:-0}" -ge "$workers" ]; then
            running="$(running_workers)"
            extra=""
            [ "$running" != "$workers" ] && extra=" ($workers asked for; Scripts/stop-cluster.sh stops them all)"
            echo "start-cluster: broker, aggregator and $running workers running$extra; data in $INGEST_DATA" >&2
            exit 0
        fi
    fi
    # The first start after an upgrade may move the records store to a new schema (about 90 s per million
    # documents); that time does not count against the timeout.
    # (The log is appended to across starts: what counts is whether its latest start is still moving.)
    if grep -E "moving the records store|aggregator listening" "$LOG_DIR/aggregator.log" 2>/dev/null | tail -n 1 | grep -q "moving the records store"; then
        [ -n "${said_moving:-}" ] || echo "start-cluster: the aggregator is moving its records store to a new schema; waiting for it" >&2
        said_moving=1
        sleep 1
        # The whole pass, its status included, is given back: the time left after the move is what was left before it.
        deadline=$((deadline + SECONDS - pass_started))
        continue
    fi
    # Checked here, after the move's check, so that a timeout shorter than a pass of this loop still waits out a move.
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.2
done
# Every daemon is still running, only not ready (a broker that answers nobody, workers that cannot reach it): they are
# left running, as they may yet get there, and said to be.
echo "start-cluster: the daemons did not answer within $start_timeout s (INGEST_START_TIMEOUT); they are left running (Scripts/stop-cluster.sh stops them). Status now:" >&2
"$INGEST_BIN" status --config "$INGEST_CONFIG" >&2 || true
exit 1
