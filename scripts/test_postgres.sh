#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests and print its SQLAlchemy URL.
# Usage: eval "$(bash scripts/test_postgres.sh start)"   -> exports ASSISTANT_TEST_POSTGRES_URL
#        bash scripts/test_postgres.sh stop
# Needs Debian's postgresql package (initdb under /usr/lib/postgresql/<version>/bin). Runs the server as the
# 'postgres' user when started as root, since PostgreSQL refuses to run as root.
set -euo pipefail
port="${TEST_POSTGRES_PORT:-54329}"
data="${TEST_POSTGRES_DIR:-/tmp/tanya-test-postgres}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-start}" in
  start)
    if ! as_owner "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      rm -rf "$data"
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres: "$data"
      as_owner "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 >/dev/null
      as_owner "$bin/pg_ctl" -s -D "$data/db" -l "$data/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres tanya_test
    fi
    echo "export ASSISTANT_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/tanya_test"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -s -D "$data/db" -m fast stop || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
