#!/usr/bin/env bash
# Installs whatever this checkout needs and is missing; safe to run again (each step checks first).
#   apt: postgresql, chromium, python3 with torch/onnx/numpy/sklearn/pytest (model training and its tests),
#        yamllint and shellcheck (static checks of the deployment files and scripts)
#   infra/assets.sh: npm packages copied into wwwroot/lib, blazor.web.js (shared with the Dockerfile)
#   NuGet: dotnet restore of the solution
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
say() { echo "setup: $*" >&2; }

apt_packages=(postgresql chromium python3-torch python3-onnx python3-numpy python3-sklearn python3-pytest python3-jsonschema yamllint shellcheck)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo_cmd=(); [[ "$(id -u)" == 0 ]] || sudo_cmd=(sudo)
  say "installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

infra/assets.sh

dotnet restore TutorApp.sln --verbosity quiet >&2
say "done"
