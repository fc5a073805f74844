#!/usr/bin/env bash
# Installs libzmq (Debian's libzmq3-dev) if it is missing, then builds the release binary.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

if ! pkg-config --exists libzmq 2>/dev/null; then
    echo "setup: installing libzmq3-dev with apt" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libzmq3-dev pkg-config >/dev/null
fi
echo "setup: libzmq $(pkg-config --modversion libzmq)" >&2
swift build -c release --product ingest 2>&1 | grep -Ev '^(warning: .*(prohibited flag|C language in tests))' >&2
echo "setup: built $INGEST_BIN" >&2
