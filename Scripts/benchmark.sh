#!/usr/bin/env bash
# Measures the extractor on one core over a few thousand articles and prints MB/s and documents/s.
# Usage: Scripts/benchmark.sh [FOLDER]
#   default: 3,000 synthetic reports of real length (make-corpus.py --full, 3-6 KB each) plus the bundled
#   samples and annotated fixtures; SHORT=1 uses the short (~600-byte) reports instead, where the cost per
#   document weighs more.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
swift build -c release --product ingest-benchmark 2>&1 | grep -Ev '^warning: ' >&2
folder="${1:-}"
if [ -z "$folder" ]; then
    folder="$(mktemp -d /tmp/ingest-bench.XXXXXX)"
    trap 'rm -rf "$folder"' EXIT
    python3 Scripts/make-corpus.py 3000 "$folder" $([ -n "${SHORT:-}" ] || echo --full)
    cp Tests/IngestIntegrationTests/Articles/*.txt Tests/MeetingExtractionTests/Fixtures/annotated/*.txt "$folder/"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
taskset -c 0 "$ROOT/.build/release/ingest-benchmark" "$folder" --seconds "${SECONDS_PER_RUN:-5}"
