#!/usr/bin/env bash
# Server CPU per intake: the server's utime + stime (from /proc) over a wrk intake run, divided by the
# dossiers stored. Steadier than the rate on a shared VM, because it does not depend on what else the cores
# are doing. Usage: CCHC_BIN=path bench/dossiers/intake_cpu.sh  (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PORT)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${CCHC_BIN:-$ROOT/.build/release/cchc}
WORK=$(mktemp -d /tmp/cchc-intake-cpu.XXXXXX)
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
ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
before=$(ticks)
wrk -t2 -c"${BENCH_CONNECTIONS:-8}" -d"${BENCH_SECONDS:-10}s" -s bench/dossiers/intake.lua "$URL/api/v1/dossiers" > "$WORK/wrk.txt"
after=$(ticks)
stored=$(sqlite3 "$WORK/cchc.sqlite" "SELECT count(*) FROM dossiers")
hz=$(getconf CLK_TCK)
python3 -c "import sys; t=($after-$before)/$hz; print(f'{$stored} intakes, server CPU {t:.2f} s: {t/$stored*1e6:.0f} µs per intake')"
