#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 as the postgres user, on a spare port, in a temporary directory.
#   source .ci/postgres.sh start   -> exports DATABASE_URL, PG_TMPDIR
#   source .ci/postgres.sh stop
# Sourced by .ci/run: no `set -e` here, it would leak into the caller.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_start() {
  if [ ! -x "$PG_BIN/postgres" ]; then
    echo "PostgreSQL 15 server binaries not found in $PG_BIN; installing postgresql-15" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  PG_TMPDIR=$(mktemp -d /tmp/dctx-pg.XXXXXX)
  chown postgres:postgres "$PG_TMPDIR"
  # A spare port: ask the kernel for a free one.
  PG_PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  su postgres -s /bin/bash -c "$PG_BIN/initdb -D '$PG_TMPDIR/data' -U postgres --auth=trust -E UTF8 >'$PG_TMPDIR/initdb.log'"
  su postgres -s /bin/bash -c "$PG_BIN/pg_ctl -D '$PG_TMPDIR/data' -l '$PG_TMPDIR/server.log' -w -t 60 \
    -o \"-p $PG_PORT -k '$PG_TMPDIR' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
  export PG_TMPDIR PG_PORT
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL 15 running on 127.0.0.1:$PG_PORT (data in $PG_TMPDIR)"
}

pg_stop() {
  if [ -n "${PG_TMPDIR:-}" ] && [ -d "$PG_TMPDIR/data" ]; then
    su postgres -s /bin/bash -c "$PG_BIN/pg_ctl -D '$PG_TMPDIR/data' -m fast -w stop >/dev/null" || true
    rm -rf "$PG_TMPDIR"
  fi
}

case "${1:-}" in
  start) pg_start ;;
  stop) pg_stop ;;
  *) echo "usage: source .ci/postgres.sh start|stop" >&2; return 2 2>/dev/null || exit 2 ;;
esac
