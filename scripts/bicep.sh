#!/usr/bin/env bash
# Compiles and lints infra-bicep/ with the Bicep CLI from its NuGet package. Any warning or error fails.
# Writes the compiled ARM templates to out/infra/ (read by the infrastructure tests): the template, and the
# parameters of both examples (main.bicepparam: the demo; main.private.bicepparam: private networking on).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet restore infra-bicep/BicepCli.csproj --nologo -v quiet >/dev/null
bicep=$(dotnet msbuild infra-bicep/BicepCli.csproj -getProperty:BicepPath -nologo | tr -d '\r' | sed 's|\\|/|g')
[ -f "$bicep" ] || { echo "Bicep CLI not found at '$bicep' after restore" >&2; exit 1; }
chmod +x "$bicep" # NuGet does not keep the executable bit

mkdir -p out/infra
status=0
diagnostics=$(
  "$bicep" build infra-bicep/main.bicep --outfile out/infra/main.json 2>&1 &&
  "$bicep" build-params infra-bicep/main.bicepparam --outfile out/infra/main.parameters.json 2>&1 &&
  "$bicep" build-params infra-bicep/main.private.bicepparam --outfile out/infra/main.private.parameters.json 2>&1 &&
  "$bicep" lint infra-bicep/main.bicep 2>&1 &&
  "$bicep" lint infra-bicep/main.bicepparam 2>&1 &&
  "$bicep" lint infra-bicep/main.private.bicepparam 2>&1
) || status=$?
if [ -n "$diagnostics" ] || [ "$status" -ne 0 ]; then
  echo "$diagnostics" >&2
  echo "infra-bicep: warnings or errors above; fix them (scripts/bicep.sh fails on any)." >&2
  exit 1
fi
echo "infra-bicep: built and linted with $("$bicep" --version), no warnings"
