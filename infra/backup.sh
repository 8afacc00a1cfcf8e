#!/usr/bin/env bash
# A consistent dump of the app's database in PostgreSQL's custom format (compressed; restored by infra/restore.sh).
#   infra/backup.sh [FILE]     default: backups/tutor-YYYYMMDD-HHMMSS.dump
# The database is the app's: ConnectionStrings__Tutor, else the local cluster (infra/db.sh). Safe while the app runs
# (pg_dump reads one snapshot). The dump holds students' data: keep it as private as the database itself.
set -euo pipefail
# shellcheck source=infra/pg-connection.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg-connection.sh"
file="${1:-$repo/backups/tutor-$(date -u +%Y%m%d-%H%M%S).dump}"
mkdir -p "$(dirname "$file")"
umask 077
"$pg_bin/pg_dump" --format=custom --no-owner --no-privileges --file="$file" "$PGDATABASE"
echo "backup.sh: $PGDATABASE on $PGHOST:$PGPORT dumped to $file ($(stat -c %s "$file") bytes)" >&2
echo "$file"
