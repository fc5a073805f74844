# Shared by the cluster scripts: where things are, and which binary to run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export INGEST_CONFIG="${INGEST_CONFIG:-$ROOT/Config/cluster.toml}"
export INGEST_DATA="${INGEST_DATA:-$ROOT/data}"
INGEST_BIN="${INGEST_BIN:-$ROOT/.build/release/ingest}"
PID_DIR="$INGEST_DATA/pids"
LOG_DIR="$INGEST_DATA/logs"
