#!/usr/bin/env bash
# Publishes the web app and the tutor CLI into one folder laid out as the container image's /app (infra/Dockerfile runs
# this in its build stage): binaries, shipped KT models (Models/), appsettings.json, migrations/, wwwroot/ with the npm
# assets and blazor.web.js, and the ONNX Runtime native library in onnxruntime/.
#   infra/publish.sh OUTPUT_DIR
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: infra/publish.sh OUTPUT_DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$repo"

infra/assets.sh
dotnet publish src/TutorApp.Web/TutorApp.Web.csproj -c Release -o "$out" --nologo --verbosity quiet
dotnet publish src/TutorApp.Cli/TutorApp.Cli.csproj -c Release -o "$out" --nologo --verbosity quiet
cp appsettings.json "$out/"
rm -rf "$out/migrations" && cp -r migrations "$out/migrations"
# The repository's wwwroot (own CSS/JS, wwwroot/lib, blazor.web.js when extracted) beside the published _content/.
mkdir -p "$out/wwwroot" && cp -r wwwroot/. "$out/wwwroot/"
mkdir -p "$out/onnxruntime" && cp .local/onnxruntime/libonnxruntime.so* "$out/onnxruntime/"
echo "publish: $out is ready (run: dotnet $out/TutorApp.Web.dll; migrate: dotnet $out/tutor.dll migrate)" >&2
