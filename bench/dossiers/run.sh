#!/usr/bin/env bash
# Dossier benchmarks (issue 4), on a release build, SQLite with synchronous=FULL:
#   1. intake through the API (wrk) against a bare SQLite loop inserting the same rows (bare_intake.py);
#      then, with `actions` in BENCH_PARTS, the desk forwarding the dossiers the intake stored (one
#      action per dossier, no target asked): officer actions' rate and latency, no target to meet;
#   2. the public lookup against a trivial route (/healthz), same server, same load, in alternating rounds;
#   3. the officer queue page of a centre with 1,000,000 dossiers: server time from the request log.
# Needs sqlite3, wrk and python3. Results go to docs/benchmarks.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/session.sh
ROOT=$(pwd)
BIN=${CCHC_BIN:-$ROOT/.build/release/cchc}
WORK=${BENCH_DIR:-/tmp/cchc-bench}
PORT=${BENCH_PORT:-8199}
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
BARE_INTAKES=${BENCH_BARE_INTAKES:-2000}
PARTS=${BENCH_PARTS:-intake actions lookup queue}
LOOKUP_ROUNDS=${BENCH_LOOKUP_ROUNDS:-3}
URL=http://127.0.0.1:$PORT
[ -x "$BIN" ] || { echo "Build first: swift build -c release --product cchc"; exit 1; }

SERVER=
stop() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; SERVER=; }
trap stop EXIT
start() { # start DATA_DIR LOG_LEVEL
    CCHC_DATA_DIR=$1 CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=$2 CCHC_LOG_FORMAT=json CCHC_DEADLINE_JOB_SECONDS=0 \
        CCHC_SQLITE_SYNCHRONOUS=FULL "$BIN" serve --demo --demo-dossiers 0 --port "$PORT" > "$1/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 100); do curl -sf "$URL/healthz" > /dev/null && return; sleep 0.2; done
    echo "server did not start"; cat "$1/server.log"; exit 1
}
token() { curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"cchc-demo\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
rate() { grep '^Requests/sec' | awk '{print $2}'; }

rm -rf "$WORK" && mkdir -p "$WORK/api" "$WORK/bare" "$WORK/queue"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"

part() { [[ " $PARTS " == *" $1 "* ]]; }

# 1. Intake.
CCHC_DATA_DIR=$WORK/api CCHC_WORKING_DIR=$ROOT "$BIN" demo load --dossiers 0 > /dev/null
if part intake || part lookup; then
start "$WORK/api" warning
cat > "$WORK/intake.json" <<JSON
{"procedureCode":"DM.01.005","channel":"counter","receivingUnitCode":"000.00.30.H99",
 "applicant":{"fullName":"Nguyễn Văn An","idNumber":"001203004567","phone":"0912345678","email":"an@example.vn","address":"Phường Trung Tâm"},
 "components":[{"index":0,"originals":1},{"index":1,"certifiedCopies":1},{"index":2,"originals":1}]}
JSON
export TOKEN; TOKEN=$(token motcua)
export BODY_FILE=$WORK/intake.json
fi
if part intake; then
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/dossiers/intake.lua "$URL/api/v1/dossiers" > "$WORK/intake.txt"
stop
if grep -q "Non-2xx" "$WORK/intake.txt"; then cat "$WORK/intake.txt"; echo "intake answered errors"; exit 1; fi
api=$(rate < "$WORK/intake.txt")
stored=$(sqlite3 "$WORK/api/cchc.sqlite" "SELECT count(*) FROM dossiers")
bare=$(python3 bench/dossiers/bare_intake.py "$WORK/api/cchc.sqlite" "$WORK/bare/bare.sqlite" "$BARE_INTAKES")
echo "intake: API $api/s ($stored dossiers stored, $CONNECTIONS connections) vs bare SQLite loop $bare/s: $(python3 -c "print(f'{$api / $bare:.0%}')")"
else stop; fi

# 1b. Officer actions on the dossiers the intake stored.
if part actions; then
part intake || { echo "actions act on the dossiers the intake stores: add intake to BENCH_PARTS"; exit 1; }
sqlite3 "$WORK/api/cchc.sqlite" "SELECT code FROM dossiers WHERE status = 2 AND version = 2 ORDER BY code" > "$WORK/codes.txt"
start "$WORK/api" warning
export CODES_FILE=$WORK/codes.txt
admin=$(token admin)
# Writes through Fluent meet the writer's in SQLite's busy handler: timed alone, then during the actions.
idle=$(python3 bench/dossiers/fluent_writes.py "$URL" "$admin" 1)
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s bench/dossiers/action.lua "$URL/api/v1/dossiers" > "$WORK/actions.txt" &
sleep 1
loaded=$(python3 bench/dossiers/fluent_writes.py "$URL" "$admin" 2 30 "$(python3 -c "print(max(0.0, ($SECONDS_PER_RUN - 3) / 30 - 0.05))")")
wait %%
stop
if grep -q "Non-2xx" "$WORK/actions.txt"; then
    cat "$WORK/actions.txt"; echo "actions answered errors (more than the $(wc -l < "$WORK/codes.txt") dossiers stored? run the intake longer)"; exit 1
fi
forwarded=$(sqlite3 "$WORK/api/cchc.sqlite" "SELECT count(*) FROM dossiers WHERE status = 4")
latency() { awk -v q="$1" '$1 == q {print $2}' "$WORK/actions.txt"; }
echo "actions: forward $(rate < "$WORK/actions.txt")/s ($forwarded forwarded, $CONNECTIONS connections), latency median $(latency 50%), p99 $(latency 99%)"
echo "units created through Fluent: idle $idle; during the actions $loaded"
fi

# 2. Public lookup against a trivial route.
if part lookup; then
start "$WORK/api" warning
receipt=$(curl -sf -X POST "$URL/api/v1/dossiers" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data @"$WORK/intake.json")
code=$(echo "$receipt" | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
pin=$(echo "$receipt" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lookupPin"])')
curl -sf "$URL/api/v1/public/dossiers/$code?pin=$pin" > /dev/null
# Alternating rounds, each a lookup run then a trivial run: a shared VM's speed drifts by tens of percent
# from one minute to the next, so one pair can land on either side; the median round is reported.
ratios=
for round in $(seq 1 "$LOOKUP_ROUNDS"); do
    lookup=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$URL/api/v1/public/dossiers/$code?pin=$pin" | tee "$WORK/lookup.txt" | rate)
    grep -q "Non-2xx" "$WORK/lookup.txt" && { cat "$WORK/lookup.txt"; echo "lookup answered errors"; exit 1; }
    trivial=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$URL/healthz" | tee "$WORK/trivial.txt" | rate)
    ratio=$(python3 -c "print(f'{$lookup / $trivial:.3f}')")
    ratios="$ratios $ratio"
    echo "lookup round $round: $lookup/s vs trivial route $trivial/s: $(python3 -c "print(f'{$ratio:.0%}')")"
done
stop
echo "lookup: median of $LOOKUP_ROUNDS rounds $(python3 -c "import statistics; print(f'{statistics.median([$(echo $ratios | tr ' ' ',')]):.0%}')") of the trivial route's rate"
fi

# 3. The queue page of a centre with a million dossiers.
part queue || exit 0
CCHC_DATA_DIR=$WORK/queue CCHC_WORKING_DIR=$ROOT "$BIN" demo load --dossiers "${BENCH_TEMPLATE_DOSSIERS:-2000}" > /dev/null
total=$(sqlite3 "$WORK/queue/cchc.sqlite" < bench/dossiers/populate.sql | tail -1)
start "$WORK/queue" info
log_in motcua
curl -sf -H "Cookie: $COOKIE" "$URL/dossiers?queue=in_progress" | grep -c '<tr' > /dev/null
wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" -s bench/dossiers/cookie.lua "$URL/dossiers?queue=in_progress" > "$WORK/queue.txt"
stop
python3 - "$WORK/queue/server.log" "$total" <<'PY'
import json, sys, statistics
times = [float(json.loads(line)["duration_ms"]) for line in open(sys.argv[1])
         if line.startswith("{") and '"route":"/dossiers"' in line and '"msg":"request"' in line]
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"queue page ({sys.argv[2]} dossiers, in progress tab, {len(times)} requests): server time median {statistics.median(times):.1f} ms, p95 {p(0.95):.1f} ms, max {times[-1]:.1f} ms")
PY
