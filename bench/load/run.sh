#!/usr/bin/env bash
# A paced mixed load against one release server for BENCH_SECONDS (600): BENCH_WRITES (300) dossiers a
# minute, ten times a large province's peak, each forwarded by the desk, with about ten reads per write and
# feedback (load.py). Reports p50/p99 per route, the errors (there must be none) and the server's RSS every
# 10 s (it must stay flat). SQLite by default; BENCH_DATABASE=postgres on a cluster the script starts.
#
# Usage: swift build -c release --product cchc && bench/load/run.sh [path to cchc]   (default .build/release/cchc)
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${1:-.build/release/cchc}"
SECONDS_TOTAL="${BENCH_SECONDS:-600}"
WRITES="${BENCH_WRITES:-300}"
PORT="${BENCH_PORT:-18195}"
WORK="$(mktemp -d /tmp/cchc-load.XXXXXX)"
chmod 755 "$WORK"
export CCHC_DATA_DIR="$WORK/data" CCHC_LOG_LEVEL=warning
SERVER=""

if [ "${BENCH_DATABASE:-sqlite}" = "postgres" ]; then
  . .ci/postgres.sh
  pg_install
  PG_PORT="${BENCH_PG_PORT:-55495}"
  pg_start "$WORK/pg" "$PG_PORT"
  as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres cchc"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/cchc?sslmode=disable"
fi
finish() {
  # The server stops before its database does (and a server that does not stop is an error of the run).
  if [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; then
    for _ in $(seq 1 60); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SERVER" 2>/dev/null; then echo "the server did not stop within 30 s of SIGTERM" >&2; kill -9 "$SERVER"; fi
  fi
  if [ -n "${DATABASE_URL:-}" ]; then pg_stop "$WORK/pg"; fi
}
trap finish EXIT

echo "== Demo province with a year of dossiers, then serving on :$PORT (${BENCH_DATABASE:-sqlite})"
"$BIN" demo load >"$WORK/load.log" 2>&1
"$BIN" serve --demo --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
echo "== $SECONDS_TOTAL s at $WRITES dossiers a minute"
python3 bench/load/load.py "http://127.0.0.1:$PORT" "$SECONDS_TOTAL" "$WRITES" "$SERVER" >"$WORK/result.json"
python3 - "$WORK/result.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"requests {r['requests']} in {r['seconds']:.0f} s, errors {r['errors']}")
for route, s in sorted(r["routes"].items()):
    print(f"  {route:40} n={s['n']:6}  p50={s['p50']:8.1f} ms  p99={s['p99']:8.1f} ms  errors={s['errors']}")
print("RSS (MiB) every 10 s:", " ".join(str(m) for _, m in r["memory_mib"]))
for e in r["error_samples"]:
    print("  error:", e)
PY
