# Sourced by the service index benchmarks: `query [SQL]` runs the statement given (or those on standard input)
# against BENCH_DIR's database: SQLite's file, or with BENCH_DATABASE=postgres the cluster in BENCH_DIR/pg on
# BENCH_PG_PORT (PostgreSQL from Debian's packages, installed as .ci/run does), whose DATABASE_URL it exports.
if [ "${BENCH_DATABASE:-sqlite}" = postgres ]; then
    . .ci/postgres.sh
    pg_install
    PG_PORT=${BENCH_PG_PORT:-55433}
    export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/cchc?sslmode=disable"
    query() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -At -v ON_ERROR_STOP=1 ${1:+-c "$1"} cchc; }
else
    query() { sqlite3 "$WORK/cchc.sqlite" "$@"; }
fi
