# Sourced by .ci/run and the benchmarks: a throwaway PostgreSQL cluster from Debian's packages, on loopback.
#   pg_install              installs the postgresql package when no server is found
#   pg_start DIR PORT ARGS  initialises a cluster in DIR (created, owned by postgres when run as root) and
#                           starts it on 127.0.0.1:PORT with the extra server ARGS (e.g. "-c fsync=off")
#   pg_run DIR PORT ARGS    starts a cluster initialised before (a benchmark's kept database)
#   pg_halt DIR             stops it, keeping DIR
#   pg_stop DIR             stops it (whatever state it is in) and removes DIR

find_pg_bin() { ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }

pg_install() {
  if [ -z "$(find_pg_bin)" ]; then
    echo "== Installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends postgresql
  fi
  PG_BIN="$(find_pg_bin)"
}

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

pg_start() {
  local dir=$1 port=$2 args=${3:-}
  mkdir -p "$dir"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
  as_postgres "'$PG_BIN/initdb' -D '$dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  pg_run "$dir" "$port" "$args"
}

pg_run() {
  as_postgres "'$PG_BIN/pg_ctl' -D '$1' -l '$1/server.log' -w -o \"-p $2 -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=500 ${3:-}\" start"
}

pg_halt() {
  as_postgres "'$PG_BIN/pg_ctl' -D '$1' -m fast stop" >/dev/null 2>&1 || true
}

pg_stop() {
  pg_halt "$1"
  rm -rf "$1"
}
