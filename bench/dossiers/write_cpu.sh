#!/usr/bin/env bash
# Server CPU per intake and per officer action: the server's utime + stime (from /proc) over a wrk run,
# divided by the writes stored. Steadier than the rate on a shared VM, because it does not depend on what else
# the cores are doing. First intakes at the counter, then the desk forwarding each dossier stored (one action
# per dossier). With perf installed, also the share of the server's CPU samples spent on the projection
# counters (their changes worked out, and their upserts) in each run: what the counters cost a write.
# Usage: CCHC_BIN=path bench/dossiers/write_cpu.sh  (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PORT)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${CCHC_BIN:-$ROOT/.build/release/cchc}
WORK=$(mktemp -d /tmp/cchc-write-cpu.XXXXXX)
PORT=${BENCH_PORT:-8197}
URL=http://127.0.0.1:$PORT
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT "$BIN" demo load --dossiers 0 > /dev/null
CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=warning CCHC_DEADLINE_JOB_SECONDS=0 CCHC_SQLITE_SYNCHRONOUS=FULL \
    "$BIN" serve --demo --demo-dossiers 0 --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$URL/healthz" > /dev/null && break; sleep 0.2; done
export TOKEN; TOKEN=$(curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"username":"motcua","password":"cchc-demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cat > "$WORK/intake.json" <<JSON
{"procedureCode":"DM.01.005","channel":"counter","receivingUnitCode":"000.00.30.H99",
 "applicant":{"fullName":"Nguyễn Văn An","idNumber":"001203004567","phone":"0912345678","email":"an@example.vn","address":"Phường Trung Tâm"},
 "components":[{"index":0,"originals":1},{"index":1,"certifiedCopies":1},{"index":2,"originals":1}]}
JSON
export BODY_FILE=$WORK/intake.json
export CODES_FILE=$WORK/codes.txt
ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
hz=$(getconf CLK_TCK)
# measure NAME LUA PATH COUNT_SQL: one wrk run, its CPU per write, and the counters' share under perf.
measure() {
    local perf_pid=
    if command -v perf > /dev/null; then
        perf record -q -F 999 -g -p "$SERVER" -o "$WORK/$1.perf" > /dev/null 2>&1 &
        perf_pid=$!
        sleep 0.5
    fi
    local before after writes
    before=$(ticks)
    wrk -t2 -c"${BENCH_CONNECTIONS:-8}" -d"${BENCH_SECONDS:-10}s" -s "bench/dossiers/$2" "$URL$3" > "$WORK/$1.txt"
    after=$(ticks)
    writes=$(sqlite3 "$WORK/cchc.sqlite" "$4")
    python3 -c "t=($after-$before)/$hz; print(f'$1: {$writes} stored, server CPU {t:.2f} s: {t/$writes*1e6:.0f} µs per $1')"
    if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid"; wait "$perf_pid" || true
        # Children shares: each function with everything it called.
        perf report -i "$WORK/$1.perf" --children --sort symbol 2>/dev/null | python3 -c '
import re, sys
shares = {"changes": 0.0, "upserts": 0.0}
for line in sys.stdin:
    match = re.match(r"\s+([0-9.]+)%\s+[0-9.]+%\s+\[\.\]\s+(\S+)", line)
    if not match: continue
    if "DossierWritePathO17projectionChanges" in match.group(2): shares["changes"] = max(shares["changes"], float(match.group(1)))
    if "ProjectionCountersO5apply" in match.group(2): shares["upserts"] = max(shares["upserts"], float(match.group(1)))
changes, upserts = shares["changes"], shares["upserts"]
print(f"  the counters: {changes:.1f} % of the samples working out the changes, {upserts:.1f} % upserting them")'
    fi
}
measure intake intake.lua /api/v1/dossiers "SELECT count(*) FROM dossiers"
sqlite3 "$WORK/cchc.sqlite" "SELECT code FROM dossiers WHERE status = 2 AND version = 2 ORDER BY code" > "$CODES_FILE"
measure action action.lua /api/v1/dossiers "SELECT count(*) FROM dossiers WHERE status = 4"
