#!/usr/bin/env bash
# Runs faults from a tester's report against real processes (the release `ingest` binary), each in a
# temporary data directory of its own on free loopback ports, and prints one line per fault:
#   fault=<name> lost=N duplicated=N deadlettered=N <figures...> check=ok|FAILED(<why>)
# then an overall line. Exits non-zero if any fault lost or duplicated a document or failed its check.
#
# Usage: Scripts/faults.sh [--quick] [--keep] [--list] [NAME...]
#   --list   the faults, one a line, with what each does
#   --quick  shorter outages and fewer documents (minutes instead of most of an hour)
#   --keep   keep the work folder (logs, configs, data) and print where it is
#   NAME...  run only these faults (default: all)
# Environment: INGEST_BIN (default .build/release/ingest), INGEST_FAULTS_BIN (default
# .build/release/ingest-faults, built from Sources/ingest-faults for the protocol-level faults).
#
# "lost" counts documents the broker ACCEPTED (or answered DUPLICATE for) that are not among the
# ids in the aggregator's records store (dead-lettered counts as lost for the generated reports, which are all
# healthy, but not for a fault's own hostile document); "duplicated" counts ids applied twice, documentsApplied beyond the
# distinct ids, and per-province `documents` beyond what the extractor (run in-process) says the
# applied documents mention; "deadlettered" is the broker's dead-lettered counter (or the files in
# $INGEST_DATA/deadletter when the broker does not answer). Some faults need root (tmpfs mounts).
set -uo pipefail
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
source "$SCRIPTS/common.sh"
FAULTS_BIN="${INGEST_FAULTS_BIN:-$ROOT/.build/release/ingest-faults}"

ALL_FAULTS=(aggregator-outage disk-full-broker second-broker lost-snapshots disk-full-running province-list
            huge-record huge-metadata published-overflow unread-queries failed-flood broker-restart-50k)
describe_fault() {
    case "$1" in
        aggregator-outage) echo "the aggregator stopped for 3 min (--quick: 10 s with a 2 s job timeout) while 400 documents flow, then restarted" ;;
        disk-full-broker) echo "the data directory on a small tmpfs, filled while documents are submitted, freed, broker restarted; resubmitting must answer DUPLICATE" ;;
        second-broker) echo "a second broker on the same data directory (other ports) while the first runs and documents flow" ;;
        lost-snapshots) echo "the two newest snapshots deleted after 800 documents; then every snapshot overwritten with garbage" ;;
        disk-full-running) echo "the whole data directory on a tmpfs that fills while running; then the snapshots folder replaced by a file" ;;
        province-list) echo "one 1 MB report that is a long list of province names: minimum live workers, seconds until applied" ;;
        huge-record) echo "one 1 MB report of '1%, ': does it end (applied or dead-lettered) within 60 s, worker max RSS" ;;
        huge-metadata) echo "a SUBMIT whose source is 40,000 '/' (ingest-faults): rejected at once with a reason, or applied" ;;
        published-overflow) echo "a SUBMIT with published 2024-9223372036854775807-01 (ingest-faults): no worker may exit" ;;
        unread-queries) echo "N documents applied (50k; --quick 2k), then 20 QUERY requests whose replies are never read: status latency, aggregator RSS (fails past 400 MB of growth or 5 s without a STATUS answer)" ;;
        failed-flood) echo "FAILED messages with a 4 KiB reason for 5 s on the worker port: broker log growth" ;;
        broker-restart-50k) echo "50k documents (--quick 3k) done, broker restarted: broker RSS, done counter vs expected" ;;
        *) return 1 ;;
    esac
}

quick=0
keep=0
selected=()
while [ $# -gt 0 ]; do
    case "$1" in
        --list) for name in "${ALL_FAULTS[@]}"; do printf '%-20s %s\n' "$name" "$(describe_fault "$name")"; done; exit 0 ;;
        --quick) quick=1; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,/^set /p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "faults: unknown option $1" >&2; exit 2 ;;
        *) describe_fault "$1" >/dev/null || { echo "faults: unknown fault $1 (see --list)" >&2; exit 2; }
           selected+=("$1"); shift ;;
    esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${ALL_FAULTS[@]}")
[ -x "$INGEST_BIN" ] || { echo "faults: $INGEST_BIN not built (swift build -c release)" >&2; exit 1; }

work="$(mktemp -d /tmp/ingest-faults.XXXXXX)"
echo "faults: work folder $work" >&2

log() { echo "faults[$(date +%H:%M:%S)]${FAULT:+ $FAULT}: $*" >&2; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

# ---------------------------------------------------------------------------------------------------
# Clusters. Each has a folder $work/<name> with its config, pid files, logs and bookkeeping; its data
# directory is $work/<name>/data unless a fault puts it elsewhere (a tmpfs). Pid files and logs are kept
# outside the data directory so that a full disk does not lose track of a process.

# write_config OUT key=value... : a copy of Config/cluster.toml with tables_dir absolute and the keys changed.
write_config() {
    python3 - "$ROOT/Config/cluster.toml" "$ROOT/Config" "$@" <<'PY'
import re, sys
source, tables, out, *changes = sys.argv[1:]
wanted = {"extractor.tables_dir": '"%s"' % tables}
for change in changes:
    key, value = change.split("=", 1)
    wanted[key] = value
lines, section, done = [], "", set()
for line in open(source, encoding="utf-8").read().splitlines():
    header = re.match(r"\s*\[([^\]]+)\]", line)
    if header:
        section = header.group(1)
    entry = re.match(r"\s*([A-Za-z_]+)\s*=", line)
    if entry and f"{section}.{entry.group(1)}" in wanted:
        key = f"{section}.{entry.group(1)}"
        line = f"{entry.group(1)} = {wanted[key]}"
        done.add(key)
    lines.append(line)
missing = set(wanted) - done
if missing:
    sys.exit(f"faults: keys not in Config/cluster.toml: {sorted(missing)}")
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
}

# use_cluster NAME [DATA_DIR|-] [key=value...] : sets up (first time) and selects a cluster.
use_cluster() {
    local name="$1" data="${2:--}"
    shift; [ $# -gt 0 ] && shift
    C_NAME="$name"
    C_DIR="$work/$name"
    C_PIDS="$C_DIR/pids"
    C_LOGS="$C_DIR/logs"
    mkdir -p "$C_PIDS" "$C_LOGS"
    [ "$data" = - ] && data="$C_DIR/data"
    C_DATA="$data"
    mkdir -p "$C_DATA"
    if [ ! -f "$C_DIR/env" ]; then
        read -r front back agg < <(free_ports)
        write_config "$C_DIR/cluster.toml" "$@" || return 1
        cat >"$C_DIR/env" <<EOF
export INGEST_DATA="$C_DATA" INGEST_CONFIG="$C_DIR/cluster.toml"
export INGEST_FRONTEND="tcp://127.0.0.1:$front" INGEST_BACKEND="tcp://127.0.0.1:$back" INGEST_AGGREGATOR="tcp://127.0.0.1:$agg"
EOF
    fi
    source "$C_DIR/env"
}

pid_of() { [ -f "$C_PIDS/$1.pid" ] && cat "$C_PIDS/$1.pid"; }
alive() { local pid; pid="$(pid_of "$1")" && [ -n "$pid" ] && is_running "$pid"; }

# start_daemon NAME ingest-arguments... (with extra environment already exported by the caller)
start_daemon() {
    local name="$1"; shift
    if alive "$name"; then return 0; fi
    nohup "$INGEST_BIN" "$@" --config "$INGEST_CONFIG" >>"$C_LOGS/$name.log" 2>&1 &
    echo $! >"$C_PIDS/$name.pid"
}

# stop_daemon NAME [SIGNAL]: SIGTERM (or SIGNAL) by PID, waits up to 15 s, then SIGKILL. Prints the exit status if known.
stop_daemon() {
    local name="$1" signal="${2:-TERM}" pid
    pid="$(pid_of "$name")" || return 0
    if is_running "$pid"; then
        kill "-$signal" "$pid" 2>/dev/null
        for _ in $(seq 1 150); do is_running "$pid" || break; sleep 0.1; done
        if is_running "$pid"; then
            log "$name (pid $pid) did not stop in 15 s; killing it"
            kill -KILL "$pid" 2>/dev/null
            sleep 0.2
        fi
    fi
    wait "$pid" 2>/dev/null
    rm -f "$C_PIDS/$name.pid"
}

workers=2
start_all() {
    start_daemon aggregator aggregator
    start_daemon broker broker
    for i in $(seq 1 "$workers"); do start_daemon "worker-$i" worker; done
}

stop_all() {
    local pidfile
    for pidfile in "$C_PIDS"/worker-*.pid "$C_PIDS"/helper-*.pid; do
        [ -f "$pidfile" ] && stop_daemon "$(basename "$pidfile" .pid)"
    done
    for pidfile in "$C_PIDS"/broker*.pid; do
        [ -f "$pidfile" ] && stop_daemon "$(basename "$pidfile" .pid)"
    done
    stop_daemon aggregator
}

# Restarts the daemons that are not running; prints the names restarted.
restart_dead() {
    local name restarted=()
    for name in aggregator broker $(seq -f 'worker-%g' 1 "$workers"); do
        if ! alive "$name"; then
            restarted+=("$name")
            case "$name" in worker-*) start_daemon "$name" worker ;; *) start_daemon "$name" "$name" ;; esac
        fi
    done
    echo "${restarted[*]:-}"
}

# status: runs `ingest status` (10 s at most) into $S_OUT; sfield PHRASE prints the number after it.
S_OUT=""
status() { S_OUT="$(timeout 10 "$INGEST_BIN" status 2>/dev/null)"; }
sfield() { printf '%s\n' "$S_OUT" | sed -n "s/.*  $1 \([0-9]*\).*/\1/p" | head -1; }

# wait_ready [TIMEOUT]: until both daemons answer and the broker counts all workers.
wait_ready() {
    local deadline=$(( $(date +%s) + ${1:-30} ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        status
        local live; live="$(sfield 'live workers')"
        [ -n "$live" ] && [ -n "$(sfield 'documents applied')" ] && [ "$live" -ge "$workers" ] && return 0
        sleep 0.3
    done
    log "cluster $C_NAME not ready after ${1:-30} s: $(printf '%s' "$S_OUT" | tr '\n' '|')"
    return 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
rss_of() { local pid; pid="$(pid_of "$1")" && rss_kb "$pid" || echo 0; }
mb() { echo $(( ${1:-0} / 1024 )); }

# ---------------------------------------------------------------------------------------------------
# Documents and what was accepted. Every document a fault submits is a file under $C_DIR; `submit`
# records, from `ingest submit`'s report, which were acknowledged (ACCEPTED or DUPLICATE) in
# $C_DIR/accepted.tsv (id, path), which were rejected and which never acknowledged.

corpus() { # corpus N DIR [SEED]: N short generated reports
    python3 "$SCRIPTS/make-corpus.py" "$1" "$2" --seed "${3:-1}" >/dev/null
}

# split_corpus DIR K: moves the files of DIR into DIR/slice-00 ... slice-(K-1)
split_corpus() {
    python3 - "$1" "$2" <<'PY'
import os, sys
folder, k = sys.argv[1], int(sys.argv[2])
names = sorted(n for n in os.listdir(folder) if n.endswith((".txt", ".md")))
for index, name in enumerate(names):
    target = os.path.join(folder, "slice-%02d" % (index * k // len(names)))
    os.makedirs(target, exist_ok=True)
    os.rename(os.path.join(folder, name), os.path.join(target, name))
PY
}

# submit LABEL TIMEOUT PATH... [-- extra submit arguments]: runs `ingest submit`, bounded, and records the answers.
submit() {
    local label="$1" limit="$2"; shift 2
    local paths=() extra=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do paths+=("$1"); shift; done
    [ $# -gt 0 ] && shift && extra=("$@")
    timeout -k 5 "$limit" "$INGEST_BIN" submit "${paths[@]}" "${extra[@]}" \
        >"$C_DIR/submit-$label.out" 2>"$C_DIR/submit-$label.err"
    local rc=$?
    python3 - "$C_DIR" "$label" "$rc" "${paths[@]}" <<'PY'
import hashlib, os, re, sys, unicodedata
folder, label, rc, *paths = sys.argv[1:]
files = []
for path in paths:
    if os.path.isdir(path):
        for root, _, names in os.walk(path):
            files += [os.path.join(root, n) for n in sorted(names) if n.endswith((".txt", ".md"))]
    else:
        files.append(path)
def doc_id(path):
    # The cluster's id (DocumentIdentity): SHA-256 of the text without a leading BOM, with LF line ends, no
    # spaces or tabs ending a line, in NFC.
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(line.rstrip(" \t") for line in lines)
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode()).hexdigest()
out = open(os.path.join(folder, f"submit-{label}.out"), encoding="utf-8", errors="replace").read()
err = open(os.path.join(folder, f"submit-{label}.err"), encoding="utf-8", errors="replace").read()
rejected = set(re.findall(r"^rejected (.*?): ", err, re.M))
unacked = set(re.findall(r"^never acknowledged: (.*)$", err, re.M))
finished = re.search(r"submitted \d+ accepted \d+ duplicate \d+ rejected \d+", out) is not None
def append(name, rows):
    with open(os.path.join(folder, name), "a") as f:
        for row in rows: f.write("\t".join(row) + "\n")
rows = {"accepted.tsv": [], "rejected.tsv": [], "unacked.tsv": [], "unknown.tsv": []}
for path in files:
    key = "unknown.tsv" if not finished else "rejected.tsv" if path in rejected else "unacked.tsv" if path in unacked else "accepted.tsv"
    rows[key].append((doc_id(path) or "-", path))
for name, r in rows.items(): append(name, r)
summary = re.search(r"submitted.*", out)
append("submits.log", [(label, rc, summary.group(0) if summary else "(no summary: killed or crashed)")])
PY
    log "submit $label: $(tail -1 "$C_DIR/submits.log" | cut -f2-)"
    return $rc
}

# Counts in the bookkeeping files.
count_rows() { [ -f "$C_DIR/$1" ] && cut -f1 "$C_DIR/$1" | sort -u | wc -l || echo 0; }

# settle [TIMEOUT]: restarts whatever died, then waits until the broker has nothing queued or in flight
# and the aggregator's count stops moving (bounded).
settle() {
    local limit="${1:-60}" restarted
    restarted="$(restart_dead)"
    [ -n "$restarted" ] && log "settle: restarted $restarted"
    wait_ready 30 || true
    local deadline=$(( $(date +%s) + limit )) last="" stable=0
    while [ "$(date +%s)" -lt "$deadline" ]; do
        status
        local queued inflight applied
        queued="$(sfield queued)"; inflight="$(sfield in-flight)"; applied="$(sfield 'documents applied')"
        if [ "${queued:-x}" = 0 ] && [ "${inflight:-x}" = 0 ] && [ "$applied" = "$last" ]; then
            stable=$((stable + 1)); [ "$stable" -ge 3 ] && return 0
        else
            stable=0
        fi
        last="$applied"
        sleep 0.5
    done
    log "settle: not settled after $limit s: $(printf '%s' "$S_OUT" | tr '\n' '|')"
    return 1
}

# deadlettered: the broker's counter, else the files in the dead-letter folder.
deadlettered() {
    status
    local n; n="$(sfield dead-lettered)"
    [ -n "$n" ] && echo "$n" && return
    find "$C_DATA/deadletter" -name '*.json' 2>/dev/null | wc -l
}

# account [EXTRACT=1]: after the aggregator stopped, compares accepted.tsv with the newest readable
# snapshot; prints `lost=N duplicated=N` and, to stderr, the details. Sets LOST and DUPLICATED.
account() {
    local extract="${1:-1}"
    if [ "$extract" = 1 ] && [ -s "$C_DIR/accepted.tsv" ]; then
        # (Documents over 100 KB are left out: the extractor's time on them is what some faults measure.)
        cut -f2 "$C_DIR/accepted.tsv" | sort -u | python3 -c 'import os, sys
for line in sys.stdin:
    if os.path.getsize(line.rstrip("\n")) <= 102400: print(line.rstrip("\n"))' >"$C_DIR/accepted.files"
        # The extractor in-process, over the accepted documents, says which provinces each mentions.
        timeout 300 xargs -a "$C_DIR/accepted.files" -d '\n' "$INGEST_BIN" extract >"$C_DIR/extracted.jsonl" 2>"$C_DIR/extract.err"
    else
        : >"$C_DIR/extracted.jsonl"
    fi
    local line
    line="$(python3 - "$C_DIR" "$C_DATA/snapshots" "$extract" "$C_DATA" <<'PY'
import hashlib, json, os, sqlite3, sys, unicodedata
folder, snapshots, extract = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
accepted = {}
for row in open(os.path.join(folder, "accepted.tsv")) if os.path.exists(os.path.join(folder, "accepted.tsv")) else []:
    doc, path = row.rstrip("\n").split("\t", 1)
    accepted[doc] = path
snapshot = None
names = sorted((n for n in os.listdir(snapshots) if n.startswith("snapshot-") and n.endswith(".json")), reverse=True) if os.path.isdir(snapshots) else []
for name in names:
    try:
        snapshot = json.load(open(os.path.join(snapshots, name)))
        break
    except Exception:
        continue
if snapshot is None:
    provinces, documents_applied = [], 0
else:
    provinces, documents_applied = snapshot.get("provinces", []), snapshot.get("documentsApplied", 0)
# The applied ids are the aggregator's records store's, read directly (not through ingest).
store_path = os.path.join(sys.argv[4], "journals", "records.sqlite")
applied_ids = []
if os.path.exists(store_path):
    store = sqlite3.connect("file:" + store_path + "?mode=ro", uri=True)
    applied_ids = [row[0] for row in store.execute("SELECT id FROM records")]
    store.close()
applied = set(applied_ids)
dead = set()
deadletter = os.path.join(sys.argv[4], "deadletter")
if os.path.isdir(deadletter):
    dead = {n[:-5] for n in os.listdir(deadletter) if n.endswith(".json")}
# A dead-lettered document counts as lost unless it is a fault's hostile document (under hostile/):
# the generated reports are all healthy, so only the fault can have dead-lettered them.
lost = sorted(d for d in set(accepted) - applied if not (d in dead and "/hostile/" in accepted[d]))
dead_applied = len(dead & applied)
duplicated = (len(applied_ids) - len(applied)) + max(0, documents_applied - len(applied))
extra = 0
if extract:
    mentions, seen = {}, set()
    by_path = {path: doc for doc, path in accepted.items()}
    for line in open(os.path.join(folder, "extracted.jsonl")):
        record = json.loads(line)
        doc = by_path.get(record.get("file"))
        seen.add(doc)
        if doc in applied:
            for name in {p["name"] for p in record.get("provinces", [])}:
                mentions[name] = mentions.get(name, 0) + 1
    unextracted = [d for d in applied if d not in seen]
    if unextracted:
        sys.stderr.write(f"faults: account: {len(unextracted)} applied documents not extracted here; per-province check skipped\n")
    else:
        for p in provinces:
            extra += max(0, p.get("documents", 0) - mentions.get(p["name"], 0))
duplicated += extra
with open(os.path.join(folder, "lost.tsv"), "w") as f:
    for doc in lost: f.write(f"{doc}\t{accepted[doc]}\n")
sys.stderr.write(f"faults: account: accepted {len(accepted)} applied {len(applied)} (documentsApplied {documents_applied}, snapshot {names[0] if names else 'none'}) lost {len(lost)} province excess {extra}\n")
print(f"{len(lost)} {duplicated} {len(applied)} {dead_applied}")
PY
)"
    local status=$?
    # A crashed accounting step has counted nothing: the fault's result says so, with its figures unknown (NA), never
    # zeros that pass. Set for the rest of the fault (each runs in a subshell of its own); the zeros below only keep
    # the sums of faults that account twice working.
    if [ "$status" != 0 ] || ! [[ "$line" =~ ^[0-9]+\ [0-9]+\ [0-9]+\ [0-9]+$ ]]; then
        ACCOUNT_FAILED="the accounting step failed (exit $status), so nothing was counted"
        line="0 0 0 0"
    fi
    read -r LOST DUPLICATED APPLIED DEAD_APPLIED <<<"$line"
}

# The fault's result line: result NAME "figures..." CHECK ("ok" or a reason).
result() {
    local check="$3"
    [ "${LOST:-0}" = 0 ] && [ "${DUPLICATED:-0}" = 0 ] || { [ "$check" = ok ] && check="lost or duplicated"; }
    local lost="${LOST:-0}" duplicated="${DUPLICATED:-0}"
    [ -n "${ACCOUNT_FAILED:-}" ] && { check="$ACCOUNT_FAILED"; lost=NA; duplicated=NA; }
    local unknown; unknown="$(count_rows unknown.tsv)"
    [ "$unknown" -gt 0 ] && set -- "$1" "$2 unknown=$unknown" "$check"
    if [ "$check" = ok ]; then
        echo "fault=$1 lost=$lost duplicated=$duplicated deadlettered=${DEADLETTERED:-0} $2 check=ok"
    else
        echo "fault=$1 lost=$lost duplicated=$duplicated deadlettered=${DEADLETTERED:-0} $2 check=FAILED($check)"
    fi
}

# finish [SETTLE_TIMEOUT] [EXTRACT]: settle, read the dead-letter count, stop everything, account.
finish() {
    settle "${1:-60}" || true
    DEADLETTERED="$(deadlettered)"
    stop_all
    account "${2:-1}"
}

# Things the cleanup must undo, recorded in files so that a fault run in a subshell is undone too.
mount_tmpfs() { # mount_tmpfs DIR SIZE
    mkdir -p "$1"
    # Private, as a data directory must be: a tmpfs is mounted 1777 (sticky, world-writable), which the daemons refuse.
    mount -t tmpfs -o "size=$2,mode=0700" tmpfs "$1" || return 1
    echo "$1" >>"$work/mounts"
}
fill_disk() { # fill_disk DIR: writes zeros until the file system is full
    dd if=/dev/zero of="$1/filler" bs=64k status=none 2>/dev/null
    log "filled $1: $(df -h "$1" | awk 'NR==2 {print $3 " used, " $4 " free"}')"
}

undo_all() {
    local folder pidfile
    for folder in "$work"/*/; do
        [ -d "$folder/pids" ] || continue
        C_DIR="${folder%/}"; C_PIDS="$C_DIR/pids"; C_NAME="$(basename "$C_DIR")"
        for pidfile in "$C_PIDS"/*.pid; do
            [ -f "$pidfile" ] || continue
            local pid; pid="$(cat "$pidfile")"
            if is_running "$pid"; then kill -TERM "$pid" 2>/dev/null; fi
        done
        for pidfile in "$C_PIDS"/*.pid; do
            [ -f "$pidfile" ] || continue
            local pid; pid="$(cat "$pidfile")"
            for _ in $(seq 1 100); do is_running "$pid" || break; sleep 0.1; done
            is_running "$pid" && kill -KILL "$pid" 2>/dev/null
            rm -f "$pidfile"
        done
    done
    if [ -f "$work/restore" ]; then
        while IFS=$'\t' read -r kind a b; do
            case "$kind" in
                moved) [ -e "$b" ] && { rm -f "$a" 2>/dev/null; mv "$b" "$a"; } ;;
                immutable) chattr -i "$a" 2>/dev/null ;;
            esac
        done <"$work/restore"
        rm -f "$work/restore"
    fi
    if [ -f "$work/mounts" ]; then
        while read -r mountpoint; do umount "$mountpoint" 2>/dev/null || umount -l "$mountpoint" 2>/dev/null; done <"$work/mounts"
        rm -f "$work/mounts"
    fi
}

cleanup() {
    undo_all
    if [ "$keep" = 1 ]; then echo "faults: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_faults_bin() {
    [ -x "$FAULTS_BIN" ] && return 0
    log "$FAULTS_BIN not built (swift build -c release --product ingest-faults)"
    return 1
}

# ---------------------------------------------------------------------------------------------------
# The faults. Each prints its result line (and only that) on standard output; progress goes to stderr.

# Submits the slices of a corpus one after another, GAP seconds apart (run it in the background).
submit_slices() { # submit_slices DIR FIRST LAST GAP TIMEOUT
    local i
    for i in $(seq "$2" "$3"); do
        submit "$(printf 's%02d' "$i")" "$5" "$(printf '%s/slice-%02d' "$1" "$i")"
        sleep "$4"
    done
}

# Watches status and RSS every half second until a document is applied (documents applied > APPLIED)
# or dead-lettered (dead-lettered > DEAD) or TIMEOUT passes. Sets ENDED (applied|deadlettered|no),
# END_SECONDS, MIN_LIVE, ZERO_LIVE_POLLS (polls, about half a second apart, that saw no live worker),
# MAX_WORKER_RSS_KB, WORKER_EXITS.
watch_document() { # watch_document APPLIED DEAD TIMEOUT
    local start; start="$(now)"
    local deadline=$(( $(date +%s) + $3 )) i pid
    local pids=(); for i in $(seq 1 "$workers"); do pids+=("$(pid_of "worker-$i")"); done
    ENDED=no END_SECONDS=never MIN_LIVE=999 MAX_WORKER_RSS_KB=0 WORKER_EXITS=0 ZERO_LIVE_POLLS=0
    while [ "$(date +%s)" -lt "$deadline" ]; do
        for pid in "${pids[@]}"; do
            local r; r="$(rss_kb "$pid")"; [ "${r:-0}" -gt "$MAX_WORKER_RSS_KB" ] && MAX_WORKER_RSS_KB="$r"
        done
        status
        local live applied dead
        live="$(sfield 'live workers')"; applied="$(sfield 'documents applied')"; dead="$(sfield dead-lettered)"
        [ -n "$live" ] && [ "$live" -lt "$MIN_LIVE" ] && MIN_LIVE="$live"
        [ "$live" = 0 ] && ZERO_LIVE_POLLS=$((ZERO_LIVE_POLLS + 1))
        if [ -n "$applied" ] && [ "$applied" -gt "$1" ]; then ENDED=applied; break; fi
        if [ -n "$dead" ] && [ "$dead" -gt "$2" ]; then ENDED=deadlettered; break; fi
        sleep 0.5
    done
    [ "$ENDED" != no ] && END_SECONDS="$(elapsed "$start" "$(now)")"
    for pid in "${pids[@]}"; do is_running "$pid" || WORKER_EXITS=$((WORKER_EXITS + 1)); done
    [ "$MIN_LIVE" = 999 ] && MIN_LIVE=NA
}

start_checked() { # start_checked: start the cluster; on failure print a result line and return 1
    start_all
    wait_ready 40 && return 0
    stop_all
    result "$FAULT" "" "cluster did not start"
    return 1
}

fault_aggregator_outage() {
    local outage=180 overrides=()
    [ "$quick" = 1 ] && { outage=10; overrides=(heartbeat.job_timeout_seconds=2); }
    use_cluster outage - "${overrides[@]}" || return
    corpus 400 "$C_DIR/docs" 11 && split_corpus "$C_DIR/docs" 8
    start_checked || return
    submit_slices "$C_DIR/docs" 0 1 0.5 120
    log "stopping the aggregator for $outage s"
    stop_daemon aggregator
    local gap; gap="$(python3 -c "print($outage / 5)")"
    submit_slices "$C_DIR/docs" 2 5 "$gap" 120
    sleep "$gap"
    log "restarting the aggregator"
    start_daemon aggregator aggregator
    submit_slices "$C_DIR/docs" 6 7 0.5 120
    finish 120
    # The reports are all healthy: one dead-lettered only because the aggregator was away is a fault.
    local check=ok
    [ "${DEADLETTERED:-0}" = 0 ] || check="$DEADLETTERED healthy documents dead-lettered during the outage"
    result "$FAULT" "outage_s=$outage job_timeout_s=$([ "$quick" = 1 ] && echo 2 || echo 60) accepted=$(count_rows accepted.tsv) applied=$APPLIED deadlettered_applied=$DEAD_APPLIED" "$check"
}

fault_disk_full_broker() {
    local hold=20; [ "$quick" = 1 ] && hold=6
    mount_tmpfs "$work/diskbroker/data" 16m || { echo "fault=$FAULT lost=NA duplicated=NA deadlettered=NA check=FAILED(cannot mount a tmpfs: root needed)"; return; }
    use_cluster diskbroker "$work/diskbroker/data" || return
    corpus 400 "$C_DIR/docs" 12 && split_corpus "$C_DIR/docs" 8
    start_checked || return
    submit_slices "$C_DIR/docs" 0 1 0.3 60
    # The workers stop first, so that the appends that meet the full disk are the broker's own ACCEPTED
    # records (not DONEs), and what it accepted stays queued until the restart.
    local i; for i in $(seq 1 "$workers"); do stop_daemon "worker-$i"; done
    submit_slices "$C_DIR/docs" 2 6 1 120 &
    local submitter=$!
    sleep 1
    fill_disk "$C_DATA"
    local exits="" tick=0
    for _ in $(seq 1 "$hold"); do
        sleep 1
        tick=$((tick + 1))
        # Halfway, a page or two comes free, so that an append can be cut short rather than refused whole.
        if [ "$tick" = $((hold / 2)) ]; then truncate -s -6000 "$C_DATA/filler"; log "freed ~6 KB of $C_DATA"; fi
        for name in broker aggregator; do alive "$name" || case " $exits " in *" $name "*) ;; *) exits="$exits $name" ;; esac; done
    done
    rm -f "$C_DATA/filler"
    log "space freed; daemons that exited meanwhile:${exits:- none}; restarting the broker (and any other that exited)"
    stop_daemon broker
    start_daemon broker broker
    restart_dead >/dev/null
    for _ in $(seq 1 200); do is_running "$submitter" || break; sleep 1; done
    wait "$submitter" 2>/dev/null
    submit_slices "$C_DIR/docs" 7 7 0 60
    finish 90
    local renewed; renewed="$(resubmit_check)"
    local check=ok
    [ "$renewed" = 0 ] || check="resubmitting acknowledged documents was accepted as new ($renewed)"
    result "$FAULT" "accepted=$(count_rows accepted.tsv) unacked=$(count_rows unacked.tsv) resubmit_accepted_as_new=$renewed exited=$(echo $exits | tr ' ' ,)" "$check"
}

# resubmit_check: with the cluster stopped, starts it, resubmits every acknowledged document (each must
# answer DUPLICATE: the broker knows it), stops it; prints how many were accepted as new (NA if none to try).
resubmit_check() {
    [ -s "$C_DIR/accepted.tsv" ] || { echo NA; return; }
    start_all
    wait_ready 40 >&2 || true
    cut -f2 "$C_DIR/accepted.tsv" | sort -u >"$C_DIR/resubmit.files"
    timeout 120 xargs -a "$C_DIR/resubmit.files" -d '\n' "$INGEST_BIN" submit >"$C_DIR/resubmit.out" 2>"$C_DIR/resubmit.err"
    log "resubmitting the $(wc -l <"$C_DIR/resubmit.files") acknowledged documents: $(tr '\n' ' ' <"$C_DIR/resubmit.out")"
    stop_all
    sed -n 's/.*accepted \([0-9]*\) duplicate.*/\1/p' "$C_DIR/resubmit.out" | awk '{s += $1} END {print (NR ? s + 0 : "NA")}'
}

fault_second_broker() {
    use_cluster second - || return
    corpus 400 "$C_DIR/docs" 13 && split_corpus "$C_DIR/docs" 4
    start_checked || return
    submit_slices "$C_DIR/docs" 0 0 0 60
    local front2 back2 spare
    read -r front2 back2 spare < <(free_ports)
    log "starting a second broker on the same data directory (ports $front2, $back2)"
    INGEST_FRONTEND="tcp://127.0.0.1:$front2" INGEST_BACKEND="tcp://127.0.0.1:$back2" start_daemon broker-2 broker
    local pid2; pid2="$(pid_of broker-2)"
    sleep 3
    local refused=0 code=running named=0
    if ! is_running "$pid2"; then
        wait "$pid2" 2>/dev/null; code=$?
        [ "$code" != 0 ] && refused=1
        grep -q -e "$(pid_of broker)" "$C_LOGS/broker-2.log" && named=1
        log "the second broker exited with $code: $(tail -2 "$C_LOGS/broker-2.log" | tr '\n' ' ')"
        rm -f "$C_PIDS/broker-2.pid"
    else
        log "the second broker is running; sending documents to both"
        INGEST_BACKEND="tcp://127.0.0.1:$back2" start_daemon worker-b2 worker
        INGEST_FRONTEND="tcp://127.0.0.1:$front2" submit_slices "$C_DIR/docs" 1 1 0 60
        submit_slices "$C_DIR/docs" 2 2 0 60
        INGEST_FRONTEND="tcp://127.0.0.1:$front2" submit_slices "$C_DIR/docs" 3 3 0 60
        sleep 2
        stop_daemon worker-b2
        stop_daemon broker-2
    fi
    # If it refused, the rest of the documents go to the first broker.
    [ "$refused" = 1 ] && submit_slices "$C_DIR/docs" 1 3 0 60
    log "restarting the first broker"
    stop_daemon broker
    start_daemon broker broker
    finish 90
    local renewed; renewed="$(resubmit_check)"
    local check=ok
    if [ "$refused" = 1 ]; then
        [ "$named" = 1 ] || check="the second broker refused but its message does not name the holder (pid)"
    else
        [ "$renewed" = 0 ] || check="after the restart, $renewed acknowledged documents were accepted as new"
    fi
    result "$FAULT" "second_refused=$refused second_exit=$code names_holder=$named accepted=$(count_rows accepted.tsv) applied=$APPLIED resubmit_accepted_as_new=$renewed" "$check"
}

fault_lost_snapshots() {
    use_cluster snapshots - snapshots.every_records=100 snapshots.every_seconds=1 || return
    corpus 800 "$C_DIR/docs" 14 && split_corpus "$C_DIR/docs" 8
    start_checked || return
    local i
    for i in $(seq 0 7); do submit "$(printf 's%02d' "$i")" 120 "$(printf '%s/slice-%02d' "$C_DIR/docs" "$i")" -- --wait --wait-timeout 60; sleep 1.2; done
    settle 60
    stop_daemon aggregator
    mkdir -p "$C_DIR/removed"
    local names; names="$(ls "$C_DATA/snapshots" | grep '^snapshot-.*\.json$' | sort | tail -2)"
    log "snapshots: $(ls "$C_DATA/snapshots" | tr '\n' ' '); removing $(echo $names)"
    for n in $names; do mv "$C_DATA/snapshots/$n" "$C_DIR/removed/"; done
    start_daemon aggregator aggregator
    sleep 3
    local refused=0 served=NA
    if ! alive aggregator; then
        refused=1
        log "the aggregator refused to start: $(tail -2 "$C_LOGS/aggregator.log" | tr '\n' ' ')"
        rm -f "$C_PIDS/aggregator.pid"
    else
        wait_ready 30; served="$(sfield 'documents applied')"
        log "the aggregator started and serves $served documents"
    fi
    if [ "$refused" = 1 ]; then
        # Refusing is the right answer; count nothing as lost, put the snapshots back and go on.
        mv "$C_DIR/removed/"* "$C_DATA/snapshots/"
        start_daemon aggregator aggregator
    fi
    finish 60
    local lost_a=$LOST dup_a=$DUPLICATED
    [ "$refused" = 1 ] && lost_a=0
    # Then every snapshot unreadable: the aggregator must not serve 0 documents as if all were well.
    for f in "$C_DATA"/snapshots/snapshot-*.json; do head -c 2048 /dev/urandom >"$f"; done
    start_daemon aggregator aggregator
    sleep 3
    local garbage
    if ! alive aggregator; then
        garbage=refused
        log "garbage snapshots: the aggregator refused: $(tail -2 "$C_LOGS/aggregator.log" | tr '\n' ' ')"
        rm -f "$C_PIDS/aggregator.pid"
    else
        status; garbage="served:$(sfield 'documents applied')"
        log "garbage snapshots: the aggregator started and serves $(sfield 'documents applied') of $(count_rows accepted.tsv)"
    fi
    stop_all
    LOST=$lost_a DUPLICATED=$dup_a
    local check=ok
    case "$garbage" in refused) ;; "served:$(count_rows accepted.tsv)") ;; *) check="with every snapshot unreadable the aggregator started and served ${garbage#served:} documents" ;; esac
    result "$FAULT" "refused=$refused served_after_restart=$served accepted=$(count_rows accepted.tsv) garbage_snapshots=$garbage" "$check"
}

# Watches the daemons for SECONDS; prints the names that exited.
watch_exits() {
    local exits="" name
    for _ in $(seq 1 "$1"); do
        sleep 1
        for name in aggregator broker $(seq -f 'worker-%g' 1 "$workers"); do
            alive "$name" || case " $exits " in *" $name "*) ;; *) exits="$exits $name" ;; esac
        done
    done
    echo "$exits"
}

fault_disk_full_running() {
    local hold=30; [ "$quick" = 1 ] && hold=10
    # Sized to hold the whole run once the filler is gone (the records store keeps every record, the broker
    # journal every body until a compaction, and the WAL grows to 32 MiB between checkpoints); 24 MiB held
    # the journal format but not the store.
    mount_tmpfs "$work/fullrun/data" 96m || { echo "fault=$FAULT lost=NA duplicated=NA deadlettered=NA check=FAILED(cannot mount a tmpfs: root needed)"; return; }
    # (a) The whole data directory fills while running.
    use_cluster fullrun "$work/fullrun/data" snapshots.every_seconds=1 || return
    corpus 3000 "$C_DIR/docs" 15 && split_corpus "$C_DIR/docs" 6
    start_checked || return
    submit_slices "$C_DIR/docs" 0 0 0 60
    # 500 documents at once and the disk filled meanwhile, so that some are accepted and being processed
    # (their DONE and records to journal) when it fills, and the rest arrive while it is full.
    submit_slices "$C_DIR/docs" 1 4 1 $((hold + 120)) &
    local submitter=$!
    sleep 0.2
    fill_disk "$C_DATA"
    local exits_a; exits_a="$(watch_exits "$hold")"
    rm -f "$C_DATA/filler"
    log "space freed; exited meanwhile:${exits_a:- none}; restarting those"
    restart_dead >/dev/null
    for _ in $(seq 1 300); do is_running "$submitter" || break; sleep 1; done
    wait "$submitter" 2>/dev/null
    submit_slices "$C_DIR/docs" 5 5 0 60
    finish 90
    local lost=$LOST dup=$DUPLICATED dead=$DEADLETTERED unacked=$(count_rows unacked.tsv) accepted=$(count_rows accepted.tsv)
    # (b) The snapshots folder replaced by a file, so no snapshot can be written.
    use_cluster snapdir - snapshots.every_seconds=1 || return
    corpus 400 "$C_DIR/docs" 16 && split_corpus "$C_DIR/docs" 4
    start_checked || return
    submit_slices "$C_DIR/docs" 0 0 0 60
    mv "$C_DATA/snapshots" "$C_DATA/snapshots.moved" && : >"$C_DATA/snapshots"
    printf 'moved\t%s\t%s\n' "$C_DATA/snapshots" "$C_DATA/snapshots.moved" >>"$work/restore"
    log "snapshots folder replaced by a file"
    submit_slices "$C_DIR/docs" 1 2 1 $((hold + 120)) &
    submitter=$!
    local exits_b; exits_b="$(watch_exits "$hold")"
    rm -f "$C_DATA/snapshots" && mv "$C_DATA/snapshots.moved" "$C_DATA/snapshots"
    sed -i "\|$C_DATA/snapshots|d" "$work/restore"
    log "snapshots folder back; exited meanwhile:${exits_b:- none}; restarting those"
    restart_dead >/dev/null
    for _ in $(seq 1 300); do is_running "$submitter" || break; sleep 1; done
    wait "$submitter" 2>/dev/null
    submit_slices "$C_DIR/docs" 3 3 0 60
    finish 90
    LOST=$((lost + LOST)) DUPLICATED=$((dup + DUPLICATED)) DEADLETTERED=$((dead + DEADLETTERED))
    local check=ok
    [ -z "$exits_a$exits_b" ] || check="daemons exited: disk full:$(echo $exits_a | tr ' ' ,) snapshots unwritable:$(echo $exits_b | tr ' ' ,)"
    result "$FAULT" "exited_disk_full=$(echo $exits_a | tr ' ' ,) exited_snapshots_unwritable=$(echo $exits_b | tr ' ' ,) accepted=$((accepted + $(count_rows accepted.tsv))) unacked=$((unacked + $(count_rows unacked.tsv)))" "$check"
}

# big_document KIND FILE: a ~1 MB report (under the 1 MiB limit).
big_document() {
    python3 - "$1" "$2" <<'PY'
import sys
kind, path = sys.argv[1:]
if kind == "province-list":
    names = ["Cà Mau", "Bạc Liêu", "Sóc Trăng", "Kiên Giang", "An Giang", "Đồng Tháp", "Vĩnh Long", "Trà Vinh",
             "Bến Tre", "Tiền Giang", "Long An", "Hậu Giang", "Cần Thơ", "Bình Phước", "Tây Ninh", "Bình Dương",
             "Đồng Nai", "Lâm Đồng", "Đắk Lắk", "Gia Lai", "Kon Tum", "Quảng Ngãi", "Bình Định", "Phú Yên"]
    head = "Sáng ngày 5/3/2024, hội nghị giao ban trực tuyến có đại biểu các tỉnh "
    parts, size, i = [head], len(head.encode()), 0
    while size < 1_000_000:
        piece = names[i % len(names)] + ", "
        parts.append(piece); size += len(piece.encode()); i += 1
    text = "".join(parts).rstrip(", ") + ".\n"
else:
    text = "Báo cáo số liệu: " + "1%, " * 261_000 + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
}

fault_province_list() {
    local limit=180; [ "$quick" = 1 ] && limit=120
    use_cluster provlist - || return
    corpus 50 "$C_DIR/docs" 17
    mkdir -p "$C_DIR/hostile" && big_document province-list "$C_DIR/hostile/province-list.txt"
    start_checked || return
    submit normal 60 "$C_DIR/docs" -- --wait --wait-timeout 50
    status; local applied dead; applied="$(sfield 'documents applied')"; dead="$(sfield dead-lettered)"
    submit big 60 "$C_DIR/hostile/province-list.txt"
    watch_document "${applied:-0}" "${dead:-0}" "$limit"
    log "province list: $ENDED after $END_SECONDS s; minimum live workers $MIN_LIVE"
    finish 30
    local check=ok
    [ "$ENDED" = no ] && check="not applied or dead-lettered within $limit s"
    result "$FAULT" "min_live_workers=$MIN_LIVE zero_live_polls=$ZERO_LIVE_POLLS ended=$ENDED seconds=$END_SECONDS worker_max_rss_mb=$(mb "$MAX_WORKER_RSS_KB") worker_exits=$WORKER_EXITS" "$check"
}

fault_huge_record() {
    use_cluster hugerecord - || return
    corpus 20 "$C_DIR/docs" 18
    mkdir -p "$C_DIR/hostile" && big_document percent "$C_DIR/hostile/percent.txt"
    start_checked || return
    submit normal 60 "$C_DIR/docs" -- --wait --wait-timeout 50
    local start_rss=0 i r
    for i in $(seq 1 "$workers"); do r="$(rss_of "worker-$i")"; [ "$r" -gt "$start_rss" ] && start_rss="$r"; done
    status; local applied dead; applied="$(sfield 'documents applied')"; dead="$(sfield dead-lettered)"
    submit big 60 "$C_DIR/hostile/percent.txt"
    watch_document "${applied:-0}" "${dead:-0}" 60
    log "1 MB of '1%, ': $ENDED after $END_SECONDS s; worker RSS $(mb "$start_rss") -> max $(mb "$MAX_WORKER_RSS_KB") MB"
    finish 20
    local check=ok
    [ "$ENDED" = no ] && check="neither applied nor dead-lettered within 60 s"
    result "$FAULT" "ended=$ENDED seconds=$END_SECONDS worker_rss_start_mb=$(mb "$start_rss") worker_max_rss_mb=$(mb "$MAX_WORKER_RSS_KB") worker_exits=$WORKER_EXITS" "$check"
}

# hostile_submit LABEL DATE ingest-faults-submit-arguments...: one hand-made SUBMIT of a short report of a meeting
# on DATE; sets REPLY_LINE, REPLY_KIND, REPLY_SECONDS and records the document as acknowledged when it was.
hostile_submit() {
    local label="$1" date="$2"; shift 2
    mkdir -p "$C_DIR/hostile"
    local body="$C_DIR/hostile/$label.txt"
    printf 'Sáng ngày %s, UBND tỉnh Cà Mau tổ chức hội nghị giao ban về chuyển đổi số.\nBản tin số %s.\n' "$date" "$label" >"$body"
    REPLY_LINE="$(timeout 30 "$FAULTS_BIN" submit --endpoint "$INGEST_FRONTEND" --body-file "$body" --timeout 15 "$@" 2>&1 | tail -1)"
    REPLY_KIND="$(awk '{print $1}' <<<"$REPLY_LINE")"
    REPLY_SECONDS="$(sed -n 's/.* after \([0-9.]*\) s$/\1/p' <<<"$REPLY_LINE")"
    log "reply: $REPLY_LINE"
    local id; id="$(awk '{print $2}' <<<"$REPLY_LINE")"
    case "$REPLY_KIND" in ACCEPTED|DUPLICATE) printf '%s\t%s\n' "$id" "$body" >>"$C_DIR/accepted.tsv" ;; esac
}

fault_huge_metadata() {
    need_faults_bin || { echo "fault=$FAULT lost=NA duplicated=NA deadlettered=NA check=FAILED(ingest-faults not built)"; return; }
    local limit=200; [ "$quick" = 1 ] && limit=30
    use_cluster hugemeta - || return
    corpus 20 "$C_DIR/docs" 19
    start_checked || return
    submit normal 60 "$C_DIR/docs" -- --wait --wait-timeout 50
    status; local applied dead; applied="$(sfield 'documents applied')"; dead="$(sfield dead-lettered)"
    hostile_submit huge-metadata 5/3/2024 --source-repeat / 40000
    ENDED=no END_SECONDS=never
    case "$REPLY_KIND" in ACCEPTED|DUPLICATE) watch_document "${applied:-0}" "${dead:-0}" "$limit" ;; esac
    finish 20
    local check=ok
    case "$REPLY_KIND/$ENDED" in REJECTED/*|*/applied) ;; *) check="neither rejected at once nor applied (reply $REPLY_KIND, then $ENDED within $limit s)" ;; esac
    result "$FAULT" "reply=$REPLY_KIND reply_s=${REPLY_SECONDS:-NA} then=$ENDED seconds=$END_SECONDS" "$check"
}

fault_published_overflow() {
    need_faults_bin || { echo "fault=$FAULT lost=NA duplicated=NA deadlettered=NA check=FAILED(ingest-faults not built)"; return; }
    use_cluster overflow - || return
    corpus 40 "$C_DIR/docs" 20 && split_corpus "$C_DIR/docs" 2
    start_checked || return
    submit s00 60 "$C_DIR/docs/slice-00" -- --wait --wait-timeout 50
    status; local applied dead; applied="$(sfield 'documents applied')"; dead="$(sfield dead-lettered)"
    # The meeting's date has no year, so the extractor takes it from `published`, whose month is Int.max.
    hostile_submit published-overflow 5/3 --published 2024-9223372036854775807-01
    ENDED=no END_SECONDS=never WORKER_EXITS=0
    case "$REPLY_KIND" in ACCEPTED|DUPLICATE) watch_document "${applied:-0}" "${dead:-0}" 20 ;; esac
    # Then ordinary documents must still go through, with the workers there are (none restarted yet).
    submit s01 60 "$C_DIR/docs/slice-01" -- --wait --wait-timeout 20
    local i; WORKER_EXITS=0
    for i in $(seq 1 "$workers"); do alive "worker-$i" || WORKER_EXITS=$((WORKER_EXITS + 1)); done
    log "workers exited: $WORKER_EXITS; $(grep -il 'fatal\|overflow' "$C_LOGS"/worker-*.log 2>/dev/null | xargs -r -n1 basename | tr '\n' ' ')"
    finish 60
    local check=ok
    [ "$WORKER_EXITS" = 0 ] || check="$WORKER_EXITS workers exited"
    case "$REPLY_KIND/$ENDED" in REJECTED/*|*/applied|*/deadlettered) ;; *) [ "$check" = ok ] && check="neither rejected nor processed (reply $REPLY_KIND, then $ENDED)" ;; esac
    result "$FAULT" "reply=$REPLY_KIND then=$ENDED worker_exits=$WORKER_EXITS" "$check"
}

fault_unread_queries() {
    need_faults_bin || { echo "fault=$FAULT lost=NA duplicated=NA deadlettered=NA check=FAILED(ingest-faults not built)"; return; }
    local n=50000 hold=60; [ "$quick" = 1 ] && { n=2000; hold=20; }
    use_cluster queries - || return
    corpus "$n" "$C_DIR/docs" 21
    start_checked || return
    submit all 900 "$C_DIR/docs" -- --wait --wait-timeout 800
    settle 60
    local t0 t1 base before maxrss r latency max_latency=0
    t0="$(now)"; status; t1="$(now)"; base="$(elapsed "$t0" "$t1")"
    before="$(rss_of aggregator)"; maxrss="$before"
    "$FAULTS_BIN" unread-queries --endpoint "$INGEST_AGGREGATOR" --count 20 --hold "$hold" >"$C_DIR/queries.out" 2>&1 &
    echo $! >"$C_PIDS/helper-queries.pid"
    # `ingest status` gives up on a daemon after 1.5 s, so its latency is capped there: the longest stretch
    # during which the aggregator did not answer says more.
    local deadline=$(( $(date +%s) + hold + 5 )) silent_since="" longest_silence=0 silent_polls=0
    while [ "$(date +%s)" -lt "$deadline" ]; do
        t0="$(now)"; S_OUT="$(timeout 60 "$INGEST_BIN" status 2>/dev/null)"; t1="$(now)"
        latency="$(elapsed "$t0" "$t1")"
        python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$latency" "$max_latency" && max_latency="$latency"
        if [ -z "$(sfield 'documents applied')" ]; then
            silent_polls=$((silent_polls + 1)); [ -n "$silent_since" ] || silent_since="$t0"
            local silence; silence="$(elapsed "$silent_since" "$t1")"
            python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)" "$silence" "$longest_silence" && longest_silence="$silence"
        else
            silent_since=""
        fi
        r="$(rss_of aggregator)"; [ "${r:-0}" -gt "$maxrss" ] && maxrss="$r"
        sleep 0.5
    done
    stop_daemon helper-queries
    sleep 2
    local after; after="$(rss_of aggregator)"
    log "status latency: $base s before, at most $max_latency s during; aggregator not answering in $silent_polls polls, at most $longest_silence s in a row; aggregator RSS $(mb "$before") -> max $(mb "$maxrss") -> $(mb "$after") MB"
    finish 60
    # The bound under attack: whole-state answers nobody reads hold at most 256 MiB (then QUERY gets ERROR), so the
    # aggregator grows by that and an encoding or two at most (copied per answer, 40 unread QUERYs once took 2.5 GB);
    # and STATUS is still answered (a stretch of silence over 5 s is the loop stuck behind them).
    local check=ok growth=$(( $(mb "$maxrss") - $(mb "$before") ))
    [ "$growth" -le 400 ] || check="aggregator RSS grew ${growth} MB with unread whole-state answers, over the 256 MiB bound and 144 MB for encodings"
    python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 5 else 1)" "$longest_silence" || check="the aggregator did not answer status for ${longest_silence} s in a row"
    result "$FAULT" "documents=$n status_latency_base_s=$base status_latency_max_s=$max_latency agg_silent_polls=$silent_polls agg_silent_max_s=$longest_silence agg_rss_before_mb=$(mb "$before") agg_rss_max_mb=$(mb "$maxrss") agg_rss_after_mb=$(mb "$after")" "$check"
}

fault_failed_flood() {
    need_faults_bin || { echo "fault=$FAULT lost=NA duplicated=NA deadlettered=NA check=FAILED(ingest-faults not built)"; return; }
    use_cluster flood - || return
    corpus 40 "$C_DIR/docs" 22 && split_corpus "$C_DIR/docs" 2
    start_checked || return
    submit s00 60 "$C_DIR/docs/slice-00" -- --wait --wait-timeout 50
    local before after sent
    before="$(stat -c %s "$C_LOGS/broker.log")"
    sent="$(timeout 30 "$FAULTS_BIN" failed-flood --endpoint "$INGEST_BACKEND" --seconds 5 2>&1 | tail -1)"
    # The broker may still be working through what was sent: wait until its log stops growing (60 s at most).
    local size last=-1
    for _ in $(seq 1 60); do
        sleep 1
        size="$(stat -c %s "$C_LOGS/broker.log")"
        [ "$size" = "$last" ] && break
        last="$size"
    done
    after="$(stat -c %s "$C_LOGS/broker.log")"
    log "$sent; broker log grew by $((after - before)) bytes"
    local broker_alive=1; alive broker || broker_alive=0
    submit s01 60 "$C_DIR/docs/slice-01" -- --wait --wait-timeout 30
    finish 30
    local check=ok
    [ "$broker_alive" = 1 ] || check="the broker exited"
    result "$FAULT" "log_growth_bytes=$((after - before)) failed_sent=$(awk '{print $2}' <<<"$sent") broker_alive=$broker_alive" "$check"
}

fault_broker_restart_50k() {
    local n=50000; [ "$quick" = 1 ] && n=3000
    use_cluster restart50k - || return
    corpus "$n" "$C_DIR/docs" 23
    start_checked || return
    submit all 900 "$C_DIR/docs" -- --wait --wait-timeout 800
    settle 60
    status; local done_before; done_before="$(sfield done)"
    local rss_before; rss_before="$(rss_of broker)"
    log "restarting the broker (done $done_before, RSS $(mb "$rss_before") MB)"
    stop_daemon broker
    local t0; t0="$(now)"
    start_daemon broker broker
    wait_ready 120 || true
    local restart_s; restart_s="$(elapsed "$t0" "$(now)")"
    sleep 2
    status; local done_after; done_after="$(sfield done)"
    local rss_after; rss_after="$(rss_of broker)"
    log "after the restart: done $done_after of $n, RSS $(mb "$rss_after") MB, answered after $restart_s s"
    finish 60
    local check=ok
    [ "$done_after" = "$n" ] || check="done counter $done_after after the restart, expected $n"
    result "$FAULT" "expected=$n done_before=$done_before done_after=${done_after:-NA} broker_rss_before_mb=$(mb "$rss_before") broker_rss_after_mb=$(mb "$rss_after") restart_s=$restart_s" "$check"
}

# ---------------------------------------------------------------------------------------------------
# Runs each fault in a subshell of its own (so a fault that goes wrong cannot take the others with it),
# bounded in time; whatever it started is stopped afterwards by PID.
fault_budget() {
    case "$1" in
        aggregator-outage) [ "$quick" = 1 ] && echo 240 || echo 900 ;;
        broker-restart-50k|unread-queries) [ "$quick" = 1 ] && echo 300 || echo 1200 ;;
        *) [ "$quick" = 1 ] && echo 300 || echo 600 ;;
    esac
}

failed=0
total_lost=0
total_duplicated=0
lines=()
for name in "${selected[@]}"; do
    out="$work/result-$name"
    log "=== $name: $(describe_fault "$name")"
    ( FAULT="$name"; "fault_${name//-/_}" ) >"$out" &
    runner=$!
    budget="$(fault_budget "$name")"
    started=$(date +%s)
    while is_running "$runner" && [ $(( $(date +%s) - started )) -lt "$budget" ]; do sleep 1; done
    if is_running "$runner"; then
        log "$name: over its budget of $budget s; stopping it"
        kill -TERM "$runner" 2>/dev/null
        sleep 1
        is_running "$runner" && kill -KILL "$runner" 2>/dev/null
    fi
    wait "$runner" 2>/dev/null
    undo_all
    line="$(grep '^fault=' "$out" | tail -1)"
    [ -n "$line" ] || line="fault=$name lost=NA duplicated=NA deadlettered=NA check=FAILED(no result: the fault's script ended early or ran over $budget s)"
    echo "$line"
    lines+=("$line")
    case "$line" in *check=ok*) ;; *) failed=$((failed + 1)) ;; esac
    n="$(sed -n 's/.* lost=\([0-9]*\) .*/\1/p' <<<"$line")"; total_lost=$((total_lost + ${n:-0}))
    n="$(sed -n 's/.* duplicated=\([0-9]*\) .*/\1/p' <<<"$line")"; total_duplicated=$((total_duplicated + ${n:-0}))
done
echo "overall faults=${#selected[@]} failed=$failed lost=$total_lost duplicated=$total_duplicated$([ "$quick" = 1 ] && echo ' (quick)')"
[ "$failed" = 0 ]
