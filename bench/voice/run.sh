#!/usr/bin/env bash
# Citizens' voice benchmarks (issue 17), on a release build, SQLite with synchronous=FULL:
#   1. in one run, each for BENCH_SECONDS with wrk: counter intake through the API; the bare SQLite loop the
#      intake is measured against (bench/dossiers/bare_intake.py); feedback sent through the public API
#      (no account); survey answers by token through the public API, each on a token of its own. The issue
#      asks feedback and answers at least half the bare loop's rate;
#   2. the results of a campaign of 100,000 answers (populate_answers.py writes them as the answer's write
#      path does): GET /api/v1/survey-campaigns/{code}/results, server time from the request log.
# Needs sqlite3, wrk and python3. Results go to docs/benchmarks.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BIN=${CCHC_BIN:-$ROOT/.build/release/cchc}
WORK=${BENCH_DIR:-/tmp/cchc-bench-voice}
PORT=${BENCH_PORT:-8198}
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
BARE_INTAKES=${BENCH_BARE_INTAKES:-2000}
ANSWERS=${BENCH_ANSWERS:-100000}
URL=http://127.0.0.1:$PORT
[ -x "$BIN" ] || { echo "Build first: swift build -c release --product cchc"; exit 1; }

SERVER=
stop() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; SERVER=; }
trap stop EXIT
start() { # start LOG_LEVEL
    CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT CCHC_LOG_LEVEL=$1 CCHC_LOG_FORMAT=json CCHC_DEADLINE_JOB_SECONDS=0 \
        CCHC_SQLITE_SYNCHRONOUS=FULL "$BIN" serve --demo --demo-dossiers 0 --port "$PORT" > "$WORK/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 100); do curl -sf "$URL/healthz" > /dev/null && return; sleep 0.2; done
    echo "server did not start"; cat "$WORK/server.log"; exit 1
}
token() { curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"cchc-demo\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
rate() { grep '^Requests/sec' | awk '{print $2}'; }
run() { # run NAME LUA PATH
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$2" "$URL$3" > "$WORK/$1.txt"
    if grep -q "Non-2xx" "$WORK/$1.txt"; then cat "$WORK/$1.txt" >&2; echo "$1 answered errors" >&2; exit 1; fi
    rate < "$WORK/$1.txt"
}

rm -rf "$WORK" && mkdir -p "$WORK/bare"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
CCHC_DATA_DIR=$WORK CCHC_WORKING_DIR=$ROOT "$BIN" demo load --dossiers 0 > /dev/null
start warning
staff=$(token noivu)
api() { curl -sS --fail-with-body -X "$1" "$URL$2" -H "Authorization: Bearer $staff" -H 'Content-Type: application/json' ${3:+--data "$3"}; }

# A leaders' campaign over 80 units, 500 invitations each: a token for every answer the run can send.
sipas=$(api GET /api/v1/questionnaires/citizens | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["versions"][0]["questionnaire"]))')
api POST /api/v1/questionnaires/leaders "{\"effectiveFrom\":\"$(TZ=Asia/Ho_Chi_Minh date +%F)\",\"reason\":\"bench\",\"questionnaire\":$sipas}" > "$WORK/questionnaire.json" || { cat "$WORK/questionnaire.json"; exit 1; }
units=$(sqlite3 "$WORK/cchc.sqlite" "SELECT code FROM units WHERE parent_id IS NOT NULL AND effective_to IS NULL ORDER BY code LIMIT 80" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().split()))')
open_campaign() { api POST /api/v1/survey-campaigns "{\"title\":\"$1\",\"audience\":\"leaders\",\"periodFrom\":\"2026-01-01\",\"periodTo\":\"2026-12-31\",\"closesOn\":\"2099-12-31\",\"units\":$units,\"groups\":[{\"name\":\"Bench\",\"count\":$2}]}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])'; }
answers_code=$(open_campaign "Answers" 500)
api GET "/api/v1/survey-campaigns/$answers_code/invitations" | python3 -c 'import json,sys; print("\n".join(i["token"] for i in json.load(sys.stdin)["items"]))' > "$WORK/tokens.txt"
python3 - "$sipas" > "$WORK/answer.json" <<'PY'
import json, sys
questionnaire = json.loads(sys.argv[1])
answers = {}
for section in questionnaire["sections"]:
    for item in section["items"]:
        kind = item["kind"]
        if kind == "satisfaction": answers[item["code"]] = "4"
        elif kind == "choice": answers[item["code"]] = item["options"][0]["code"]
        elif kind == "yes_no": answers[item["code"]] = "yes"
        elif kind == "number": answers[item["code"]] = "2"
print(json.dumps({"answers": answers}))
PY
cat > "$WORK/intake.json" <<JSON
{"procedureCode":"DM.01.005","channel":"counter","receivingUnitCode":"000.00.30.H99",
 "applicant":{"fullName":"Nguyễn Văn An","idNumber":"001203004567","phone":"0912345678","email":"an@example.vn","address":"Phường Trung Tâm"},
 "components":[{"index":0,"originals":1},{"index":1,"certifiedCopies":1},{"index":2,"originals":1}]}
JSON
cat > "$WORK/feedback.json" <<JSON
{"name":"Nguyễn Văn An","phone":"0912345678","topic":"unit","unitCode":"000.00.07.H99","title":"Chậm trả kết quả",
 "content":"Hồ sơ đăng ký biến động đất đai quá hẹn, đề nghị trả lời."}
JSON

# 1. Intake, the bare loop, feedback and answers, in one run.
export TOKEN; TOKEN=$(token motcua)
export BODY_FILE=$WORK/intake.json
intake=$(run intake bench/dossiers/intake.lua /api/v1/dossiers)
bare=$(python3 bench/dossiers/bare_intake.py "$WORK/cchc.sqlite" "$WORK/bare/bare.sqlite" "$BARE_INTAKES")
BODY_FILE=$WORK/feedback.json
feedback=$(run feedback bench/voice/feedback.lua /api/v1/public/feedback)
BODY_FILE=$WORK/answer.json
export TOKENS_FILE=$WORK/tokens.txt
answers=$(run answers bench/voice/answer.lua /api/v1/public/surveys)
share() { python3 -c "print(f'{$1 / $bare:.0%}')"; }
echo "bare SQLite intake loop $bare/s; API intake $intake/s ($(share "$intake"))"
echo "feedback through the public API $feedback/s ($(share "$feedback") of the bare loop; $(sqlite3 "$WORK/cchc.sqlite" "SELECT count(*) FROM feedback") stored)"
echo "survey answers by token $answers/s ($(share "$answers") of the bare loop; $(sqlite3 "$WORK/cchc.sqlite" "SELECT count(*) FROM survey_ballots") stored, $CONNECTIONS connections)"
stop

# 2. Results of a campaign of ANSWERS answers.
start warning
results_code=$(open_campaign "Results" 1)
stop
python3 bench/voice/populate_answers.py "$WORK/cchc.sqlite" "$results_code" "$ANSWERS"
start info
staff=$(token bcd)
respondents=$(api GET "/api/v1/survey-campaigns/$results_code/results" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["respondents"])')
[ "$respondents" = "$ANSWERS" ] || { echo "the results count $respondents respondents, not $ANSWERS"; exit 1; }
for _ in $(seq 1 50); do api GET "/api/v1/survey-campaigns/$results_code/results" > /dev/null; done
stop
python3 - "$WORK/server.log" "$ANSWERS" <<'PY'
import json, sys, statistics
times = sorted(float(json.loads(line)["duration_ms"]) for line in open(sys.argv[1])
               if line.startswith("{") and '"route":"/api/v1/survey-campaigns/:code/results"' in line and '"msg":"request"' in line)
p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
print(f"results of a campaign of {sys.argv[2]} answers ({len(times)} requests): server time median {statistics.median(times):.1f} ms, p95 {p(0.95):.1f} ms, max {times[-1]:.1f} ms")
PY
