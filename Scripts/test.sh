#!/usr/bin/env bash
# Sets up (libzmq, release build) and runs the whole test suite.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
"$ROOT/Scripts/setup.sh"
swift test 2>&1 | grep -Ev '^warning: .*(prohibited flag|C language in tests)'
exit "${PIPESTATUS[0]}"
