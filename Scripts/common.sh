# Shared by the cluster scripts: where things are, and which binary to run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export INGEST_CONFIG="${INGEST_CONFIG:-$ROOT/Config/cluster.toml}"
export INGEST_DATA="${INGEST_DATA:-$ROOT/data}"
INGEST_BIN="${INGEST_BIN:-$ROOT/.build/release/ingest}"
PID_DIR="$INGEST_DATA/pids"
LOG_DIR="$INGEST_DATA/logs"

# Keeps a daemon's log from growing forever: past 10 MiB it becomes NAME.log.1 (and .1 -> .2, .2 -> .3).
rotate_log() {
    local log="$1"
    [ -f "$log" ] && [ "$(stat -c %s "$log")" -gt $((10 * 1024 * 1024)) ] || return 0
    for n in 2 1; do [ -f "$log.$n" ] && mv -f "$log.$n" "$log.$((n + 1))"; done
    mv -f "$log" "$log.1"
}

# True while PID runs. A killed daemon that nobody has reaped yet (a zombie: on some machines PID 1
# does not reap orphans) counts as gone, so `kill -0` alone is not enough.
is_running() {
    local state
    state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

# The data directory process PID was given (its INGEST_DATA, resolved against its working directory), or nothing.
data_of() {
    local pid="$1" data cwd
    data="$(tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | sed -n 's/^INGEST_DATA=//p' | head -n 1)"
    [ -n "$data" ] || return 1
    if [ "${data#/}" = "$data" ]; then
        cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null)" || return 1
        data="$cwd/$data"
    fi
    realpath -m "$data"
}

# True while PID runs and is this cluster's daemon ROLE (aggregator, broker, worker): `ingest ROLE ... --config ...`
# given this data directory (start-cluster.sh writes a pid file only once its process has become the daemon). After a reboot or
# a container restart a stale pid file can name another program's process, or another cluster's daemon (a second
# cluster on this machine, with a data directory of its own): it is neither taken for a running daemon nor sent a signal.
is_daemon() {
    local pid="$1" role="$2" arguments
    is_running "$pid" || return 1
    arguments="$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [ "$(sed -n 2p <<<"$arguments")" = "$role" ] && grep -qx -- "--config" <<<"$arguments" \
        && [ "$(data_of "$pid")" = "$(realpath -m "$INGEST_DATA")" ]
}

# The role a pid file's daemon has, from its name (worker-2 -> worker).
role_of() {
    local name
    name="$(basename "$1" .pid)"
    echo "${name%%-*}"
}

# Three free TCP ports on 127.0.0.1, for a cluster of its own: "frontend backend aggregator".
free_ports() {
    python3 -c 'import socket
socks=[socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

# Points this shell at a cluster of its own: INGEST_DATA=$1 and the three endpoints on free loopback ports, so that a
# benchmark's or a test's cluster never meets one already running.
use_private_cluster() {
    local front back agg
    export INGEST_DATA="$1"
    read -r front back agg < <(free_ports)
    export INGEST_FRONTEND="tcp://127.0.0.1:$front" INGEST_BACKEND="tcp://127.0.0.1:$back" INGEST_AGGREGATOR="tcp://127.0.0.1:$agg"
}

# "name=seconds ..." of the CPU (user + system) each daemon of the cluster in $INGEST_DATA has spent so far, from
# /proc/PID/stat of the pid files (a daemon that has exited is left out).
daemon_cpu() {
    local pidfile pid ticks
    ticks="$(getconf CLK_TCK)"
    for pidfile in "$INGEST_DATA/pids"/*.pid; do
        pid="$(cat "$pidfile")"
        [ -r "/proc/$pid/stat" ] || continue
        awk -v name="$(basename "$pidfile" .pid)" -v ticks="$ticks" '{ sub(/^.*\) /, ""); printf "%s=%.3f ", name, ($12 + $13) / ticks }' "/proc/$pid/stat"
    done
}

# The CPU seconds (user + system) each thread of process PID has spent so far, as "LABEL:thread=seconds " items:
# threads name themselves (`records-store`, `extraction`), and a name several threads share is summed by the reader.
thread_cpu() {
    local pid="$1" label="$2" ticks task
    ticks="$(getconf CLK_TCK)"
    for task in /proc/"$pid"/task/*; do
        [ -r "$task/stat" ] || continue
        awk -v name="$label:$(tr -d ' =' < "$task/comm" 2>/dev/null)" -v ticks="$ticks" \
            '{ sub(/^.*\) /, ""); printf "%s=%.3f ", name, ($12 + $13) / ticks }' "$task/stat" 2>/dev/null
    done
}

# How each daemon of the running cluster schedules its threads (`scheduling.coordinators`), as
# "LABEL: batch N, normal M (extraction normal)": the policy is the 41st field of /proc/PID/task/TID/stat.
thread_policies() {
    local pidfile pid
    for pidfile in "$INGEST_DATA/pids"/*.pid; do
        pid="$(cat "$pidfile")"
        for task in /proc/"$pid"/task/*; do
            [ -r "$task/stat" ] && printf '%s %s\n' "$(tr -d ' ' < "$task/comm" 2>/dev/null)" "$(sed 's/^.*) //' "$task/stat" | cut -d' ' -f39)"
        done | awk -v label="$(basename "$pidfile" .pid)" '
            BEGIN { split("normal fifo rr batch iso idle", names, " ") }
            { count[names[$2 + 1]]++; if ($1 == "extraction") extraction = names[$2 + 1] }
            END { line = label ":"; for (name in count) line = line " " name " " count[name]; if (extraction != "") line = line " (extraction " extraction ")"; print line }'
    done | paste -sd ';' | sed 's/;/; /g'
}
