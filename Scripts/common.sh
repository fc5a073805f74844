# Shared by the cluster scripts: where things are, and which binary to run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export INGEST_CONFIG="${INGEST_CONFIG:-$ROOT/Config/cluster.toml}"
export INGEST_DATA="${INGEST_DATA:-$ROOT/data}"
INGEST_BIN="${INGEST_BIN:-$ROOT/.build/release/ingest}"
PID_DIR="$INGEST_DATA/pids"
LOG_DIR="$INGEST_DATA/logs"

# True while PID runs. A killed daemon that nobody has reaped yet (a zombie: on some machines PID 1
# does not reap orphans) counts as gone, so `kill -0` alone is not enough.
is_running() {
    local state
    state="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}
