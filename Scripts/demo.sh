#!/usr/bin/env bash
# The main job on the bundled sample articles: set up, start a cluster, submit the samples and wait
# until they are applied, stop the cluster, and print the per-province table.
set -euo pipefail
afresh=""
if [ -z "${INGEST_DATA:-}" ]; then
    # The demo's own data directory, started afresh each run.
    export INGEST_DATA="$(cd "$(dirname "$0")/.." && pwd)/data/demo"
    afresh=1
fi
source "$(dirname "$0")/common.sh"

"$ROOT/Scripts/setup.sh"
# A demo cluster left running (an earlier run killed) is stopped before its folder is emptied, while its pid files and
# locks still name it.
"$ROOT/Scripts/stop-cluster.sh" 2>/dev/null || true
[ -z "$afresh" ] || rm -rf "$INGEST_DATA"
"$ROOT/Scripts/start-cluster.sh" --workers 2
trap '"$ROOT/Scripts/stop-cluster.sh"' EXIT
"$INGEST_BIN" submit --config "$INGEST_CONFIG" --wait "$ROOT/Tests/IngestIntegrationTests/Articles"
"$ROOT/Scripts/stop-cluster.sh"
trap - EXIT
"$INGEST_BIN" snapshot --config "$INGEST_CONFIG" --format table
