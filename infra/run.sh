#!/usr/bin/env bash
# Runs the app: installs what is missing, starts the local PostgreSQL, and serves on http://127.0.0.1:5080.
# In Development (the default here) the demo accounts are seeded and printed at start-up.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

infra/setup.sh
ConnectionStrings__Tutor="$(infra/db.sh start | tail -n 1)"
export ConnectionStrings__Tutor
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet run --project src/TutorApp.Web --no-launch-profile "$@"
