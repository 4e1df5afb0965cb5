#!/usr/bin/env bash
# Reads while the at-risk forecast runs (issue 16): on a bench database grown by run.sh (BENCH_DIR), marks the
# stored at-risk list stale, starts the server, has the first dashboard start a new forecast, then asks for a
# department's index and the dashboard page once a second until the list is ready, and prints their times
# (curl's total time, client included). BENCH_COLD=1 empties the page cache first (root only), so the forecast
# reads a cold file as after a restart; warm, it can take seconds where cold it takes minutes. BENCH_DATABASE=postgres
# uses the cluster run.sh grew in BENCH_DIR/pg (started here, so its own cache starts empty too). Needs sqlite3
# (or psql), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/session.sh
ROOT=$(pwd)
BIN=${CCHC_BIN:-$ROOT/.build/release/cchc}
WORK=${BENCH_DIR:-/tmp/cchc-bench-index}
PORT=${BENCH_PORT:-8198}
YEAR=${BENCH_YEAR:-$(date +%Y)}
URL=http://127.0.0.1:$PORT
[ -f "$WORK/cchc.sqlite" ] || [ -d "$WORK/pg" ] || { echo "Grow a database first: bench/service-index/run.sh"; exit 1; }
. bench/service-index/database.sh
SERVER=
finish() { [ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true; [ -z "${PG_PORT:-}" ] || pg_halt "$WORK/pg"; }
trap finish EXIT
[ "${BENCH_COLD:-0}" = 0 ] || { sync; echo 3 > /proc/sys/vm/drop_caches; }
[ -z "${PG_PORT:-}" ] || pg_run "$WORK/pg" "$PG_PORT" "-c shared_buffers=1GB" > /dev/null
query "UPDATE at_risk_forecast SET computed_at = $([ -n "${PG_PORT:-}" ] && echo "'epoch'" || echo 0)"
department=$(query "SELECT code FROM units WHERE name = 'Sở Nông nghiệp và Môi trường' LIMIT 1")
CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=warning CCHC_DEADLINE_JOB_SECONDS=0 \
    "$BIN" serve --demo --demo-dossiers 0 --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -sf "$URL/healthz" > /dev/null && break; sleep 0.2; done
log_in bcd
started=$(date +%s)
while curl -s -H "Cookie: $COOKIE" "$URL/service-index" | grep -c 'data-at-risk-pending' > /dev/null; do
    for path in "/api/v1/service-index?unit=$department&period=$YEAR-Q4" "/service-index?period=$YEAR-Q4"; do
        curl -s -o /dev/null -w "%{time_total} " -H "Cookie: $COOKIE" "$URL$path"
    done
    echo
    sleep 1
done > "$WORK/during-forecast.txt"
echo "forecast: $(( $(date +%s) - started )) s"
python3 - "$WORK/during-forecast.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for column, name in enumerate(["a department's index, a quarter", "the dashboard page, a quarter"]):
    times = sorted(float(row[column]) * 1000 for row in rows if len(row) > column)
    if not times:
        continue
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"{name} during the forecast: {len(times)} requests, median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms")
PY
