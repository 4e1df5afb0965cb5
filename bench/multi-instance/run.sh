#!/usr/bin/env bash
# Two `cchc serve` instances on one PostgreSQL behind nginx (Debian's packages, installed if missing). A
# mixed load runs through nginx while the instance leading the background jobs is killed with SIGKILL; the
# script then reports the requests and errors the clients saw, which instance led each job before and after,
# and how long the takeover took. Results go to docs/benchmarks.md.
#
# Usage: bench/multi-instance/run.sh [path to a built cchc]   (default .build/release/cchc)
#   BENCH_SECONDS (60): length of the load; the leader is killed a third of the way in.
#   BENCH_JOB_SECONDS (5): the jobs' interval (CCHC_DEADLINE_JOB_SECONDS, CCHC_NOTIFY_SECONDS).
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${1:-.build/release/cchc}"
SECONDS_TOTAL="${BENCH_SECONDS:-60}"
JOB_SECONDS="${BENCH_JOB_SECONDS:-5}"
WORK="$(mktemp -d /tmp/cchc-multi.XXXXXX)"
chmod 755 "$WORK"
PG_PORT="${BENCH_PG_PORT:-55480}"
NGINX_PORT="${BENCH_PORT:-18180}"
PORTS=(18181 18182)
PIDS=()

. .ci/postgres.sh
pg_install
if ! command -v nginx >/dev/null; then
  echo "== Installing nginx from Debian packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light >/dev/null
fi

finish() {
  # SIGTERM, then SIGKILL to whatever has not stopped within 15 s (reported: a clean stop is expected).
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then echo "instance pid $pid did not stop within 15 s of SIGTERM"; kill -9 "$pid"; fi
  done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  pg_stop "$WORK/pg"
}
trap finish EXIT

echo "== PostgreSQL on 127.0.0.1:$PG_PORT"
pg_start "$WORK/pg" "$PG_PORT" "-c fsync=off"
as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres cchc"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/cchc?sslmode=disable"
export CCHC_DEADLINE_JOB_SECONDS="$JOB_SECONDS" CCHC_NOTIFY_SECONDS="$JOB_SECONDS" CCHC_LOG_FORMAT=text CCHC_LOG_LEVEL=notice
export CCHC_TRUST_PROXY=true CCHC_DATA_DIR="$WORK/data"

echo "== The demo province, loaded once"
"$BIN" demo load --dossiers 500 >"$WORK/load.log" 2>&1

start() {  # start INDEX
  local port=${PORTS[$1]}
  "$BIN" serve --demo --port "$port" >>"$WORK/instance$1.log" 2>&1 &
  PIDS[$1]=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "instance $1 did not start"; cat "$WORK/instance$1.log"; exit 1
}
start 0
start 1

cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  upstream cchc {
    server 127.0.0.1:${PORTS[0]} max_fails=1 fail_timeout=10s;
    server 127.0.0.1:${PORTS[1]} max_fails=1 fail_timeout=10s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    large_client_header_buffers 4 8k;
    location / {
      proxy_pass http://cchc;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A request the dead instance never answered goes to the other. A POST is retried too: every write
      # the load sends carries an Idempotency-Key, so a retry returns the first answer if there was one.
      proxy_next_upstream error timeout http_502 non_idempotent;
      proxy_connect_timeout 2s;
    }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
echo "== nginx on 127.0.0.1:$NGINX_PORT in front of ${PORTS[*]}"

# Wait until each job has a leader.
for _ in $(seq 1 100); do
  n=$(grep -h "Leading a background job" "$WORK"/instance*.log 2>/dev/null | wc -l)
  [ "$n" -ge 2 ] && break; sleep 0.2
done
leader_of() { grep -l "Leading a background job.*$1\|job=cchc.$1.*Leading" "$WORK"/instance*.log | head -1 | sed 's/.*instance\([0-9]\).log/\1/'; }
LEADER=$(grep -l "Leading a background job" "$WORK"/instance*.log | head -1 | sed 's/.*instance\([0-9]\).log/\1/')
echo "== Before: deadline job led by instance $(leader_of deadline-job), notification sender by instance $(leader_of notification-sender)"

SURVIVOR=$((1 - LEADER))
BEFORE=$(grep -c "Leading a background job" "$WORK/instance$SURVIVOR.log" || true)
echo "== Jobs the other instance led before the kill: $BEFORE (must be 0: one leader per job)"
python3 bench/multi-instance/load.py "http://127.0.0.1:$NGINX_PORT" "$SECONDS_TOTAL" >"$WORK/load.json" &
LOAD=$!
sleep $((SECONDS_TOTAL / 3))
echo "== SIGKILL to instance $LEADER (pid ${PIDS[$LEADER]}) under load"
KILLED_AT=$(date +%s.%N)
kill -9 "${PIDS[$LEADER]}"
for _ in $(seq 1 $((JOB_SECONDS * 30))); do
  [ "$(grep -c "Leading a background job" "$WORK/instance$SURVIVOR.log")" -ge 2 ] && break; sleep 0.1
done
TAKEN_AT=$(date +%s.%N)
echo "== After: instance $SURVIVOR leads $(grep -c "Leading a background job" "$WORK/instance$SURVIVOR.log") jobs; takeover $(python3 -c "print(round($TAKEN_AT - $KILLED_AT, 1))") s after the kill"
wait $LOAD
python3 - "$WORK/load.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"== Load through nginx: {r['requests']} requests in {r['seconds']} s, {r['errors']} errors")
for route, s in sorted(r["routes"].items()):
    print(f"   {route:32} n={s['n']:6}  p50={s['p50']:7.1f} ms  p99={s['p99']:7.1f} ms  errors={s['errors']}")
for e in r["error_samples"]:
    print("   error:", e)
PY
echo "== Leadership as the instances logged it:"
grep -H "Leading a background job\|No longer leading" "$WORK"/instance*.log | sed "s|$WORK/||"
echo "Logs: $WORK (kept)"
trap - EXIT
finish
