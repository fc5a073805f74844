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
# Tests run in parallel, so a failure is printed somewhere in thousands of lines; a CI that keeps only the end of the
# output would not show it. On failure, the failed tests and their issues are printed again, last.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
swift test 2>&1 | grep -Ev '^warning: .*(prohibited flag|C language in tests)' | tee "$log"
status="${PIPESTATUS[0]}"
set -e
if [ "$status" -ne 0 ]; then
    echo "test: swift test exited $status; what failed:"
    # An issue's line, the lines of its message under it (↳), and the line of each test that failed or crashed.
    sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '/^✘ Test .*recorded an issue/ { print; more = 1; next }
        more && /^ *↳/ { print; next } { more = 0 }
        /^✘ Test .*failed after|error: |Fatal error|unexpected signal/ { print }' | head -n 80 | cut -c1-600
fi
exit "$status"
