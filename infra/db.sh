#!/usr/bin/env bash
# Local PostgreSQL for development and tests: a private cluster on 127.0.0.1, never the system one.
#   infra/db.sh start    create the cluster if needed, start it; the last line printed is the connection string
#   infra/db.sh stop | status | url
# Settings: TUTOR_PG_PORT (default 55432), TUTOR_PG_DATA (default .local/pgdata in the checkout).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${TUTOR_PG_PORT:-55432}"
key="$(printf '%s' "$repo" | sha256sum | cut -c1-10)"
socket_dir="/var/tmp/tutorapp-pgsock-$key"   # short: Unix socket paths are limited to 107 bytes
db_user=tutor
db_password=tutor
db_name=tutor

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
  echo "db.sh: PostgreSQL server binaries not found under /usr/lib/postgresql; run infra/setup.sh first." >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's 'postgres' user.
if [[ "$(id -u)" == 0 ]]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

data_dir="${TUTOR_PG_DATA:-$repo/.local/pgdata}"
if [[ -z "${TUTOR_PG_DATA:-}" && "$owner" != "$(id -un)" ]] && ! runuser -u "$owner" -- test -x "$repo"; then
  data_dir="/var/tmp/tutorapp-pgdata-$key"
  echo "db.sh: user '$owner' cannot reach $repo, so the cluster lives in $data_dir" >&2
fi
log_file="$data_dir.log"

connection_string="Host=127.0.0.1;Port=$port;Database=$db_name;Username=$db_user;Password=$db_password"

is_running() { [[ -f "$data_dir/PG_VERSION" ]] && as_owner "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; }

start() {
  mkdir -p "$(dirname "$data_dir")" "$socket_dir"
  chown "$owner" "$socket_dir"
  if [[ ! -f "$data_dir/PG_VERSION" ]]; then
    mkdir -p "$data_dir"
    chown "$owner" "$data_dir"
    chmod 700 "$data_dir"
    echo "db.sh: creating cluster in $data_dir" >&2
    as_owner "$pg_bin/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  touch "$log_file" && chown "$owner" "$log_file"
  if ! is_running; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "db.sh: port $port is taken by another server; set TUTOR_PG_PORT to a free port." >&2
      exit 1
    fi
    as_owner "$pg_bin/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 \
      -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >&2
  fi
  psql_admin() { as_owner psql -h "$socket_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$db_user'")" != 1 ]]; then
    psql_admin -c "CREATE ROLE $db_user LOGIN CREATEDB PASSWORD '$db_password'" >/dev/null
  fi
  if [[ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != 1 ]]; then
    psql_admin -c "CREATE DATABASE $db_name OWNER $db_user" >/dev/null
  fi
  echo "db.sh: PostgreSQL is running on 127.0.0.1:$port (data: $data_dir, log: $log_file)" >&2
  echo "$connection_string"
}

case "${1:-}" in
  start) start ;;
  stop) if is_running; then as_owner "$pg_bin/pg_ctl" -D "$data_dir" -m fast -w stop; fi ;;
  status) if is_running; then echo "running on 127.0.0.1:$port ($data_dir)"; else echo "stopped ($data_dir)"; exit 3; fi ;;
  url) echo "$connection_string" ;;
  *) echo "usage: infra/db.sh start|stop|status|url" >&2; exit 2 ;;
esac
