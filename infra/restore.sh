#!/usr/bin/env bash
# Restores a dump made by infra/backup.sh into the app's database (ConnectionStrings__Tutor, else the local cluster).
#   infra/restore.sh FILE
# The target database must exist and be empty (create it with: CREATE DATABASE name OWNER tutor): restoring over live
# data is refused, so a mistyped connection string cannot overwrite a school's data. Stop the app first; start it after.
# All or nothing: the restore runs in one transaction and stops at the first error.
set -euo pipefail
# shellcheck source=infra/pg-connection.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg-connection.sh"
file="${1:?usage: infra/restore.sh FILE}"
[[ -f "$file" ]] || { echo "restore.sh: $file does not exist" >&2; exit 2; }
tables="$("$pg_bin/psql" -X -qtA -v ON_ERROR_STOP=1 -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")"
if [[ "$tables" != 0 ]]; then
  echo "restore.sh: $PGDATABASE on $PGHOST:$PGPORT already has $tables tables; restore only into an empty database." >&2
  exit 3
fi
"$pg_bin/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$PGDATABASE" "$file"
echo "restore.sh: $file restored into $PGDATABASE on $PGHOST:$PGPORT" >&2
