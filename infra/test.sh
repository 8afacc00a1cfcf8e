#!/usr/bin/env bash
# The whole test suite: installs what is missing, starts the local PostgreSQL, builds, then runs the unit,
# integration (real PostgreSQL) and end-to-end (Playwright + Debian Chromium) tests. Exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

infra/setup.sh
ConnectionStrings__Tutor="$(infra/db.sh start | tail -n 1)"
export ConnectionStrings__Tutor

# Deployment files: no container engine or cluster runs here, so they are linted (and checked as data by
# KubernetesManifestTests and ContainerFileTests in the unit tests).
yamllint --strict -c infra/yamllint.yaml infra/k8s infra/compose.yaml
shellcheck --external-sources --severity=warning infra/*.sh

# Python: the knowledge-tracing training code's own fast tests (Debian's python3 with torch, not a pyenv python3).
(cd src/kt-training && /usr/bin/python3 -m pytest -q tests)

dotnet build TutorApp.sln --nologo --verbosity quiet
rm -rf TestResults/screenshots
# One test project at a time (-m:1): on a 2-core machine the browser tests time out when they share it with the
# integration tests. The minimal console logger prints each failure's message and stack trace.
dotnet test TutorApp.sln --no-build --nologo --verbosity quiet -m:1 --logger "console;verbosity=minimal"
echo "test.sh: all tests passed (screenshots of failed browser scenarios would be in TestResults/screenshots)" >&2
