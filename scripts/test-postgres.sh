#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the tests and prints its URL.
# Installs Debian's postgresql if no server binary is present. Idempotent:
# a cluster already running from an earlier call is reused.
#   usage: eval "$(scripts/test-postgres.sh)"   → exports DATABASE_URL
#          scripts/test-postgres.sh stop
set -euo pipefail
port="${BEREDSKAP_TEST_PG_PORT:-54329}"
dir="${BEREDSKAP_TEST_PG_DIR:-/tmp/beredskap-test-pg}"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "installing postgresql (Debian package)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = stop ]; then
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
  exit 0
fi

if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_pg "$bin/initdb" -A trust -U beredskap -D "$dir/data" >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U beredskap beredskap_test
fi
echo "export DATABASE_URL=postgres://beredskap@127.0.0.1:$port/beredskap_test"
