#!/usr/bin/env bash
# Service index benchmarks (issue 16), on a release build, on SQLite or (BENCH_DATABASE=postgres) on a
# PostgreSQL cluster the script installs from Debian's packages and starts in BENCH_DIR, as .ci/run does:
#   1. reads at scale: the demo year grown to about BENCH_DOSSIERS dossiers (1,000,000; populate.sql copies
#      each dossier and multiplies the counters to match), then, each on one connection for BENCH_SECONDS:
#      the province's index for the year, a department's for a quarter, the commune ranking, and the
#      steering committee's dashboard page; server time from the request log (median, p95, max);
#   2. the same year's figures counted by reading every dossier instead (`cchc index check`): its time
#      against the counters' and whether they agree.
# Needs sqlite3 (or psql), wrk and python3. Results go to docs/benchmarks.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/session.sh
ROOT=$(pwd)
BIN=${CCHC_BIN:-$ROOT/.build/release/cchc}
WORK=${BENCH_DIR:-/tmp/cchc-bench-index}
PORT=${BENCH_PORT:-8198}
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
TEMPLATES=${BENCH_TEMPLATE_DOSSIERS:-3000}
TARGET=${BENCH_DOSSIERS:-1000000}
YEAR=${BENCH_YEAR:-$(date +%Y)}
URL=http://127.0.0.1:$PORT
[ -x "$BIN" ] || { echo "Build first: swift build -c release --product cchc"; exit 1; }

SERVER=
PG_DIR=
stop() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; SERVER=; }
finish() { stop; [ -z "$PG_DIR" ] || pg_halt "$PG_DIR"; }
trap finish EXIT
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"

# BENCH_REUSE=1 keeps the grown database of the previous run (growing it takes minutes).
clones=$(( (TARGET + TEMPLATES - 1) / TEMPLATES - 1 ))
. bench/service-index/database.sh
if [ "${BENCH_DATABASE:-sqlite}" = postgres ]; then
    if [ -z "${BENCH_REUSE:-}" ] || [ ! -d "$WORK/pg" ]; then
        rm -rf "$WORK" && mkdir -p "$WORK"
        PG_DIR=$WORK/pg
        pg_start "$PG_DIR" "$PG_PORT" "-c shared_buffers=1GB"
        as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres cchc"
        CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT "$BIN" demo load --dossiers "$TEMPLATES" > /dev/null
        sed "s/CLONES/$clones/g" bench/service-index/populate-postgres.sql | query > /dev/null
    else
        PG_DIR=$WORK/pg
        pg_run "$PG_DIR" "$PG_PORT" "-c shared_buffers=1GB"
    fi
else
    if [ -z "${BENCH_REUSE:-}" ] || [ ! -f "$WORK/cchc.sqlite" ]; then
        rm -rf "$WORK" && mkdir -p "$WORK"
        CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT "$BIN" demo load --dossiers "$TEMPLATES" > /dev/null
        sed "s/CLONES/$clones/g" bench/service-index/populate.sql | query > /dev/null
    fi
fi
echo "database: ${BENCH_DATABASE:-sqlite}, dossiers: $(query "SELECT count(*) FROM dossiers"), index counters: $(query "SELECT count(*) FROM projection_counters WHERE projection = 'service_index'")"

# Migrations first, on their own: a new index on ten million dossiers takes longer than the wait for the server.
started=$(date +%s)
CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=warning "$BIN" migrate > /dev/null
echo "migrations: $(( $(date +%s) - started )) s"
CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=info CCHC_LOG_FORMAT=json CCHC_DEADLINE_JOB_SECONDS=0 \
    "$BIN" serve --demo --demo-dossiers 0 --port "$PORT" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -sf "$URL/healthz" > /dev/null && break; sleep 0.2; done
log_in bcd

# The dashboard shows the at-risk list once the first forecast is done (it reads every open dossier): wait
# for it, so the page's reads are timed alone.
started=$(date +%s)
while curl -sf -H "Cookie: $COOKIE" "$URL/service-index" | grep -c 'data-at-risk-pending' > /dev/null; do sleep 2; done
echo "first at-risk forecast: $(( $(date +%s) - started )) s"
department=$(query "SELECT code FROM units WHERE name = 'Sở Nông nghiệp và Môi trường' LIMIT 1")
report() { # report LABEL FIRST_LOG_LINE: server times of the requests logged since that line
    tail -n +"$2" "$WORK/server.log" | python3 -c '
import json, sys, statistics
times = sorted(float(json.loads(line)["duration_ms"]) for line in sys.stdin
               if line.startswith("{") and "\"msg\":\"request\"" in line and "/healthz" not in line)
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"{sys.argv[1]}: {len(times)} requests, server time median {statistics.median(times):.1f} ms, p95 {p(0.95):.1f} ms, max {times[-1]:.1f} ms")
' "$1"
}
for entry in "province, year|/api/v1/service-index?period=$YEAR" "department, quarter|/api/v1/service-index?unit=$department&period=$YEAR-Q4" \
    "commune ranking, quarter|/api/v1/service-index/rankings?level=commune&period=$YEAR-Q4" "dashboard page, quarter|/service-index?period=$YEAR-Q4"; do
    label=${entry%%|*}; path=${entry#*|}
    curl -sf -H "Cookie: $COOKIE" "$URL$path" > /dev/null || { echo "$path failed"; exit 1; }
    first=$(( $(wc -l < "$WORK/server.log") + 1 ))
    wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" -s bench/dossiers/cookie.lua "$URL$path" > /dev/null
    report "$label" "$first"
done
echo "server memory: $(awk '/VmHWM/ {printf "%.0f MB peak", $2/1024}' /proc/"$SERVER"/status), $(awk '/VmRSS/ {printf "%.0f MB now", $2/1024}' /proc/"$SERVER"/status)"
stop
# BENCH_SCAN=0 skips the scan (at ten million dossiers it reads for about twenty minutes).
[ "${BENCH_SCAN:-1}" = 0 ] || CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=warning "$BIN" index check --period "$YEAR" | tail -3
