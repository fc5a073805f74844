#!/usr/bin/env bash
# Installs libzmq and SQLite (Debian's libzmq3-dev, libsqlite3-dev, and the sqlite3 shell the README's salvage
# step uses) if missing, then builds the release binary.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

# The cluster scripts also need ps (procps) and setsid (util-linux), which slim images may lack.
if ! pkg-config --exists libzmq sqlite3 2>/dev/null || ! command -v sqlite3 >/dev/null \
    || ! command -v ps >/dev/null || ! command -v setsid >/dev/null; then
    echo "setup: installing libzmq3-dev, libsqlite3-dev, the sqlite3 shell, procps and util-linux with apt" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libzmq3-dev libsqlite3-dev sqlite3 pkg-config procps util-linux >/dev/null
fi
echo "setup: libzmq $(pkg-config --modversion libzmq), SQLite $(pkg-config --modversion sqlite3)" >&2
# INGEST_BIN naming another binary that exists (a debug build, a release kept to compare) is what runs: nothing to build.
if [ "$INGEST_BIN" != "$ROOT/.build/release/ingest" ] && [ -x "$INGEST_BIN" ]; then
    echo "setup: using $INGEST_BIN (INGEST_BIN); nothing built" >&2
    exit 0
fi
swift build -c release --product ingest 2>&1 | grep -Ev '^(warning: .*(prohibited flag|C language in tests))' >&2
echo "setup: built $INGEST_BIN" >&2
