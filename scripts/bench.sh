#!/usr/bin/env bash
# Prints CpAlerts' speed and memory figures (docs/benchmarks.md records a run):
#   scripts/bench.sh                 BenchmarkDotNet (rules over 100,000 children, email rendering) + end-to-end at 1,000 and 10,000 children
#   scripts/bench.sh e2e 1000,100000 end-to-end only, at the sizes given
#   scripts/bench.sh region 100 1000 a region: 100 councils of 1,000 children, each swept on its own
# End-to-end figures need Azurite, started here in memory on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh
azurite_install
dotnet build benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
if [ "${1:-}" != "e2e" ] && [ "${1:-}" != "region" ]; then
  echo "==> BenchmarkDotNet (ShortRun)…"
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll --filter '*' --job short --memory --artifacts out/benchmarks
fi
trap azurite_stop EXIT
# Azurite keeps every table in memory: 100,000 children is ~3.5 million entities across the run.
export NODE_OPTIONS="--max-old-space-size=16384"
AZURITE_LOG=out/bench-azurite.log azurite_start
unset NODE_OPTIONS
echo "==> End-to-end against Azurite…"
if [ "${1:-}" = "region" ]; then
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll e2e region "${2:-100}" "${3:-1000}"
else
  dotnet benchmarks/bin/Release/net10.0/CpAlerts.Benchmarks.dll e2e "${2:-1000,10000}"
fi
