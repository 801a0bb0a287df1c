#!/usr/bin/env bash
# Makes a PostgreSQL server available for the tests and prints its admin URL as the last line of stdout.
# Order: TEST_POSTGRES_URL if set; else a private throwaway cluster (port 55432, data in /tmp) started from the
# machine's PostgreSQL binaries, installing Debian's `postgresql` package first when running as root.
# Exits non-zero, with the reason on stderr, when no server can be had.
set -uo pipefail

if [ -n "${TEST_POSTGRES_URL:-}" ]; then echo "$TEST_POSTGRES_URL"; exit 0; fi

PORT="${TEST_POSTGRES_PORT:-55432}"
DATA="${TEST_POSTGRES_DATA:-/tmp/mild-test-postgres-$PORT}"
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL (Debian package postgresql) for the tests…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 || { echo "apt-get install postgresql failed" >&2; exit 1; }
    BIN="$(find_bin)"
  fi
fi
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin) and cannot be installed here (not root, or no apt-get)." >&2
  exit 1
fi

# initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then echo "$URL"; exit 0; fi

if [ ! -s "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = "0" ] && chown postgres "$DATA"
  # Throwaway test data: trust on loopback, C locale (code-point text order, as SQLite's), no fsync.
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >&2 || { echo "initdb failed" >&2; exit 1; }
fi
as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DATA -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2 \
  || { echo "PostgreSQL did not start; see $DATA/server.log" >&2; tail -n 20 "$DATA/server.log" >&2; exit 1; }
echo "$URL"
