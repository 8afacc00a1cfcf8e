#!/usr/bin/env bash
# Publishes the web app and the tutor CLI into one folder laid out as the container image's /app (infra/Dockerfile runs
# this in its build stage): binaries, shipped KT models (Models/), appsettings.json, migrations/, wwwroot/ with the npm
# assets and blazor.web.js. ONNX Runtime's native library comes with its NuGet package (runtimes/linux-x64/native/);
# further arguments go to dotnet publish, e.g. -p:OnnxRuntimeGpu=true for the CUDA build (the runtime-gpu image).
#   infra/publish.sh OUTPUT_DIR [DOTNET_PUBLISH_ARGS...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: infra/publish.sh OUTPUT_DIR [DOTNET_PUBLISH_ARGS...]}"
shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$repo"

infra/assets.sh
dotnet publish src/TutorApp.Web/TutorApp.Web.csproj -c Release -o "$out" --nologo --verbosity quiet "$@"
dotnet publish src/TutorApp.Cli/TutorApp.Cli.csproj -c Release -o "$out" --nologo --verbosity quiet "$@"
cp appsettings.json "$out/"
rm -rf "$out/migrations" && cp -r migrations "$out/migrations"
# The repository's wwwroot (own CSS/JS, wwwroot/lib, blazor.web.js when extracted) beside the published _content/.
mkdir -p "$out/wwwroot" && cp -r wwwroot/. "$out/wwwroot/"
echo "publish: $out is ready (run: dotnet $out/TutorApp.Web.dll; migrate: dotnet $out/tutor.dll migrate)" >&2
