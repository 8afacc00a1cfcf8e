# shellcheck shell=bash
# Sourced by backup.sh and restore.sh: turns the app's connection string (ConnectionStrings__Tutor, else the local
# cluster's from db.sh) into libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD), and finds the
# PostgreSQL client programs matching the newest installed server.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
connection_string="${ConnectionStrings__Tutor:-$("$repo/infra/db.sh" url)}"
IFS=';' read -ra parts <<< "$connection_string"
for part in "${parts[@]}"; do
  key="$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
  value="${part#*=}"
  case "$key" in
    host|server) export PGHOST="$value" ;;
    port) export PGPORT="$value" ;;
    database) export PGDATABASE="$value" ;;
    username|user|userid) export PGUSER="$value" ;;
    password) export PGPASSWORD="$value" ;;
  esac
done
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$pg_bin" || ! -x "$pg_bin/pg_dump" ]]; then
  echo "$(basename "$0"): PostgreSQL client programs not found under /usr/lib/postgresql; run infra/setup.sh first." >&2
  exit 1
fi
