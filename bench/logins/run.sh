#!/bin/bash
# The officer's dossier list through the API (GET /api/v1/dossiers, wrk, 4 connections) on its own, then
# while two clients log in over and over (POST /api/v1/auth/token, bcrypt at the default cost 12).
# Build first: swift build -c release --product cchc
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${BENCH_DIR:-/tmp/cchc-bench}/logins
PORT=${BENCH_PORT:-8199}
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
BASE="http://127.0.0.1:$PORT"
BIN=${CCHC_BIN:-.build/release/cchc}
rm -rf "$DIR" && mkdir -p "$DIR"
export CCHC_DATA_DIR=$DIR CCHC_WORKING_DIR=$PWD CCHC_LOG_LEVEL=warning CCHC_DEADLINE_JOB_SECONDS=0
"$BIN" demo load --dossiers "${BENCH_DOSSIERS:-2000}" > /dev/null
"$BIN" serve --demo --demo-dossiers 0 --port "$PORT" > "$DIR/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" > /dev/null && break; sleep 0.2; done

token() {
    curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"cchc-demo\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
bearer=$(token motcua)
list() { wrk -t1 -c4 -d"${1}s" --latency -H "Authorization: Bearer $bearer" "$BASE/api/v1/dossiers?limit=20"; }
logins() {
    local until=$((SECONDS + SECONDS_PER_RUN + 2)) count=0
    while [ $SECONDS -lt $until ]; do token chuyenvien > /dev/null && count=$((count + 1)); done
    echo "  one client: $count logins"
}

list 5 > /dev/null
echo "== dossier list alone"
list "$SECONDS_PER_RUN" | grep -E "Requests/sec|50%|90%|99%"
logins & first=$!
logins & second=$!
sleep 1
echo "== dossier list while two clients log in"
list "$SECONDS_PER_RUN" | grep -E "Requests/sec|50%|90%|99%"
wait $first $second
