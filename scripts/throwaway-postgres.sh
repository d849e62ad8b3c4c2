#!/usr/bin/env bash
# Runs a command with DATABASE_URL_PG pointing at a throw-away PostgreSQL cluster (unless
# DATABASE_URL_PG is already set), and removes the cluster afterwards.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail
if [ -n "${DATABASE_URL_PG:-}" ]; then exec "$@"; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (install Debian's postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/buzon-pg-XXXXXX)
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { "${as[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" -l "$dir/log" -w start >/dev/null
DATABASE_URL_PG="postgres://postgres@127.0.0.1:$port/postgres" "$@"
