#!/usr/bin/env bash
# Sets up (libzmq, release build) and runs the whole test suite. The test across hosts also needs
# iproute2 and tcpdump (network namespaces and a capture); they are installed here when missing.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
"$ROOT/Scripts/setup.sh"
if [ "$(id -u)" -eq 0 ] && { ! command -v tcpdump >/dev/null || ! command -v ip >/dev/null; }; then
    echo "test: installing iproute2 and tcpdump with apt, for the test across hosts" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 tcpdump >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 tcpdump >/dev/null; } \
        || echo "test: could not install them; the test across hosts will say it is skipped" >&2
fi
swift test 2>&1 | grep -Ev '^warning: .*(prohibited flag|C language in tests)'
exit "${PIPESTATUS[0]}"
