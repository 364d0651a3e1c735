#!/usr/bin/env bash
# Runs the whole CpAlerts pipeline locally on synthetic data: installs Azurite, builds, starts Azurite,
# generates and imports a caseload, runs the daily sweep and weekly digest through the real handler,
# delivers every email to out/outbox/, writes out/index.html, stops Azurite.
# Usage: scripts/demo.sh [--as-of 2026-11-23] [--children 480] [--seed 1] [--faults] [--serve: then keep the team view open]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/azurite.sh

azurite_install
echo "==> Building…"
dotnet build tool -c Release --nologo -v quiet -clp:ErrorsOnly
trap azurite_stop EXIT
AZURITE_LOG=out/demo-azurite.log azurite_start
dotnet tool/bin/Release/net10.0/CpAlerts.Tool.dll demo --out out "$@"
