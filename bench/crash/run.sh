#!/usr/bin/env bash
# Crash test: four clients take dossiers in and forward them while the server is killed with SIGKILL
# BENCH_KILLS times (20) at random moments and restarted; then every write the server acknowledged must be
# there (each dossier at least at the version acknowledged), and the audit chains and the projection counters
# must verify. SQLite by default; BENCH_DATABASE=postgres runs it on a PostgreSQL cluster it starts.
# `.ci/run` runs a short version (3 kills). Results in docs/benchmarks.md.
#
# Usage: bench/crash/run.sh [path to a built cchc]   (default .build/release/cchc)
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${1:-.build/release/cchc}"
KILLS="${BENCH_KILLS:-20}"
PORT="${BENCH_PORT:-18190}"
WORK="$(mktemp -d /tmp/cchc-crash.XXXXXX)"
chmod 755 "$WORK"
export CCHC_DATA_DIR="$WORK/data" CCHC_LOG_LEVEL=warning CCHC_DEADLINE_JOB_SECONDS=2 CCHC_NOTIFY_SECONDS=2
SERVER=""
CLIENT=""

if [ "${BENCH_DATABASE:-sqlite}" = "postgres" ]; then
  . .ci/postgres.sh
  pg_install
  PG_PORT="${BENCH_PG_PORT:-55490}"
  pg_start "$WORK/pg" "$PG_PORT"
  as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres cchc"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/cchc?sslmode=disable"
fi

finish() {
  [ -n "$CLIENT" ] && kill "$CLIENT" 2>/dev/null || true
  [ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null || true
  if [ -n "${DATABASE_URL:-}" ]; then pg_stop "$WORK/pg"; fi
}
trap finish EXIT

"$BIN" demo load --dossiers 0 >"$WORK/load.log" 2>&1

start() {
  "$BIN" serve --demo --demo-dossiers 0 --port "$PORT" >>"$WORK/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
  echo "the server did not start"; tail -20 "$WORK/serve.log"; exit 1
}

start
python3 bench/crash/client.py "http://127.0.0.1:$PORT" "$WORK/acknowledged.txt" "$WORK/stop" &
CLIENT=$!
for kill in $(seq 1 "$KILLS"); do
  sleep "$(python3 -c 'import random; print(round(random.uniform(1.0, 3.0), 2))')"
  kill -9 "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  start
done
sleep 1
touch "$WORK/stop"
wait "$CLIENT" || true
CLIENT=""

python3 - "http://127.0.0.1:$PORT" "$WORK/acknowledged.txt" <<'PY'
import json, sys, urllib.request
base, path = sys.argv[1], sys.argv[2]
token = json.loads(urllib.request.urlopen(urllib.request.Request(
    base + "/api/v1/auth/token", data=json.dumps({"username": "motcua", "password": "cchc-demo"}).encode(),
    headers={"Content-Type": "application/json"}, method="POST")).read())["token"]
acknowledged = {}
intakes = actions = 0
for line in open(path):
    kind, code, version = line.split()
    intakes += kind == "intake"
    actions += kind == "action"
    acknowledged[code] = max(acknowledged.get(code, 0), int(version))
missing = []
for code, version in acknowledged.items():
    request = urllib.request.Request(base + "/api/v1/dossiers/" + code, headers={"Authorization": "Bearer " + token})
    try:
        stored = json.loads(urllib.request.urlopen(request).read())
        if stored["version"] < version:
            missing.append(f"{code}: version {stored['version']} < acknowledged {version}")
    except urllib.error.HTTPError as error:
        missing.append(f"{code}: HTTP {error.code}")
print(f"== Acknowledged: {intakes} intakes, {actions} actions on {len(acknowledged)} dossiers; missing or behind: {len(missing)}")
for line in missing[:10]:
    print("   ", line)
sys.exit(1 if missing or intakes == 0 else 0)
PY
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
SERVER=""
echo "== After $KILLS kills: the audit chains and the projection counters"
"$BIN" audit verify
"$BIN" projections check >"$WORK/projections.txt" 2>&1 || { cat "$WORK/projections.txt"; exit 1; }
tail -1 "$WORK/projections.txt"
echo "== Crash test passed ($WORK)"
