#!/usr/bin/env bash
# The app's build-time assets, shared by infra/setup.sh (a checkout) and infra/Dockerfile (the image); safe to run again:
#   npm: katex, mathlive, dompurify (copied to wwwroot/lib)
#   blazor.web.js: the official assets package when the NuGet feed has it, else extracted from the .NET 9 runtime pack
# Needs node/npm and the .NET SDK; installs no system packages.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
say() { echo "assets: $*" >&2; }

# npm: reinstall only when package.json or the lock file changed since the last install.
stamp=".local/npm.stamp"
wanted="$(cat package.json package-lock.json | sha256sum | cut -c1-16)"
if [[ ! -d node_modules || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
  say "installing npm packages"
  # --ignore-scripts: none of these packages needs an install script, and a new dependency's script cannot run unseen.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
  mkdir -p .local && echo "$wanted" > "$stamp"
fi
mkdir -p wwwroot/lib/katex wwwroot/lib/mathlive wwwroot/lib/dompurify
cp -ru node_modules/katex/dist/. wwwroot/lib/katex/
cp -ru node_modules/mathlive/mathlive.min.js node_modules/mathlive/mathlive-static.css node_modules/mathlive/fonts node_modules/mathlive/sounds wwwroot/lib/mathlive/
cp -u node_modules/dompurify/dist/purify.min.js wwwroot/lib/dompurify/

# blazor.web.js: one switch, chosen here and recorded in the git-ignored Directory.Build.local.props.
if [[ ! -f Directory.Build.local.props ]]; then
  if dotnet restore infra/tools/BlazorAssetsProbe/BlazorAssetsProbe.csproj >/dev/null 2>&1; then
    say "the NuGet feed has the official Blazor assets package: using it"
    source=official
  else
    say "the official Blazor assets package is not on the NuGet feed: blazor.web.js comes from the .NET 9 runtime pack"
    source=extracted
  fi
  cat > Directory.Build.local.props <<PROPS
<Project>
  <!-- Written by infra/assets.sh; delete it to choose again. -->
  <PropertyGroup>
    <TutorBlazorScriptSource>$source</TutorBlazorScriptSource>
  </PropertyGroup>
</Project>
PROPS
fi
if grep -q '>extracted<' Directory.Build.local.props && [[ ! -f wwwroot/_framework/blazor.web.js ]]; then
  dotnet run --project infra/tools/BlazorScriptExtractor -- wwwroot/_framework/blazor.web.js >&2
fi
