#!/usr/bin/env bash
# Sets up (libzmq, release build) and runs the whole test suite. The test across hosts also needs
# iproute2 and tcpdump (network namespaces and a capture), and the journal's sync tests strace (its fault
# injection holds back or fails the broker's fsync); they are installed here when missing.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
"$ROOT/Scripts/setup.sh"
if [ "$(id -u)" -eq 0 ] && { ! command -v tcpdump >/dev/null || ! command -v ip >/dev/null || ! command -v strace >/dev/null; }; then
    echo "test: installing iproute2, tcpdump and strace with apt, for the test across hosts and the journal's sync tests" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 tcpdump strace >/dev/null 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 tcpdump strace >/dev/null; } \
        || echo "test: could not install them; the test across hosts will say it is skipped, and the sync tests will not run" >&2
fi
swift test 2>&1 | grep -Ev '^warning: .*(prohibited flag|C language in tests)'
exit "${PIPESTATUS[0]}"
