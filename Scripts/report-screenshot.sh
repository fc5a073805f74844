#!/usr/bin/env bash
# Renders `ingest report` headless in Chromium to a PNG, to look at the page as a person would.
# Usage: Scripts/report-screenshot.sh [PAGE.html [SHOT.png]]
#   With no PAGE (or one that does not exist yet), writes it first with `ingest report` from the newest
#   snapshot in $INGEST_DATA (default: data/). SHOT defaults to PAGE with .png. WINDOW=1280,2400 sets the
#   viewport; the shot is of the top of the page only, so make it taller to see more.
# Needs Chromium (Debian: apt-get install chromium); the tests never do.
set -euo pipefail
source "$(dirname "$0")/common.sh"

page="${1:-$INGEST_DATA/report.html}"
shot="${2:-${page%.html}.png}"
window="${WINDOW:-1280,2400}"

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
    echo "no Chromium found (Debian: apt-get install chromium)" >&2
    exit 1
fi

if [ ! -f "$page" ]; then
    [ -x "$INGEST_BIN" ] || "$ROOT/Scripts/setup.sh"
    "$INGEST_BIN" report --config "$INGEST_CONFIG" --out "$page"
fi
page="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"

# --no-sandbox: headless runs as root in containers; the page is our own and has no scripts.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$window" \
    --screenshot="$shot" "file://$page" 2>/dev/null
[ -s "$shot" ] || { echo "Chromium wrote no screenshot to $shot" >&2; exit 1; }
echo "wrote $shot from $page"
